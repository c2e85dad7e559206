import { ApiObject } from 'cdk8s';
import { OpsApp } from '../../../src/app/ops-app';
import { OpsTesting } from '../../../src/app/testing';
import { HelmChart } from '../../../src/helm/helm-chart';
import { HelmValue, HelmValueType } from '../../../src/helm/helm-value';
import { PrometheusRules } from '../../../src/observability/prometheus-rules';
import { CustomResource } from '../../../src/operator/custom-resource';
import { CustomResourceDefinition } from '../../../src/operator/custom-resource-definition';
import { Operator } from '../../../src/operator/operator';
import { Schema } from '../../../src/operator/schema';

/** The namespace of the HelmValue test app. */
export const VALUES_NAMESPACE = 'demo';
/** A default full of what YAML and Go templates care about. */
export const AWKWARD_DEFAULT = 'say "hi": {{ .not.a.template }} # not a comment';

/**
 * An app whose objects hold every type of HelmValue, whole and inside text: an Operator's image tag, a
 * ConfigMap's texts, a Job's number and list, a ConfigMap's boolean, a custom resource's object and number (checked
 * against its CRD), and an alert
 * threshold in a PrometheusRule's expression — packaged as the chart `demo`.
 */
export function valuesTestApp(): { app: OpsApp; helmChart: HelmChart; values: Record<string, HelmValue> } {
  const app = OpsTesting.app();
  const chart = app.chart('demo', { namespace: VALUES_NAMESPACE });
  const values = {
    tag: HelmValue.string(chart, 'controller.imageTag', { default: 'v0.3.1', description: 'Tag of the controller image.', pattern: '^v[0-9]+\\.[0-9]+\\.[0-9]+$' }),
    level: HelmValue.string(chart, 'controller.logLevel', { default: 'info', description: 'How much the controller logs.', enum: ['debug', 'info', 'error'] }),
    motd: HelmValue.string(chart, 'motd', { default: AWKWARD_DEFAULT, description: 'A text with quotes and braces.', maxLength: 100 }),
    retention: HelmValue.integer(chart, 'backup.retention', { default: 7, description: 'How many backups to keep.', minimum: 1, maximum: 365 }),
    ratio: HelmValue.number(chart, 'backup.ratio', { default: 0.5, description: 'A fraction.', minimum: 0, maximum: 1 }),
    immutable: HelmValue.boolean(chart, 'config.immutable', { default: false, description: 'Make the ConfigMap immutable.' }),
    targets: HelmValue.list(chart, 'backup.targets', { default: ['etcd-a', 'etcd-b'], description: 'What to back up.', itemType: HelmValueType.STRING, minItems: 1 }),
    settings: HelmValue.object(chart, 'backup.settings', { default: { compress: true, level: 3 }, description: 'Free-form backup settings.' }),
    threshold: HelmValue.integer(chart, 'alerts.failureThreshold', { default: 2, description: 'Failures in an hour before the alert fires.', minimum: 0 }),
  };
  const v = values;
  new Operator(chart, 'backup', { image: `ghcr.io/example/backup:${v.tag}` });
  new ApiObject(chart, 'settings', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { level: v.level.toString(), line: `level=${v.level} keep=${v.retention} ratio=${v.ratio}`, motd: `${v.motd}`, quoted: `"${v.motd}"` },
    immutable: v.immutable.asBoolean(),
  });
  new ApiObject(chart, 'job', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'backup-now' },
    spec: {
      backoffLimit: v.retention.asNumber(),
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'backup', image: 'busybox:1.36', args: v.targets.asList() }] } },
    },
  });
  // a custom resource, checked at synth against its CRD's schema with the defaults in place
  const crd = new CustomResourceDefinition(chart, 'BackupPlans', {
    group: 'backup.example.com',
    kind: 'BackupPlan',
    versions: [{
      name: 'v1',
      spec: Schema.object({
        properties: {
          schedule: Schema.string(),
          retention: Schema.integer({ minimum: 1 }),
          settings: Schema.object({ properties: { compress: Schema.boolean(), level: Schema.integer() } }),
        },
      }),
    }],
  });
  new CustomResource(chart, 'plan', {
    crd, metadata: { name: 'daily' }, spec: { schedule: '@daily', settings: v.settings.asObject(), retention: v.retention.asNumber() },
  });
  new PrometheusRules(chart, 'backup-alerts', {
    groups: [{ name: 'backup', rules: [{ alert: 'BackupFailing', expr: `increase(backup_failures_total[1h]) > ${v.threshold}`, labels: { severity: 'warning' }, annotations: { summary: `{{ $labels.instance }} failed more than ${v.threshold} times` } }] }],
  });
  const helmChart = new HelmChart(app.k8s, 'demo-helm', { name: 'demo', charts: [chart], version: '1.0.0' });
  return { app, helmChart, values };
}
