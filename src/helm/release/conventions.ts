/**
 * The names of Helm releases, in one place: artifact paths, upstream chart coordinates, warning ids.
 * Pure (no construct imports): the model uses it too.
 */

/** The values file of a release: `helm/releases/<release name>.values.yaml`. */
export function releaseValuesFile(releaseName: string): string {
  return `helm/releases/${releaseName}.values.yaml`;
}

/** The label kube-prometheus-stack's default selectors require (`*SelectorNilUsesHelmValues: true`). */
export const KPS_RELEASE_LABEL = 'release';

/** Where kube-prometheus-stack comes from. */
export const KUBE_PROMETHEUS_STACK_CHART = {
  chart: 'kube-prometheus-stack',
  repository: 'https://prometheus-community.github.io/helm-charts',
} as const;

/** Where cert-manager comes from. */
export const CERT_MANAGER_CHART = {
  chart: 'cert-manager',
  repository: 'https://charts.jetstack.io',
} as const;

/** The Grafana sidecar's dashboard label in kube-prometheus-stack's values (`grafana.sidecar.dashboards`). */
export const KPS_DASHBOARD_LABEL = { label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL' } as const;

/** Warning: an object is in a namespace whose labels opskit cannot see, and the release's namespace selector needs some. */
export const WARNING_NAMESPACE_LABELS_UNKNOWN = 'opskit:helm/namespace-labels-unknown';

/** The in-cluster API server, Argo CD's default destination. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** Where Argo CD reads its Applications by default. */
export const ARGOCD_NAMESPACE = 'argocd';
