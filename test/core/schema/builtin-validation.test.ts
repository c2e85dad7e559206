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
