import { installerRbac } from '../../../src/olm/model/olm-v1-rbac';

const CSV = {
  spec: {
    install: {
      spec: {
        deployments: [{ name: 'op-controller', spec: { template: { spec: { serviceAccountName: 'op-sa' } } } }],
        permissions: [{ serviceAccountName: 'op-sa', rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create'] }] }],
        clusterPermissions: [{ serviceAccountName: 'op-sa', rules: [{ apiGroups: ['example.com'], resources: ['things'], verbs: ['*'] }] }],
      },
    },
  },
};
const MANIFESTS = [
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'things.example.com' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'op-metrics' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'op-config' } },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'op-critical' } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'op-viewer' } },
];

describe('installerRbac (operator-controller v1.10.0 derive-service-account)', () => {
  // WHEN
  const rbac = installerRbac(CSV, MANIFESTS, 'op');

  test('the cluster role manages the bundle\'s CRDs by name', () => {
    expect(rbac.clusterRules.slice(0, 2)).toEqual([
      { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['create', 'list', 'watch'] },
      { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['things.example.com'] },
    ]);
  });

  test('generated ClusterRoles and bindings are managed unscoped (their names are not known ahead)', () => {
    for (const resource of ['clusterroles', 'clusterrolebindings']) {
      expect(rbac.clusterRules).toContainEqual({ apiGroups: ['rbac.authorization.k8s.io'], resources: [resource], verbs: ['create', 'list', 'watch', 'get', 'update', 'patch', 'delete'] });
    }
  });

  test('cluster-scoped bundle objects are managed by name', () => {
    expect(rbac.clusterRules).toContainEqual({ apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['op-critical'] });
  });

  test('the installer may update its ClusterExtension\'s finalizers, by name', () => {
    expect(rbac.clusterRules).toContainEqual({ apiGroups: ['olm.operatorframework.io'], resources: ['clusterextensions/finalizers'], verbs: ['update'], resourceNames: ['op'] });
  });

  test('it holds every rule the CSV grants, to be allowed to grant it', () => {
    expect(rbac.clusterRules).toContainEqual({ apiGroups: ['example.com'], resources: ['things'], verbs: ['*'] });
    expect(rbac.clusterRules).toContainEqual({ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create'] });
  });

  test('the namespace role manages the deployment, its service account and the namespaced objects by name', () => {
    expect(rbac.namespaceRules).toEqual([
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['create', 'list', 'watch', 'get', 'update', 'patch', 'delete'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create', 'list', 'watch', 'get', 'update', 'patch', 'delete'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['op-controller'] },
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create', 'list', 'watch'] },
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['op-sa'] },
      { apiGroups: [''], resources: ['services'], verbs: ['create', 'list', 'watch'] },
      { apiGroups: [''], resources: ['services'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['op-metrics'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'list', 'watch'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['op-config'] },
    ]);
  });

  test('webhooks add their configurations and the cert-manager objects OLM v1 creates', () => {
    const withWebhook = installerRbac({ spec: { ...CSV.spec, webhookdefinitions: [{ type: 'MutatingAdmissionWebhook' }] } }, MANIFESTS, 'op');
    expect(withWebhook.clusterRules).toContainEqual({ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['create', 'list', 'watch', 'get', 'update', 'patch', 'delete'] });
    expect(withWebhook.namespaceRules.map((r) => `${r.apiGroups[0]}/${r.resources[0]}`)).toEqual(expect.arrayContaining(['cert-manager.io/certificates', 'cert-manager.io/issuers']));
  });

  test('a rule the CSV repeats is held once', () => {
    const dup = installerRbac({ spec: { install: { spec: { clusterPermissions: [{ serviceAccountName: 'a', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, { serviceAccountName: 'b', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }] } } } }, [], 'op');
    expect(dup.clusterRules.filter((r) => r.resources[0] === 'pods')).toHaveLength(1);
  });
});
