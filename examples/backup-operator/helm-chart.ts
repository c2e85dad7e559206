// The operator chart packaged for Helm users: helm/backup-operator/ with values for the controller's image,
// replicas, resources, scheduling and security contexts, and the BackupPlan CRD in crds/.
import { Chart } from 'cdk8s';
import { HelmChart, OpsApp, Warnings } from 'opskit';

/** Packages the operator chart (not the BackupPlans: those are the users' own) as the Helm chart `backup-operator`. */
export function packageBackupOperator(app: OpsApp, operatorChart: Chart): HelmChart {
  const helm = new HelmChart(app.k8s, 'backup-operator-helm', {
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
  Warnings.acknowledge(helm, 'opskit:helm/release-namespace-object');
  return helm;
}
