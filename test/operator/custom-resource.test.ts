import { ApiObject, JsonPatch } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { CustomResource } from '../../src/operator/custom-resource';
import { CustomResourceDefinition, ResourceScope } from '../../src/operator/custom-resource-definition';
import * as schemaValidator from '../../src/operator/model/schema-validator';
import { ListType, Schema } from '../../src/operator/schema';
import { validCrd } from '../fixtures/operator/crds';

function backupPlans(chart: any, scope?: ResourceScope): CustomResourceDefinition {
  return new CustomResourceDefinition(chart, 'BackupPlans', {
    group: 'backup.example.com',
    kind: 'BackupPlan',
    scope,
    versions: [{
      name: 'v1alpha1',
      spec: Schema.object({
        properties: {
          schedule: Schema.string({ minLength: 1, pattern: '^\\S+( \\S+){4}$' }),
          keep: Schema.integer({ minimum: 1, maximum: 100, default: 7 }),
          mode: Schema.string({ enum: ['Full', 'Incremental'], default: 'Full' }),
          port: Schema.intOrString(),
          startAfter: Schema.dateTime(),
          tags: Schema.array(Schema.string({ maxLength: 20 }), { maxItems: 10, listType: ListType.SET }),
          target: Schema.object({ properties: { name: Schema.string(), kind: Schema.string({ default: 'Deployment' }) }, required: ['name'] }),
          minKeep: Schema.integer(),
          size: Schema.quantity({ validations: [{ rule: "quantity(self).isLessThan(quantity('10Gi'))", message: 'too big' }] }),
          storageClass: Schema.string({ immutable: true }),
        },
        required: ['schedule', 'target'],
        validations: [{ rule: '!has(self.minKeep) || self.minKeep <= self.keep', message: 'minKeep must not exceed keep', fieldPath: '.minKeep' }],
      }),
      status: Schema.object({ properties: { conditions: Schema.conditions() } }),
    }],
  });
}

function synthProblems(build: (chart: any, crd: CustomResourceDefinition) => void): OpsError {
  const app = OpsTesting.app();
  const chart = app.chart('test');
  build(chart, backupPlans(chart));
  try {
    OpsTesting.synth(app);
  } catch (e) {
    if (e instanceof OpsError) return e;
    throw e;
  }
  throw new Error('expected synth to fail');
}

const VALID = { schedule: '0 3 * * *', target: { name: 'db' } };

