import type { ApiObjectMetadata, Duration } from 'cdk8s';
import type { IApiResource, ImagePullPolicy } from 'cdk8s-plus-33';
import { ICustomResourceType } from './custom-resource-type';
import { OperatorMetrics } from './operator-metrics';
import { PolicyRule } from './policy-rule';
import { AdmissionWebhookOptions, MutatingWebhookOptions } from './webhook-options';

/** Compute resources of the manager container. */
export interface OperatorResources {
  /**
   * Requests by resource name (`cpu`, `memory`); `cpu` and `memory` are required.
   *
   * @default { cpu: "10m", memory: "64Mi" }
   */
  readonly requests?: { [name: string]: string };
  /**
   * Limits by resource name; `memory` is required.
   *
   * @default { cpu: "500m", memory: "128Mi" }
   */
  readonly limits?: { [name: string]: string };
}

/** A service account, e.g. a Prometheus server's, that is allowed to read the secure metrics endpoint. */
export interface MetricsReader {
  /** The service account's name, e.g. `prometheus-k8s`. */
  readonly serviceAccountName: string;
  /** The service account's namespace, e.g. `monitoring`. */
  readonly namespace: string;
}

/** Options of a resource the operator watches or manages. */
export interface ResourceAccessOptions {
  /**
   * Restricts the access to objects with these names (not possible for `create`, so a managed resource
   * with names grants `create` separately on all names).
   *
   * @default - all objects
   */
  readonly resourceNames?: string[];
  /**
   * Whether the resource is cluster-scoped (a namespaced install then grants it in the ClusterRole).
   *
   * @default - known for built-in resources; `false` for other resources
   */
  readonly clusterScoped?: boolean;
}

/** Options of an explicit permission. */
export interface OperatorPermissionOptions {
  /**
   * Grant `*` in the rule without the warning `opskit:operator/rbac-wildcard`.
   *
   * @default false
   */
  readonly allowWildcard?: boolean;
  /**
   * Whether the rule concerns cluster-scoped resources (a namespaced install then grants it in the
   * ClusterRole instead of the per-namespace Roles). Non-resource URLs are always cluster-wide.
   *
   * @default - true when every resource of the rule is a built-in cluster-scoped resource
   */
  readonly clusterScoped?: boolean;
}

