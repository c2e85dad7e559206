import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isBuiltinKind, validateBuiltinObject } from '../../../src/core/schema/builtin-validation';

describe('validateBuiltinObject', () => {
  test.each([
    'v1/Service', 'v1/ConfigMap', 'v1/Namespace', 'v1/ServiceAccount', 'apps/v1/Deployment', 'apps/v1/DaemonSet', 'batch/v1/Job', 'batch/v1/CronJob',
    'rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.authorization.k8s.io/v1/RoleBinding', 'policy/v1/PodDisruptionBudget',
    'networking.k8s.io/v1/NetworkPolicy', 'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
    'apiextensions.k8s.io/v1/CustomResourceDefinition', 'coordination.k8s.io/v1/Lease',
  ])('knows the schema of %s', (key) => {
    const slash = key.lastIndexOf('/');
    expect(isBuiltinKind(key.slice(0, slash), key.slice(slash + 1))).toBe(true);
  });

  test('a type error names the field, the type and the value', () => {
    const problems = validateBuiltinObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 'abc' }] }] } } },
    });
    expect(problems).toContainEqual(expect.objectContaining({
      field: 'spec.template.spec.containers[0].ports[0].containerPort', expected: 'must be of type integer', got: '"abc"',
    }));
  });

  test.each([
    ['a missing container name', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ image: 'x:1' }] } }, 'spec.containers[0].name', 'is required'],
    ['a bad enum', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', imagePullPolicy: 'Sometimes' }] } },
      'spec.containers[0].imagePullPolicy', 'must be one of "Always", "IfNotPresent", "Never"'],
    ['a rule without verbs', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'] }] }, 'rules[0].verbs', 'is required'],
  ])('finds %s', (_name, obj, field, expected) => {
    expect(validateBuiltinObject(obj)).toContainEqual(expect.objectContaining({ field, expected }));
  });

  test('a kind it does not know yields no problems', () => {
    expect(validateBuiltinObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([]);
  });
});

describe('validateBuiltinObject with only declared fields', () => {
  test('skips the unknown-field walk and still reports schema and API-rule problems', () => {
    // GIVEN a Service with an unknown field and a port out of range, as one proven to hold declared fields only
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 70000 }], selector: { a: 'b' }, typo: 1 } };
    // WHEN checked as such, and as any object
    const declaredOnly = validateBuiltinObject(service, true);
    const all = validateBuiltinObject(service);
    // THEN the port is reported both times, the unknown field only by the full check
    expect(declaredOnly.some((p) => p.field === 'spec.ports[0].port')).toBe(true);
    expect(all.some((p) => p.field === 'spec.ports[0].port')).toBe(true);
    expect(declaredOnly.some((p) => p.field === 'spec.typo')).toBe(false);
    expect(all.some((p) => p.field === 'spec.typo')).toBe(true);
  });
});

describe('the bundled validators', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'src', 'core', 'schema', 'generated', 'k8s-validators');

  test('every kind of the index has a file that exports its validator', () => {
    // GIVEN the index of the generated validators
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { kinds } = require(path.join(dir, 'index.js')) as { kinds: Record<string, string> };
    // WHEN each kind's file is loaded
    // THEN it exports a validate function
    expect(Object.keys(kinds).length).toBeGreaterThan(100);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const file of Object.values(kinds)) expect(typeof require(path.join(dir, file)).validate).toBe('function');
  });

  test('checking one kind loads its own file and the chunks it shares, not the others', () => {
    // GIVEN a fresh process that checks a ConfigMap through the generated files
    const script = `
      const path = require('path');
      const dir = ${JSON.stringify(dir)};
      const { kinds } = require(path.join(dir, 'index.js'));
      const ok = require(path.join(dir, kinds['v1/ConfigMap'])).validate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } });
      const loaded = Object.keys(require.cache).filter((f) => f.startsWith(dir));
      process.stdout.write(JSON.stringify({ ok, loaded: loaded.map((f) => path.basename(f)) }));`;
    // WHEN it runs
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    // THEN the object is valid, and the Deployment's validator and most of the bytes stayed unread
    expect(out.ok).toBe(true);
    expect(out.loaded).toContain('v1_ConfigMap.js');
    expect(out.loaded).not.toContain('apps_v1_Deployment.js');
    const size = (files: string[]) => files.reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
    expect(size(out.loaded)).toBeLessThan(size(fs.readdirSync(dir)) / 4);
  });
});
