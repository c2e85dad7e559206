import { isDns1123Subdomain } from '../../core/names';
import { Problem, problem } from '../../core/problem';
import { PolicyRule } from '../policy-rule';

/** The verbs the Kubernetes API defines for resources (other verbs such as `use` or `bind` are also valid). */
export const KNOWN_VERBS: readonly string[] = [
  'create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch',
];

/** The wildcard that matches every verb, group, resource or URL. */
export const WILDCARD = '*';

const VERB = /^[a-z]+$/;

/** Byte-order comparison of two strings (Go's `strings.Compare`, which controller-gen sorts with). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Removes duplicates and sorts (controller-gen's `removeDupAndSort`); `undefined` for an empty list. */
function dedupSort(values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return [...new Set(values)].sort(compareStrings);
}

/** A rule while it is being normalized: every list deduplicated and sorted, empty lists absent. */
interface WorkRule {
  groups?: string[];
  resources?: string[];
  resourceNames?: string[];
  urls?: string[];
  verbs?: string[];
}

function normalize(r: WorkRule): void {
  r.groups = dedupSort(r.groups);
  r.resources = dedupSort(r.resources);
  r.resourceNames = dedupSort(r.resourceNames);
  r.urls = dedupSort(r.urls);
  r.verbs = dedupSort(r.verbs);
}

const join = (values: readonly string[] | undefined) => (values ?? []).join('&');

/** controller-gen's `ruleKey.String()`: groups, resources, names and URLs. */
function key(r: WorkRule): string {
  normalize(r);
  return `${join(r.groups)} + ${join(r.resources)} + ${join(r.resourceNames)} + ${join(r.urls)}`;
}

function keyWithoutResources(r: WorkRule): string {
  normalize(r);
  return `${join(r.groups)} + ${join(r.resourceNames)} + ${join(r.urls)} + ${join(r.verbs)}`;
}

function keyWithoutGroups(r: WorkRule): string {
  normalize(r);
  return `${join(r.resources)} + ${join(r.resourceNames)} + ${join(r.urls)} + ${join(r.verbs)}`;
}

function keyWithoutUrls(r: WorkRule): string {
  normalize(r);
  return `${join(r.groups)} + ${join(r.resources)} + ${join(r.resourceNames)} + ${join(r.verbs)}`;
}

/** Groups rules by a key and merges each group's `field` lists into its first rule. */
function mergeBy(rules: WorkRule[], groupKey: (r: WorkRule) => string, field: 'resources' | 'groups' | 'urls'): WorkRule[] {
  const groups = new Map<string, WorkRule[]>();
  for (const rule of rules) {
    const k = groupKey(rule);
    const list = groups.get(k);
    if (list) list.push(rule);
    else groups.set(k, [rule]);
  }
  const merged = new Map<string, WorkRule>();
  for (const list of groups.values()) {
    const first = list[0];
    for (const other of list.slice(1)) {
      first[field] = [...(first[field] ?? []), ...(other[field] ?? [])];
    }
    merged.set(key(first), first);
  }
  return [...merged.values()];
}

/**
 * Normalizes RBAC rules exactly as controller-gen's `rbac` generator does, so the output is minimal and
 * stable:
 *
 * 1. each rule is split into one rule per resource, and `core` becomes `""`;
 * 2. verbs are unioned for rules with identical groups, resources, resource names and URLs;
 * 3. then resources are merged where everything else is equal, then groups, then URLs;
 * 4. every list is deduplicated and sorted, and a verb list containing `*` collapses to `["*"]`;
 * 5. rules are sorted by their key (groups, resources, resource names, URLs).
 *
 * Rules without verbs are dropped (they grant nothing). Pure; the input is not modified.
 *
 * @see https://github.com/kubernetes-sigs/controller-tools/blob/v0.21.0/pkg/rbac/parser.go
 */
