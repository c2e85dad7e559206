import * as fc from 'fast-check';
import { objectMetaProblems, ObjectNameRule } from '../../src/core/object-meta';
import { describeProblem } from '../../src/core/problem';
import { describeVerdict, kubeCheck } from '../support/kube-check';
import { propertySeed } from '../support/property';
import { describeWithTool } from '../support/tools';

// Differential: generated metadata on a custom resource (the kind of every monitoring object and custom resource
// opskit emits), judged by opskit's one ObjectMeta check and by the API server's create path (kube-check). opskit
// must reject exactly the metadata the server rejects.

const RUNS = Number(process.env.OPSKIT_FC_RUNS ?? 600);

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }],
  },
};

/** Mostly valid values (`good`), now and then one from `bad`. */
function mostly<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: bad });
}

const NAME = mostly(
  fc.oneof(fc.constantFrom('web', 'a', 'web.v1', 'a-b', '0a', 'a'.repeat(253), `${'a'.repeat(63)}.${'b'.repeat(63)}`), fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,10}[a-z0-9])?$/)),
  fc.constantFrom('a'.repeat(254), 'a'.repeat(64), 'Web', 'a_b', '-a', 'a-', 'a..b', '.a', 'a: b', 'a b', '', 'é', 'a/b', 'a%b', '.', '..', 'a\u2028b'),
);
const PREFIX = mostly(fc.constantFrom('web-', 'web', 'a.', `${'a'.repeat(252)}-`), fc.constantFrom('Bad_', '-', 'a..', `${'a'.repeat(253)}-`, 'a b-'));
const NAMESPACE = mostly(fc.constantFrom('default', 'team-a', 'a'.repeat(63), '0'), fc.constantFrom('a'.repeat(64), 'Bad_NS', 'a.b', 'a b', '-a'));
const KEY = mostly(
  fc.oneof(fc.constantFrom('app', 'app.kubernetes.io/name', 'example.com/tier', 'a_b', 'a.b-c', 'A', 'a'.repeat(63), 'kubernetes.io/x'), fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,6}[a-z0-9])?$/)),
  fc.constantFrom('Example.com/x', 'EXAMPLE.COM/X', 'a b', 'x/', '/x', 'a/b/c', 'a'.repeat(64), `${'a'.repeat(254)}/x`, 'é', '${var.x}', 'a:b', '_a', 'a_'),
);
const VALUE = mostly(
  fc.oneof(fc.constantFrom('v', '', 'a'.repeat(63), 'a.b_c-d', 'A'), fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,6}[a-zA-Z0-9])?$/)),
  fc.constantFrom('with space', 'a'.repeat(64), '-a', 'a-', 'a: b', '{{ x }}', 'é'),
);
const FINALIZER = mostly(fc.constantFrom('example.com/cleanup', 'cleanup', 'kubernetes'), fc.constantFrom('bad finalizer', 'Example.com/x', 'a/b/c'));

/** Metadata as users write it: mostly valid, with one or two things wrong now and then. */
const METADATA = fc.record({
  name: NAME,
  generateName: PREFIX,
  namespace: NAMESPACE,
  labels: fc.dictionary(KEY, VALUE, { maxKeys: 2 }),
  annotations: fc.dictionary(KEY, fc.string({ maxLength: 20 }), { maxKeys: 2 }),
  finalizers: fc.array(FINALIZER, { maxLength: 2 }),
  extra: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('labelz', 'namspace', 'spec') }),
}, { requiredKeys: [] }).map(({ extra, ...m }) => (extra ? { ...m, [extra]: { a: 'b' } } : m) as Record<string, unknown>);

describeWithTool('kube-check', 'ObjectMeta: opskit and the API server agree (differential)', () => {
  test(`${RUNS} generated metadata: opskit rejects exactly what the server rejects`, () => {
    // GIVEN generated metadata on a custom resource of a CRD the stream defines first
    const metas = fc.sample(METADATA, { numRuns: RUNS, seed: propertySeed() });
    const objects = metas.map((metadata) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata, spec: {} }));
    // WHEN both judge them
    const verdicts = kubeCheck([CRD, ...objects]).slice(1);
    const opskit = metas.map((m) => objectMetaProblems(m, { name: ObjectNameRule.SUBDOMAIN, clusterScoped: false, unknownFields: true }));
    // THEN they agree on every one
    const disagreements = metas.flatMap((m, i) => (verdicts[i].allowed === (opskit[i].length === 0) ? [] : [
      `${JSON.stringify(m)}\n  server: ${describeVerdict(verdicts[i])}\n  opskit: ${opskit[i].map(describeProblem).join(' | ') || 'accepted'}`,
    ]));
    const rejected = verdicts.filter((v) => !v.allowed).length;
    // eslint-disable-next-line no-console
    console.log(`ObjectMeta differential (seed ${propertySeed()}): ${RUNS} cases, server rejects ${rejected}, disagreements ${disagreements.length}`);
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(rejected).toBeGreaterThan(RUNS / 10);
    expect(rejected).toBeLessThan(RUNS);
  });
});
