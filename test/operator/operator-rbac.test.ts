import { ApiResource } from 'cdk8s-plus-33';
import { OpsTesting } from '../../src/app/testing';
import { Operator } from '../../src/operator/operator';
import { FakeCustomResourceType } from '../fixtures/operator/custom-resource-types';
import { expectOpsError, FULL, IMAGE, NS, setup } from '../fixtures/operator/operator-setup';

describe('Operator RBAC', () => {
  test('derives the manager ClusterRole from owns, watches, manages and extra permissions', () => {
    // GIVEN
    const { operator, plans, synth } = setup();
    // WHEN
    operator.owns(plans);
    operator.watches(ApiResource.custom({ apiGroup: 'etcd.database.coreos.com', resourceType: 'etcdclusters' }));
    operator.manages(ApiResource.JOBS);
    operator.addPermission({ apiGroups: ['core'], resources: ['events'], verbs: ['create', 'patch'] });
    // THEN
    const out = synth();
    const expected = [
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/finalizers'], verbs: ['update'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: FULL },
      { apiGroups: ['etcd.database.coreos.com'], resources: ['etcdclusters'], verbs: ['get', 'list', 'watch'] },
    ];
    expect(out.findObject('test', 'ClusterRole', 'backup-operator-manager-role').rules).toEqual(expected);
    expect(operator.rules).toEqual(expected);
    const binding = out.findObject('test', 'ClusterRoleBinding', 'backup-operator-manager-rolebinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'backup-operator-manager-role' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'backup-operator-controller-manager', namespace: NS }]);
  });

  test('declarations after other declarations still render (rules are lazy)', () => {
    // GIVEN
    const { operator, synth } = setup({ manages: [ApiResource.JOBS] });
    const out1 = synth();
    expect(out1.findObject('test', 'ClusterRole', 'backup-operator-manager-role').rules).toHaveLength(1);
    // WHEN
    operator.watches(ApiResource.SECRETS, { resourceNames: ['s3-credentials'] });
    // THEN
    expect(synth().findObject('test', 'ClusterRole', 'backup-operator-manager-role').rules).toEqual([
      { apiGroups: [''], resourceNames: ['s3-credentials'], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: FULL },
    ]);
  });

  test('owned custom resources get admin, edit and view roles aggregated into the built-in roles', () => {
    // GIVEN
    const { operator, plans, synth } = setup();
    // WHEN
    operator.owns(plans);
    const out = synth();
    // THEN
    const admin = out.findObject('test', 'ClusterRole', 'backup-operator-backupplan-admin-role');
    const edit = out.findObject('test', 'ClusterRole', 'backup-operator-backupplan-editor-role');
    const view = out.findObject('test', 'ClusterRole', 'backup-operator-backupplan-viewer-role');
    const aggregation = (role: any) => Object.keys(role.metadata.labels).filter((k) => k.includes('/aggregate-to-')).sort();
    expect(aggregation(admin)).toEqual(['rbac.authorization.k8s.io/aggregate-to-admin']);
    expect(aggregation(edit)).toEqual(['rbac.authorization.k8s.io/aggregate-to-admin', 'rbac.authorization.k8s.io/aggregate-to-edit']);
    expect(aggregation(view)).toEqual([
      'rbac.authorization.k8s.io/aggregate-to-admin', 'rbac.authorization.k8s.io/aggregate-to-edit', 'rbac.authorization.k8s.io/aggregate-to-view',
    ]);
    expect(Object.values(view.metadata.labels)).toContain('true');
    expect(view.rules).toEqual([
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get'] },
    ]);
    expect(JSON.stringify([admin.rules, edit.rules, view.rules])).not.toContain('"*"');
    expect(operator.aggregatedRoles).toHaveLength(3);
  });

  test('aggregated roles can be turned off', () => {
    const { operator, plans, synth } = setup({ aggregateToDefaultRoles: false });
    operator.owns(plans);
    expect(synth().findObjects('test', 'ClusterRole').map((r) => r.metadata.name)).not.toContain('backup-operator-backupplan-admin-role');
  });

  test('leader election on controller-runtime < 0.15 can add configmaps', () => {
    const { operator, synth } = setup({ leaderElectionConfigMaps: true });
    expect(synth().findObject('test', 'Role', 'backup-operator-leader-election-role').rules).toContainEqual({ apiGroups: [''], resources: ['configmaps'], verbs: FULL });
    expect(operator.permissions.leaderElectionRules).toHaveLength(3);
  });

  test('without leader election there is no leader-election role or flag', () => {
    const { operator, synth } = setup({ leaderElection: false });
    const out = synth();
    expect(out.findObjects('test', 'Role')).toEqual([]);
    expect(out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec.containers[0].args).not.toContain('--leader-elect');
    expect(operator.permissions.leaderElectionRules).toEqual([]);
  });

  test('wildcards are accepted only when explicitly allowed', () => {
    // GIVEN
    const { operator, synth } = setup();
    // WHEN
    operator.addPermission({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }, { allowWildcard: true });
    // THEN
    expect(synth().findObject('test', 'ClusterRole', 'backup-operator-manager-role').rules).toEqual([
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
    ]);
  });

  // what the API server accepts but does not do what was meant is a warning, never an error
  function rbacWarnings(out: { warnings: { path: string; id: string; message: string }[] }): string[] {
    return out.warnings.filter((w) => w.id.startsWith('opskit:operator/rbac-')).map((w) => `${w.path} ${w.id} ${w.message}`);
  }

  test('warns when a permission uses a wildcard without allowWildcard', () => {
    const { operator, synth } = setup();
    operator.addPermission({ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] });
    expect(rbacWarnings(synth())).toEqual([expect.stringMatching(/^test\/backup-operator opskit:operator\/rbac-wildcard permissions\[0\]\.apiGroups should not contain the wildcard "\*"/)]);
  });

  test('warns when the permissions prop uses a wildcard without allowWildcardPermissions, and not with it', () => {
    expect(rbacWarnings(setup({ permissions: [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }] }).synth()))
      .toEqual([expect.stringMatching(/opskit:operator\/rbac-wildcard permissions\[0\]\.verbs .*allowWildcard: true/)]);
    expect(rbacWarnings(setup({ permissions: [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }], allowWildcardPermissions: true }).synth())).toEqual([]);
  });

  test('warns when a watched resource has a wildcard', () => {
    const { operator, synth } = setup();
    operator.watches(ApiResource.custom({ apiGroup: 'apps', resourceType: '*' }));
    expect(rbacWarnings(synth())).toEqual([expect.stringContaining('opskit:operator/rbac-wildcard watches.resources')]);
  });

  test('warns when a watched resource is restricted to an empty name', () => {
    const { operator, synth } = setup();
    operator.watches(ApiResource.SECRETS, { resourceNames: [''] });
    expect(rbacWarnings(synth())).toEqual([expect.stringContaining('opskit:operator/rbac-resource-name watches.resourceNames[0] should be an object name')]);
  });

  test('warns when a permission names an API group in uppercase', () => {
    const { operator, synth } = setup();
    operator.addPermission({ apiGroups: ['Apps'], resources: ['deployments'], verbs: ['get'] });
    expect(rbacWarnings(synth())).toEqual([expect.stringMatching(/opskit:operator\/rbac-api-group permissions\[0\]\.apiGroups\[0\] .*use "apps"/)]);
  });

  test('fails when the API server would reject a permission (no verbs), naming the field', () => {
    const { operator } = setup();
    expectOpsError(() => operator.addPermission({ apiGroups: ['apps'], resources: ['deployments'], verbs: [] }), 'permissions[0].verbs', 'test/backup-operator', 'must list at least one verb');
  });

  test('fails and warns with the index of the declaration in the props', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const bad = new FakeCustomResourceType(chart, 'Bad', { group: 'backup', kind: 'Thing', plural: 'things' });
    const props = { image: IMAGE };
    // THEN
    expectOpsError(() => new Operator(chart, 'c', { ...props, owns: [bad] }), 'owns[0].group', 'test/c');
    expectOpsError(() => new Operator(chart, 'd', { ...props, conversionWebhooks: [bad] }), 'conversionWebhooks[0].group', 'test/d');
    const warned = OpsTesting.app();
    const warnedChart = warned.chart('test');
    new Operator(warnedChart, 'a', { ...props, watches: [ApiResource.PODS, ApiResource.custom({ apiGroup: 'apps', resourceType: '*' })] });
    new Operator(warnedChart, 'b', { ...props, metadata: { name: 'b' }, manages: [ApiResource.custom({ apiGroup: 'Batch', resourceType: 'jobs' })] });
    expect(rbacWarnings(OpsTesting.synth(warned))).toEqual([
      expect.stringContaining('test/a opskit:operator/rbac-wildcard watches[1].resources'),
      expect.stringContaining('test/b opskit:operator/rbac-api-group manages[0].apiGroups[0]'),
    ]);
  });

  test('fails when two owned kinds share a name', () => {
    const { operator, chart, plans } = setup();
    operator.owns(plans);
    const other = new FakeCustomResourceType(chart, 'OtherPlans', { group: 'other.example.com', kind: 'BackupPlan', plural: 'backupplans' });
    expectOpsError(() => operator.owns(other), 'owns', 'test/backup-operator', 'must not hold two kinds named BackupPlan');
  });

  test('fails when an owned type has no domain group', () => {
    const { operator, chart } = setup();
    const bad = new FakeCustomResourceType(chart, 'Bad', { group: 'backup', kind: 'Thing', plural: 'things' });
    expectOpsError(() => operator.owns(bad), 'owns.group', 'test/backup-operator');
  });
});