/** Props of `Operator`. */
export interface OperatorProps {
  /**
   * The manager image, pinned to a version tag or a digest (`:latest` and untagged images are rejected).
   */
  readonly image: string;
  /**
   * Metadata of every object the operator emits (docs/api-conventions.md, "Names and namespaces"):
   * - `name` is the prefix of every object name (kubebuilder's `namePrefix`, e.g.
   *   `<name>-controller-manager`) and the value of `app.kubernetes.io/name`; it defaults to the construct id;
   * - `namespace` is the namespace the manager and its namespaced objects live in: this, else the chart's
   *   namespace, else `<name>-system`;
   * - `labels` and `annotations` go on every object (`app.kubernetes.io/name` is always the name).
   *
   * `finalizers` and `ownerReferences` are not supported here (they belong to one object: add them through
   * the object's own `metadata`, e.g. `operator.apiObject.metadata`).
   *
   * @default - name: the construct id; namespace: the chart's, else `<name>-system`; no extra labels or annotations
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Create the Namespace object (labelled for Pod Security Admission `restricted`). Only a namespace the
   * operator chose itself (`<name>-system`) is created by default: one from `metadata.namespace` or from the
   * chart is owned by whoever chose it. opskit never creates a namespace Kubernetes creates (`kube-system`,
   * `default`, ...): it would relabel it for `restricted`.
   *
   * @default - true when the namespace is the default `<name>-system`; false when it comes from
   * `metadata.namespace` or from the chart
   */
  readonly createNamespace?: boolean;
  /**
   * Install namespace-scoped: the manager's rules on namespaced resources are granted by a Role in each of
   * these namespaces (cluster-scoped resources stay in a ClusterRole), admission webhooks only intercept
   * them, and the manager gets them in `WATCH_NAMESPACE` (comma-separated, operator-sdk's and OLM's
   * convention) — its cache must be restricted to them, e.g. controller-runtime's
   * `cache.Options.DefaultNamespaces`.
   *
   * @default - cluster-wide: one ClusterRole
   */
  readonly watchNamespaces?: string[];
  /**
   * When the kubelet pulls the image (cdk8s-plus's enum: `import { ImagePullPolicy } from 'cdk8s-plus-33'`).
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Names of Secrets (in the operator's namespace) with credentials for a private registry.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * The manager's entrypoint.
   *
   * @default ["/manager"]
   */
  readonly command?: string[];
  /**
   * Extra arguments after those opskit sets (`--metrics-bind-address`, `--leader-elect`,
   * `--health-probe-bind-address`, `--webhook-cert-path`, `--webhook-port`).
   *
   * @default - none
   */
  readonly args?: string[];
  /** Extra environment variables of the manager. @default - none */
  readonly env?: { [name: string]: string };
  /**
   * Replicas; above 1 the operator also gets a PodDisruptionBudget and topology spread constraints.
   *
   * @default 1
   * @integer
   */
  readonly replicas?: number;
  /**
   * Compute resources of the manager; `requests` and `limits` default separately.
   *
   * @default - requests 10m CPU / 64Mi memory, limits 500m CPU / 128Mi memory (kubebuilder's)
   */
  readonly resources?: OperatorResources;
  /**
   * How long the manager gets to release its lease and finish reconciles when stopped
   * (`terminationGracePeriodSeconds`): whole seconds, at least 0.
   *
   * @default Duration.seconds(10)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Run with `--leader-elect` and grant the leader-election Role.
   *
   * @default true
   */
  readonly leaderElection?: boolean;
  /**
   * Also grant `configmaps` to the leader-election Role, for managers on controller-runtime before v0.15
   * (the `configmapsleases` lock). kubebuilder's scaffold still grants them. Requires `leaderElection`.
   *
   * @default false
   */
  readonly leaderElectionConfigMaps?: boolean;
  /**
   * The port of the manager's `/healthz` and `/readyz` endpoints (`--health-probe-bind-address`).
   *
   * @default 8081
   * @integer
   */
  readonly healthProbePort?: number;
  /**
   * How the manager serves Prometheus metrics.
   *
   * @default OperatorMetrics.secure()
   */
  readonly metrics?: OperatorMetrics;
  /**
   * Service accounts bound to the `metrics-reader` ClusterRole, so they can scrape the secure metrics
   * endpoint (kubebuilder leaves this binding to the user; without it every scrape gets 403).
   *
   * @default - none: bind `<name>-metrics-reader` yourself
   */
  readonly metricsReaders?: MetricsReader[];
  /**
   * Emit a prometheus-operator ServiceMonitor for the metrics Service (add the labels your Prometheus
   * selects with `operator.serviceMonitor.metadata.addLabel(...)`).
   *
   * @default false
   */
  readonly serviceMonitor?: boolean;
  /** The manager's webhook server port. @default 9443 @integer */
  readonly webhookPort?: number;
  /**
   * Emit one NetworkPolicy that admits only metrics scrapes (from namespaces matching
   * `metricsNamespaceSelector`) and webhook calls (from anywhere: the API server calls them from the host
   * network), denying all other ingress to the manager.
   *
   * @default false
   */
  readonly networkPolicies?: boolean;
  /**
   * Labels of the namespaces allowed to scrape metrics through the NetworkPolicy (only with
   * `networkPolicies: true`; at least one label, since an empty selector admits every namespace).
   *
   * @default { metrics: "enabled" }
   */
  readonly metricsNamespaceSelector?: { [key: string]: string };
  /** Custom resources the operator reconciles. @default - none; see `owns()` */
  readonly owns?: ICustomResourceType[];
  /** Resources the operator reads. @default - none; see `watches()` */
  readonly watches?: IApiResource[];
  /** Resources the operator creates, updates and deletes. @default - none; see `manages()` */
  readonly manages?: IApiResource[];
  /** Extra RBAC rules. @default - none; see `addPermission()` */
  readonly permissions?: PolicyRule[];
  /**
   * Grant `*` in `permissions` without the warning `opskit:operator/rbac-wildcard` (the API server accepts
   * wildcards, so they are never an error; a wildcard grants every present and future resource).
   *
   * @default false
   */
  readonly allowWildcardPermissions?: boolean;
  /** Validating webhooks. @default - none; see `addValidatingWebhook()` */
  readonly validatingWebhooks?: AdmissionWebhookOptions[];
  /** Mutating webhooks. @default - none; see `addMutatingWebhook()` */
  readonly mutatingWebhooks?: MutatingWebhookOptions[];
  /** Custom resources whose CRD is converted by the operator's `/convert` endpoint. @default - none; see `addConversionWebhook()` */
  readonly conversionWebhooks?: ICustomResourceType[];
  /**
   * Emit admin, edit and view ClusterRoles for each owned custom resource, labelled to aggregate into the
   * built-in `admin`, `edit` and `view` roles.
   *
   * @default true
   */
  readonly aggregateToDefaultRoles?: boolean;
  /**
   * The PriorityClass of the manager pods.
   *
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * Node labels the manager pods must run on.
   *
   * @default { "kubernetes.io/os": "linux" }
   */
  readonly nodeSelector?: { [key: string]: string };
}
