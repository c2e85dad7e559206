// Publishing the BackupPlan operator through Operator Lifecycle Manager: the bundle of this version (0.3.1, which
// upgrades 0.3.0 in channel stable) and the package's File-Based Catalog with the upgrade edge.
import { Construct } from 'constructs';
import { CustomResource, CustomResourceDefinition, IconMediaType, OlmBundle, OlmCatalog, Operator, OperatorCapability, OperatorCategory } from 'opskit';

/** A small SVG icon (OperatorHub shows it beside the name). */
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="2" y="3" width="12" height="10" rx="2"/></svg>';

/** Writes `dist/olm/backup-operator/0.3.1/` (the bundle) and `dist/olm/backup-operator/catalog/` (the catalog). */
export function publishBackupOperator(scope: Construct, operator: Operator, backupPlans: CustomResourceDefinition, examples: CustomResource[]):
{ bundle: OlmBundle; catalog: OlmCatalog } {
  const bundle = new OlmBundle(scope, 'Bundle', {
    operator,
    version: '0.3.1',
    replaces: '0.3.0',
    skipRange: '>=0.2.0 <0.3.0',
    channels: ['stable'],
    defaultChannel: 'stable',
    image: 'ghcr.io/example/backup-operator-bundle:v0.3.1',
    displayName: 'Backup Operator',
    summary: 'Scheduled etcd backups as BackupPlans.',
    description: 'Runs the backups a `BackupPlan` schedules, as Jobs, and keeps the number of backups it asks for.',
    icon: { base64data: Buffer.from(ICON).toString('base64'), mediatype: IconMediaType.SVG },
    keywords: ['backup', 'etcd'],
    maintainers: [{ name: 'Platform Team', email: 'platform@example.com' }],
    provider: { name: 'Example Inc.', url: 'https://example.com' },
    links: [{ name: 'Source', url: 'https://github.com/example/backup-operator' }],
    maturity: 'stable',
    capabilities: OperatorCapability.FULL_LIFECYCLE,
    categories: [OperatorCategory.DATABASE],
    minKubeVersion: '1.28.0',
    examples,
    // the console's form and details page: the derived descriptors (one per top-level field), with these in place
    crdDescriptions: [{
      crd: backupPlans,
      specDescriptors: [
        { path: 'target.name', displayName: 'Target Cluster', description: 'The EtcdCluster to back up.', xDescriptors: ['urn:alm:descriptor:com.tectonic.ui:text'] },
        { path: 'retention', description: 'How many backups to keep.', xDescriptors: ['urn:alm:descriptor:com.tectonic.ui:number'] },
        { path: 'suspend', description: 'Pause scheduling new backups.', xDescriptors: ['urn:alm:descriptor:com.tectonic.ui:booleanSwitch'] },
      ],
      statusDescriptors: [{ path: 'phase', xDescriptors: ['urn:alm:descriptor:io.kubernetes.phase'] }],
    }],
    repository: 'https://github.com/example/backup-operator',
  });
  const catalog = new OlmCatalog(scope, 'Catalog', {
    bundles: [bundle],
    publishedBundles: [{ version: '0.3.0', image: 'ghcr.io/example/backup-operator-bundle:v0.3.0', channels: ['stable'] }],
    description: 'Scheduled etcd backups.',
  });
  return { bundle, catalog };
}
