/**
 * One RBAC rule: the verbs allowed on a set of resources (or on non-resource URLs).
 *
 * The fields are those of `rbac.authorization.k8s.io/v1` `PolicyRule`. `core` in `apiGroups` is accepted
 * as an alias of the core group `""`, as controller-gen accepts it.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 */
export interface PolicyRule {
  /**
   * The API groups of the resources (`""` or `core` for the core group).
   *
   * @default - none (only valid for a non-resource URL rule)
   */
  readonly apiGroups?: string[];
  /**
   * The resources, as plural names (`deployments`), optionally with a subresource (`deployments/status`).
   *
   * @default - none (only valid for a non-resource URL rule)
   */
  readonly resources?: string[];
  /**
   * Restricts the rule to objects with these names. Cannot restrict `create`.
   *
   * @default - all objects of the resources
   */
  readonly resourceNames?: string[];
  /**
   * Non-resource URLs such as `/metrics` (ClusterRoles only).
   *
   * @default - none
   */
  readonly nonResourceURLs?: string[];
  /** The verbs allowed, lowercase (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, ...). */
  readonly verbs: string[];
}
