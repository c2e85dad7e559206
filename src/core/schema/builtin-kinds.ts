/**
 * Facts about the built-in Kubernetes kinds that the synth pipeline needs: which are cluster-scoped and in
 * which order a chart's objects are applied.
 */

/** Built-in kinds that are cluster-scoped, keyed by API group (`''` for core) and kind. */
const CLUSTER_SCOPED: Record<string, readonly string[]> = {
  '': ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  ],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass'],
  'scheduling.k8s.io': ['PriorityClass'],
  'node.k8s.io': ['RuntimeClass'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'policy': ['PodSecurityPolicy'],
  'extensions': ['PodSecurityPolicy'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'authentication.k8s.io': ['TokenReview', 'SelfSubjectReview'],
  'authorization.k8s.io': ['SubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
  'resource.k8s.io': ['DeviceClass', 'ResourceSlice', 'DeviceTaintRule'],
  'storagemigration.k8s.io': ['StorageVersionMigration'],
};

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → `''`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether a built-in kind is cluster-scoped; `undefined` when the kind is not a built-in one. */
export function isBuiltinClusterScoped(apiVersion: string, kind: string): boolean {
  return (CLUSTER_SCOPED[groupOf(apiVersion)] ?? []).includes(kind);
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod'];

/**
 * The apply-order rank of a kind: CustomResourceDefinitions, Namespaces, ServiceAccounts and RBAC,
 * ConfigMaps/Secrets, Services, workloads, then the rest. Lower ranks are applied first.
 */
export function applyOrderRank(apiVersion: string, kind: string): number {
  const group = groupOf(apiVersion);
  if (group === 'apiextensions.k8s.io' && kind === 'CustomResourceDefinition') return 0;
  if (group === '' && kind === 'Namespace') return 1;
  if (group === '' && kind === 'ServiceAccount') return 2;
  if (group === 'rbac.authorization.k8s.io') return 2;
  if (group === '' && (kind === 'ConfigMap' || kind === 'Secret')) return 3;
  if (group === '' && kind === 'Service') return 4;
  if ((group === '' || group === 'apps' || group === 'batch') && WORKLOADS.includes(kind)) return 5;
  return 6;
}

/** Sorts objects for apply; stable, so objects of one rank keep the order in which they were defined. */
export function sortForApply<T extends { apiVersion?: string; kind?: string }>(objects: readonly T[]): T[] {
  return objects
    .map((o, i) => ({ o, i, r: applyOrderRank(String(o.apiVersion ?? ''), String(o.kind ?? '')) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.o);
}
