import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defineBackupOperator } from '../../examples/backup-operator/backup-operator';
import { OlmBundleValidator, OlmV1Installability, OpsTesting } from '../../src';
import { parseYamlDocuments } from '../../src/core/yaml';
import { runTool } from '../support/tools';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'backup-operator');
const NS = 'backup-operator-system';
const FULL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

describe('examples/backup-operator', () => {
  // WHEN (the synth runs every built-in schema check, the CRD's API-server rules and the BackupPlans' schema)
  const app = OpsTesting.app();
  const { operator } = defineBackupOperator(app);
  const out = OpsTesting.synth(app);

  test('its RBAC is exactly the minimal set derived from owns, watches and manages', () => {
    const expected = [
      { apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/finalizers'], verbs: ['update'] },
      { apiGroups: ['backup.example.com'], resources: ['backupplans/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: FULL },
      { apiGroups: ['etcd.database.coreos.com'], resources: ['etcdclusters'], verbs: ['get', 'list', 'watch'] },
    ];
    expect(out.findObject('backup-operator', 'ClusterRole', 'backup-operator-manager-role').rules).toEqual(expected);
    expect(operator.rules).toEqual(expected);
    expect(out.findObject('backup-operator', 'Role', 'backup-operator-leader-election-role').rules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: FULL },
    ]);
    // every role of the service account, and nothing else, is bound to it
    const bound = [...out.findObjects('backup-operator', 'ClusterRoleBinding'), ...out.findObjects('backup-operator', 'RoleBinding')]
      .map((b) => `${b.roleRef.kind}/${b.roleRef.name}`).sort();
    expect(bound).toEqual([
      'ClusterRole/backup-operator-manager-role',
      'ClusterRole/backup-operator-metrics-auth-role',
      'Role/backup-operator-leader-election-role',
    ]);
    expect(JSON.stringify(out.manifests('backup-operator').filter((o) => /Role$/.test(o.kind)))).not.toContain('"*"');
  });

  test('the BackupPlan CRD has the seed article\'s fields, status and printer columns', () => {
    const crd = out.findObject('backup-operator', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    const version = crd.spec.versions[0];
    expect(version.name).toBe('v1');
    expect(version.subresources).toEqual({ status: {} });
    const spec = version.schema.openAPIV3Schema.properties.spec;
    expect(spec.required).toEqual(['schedule', 'storageRef', 'target']);
    expect(Object.keys(version.schema.openAPIV3Schema.properties.status.properties).sort()).toEqual(['conditions', 'lastSuccessfulTime', 'message', 'phase']);
    expect(version.additionalPrinterColumns.map((c: any) => c.name)).toEqual(['Schedule', 'Target', 'Phase', 'Last Success', 'Age']);
  });

  test('the BackupPlans are emitted as written, without the CRD defaults', () => {
    const daily = out.findObject('backup-plans', 'BackupPlan', 'etcd-daily');
    expect(daily.apiVersion).toBe('backup.example.com/v1');
    expect(daily.metadata.namespace).toBe('databases');
    expect(daily.spec).toEqual({
      schedule: '0 2 * * *',
      target: { kind: 'EtcdCluster', name: 'prod-etcd' },
      storageRef: { name: 's3-backup-bucket' },
    });
    expect(out.findObject('backup-plans', 'BackupPlan', 'etcd-hourly').spec.retention).toBe(24);
    expect(out.findObject('backup-plans', 'BackupPlan', 'etcd-weekly').spec).toMatchObject({ schedule: '@weekly', suspend: true });
    expect(out.findObjects('backup-plans', 'BackupPlan')).toHaveLength(3);
  });

  test('the controller is hardened, replicated and wired for its webhook', () => {
    const deployment = out.findObject('backup-operator', 'Deployment', 'backup-operator-controller-manager');
    expect(deployment.spec.replicas).toBe(2);
    expect(out.hasObject('backup-operator', 'PodDisruptionBudget', 'backup-operator-controller-manager')).toBe(true);
    expect(out.hasObject('backup-operator', 'ServiceMonitor', 'backup-operator-controller-manager-metrics-monitor')).toBe(true);
    expect(out.hasObject('backup-operator', 'NetworkPolicy', 'backup-operator-controller-manager')).toBe(true);
    const webhooks = out.findObject('backup-operator', 'ValidatingWebhookConfiguration', 'backup-operator-validating-webhook-configuration');
    expect(webhooks.metadata.annotations['cert-manager.io/inject-ca-from']).toBe(`${NS}/backup-operator-serving-cert`);
    expect(webhooks.webhooks[0].clientConfig.service.path).toBe('/validate-backup-example-com-v1-backupplan');
    expect(webhooks.webhooks[0]).toMatchObject({ failurePolicy: 'Fail', timeoutSeconds: 5 });
  });

  test('synthesizes without warnings', () => {
    expect(out.warnings).toEqual([]);
  });

  test('synthesizes byte-identical output twice', () => {
    const again = OpsTesting.app();
    defineBackupOperator(again);
    expect(OpsTesting.synth(again).toSnapshot()).toEqual(out.toSnapshot());
  });

  test('`cdk8s synth` in the example folder writes the validated manifests', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-backup-operator-'));
    // WHEN
    const cli = runTool('npx', ['cdk8s', 'synth', '--output', path.join(dir, 'dist')], { cwd: EXAMPLE });
    // THEN
    expect(cli.stderr).not.toMatch(/OpsError/);
    expect(cli.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['backup-operator-olm-v1.k8s.yaml', 'backup-operator.k8s.yaml', 'backup-plans.k8s.yaml', 'helm', 'olm', 'opskit.json']);
    expect(fs.readFileSync(path.join(dir, 'dist', 'helm', 'backup-operator', 'Chart.yaml'), 'utf8')).toMatch(/^name: backup-operator$/m);
    const yaml = fs.readFileSync(path.join(dir, 'dist', 'backup-operator.k8s.yaml'), 'utf8');
    expect(yaml).toEqual(out.chartYaml('backup-operator'));
    // the OLM bundle and catalog of publish.ts, as written: no finding at all, even OperatorHub's
    expect(fs.readdirSync(path.join(dir, 'dist', 'olm', 'backup-operator')).sort()).toEqual(['0.3.1', 'catalog']);
    expect(OlmBundleValidator.validateDirectory(path.join(dir, 'dist', 'olm', 'backup-operator', '0.3.1'))).toEqual([]);
    // OLM v1: the ClusterCatalog, the ClusterExtension and its installer, installable (no finding but the acknowledged webhook one)
    const olmV1 = parseYamlDocuments(fs.readFileSync(path.join(dir, 'dist', 'backup-operator-olm-v1.k8s.yaml'), 'utf8'));
    expect(olmV1.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/backup-operator-system', 'ServiceAccount/backup-operator-installer', 'ClusterRole/backup-operator-installer',
      'ClusterRoleBinding/backup-operator-installer', 'Role/backup-operator-installer', 'RoleBinding/backup-operator-installer',
      'ClusterCatalog/example-operators', 'ClusterExtension/backup-operator',
    ]);
    expect(olmV1.find((o) => o.kind === 'ClusterExtension').spec.source.catalog).toEqual(expect.objectContaining({ packageName: 'backup-operator', channels: ['stable'] }));
    expect(OlmV1Installability.checkDirectory(path.join(dir, 'dist', 'olm', 'backup-operator', '0.3.1')).map((f) => f.rule)).toEqual(['olm-v1/webhook-certificates']);
    expect(cli.stdout + cli.stderr).not.toMatch(/warning:/);
    expect(fs.readFileSync(path.join(dir, 'dist', 'olm', 'backup-operator', 'catalog', 'upgrade-graph.txt'), 'utf8'))
      .toBe('package backup-operator (default channel stable)\nchannel stable:\n  0.3.1 — replaces 0.3.0; skipRange >=0.2.0 <0.3.0\n  0.3.0\n');
  });
});
