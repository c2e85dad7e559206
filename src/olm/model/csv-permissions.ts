/**
 * How the RBAC of an operator's manifests becomes the CSV's `permissions` and `clusterPermissions`, as
 * `operator-sdk generate bundle` maps it (its collector and `clusterserviceversion_updaters.go`): OLM creates
 * the bindings and service accounts itself, so those leave the manifests and their rules move into the CSV.
 */

/** The rules granted to one service account. */
export interface StrategyPermissions {
  readonly serviceAccountName: string;
  readonly rules: any[];
}

/** The outcome of the mapping. */
export interface MappedPermissions {
  /** Rules of Roles (or ClusterRoles) bound by RoleBindings, per service account, sorted by name. */
  readonly permissions: StrategyPermissions[];
  /** Rules of ClusterRoles bound by ClusterRoleBindings, per service account, sorted by name. */
  readonly clusterPermissions: StrategyPermissions[];
  /** Objects OLM creates itself from the CSV (bindings, service accounts and roles it absorbed). */
  readonly absorbed: ReadonlySet<any>;
  /** Bindings kept in the manifests, with the CSV's service accounts removed from their subjects. */
  readonly rewritten: ReadonlyMap<any, any>;
}

const RBAC_GROUPS = ['', 'rbac.authorization.k8s.io'];

/**
 * Maps RBAC objects to the CSV. `serviceAccounts` are the CSV's (each Deployment's `serviceAccountName`).
 * A binding's subject counts when it is a ServiceAccount of that name (its namespace is ignored: OLM installs
 * everything in one namespace). Rules are concatenated per account, exact duplicates dropped.
 */
export function mapPermissions(objects: readonly any[], serviceAccounts: readonly string[]): MappedPermissions {
  const roles = new Map<string, any>();
  const clusterRoles = new Map<string, any>();
  for (const o of objects) {
    if (o?.apiVersion !== 'rbac.authorization.k8s.io/v1') continue;
    if (o.kind === 'Role') roles.set(`${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, o);
    if (o.kind === 'ClusterRole') clusterRoles.set(String(o.metadata?.name), o);
  }
  const namespaced = new Map<string, any[]>();
  const cluster = new Map<string, any[]>();
  const absorbed = new Set<any>();
  const rewritten = new Map<any, any>();
  const referencedByKept = new Set<any>();

  for (const binding of objects) {
    if (binding?.apiVersion !== 'rbac.authorization.k8s.io/v1' || (binding.kind !== 'RoleBinding' && binding.kind !== 'ClusterRoleBinding')) continue;
    const ref = binding.roleRef ?? {};
    const role = ref.kind === 'ClusterRole'
      ? clusterRoles.get(String(ref.name))
      : binding.kind === 'RoleBinding' && ref.kind === 'Role' ? roles.get(`${binding.metadata?.namespace ?? ''}/${ref.name}`) : undefined;
    const subjects: any[] = Array.isArray(binding.subjects) ? binding.subjects : [];
    const isCsvAccount = (s: any) => s?.kind === 'ServiceAccount' && serviceAccounts.includes(s?.name);
    const csvSubjects = role && RBAC_GROUPS.includes(ref.apiGroup ?? '') ? subjects.filter(isCsvAccount) : [];
    for (const s of csvSubjects) {
      const into = binding.kind === 'ClusterRoleBinding' ? cluster : namespaced;
      into.set(s.name, [...(into.get(s.name) ?? []), ...(Array.isArray(role.rules) ? role.rules : [])]);
    }
    const others = subjects.filter((s) => !csvSubjects.includes(s));
    if (csvSubjects.length > 0 && others.length === 0) {
      absorbed.add(binding);
      continue;
    }
    if (csvSubjects.length > 0) rewritten.set(binding, { ...binding, subjects: others });
    if (role) referencedByKept.add(role);
  }
  // a role leaves the manifests once the CSV holds its rules, unless a kept binding still refers to it
  for (const o of objects) {
    if (o?.kind !== 'Role' && o?.kind !== 'ClusterRole') continue;
    if (referencedByKept.has(o)) continue;
    const bound = objects.some((b) => absorbed.has(b) && b.roleRef?.name === o.metadata?.name && b.roleRef?.kind === o.kind);
    if (bound) absorbed.add(o);
  }
  for (const o of objects) {
    if (o?.apiVersion === 'v1' && o.kind === 'ServiceAccount' && serviceAccounts.includes(o.metadata?.name)) absorbed.add(o);
  }
  return { permissions: toStrategy(namespaced), clusterPermissions: toStrategy(cluster), absorbed, rewritten };
}

function toStrategy(byAccount: Map<string, any[]>): StrategyPermissions[] {
  return [...byAccount.entries()]
    .filter(([, rules]) => rules.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([serviceAccountName, rules]) => ({ serviceAccountName, rules: uniqueRules(rules) }));
}

function uniqueRules(rules: readonly any[]): any[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
