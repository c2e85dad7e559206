/**
 * Checks of NodeLocalDns props (types, ranges, option values) and their resolution into the model's
 * spec with the upstream defaults.
 */
import { ApiObjectMetadata, Duration } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { instanceObjectName, NODE_LOCAL_DNS_NAME, NODE_LOCAL_DNS_NAMESPACE, SECONDARY_SUFFIX, UPSTREAM_SERVICE_NAME } from './conventions';
import { Problem, problem } from '../core/problem';
import { validateCacheModel, validateForwardModel } from './model/corefile-validate';
import {
  DEFAULT_CACHE, DEFAULT_CLUSTER_DOMAIN, DEFAULT_CLUSTER_ZONE_CACHE, DEFAULT_HEALTH_PORT, DEFAULT_IMAGE, DEFAULT_LOCAL_IP,
  DEFAULT_METRICS_PORT, DEFAULT_SETUP_METRICS_PORT, DnsMode, NodeLocalDnsSpec,
} from './model/node-local-dns-spec';
import { NodeLocalDnsErrorAlertOptions, NodeLocalDnsServiceMonitorOptions } from './node-local-dns-monitoring';
import { DnsCacheOptions, DnsForwardOptions, ForwardTransport, StubDomain } from './options';
import { toCacheModel, toForwardModel } from './options-convert';
import { ProxyMode } from './proxy-mode';
import { durationPropSeconds, durationSeconds, durationValueProblems } from '../core/duration';
import { IntOrPercent } from '../core/int-or-percent';
import { isDns1123Label, isDns1123Subdomain } from '../core/names';
import { multiObjectMetadataProblems } from '../core/object-name';
import { portNumberProblems } from '../core/ports';
import { parseQuantity } from '../core/quantity';

/**
 * A second DaemonSet that serves next to the first so that rollouts and restarts do not interrupt DNS.
 *
 * Both processes run with `-skipteardown=true`, so the interface and the NOTRACK rules survive while
 * either one restarts; the secondary waits `skew` in preStop, so the two are never replaced at the same
 * moment. (After uninstalling, the rules stay until the node reboots: remove both DaemonSets together
 * with a drain, or run node-cache once with `-skipteardown=false`.)
 *
 * @see https://github.com/kubernetes/dns/issues/324
 */
export interface NodeLocalDnsHighAvailability {
  /** The secondary's health port (`-health-port` and the Corefile `health`). @default 8081 @integer */
  readonly healthPort?: number;
  /** The secondary's metrics port (Corefile `prometheus`). @default 9254 @integer */
  readonly metricsPort?: number;
  /** The secondary's node-cache setup metrics port (`-metrics-listen-address`). @default 9354 @integer */
  readonly setupMetricsPort?: number;
  /** How long the secondary keeps serving in preStop before it stops. @default Duration.seconds(5) */
  readonly skew?: Duration;
}

