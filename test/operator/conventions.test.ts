import { LABELS, OperatorNames, webhookName, webhookPath } from '../../src/operator/conventions';

describe('OperatorNames', () => {
  const names = new OperatorNames('backup-operator');

  test.each([
    ['defaultNamespace', 'backup-operator-system'],
    ['serviceAccount', 'backup-operator-controller-manager'],
    ['deployment', 'backup-operator-controller-manager'],
    ['managerRole', 'backup-operator-manager-role'],
    ['managerRoleBinding', 'backup-operator-manager-rolebinding'],
    ['leaderElectionRole', 'backup-operator-leader-election-role'],
    ['metricsAuthRole', 'backup-operator-metrics-auth-role'],
    ['metricsReaderRole', 'backup-operator-metrics-reader'],
    ['metricsService', 'backup-operator-controller-manager-metrics-service'],
    ['serviceMonitor', 'backup-operator-controller-manager-metrics-monitor'],
    ['webhookService', 'backup-operator-webhook-service'],
    ['issuer', 'backup-operator-selfsigned-issuer'],
    ['servingCertificate', 'backup-operator-serving-cert'],
    ['validatingWebhookConfiguration', 'backup-operator-validating-webhook-configuration'],
  ])('%s follows kubebuilder with the name prefix: %s', (key, expected) => {
    expect((names as any)[key]).toBe(expected);
  });

  test('aggregated roles use kubebuilder\'s admin/editor/viewer suffixes', () => {
    expect(['admin', 'edit', 'view'].map((r) => names.aggregatedRole('BackupPlan', r as any))).toEqual([
      'backup-operator-backupplan-admin-role', 'backup-operator-backupplan-editor-role', 'backup-operator-backupplan-viewer-role',
    ]);
  });

  test('service DNS names', () => {
    expect(OperatorNames.serviceDnsNames('svc', 'ns')).toEqual(['svc.ns.svc', 'svc.ns.svc.cluster.local']);
  });
});

describe('webhook defaults', () => {
  test('paths follow controller-runtime', () => {
    expect(webhookPath(false, 'batch.tutorial.kubebuilder.io', 'v1', 'CronJob')).toBe('/validate-batch-tutorial-kubebuilder-io-v1-cronjob');
    expect(webhookPath(true, 'cache.example.com', 'v1alpha1', 'Memcached')).toBe('/mutate-cache-example-com-v1alpha1-memcached');
  });

  test('names are qualified by the group', () => {
    expect(webhookName(true, 'cache.example.com', 'v1alpha1', 'Memcached')).toBe('mmemcached-v1alpha1.cache.example.com');
    expect(webhookName(false, 'cache.example.com', 'v1', 'Memcached')).toBe('vmemcached-v1.cache.example.com');
  });

  test('aggregation label keys', () => {
    expect(LABELS.aggregateTo('view')).toBe('rbac.authorization.k8s.io/aggregate-to-view');
    expect(LABELS.aggregationLabels('edit')).toEqual({
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
    });
  });
});
