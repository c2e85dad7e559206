import {
  aggregatedRoleRules, deriveManagerRules, isClusterScopedResource, leaderElectionRules, metricsAuthRules, metricsReaderRules,
  ownedRules, RbacDeclarations,
} from '../../../src/operator/model/rbac-derive';

const FULL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const EMPTY: RbacDeclarations = { owned: [], watched: [], managed: [], extra: [], clusterWide: true };

describe('ownedRules', () => {
  test('are kubebuilder\'s scaffolded markers for a kind', () => {
    expect(ownedRules('backup.example.com', 'backupplans')).toEqual([
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/finalizers'], verbs: ['update'] },
    ]);
  });
});

describe('deriveManagerRules', () => {
  test('derives full verbs for owned and managed, read verbs for watched, merged and sorted', () => {
    // GIVEN
    const decl: RbacDeclarations = {
      ...EMPTY,
      owned: [{ group: 'backup.example.com', resource: 'backupplans', clusterScoped: false }],
      watched: [{ group: 'etcd.database.coreos.com', resource: 'etcdclusters', clusterScoped: false }],
      managed: [{ group: 'batch', resource: 'jobs', clusterScoped: false }, { group: 'batch', resource: 'cronjobs', clusterScoped: false }],
    };
    // WHEN
    const rules = deriveManagerRules(decl);
    // THEN
    expect(rules.namespaceRules).toEqual([]);
    expect(rules.clusterRules).toEqual([
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/finalizers'], verbs: ['update'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: FULL },
      { apiGroups: ['etcd.database.coreos.com'], resources: ['etcdclusters'], verbs: ['get', 'list', 'watch'] },
    ]);
  });

  test('a resource both watched and managed is granted once with the union of verbs', () => {
    const rules = deriveManagerRules({
      ...EMPTY,
      watched: [{ group: '', resource: 'secrets', clusterScoped: false }],
      managed: [{ group: '', resource: 'secrets', clusterScoped: false }],
    });
    expect(rules.clusterRules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: FULL }]);
  });

  test('a managed resource restricted by names grants create without names', () => {
    const rules = deriveManagerRules({
      ...EMPTY,
      managed: [{ group: '', resource: 'configmaps', clusterScoped: false, resourceNames: ['backup-config'] }],
    });
    expect(rules.clusterRules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
      { apiGroups: [''], resourceNames: ['backup-config'], resources: ['configmaps'], verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'] },
    ]);
  });

  test('a namespaced install keeps cluster-scoped resources and URLs in the ClusterRole', () => {
    // GIVEN
    const decl: RbacDeclarations = {
      owned: [
        { group: 'backup.example.com', resource: 'backupplans', clusterScoped: false },
        { group: 'backup.example.com', resource: 'backupstores', clusterScoped: true },
      ],
      watched: [{ group: '', resource: 'namespaces', clusterScoped: true }],
      managed: [{ group: 'batch', resource: 'jobs', clusterScoped: false }],
      extra: [
        { rule: { nonResourceURLs: ['/version'], verbs: ['get'] }, clusterScoped: false },
        { rule: { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] }, clusterScoped: false },
      ],
      clusterWide: false,
    };
    // WHEN
    const rules = deriveManagerRules(decl);
    // THEN
    expect(rules.clusterRules).toEqual([
      { nonResourceURLs: ['/version'], verbs: ['get'] },
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['backup.example.com'], resources: ['backupstores'], verbs: FULL },
      { apiGroups: ['backup.example.com'], resources: ['backupstores/finalizers'], verbs: ['update'] },
      { apiGroups: ['backup.example.com'], resources: ['backupstores/status'], verbs: ['get', 'patch', 'update'] },
    ]);
    expect(rules.namespaceRules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/finalizers'], verbs: ['update'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: FULL },
    ]);
  });

  test('nothing declared grants nothing', () => {
    expect(deriveManagerRules(EMPTY)).toEqual({ clusterRules: [], namespaceRules: [] });
  });
});

describe('isClusterScopedResource', () => {
  test.each([
    ['', 'namespaces', true],
    ['core', 'nodes', true],
    ['', 'pods', false],
    ['', 'pods/log', false],
    ['rbac.authorization.k8s.io', 'clusterroles', true],
    ['apiextensions.k8s.io', 'customresourcedefinitions', true],
    ['apiextensions.k8s.io', 'customresourcedefinitions/status', true],
    ['apps', 'deployments', false],
    ['example.com', 'widgets', false],
  ])('%j %j → %j', (group, resource, expected) => {
    expect(isClusterScopedResource(group, resource)).toBe(expected);
  });
});

describe('fixed roles', () => {
  test('leader election grants leases and events (configmaps only when asked)', () => {
    expect(leaderElectionRules(false)).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: FULL },
    ]);
    expect(leaderElectionRules(true)).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: FULL },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: FULL },
    ]);
  });

  test('metrics auth grants token and subject access reviews; the reader grants the URL', () => {
    expect(metricsAuthRules()).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
    expect(metricsReaderRules('/metrics')).toEqual([{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]);
  });

  test('aggregated roles spell out verbs (no wildcard) and read status', () => {
    const roles = aggregatedRoleRules('backup.example.com', 'backupplans');
    const status = { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get'] };
    expect(roles.admin).toEqual([
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
      status,
    ]);
    expect(roles.edit).toEqual([{ apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL }, status]);
    expect(roles.view).toEqual([{ apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: ['get', 'list', 'watch'] }, status]);
  });
});