describe('CustomResource', () => {
  test('defaults: storage version, the object as the author wrote it (CRD defaults not written)', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    // WHEN
    const cr = new CustomResource(chart, 'Nightly', { crd, metadata: { name: 'nightly' }, spec: VALID });
    const out = OpsTesting.synth(app);
    // THEN
    expect(cr.apiVersion).toBe('backup.example.com/v1alpha1');
    const obj = out.findObject('test', 'BackupPlan', 'nightly');
    expect(obj.spec).toEqual({ schedule: '0 3 * * *', target: { name: 'db' } });
  });

  test('writeDefaults: true writes the defaults as the API server would apply them', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    // WHEN
    new CustomResource(chart, 'Nightly', { crd, metadata: { name: 'nightly' }, spec: VALID, writeDefaults: true });
    const out = OpsTesting.synth(app);
    // THEN
    const obj = out.findObject('test', 'BackupPlan', 'nightly');
    expect(obj.spec).toEqual({ schedule: '0 3 * * *', keep: 7, mode: 'Full', target: { name: 'db', kind: 'Deployment' } });
  });

  test('defaults still count for validation: a CEL rule sees the defaulted keep', () => {
    // GIVEN / WHEN
    const error = synthProblems((chart, crd) => new CustomResource(chart, 'Nightly', { crd, metadata: { name: 'nightly' }, spec: { ...VALID, minKeep: 8 } }));
    // THEN
    expect(error.problems.map((p) => [p.field, p.path])).toEqual([['spec.minKeep', 'test/Nightly']]);
  });

  test('a CRD default of the wrong type is reported once, at the CRD, not at custom resources that never set the field', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const chart = app.chart('test');
    const crd = new CustomResourceDefinition(chart, 'Plans', {
      group: 'backup.example.com',
      kind: 'Plan',
      versions: [{ name: 'v1', spec: Schema.object({ properties: { keep: Schema.integer({ default: 'seven' as any }) } }) }],
    });
    new CustomResource(chart, 'a', { crd, metadata: { name: 'a' }, spec: {} });
    new CustomResource(chart, 'b', { crd, metadata: { name: 'b' }, spec: {} });
    // WHEN
    let error: unknown;
    try {
      OpsTesting.synth(app);
    } catch (e) {
      error = e;
    }
    // THEN
    const problems = (error as OpsError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path === 'test/Plans')).toBe(true);
  });

  test('keeps given values over defaults and accepts every valid form', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    // WHEN
    new CustomResource(chart, 'Weekly', {
      crd,
      metadata: { name: 'weekly' },
      spec: { ...VALID, keep: 30, mode: 'Incremental', port: 'http', startAfter: '2026-01-31T03:00:00Z', tags: ['a', 'b'], minKeep: 3, size: '5Gi', storageClass: 'fast' },
    });
    const obj = OpsTesting.synth(app).findObject('test', 'BackupPlan', 'weekly');
    // THEN
    expect(obj.spec.keep).toBe(30);
    expect(obj.spec.mode).toBe('Incremental');
  });

  type Case = [name: string, spec: any, field: string, expected: RegExp];
  const CASES: Case[] = [
    ['a wrong type', { ...VALID, keep: 'seven' }, 'spec.keep', /must be an integer/],
    ['a non-integer int-or-string', { ...VALID, port: 1.5 }, 'spec.port', /integer or a string/],
    ['a bad date-time format', { ...VALID, startAfter: 'yesterday' }, 'spec.startAfter', /RFC 3339/],
    ['a missing required field', { schedule: '0 3 * * *' }, 'spec.target', /is required/],
    ['a missing nested required field', { ...VALID, target: {} }, 'spec.target.name', /is required/],
    ['a value over the maximum', { ...VALID, keep: 101 }, 'spec.keep', /<= 100/],
    ['too many items', { ...VALID, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'spec.tags', /at most 10 items/],
    ['a string too long', { ...VALID, tags: ['x'.repeat(21)] }, 'spec.tags[0]', /at most 20 characters/],
    ['a duplicate in a set', { ...VALID, tags: ['a', 'a'] }, 'spec.tags[1]', /unique/],
    ['a value outside the enum', { ...VALID, mode: 'Partial' }, 'spec.mode', /one of "Full", "Incremental"/],
    ['a value not matching the pattern', { ...VALID, schedule: 'daily' }, 'spec.schedule', /match the pattern/],
    ['an unknown field with a near miss', { ...VALID, shedule: 'x' }, 'spec.shedule', /not a field of the schema/],
    ['a CEL rule that fails', { ...VALID, keep: 2, minKeep: 5 }, 'spec.minKeep', /minKeep must not exceed keep/],
  ];

  test.each(CASES)('fails at synth on %s, naming the field path', (_name, spec, field, expected) => {
    // WHEN
    const error = synthProblems((chart, crd) => new CustomResource(chart, 'Plan', { crd, metadata: { name: 'plan' }, spec }));
    // THEN
    const p = error.problems.find((x) => x.field === field);
    if (!p) throw new Error(`no problem at ${field}: ${error.message}`);
    expect(`${p.expected} ${p.fix}`).toMatch(expected);
    expect(p.path).toBe('test/Plan');
  });

  test('suggests the closest field name for a typo', () => {
    const error = synthProblems((chart, crd) => new CustomResource(chart, 'Plan', { crd, metadata: { name: 'plan' }, spec: { ...VALID, shedule: 'x' } }));
    expect(error.problems[0].fix).toContain('did you mean "schedule"?');
  });

  test('evaluates Kubernetes library functions, as the API server does', () => {
    // GIVEN a quantity() rule (Kubernetes library) the value breaks
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    new CustomResource(chart, 'Plan', { crd, metadata: { name: 'plan' }, spec: { ...VALID, size: '50Gi' } });
    // WHEN
    let error: OpsError | undefined;
    try { OpsTesting.synth(app); } catch (e) { error = e as OpsError; }
    // THEN
    expect(error?.problems.map((p) => [p.field, p.path])).toEqual([['spec.size', 'test/Plan']]);
    expect(error?.message).toContain('too big');
  });

  test('skips transition rules, which the API server does not run on create', () => {
    // GIVEN an immutable field (oldSelf) and a size the quantity rule accepts
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    // WHEN
    new CustomResource(chart, 'Plan', { crd, metadata: { name: 'plan' }, spec: { ...VALID, size: '5Gi', storageClass: 'slow' } });
    // THEN
    expect(OpsTesting.synth(app).findObject('test', 'BackupPlan', 'plan').spec.size).toBe('5Gi');
  });

  test('custom resources of an imported CRD are validated too', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = CustomResourceDefinition.fromObject(chart, 'Imported', validCrd());
    new CustomResource(chart, 'Plan', { crd, metadata: { name: 'plan' }, spec: { schedule: '* * * * *', keep: 0 } });
    // WHEN
    let error: OpsError | undefined;
    try { OpsTesting.synth(app); } catch (e) { error = e as OpsError; }
    // THEN
    expect(error?.problems.map((p) => p.field)).toEqual(['spec.keep', 'spec']);
    expect(error?.message).toContain('keep at least one backup');
  });

  test('plain API objects of the kind are checked at synth too (tier 3)', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    backupPlans(chart);
    new ApiObject(chart, 'Raw', { apiVersion: 'backup.example.com/v1alpha1', kind: 'BackupPlan', metadata: { name: 'raw' }, spec: { schedule: 'daily' } });
    // WHEN
    let error: OpsError | undefined;
    try { OpsTesting.synth(app); } catch (e) { error = e as OpsError; }
    // THEN
    expect(error?.problems.map((p) => p.field).sort()).toEqual(['BackupPlan/raw spec.schedule', 'BackupPlan/raw spec.target']);
  });

  test('cluster-scoped kinds lose metadata.namespace', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart, ResourceScope.CLUSTER);
    // WHEN
    new CustomResource(chart, 'Plan', { crd, metadata: { name: 'plan', namespace: 'default' }, spec: VALID });
    // THEN
    expect(OpsTesting.synth(app).findObject('test', 'BackupPlan', 'plan').metadata.namespace).toBeUndefined();
  });

  test('fails when the version is not a version of the CRD', () => {
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    expect(() => new CustomResource(chart, 'Plan', { crd, version: 'v2', spec: VALID }))
      .toThrow(/^version must be a version of backupplans.backup.example.com \(v1alpha1\), got "v2" — .*\n {4}at path \[test\/Plan\]$/);
  });

  test('fails when the version is not served', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    crd.addVersion({ name: 'v1', served: false, storage: false, spec: Schema.object({ preserveUnknownFields: true }) });
    // THEN
    expect(() => new CustomResource(chart, 'Plan', { crd, version: 'v1', spec: VALID }))
      .toThrow(/^version must be a served version of backupplans.backup.example.com, got "v1" — .*\n {4}at path \[test\/Plan\]$/);
  });

  test('fails when fields repeats spec', () => {
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    expect(() => new CustomResource(chart, 'Plan', { crd, fields: { spec: {} } })).toThrow(/^fields.spec must not be set in fields, got "spec" — use the spec prop\n {4}at path \[test\/Plan\]$/);
  });

  test('fails at synth when the object name is not a DNS subdomain', () => {
    const error = synthProblems((chart, crd) => new CustomResource(chart, 'Plan', { crd, metadata: { name: 'Nightly_Plan' }, spec: VALID }));
    expect(error.problems.map((p) => [p.field, p.path])).toEqual([['metadata.name', 'test/Plan']]);
  });

  test('fails at synth when the namespace or a label is invalid', () => {
    const error = synthProblems((chart, crd) => new CustomResource(chart, 'Plan', { crd, metadata: { name: 'plan', namespace: 'Team_A', labels: { 'bad key': 'x' } }, spec: VALID }));
    expect(error.problems.map((p) => [p.field, p.path])).toEqual([['metadata.labels["bad key"]', 'test/Plan'], ['metadata.namespace', 'test/Plan']]);
  });

  test('warns when the object is written in a deprecated version', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const spec = Schema.object({ properties: { schedule: Schema.string() } });
    const crd = new CustomResourceDefinition(chart, 'Plans', {
      group: 'backup.example.com',
      kind: 'BackupPlan',
      versions: [
        { name: 'v1alpha1', deprecated: true, deprecationWarning: 'v1alpha1 BackupPlan is deprecated, use v1', storage: false, spec },
        { name: 'v1', deprecated: false, spec },
      ],
    });
    // WHEN
    new CustomResource(chart, 'Old', { crd, version: 'v1alpha1', metadata: { name: 'old' }, spec: { schedule: 'x' } });
    new CustomResource(chart, 'Current', { crd, metadata: { name: 'current' }, spec: { schedule: 'x' } });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.warnings).toEqual([{ path: 'test/Old', id: 'opskit:operator/deprecated-version', message: 'v1alpha1 is deprecated: v1alpha1 BackupPlan is deprecated, use v1 — write the object in a newer version of backupplans.backup.example.com' }]);
    expect(crd.deprecationWarningFor('v1')).toBeUndefined();
  });

  describe('validation cache', () => {
    afterEach(() => jest.restoreAllMocks());

    function resourceValidations(spy: jest.SpyInstance): number {
      return spy.mock.calls.filter((c) => c[3]?.resource === true).length;
    }

    test('validates each custom resource once per synth (its construct and the kind\'s check share it)', () => {
      // GIVEN
      const app = OpsTesting.app();
      const chart = app.chart('test');
      const crd = backupPlans(chart);
      new CustomResource(chart, 'Nightly', { crd, metadata: { name: 'nightly' }, spec: VALID });
      new CustomResource(chart, 'Weekly', { crd, metadata: { name: 'weekly' }, spec: { ...VALID, schedule: '0 4 * * 0' } });
      const validate = jest.spyOn(schemaValidator, 'validateAgainstSchema');
      // WHEN
      OpsTesting.synth(app);
      // THEN
      expect(resourceValidations(validate)).toBe(2);
    });

    test('checks a version added after a custom resource was validated against its own schema', () => {
      // GIVEN
      const app = OpsTesting.app();
      const chart = app.chart('test');
      const crd = backupPlans(chart);
      new CustomResource(chart, 'Nightly', { crd, metadata: { name: 'nightly' }, spec: VALID });
      OpsTesting.synth(app);
      // WHEN
      crd.addVersion({ name: 'v1beta1', served: true, storage: false, spec: Schema.object({ properties: { every: Schema.integer({ minimum: 1 }) } }) });
      new CustomResource(chart, 'Hourly', { crd, version: 'v1beta1', metadata: { name: 'hourly' }, spec: { every: 0 } });
      // THEN
      expect(crd.versionNames).toEqual(['v1alpha1', 'v1beta1']);
      let error: OpsError | undefined;
      try {
        OpsTesting.synth(app);
      } catch (e) {
        if (!(e instanceof OpsError)) throw e;
        error = e;
      }
      expect(error?.problems.map((p) => [p.field, p.rule, p.path])).toEqual([['spec.every', 'schema/bounds', 'test/Hourly']]);
    });

    test('validates an object changed after a synth again', () => {
      // GIVEN
      const app = OpsTesting.app();
      const chart = app.chart('test');
      const crd = backupPlans(chart);
      const cr = new CustomResource(chart, 'Nightly', { crd, metadata: { name: 'nightly' }, spec: VALID });
      OpsTesting.synth(app);
      // WHEN
      cr.apiObject.addJsonPatch(JsonPatch.add('/spec/keep', 0));
      // THEN
      expect(() => OpsTesting.synth(app)).toThrow(/spec\.keep must be >= 1, got 0/);
    });
  });
});
