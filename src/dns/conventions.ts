/**
 * Naming rules of the dns domain: object names, label keys, paths and flag names.
 *
 * Generators never build these names inline. The defaults are those of the upstream NodeLocal
 * DNSCache manifest (kubernetes/kubernetes `cluster/addons/dns/nodelocaldns/nodelocaldns.yaml`).
 */

/**
 * The default base name (`metadata.name`) of the ServiceAccount, ConfigMap, DaemonSet, metrics Service,
 * ServiceMonitor and PrometheusRule: the upstream addon's, which dashboards and runbooks know.
 */
export const NODE_LOCAL_DNS_NAME = 'node-local-dns';
/** The default namespace: CoreDNS's, where the `kube-dns-upstream` Service can select the CoreDNS pods. */
export const NODE_LOCAL_DNS_NAMESPACE = 'kube-system';
/** Suffix of the high-availability secondary's DaemonSet and ConfigMap. */
export const SECONDARY_SUFFIX = '-secondary';

/** The name (and `k8s-app` label value, the Prometheus job) of one process's DaemonSet, ConfigMap and metrics Service. */
export function instanceObjectName(base: string, secondary: boolean): string {
  return secondary ? base + SECONDARY_SUFFIX : base;
}

/** The name of the NetworkPolicy allowing DNS egress from one namespace. */
export function egressPolicyName(base: string): string {
  return `allow-${base}-egress`;
}
/** Name of the Service that exposes CoreDNS under its own ClusterIP (`-upstreamsvc`). */
export const UPSTREAM_SERVICE_NAME = 'kube-dns-upstream';
/** Name of the kube-dns ConfigMap (stub domains, upstream nameservers), mounted optionally. */
export const KUBE_DNS_CONFIG_MAP = 'kube-dns';
/** Name of the CiliumLocalRedirectPolicy. */
export const LRP_NAME = 'nodelocaldns';
/** Name of the kube-dns Service the LRP redirects (service matcher). */
export const KUBE_DNS_SERVICE = 'kube-dns';
/** The container name. */
export const CONTAINER_NAME = 'node-cache';

/** Label selecting the node-local-dns pods. */
export const APP_LABEL_KEY = 'k8s-app';
/** Label selecting CoreDNS pods (the upstream Service's selector). */
export const COREDNS_SELECTOR: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };
/** Labels of the addon manager set by the upstream manifest. */
export const CLUSTER_SERVICE_LABEL = 'kubernetes.io/cluster-service';
export const ADDON_MANAGER_LABEL = 'addonmanager.kubernetes.io/mode';
export const ADDON_MANAGER_MODE = 'Reconcile';
export const SERVICE_NAME_LABEL = 'kubernetes.io/name';
export const UPSTREAM_SERVICE_DISPLAY_NAME = 'KubeDNSUpstream';

/** Prometheus scrape annotations. */
export const PROMETHEUS_PORT_ANNOTATION = 'prometheus.io/port';
export const PROMETHEUS_SCRAPE_ANNOTATION = 'prometheus.io/scrape';

/** ConfigMap key holding the Corefile template. */
export const COREFILE_KEY = 'Corefile';
/** File name the key is mounted as (`-basecorefile` default's basename). */
export const COREFILE_BASE_FILE = 'Corefile.base';
/** Directory the ConfigMap is mounted at (`-basecorefile` default's directory). */
export const COREFILE_MOUNT_DIR = '/etc/coredns';
/** The rendered Corefile the binary writes (`-conf`). */
export const COREFILE_PATH = '/etc/Corefile';
/** Mount path of the kube-dns ConfigMap. */
export const KUBE_DNS_CONFIG_DIR = '/etc/kube-dns';
/** The host's xtables lock file. */
export const XTABLES_LOCK_PATH = '/run/xtables.lock';

/** Volume names. */
export const VOLUME_XTABLES = 'xtables-lock';
export const VOLUME_CONFIG = 'config-volume';
export const VOLUME_KUBE_DNS = 'kube-dns-config';

/** Port names. */
export const PORT_DNS = 'dns';
export const PORT_DNS_TCP = 'dns-tcp';
export const PORT_METRICS = 'metrics';

/** The Prometheus metric names used by the error alert. */
export const METRIC_RESPONSES = 'coredns_dns_responses_total';
export const METRIC_SETUP_ERRORS = 'coredns_nodecache_setup_errors_total';
