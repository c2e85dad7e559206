// The backup operator packaged as a Helm chart whose users tune it through typed Helm values:
// the controller's log level and backup concurrency, and the failure alert's threshold and severity.
import { Chart } from 'cdk8s';
import { HelmChart, HelmValue, Operator, OpsApp, PrometheusRules } from 'opskit';
import { defineBackupOperator } from '../backup-operator/backup-operator';
import { packageBackupOperator } from '../backup-operator/helm-chart';

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

  // the chart: Chart.yaml, values.yaml (the four values and the controller's knobs), values.schema.json, templates;
  // the same packaging as examples/backup-operator's
  const helmChart = packageBackupOperator(app, operatorChart);
  return { operatorChart, operator, alerts, helmChart, values };
}
