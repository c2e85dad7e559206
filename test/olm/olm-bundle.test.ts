import { Construct } from 'constructs';
import { CustomResource, CustomResourceDefinition, Operator, Schema } from '../../src';
import { OpsApp } from '../../src/app/ops-app';
import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { parseYaml } from '../../src/core/yaml';
import { OlmBundle, OlmBundleValidator, OlmCrdDescription, OlmFindingLevel } from '../../src/olm';
import { backupBundle, backupBundleFiles } from '../support/olm-bundles';

const CSV = 'manifests/backup-operator.clusterserviceversion.yaml';

function synthError(fn: () => void): OpsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OpsError) return e;
    throw e;
  }
  throw new Error('expected an OpsError');
}

describe('OlmBundle', () => {
  test('writes the bundle layout under olm/<package>/<version>', () => {
    expect(Object.keys(backupBundleFiles()).sort()).toEqual([
      'bundle.Dockerfile',
      'manifests/backup-operator-backupplan-admin-role_rbac.authorization.k8s.io_v1_clusterrole.yaml',
      'manifests/backup-operator-backupplan-editor-role_rbac.authorization.k8s.io_v1_clusterrole.yaml',
      'manifests/backup-operator-backupplan-viewer-role_rbac.authorization.k8s.io_v1_clusterrole.yaml',
      'manifests/backup-operator-controller-manager-metrics-monitor_monitoring.coreos.com_v1_servicemonitor.yaml',
      'manifests/backup-operator-controller-manager-metrics-service_v1_service.yaml',
      'manifests/backup-operator-controller-manager_networking.k8s.io_v1_networkpolicy.yaml',
      'manifests/backup-operator-controller-manager_policy_v1_poddisruptionbudget.yaml',
      'manifests/backup-operator-metrics-reader_rbac.authorization.k8s.io_v1_clusterrole.yaml',
      'manifests/backup-operator-webhook-service_v1_service.yaml',
      CSV,
      'manifests/backup.example.com_backupplans.yaml',
      'metadata/annotations.yaml',
      'tests/scorecard/config.yaml',
    ]);
  });

  test('the CSV holds what OLM creates: the deployment, the bound RBAC as permissions, the webhook', () => {
    // WHEN
    const csv = parseYaml(backupBundleFiles()[CSV]);
    // THEN
    expect(csv.metadata.name).toBe('backup-operator.v0.3.1');
    expect(csv.metadata.annotations.createdAt).toBeUndefined(); // deterministic output
    expect(csv.spec.install.spec.deployments.map((d: any) => d.name)).toEqual(['backup-operator-controller-manager']);
    expect(csv.spec.install.spec.permissions.map((p: any) => p.serviceAccountName)).toEqual(['backup-operator-controller-manager']);
    expect(csv.spec.install.spec.permissions[0].rules.map((r: any) => r.resources).flat()).toEqual(expect.arrayContaining(['leases']));
    expect(csv.spec.install.spec.clusterPermissions[0].rules.map((r: any) => r.resources).flat()).toEqual(expect.arrayContaining(['backupplans', 'jobs', 'tokenreviews']));
    expect(csv.spec.webhookdefinitions).toEqual([expect.objectContaining({
      type: 'ValidatingAdmissionWebhook', deploymentName: 'backup-operator-controller-manager', containerPort: 443, targetPort: 9443,
    })]);
    expect(csv.spec.customresourcedefinitions.owned).toEqual([expect.objectContaining({ name: 'backupplans.backup.example.com', version: 'v1', kind: 'BackupPlan', displayName: 'Backup Plan' })]);
    expect(csv.spec.customresourcedefinitions.owned[0].statusDescriptors).toEqual(expect.arrayContaining([
      expect.objectContaining({ 'path': 'conditions', 'displayName': 'Conditions', 'x-descriptors': ['urn:alm:descriptor:io.kubernetes.conditions'] }),
    ]));
    expect(csv.spec.relatedImages).toEqual([{ name: 'manager', image: 'ghcr.io/example/backup-operator:v0.3.1' }]);
    expect(csv.spec.installModes.filter((m: any) => m.supported).map((m: any) => m.type)).toEqual(['AllNamespaces']);
  });

  test('objects OLM creates itself are not in the manifests, and no manifest has a namespace', () => {
    const files = backupBundleFiles();
    const manifests = Object.entries(files).filter(([p]) => p.startsWith('manifests/')).map(([, t]) => parseYaml(t));
    expect(manifests.map((m) => m.kind)).not.toEqual(expect.arrayContaining(['Namespace']));
    for (const kind of ['Deployment', 'ServiceAccount', 'RoleBinding', 'ClusterRoleBinding', 'ValidatingWebhookConfiguration', 'Certificate', 'Issuer']) {
      expect(manifests.map((m) => m.kind)).not.toContain(kind);
    }
    expect(manifests.filter((m) => m.kind !== 'ClusterServiceVersion' && m.metadata.namespace !== undefined)).toEqual([]);
  });

  test('the Dockerfile labels are the annotations', () => {
    const files = backupBundleFiles();
    const annotations = parseYaml(files['metadata/annotations.yaml']).annotations;
    for (const [k, v] of Object.entries(annotations)) expect(files['bundle.Dockerfile']).toContain(`LABEL ${k}=${v}\n`);
    expect(annotations['operators.operatorframework.io.bundle.channels.v1']).toBe('stable');
  });

  test('the validator breaks the bundle when the Dockerfile labels disagree with the annotations on the package', () => {
    // GIVEN the bundle opskit writes, with the package label changed
    const files = backupBundleFiles();
    files['bundle.Dockerfile'] = files['bundle.Dockerfile'].replace('bundle.package.v1=backup-operator', 'bundle.package.v1=backup');
    // WHEN
    const findings = OlmBundleValidator._validateFiles(new Map(Object.entries(files)));
    // THEN
    expect(findings).toEqual([expect.objectContaining({ level: OlmFindingLevel.ERROR, rule: 'olm/dockerfile-labels', file: 'bundle.Dockerfile' })]);
  });

  test('an operator that watches listed namespaces supports the namespaced install modes; WATCH_NAMESPACE follows OLM', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c');
    const operator = new Operator(chart, 'demo', { image: 'ghcr.io/acme/demo:v1.0.0', watchNamespaces: ['team-a'] });
    const bundle = new OlmBundle(chart, 'Bundle', { operator, version: '1.0.0', channels: ['stable'], displayName: 'Demo' });
    // WHEN
    const csv = parseYaml(OpsTesting.synth(app).file(`${bundle.directory}/manifests/demo.clusterserviceversion.yaml`));
    // THEN
    expect(csv.spec.installModes.filter((m: any) => m.supported).map((m: any) => m.type)).toEqual(['OwnNamespace', 'SingleNamespace', 'MultiNamespace']);
    const env = csv.spec.install.spec.deployments[0].spec.template.spec.containers[0].env;
    expect(env).toEqual(expect.arrayContaining([{ name: 'WATCH_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.annotations[\'olm.targetNamespaces\']' } } }]));
  });

  test('missing OperatorHub fields are warnings with ids', () => {
    const { out } = backupBundle({ icon: undefined, minKubeVersion: undefined });
    expect(out.warnings.map((w) => w.id)).toEqual(expect.arrayContaining(['opskit:olm/icon', 'opskit:olm/min-kube-version']));
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a version that is not semver', { version: 'v0.3' }, /^version must be a semantic version/],
    ['build metadata in the version', { version: '0.3.1+build.5' }, /version must not carry build metadata/],
    ['replaces that is not older', { replaces: '0.4.0' }, /^replaces must be lower than version 0\.3\.1/],
    ['replaces given as a CSV name', { replaces: 'backup-operator.v0.3.0' }, /^replaces must be a semantic version of this package/],
    ['no channel', { channels: [], defaultChannel: undefined }, /^channels must list at least one channel/],
    ['a default channel that is not a channel', { defaultChannel: 'fast' }, /^defaultChannel must be one of the bundle's channels/],
    ['a skipRange OLM cannot parse', { skipRange: '~0.3' }, /^skipRange must be a semver range as OLM parses it/],
    ['a minKubeVersion OLM rejects', { minKubeVersion: '1.28' }, /^minKubeVersion must be a full semantic version/],
    ['an install mode that is not one', { installModes: ['Everywhere'] }, /installModes\[0\]/],
  ])('rejects %s with the field named', (_name, props, message) => {
    expect(() => backupBundle(props as any)).toThrow(message);
  });

  test('an example of a kind the operator does not own fails synth at the bundle', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const chart = app.chart('c');
    const owned = new CustomResourceDefinition(chart, 'Widgets', { group: 'demo.example.com', kind: 'Widget', versions: [{ name: 'v1', spec: Schema.object({ properties: { size: Schema.integer() } }) }] });
    const other = new CustomResourceDefinition(chart, 'Gadgets', { group: 'demo.example.com', kind: 'Gadget', versions: [{ name: 'v1', spec: Schema.object({ properties: { size: Schema.integer() } }) }] });
    const operator = new Operator(chart, 'demo', { image: 'ghcr.io/acme/demo:v1.0.0', owns: [owned] });
    const gadget = new CustomResource(chart, 'Gadget', { crd: other, metadata: { name: 'g', namespace: 'x' }, spec: { size: 1 } });
    new OlmBundle(chart, 'Bundle', { operator, version: '1.0.0', channels: ['stable'], displayName: 'Demo', examples: [gadget] });
    // WHEN
    const e = synthError(() => OpsTesting.synth(app));
    // THEN
    expect(e.problems).toEqual([expect.objectContaining({ path: 'c/Bundle', rule: 'olm/example-not-owned' })]);
    expect(e.message).toMatch(/demo\.example\.com\/v1, Kind=Gadget: example must have a provided API/);
  });

  describe('crdDescriptions', () => {
    /** A Widget CRD, an operator owning it and a bundle whose CRD descriptions come from `descriptors(widgets)`. */
    function owned(descriptors: (widgets: CustomResourceDefinition) => OlmCrdDescription[], failFast = true) {
      const app = OpsTesting.app({ failFast });
      const chart = app.chart('c');
      const widgets = new CustomResourceDefinition(chart, 'Widgets', {
        group: 'demo.example.com',
        kind: 'Widget',
        versions: [{
          name: 'v1',
          spec: Schema.object({ properties: { size: Schema.integer({ description: 'How many.' }), tier: Schema.object({ properties: { name: Schema.string() } }) } }),
          status: Schema.object({ properties: { phase: Schema.string() } }),
        }],
      });
      const operator = new Operator(chart, 'demo', { image: 'ghcr.io/acme/demo:v1.0.0', owns: [widgets] });
      const bundle = new OlmBundle(chart, 'Bundle', { operator, version: '1.0.0', channels: ['stable'], displayName: 'Demo', crdDescriptions: descriptors(widgets) });
      return { app, bundle, widgets };
    }
    function csvOf(app: OpsApp, bundle: OlmBundle) {
      const out = OpsTesting.synth(app);
      return { csv: parseYaml(out.file(`${bundle.directory}/manifests/demo.clusterserviceversion.yaml`)), out };
    }

    test('given descriptors replace the derived one of their path and add the others', () => {
      // GIVEN
      const { app, bundle } = owned((widgets) => [{
        crd: widgets,
        specDescriptors: [
          { path: 'size', displayName: 'Size', xDescriptors: ['urn:alm:descriptor:com.tectonic.ui:podCount'] },
          { path: 'tier.name', description: 'The tier.' },
        ],
        statusDescriptors: [{ path: 'phase', xDescriptors: ['urn:alm:descriptor:io.kubernetes.phase'] }],
      }]);
      // WHEN
      const { csv, out } = csvOf(app, bundle);
      // THEN
      const entry = csv.spec.customresourcedefinitions.owned[0];
      expect(entry.specDescriptors).toEqual([
        { 'path': 'size', 'displayName': 'Size', 'x-descriptors': ['urn:alm:descriptor:com.tectonic.ui:podCount'] },
        { path: 'tier', displayName: 'Tier' },
        { path: 'tier.name', displayName: 'Name', description: 'The tier.' },
      ]);
      expect(entry.statusDescriptors).toEqual([{ 'path': 'phase', 'displayName': 'Phase', 'x-descriptors': ['urn:alm:descriptor:io.kubernetes.phase'] }]);
      expect(out.warnings.filter((w) => w.id.startsWith('opskit:olm/descriptor') || w.id === 'opskit:olm/x-descriptor')).toEqual([]);
    });

    test('the display name, description and resources of the entry', () => {
      // GIVEN
      const { app, bundle } = owned((widgets) => [{
        crd: widgets,
        displayName: 'Widget Pool',
        description: 'A pool of widgets.',
        resources: [{ kind: 'Deployment', name: '', version: 'apps/v1' }],
      }]);
      // WHEN
      const entry = csvOf(app, bundle).csv.spec.customresourcedefinitions.owned[0];
      // THEN
      expect(entry).toMatchObject({ displayName: 'Widget Pool', description: 'A pool of widgets.', resources: [{ kind: 'Deployment', name: '', version: 'apps/v1' }] });
      expect(entry.specDescriptors.map((d: any) => d.path)).toEqual(['size', 'tier']); // derived ones stay
    });

    test('deriveDescriptors: false writes only the given ones', () => {
      const { app, bundle } = owned((widgets) => [{ crd: widgets, deriveDescriptors: false, specDescriptors: [{ path: 'size' }] }]);
      const entry = csvOf(app, bundle).csv.spec.customresourcedefinitions.owned[0];
      expect(entry.specDescriptors).toEqual([{ path: 'size', displayName: 'Size' }]);
      expect(entry.statusDescriptors).toBeUndefined();
    });

    test('a path the schema does not have and an unknown x-descriptor are warnings (OLM accepts any descriptor)', () => {
      const { app, bundle } = owned((widgets) => [{ crd: widgets, specDescriptors: [{ path: 'colour', xDescriptors: ['ui:slider'] }] }]);
      const { out, csv } = csvOf(app, bundle);
      expect(out.warnings.map((w) => w.id)).toEqual(expect.arrayContaining(['opskit:olm/descriptor-path', 'opskit:olm/x-descriptor']));
      expect(out.warnings.find((w) => w.id === 'opskit:olm/descriptor-path')!.message).toMatch(/widgets\.demo\.example\.com v1: specDescriptors path "colour" is not a field of the schema's spec/);
      expect(csv.spec.customresourcedefinitions.owned[0].specDescriptors.map((d: any) => d.path)).toContain('colour');
    });

    test.each<[string, (widgets: CustomResourceDefinition) => OlmCrdDescription[], RegExp]>([
      ['a CRD the operator does not own', (w) => [{
        crd: new CustomResourceDefinition(w.node.scope as Construct, 'Other', { group: 'demo.example.com', kind: 'Gadget', versions: [{ name: 'v1', spec: Schema.object({ properties: {} }) }] }),
      }], /crdDescriptions\[0\]\.crd must be a custom resource type the operator owns/],
      ['an empty path', (w) => [{ crd: w, specDescriptors: [{ path: '' }] }], /crdDescriptions\[0\]\.specDescriptors\[0\]\.path must name a field below spec/],
    ])('fails on %s', (_name, descriptors, message) => {
      expect(() => owned(descriptors)).toThrow(message);
    });

    test('fails at synth on a version the CRD does not serve', () => {
      const { app } = owned((widgets) => [{ crd: widgets, version: 'v2', specDescriptors: [{ path: 'size' }] }], false);
      expect(synthError(() => OpsTesting.synth(app)).message).toMatch(/crdDescriptions\[0\]\.version must be a served version of the CRD/);
    });
  });

  test('a second identical program writes the same bytes', () => {
    expect(backupBundleFiles()).toEqual(backupBundleFiles());
  });

  test('operator must be an Operator', () => {
    const chart = OpsTesting.app().chart('c');
    expect(() => new OlmBundle(chart, 'B', { operator: new Construct(chart, 'x') as any, version: '1.0.0', channels: ['stable'], displayName: 'D' })).toThrow(/operator must be an Operator instance, got an instance of Construct/);
  });
});
