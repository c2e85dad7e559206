import * as fs from 'fs';
import * as path from 'path';
import { OpsTesting } from '../../src/app/testing';
import { KindRegistry, KindScope } from '../../src/core/kind-registry';
import { OpsError } from '../../src/core/ops-error';
import { parseYaml } from '../../src/core/yaml';
import {
  CustomResourceConversion, CustomResourceDefinition, PrinterColumnType, ResourceScope,
} from '../../src/operator/custom-resource-definition';
import { Schema } from '../../src/operator/schema';
import { validCrd } from '../fixtures/operator/crds';
import { describeReference } from '../support/reference';

function backupPlans(chart: any, props: any = {}): CustomResourceDefinition {
  return new CustomResourceDefinition(chart, 'BackupPlans', {
    group: 'backup.example.com',
    kind: 'BackupPlan',
    versions: [{
      name: 'v1alpha1',
      spec: Schema.object({ properties: { schedule: Schema.string({ minLength: 1 }) }, required: ['schedule'] }),
      status: Schema.object({ properties: { conditions: Schema.conditions() } }),
    }],
    ...props,
  });
}

function synthError(fn: () => void): OpsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OpsError) return e;
    throw e;
  }
  throw new Error('expected an OpsError');
}

describe('CustomResourceDefinition', () => {
  test('defaults: controller-gen names, Namespaced, single version served and storage, status subresource', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    const crd = backupPlans(chart);
    const out = OpsTesting.synth(app);
    // THEN
    const obj = out.findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    expect(obj.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(obj.spec.names).toEqual({ kind: 'BackupPlan', listKind: 'BackupPlanList', plural: 'backupplans', singular: 'backupplan' });
    expect(obj.spec.scope).toBe('Namespaced');
    expect(obj.spec.conversion).toBeUndefined();
    const v = obj.spec.versions[0];
    expect(v.served).toBe(true);
    expect(v.storage).toBe(true);
    expect(v.subresources).toEqual({ status: {} });
    expect(v.schema.openAPIV3Schema.required).toEqual(['spec']);
    expect(v.schema.openAPIV3Schema.properties.metadata).toEqual({ type: 'object' });
    expect(v.schema.openAPIV3Schema.properties.status.properties.conditions['x-kubernetes-list-type']).toBe('map');
    expect(crd.name).toBe('backupplans.backup.example.com');
    expect(crd.scope).toBe('Namespaced');
    expect(crd.storageVersion).toBe('v1alpha1');
    expect(crd.versionNames).toEqual(['v1alpha1']);
  });

  test('pluralizes the kind like controller-gen', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    const crd = new CustomResourceDefinition(chart, 'Policies', {
      group: 'net.example.com',
      kind: 'EgressPolicy',
      scope: ResourceScope.CLUSTER,
      versions: [{ name: 'v1', spec: Schema.object({ preserveUnknownFields: true }) }],
    });
    // THEN
    expect(crd.plural).toBe('egresspolicies');
    expect(crd.scope).toBe('Cluster');
    expect(OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'egresspolicies.net.example.com').spec.scope).toBe('Cluster');
  });

  test('renders names, printer columns, scale, selectable fields, deprecation and webhook conversion', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const spec = Schema.object({ properties: { replicas: Schema.integer({ minimum: 0 }), color: Schema.string() } });
    const status = Schema.object({ properties: { replicas: Schema.integer(), selector: Schema.string() } });
    // WHEN
    new CustomResourceDefinition(chart, 'Widgets', {
      group: 'widgets.example.com',
      kind: 'Widget',
      shortNames: ['wd'],
      categories: ['all'],
      conversion: CustomResourceConversion.webhook({ service: { name: 'webhook-service', namespace: 'widgets-system' } }),
      versions: [
        { name: 'v1', storage: true, spec, status, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' }, selectableFields: ['.spec.color'], printerColumns: [{ name: 'Replicas', type: PrinterColumnType.INTEGER, jsonPath: '.spec.replicas' }] },
        { name: 'v1beta1', deprecated: true, deprecationWarning: 'widgets.example.com/v1beta1 is deprecated; use v1', spec, status },
      ],
    });
    const obj = OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'widgets.widgets.example.com');
    // THEN
    expect(obj.spec.names.shortNames).toEqual(['wd']);
    expect(obj.spec.names.categories).toEqual(['all']);
    expect(obj.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: { clientConfig: { service: { name: 'webhook-service', namespace: 'widgets-system', path: '/convert', port: 443 } }, conversionReviewVersions: ['v1'] },
    });
    const [v1, v1beta1] = obj.spec.versions;
    expect(v1.name).toBe('v1');
    expect(v1.subresources.scale).toEqual({ specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' });
    expect(v1.selectableFields).toEqual([{ jsonPath: '.spec.color' }]);
    expect(v1.additionalPrinterColumns).toEqual([{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }]);
    expect(v1beta1.deprecated).toBe(true);
    expect(v1beta1.storage).toBe(false);
    expect(v1beta1.deprecationWarning).toBe('widgets.example.com/v1beta1 is deprecated; use v1');
  });

  test('registers served versions in the KindRegistry with their scope', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    backupPlans(chart, { scope: ResourceScope.CLUSTER });
    // THEN
    const kind = KindRegistry.of(chart).lookup('backup.example.com/v1alpha1', 'BackupPlan');
    expect(kind?.scope).toBe(KindScope.CLUSTER);
    const problems = kind!.validator!.validateObject({ apiVersion: 'backup.example.com/v1alpha1', kind: 'BackupPlan', metadata: { name: 'x' }, spec: { schedul: 'x' } });
    expect(problems.map((p) => p.field)).toEqual(['spec.schedul', 'spec.schedule']);
  });

  test('fails at construction when a schema is built wrongly', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    const error = synthError(() => backupPlans(chart, {
      versions: [{ name: 'v1', spec: Schema.object({ properties: { a: Schema.integer({ minimum: 1.5 }) }, required: ['b'] }) }],
    }));
    // THEN
    expect(error.problems.map((p) => p.field)).toEqual(['versions[0].spec.properties.a.minimum', 'versions[0].spec.required']);
    expect(error.problems[0].path).toBe('test/BackupPlans');
  });

  test.each<[string, any, string, string]>([
    ['the group has no dot', { group: 'backup' }, 'group', 'must be a lowercase DNS subdomain with at least one dot'],
    ['the group is uppercase', { group: 'Backup.example.com' }, 'group', 'must be a lowercase DNS subdomain'],
    ['the plural is not lowercase', { plural: 'BackupPlans' }, 'plural', 'use "backupplans"'],
    ['the singular has a dot', { singular: 'backup.plan' }, 'singular', 'DNS-1035 label'],
    ['a short name is invalid', { shortNames: ['bp', 'B_P'] }, 'shortNames[1]', 'DNS-1035 label'],
    ['a category is empty', { categories: [''] }, 'categories[0]', 'DNS-1035 label'],
    ['the listKind equals the kind', { listKind: 'BackupPlan' }, 'listKind', 'must differ from kind'],
    ['a version name is uppercase', { versions: [{ name: 'V1', spec: Schema.object() }] }, 'versions[0].name', 'must be a DNS-1035 label'],
    ['two versions share a name', { versions: [{ name: 'v1', spec: Schema.object() }, { name: 'v1', spec: Schema.object() }] }, 'versions[1].name', 'must be unique'],
    ['a printer column has no name', { versions: [{ name: 'v1', spec: Schema.object(), printerColumns: [{ name: '', type: PrinterColumnType.STRING, jsonPath: '.spec.a' }] }] }, 'versions[0].printerColumns[0].name', 'must be a non-empty column header'],
    ['a printer column priority is negative', { versions: [{ name: 'v1', spec: Schema.object(), printerColumns: [{ name: 'A', type: PrinterColumnType.STRING, jsonPath: '.spec.a', priority: -1 }] }] }, 'versions[0].printerColumns[0].priority', 'must be an integer >= 0'],
    ['the scale subresource reads an undeclared field', { versions: [{ name: 'v1', spec: Schema.object({ properties: { size: Schema.integer() } }), status: Schema.object(), scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } }] }, 'versions[0].scale.specReplicasPath', 'must point to a field declared in the version\'s schema'],
  ])('fails at construction when %s', (_name, props, field, message) => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    const error = synthError(() => backupPlans(chart, props));
    // THEN
    const p = error.problems.find((x) => x.field === field);
    expect(p).toMatchObject({ field, path: 'test/BackupPlans' });
    expect(error.message).toContain(message);
  });

  test('warns when a printer column reads a field the schema does not declare', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    backupPlans(chart, {
      versions: [{
        name: 'v1',
        spec: Schema.object({ properties: { schedule: Schema.string() } }),
        printerColumns: [
          { name: 'Schedule', type: PrinterColumnType.STRING, jsonPath: '.spec.schedule' },
          { name: 'Phase', type: PrinterColumnType.STRING, jsonPath: '.status.phase' },
          { name: 'Age', type: PrinterColumnType.DATE, jsonPath: '.metadata.creationTimestamp' },
        ],
      }],
    });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.warnings).toEqual([{
      path: 'test/BackupPlans',
      id: 'opskit:operator/printer-column-path',
      message: 'version v1: printer column "Phase" reads .status.phase, which is not a field of the schema (the column is always empty) — fix the jsonPath or declare the field',
    }]);
  });

  test('addVersion fails when the version name repeats an existing one', () => {
    // GIVEN
    const app = OpsTesting.app();
    const crd = backupPlans(app.chart('test'));
    // WHEN
    const error = synthError(() => crd.addVersion({ name: 'v1alpha1', served: false, storage: false, spec: Schema.object() }));
    // THEN
    expect(error.problems.map((p) => [p.field, p.path])).toEqual([['versions[1].name', 'test/BackupPlans']]);
  });

  test('fails at synth when a rule is broken, naming the rule, the field and the fix', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    backupPlans(chart, {
      versions: [{ name: 'v1', spec: Schema.object({ properties: { tags: Schema.array(Schema.string(), { validations: [{ rule: "self.all(t, t.matches('^[a-z]+$'))" }] }) } }) }],
    });
    // WHEN
    const error = synthError(() => OpsTesting.synth(app));
    // THEN
    const p = error.problems.find((x) => x.rule === 'R42');
    expect(p?.field).toBe('spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.tags.x-kubernetes-validations[0].rule');
    expect(p?.path).toBe('test/BackupPlans');
    expect(error.message).toContain('add maxItems');
  });

  test('fails at synth when two versions are storage (R10)', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const spec = Schema.object({ preserveUnknownFields: true });
    backupPlans(chart, { versions: [{ name: 'v1', spec, storage: true }, { name: 'v2', spec, storage: true }] });
    // WHEN
    const error = synthError(() => OpsTesting.synth(app));
    // THEN
    expect(error.problems.map((p) => [p.rule, p.field])).toEqual([['R10', 'spec.versions']]);
  });

  test('addVersion adds a served version whose custom resources are checked', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    // WHEN
    crd.addVersion({ name: 'v1beta1', served: true, storage: false, spec: Schema.object({ properties: { every: Schema.string() } }) });
    // THEN
    expect(crd.versionNames).toEqual(['v1alpha1', 'v1beta1']);
    expect(crd.isServed('v1beta1')).toBe(true);
    expect(crd.schemaFor('v1beta1').properties.spec.properties.every).toEqual({ type: 'string' });
    expect(crd.schemaFor().properties.spec.properties.schedule).toEqual({ minLength: 1, type: 'string' });
    const obj = OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    expect(obj.spec.versions.map((v: any) => [v.name, v.served, v.storage])).toEqual([['v1alpha1', true, true], ['v1beta1', true, false]]);
    expect(KindRegistry.of(chart).lookup('backup.example.com/v1beta1', 'BackupPlan')).toBeDefined();
  });

  test('addVersion after a synth: the next synth emits and registers the new version', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    const before = OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    // WHEN
    crd.addVersion({ name: 'v1beta1', served: true, storage: false, spec: Schema.object({ properties: { every: Schema.string() } }) });
    const after = OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    // THEN
    expect(before.spec.versions.map((v: any) => v.name)).toEqual(['v1alpha1']);
    expect(after.spec.versions.map((v: any) => v.name)).toEqual(['v1alpha1', 'v1beta1']);
    expect(crd.versionNames).toEqual(['v1alpha1', 'v1beta1']);
    expect(crd.schemaFor('v1beta1').properties.spec.properties.every).toEqual({ type: 'string' });
  });

  test('schemaFor gives a copy: changing it changes neither the CRD nor its checks', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = backupPlans(chart);
    // WHEN
    crd.schemaFor().properties.spec.properties.schedule.type = 'integer';
    // THEN
    expect(crd.schemaFor().properties.spec.properties.schedule.type).toBe('string');
    const obj = OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    expect(obj.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.schedule.type).toBe('string');
  });

  test.each([
    ['kind is not CamelCase', { kind: 'backupPlan' }, 'kind'],
    ['there is no version', { versions: [] }, 'versions'],
    ['a version gives schema and spec', { versions: [{ name: 'v1', schema: Schema.object(), spec: Schema.object() }] }, 'versions[0].schema'],
    ['scope is not a ResourceScope', { scope: 'Global' }, 'scope'],
  ])('fails at construction when %s', (_name, props, field) => {
    const app = OpsTesting.app();
    const error = synthError(() => backupPlans(app.chart('test'), props));
    expect(error.problems.map((p) => p.field)).toContain(field);
    expect(error.problems[0].path).toBe('test/BackupPlans');
  });

  test('fromYaml fails for text with two documents', () => {
    const app = OpsTesting.app();
    const error = synthError(() => CustomResourceDefinition.fromYaml(app.chart('test'), 'Two', 'a: 1\n---\nb: 2\n'));
    expect(error.problems.map((p) => [p.field, p.path])).toEqual([['text', 'test']]);
    expect(error.message).toContain('must contain exactly one YAML document, got 2 documents');
  });

  test('fromYaml fails with an OpsError for text that is not YAML', () => {
    const app = OpsTesting.app();
    const error = synthError(() => CustomResourceDefinition.fromYaml(app.chart('test'), 'Bad', 'apiVersion: apiextensions.k8s.io/v1\n---\nkind: [unclosed\nspec: x\n'));
    expect(error.problems.map((p) => [p.field, p.path])).toEqual([['text (document 2)', 'test']]);
    expect(error.message).toContain('must be valid YAML');
  });

  test('fromObject fails for a list', () => {
    const app = OpsTesting.app();
    const error = synthError(() => CustomResourceDefinition.fromObject(app.chart('test'), 'List', [validCrd()]));
    expect(error.problems.map((p) => [p.field, p.got, p.path])).toEqual([['obj', 'a list', 'test/List']]);
  });

  test('fromObject emits the CRD unchanged, nulls included', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const original = { ...validCrd(), status: { acceptedNames: { kind: '', plural: '' }, conditions: null, storedVersions: null } };
    original.metadata = { ...original.metadata, creationTimestamp: null } as any;
    // WHEN
    const crd = CustomResourceDefinition.fromObject(chart, 'Imported', original);
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com')).toEqual(original);
    expect([crd.group, crd.kind, crd.plural, crd.scope, crd.name]).toEqual(['backup.example.com', 'BackupPlan', 'backupplans', 'Namespaced', 'backupplans.backup.example.com']);
  });

  test('fromObject still checks the rules at synth', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const bad = validCrd();
    bad.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.tags.uniqueItems = true;
    CustomResourceDefinition.fromObject(chart, 'Imported', bad);
    // WHEN
    const error = synthError(() => OpsTesting.synth(app));
    // THEN
    expect(error.problems.map((p) => p.rule)).toEqual(['R31']);
  });

  test('fromYaml fails for a v1beta1 CRD with a migration hint', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const text = 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata:\n  name: foos.example.com\nspec:\n  group: example.com\n';
    // WHEN
    const error = synthError(() => CustomResourceDefinition.fromYaml(chart, 'Old', text));
    // THEN
    expect(error.problems[0].field).toBe('apiVersion');
    expect(error.problems[0].path).toBe('test/Old');
    expect(error.message).toContain('removed in Kubernetes 1.22');
  });
});

