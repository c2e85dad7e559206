import { applyOrderRank, groupOf, isBuiltinClusterScoped, sortForApply } from '../../../src/core/schema/builtin-kinds';

describe('builtin kinds', () => {
  test.each([
    ['apps/v1', 'apps'], ['v1', ''], ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io'],
  ])('the group of %s is "%s"', (apiVersion, group) => {
    expect(groupOf(apiVersion)).toBe(group);
  });

  test.each([
    ['v1', 'Namespace', true], ['rbac.authorization.k8s.io/v1', 'ClusterRole', true], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', true],
    ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', true], ['v1', 'ConfigMap', false], ['rbac.authorization.k8s.io/v1', 'Role', false],
    ['example.com/v1', 'Namespace', false],
  ])('%s %s cluster-scoped: %s', (apiVersion, kind, expected) => {
    expect(isBuiltinClusterScoped(apiVersion, kind)).toBe(expected);
  });

  test('apply order: CRDs, Namespaces, ServiceAccounts and RBAC, ConfigMaps/Secrets, Services, workloads, the rest; stable', () => {
    const objects = [
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', n: 1 },
      { apiVersion: 'apps/v1', kind: 'Deployment', n: 2 },
      { apiVersion: 'v1', kind: 'Service', n: 3 },
      { apiVersion: 'v1', kind: 'Secret', n: 4 },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', n: 5 },
      { apiVersion: 'v1', kind: 'ServiceAccount', n: 6 },
      { apiVersion: 'v1', kind: 'ConfigMap', n: 7 },
      { apiVersion: 'v1', kind: 'Namespace', n: 8 },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', n: 9 },
      { apiVersion: 'batch/v1', kind: 'Job', n: 10 },
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', n: 11 },
    ];
    expect(sortForApply(objects).map((o) => o.n)).toEqual([9, 8, 5, 6, 4, 7, 3, 2, 10, 1, 11]);
    expect(applyOrderRank('example.com/v1', 'Deployment')).toBe(6);
  });
});
