// The BackupPlan operator: a CRD for scheduled etcd backups, the hardened controller that reconciles it,
// its least-privilege RBAC derived from what it owns, watches and manages, and a few BackupPlans.
import { Duration } from 'cdk8s';
import { ApiResource } from 'cdk8s-plus-33';
import {
  CustomResource, CustomResourceDefinition, FailurePolicy, OpsApp, Operator, PrinterColumnType, Schema,
} from 'opskit';

/** The etcd clusters a BackupPlan can target (the CoreOS etcd-operator's EtcdCluster). */
export const ETCD_CLUSTERS = ApiResource.custom({ apiGroup: 'etcd.database.coreos.com', resourceType: 'etcdclusters' });

/** Settings of the controller that other programs choose (the Helm chart example makes them Helm values). */
export interface BackupOperatorOptions {
  /** Extra environment variables of the controller. */
  readonly env?: { [name: string]: string };
}

/** Builds the operator chart (CRD, controller, RBAC) and the chart of BackupPlans into an app. */
export function defineBackupOperator(
  app: OpsApp, options: BackupOperatorOptions = {},
): { backupPlans: CustomResourceDefinition; operator: Operator; plans: CustomResource[] } {
  const chart = app.chart('backup-operator');

  // BackupPlan: "back up this target on this cron schedule into this storage"
  const backupPlans = new CustomResourceDefinition(chart, 'BackupPlans', {
    group: 'backup.example.com',
    kind: 'BackupPlan',
    shortNames: ['bp'],
    categories: ['backup'],
    versions: [{
      name: 'v1',
      description: 'BackupPlan schedules backups of a cluster resource into a storage backend.',
      spec: Schema.object({
        properties: {
          schedule: Schema.string({
            description: 'Cron schedule of the backups, e.g. "0 2 * * *" (daily at 02:00) or "@hourly".',
            pattern: '^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\\S+\\s+){4}\\S+)$',
            maxLength: 128,
          }),
          target: Schema.object({
            description: 'The resource to back up.',
            properties: {
              kind: Schema.string({ description: 'Kind of the target.', enum: ['EtcdCluster'] }),
              name: Schema.string({ description: 'Name of the target in the BackupPlan\'s namespace.', minLength: 1, maxLength: 253 }),
            },
            required: ['kind', 'name'],
          }),
          storageRef: Schema.object({
            description: 'The Secret with the storage backend\'s location and credentials.',
            properties: { name: Schema.string({ minLength: 1, maxLength: 253 }) },
            required: ['name'],
          }),
          retention: Schema.integer({ description: 'How many backups to keep.', minimum: 1, maximum: 365, default: 7 }),
          suspend: Schema.boolean({ description: 'Pause scheduling new backups.', default: false }),
        },
        required: ['schedule', 'target', 'storageRef'],
      }),
      status: Schema.object({
        properties: {
          conditions: Schema.conditions({ maxItems: 8 }),
          phase: Schema.string({ enum: ['Pending', 'Running', 'Failed', 'Succeeded'] }),
          lastSuccessfulTime: Schema.dateTime({ description: 'When the last backup succeeded.' }),
          message: Schema.string({ description: 'A human-readable summary of the last run.', maxLength: 1024 }),
        },
      }),
      printerColumns: [
        { name: 'Schedule', type: PrinterColumnType.STRING, jsonPath: '.spec.schedule' },
        { name: 'Target', type: PrinterColumnType.STRING, jsonPath: '.spec.target.name' },
        { name: 'Phase', type: PrinterColumnType.STRING, jsonPath: '.status.phase' },
        { name: 'Last Success', type: PrinterColumnType.DATE, jsonPath: '.status.lastSuccessfulTime' },
        { name: 'Age', type: PrinterColumnType.DATE, jsonPath: '.metadata.creationTimestamp' },
      ],
    }],
  });

  // the controller: reconciles BackupPlans, reads the EtcdClusters they target, runs backups as Jobs
  const operator = new Operator(chart, 'backup-operator', {
    image: 'ghcr.io/example/backup-operator:v0.3.1',
    replicas: 2,
    env: options.env,
    serviceMonitor: true,
    networkPolicies: true,
  });
  operator.owns(backupPlans);
  operator.watches(ETCD_CLUSTERS);
  operator.manages(ApiResource.JOBS);
  // a BackupPlan the webhook cannot check is rejected, and the API server waits at most 5 s for the answer
  operator.addValidatingWebhook({ type: backupPlans, version: 'v1', failurePolicy: FailurePolicy.FAIL, timeout: Duration.seconds(5) });

  // the plans: the article's daily backup of production etcd, an hourly one of staging, a paused weekly archive
  const plans = app.chart('backup-plans');
  const daily = new CustomResource(plans, 'EtcdDaily', {
    crd: backupPlans,
    metadata: { name: 'etcd-daily', namespace: 'databases' },
    spec: { schedule: '0 2 * * *', target: { kind: 'EtcdCluster', name: 'prod-etcd' }, storageRef: { name: 's3-backup-bucket' } },
  });
  const hourly = new CustomResource(plans, 'EtcdHourly', {
    crd: backupPlans,
    metadata: { name: 'etcd-hourly', namespace: 'staging' },
    spec: { schedule: '@hourly', target: { kind: 'EtcdCluster', name: 'staging-etcd' }, storageRef: { name: 's3-backup-bucket' }, retention: 24 },
  });

  const weekly = new CustomResource(plans, 'EtcdWeekly', {
    crd: backupPlans,
    metadata: { name: 'etcd-weekly', namespace: 'databases' },
    spec: { schedule: '@weekly', target: { kind: 'EtcdCluster', name: 'prod-etcd' }, storageRef: { name: 's3-archive-bucket' }, retention: 52, suspend: true },
  });

  return { backupPlans, operator, plans: [daily, hourly, weekly] };
}
