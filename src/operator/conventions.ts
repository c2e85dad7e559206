/*
 * Naming rules of the operator domain: object names, label keys, ports and paths of the controller
 * workload. Names follow kubebuilder's scaffold (`config/`) with its `namePrefix: <project>-` applied, so
 * teams moving from kubebuilder find the objects they know.
 */

/** Label keys and values. */
export const LABELS = {
  /** The recommended name label; its value is the operator's name. */
  name: 'app.kubernetes.io/name',
  /** The recommended managed-by label. */
  managedBy: 'app.kubernetes.io/managed-by',
  /** The value of `app.kubernetes.io/managed-by`. */
  managedByValue: 'opskit',
  /** kubebuilder's selector label of the controller pods. */
  controlPlane: 'control-plane',
  /** The value of `control-plane`. */
  controlPlaneValue: 'controller-manager',
  /** The label that aggregates a ClusterRole into the built-in `admin`, `edit` or `view` role. */
  aggregateTo: (role: 'admin' | 'edit' | 'view') => `rbac.authorization.k8s.io/aggregate-to-${role}`,
  /**
   * The aggregation labels of a role at one level: each level also aggregates into the levels above it
   * (view ⊂ edit ⊂ admin), as Kubernetes' documentation and cert-manager label theirs, so the rules reach
   * every built-in role that should have them without relying on the built-in roles' own chaining.
   */
  aggregationLabels: (role: 'admin' | 'edit' | 'view'): Record<string, string> => {
    const levels = role === 'view' ? ['admin', 'edit', 'view'] : role === 'edit' ? ['admin', 'edit'] : ['admin'];
    return Object.fromEntries(levels.map((l) => [`rbac.authorization.k8s.io/aggregate-to-${l}`, 'true']));
  },
  /** Pod Security Admission's enforce label of a namespace. */
  podSecurityEnforce: 'pod-security.kubernetes.io/enforce',
  /** Pod Security Admission's enforce-version label of a namespace. */
  podSecurityEnforceVersion: 'pod-security.kubernetes.io/enforce-version',
  /** The label every namespace carries with its own name (Kubernetes ≥ 1.22). */
  namespaceName: 'kubernetes.io/metadata.name',
} as const;

/** Annotation keys. */
export const ANNOTATIONS = {
  /** The container `kubectl logs`/`exec` pick by default. */
  defaultContainer: 'kubectl.kubernetes.io/default-container',
  /** cert-manager's CA injector reads the CA of this `<namespace>/<certificate>` into the object. */
  injectCaFrom: 'cert-manager.io/inject-ca-from',
} as const;

/** The manager container's name (kubebuilder's). */
export const MANAGER_CONTAINER = 'manager';

/** Ports and paths of the manager, as kubebuilder's `main.go` and `config/` set them. */
export const MANAGER = {
  healthProbePort: 8081,
  healthPortName: 'health',
  secureMetricsPort: 8443,
  httpMetricsPort: 8080,
  metricsPortName: 'metrics',
  metricsPath: '/metrics',
  webhookPort: 9443,
  webhookPortName: 'webhook-server',
  webhookServicePort: 443,
  webhookCertPath: '/tmp/k8s-webhook-server/serving-certs',
  webhookCertVolume: 'webhook-certs',
  metricsCertPath: '/tmp/k8s-metrics-server/metrics-certs',
  metricsCertVolume: 'metrics-certs',
  conversionPath: '/convert',
  serviceAccountTokenPath: '/var/run/secrets/kubernetes.io/serviceaccount/token',
  /** operator-sdk's (and OLM's) environment variable for the namespaces a namespaced operator watches. */
  watchNamespaceEnv: 'WATCH_NAMESPACE',
} as const;

/** The object names of one operator, all derived from its name (kubebuilder's `namePrefix`). */
export class OperatorNames {
  /** The DNS names of a Service inside the cluster (what a serving certificate must cover). */
  public static serviceDnsNames(service: string, namespace: string): string[] {
    return [`${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
  }

  public constructor(public readonly prefix: string) {}

  public get defaultNamespace(): string { return `${this.prefix}-system`; }
  public get serviceAccount(): string { return `${this.prefix}-controller-manager`; }
  public get deployment(): string { return `${this.prefix}-controller-manager`; }
  public get podDisruptionBudget(): string { return `${this.prefix}-controller-manager`; }
  public get networkPolicy(): string { return `${this.prefix}-controller-manager`; }
  public get managerRole(): string { return `${this.prefix}-manager-role`; }
  public get managerRoleBinding(): string { return `${this.prefix}-manager-rolebinding`; }
  public get leaderElectionRole(): string { return `${this.prefix}-leader-election-role`; }
  public get leaderElectionRoleBinding(): string { return `${this.prefix}-leader-election-rolebinding`; }
  public get metricsAuthRole(): string { return `${this.prefix}-metrics-auth-role`; }
  public get metricsAuthRoleBinding(): string { return `${this.prefix}-metrics-auth-rolebinding`; }
  public get metricsReaderRole(): string { return `${this.prefix}-metrics-reader`; }
  public get metricsReaderRoleBinding(): string { return `${this.prefix}-metrics-reader-rolebinding`; }
  public get metricsService(): string { return `${this.prefix}-controller-manager-metrics-service`; }
  public get serviceMonitor(): string { return `${this.prefix}-controller-manager-metrics-monitor`; }
  public get metricsCertificate(): string { return `${this.prefix}-metrics-certs`; }
  public get metricsCertSecret(): string { return `${this.prefix}-metrics-server-cert`; }
  public get webhookService(): string { return `${this.prefix}-webhook-service`; }
  public get issuer(): string { return `${this.prefix}-selfsigned-issuer`; }
  public get servingCertificate(): string { return `${this.prefix}-serving-cert`; }
  public get webhookCertSecret(): string { return `${this.prefix}-webhook-server-cert`; }
  public get validatingWebhookConfiguration(): string { return `${this.prefix}-validating-webhook-configuration`; }
  public get mutatingWebhookConfiguration(): string { return `${this.prefix}-mutating-webhook-configuration`; }

  /** The admin, edit or view ClusterRole of a custom resource kind (kubebuilder's `<kind>-admin-role`, `-editor-role`, `-viewer-role`). */
  public aggregatedRole(kind: string, role: 'admin' | 'edit' | 'view'): string {
    const suffix = role === 'admin' ? 'admin' : role === 'edit' ? 'editor' : 'viewer';
    return `${this.prefix}-${kind.toLowerCase()}-${suffix}-role`;
  }

  /** The names that must be DNS-1123 labels (Services and the Namespace), for validating the prefix. */
  public get labelNames(): string[] {
    return [this.defaultNamespace, this.metricsService, this.webhookService];
  }
}

/**
 * The default path of an admission webhook (controller-runtime's `generateMutatePath` /
 * `generateValidatePath`): `/mutate-<group with dots as dashes>-<version>-<kind lowercase>`.
 */
export function webhookPath(mutating: boolean, group: string, version: string, kind: string): string {
  return `/${mutating ? 'mutate' : 'validate'}-${group.replace(/\./g, '-')}-${version}-${kind.toLowerCase()}`;
}

/**
 * The default name of an admission webhook: `m<kind>-<version>.<group>` / `v<kind>-<version>.<group>`
 * (kubebuilder writes `.kb.io`; the group keeps names of different operators apart).
 */
export function webhookName(mutating: boolean, group: string, version: string, kind: string): string {
  return `${mutating ? 'm' : 'v'}${kind.toLowerCase()}-${version}.${group}`;
}
