/**
 * The deprecated-API rules of operator-framework/api's `AlphaDeprecatedAPIsValidator` (v0.40.0,
 * pkg/validation/internal/removed_apis.go; its operatorhub validator repeats them): objects of the bundle that use
 * an API Kubernetes removed in 1.22, 1.25 or 1.26. Each removal found is an error when the Kubernetes version the
 * bundle is checked for (the `k8s-version` option), or else its `minKubeVersion`, is at or past that release
 * (the cluster has no such API: the install fails), and a warning otherwise. Permission rules that name a resource
 * removed in 1.25 are always warnings. Versions are read as blang/semver's `ParseTolerant` reads them (`1.25`,
 * `v1.25.0`).
 */
import { compareSemVer, parseSemVerTolerant, SemVer } from '../../core/semver';

/** One finding of the deprecated-API rules. */
export interface DeprecatedApiFinding {
  readonly level: 'error' | 'warning';
  /** `deprecated-api`, `min-kube-version` (unreadable) or `k8s-version` (the option is unreadable). */
  readonly rule: 'deprecated-api' | 'min-kube-version' | 'k8s-version';
  readonly message: string;
}

/** Removed group/version → kinds, by release. */
const REMOVED_1_22: Readonly<Record<string, readonly string[]>> = {
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'rbac.authorization.k8s.io/v1beta1': ['Role', 'ClusterRoleBinding', 'RoleBinding', 'ClusterRole'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'authentication.k8s.io/v1beta1': ['TokenReview'],
  'authorization.k8s.io/v1beta1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'],
  'admissionregistration.k8s.io/v1beta1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'coordination.k8s.io/v1beta1': ['Lease'],
  'extensions/v1beta1': ['Ingress'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
};
const REMOVED_1_25: Readonly<Record<string, readonly string[]>> = {
  'batch/v1beta1': ['CronJob'],
  'discovery.k8s.io/v1beta1': ['EndpointSlice'],
  'events.k8s.io/v1beta1': ['Event'],
  'autoscaling/v2beta1': ['HorizontalPodAutoscaler'],
  'policy/v1beta1': ['PodDisruptionBudget', 'PodSecurityPolicy'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
};
/** The group/resource pairs of the 1.25 removals, for permission rules. */
const REMOVED_1_25_RESOURCES = new Set(['batch/cronjobs', 'discovery.k8s.io/endpointslices', 'events.k8s.io/events',
  'autoscaling/horizontalpodautoscalers', 'policy/poddisruptionbudgets', 'policy/podsecuritypolicies', 'node.k8s.io/runtimeclasses']);
const REMOVED_1_26: Readonly<Record<string, readonly string[]>> = {
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
};

const CSV_API_VERSION = 'operators.coreos.com/v1alpha1';

/** The deprecated-API findings of a bundle's objects (every manifest's first document, the CSV among them). */
export function deprecatedApiFindings(objects: readonly any[], csv: any, k8sVersion?: string): DeprecatedApiFinding[] {
  const out: DeprecatedApiFinding[] = [];
  const provided = k8sVersion === undefined || k8sVersion === '' ? undefined : parseSemVerTolerant(k8sVersion);
  if (k8sVersion !== undefined && k8sVersion !== '' && !provided) {
    out.push({ level: 'error', rule: 'k8s-version', message: `invalid value informed via the k8s key option : ${k8sVersion}` });
  }
  const min = typeof csv?.spec?.minKubeVersion === 'string' && csv.spec.minKubeVersion !== '' ? csv.spec.minKubeVersion : undefined;
  const minKube = min === undefined ? undefined : parseSemVerTolerant(min);
  if (min !== undefined && !minKube) {
    out.push({ level: 'error', rule: 'min-kube-version', message: `unable to use csv.Spec.MinKubeVersion to verify the CRD/Webhook apis because it has an invalid value: ${min}` });
  }
  const atOrPast = (release: SemVer) => [provided, minKube].some((v) => v !== undefined && compareSemVer(v, release) >= 0);

  const report = (major: number, minor: number, found: Map<string, string[]>, level?: 'warning') => {
    if (found.size === 0) return;
    const release = parseSemVerTolerant(`${major}.${minor}`)!;
    const apis = [...found.keys()].sort().map((k) => `${k}: (${JSON.stringify(found.get(k))})`).join(',');
    out.push({
      level: level ?? (atOrPast(release) ? 'error' : 'warning'),
      rule: 'deprecated-api',
      message: `this bundle is using APIs which were deprecated and removed in v${major}.${minor}. More info: https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v${major}-${minor}. Migrate the API(s) for ${apis}`,
    });
  };
  const add = (found: Map<string, string[]>, key: string, name: string) => found.set(key, [...(found.get(key) ?? []), name]);
  const matches = (table: Readonly<Record<string, readonly string[]>>, apiVersion: unknown, kind: unknown) =>
    typeof apiVersion === 'string' && (table[apiVersion] ?? []).includes(String(kind));

  // 1.22: v1beta1 CRDs, and the objects of the removed group/versions
  const found22 = new Map<string, string[]>();
  for (const o of objects) {
    if (o?.kind === 'CustomResourceDefinition' && o?.apiVersion === 'apiextensions.k8s.io/v1beta1') add(found22, 'CRD', String(o?.metadata?.name ?? ''));
  }
  for (const o of objects) if (matches(REMOVED_1_22, o?.apiVersion, o?.kind)) add(found22, String(o.kind), String(o?.metadata?.name ?? ''));
  report(1, 22, found22);

  // 1.25: the objects, the resources the CSV's CRD descriptions name, and permission rules (warnings only)
  const found25 = new Map<string, string[]>();
  const warn25 = new Map<string, string[]>();
  for (const o of objects) {
    if (o?.apiVersion !== CSV_API_VERSION) {
      if (matches(REMOVED_1_25, groupVersionOf(o?.apiVersion), o?.kind)) add(found25, String(o.kind), String(o?.metadata?.name ?? ''));
      continue;
    }
    if (o?.kind !== 'ClusterServiceVersion') continue;
    const described = new Set<string>();
    for (const field of ['Owned', 'Required'] as const) {
      const descriptions: any[] = arrayOf(o?.spec?.customresourcedefinitions?.[field.toLowerCase()]);
      descriptions.forEach((d, i) => arrayOf(d?.resources).forEach((r: any, j: number) => {
        described.add(`${String(r?.kind ?? '').toLowerCase()}s`);
        if (matches(REMOVED_1_25, groupVersionOf(r?.version), r?.kind)) {
          add(found25, String(r.kind), `ClusterServiceVersion.Spec.CustomResourceDefinitions.${field}[${i}].Resource[${j}]`);
        }
      }));
    }
    for (const field of ['ClusterPermissions', 'Permissions'] as const) {
      const perms: any[] = arrayOf(o?.spec?.install?.spec?.[field === 'Permissions' ? 'permissions' : 'clusterPermissions']);
      perms.forEach((p, i) => arrayOf(p?.rules).forEach((rule: any, j: number) => {
        for (const group of arrayOf(rule?.apiGroups)) {
          for (const resource of arrayOf(rule?.resources)) {
            if (described.has(resource)) continue;
            if (REMOVED_1_25_RESOURCES.has(`${group}/${resource}`)) add(warn25, String(resource), `ClusterServiceVersion.Spec.InstallStrategy.StrategySpec.${field}[${i}].Rules[${j}]`);
          }
        }
      }));
    }
  }
  report(1, 25, found25);
  report(1, 25, warn25, 'warning');

  // 1.26
  const found26 = new Map<string, string[]>();
  for (const o of objects) if (matches(REMOVED_1_26, o?.apiVersion, o?.kind)) add(found26, String(o.kind), String(o?.metadata?.name ?? ''));
  report(1, 26, found26);
  return out;
}

function arrayOf(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** An apiVersion as apimachinery's `ParseGroupVersion` reads it: `group/version`, or a bare version; else none. */
function groupVersionOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || apiVersion === '') return undefined;
  const parts = apiVersion.split('/');
  if (parts.length > 2) return undefined;
  return apiVersion;
}