/** Every apiextensions.k8s.io/v1 CRD file of the reference set (prometheus-operator, Pyrra, OLM). */
function crdFiles(dir: string, rels: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name) && /^kind: CustomResourceDefinition$/m.test(fs.readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  for (const rel of rels) if (fs.existsSync(path.join(dir, rel))) walk(path.join(dir, rel));
  return out.sort();
}

describeReference('CustomResourceDefinition conformance with upstream CRDs', '.', (dir) => {
  const files = crdFiles(dir, ['observability/crds', 'observability/pyrra', 'olm/schemas', 'olm/examples']);
  const v1 = files.filter((f) => /^apiVersion: apiextensions\.k8s\.io\/v1$/m.test(fs.readFileSync(f, 'utf8')));
  const v1beta1 = files.filter((f) => !v1.includes(f));

  test('finds the reference CRDs', () => {
    expect(v1.length).toBeGreaterThanOrEqual(18);
  });

  test.each(v1.map((f) => [path.relative(dir, f)]))('%s imports, passes all rules and re-synthesizes unchanged', (rel) => {
    // GIVEN
    const original = parseYaml(fs.readFileSync(path.join(dir, rel), 'utf8'));
    const app = OpsTesting.app();
    const chart = app.chart('ref');
    // WHEN
    const crd = CustomResourceDefinition.fromObject(chart, 'Crd', original);
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findObject('ref', 'CustomResourceDefinition', original.metadata.name)).toEqual(original);
    expect(crd.name).toBe(original.metadata.name);
  });

  // the file-based-catalog test bundles carry stub CRDs (no scope, no schema, no storage version): the API server
  // rejects them too, so opskit must name exactly what is missing
  test.each(crdFiles(dir, ['olm/fbc']).map((f) => [path.relative(dir, f)]))('%s (a stub CRD) is rejected for what the API server rejects', (rel) => {
    const app = OpsTesting.app();
    CustomResourceDefinition.fromYaml(app.chart('ref'), 'Crd', fs.readFileSync(path.join(dir, rel), 'utf8'));
    const error = synthError(() => OpsTesting.synth(app));
    expect(error.problems.map((p) => `${p.rule} ${p.field}`)).toEqual([
      'R3 spec.scope', 'R11 spec.versions[0].schema.openAPIV3Schema', 'R10 spec.versions',
    ]);
  });

  test.each(v1beta1.map((f) => [path.relative(dir, f)]))('%s (apiextensions.k8s.io/v1beta1, removed in 1.22) is rejected with a migration hint', (rel) => {
    const app = OpsTesting.app();
    const error = synthError(() => CustomResourceDefinition.fromYaml(app.chart('ref'), 'Crd', fs.readFileSync(path.join(dir, rel), 'utf8')));
    expect(error.problems[0].fix).toContain('spec.versions');
  });
});
