import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defineAddons } from '../../examples/helm-chart/addons';
import { defineBackupOperatorChart } from '../../examples/helm-chart/backup-operator-chart';
import { OpsTesting } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import { chartFiles } from '../helm/support/charts';
import { readTree } from '../support/files';
import { describeWithHelm, helm, helmTemplate, writeFolder } from '../support/helm';
import { runTool } from '../support/tools';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'helm-chart');
const NS = 'backup-operator-system';
const key = (o: any) => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
const byKey = (objects: any[]) => new Map(objects.map((o) => [key(o), o]));
const DEPLOYMENT = `apps/v1|Deployment|${NS}|backup-operator-controller-manager`;
const RULE = `monitoring.coreos.com/v1|PrometheusRule|${NS}|backup-alerts`;
/** The operator's manager container and the BackupFailing rule, found by name. */
const manager = (deployment: any) => deployment.spec.template.spec.containers.find((c: any) => c.name === 'manager');
const backupFailing = (rule: any) => rule.spec.groups.find((g: any) => g.name === 'backup').rules.find((r: any) => r.alert === 'BackupFailing');

function build() {
  const app = OpsTesting.app();
  const built = defineBackupOperatorChart(app);
  const addons = defineAddons(app, built);
  const result = OpsTesting.synth(app);
  return { ...built, ...addons, result, files: chartFiles(result, built.helmChart) };
}

describe('examples/helm-chart', () => {
  test('the plain manifests and the rule file hold the values\' defaults; values.yaml lists the values with their comments', () => {
    // WHEN
    const { result, files } = build();
    // THEN
    const container = manager(result.findObject('backup-operator', 'Deployment', 'backup-operator-controller-manager'));
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'MAX_CONCURRENT_BACKUPS', value: '2' }]));
    expect(result.file('prometheus/backup-alerts.rules.yaml')).toContain('increase(backup_failures_total[1h])) >= 1');
    expect(result.warnings).toEqual([]);
    const values = parseYaml(files.get('values.yaml')!);
    expect(values.controller).toEqual({ logLevel: 'info', maxConcurrentBackups: 2 });
    expect(values.alerts).toEqual({ failureThreshold: 1, severity: 'warning' });
    expect(files.get('values.yaml')).toContain('  # How much the controller logs.\n  logLevel: info\n');
    expect(files.get('README.md')).toContain('| `alerts.severity` | string | `"warning"` | Severity label of BackupFailing (routes it in Alertmanager). |');
  });

  test('kube-prometheus-stack selects the operator\'s ServiceMonitor and PrometheusRule; without the release label synth fails naming both', () => {
    // GIVEN the example as it is: both objects carry `release: monitoring`
    const { result } = build();
    expect(result.findObject('backup-operator', 'PrometheusRule', 'backup-alerts').metadata.labels.release).toBe('monitoring');
    expect(result.fileNames.filter((f) => f.startsWith('helm/releases/'))).toEqual(['helm/releases/cert-manager.values.yaml', 'helm/releases/monitoring.values.yaml']);
    // WHEN the rule loses the label
    const app = OpsTesting.app();
    const built = defineBackupOperatorChart(app);
    defineAddons(app, built);
    built.alerts.apiObject.metadata.addLabel('release', 'other');
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/ruleSelector must select PrometheusRule backup-operator-system\/backup-alerts \(at path \[backup-operator\/backup-alerts\]\): kube-prometheus-stack release monitoring\/monitoring \(at path \[monitoring\]\)[^\n]*\[helm\/selector-agreement\]/);
  });

  test('`cdk8s synth` in the example folder writes the same files as running the program directly', () => {
    // GIVEN
    const viaCli = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-helm-example-cli-'));
    const direct = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-helm-example-direct-'));
    // WHEN
    const cli = runTool('npx', ['cdk8s', 'synth', '--output', path.join(viaCli, 'dist')], {
      cwd: EXAMPLE, env: { ...process.env, CDKTF_OUTDIR: path.join(viaCli, 'cdktf.out') },
    });
    const program = runTool('npx', ['ts-node', 'main.ts'], {
      cwd: EXAMPLE, env: { ...process.env, CDK8S_OUTDIR: path.join(direct, 'dist'), CDKTF_OUTDIR: path.join(direct, 'cdktf.out') },
    });
    // THEN
    expect(cli.status).toBe(0);
    expect(program.status).toBe(0);
    const cliFiles = readTree(viaCli);
    expect(Object.keys(cliFiles).filter((f) => !f.startsWith('dist/helm/')).sort()).toEqual([
      'dist/backup-operator.k8s.yaml', 'dist/backup-plans.k8s.yaml', 'dist/opskit.json', 'dist/prometheus/backup-alerts.rules.yaml',
    ]);
    expect(Object.keys(cliFiles).filter((f) => f.startsWith('dist/helm/releases/')).sort()).toEqual([
      'dist/helm/releases/cert-manager.values.yaml', 'dist/helm/releases/monitoring.values.yaml',
    ]);
    expect(cliFiles['dist/helm/backup-operator/values.schema.json']).toBeDefined();
    expect(readTree(direct)).toEqual(cliFiles);
  });
});

describeWithHelm('examples/helm-chart with Helm v4', () => {
  const { result, files } = build();
  const dir = writeFolder(files);
  const plain = result.manifests('backup-operator').filter((o) => o.kind !== 'Namespace');
  const defaults = helmTemplate(dir, { namespace: NS });

  test('lint --strict passes and the default render is the operator chart without its Namespace', () => {
    // THEN
    expect(helm(['lint', '--strict', dir]).status).toBe(0);
    expect(defaults.stderr).toBe('');
    expect(byKey(defaults.objects)).toEqual(byKey(plain));
  });

  test.each<[string, unknown, string, (o: any) => void]>([
    ['controller.logLevel', { controller: { logLevel: 'debug' } }, DEPLOYMENT, (o) => { manager(o).env.find((e: any) => e.name === 'LOG_LEVEL').value = 'debug'; }],
    ['controller.maxConcurrentBackups', { controller: { maxConcurrentBackups: 5 } }, DEPLOYMENT, (o) => { manager(o).env.find((e: any) => e.name === 'MAX_CONCURRENT_BACKUPS').value = '5'; }],
    ['alerts.failureThreshold', { alerts: { failureThreshold: 3 } }, RULE, (o) => { backupFailing(o).expr = 'sum by (namespace, plan) (increase(backup_failures_total[1h])) >= 3'; }],
    ['alerts.severity', { alerts: { severity: 'critical' } }, RULE, (o) => { backupFailing(o).labels.severity = 'critical'; }],
  ])('overriding %s changes exactly its field', (_name, override, changed, change) => {
    // WHEN
    const r = helmTemplate(dir, { namespace: NS, values: [override] });
    // THEN
    expect(r.stderr).toBe('');
    const expected = byKey(defaults.objects);
    const object = JSON.parse(JSON.stringify(expected.get(changed)));
    change(object);
    expected.set(changed, object);
    expect(byKey(r.objects)).toEqual(expected);
  });

  test.each([
    ['a log level outside the enum', { controller: { logLevel: 'trace' } }],
    ['no concurrency', { controller: { maxConcurrentBackups: 0 } }],
    ['an unknown severity', { alerts: { severity: 'page' } }],
  ])('helm rejects %s through values.schema.json', (_name, override) => {
    // WHEN
    const r = helmTemplate(dir, { namespace: NS, values: [override] });
    // THEN
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/values don't meet the specifications of the schema/);
  });
});