export function normalizeRules(rules: readonly PolicyRule[]): PolicyRule[] {
  // 1. split per resource; map "core" to ""
  const split: WorkRule[] = [];
  for (const rule of rules) {
    if (!rule.verbs || rule.verbs.length === 0) continue;
    const copy = (resources: string[] | undefined): WorkRule => ({
      groups: rule.apiGroups?.map((g) => (g === 'core' ? '' : g)),
      resources,
      resourceNames: rule.resourceNames ? [...rule.resourceNames] : undefined,
      urls: rule.nonResourceURLs ? [...rule.nonResourceURLs] : undefined,
      verbs: [...rule.verbs],
    });
    const resources = rule.resources ?? [];
    if (resources.length === 0) split.push(copy(undefined));
    for (const resource of resources) split.push(copy([resource]));
  }

  // 2. union verbs of rules with the same key (merged into the first such rule)
  const byKey = new Map<string, WorkRule>();
  for (const rule of split) {
    const k = key(rule);
    const existing = byKey.get(k);
    if (!existing) {
      byKey.set(k, rule);
    } else {
      existing.verbs = dedupSort([...(existing.verbs ?? []), ...(rule.verbs ?? [])]);
    }
  }

  // 3. merge resources, then groups, then URLs
  let merged = mergeBy([...byKey.values()], keyWithoutResources, 'resources');
  merged = mergeBy(merged, keyWithoutGroups, 'groups');
  merged = mergeBy(merged, keyWithoutUrls, 'urls');

  // 4. and 5. sort by key; collapse "*"
  const keyed = merged.map((r) => ({ k: key(r), r }));
  keyed.sort((a, b) => compareStrings(a.k, b.k));
  return keyed.map(({ r }) => toPolicyRule({ ...r, verbs: r.verbs?.includes(WILDCARD) ? [WILDCARD] : r.verbs }));
}

function toPolicyRule(r: WorkRule): PolicyRule {
  return {
    ...(r.groups ? { apiGroups: r.groups } : {}),
    ...(r.urls ? { nonResourceURLs: r.urls } : {}),
    ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
    ...(r.resources ? { resources: r.resources } : {}),
    verbs: r.verbs ?? [],
  };
}

/** Where a rule is granted: a ClusterRole may hold non-resource URLs, a Role may not. */
export enum RuleTarget {
  /** The rule goes into a ClusterRole. */
  CLUSTER_ROLE = 'ClusterRole',
  /** The rule goes into a namespaced Role. */
  ROLE = 'Role',
}

/** Whether a rule uses `*` anywhere (verbs, groups, resources, resource names or URLs). */
export function wildcardFields(rule: PolicyRule): string[] {
  const fields: string[] = [];
  if (rule.verbs?.includes(WILDCARD)) fields.push('verbs');
  if (rule.apiGroups?.includes(WILDCARD)) fields.push('apiGroups');
  if (rule.resources?.some((r) => r === WILDCARD || r.split('/').includes(WILDCARD))) fields.push('resources');
  if (rule.resourceNames?.includes(WILDCARD)) fields.push('resourceNames');
  if (rule.nonResourceURLs?.some((u) => u.endsWith(WILDCARD))) fields.push('nonResourceURLs');
  return fields;
}

/**
 * The problems of one rule as the API server validates it (`ValidatePolicyRule`, k8s.io/kubernetes
 * pkg/apis/rbac/validation): at least one verb; non-resource URLs only in a ClusterRole and never with API groups,
 * resources or resource names; a resource rule with at least one API group and one resource. Nothing else: what
 * the server accepts but will not do what was meant is a lint (`policyRuleLints`), a warning.
 */
export function policyRuleProblems(rule: PolicyRule, options: { target: RuleTarget }): Problem[] {
  const problems: Problem[] = [];
  const verbs = rule.verbs ?? [];
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  const urls = rule.nonResourceURLs ?? [];
  const names = rule.resourceNames ?? [];
  if (verbs.length === 0) {
    problems.push(problem('verbs', 'must list at least one verb', verbs, 'add the verbs to allow, e.g. ["get", "list", "watch"]'));
  }
  if (urls.length > 0) {
    if (options.target === RuleTarget.ROLE) {
      problems.push(problem('nonResourceURLs', 'must not be used in a namespaced Role (non-resource URLs are cluster-wide)', urls, 'grant non-resource URLs in a ClusterRole'));
    }
    if (groups.length > 0 || resources.length > 0 || names.length > 0) {
      problems.push(problem('nonResourceURLs', 'must not be combined with apiGroups, resources or resourceNames in one rule', urls,
        'split the rule into a resource rule and a non-resource URL rule'));
    }
  } else {
    if (groups.length === 0) {
      problems.push(problem('apiGroups', 'must list at least one API group for a resource rule', groups, 'add the group, e.g. [""] for the core group or ["apps"]'));
    }
    if (resources.length === 0) {
      problems.push(problem('resources', 'must list at least one resource for a resource rule', resources, 'add the plural resource names, e.g. ["deployments"]'));
    }
  }
  return problems;
}

