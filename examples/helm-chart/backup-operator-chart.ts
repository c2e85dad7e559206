// The backup operator packaged as a Helm chart whose users tune it through typed Helm values:
// the controller's log level and backup concurrency, and the failure alert's threshold and severity.
import { Chart } from 'cdk8s';
import { HelmChart, HelmValue, Operator, OpsApp, PrometheusRules, Warnings } from 'opskit';
import { defineBackupOperator } from '../backup-operator/backup-operator';

/** What the example builds. */
export interface BackupOperatorChart {
  /** The operator's chart of the app (its plain manifests: dist/backup-operator.k8s.yaml). */
  readonly operatorChart: Chart;
  /** The operator (its ServiceMonitor is `operator.serviceMonitor`). */
  readonly operator: Operator;
  /** The backup failure alert. */
  readonly alerts: PrometheusRules;
  /** The Helm chart (dist/helm/backup-operator/). */
  readonly helmChart: HelmChart;
  /** The Helm values the program defines (the workload knobs come on top). */
  readonly values: {
    readonly logLevel: HelmValue; readonly maxConcurrentBackups: HelmValue; readonly failureThreshold: HelmValue; readonly severity: HelmValue;
  };
}

/** Builds the backup operator with four Helm values and packages its chart. */
export function defineBackupOperatorChart(app: OpsApp): BackupOperatorChart {
  // GIVEN the values (defined once, used in any prop: the plain manifests hold the defaults)
  const values = {
    logLevel: HelmValue.string(app.k8s, 'controller.logLevel', {
      default: 'info', enum: ['debug', 'info', 'error'], description: 'How much the controller logs.',
    }),
    maxConcurrentBackups: HelmValue.integer(app.k8s, 'controller.maxConcurrentBackups', {
      default: 2, minimum: 1, maximum: 10, description: 'How many backups the controller runs at once.',
    }),
    failureThreshold: HelmValue.integer(app.k8s, 'alerts.failureThreshold', {
      default: 1, minimum: 1, description: 'Failed backups of a plan in an hour before BackupFailing fires.',
    }),
    severity: HelmValue.string(app.k8s, 'alerts.severity', {
      default: 'warning', enum: ['info', 'warning', 'critical'], description: 'Severity label of BackupFailing (routes it in Alertmanager).',
    }),
  };

  // the operator of examples/backup-operator, configured through the values
  const { operator } = defineBackupOperator(app, {
    env: { LOG_LEVEL: `${values.logLevel}`, MAX_CONCURRENT_BACKUPS: `${values.maxConcurrentBackups}` },
  });
  const operatorChart = operator.node.scope as Chart;
  const alerts = new PrometheusRules(operatorChart, 'backup-alerts', {
    metadata: { namespace: operator.namespaceName },
    groups: [{
      name: 'backup',
      rules: [{
        alert: 'BackupFailing',
        expr: `sum by (namespace, plan) (increase(backup_failures_total[1h])) >= ${values.failureThreshold}`,
        labels: { severity: `${values.severity}` },
        annotations: { summary: 'BackupPlan {{ $labels.namespace }}/{{ $labels.plan }} failed {{ $value }} times in the last hour' },
      }],
    }],
  });

  // the chart: Chart.yaml, values.yaml (the four values and the controller's knobs), values.schema.json, templates
  const helmChart = new HelmChart(app.k8s, 'backup-operator-helm', {
    name: 'backup-operator',
    charts: [operatorChart],
    version: '0.3.1',
    appVersion: 'v0.3.1',
    description: 'The BackupPlan operator: scheduled etcd backups as custom resources.',
    keywords: ['backup', 'etcd', 'operator'],
    home: 'https://github.com/example/backup-operator',
    sources: ['https://github.com/example/backup-operator'],
    maintainers: [{ name: 'Platform team', email: 'platform@example.com' }],
    kubeVersion: '>=1.28.0-0',
  });
  // the plain manifests create the operator's namespace; Helm creates it with --create-namespace instead
  Warnings.acknowledge(helmChart, 'opskit:helm/release-namespace-object');
  return { operatorChart, operator, alerts, helmChart, values };
}
