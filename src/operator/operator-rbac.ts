import { Lazy } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { LABELS } from './conventions';
import { ICustomResourceType } from './custom-resource-type';
import { toKubeRules } from './kube-props';
import { aggregatedRoleRules, ManagerRules } from './model/rbac-derive';
import { OperatorContext } from './operator-context';
import { PolicyRule } from './policy-rule';
import { kube } from '../core/lazy-modules';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * Creates the operator's RBAC objects as declarations need them: the manager ClusterRole once there is a
 * cluster-wide rule, a manager Role per watched namespace once there is a namespaced rule, and the
 * aggregated roles of each owned custom resource. Rules render lazily, so later declarations count.
 *
 * @internal
 */
export class OperatorRbacObjects {
  public clusterRole?: k8s.KubeClusterRole;
  public readonly roles: k8s.KubeRole[] = [];
  public readonly aggregated: k8s.KubeClusterRole[] = [];

  public constructor(private readonly operator: OperatorContext, private readonly aggregate: boolean) {}

  /** Creates whatever objects the current rules need (never removes: declarations only grow). */
  public sync(rules: ManagerRules): void {
    const op = this.operator;
    const names = op.names;
    if (rules.clusterRules.length > 0 && !this.clusterRole) {
      this.clusterRole = new (kube().KubeClusterRole)(op.scope, 'ManagerRole', {
        metadata: op.metadata(names.managerRole, { clusterScoped: true }),
        rules: Lazy.any({ produce: () => toKubeRules(op.managerRules().clusterRules) }),
      });
      new (kube().KubeClusterRoleBinding)(op.scope, 'ManagerRoleBinding', {
        metadata: op.metadata(names.managerRoleBinding, { clusterScoped: true }),
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: names.managerRole },
        subjects: [this.subject()],
      });
    }
    if (rules.namespaceRules.length > 0 && this.roles.length === 0) {
      for (const ns of op.watchNamespaces ?? []) {
        this.roles.push(new (kube().KubeRole)(op.scope, `ManagerRole-${ns}`, {
          metadata: op.metadata(names.managerRole, { namespace: ns }),
          rules: Lazy.any({ produce: () => toKubeRules(op.managerRules().namespaceRules) }),
        }));
        new (kube().KubeRoleBinding)(op.scope, `ManagerRoleBinding-${ns}`, {
          metadata: op.metadata(names.managerRoleBinding, { namespace: ns }),
          roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: names.managerRole },
          subjects: [this.subject()],
        });
      }
    }
  }

  /** The leader-election Role and its binding in the operator's namespace. */
  public createLeaderElectionRole(rules: () => PolicyRule[]): k8s.KubeRole {
    const op = this.operator;
    const role = new (kube().KubeRole)(op.scope, 'LeaderElectionRole', {
      metadata: op.metadata(op.names.leaderElectionRole),
      rules: Lazy.any({ produce: () => toKubeRules(rules()) }),
    });
    new (kube().KubeRoleBinding)(op.scope, 'LeaderElectionRoleBinding', {
      metadata: op.metadata(op.names.leaderElectionRoleBinding),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: op.names.leaderElectionRole },
      subjects: [this.subject()],
    });
    return role;
  }

  /** A ClusterRole and its ClusterRoleBinding to the manager (e.g. the metrics auth role). */
  public createBoundClusterRole(id: string, name: string, bindingName: string, rules: PolicyRule[]): k8s.KubeClusterRole {
    const op = this.operator;
    const role = this.createClusterRole(id, name, rules);
    new (kube().KubeClusterRoleBinding)(op.scope, `${id}Binding`, {
      metadata: op.metadata(bindingName, { clusterScoped: true }),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name },
      subjects: [this.subject()],
    });
    return role;
  }

  /** An unbound ClusterRole (e.g. `metrics-reader`, for scrapers to bind). */
  public createClusterRole(id: string, name: string, rules: PolicyRule[], labels: Record<string, string> = {}): k8s.KubeClusterRole {
    return new (kube().KubeClusterRole)(this.operator.scope, id, {
      metadata: this.operator.metadata(name, { clusterScoped: true, labels }),
      rules: toKubeRules(rules),
    });
  }

  /** The admin, edit and view ClusterRoles of an owned custom resource. */
  public addAggregatedRoles(type: ICustomResourceType): void {
    if (!this.aggregate) return;
    const rules = aggregatedRoleRules(type.group, type.plural);
    for (const role of ['admin', 'edit', 'view'] as const) {
      const id = `${type.kind}${role[0].toUpperCase()}${role.slice(1)}Role`;
      const name = this.operator.names.aggregatedRole(type.kind, role);
      this.aggregated.push(this.createClusterRole(id, name, rules[role], LABELS.aggregationLabels(role)));
    }
  }

  private subject(): k8s.Subject {
    return { kind: 'ServiceAccount', name: this.operator.serviceAccountName, namespace: this.operator.namespaceName };
  }
}
