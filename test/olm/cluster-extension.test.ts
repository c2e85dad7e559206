import { Construct } from 'constructs';
import { defineBackupOperator } from '../../examples/backup-operator/backup-operator';
import { OpsTesting } from '../../src/app/testing';
import { InstallModeType, ClusterCatalog, ClusterExtension, ClusterExtensionProps, OlmBundle, UpgradeConstraintPolicy } from '../../src/olm';

const DIGEST_REF = 'quay.io/acme/catalog@sha256:200d4ddb2a73594b91358fe6397424e975205bfbe44614f5846033cad64b3f05';

/** The backup operator's bundle, and a chart to install it from. */
function setup(bundleExtra: Record<string, unknown> = {}, failFast = true) {
  const app = OpsTesting.app({ failFast });
  const { operator } = defineBackupOperator(app);
  const bundle = new OlmBundle(operator.node.scope as Construct, 'Bundle', {
    operator, version: '0.3.1', channels: ['stable'], displayName: 'Backup Operator', minKubeVersion: '1.28.0', ...bundleExtra,
  });
  return { app, bundle, chart: app.chart('olm-v1') };
}

describe('ClusterExtension', () => {
  test('defaults: the bundle\'s package, install namespace <name>-system (created), an installer <name>-installer with derived RBAC', () => {
    // GIVEN
    const { app, bundle, chart } = setup();
    // WHEN
    const ext = new ClusterExtension(chart, 'backup-operator', { bundle });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findObject('olm-v1', 'ClusterExtension', 'backup-operator')).toEqual({
      apiVersion: 'olm.operatorframework.io/v1',
      kind: 'ClusterExtension',
      metadata: { name: 'backup-operator' },
      spec: {
        namespace: 'backup-operator-system',
        serviceAccount: { name: 'backup-operator-installer' },
        source: { sourceType: 'Catalog', catalog: { packageName: 'backup-operator' } },
      },
    });
    expect(ext.namespaceName).toBe('backup-operator-system');
    expect(ext.serviceAccountName).toBe('backup-operator-installer');
    expect(ext.name).toBe('backup-operator');
    expect(out.hasObject('olm-v1', 'Namespace', 'backup-operator-system')).toBe(true);
    expect(out.findObject('olm-v1', 'ServiceAccount', 'backup-operator-installer').metadata.namespace).toBe('backup-operator-system');
    const crb = out.findObject('olm-v1', 'ClusterRoleBinding', 'backup-operator-installer');
    expect(crb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'backup-operator-installer' });
    expect(crb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'backup-operator-installer', namespace: 'backup-operator-system' }]);
    const rb = out.findObject('olm-v1', 'RoleBinding', 'backup-operator-installer');
    expect(rb.metadata.namespace).toBe('backup-operator-system');
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'backup-operator-installer' });
    // the validating webhook needs a certificate provider: a warning, not an error
    expect(out.warnings.filter((w) => w.path === 'olm-v1/backup-operator').map((w) => w.id)).toEqual(['opskit:olm-v1/webhook-certificates']);
  });

  test('the installer RBAC is the least privilege derived from the bundle', () => {
    // GIVEN
    const { app, bundle, chart } = setup();
    // WHEN
    new ClusterExtension(chart, 'backup-operator', { bundle });
    const out = OpsTesting.synth(app);
    // THEN
    const clusterRules = out.findObject('olm-v1', 'ClusterRole', 'backup-operator-installer').rules;
    expect(clusterRules).toContainEqual({ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['backupplans.backup.example.com'] });
    expect(clusterRules).toContainEqual({ apiGroups: ['olm.operatorframework.io'], resources: ['clusterextensions/finalizers'], verbs: ['update'], resourceNames: ['backup-operator'] });
    // what the operator is granted (the CSV's clusterPermissions and permissions), the installer holds to grant it
    expect(clusterRules).toContainEqual({ apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] });
    expect(clusterRules).toContainEqual({ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] });
    const roleRules = out.findObject('olm-v1', 'Role', 'backup-operator-installer').rules;
    expect(roleRules).toContainEqual({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['backup-operator-controller-manager'] });
    expect(roleRules).toContainEqual({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['backup-operator-controller-manager'] });
    expect(roleRules).toContainEqual({ apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['backup-operator-controller-manager'] });
    // nothing cluster-wide beyond what is listed: no wildcard resource or group
    expect(clusterRules.filter((r: any) => r.resources.includes('*') || r.apiGroups.includes('*'))).toEqual([]);
  });

  test('every prop: version, channels, catalogs as a selector, upgradeConstraintPolicy, the chart\'s namespace (not created)', () => {
    // GIVEN
    const app = OpsTesting.app();
    const { operator } = defineBackupOperator(app);
    const bundle = new OlmBundle(operator.node.scope as Construct, 'Bundle', { operator, version: '0.3.1', channels: ['stable'], displayName: 'Backup Operator', minKubeVersion: '1.28.0' });
    const chart = app.chart('olm-v1', { namespace: 'operators' });
    const catalog = new ClusterCatalog(chart, 'acme', { image: DIGEST_REF });
    // WHEN
    new ClusterExtension(chart, 'backup', {
      bundle,
      version: '>=0.3.0, <1.0.0',
      channels: ['stable'],
      catalogs: [catalog],
      upgradeConstraintPolicy: UpgradeConstraintPolicy.SELF_CERTIFIED,
      metadata: { labels: { team: 'platform' } },
    });
    const out = OpsTesting.synth(app);
    // THEN
    const ext = out.findObject('olm-v1', 'ClusterExtension', 'backup');
    expect(ext.metadata).toEqual({ name: 'backup', labels: { team: 'platform' } });
    expect(ext.spec.namespace).toBe('operators');
    expect(ext.spec.source.catalog).toEqual({
      packageName: 'backup-operator',
      version: '>=0.3.0, <1.0.0',
      channels: ['stable'],
      selector: { matchExpressions: [{ key: 'olm.operatorframework.io/metadata.name', operator: 'In', values: ['acme'] }] },
      upgradeConstraintPolicy: 'SelfCertified',
    });
    expect(out.findObjects('olm-v1', 'Namespace')).toEqual([]);
    expect(out.findObject('olm-v1', 'ServiceAccount', 'backup-installer').metadata).toEqual({ name: 'backup-installer', namespace: 'operators', labels: { team: 'platform' } });
  });

  test('a package of another publisher: packageName and an existing service account, no installer objects', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('olm-v1');
    // WHEN
    const ext = new ClusterExtension(chart, 'argocd', { packageName: 'argocd-operator', serviceAccountName: 'argocd-installer', metadata: { namespace: 'argocd' } });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findObject('olm-v1', 'ClusterExtension', 'argocd').spec).toEqual({
      namespace: 'argocd', serviceAccount: { name: 'argocd-installer' }, source: { sourceType: 'Catalog', catalog: { packageName: 'argocd-operator' } },
    });
    expect(ext.serviceAccount).toBeUndefined();
    expect(ext.clusterRole).toBeUndefined();
    expect(out.manifests('olm-v1').map((o) => o.kind)).toEqual(['ClusterExtension']);
  });

  test('fails at synth when OLM v1 cannot install the bundle: no AllNamespaces install mode', () => {
    // GIVEN
    const { app, bundle, chart } = setup({ installModes: [InstallModeType.OWN_NAMESPACE, InstallModeType.SINGLE_NAMESPACE] }, false);
    // WHEN
    new ClusterExtension(chart, 'backup-operator', { bundle });
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/bundle must be installable by OLM v1 \(operator-controller v1\.10\.0\) — fix the bundle or its operator: manifests\/backup-operator\.clusterserviceversion\.yaml: the bundle does not support the AllNamespaces install mode[^\n]*\[olm-v1\/all-namespaces\]\n\s+at path \[olm-v1\/backup-operator\]/);
  });

  test('warns when the version range excludes the bundle\'s version', () => {
    const { app, bundle, chart } = setup();
    new ClusterExtension(chart, 'backup-operator', { bundle, version: '^0.2' });
    const warning = OpsTesting.synth(app).warnings.find((w) => w.id === 'opskit:olm/extension-version');
    expect(warning?.message).toBe('version "^0.2" excludes the bundle\'s version 0.3.1: operator-controller does not install this version of the package');
  });

  test('no version warning when the range admits the bundle\'s version', () => {
    const { app, bundle, chart } = setup();
    new ClusterExtension(chart, 'backup-operator', { bundle, version: '~0.3' });
    expect(OpsTesting.synth(app).warnings.map((w) => w.id)).not.toContain('opskit:olm/extension-version');
  });

  test('warns when the channels hold none of the bundle\'s', () => {
    const { app, bundle, chart } = setup();
    new ClusterExtension(chart, 'backup-operator', { bundle, channels: ['fast'] });
    expect(OpsTesting.synth(app).warnings.map((w) => w.id)).toContain('opskit:olm/extension-channel');
  });

  test.each<[string, Partial<ClusterExtensionProps> & Record<string, unknown>, RegExp]>([
    ['there is neither bundle nor packageName', { serviceAccountName: 'sa' }, /packageName must be set when there is no bundle/],
    ['there is no bundle and no service account', { packageName: 'argocd-operator' }, /serviceAccountName must be set when there is no bundle \(no RBAC can be derived\)/],
    ['the version is not OLM v1 syntax', { packageName: 'p', serviceAccountName: 'sa', version: '1.2.3 - 1.4.0' }, /version must be a version or range OLM v1 accepts[^\n]*, got "1\.2\.3 - 1\.4\.0"/],
    ['the version is one the CRD accepts but operator-controller cannot parse', { packageName: 'p', serviceAccountName: 'sa', version: '>=1.2.3-01' },
      /version must be a range operator-controller can parse \(Masterminds\/semver: ">=1\.2\.3-01" is not a version\), got ">=1\.2\.3-01"/],
    ['the version is longer than 64 characters', { packageName: 'p', serviceAccountName: 'sa', version: `>=1.0.0${', <2.0.0'.repeat(10)}` }, /version must be at most 64 characters/],
    ['a channel is not a DNS subdomain', { packageName: 'p', serviceAccountName: 'sa', channels: ['stable', 'original_40'] }, /channels\[1\] must be a DNS-1123 subdomain, got "original_40"/],
    ['the package name is invalid', { packageName: 'Backup', serviceAccountName: 'sa' }, /packageName must be a DNS-1123 subdomain/],
    ['the service account name is invalid', { packageName: 'p', serviceAccountName: '-sa' }, /serviceAccountName must be a DNS-1123 subdomain/],
    ['the install namespace is not a DNS label', { packageName: 'p', serviceAccountName: 'sa', metadata: { namespace: 'Ops.NS' } }, /metadata\.namespace must be a DNS-1123 label \(the install namespace\)/],
    ['the upgradeConstraintPolicy is unknown', { packageName: 'p', serviceAccountName: 'sa', upgradeConstraintPolicy: 'Always' as any }, /upgradeConstraintPolicy must be one of "CatalogProvided", "SelfCertified"/],
    ['a catalog is not a ClusterCatalog', { packageName: 'p', serviceAccountName: 'sa', catalogs: [{ name: 'x' }] as any }, /catalogs\[0\] must be a ClusterCatalog instance/],
    ['the bundle is not an OlmBundle', { bundle: { packageName: 'p' } as any, serviceAccountName: 'sa' }, /bundle must be an OlmBundle instance/],
    ['finalizers are set', { packageName: 'p', serviceAccountName: 'sa', metadata: { finalizers: ['x'] } }, /metadata.finalizers is not supported on ClusterExtension \(it emits many objects; the field belongs to one\)/],
  ])('fails when %s', (_, props, message) => {
    const app = OpsTesting.app();
    expect(() => new ClusterExtension(app.chart('olm-v1'), 'ext', props)).toThrow(message);
    expect(() => new ClusterExtension(OpsTesting.app().chart('olm-v1'), 'ext', props)).toThrow('at path [olm-v1/ext]');
  });

  test('fails when the default install namespace <name>-system is too long for a namespace', () => {
    const id = 'a'.repeat(60);
    expect(() => new ClusterExtension(OpsTesting.app().chart('olm-v1'), id, { packageName: 'p', serviceAccountName: 'sa' }))
      .toThrow(/metadata\.namespace must be a DNS-1123 label \(the install namespace\), got "a{60}-system" — it defaults to the chart's namespace, else <name>-system: set metadata\.namespace/);
  });

  test('a bundle with problems of its own is reported once, at the bundle', () => {
    // GIVEN
    const { app, bundle, chart } = setup({ version: 'v1' }, false);
    // WHEN
    const ext = new ClusterExtension(chart, 'backup-operator', { bundle });
    // THEN
    expect(ext.apiObject).toBeUndefined();
    let message = '';
    try {
      OpsTesting.synth(app);
    } catch (e: any) {
      message = String(e.message);
    }
    expect(message).toMatch(/version must be/);
    expect(message).not.toContain('olm-v1/backup-operator');
  });

  test('fails when packageName disagrees with the bundle', () => {
    const { bundle, chart } = setup();
    expect(() => new ClusterExtension(chart, 'ext', { bundle, packageName: 'other' })).toThrow(/packageName must be the bundle's package "backup-operator", got "other"/);
  });
});