/** Props of `NodeLocalDns`. Defaults are the upstream manifest's. */
export interface NodeLocalDnsProps {
  /** ClusterIP of the `kube-dns` Service (`kubectl -n kube-system get svc kube-dns`), e.g. `10.100.0.10` on EKS. */
  readonly kubeDnsIp: string;
  /**
   * The link-local address the cache listens on (`__PILLAR__LOCAL__DNS__`).
   * @default "169.254.20.10"
   */
  readonly localIp?: string;
  /** Cluster domain (`__PILLAR__DNS__DOMAIN__`). @default "cluster.local" */
  readonly clusterDomain?: string;
  /**
   * How Service traffic is proxied on the nodes.
   * @default ProxyMode.IPTABLES
   */
  readonly mode?: ProxyMode;
  /**
   * The objects' metadata (docs/api-conventions.md, a construct that emits several objects): `name` is the base
   * name of the node-local-dns objects (ServiceAccount, ConfigMap, DaemonSet, metrics Service, ServiceMonitor,
   * PrometheusRule, `<name>-secondary` for the HA pair, `allow-<name>-egress` NetworkPolicies) and their `k8s-app`
   * label; `namespace` the namespace of every namespaced object; `labels` and `annotations` go on every object.
   * `finalizers` and `ownerReferences` belong to one object: set them on `apiObject.metadata`.
   *
   * The namespace must be that of CoreDNS and its `kube-dns` Service (the `kube-dns-upstream` Service selects the
   * CoreDNS pods, and a Service selects pods of its own namespace only), so it does not follow the chart's
   * namespace: a chart namespace it does not use is warning `opskit:dns/chart-namespace-ignored`.
   *
   * @default - name "node-local-dns" (the upstream addon's, which its dashboards and runbooks know), namespace
   * "kube-system", no extra labels or annotations
   */
  readonly metadata?: ApiObjectMetadata;
  /** node-cache image, pinned to a tag or digest. @default "registry.k8s.io/dns/k8s-dns-node-cache:1.26.8" */
  readonly image?: string;
  /** Cache of the cluster-domain zone. @default - success 9984 30, denial 9984 5 */
  readonly clusterZoneCache?: DnsCacheOptions;
  /** Cache of the other zones (reverse zones, `.`, stub domains). @default - cache 30 */
  readonly cache?: DnsCacheOptions;
  /** Forwarding of cluster zones to CoreDNS. @default - force_tcp */
  readonly clusterForward?: DnsForwardOptions;
  /**
   * Upstream resolvers of the `.` zone (at most 15, `ip[:port]`).
   * @default - at runtime: the kube-dns ConfigMap's upstreamNameservers, else the node's /etc/resolv.conf
   */
  readonly upstreamServers?: string[];
  /** Forwarding of the `.` zone. @default - the client's transport */
  readonly upstreamForward?: DnsForwardOptions;
  /** Zones answered by their own servers. @default - none */
  readonly stubDomains?: StubDomain[];
  /** Answer AAAA queries with NOERROR/no data (IPv4-only clusters). @default false */
  readonly suppressAaaa?: boolean;
  /** Log every query (`log`). @default false */
  readonly log?: boolean;
  /** Raw server blocks appended to the Corefile (checked by the same rules). @default - none */
  readonly extraServerBlocks?: string;
  /** Resources of node-cache. @default - requests cpu 25m, memory 5Mi; no limits */
  readonly resources?: k8s.ResourceRequirements;
  /** Health port (`-health-port`, Corefile `health`, liveness probe). @default 8080 @integer */
  readonly healthPort?: number;
  /** Metrics port (Corefile `prometheus`, container port, Service, annotation). @default 9253 @integer */
  readonly metricsPort?: number;
  /** node-cache's own metrics port (`-metrics-listen-address`). @default 9353 @integer */
  readonly setupMetricsPort?: number;
  /** Host ports used by something else on your nodes (e.g. 8080 for kops's apiserver healthcheck). @default - none @integer */
  readonly reservedHostPorts?: number[];
  /** How often node-cache re-checks its iptables rules (rendered `-syncinterval <N>ns`). @default - node-cache's 60 s, flag not rendered */
  readonly syncInterval?: Duration;
  /** Service CIDRs; the local IP must be outside. @default - not checked */
  readonly serviceCidrs?: string[];
  /** Pod CIDRs; the local IP must be outside. @default - not checked */
  readonly podCidrs?: string[];
  /** Node CIDRs; the local IP must be outside. @default - not checked */
  readonly nodeCidrs?: string[];
  /** Whether the cluster is dual-stack (one node-cache serves one family: a warning). @default false */
  readonly dualStack?: boolean;
  /**
   * The kubelet `clusterDNS` of the nodes, declared so it is checked: IPVS and CILIUM_ADDRESS need exactly the
   * local IP, CILIUM the kube-dns IP, IPTABLES and NFTABLES either address (any other resolver bypasses the cache).
   * @default - unknown; a warning reminds you in the modes that need it
   */
  readonly kubeletClusterDns?: string[];
  /** Run a second DaemonSet for rollouts without DNS outages. @default - one DaemonSet */
  readonly highAvailability?: NodeLocalDnsHighAvailability;
  /**
   * Emit a prometheus-operator ServiceMonitor for the metrics Service(s) (and drop the scrape annotations, so
   * nothing is scraped twice).
   * @default false (pods and Service carry prometheus.io annotations)
   */
  readonly serviceMonitor?: boolean;
  /** Settings of the ServiceMonitor; only with `serviceMonitor: true`. @default - no extra labels, Prometheus's global interval */
  readonly serviceMonitorOptions?: NodeLocalDnsServiceMonitorOptions;
  /** Emit a PrometheusRule alerting on the SERVFAIL error budget. @default false */
  readonly errorAlert?: boolean;
  /** Settings of the error alert; only with `errorAlert: true`. @default - objective 99.9, the ServiceMonitor's jobs, no extra labels */
  readonly errorAlertOptions?: NodeLocalDnsErrorAlertOptions;
  /** Add `prometheus.io/*` scrape annotations. @default - true unless serviceMonitor is on */
  readonly scrapeAnnotations?: boolean;
  /** Keep the upstream addon-manager labels. @default true */
  readonly addonManagerLabels?: boolean;
  /** Namespaces with default-deny egress that get a NetworkPolicy allowing DNS to the local and kube-dns IPs. @default - none */
  readonly egressPolicyNamespaces?: string[];
  /** Rolling update `maxUnavailable`: how many nodes at a time get the new version. @default IntOrPercent.percent(10) */
  readonly maxUnavailable?: IntOrPercent;
  /** Tolerations. @default - CriticalAddonsOnly, NoExecute, NoSchedule (all Exists) */
  readonly tolerations?: k8s.Toleration[];
  /** Node selector. @default - every node */
  readonly nodeSelector?: { [key: string]: string };
}

