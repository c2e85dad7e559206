import { ApiObject } from 'cdk8s';
import { defineBackupOperator } from '../../../examples/backup-operator/backup-operator';
import { OpsApp } from '../../../src/app/ops-app';
import { OpsTesting, SynthResult } from '../../../src/app/testing';
import { NodeLocalDns } from '../../../src/dns/node-local-dns';
import { HelmChart, HelmChartProps } from '../../../src/helm/helm-chart';
import { PrometheusRules } from '../../../src/observability/prometheus-rules';

/** A PrometheusRule annotation with Prometheus's own template syntax. */
export const ALERT_SUMMARY = 'Backup of {{ $labels.instance }} failed {{ printf "%.0f" $value }} times';
/** An Alertmanager notification template (Go templates, `{{-` trim markers, a comment). */
export const ALERTMANAGER_TEMPLATE = `{{ define "slack.backup.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}
{{- /* one line per alert */ -}}
{{ define "slack.backup.text" }}{{ range .Alerts }}• {{ .Annotations.summary }} }} {{ "{{" }}
{{ end }}{{ end }}
`;

/** The namespace the backup operator chose itself. */
export const OPERATOR_NAMESPACE = 'backup-operator-system';

/**
 * The app of the Helm tests: the backup-operator example (CRD, controller, RBAC, webhook, monitor), a chart of
 * rules and an Alertmanager template in the operator's namespace, and NodeLocal DNSCache (pinned to kube-system),
 * packaged as two Helm charts.
 */
export function helmTestApp(props: Partial<HelmChartProps> = {}): { app: OpsApp; operatorChart: HelmChart; dnsChart: HelmChart } {
  const app = OpsTesting.app();
  defineBackupOperator(app);
  const operator = app.k8s.node.findChild('backup-operator') as any;
  const rules = app.chart('backup-rules', { namespace: OPERATOR_NAMESPACE });
  new PrometheusRules(rules, 'backup-alerts', {
    groups: [{ name: 'backup', rules: [{ alert: 'BackupFailed', expr: 'increase(backup_failures_total[1h]) > 0', labels: { severity: 'warning' }, annotations: { summary: ALERT_SUMMARY } }] }],
  });
  new ApiObject(rules, 'alert-templates', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'backup-alert-templates' }, data: { 'backup.tmpl': ALERTMANAGER_TEMPLATE },
  });
  const operatorChart = new HelmChart(app.k8s, 'backup-operator-helm', {
    name: 'backup-operator',
    charts: [operator, rules],
    version: '0.3.1',
    appVersion: 'v0.3.1',
    description: 'The BackupPlan operator.',
    keywords: ['backup', 'etcd'],
    home: 'https://example.com/backup-operator',
    sources: ['https://github.com/example/backup-operator'],
    maintainers: [{ name: 'Platform team', email: 'platform@example.com' }],
    kubeVersion: '>=1.28.0-0',
    annotations: { 'artifacthub.io/license': 'Apache-2.0' },
    ...props,
  });
  const dns = app.chart('node-local-dns');
  new NodeLocalDns(dns, 'node-local-dns', { kubeDnsIp: '10.100.0.10' });
  const dnsChart = new HelmChart(app.k8s, 'node-local-dns-helm', { name: 'node-local-dns', charts: [dns], version: '1.0.0' });
  return { app, operatorChart, dnsChart };
}

/** The files of one Helm chart of a synth, relative to the chart's folder. */
export function chartFiles(result: SynthResult, chart: HelmChart): Map<string, string> {
  const prefix = `${chart.folder}/`;
  return new Map(result.fileNames.filter((f) => f.startsWith(prefix)).map((f) => [f.slice(prefix.length), result.file(f)]));
}
