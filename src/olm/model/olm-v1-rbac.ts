/**
 * The least-privilege RBAC of OLM v1's installer service account for one registry+v1 bundle, as operator-controller
 * v1.10.0 documents it (docs/howto/derive-service-account.md, read by hand): the installer must
 *
 * - create and manage the bundle's CustomResourceDefinitions (get/update/patch/delete scoped to their names);
 * - create and manage the ClusterRoles and ClusterRoleBindings OLM generates for the controller (named
 *   `<package>.<hash>`, unknown ahead of time: Kubernetes RBAC has no wildcard in `resourceNames`, so these
 *   verbs are not scoped — the doc's `resourceNames: ["*"]` would match only an object named `*`);
 * - hold every rule of the CSV's `permissions` and `clusterPermissions` cluster-wide, so that it may grant them
 *   (the API server's escalation check; OLM v1 renders an AllNamespaces install's permissions as ClusterRoles);
 * - update `clusterextensions/finalizers` of its ClusterExtension (OwnerReferencesPermissionEnforcement);
 * - create and manage, in the install namespace, the controller Deployments, their ServiceAccounts, the Roles and
 *   RoleBindings OLM generates, and every other namespaced object of the bundle (scoped to their names);
 * - create and manage the bundle's other cluster-scoped objects (scoped to their names);
 * - for webhooks: the webhook configurations and the cert-manager Certificate and Issuer OLM v1 adds.
 *
 * `create`, `list` and `watch` cannot be scoped to names, so each kind gets one unscoped rule with those and one
 * scoped rule with `get`, `update`, `patch`, `delete`. Pure: the bundle comes in as its CSV and manifests.
 */
import { groupOf } from '../../core/schema/builtin-kinds';

/** One PolicyRule. */
export interface RbacRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

/** The installer's rules: cluster-wide (a ClusterRole) and in the install namespace (a Role). */
export interface InstallerRbac {
  readonly clusterRules: RbacRule[];
  readonly namespaceRules: RbacRule[];
}

const CREATE = ['create', 'list', 'watch'];
const MANAGE = ['get', 'update', 'patch', 'delete'];

/** The resource (plural) of each kind a bundle may carry, and whether it is namespaced. */
const BUNDLE_RESOURCES: Readonly<Record<string, { resource: string; namespaced: boolean }>> = {
  CustomResourceDefinition: { resource: 'customresourcedefinitions', namespaced: false },
  Secret: { resource: 'secrets', namespaced: true },
  ConfigMap: { resource: 'configmaps', namespaced: true },
  ServiceAccount: { resource: 'serviceaccounts', namespaced: true },
  Service: { resource: 'services', namespaced: true },
  Role: { resource: 'roles', namespaced: true },
  RoleBinding: { resource: 'rolebindings', namespaced: true },
  ClusterRole: { resource: 'clusterroles', namespaced: false },
  ClusterRoleBinding: { resource: 'clusterrolebindings', namespaced: false },
  PrometheusRule: { resource: 'prometheusrules', namespaced: true },
  ServiceMonitor: { resource: 'servicemonitors', namespaced: true },
  PodMonitor: { resource: 'podmonitors', namespaced: true },
  PodDisruptionBudget: { resource: 'poddisruptionbudgets', namespaced: true },
  PriorityClass: { resource: 'priorityclasses', namespaced: false },
  VerticalPodAutoscaler: { resource: 'verticalpodautoscalers', namespaced: true },
  NetworkPolicy: { resource: 'networkpolicies', namespaced: true },
  ConsoleYAMLSample: { resource: 'consoleyamlsamples', namespaced: false },
  ConsoleQuickStart: { resource: 'consolequickstarts', namespaced: false },
  ConsoleCLIDownload: { resource: 'consoleclidownloads', namespaced: false },
  ConsoleLink: { resource: 'consolelinks', namespaced: false },
  ConsolePlugin: { resource: 'consoleplugins', namespaced: false },
};


/** Rules per group/resource, in first-seen order, names merged and sorted. */
class RuleSet {
  private readonly byKey = new Map<string, { group: string; resource: string; names: Set<string>; unscoped: boolean }>();