/** PromQL label matchers without braces: `job=~"a|b", namespace="kube-system"`. */
const MATCHER = '\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=|!=|=~|!~)\\s*"(?:[^"\\\\]|\\\\.)*"\\s*';
const PROMQL_MATCHERS = new RegExp(`^${MATCHER}(,${MATCHER})*,?\\s*$`);


/** The rolling update `maxUnavailable` of the props (the upstream manifest's 10% by default). */
export function maxUnavailableOf(props: NodeLocalDnsProps): IntOrPercent {
  return props.maxUnavailable ?? IntOrPercent.percent(10);
}

/** The checks of a well-typed `maxUnavailable` (its type is checked with the props' types). */
function maxUnavailableProblems(v: IntOrPercent | undefined): Problem[] {
  const fix = 'use e.g. IntOrPercent.percent(10) or IntOrPercent.of(1)';
  if (v === undefined) return [];
  const own = v._problems('maxUnavailable');
  if (own.length > 0) return own;
  // the API server rejects 0 for a DaemonSet without maxSurge: the rollout could never start
  return v.value === 0 ? [problem('maxUnavailable', 'must be more than 0 (a rollout of a DaemonSet without maxSurge never starts)', v.toJson(), fix)] : [];
}

/** Resolves props into the spec the model works on. */
export function resolveNodeLocalDnsSpec(props: NodeLocalDnsProps): NodeLocalDnsSpec {
  const ha = props.highAvailability;
  const limit = props.resources?.limits?.memory;
  return {
    name: props.metadata?.name ?? NODE_LOCAL_DNS_NAME,
    namespace: props.metadata?.namespace ?? NODE_LOCAL_DNS_NAMESPACE,
    mode: (props.mode?.name ?? 'iptables') as DnsMode,
    localIp: props.localIp ?? DEFAULT_LOCAL_IP,
    kubeDnsIp: props.kubeDnsIp,
    clusterDomain: props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
    image: props.image ?? DEFAULT_IMAGE,
    upstreamServiceName: UPSTREAM_SERVICE_NAME,
    healthPort: props.healthPort ?? DEFAULT_HEALTH_PORT,
    metricsPort: props.metricsPort ?? DEFAULT_METRICS_PORT,
    setupMetricsPort: props.setupMetricsPort ?? DEFAULT_SETUP_METRICS_PORT,
    syncIntervalSeconds: durationSeconds(props.syncInterval),
    clusterZoneCache: toCacheModel(props.clusterZoneCache, DEFAULT_CLUSTER_ZONE_CACHE),
    cache: toCacheModel(props.cache, DEFAULT_CACHE),
    clusterForward: toForwardModel(props.clusterForward, ForwardTransport.FORCE_TCP),
    upstreamServers: props.upstreamServers,
    upstreamForward: toForwardModel(props.upstreamForward),
    stubDomains: (props.stubDomains ?? []).map((s) => ({ zone: s.zone, servers: s.servers, forward: toForwardModel(s.forward) })),
    suppressAaaa: props.suppressAaaa ?? false,
    log: props.log ?? false,
    extraServerBlocks: props.extraServerBlocks,
    memoryLimit: limit?.value !== undefined ? String(limit.value) : undefined,
    serviceCidrs: props.serviceCidrs ?? [],
    podCidrs: props.podCidrs ?? [],
    nodeCidrs: props.nodeCidrs ?? [],
    reservedHostPorts: props.reservedHostPorts ?? [],
    dualStack: props.dualStack ?? false,
    kubeletClusterDns: props.kubeletClusterDns,
    secondary: ha ? {
      healthPort: ha.healthPort ?? DEFAULT_HEALTH_PORT + 1,
      metricsPort: ha.metricsPort ?? DEFAULT_METRICS_PORT + 1,
      setupMetricsPort: ha.setupMetricsPort ?? DEFAULT_SETUP_METRICS_PORT + 1,
      skewSeconds: durationSeconds(ha.skew) ?? 5,
    } : undefined,
    egressPolicyNamespaces: props.egressPolicyNamespaces,
  };
}

