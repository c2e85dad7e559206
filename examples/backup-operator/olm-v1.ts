// Installing the published package with OLM v1 (operator-controller): a ClusterCatalog serving the catalog image
// built from dist/olm/backup-operator/catalog/, and a ClusterExtension installing backup-operator from channel
// stable, with the installer ServiceAccount and the least-privilege RBAC derived from the bundle. This is the
// alternative to applying backup-operator.k8s.yaml: a cluster runs the operator one way or the other.
import { Construct } from 'constructs';
import { ClusterCatalog, ClusterExtension, OlmBundle, Warnings } from 'opskit';

/** The catalog image, pinned by digest (a tag is a warning: what it names can change). */
const CATALOG_IMAGE = 'ghcr.io/example/backup-operator-catalog@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

/** Writes the ClusterCatalog, the ClusterExtension and the installer objects into `scope`'s chart. */
export function installWithOlmV1(scope: Construct, bundle: OlmBundle): { catalog: ClusterCatalog; extension: ClusterExtension } {
  const catalog = new ClusterCatalog(scope, 'example-operators', { image: CATALOG_IMAGE, priority: 10 });
  const extension = new ClusterExtension(scope, 'backup-operator', {
    bundle,
    channels: ['stable'],
    version: '>=0.3.0, <1.0.0',
    catalogs: [catalog],
  });
  // the operator's validating webhook needs OLM v1's certificate provider: cert-manager, installed with OLM v1
  Warnings.acknowledge(extension, 'opskit:olm-v1/webhook-certificates');
  return { catalog, extension };
}