  public add(group: string, resource: string, names?: readonly string[]): void {
    const key = `${group}/${resource}`;
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { group, resource, names: new Set(), unscoped: false };
      this.byKey.set(key, entry);
    }
    if (names === undefined) entry.unscoped = true;
    else for (const n of names) entry.names.add(n);
  }

  public rules(): RbacRule[] {
    const out: RbacRule[] = [];
    for (const e of this.byKey.values()) {
      if (e.unscoped) {
        out.push({ apiGroups: [e.group], resources: [e.resource], verbs: [...CREATE, ...MANAGE] });
      } else {
        out.push({ apiGroups: [e.group], resources: [e.resource], verbs: [...CREATE] });
        out.push({ apiGroups: [e.group], resources: [e.resource], verbs: [...MANAGE], resourceNames: [...e.names].sort() });
      }
    }
    return out;
  }
}

function sameRule(a: any, b: any): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The installer RBAC for a bundle: `csv` and `manifests` (the bundle's other objects, CRDs included) as the
 * bundle holds them; `extensionName` is the ClusterExtension's name.
 */
export function installerRbac(csv: any, manifests: readonly any[], extensionName: string): InstallerRbac {
  const cluster = new RuleSet();
  const ns = new RuleSet();
  const crdNames = manifests.filter((m) => m?.kind === 'CustomResourceDefinition').map((m) => String(m.metadata?.name));
  if (crdNames.length > 0) cluster.add('apiextensions.k8s.io', 'customresourcedefinitions', crdNames);
  cluster.add('rbac.authorization.k8s.io', 'clusterroles');
  cluster.add('rbac.authorization.k8s.io', 'clusterrolebindings');
  ns.add('rbac.authorization.k8s.io', 'roles');
  ns.add('rbac.authorization.k8s.io', 'rolebindings');

  const install = csv?.spec?.install?.spec ?? {};
  const deployments: any[] = install.deployments ?? [];
  if (deployments.length > 0) ns.add('apps', 'deployments', deployments.map((d) => String(d.name)));
  const accounts = new Set<string>();
  for (const d of deployments) accounts.add(String(d.spec?.template?.spec?.serviceAccountName ?? 'default'));
  for (const p of [...(install.permissions ?? []), ...(install.clusterPermissions ?? [])]) accounts.add(String(p.serviceAccountName));
  accounts.delete('default');
  if (accounts.size > 0) ns.add('', 'serviceaccounts', [...accounts]);

  for (const m of manifests) {
    const known = BUNDLE_RESOURCES[m?.kind];
    if (!known || m.kind === 'CustomResourceDefinition') continue;
    const name = String(m.metadata?.name);
    (known.namespaced ? ns : cluster).add(groupOf(String(m.apiVersion ?? '')), known.resource, [name]);
  }

  if ((csv?.spec?.webhookdefinitions ?? []).length > 0) {
    const types = new Set((csv.spec.webhookdefinitions as any[]).map((w) => w?.type));
    if (types.has('ValidatingAdmissionWebhook')) cluster.add('admissionregistration.k8s.io', 'validatingwebhookconfigurations');
    if (types.has('MutatingAdmissionWebhook')) cluster.add('admissionregistration.k8s.io', 'mutatingwebhookconfigurations');
    ns.add('', 'services');
    ns.add('cert-manager.io', 'certificates');
    ns.add('cert-manager.io', 'issuers');
  }
  const clusterRules: RbacRule[] = [
    ...cluster.rules(),
    // the finalizers rule takes only update
    { apiGroups: ['olm.operatorframework.io'], resources: ['clusterextensions/finalizers'], verbs: ['update'], resourceNames: [extensionName] },
  ];
  // what the controller is granted, the installer must hold (overlapping rules needn't be added twice)
  for (const p of [...(install.clusterPermissions ?? []), ...(install.permissions ?? [])]) {
    for (const rule of p.rules ?? []) {
      if (!clusterRules.some((r) => sameRule(r, rule))) clusterRules.push(rule);
    }
  }
  return { clusterRules, namespaceRules: ns.rules() };
}