/** Checks the props' types and ranges (the model rules then check what they mean together). */
export function validateNodeLocalDnsProps(props: NodeLocalDnsProps): Problem[] {
  const out: Problem[] = [];
  if (typeof props.kubeDnsIp !== 'string' || props.kubeDnsIp.length === 0) {
    out.push(problem('kubeDnsIp', 'is required (the ClusterIP of the kube-dns Service)', props.kubeDnsIp, 'read it with kubectl -n kube-system get svc kube-dns; on EKS it is 10.100.0.10 or 172.20.0.10'));
  }
  if (props.localIp !== undefined && typeof props.localIp !== 'string') {
    out.push(problem('localIp', 'must be an IP address string', props.localIp, 'e.g. "169.254.20.10"'));
  }
  const flags: Array<[string, unknown]> = [
    ['suppressAaaa', props.suppressAaaa], ['log', props.log], ['dualStack', props.dualStack],
    ['scrapeAnnotations', props.scrapeAnnotations], ['addonManagerLabels', props.addonManagerLabels],
  ];
  for (const [field, v] of flags) {
    if (v !== undefined && typeof v !== 'boolean') out.push(problem(field, 'must be true or false', v, `pass a boolean, or omit ${field} for its default`));
  }
  const lists: Array<[string, unknown]> = [
    ['upstreamServers', props.upstreamServers], ['stubDomains', props.stubDomains], ['serviceCidrs', props.serviceCidrs], ['podCidrs', props.podCidrs],
    ['nodeCidrs', props.nodeCidrs], ['reservedHostPorts', props.reservedHostPorts], ['kubeletClusterDns', props.kubeletClusterDns],
    ['egressPolicyNamespaces', props.egressPolicyNamespaces],
  ];
  for (const [field, v] of lists) {
    if (v !== undefined && !Array.isArray(v)) out.push(problem(field, 'must be a list', v, `pass an array, e.g. ${field}: []`));
  }
  if (out.length > 0) return out;
  const metadata = props.metadata;
  if (metadata?.name !== undefined && !(isDns1123Label(metadata.name) && isDns1123Label(instanceObjectName(metadata.name, true)))) {
    out.push(problem('metadata.name', `must be a DNS-1123 label of at most ${63 - SECONDARY_SUFFIX.length} characters (lowercase letters, digits, -; "${SECONDARY_SUFFIX}" is appended for the HA pair)`,
      metadata.name, `e.g. "${NODE_LOCAL_DNS_NAME}"`));
  }
  if (metadata?.namespace !== undefined && !isDns1123Label(metadata.namespace)) {
    out.push(problem('metadata.namespace', 'must be a DNS-1123 label (lowercase letters, digits, -)', metadata.namespace, `e.g. "${NODE_LOCAL_DNS_NAMESPACE}", where CoreDNS runs`));
  }
  out.push(...multiObjectMetadataProblems(metadata, 'NodeLocalDns', 'dns.apiObject'));
  if (props.clusterDomain !== undefined && !isDns1123Subdomain(props.clusterDomain)) {
    out.push(problem('clusterDomain', 'must be a DNS domain', props.clusterDomain, 'e.g. "cluster.local"'));
  }
  const ports: Array<[string, unknown]> = [
    ['healthPort', props.healthPort], ['metricsPort', props.metricsPort], ['setupMetricsPort', props.setupMetricsPort],
    ['highAvailability.healthPort', props.highAvailability?.healthPort], ['highAvailability.metricsPort', props.highAvailability?.metricsPort],
    ['highAvailability.setupMetricsPort', props.highAvailability?.setupMetricsPort],
  ];
  for (const [field, v] of ports) {
    out.push(...portNumberProblems(field, v, 'e.g. 8080', 'dns/host-ports'));
  }
  (props.reservedHostPorts ?? []).forEach((p, i) => {
    out.push(...portNumberProblems(`reservedHostPorts[${i}]`, p ?? null, 'e.g. 8080', 'dns/host-ports'));
  });
  out.push(...durationPropSeconds('syncInterval', props.syncInterval, { min: 1 }, 'Duration.seconds(60)').problems.map((p) => ({ ...p, rule: 'dns/sync-interval' })));
  out.push(...durationPropSeconds('highAvailability.skew', props.highAvailability?.skew, { min: 1 }, 'Duration.seconds(5)').problems);
  out.push(...optionDurationProblems(props));
  out.push(...maxUnavailableProblems(props.maxUnavailable));
  const limit = props.resources?.limits?.memory?.value;
  if (limit !== undefined && parseQuantity(limit) === undefined) {
    out.push(problem('resources.limits.memory', 'must be a Kubernetes quantity', limit, 'e.g. "300Mi"', 'dns/memory'));
  }
  for (const [option, on] of [['serviceMonitor', props.serviceMonitor], ['errorAlert', props.errorAlert]] as const) {
    const options = `${option}Options` as const;
    if (props[options] !== undefined && on !== true) {
      out.push(problem(options, `must only be set with ${option} on`, props[options], `set ${option}: true, or remove ${options}`));
    }
  }
  const alert = props.errorAlertOptions;
  if (alert?.objective !== undefined && !(typeof alert.objective === 'number' && alert.objective > 0 && alert.objective < 100)) {
    out.push(problem('errorAlertOptions.objective', 'must be a percentage > 0 and < 100', alert.objective, 'use e.g. 99.9 for "three nines" (a percentage, not a fraction)'));
  }
  if (alert?.selector !== undefined && !PROMQL_MATCHERS.test(alert.selector)) {
    out.push(problem('errorAlertOptions.selector', 'must be PromQL label matchers such as job="node-local-dns"', alert.selector,
      'write name="value" pairs (=, !=, =~ or !~) separated by commas, without braces'));
  }
  if (alert?.runbookUrl !== undefined && !/^https?:\/\/\S+$/.test(alert.runbookUrl)) {
    out.push(problem('errorAlertOptions.runbookUrl', 'must be an http(s) URL', alert.runbookUrl, 'e.g. "https://runbooks.example.com/dns"'));
  }
  out.push(...durationValueProblems('serviceMonitorOptions.interval', props.serviceMonitorOptions?.interval, { allowZero: false, example: 'Duration.seconds(30)' }));
  (props.egressPolicyNamespaces ?? []).forEach((ns, i) => {
    if (!isDns1123Label(ns)) out.push(problem(`egressPolicyNamespaces[${i}]`, 'must be a namespace name', ns, 'e.g. "payments"', 'dns/network-policy'));
  });
  const spec = (() => { try { return resolveNodeLocalDnsSpec(props); } catch { return undefined; } })();
  if (spec) {
    out.push(...validateCacheModel('clusterZoneCache', spec.clusterZoneCache));
    out.push(...validateCacheModel('cache', spec.cache));
    out.push(...validateForwardModel('clusterForward', spec.clusterForward, false));
    out.push(...validateForwardModel('upstreamForward', spec.upstreamForward, false));
    if (props.upstreamServers !== undefined) out.push(...validateForwardModel('upstreamServers', { to: props.upstreamServers }, true).map((p) => ({ ...p, field: p.field.replace('upstreamServers.to', 'upstreamServers') })));
    spec.stubDomains.forEach((s, i) => out.push(...validateForwardModel(`stubDomains[${i}].forward`, s.forward ?? {}, false)));
  }
  return out;
}

