import { OpsTesting } from '../../src/app/testing';
import { objectMetaProblems, ObjectNameRule } from '../../src/core/object-meta';
import { OpsError, OpsErrors } from '../../src/core/ops-error';
import { describeProblem } from '../../src/core/problem';
import { PrometheusRules } from '../../src/observability/prometheus-rules';

const CUSTOM = { name: ObjectNameRule.SUBDOMAIN, clusterScoped: false, unknownFields: true };

describe('objectMetaProblems', () => {
  test('problems come in the order of the fields: name, generateName, namespace, labels, annotations, finalizers, owner references', () => {
    const meta = {
      name: 'Bad_Name',
      generateName: 'Bad_',
      namespace: 'Team',
      labels: { 'bad key!': 'v', 'k': 1 },
      annotations: { 'bad key!': 'v' },
      finalizers: ['bad/key/x'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p' }],
    };
    expect(objectMetaProblems(meta, { name: ObjectNameRule.SUBDOMAIN, clusterScoped: false, unknownFields: false }).map((p) => p.field)).toEqual([
      'metadata.name', 'metadata.generateName', 'metadata.namespace', 'metadata.labels.k', 'metadata.labels["bad key!"]',
      'metadata.annotations["bad key!"]', 'metadata.finalizers[0]', 'metadata.ownerReferences[0].uid',
    ]);
  });

  test('valid metadata has no problems', () => {
    // GIVEN
    const meta = {
      name: 'web.v1',
      namespace: 'team-a',
      labels: { 'app.kubernetes.io/name': 'web', 'tier': '' },
      annotations: { 'Example.com/Owner': 'payments team' },
      finalizers: ['example.com/cleanup'],
      uid: '0000',
    };
    // WHEN / THEN
    expect(objectMetaProblems(meta, CUSTOM)).toEqual([]);
  });

  test.each([
    ['a name with ": "', { name: 'a: b' }, 'metadata.name must be a DNS-1123 subdomain'],
    ['a name with capitals', { name: 'Web' }, 'metadata.name must be a DNS-1123 subdomain'],
    ['no name and no generateName', {}, 'metadata.name is required'],
    ['a generateName that is no prefix of a name', { generateName: 'Bad_' }, 'metadata.generateName must be a DNS-1123 subdomain'],
    ['a namespace with an underscore', { name: 'a', namespace: 'Bad_NS' }, 'metadata.namespace must be a DNS-1123 label, got "Bad_NS"'],
    ['a label value with spaces', { name: 'a', labels: { team: 'with space' } }, 'metadata.labels.team must be a label value'],
    ['a label key with a space', { name: 'a', labels: { 'a b': 'x' } }, 'metadata.labels["a b"] must be a qualified name'],
    ['a label value that is no string', { name: 'a', labels: { replicas: 3 } }, 'metadata.labels.replicas must be a string, got 3'],
    ['an annotation key with an interpolation', { name: 'a', annotations: { '${var.x}': 'y' } }, 'must be a qualified name, case aside'],
    ['an unknown metadata field', { name: 'a', labelz: { a: 'b' } }, 'metadata.labelz is not a field of ObjectMeta'],
    ['a finalizer with a space', { name: 'a', finalizers: ['bad finalizer'] }, 'metadata.finalizers[0] must be a qualified name'],
    ['an owner reference without uid', { name: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }] }, 'metadata.ownerReferences[0].uid is required'],
    ['annotations over 256 KiB', { name: 'a', annotations: { big: 'x'.repeat(262142) } }, 'metadata.annotations must be at most 262144 bytes in total'],
  ])('fails on %s', (_name, meta, message) => {
    expect(objectMetaProblems(meta, CUSTOM).map(describeProblem)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  test.each([
    ['a label-named kind', ObjectNameRule.LABEL, 'a.b', false],
    ['a path-segment-named kind', ObjectNameRule.PATH_SEGMENT, 'system:controller:Web', true],
    ['a path-segment-named kind, given ".."', ObjectNameRule.PATH_SEGMENT, '..', false],
  ])('names follow the kind: %s', (_name, rule, name, valid) => {
    expect(objectMetaProblems({ name }, { ...CUSTOM, name: rule }).length === 0).toBe(valid);
  });

  test('a namespace on a cluster-scoped kind is left to the server (it clears it), and unknown fields can be left to a field model', () => {
    expect(objectMetaProblems({ name: 'a', namespace: 'Bad_NS', labelz: {} }, { name: ObjectNameRule.SUBDOMAIN, clusterScoped: true, unknownFields: false })).toEqual([]);
  });
});

describe('every emitted object\'s metadata goes through the one check', () => {
  function synthProblems(metadata: Record<string, unknown>): string[][] {
    const app = OpsTesting.app({ failFast: false });
    new PrometheusRules(app.chart('mon'), 'rules', {
      metadata: metadata as any,
      groups: [{ name: 'web', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] }],
    });
    try {
      OpsTesting.synth(app);
    } catch (e) {
      return OpsErrors.problemsOf(e as OpsError).map((p) => [p.path, p.field]);
    }
    return [];
  }

  test('a monitoring object with a bad label value fails at synth, at the object the construct emitted', () => {
    expect(synthProblems({ name: 'web', labels: { team: 'with space' } })).toEqual([['mon/rules/Resource', 'PrometheusRule/web metadata.labels.team']]);
  });

  test('a metadata key ObjectMeta does not have fails at the construct (the props\' type check)', () => {
    expect(synthProblems({ name: 'web', labelz: { a: 'b' } })).toEqual([['mon/rules', 'metadata.labelz']]);
  });
});
