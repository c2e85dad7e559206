import { PolicyRule } from '../policy-rule';
import { normalizeRules } from './rbac';

/*
 * Derivation of an operator's RBAC from what it declares: the custom resources it owns, the resources it
 * watches and the resources it manages, plus explicit extra rules. Pure.
 */

/** The verbs a controller needs on what it creates and deletes (kubebuilder's scaffolded markers). */
export const FULL_VERBS: readonly string[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
/** The verbs an informer needs to watch a resource. */
export const READ_VERBS: readonly string[] = ['get', 'list', 'watch'];
/** The verbs a controller needs on the `/status` subresource of what it owns. */
export const STATUS_VERBS: readonly string[] = ['get', 'patch', 'update'];
/** The verbs a controller needs on the `/finalizers` subresource (setting owner references with blockOwnerDeletion). */
export const FINALIZER_VERBS: readonly string[] = ['update'];

/** One resource type an operator reads or writes. */
export interface ResourceGrant {
  /** The API group, `''` for the core group. */
  readonly group: string;
  /** The plural resource name, optionally with a subresource (`pods/log`). */
  readonly resource: string;
  /** Whether objects of the resource are cluster-scoped. */
  readonly clusterScoped: boolean;
  /** Restricts the grant to these object names. @default - all objects */
  readonly resourceNames?: string[];
}

/** An explicit rule and whether it belongs in the cluster-wide role. */
export interface ExtraRule {
  readonly rule: PolicyRule;
  /** Whether the rule concerns cluster-scoped resources or non-resource URLs (always cluster-wide). */
  readonly clusterScoped: boolean;
}

/** What an operator declares; everything its RBAC is derived from. */
export interface RbacDeclarations {
  /** Custom resources the operator reconciles (full verbs, `/status`, `/finalizers`). */
  readonly owned: readonly ResourceGrant[];
  /** Resources the operator only reads. */
  readonly watched: readonly ResourceGrant[];
  /** Resources the operator creates, updates and deletes. */
  readonly managed: readonly ResourceGrant[];
  /** Explicit extra rules. */
  readonly extra: readonly ExtraRule[];
  /** Whether the operator is installed cluster-wide (false: it watches a list of namespaces). */
  readonly clusterWide: boolean;
}

/** The manager's rules, split by where they are granted. */
export interface ManagerRules {
  /** Rules of the manager ClusterRole (everything for a cluster-wide install; cluster-scoped resources otherwise). */
  readonly clusterRules: PolicyRule[];
  /** Rules of the manager Role in each watched namespace (empty for a cluster-wide install). */
  readonly namespaceRules: PolicyRule[];
}

/** The group part of a `resource/subresource` pair's base, e.g. `deployments/status` → `deployments`. */
function baseResource(resource: string): string {
  const slash = resource.indexOf('/');
  return slash < 0 ? resource : resource.slice(0, slash);
}

/** The built-in cluster-scoped resources (plural names) by API group. */
const CLUSTER_SCOPED_RESOURCES: Record<string, readonly string[]> = {
  '': ['componentstatuses', 'namespaces', 'nodes', 'persistentvolumes'],
  'admissionregistration.k8s.io': [
    'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings', 'mutatingwebhookconfigurations',
    'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'validatingwebhookconfigurations',
  ],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'apiregistration.k8s.io': ['apiservices'],
  'authentication.k8s.io': ['selfsubjectreviews', 'tokenreviews'],
  'authorization.k8s.io': ['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews'],
  'certificates.k8s.io': ['certificatesigningrequests', 'clustertrustbundles'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
  'networking.k8s.io': ['ingressclasses', 'ipaddresses', 'servicecidrs'],
  'node.k8s.io': ['runtimeclasses'],
  'rbac.authorization.k8s.io': ['clusterrolebindings', 'clusterroles'],
  'resource.k8s.io': ['deviceclasses', 'devicetaintrules', 'resourceslices'],
  'scheduling.k8s.io': ['priorityclasses'],
  'storage.k8s.io': ['csidrivers', 'csinodes', 'storageclasses', 'volumeattachments', 'volumeattributesclasses'],
  'storagemigration.k8s.io': ['storageversionmigrations'],
};

/** Whether a built-in resource is cluster-scoped (`false` for namespaced and for unknown resources). */
export function isClusterScopedResource(group: string, resource: string): boolean {
  const g = group === 'core' ? '' : group;
  return (CLUSTER_SCOPED_RESOURCES[g] ?? []).includes(baseResource(resource));
}

/** The rules an operator needs on a custom resource it owns (kubebuilder's scaffolded markers, F48). */
export function ownedRules(group: string, plural: string): PolicyRule[] {
  return [
    { apiGroups: [group], resources: [plural], verbs: [...FULL_VERBS] },
    { apiGroups: [group], resources: [`${plural}/status`], verbs: [...STATUS_VERBS] },
    { apiGroups: [group], resources: [`${plural}/finalizers`], verbs: [...FINALIZER_VERBS] },
  ];
}

function grantRule(grant: ResourceGrant, verbs: readonly string[]): PolicyRule {
  return {
    apiGroups: [grant.group],
    resources: [grant.resource],
    ...(grant.resourceNames && grant.resourceNames.length > 0 ? { resourceNames: [...grant.resourceNames] } : {}),
    verbs: [...verbs],
  };
}

/**
 * The manager's rules derived from the declarations, normalized like controller-gen. For a namespaced
 * install, rules on namespaced resources go into per-namespace Roles and rules on cluster-scoped resources
 * (and non-resource URLs) stay in the ClusterRole.
 */
export function deriveManagerRules(decl: RbacDeclarations): ManagerRules {
  const cluster: PolicyRule[] = [];
  const namespaced: PolicyRule[] = [];
  const place = (rules: PolicyRule[], clusterScoped: boolean) => {
    (decl.clusterWide || clusterScoped ? cluster : namespaced).push(...rules);
  };
  for (const owned of decl.owned) {
    place(ownedRules(owned.group, owned.resource), owned.clusterScoped);
  }
  for (const watched of decl.watched) {
    place([grantRule(watched, READ_VERBS)], watched.clusterScoped);
  }
  for (const managed of decl.managed) {
    if (managed.resourceNames && managed.resourceNames.length > 0) {
      // create cannot be restricted by name: grant it on the resource, everything else on the names
      place([
        grantRule({ ...managed, resourceNames: undefined }, ['create']),
        grantRule(managed, FULL_VERBS.filter((v) => v !== 'create')),
      ], managed.clusterScoped);
    } else {
      place([grantRule(managed, FULL_VERBS)], managed.clusterScoped);
    }
  }
  for (const extra of decl.extra) {
    const urlRule = (extra.rule.nonResourceURLs ?? []).length > 0;
    place([extra.rule], extra.clusterScoped || urlRule);
  }
  return { clusterRules: normalizeRules(cluster), namespaceRules: normalizeRules(namespaced) };
}

/**
 * The leader-election Role's rules: leases and events; and, for controllers still on the
 * `configmapsleases` lock (controller-runtime before v0.15), configmaps (kubebuilder's scaffold grants
 * them unconditionally).
 */
export function leaderElectionRules(configMaps: boolean): PolicyRule[] {
  const rules: PolicyRule[] = [
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [...FULL_VERBS] },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  ];
  if (configMaps) rules.push({ apiGroups: [''], resources: ['configmaps'], verbs: [...FULL_VERBS] });
  return normalizeRules(rules);
}

/** The rules the secure metrics endpoint needs to authenticate and authorize scrapers (kubebuilder's `metrics-auth-role`). */
export function metricsAuthRules(): PolicyRule[] {
  return normalizeRules([
    { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
  ]);
}

/** The rule a scraper needs to read the secure metrics endpoint (kubebuilder's `metrics-reader`). */
export function metricsReaderRules(path: string): PolicyRule[] {
  return normalizeRules([{ nonResourceURLs: [path], verbs: ['get'] }]);
}

/** The rules of one custom resource's aggregated roles. */
export interface AggregatedRoleRules {
  /** For the `admin` role: every verb on the resource, spelled out, and read on `/status`. */
  readonly admin: PolicyRule[];
  /** For the `edit` role: create, delete, get, list, patch, update, watch, and read on `/status`. */
  readonly edit: PolicyRule[];
  /** For the `view` role: get, list, watch, and read on `/status`. */
  readonly view: PolicyRule[];
}

/**
 * The rules of a custom resource's admin, edit and view roles (kubebuilder's `<kind>-admin-role`,
 * `-editor-role`, `-viewer-role`). The admin role lists its verbs instead of kubebuilder's `*`, so it grants
 * exactly what the API serves for a custom resource.
 */
export function aggregatedRoleRules(group: string, plural: string): AggregatedRoleRules {
  const status: PolicyRule = { apiGroups: [group], resources: [`${plural}/status`], verbs: ['get'] };
  return {
    admin: normalizeRules([{ apiGroups: [group], resources: [plural], verbs: [...FULL_VERBS, 'deletecollection'] }, status]),
    edit: normalizeRules([{ apiGroups: [group], resources: [plural], verbs: [...FULL_VERBS] }, status]),
    view: normalizeRules([{ apiGroups: [group], resources: [plural], verbs: [...READ_VERBS] }, status]),
  };
}