/** The Duration props of the cache and forward options: each a whole number of milliseconds (the one duration check). */
function optionDurationProblems(props: NodeLocalDnsProps): Problem[] {
  const cache = (field: string, o: DnsCacheOptions | undefined): Array<[string, unknown]> => (o === undefined ? [] : [
    [`${field}.ttl`, o.ttl], [`${field}.successTtl`, o.successTtl], [`${field}.successMinTtl`, o.successMinTtl],
    [`${field}.denialTtl`, o.denialTtl], [`${field}.denialMinTtl`, o.denialMinTtl], [`${field}.servfail`, o.servfail],
    [`${field}.prefetch.duration`, o.prefetch?.duration], [`${field}.serveStale.duration`, o.serveStale?.duration],
  ]);
  const forward = (field: string, o: DnsForwardOptions | undefined): Array<[string, unknown]> =>
    (o === undefined ? [] : [[`${field}.expire`, o.expire], [`${field}.healthCheck`, o.healthCheck]]);
  const fields = [
    ...cache('clusterZoneCache', props.clusterZoneCache), ...cache('cache', props.cache),
    ...forward('clusterForward', props.clusterForward), ...forward('upstreamForward', props.upstreamForward),
    ...(Array.isArray(props.stubDomains) ? props.stubDomains.flatMap((s, i) => forward(`stubDomains[${i}].forward`, s?.forward)) : []),
  ];
  return fields.flatMap(([field, value]) => durationValueProblems(field, value, { example: 'Duration.seconds(30)' }));
}
