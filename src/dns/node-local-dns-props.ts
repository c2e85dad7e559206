/**
 * Checks of NodeLocalDns props (types, ranges, option values) and their resolution into the model's
 * spec with the upstream defaults.
 */
import { UPSTREAM_SERVICE_NAME } from './conventions';
import { Problem, problem } from '../core/problem';
import { validateCacheModel, validateForwardModel } from './model/corefile-validate';
import {
  DEFAULT_CACHE, DEFAULT_CLUSTER_DOMAIN, DEFAULT_CLUSTER_ZONE_CACHE, DEFAULT_HEALTH_PORT, DEFAULT_IMAGE, DEFAULT_LOCAL_IP,
  DEFAULT_METRICS_PORT, DEFAULT_SETUP_METRICS_PORT, DnsMode, NodeLocalDnsSpec,
} from './model/node-local-dns-spec';
import { parseQuantity } from './model/rule-support';
import type { NodeLocalDnsProps } from './node-local-dns';
import { ForwardTransport } from './options';
import { toCacheModel, toForwardModel } from './options-convert';
import { ProxyMode } from './proxy-mode';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** PromQL label matchers without braces: `job=~"a|b", namespace="kube-system"`. */
const MATCHER = '\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=|!=|=~|!~)\\s*"(?:[^"\\\\]|\\\\.)*"\\s*';
const PROMQL_MATCHERS = new RegExp(`^${MATCHER}(,${MATCHER})*,?\\s*$`);

function isPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** Resolves props into the spec the model works on. */
export function resolveNodeLocalDnsSpec(props: NodeLocalDnsProps): NodeLocalDnsSpec {
  const ha = props.highAvailability;
  const limit = props.resources?.limits?.memory;
  return {
    namespace: props.namespace ?? 'kube-system',
    mode: (props.mode?.name ?? 'iptables') as DnsMode,
    localIp: props.localIp ?? DEFAULT_LOCAL_IP,
    kubeDnsIp: props.kubeDnsIp,
    clusterDomain: props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
    image: props.image ?? DEFAULT_IMAGE,
    upstreamServiceName: UPSTREAM_SERVICE_NAME,
    healthPort: props.healthPort ?? DEFAULT_HEALTH_PORT,
    metricsPort: props.metricsPort ?? DEFAULT_METRICS_PORT,
    setupMetricsPort: props.setupMetricsPort ?? DEFAULT_SETUP_METRICS_PORT,
    syncIntervalSeconds: props.syncInterval ? props.syncInterval.toSeconds() : undefined,
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
      skewSeconds: ha.skew ? ha.skew.toSeconds() : 5,
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
  if (props.mode !== undefined && !(props.mode instanceof ProxyMode)) {
    // e.g. the string "ipvs" from JavaScript would otherwise fall back to iptables without a word
    out.push(problem('mode', 'must be a ProxyMode', props.mode, 'use ProxyMode.IPTABLES, ProxyMode.IPVS, ProxyMode.NFTABLES, ProxyMode.CILIUM or ProxyMode.CILIUM_ADDRESS'));
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
  if (props.namespace !== undefined && !DNS_LABEL.test(props.namespace)) {
    out.push(problem('namespace', 'must be a DNS label (lowercase letters, digits, -)', props.namespace, 'e.g. "kube-system"'));
  }
  if (props.clusterDomain !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(props.clusterDomain)) {
    out.push(problem('clusterDomain', 'must be a DNS domain', props.clusterDomain, 'e.g. "cluster.local"'));
  }
  const ports: Array<[string, unknown]> = [
    ['healthPort', props.healthPort], ['metricsPort', props.metricsPort], ['setupMetricsPort', props.setupMetricsPort],
    ['highAvailability.healthPort', props.highAvailability?.healthPort], ['highAvailability.metricsPort', props.highAvailability?.metricsPort],
    ['highAvailability.setupMetricsPort', props.highAvailability?.setupMetricsPort],
  ];
  for (const [field, v] of ports) {
    if (v !== undefined && !isPort(v)) out.push(problem(field, 'must be a port number (1-65535)', v, 'e.g. 8080', 'dns/host-ports'));
  }
  (props.reservedHostPorts ?? []).forEach((p, i) => {
    if (!isPort(p)) out.push(problem(`reservedHostPorts[${i}]`, 'must be a port number (1-65535)', p, 'e.g. 8080', 'dns/host-ports'));
  });
  if (props.syncInterval !== undefined) {
    const ms = props.syncInterval.toMilliseconds();
    if (ms <= 0 || ms % 1000 !== 0) out.push(problem('syncInterval', 'must be a whole number of seconds > 0', `${ms}ms`, 'e.g. Duration.seconds(60)', 'dns/sync-interval'));
  }
  if (props.highAvailability?.skew !== undefined) {
    const ms = props.highAvailability.skew.toMilliseconds();
    if (ms <= 0 || ms % 1000 !== 0) out.push(problem('highAvailability.skew', 'must be a whole number of seconds > 0', `${ms}ms`, 'e.g. Duration.seconds(5)', 'dns/host-ports'));
  }
  if (props.maxUnavailable !== undefined && !/^([1-9][0-9]*|[1-9][0-9]?%|100%)$/.test(props.maxUnavailable)) {
    out.push(problem('maxUnavailable', 'must be a count > 0 or a percentage 1%-100%', props.maxUnavailable, 'e.g. "10%" or "1"'));
  }
  const limit = props.resources?.limits?.memory?.value;
  if (limit !== undefined && parseQuantity(limit) === undefined) {
    out.push(problem('resources.limits.memory', 'must be a Kubernetes quantity', limit, 'e.g. "300Mi"', 'dns/memory'));
  }
  const alert = props.errorAlert;
  if (alert?.objective !== undefined && !(typeof alert.objective === 'number' && alert.objective > 0 && alert.objective < 100)) {
    out.push(problem('errorAlert.objective', 'must be a percentage > 0 and < 100', alert.objective, 'use e.g. 99.9 for "three nines" (a percentage, not a fraction)'));
  }
  if (alert?.selector !== undefined && !PROMQL_MATCHERS.test(alert.selector)) {
    out.push(problem('errorAlert.selector', 'must be PromQL label matchers such as job="node-local-dns"', alert.selector,
      'write name="value" pairs (=, !=, =~ or !~) separated by commas, without braces'));
  }
  if (alert?.runbookUrl !== undefined && !/^https?:\/\/\S+$/.test(alert.runbookUrl)) {
    out.push(problem('errorAlert.runbookUrl', 'must be an http(s) URL', alert.runbookUrl, 'e.g. "https://runbooks.example.com/dns"'));
  }
  if (props.serviceMonitor?.interval !== undefined && props.serviceMonitor.interval.toMilliseconds() <= 0) {
    out.push(problem('serviceMonitor.interval', 'must be longer than 0', `${props.serviceMonitor.interval.toMilliseconds()}ms`, 'e.g. Duration.seconds(30)'));
  }
  (props.egressPolicyNamespaces ?? []).forEach((ns, i) => {
    if (!DNS_LABEL.test(ns)) out.push(problem(`egressPolicyNamespaces[${i}]`, 'must be a namespace name', ns, 'e.g. "payments"', 'dns/network-policy'));
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