/**
 * What the API server accepts in a rule but that never grants what was meant, or grants more: each a lint with
 * its rule id (a warning `opskit:operator/<rule>`): an uppercase or malformed verb (`GET` matches no request),
 * a non-resource URL that is no path or has `*` inside, an API group or resource that is no lowercase name,
 * an empty resource name or one with "/", `create` restricted by name (the name is unknown when it is
 * authorized), and wildcards not asked for (`allowWildcard`).
 */
export function policyRuleLints(rule: PolicyRule, options: { allowWildcard: boolean }): Problem[] {
  const lints: Problem[] = [];
  const verbs = rule.verbs ?? [];
  const names = rule.resourceNames ?? [];
  verbs.forEach((v, i) => {
    if (v !== WILDCARD && !VERB.test(v)) {
      lints.push(problem(`verbs[${i}]`, 'should be a lowercase verb such as "get" or "create" (the API server accepts it, but it matches no request)', v,
        `use ${JSON.stringify(v.toLowerCase().replace(/[^a-z]/g, ''))}`, 'rbac-verb'));
    }
  });
  (rule.nonResourceURLs ?? []).forEach((u, i) => {
    const star = u.indexOf(WILDCARD);
    if (!u.startsWith('/') || (star >= 0 && star !== u.length - 1)) {
      lints.push(problem(`nonResourceURLs[${i}]`, 'should be a path starting with "/", with "*" only as the final character (otherwise it matches no request)', u,
        'use e.g. "/metrics" or "/debug/*"', 'rbac-non-resource-url'));
    }
  });
  (rule.apiGroups ?? []).forEach((g, i) => {
    if (g !== '' && g !== 'core' && g !== WILDCARD && !isDns1123Subdomain(g)) {
      lints.push(problem(`apiGroups[${i}]`, 'should be an API group: "" (or "core") for the core group, or a lowercase name such as "apps" or "backup.example.com"', g,
        `use ${JSON.stringify(g.toLowerCase())}`, 'rbac-api-group'));
    }
  });
  names.forEach((n, i) => {
    if (typeof n !== 'string' || n === '' || n.includes('/')) {
      lints.push(problem(`resourceNames[${i}]`, 'should be an object name (not empty, without "/")', n, 'give the name of the object, or remove resourceNames to grant all objects',
        'rbac-resource-name'));
    }
  });
  (rule.resources ?? []).forEach((r, i) => {
    if (r !== r.toLowerCase() || r.length === 0 || r.split('/').length > 2 || r.startsWith('/') || r.endsWith('/')) {
      lints.push(problem(`resources[${i}]`, 'should be a lowercase plural resource name, optionally with one "/subresource"', r, 'use e.g. "deployments" or "deployments/status"',
        'rbac-resource'));
    }
  });
  if (names.length > 0 && verbs.includes('create')) {
    lints.push(problem('resourceNames', 'cannot restrict the "create" verb (the name of a new object is unknown when it is authorized)', names,
      'grant "create" in a separate rule without resourceNames', 'rbac-create-by-name'));
  }
  if (!options.allowWildcard) {
    for (const field of wildcardFields(rule)) {
      lints.push(problem(field, 'should not contain the wildcard "*" unless wildcards are explicitly allowed (it grants every present and future value)', (rule as any)[field],
        'list the exact values, or pass allowWildcard: true if the operator truly needs every one', 'rbac-wildcard'));
    }
  }
  return lints;
}