describe('Operator install scope', () => {
  test('a namespaced install grants a Role per watched namespace and watches only them', () => {
    // GIVEN
    const { operator, plans, chart, synth } = setup({ watchNamespaces: ['team-a', 'team-b'] });
    const stores = new FakeCustomResourceType(chart, 'Stores', { group: 'backup.example.com', kind: 'BackupStore', plural: 'backupstores', scope: 'Cluster' });
    // WHEN
    operator.owns(plans);
    operator.owns(stores);
    operator.manages(ApiResource.JOBS);
    const out = synth();
    // THEN
    const roles = out.findObjects('test', 'Role').filter((r) => r.metadata.name === 'backup-operator-manager-role');
    expect(roles.map((r) => r.metadata.namespace)).toEqual(['team-a', 'team-b']);
    expect(roles[0].rules).toEqual([
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/finalizers'], verbs: ['update'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: FULL },
    ]);
    const bindings = out.findObjects('test', 'RoleBinding').filter((b) => b.metadata.name === 'backup-operator-manager-rolebinding');
    expect(bindings.map((b) => [b.metadata.namespace, b.roleRef.kind, b.subjects[0].namespace])).toEqual([
      ['team-a', 'Role', NS], ['team-b', 'Role', NS],
    ]);
    // cluster-scoped kinds stay in the ClusterRole
    expect(out.findObject('test', 'ClusterRole', 'backup-operator-manager-role').rules.map((r: any) => r.resources[0])).toEqual([
      'backupstores', 'backupstores/finalizers', 'backupstores/status',
    ]);
    const manager = out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec.containers[0];
    expect(manager.env).toEqual([{ name: 'WATCH_NAMESPACE', value: 'team-a,team-b' }]);
    expect(operator.permissions.watchNamespaces).toEqual(['team-a', 'team-b']);
    expect(operator.managerRoles).toHaveLength(2);
  });

  test('permissions expose the whole RBAC as a model', () => {
    // GIVEN
    const { operator, plans } = setup({ watchNamespaces: ['team-a'] });
    // WHEN
    operator.owns(plans);
    operator.watches(ApiResource.NAMESPACES);
    // THEN
    expect(operator.permissions).toEqual({
      serviceAccountName: 'backup-operator-controller-manager',
      namespace: NS,
      clusterRules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
      namespaceRules: [
        { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL },
        { apiGroups: ['backup.example.com'], resources: ['backupplans/finalizers'], verbs: ['update'] },
        { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get', 'patch', 'update'] },
      ],
      watchNamespaces: ['team-a'],
      leaderElectionRules: [
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: FULL },
      ],
      metricsAuthRules: [
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
        { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      ],
    });
  });

  test('a namespaced install with only namespaced resources has no manager ClusterRole', () => {
    const { operator, plans, synth } = setup({ watchNamespaces: ['team-a'] });
    operator.owns(plans);
    expect(synth().hasObject('test', 'ClusterRole', 'backup-operator-manager-role')).toBe(false);
    expect(operator.permissions.clusterRules).toEqual([]);
  });

  test('a cluster-wide install uses one ClusterRole and no WATCH_NAMESPACE', () => {
    const { operator, plans, synth } = setup();
    operator.owns(plans);
    const out = synth();
    expect(out.findObjects('test', 'Role').map((r) => r.metadata.name)).toEqual(['backup-operator-leader-election-role']);
    expect(out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec.containers[0].env).toBeUndefined();
    expect(operator.permissions.namespaceRules).toEqual([]);
  });

  test('fails when watchNamespaces is empty or repeats a namespace', () => {
    expectOpsError(() => setup({ watchNamespaces: [] }), 'watchNamespaces', 'test/backup-operator');
    expectOpsError(() => setup({ watchNamespaces: ['a', 'a'] }), 'watchNamespaces[1]', 'test/backup-operator');
  });

  test('an existing namespace can be used', () => {
    const { operator, synth } = setup({ metadata: { namespace: 'platform' } });
    const out = synth();
    expect(out.findObjects('test', 'Namespace')).toEqual([]);
    expect(out.findObject('test', 'Deployment', 'backup-operator-controller-manager').metadata.namespace).toBe('platform');
    expect(operator.namespace).toBeUndefined();
  });
});
