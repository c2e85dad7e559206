import { OpsError } from '../core/ops-error';
import { describeProblem, nestProblems } from '../core/problem';
import { normalizeRules, policyRuleLints, policyRuleProblems, RuleTarget } from './model/rbac';
import { PolicyRule } from './policy-rule';

/** Options for checking RBAC rules. */
export interface PermissionOptions {
  /**
   * Accept `*` in verbs, API groups, resources, resource names or URLs without the lint `rbac-wildcard`
   * (`Permissions.check` lists it otherwise; the API server accepts wildcards, so they are never an error).
   *
   * A wildcard grants everything the API server will ever serve, including resources added later; ask
   * for it only when the operator truly needs it.
   *
   * @default false
   */
  readonly allowWildcard?: boolean;
  /**
   * Whether the rules go into a namespaced Role (which cannot grant non-resource URLs).
   *
   * @default false - a ClusterRole
   */
  readonly namespaced?: boolean;
}

/**
 * A normalized set of RBAC rules.
 *
 * Rules are normalized exactly as controller-gen normalizes `+kubebuilder:rbac` markers: verbs are unioned
 * for the same groups/resources/names/URLs, then resources, groups and URLs are merged where everything
 * else is equal, every list is deduplicated and sorted, `*` collapses a verb list, and rules are sorted —
 * so the output is minimal and stable.
 *
 * @example
 * const perms = Permissions.of([
 *   { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
 *   { apiGroups: ['apps'], resources: ['deployments'], verbs: ['watch'] },
 * ]);
 * perms.rules; // [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] }]
 *
 * @see https://github.com/kubernetes-sigs/controller-tools/blob/v0.21.0/pkg/rbac/parser.go
 */
export class Permissions {
  /**
   * A normalized set of rules; throws an `OpsError` listing every problem when the API server would reject a
   * rule (`Permissions.check` also lists the lints: what it accepts but does not do what was meant).
   */
  public static of(rules: PolicyRule[], options: PermissionOptions = {}): Permissions {
    const problems = rules.flatMap((rule, i) => nestProblems(`rules[${i}]`, policyRuleProblems(rule, {
      target: options.namespaced ? RuleTarget.ROLE : RuleTarget.CLUSTER_ROLE,
    })));
    if (problems.length > 0) {
      // not a construct: the "path" names the call, so the error still reads `... at path [Permissions.of]`
      throw new OpsError(problems.map((p) => ({ ...p, path: 'Permissions.of' })));
    }
    return new Permissions(normalizeRules(rules));
  }

  /** Normalizes rules like controller-gen, without checking them. */
  public static normalize(rules: PolicyRule[]): PolicyRule[] {
    return normalizeRules(rules);
  }

  /**
   * The problems of one rule, as messages (`<field> <expected>, got <value> — <fix>`): what the API server
   * rejects, then the lints (uppercase verbs, malformed URLs, groups, resources and names, wildcards not asked
   * for, `create` restricted by name). Empty when the rule is valid and clean.
   */
  public static check(rule: PolicyRule, options: PermissionOptions = {}): string[] {
    return [
      ...policyRuleProblems(rule, { target: options.namespaced ? RuleTarget.ROLE : RuleTarget.CLUSTER_ROLE }),
      ...policyRuleLints(rule, { allowWildcard: options.allowWildcard ?? false }),
    ].map(describeProblem);
  }

  /** The normalized rules. */
  public readonly rules: PolicyRule[];

  private constructor(rules: PolicyRule[]) {
    this.rules = rules;
  }

  /** A new set with the rules of both, normalized. */
  public merge(other: Permissions): Permissions {
    return new Permissions(normalizeRules([...this.rules, ...other.rules]));
  }
}
