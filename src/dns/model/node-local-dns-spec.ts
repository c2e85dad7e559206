/**
 * The resolved configuration of a NodeLocal DNSCache installation (pure), and what follows from it:
 * the Corefile model per process, the node-cache arguments, the kubelet `clusterDNS`.
 *
 * @see https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/
 */
import { COREFILE_PATH, UPSTREAM_SERVICE_NAME } from '../conventions';
import { CacheModel, CorefileModel, ForwardModel, ServerBlockModel } from './corefile';
import { formatHostPort } from './ip';

/** kube-proxy / dataplane mode. */
export type DnsMode = 'iptables' | 'ipvs' | 'nftables' | 'cilium' | 'cilium-address';

/** Placeholders the node-cache binary fills at runtime. */
export const PILLAR_CLUSTER_DNS = '__PILLAR__CLUSTER__DNS__';
export const PILLAR_UPSTREAM_SERVERS = '__PILLAR__UPSTREAM__SERVERS__';
export const PILLAR_DNS_SERVER = '__PILLAR__DNS__SERVER__';
export const PILLAR_LOCAL_DNS = '__PILLAR__LOCAL__DNS__';
export const PILLAR_DNS_DOMAIN = '__PILLAR__DNS__DOMAIN__';

/** Forward options other than the targets. */
export type ForwardOptionsModel = Omit<ForwardModel, 'from' | 'to'>;

/** A stub domain: a zone forwarded to its own servers. */
export interface StubDomainModel {
  readonly zone: string;
  readonly servers: string[];
  readonly forward?: ForwardOptionsModel;
}

/** The high-availability secondary's own ports and rollout skew. */
export interface SecondaryModel {
  readonly healthPort: number;
  readonly metricsPort: number;
  readonly setupMetricsPort: number;
  /** Seconds the secondary waits in preStop before exiting. */
  readonly skewSeconds: number;
}

/** Everything the manifests are built from, defaults resolved. */
export interface NodeLocalDnsSpec {
  /** The base name of the objects (`metadata.name`, default `node-local-dns`). */
  readonly name: string;
  readonly namespace: string;
  readonly mode: DnsMode;
  readonly localIp: string;
  readonly kubeDnsIp: string;
  readonly clusterDomain: string;
  readonly image: string;
  readonly upstreamServiceName: string;
  readonly healthPort: number;
  readonly metricsPort: number;
  readonly setupMetricsPort: number;
  /** Seconds; rendered `-syncinterval <N>ns` only when set. */
  readonly syncIntervalSeconds?: number;
  readonly clusterZoneCache: CacheModel;
  readonly cache: CacheModel;
  readonly clusterForward: ForwardOptionsModel;
  /** `.` targets; absent = runtime (`/etc/resolv.conf` or kube-dns ConfigMap upstreamNameservers). */
  readonly upstreamServers?: string[];
  readonly upstreamForward: ForwardOptionsModel;
  readonly stubDomains: StubDomainModel[];
  readonly suppressAaaa: boolean;
  readonly log: boolean;
  readonly extraServerBlocks?: string;
  /** Limits as given (e.g. `{ memory: '200Mi' }`). */
  readonly memoryLimit?: string;
  readonly serviceCidrs: string[];
  readonly podCidrs: string[];
  readonly nodeCidrs: string[];
  readonly reservedHostPorts: number[];
  readonly dualStack: boolean;
  /** The kubelet `clusterDNS` the user declares, if any. */
  readonly kubeletClusterDns?: string[];
  readonly secondary?: SecondaryModel;
  /** Namespaces that get a DNS egress NetworkPolicy (default-deny egress in use). */
  readonly egressPolicyNamespaces?: string[];
}

/** Which process of an HA pair. */
export type DnsInstance = 'primary' | 'secondary';

/** Default image: the newest node-cache release (kubernetes-sigs/node-local-dns 1.26.8). */
export const DEFAULT_IMAGE = 'registry.k8s.io/dns/k8s-dns-node-cache:1.26.8';
export const DEFAULT_LOCAL_IP = '169.254.20.10';
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
export const DEFAULT_HEALTH_PORT = 8080;
export const DEFAULT_METRICS_PORT = 9253;
export const DEFAULT_SETUP_METRICS_PORT = 9353;
/** CoreDNS's default cache capacity per success/denial cache. */
export const DEFAULT_CACHE_CAPACITY = 9984;
export const DEFAULT_CLUSTER_ZONE_CACHE: CacheModel = {
  success: { capacity: DEFAULT_CACHE_CAPACITY, ttl: 30 },
  denial: { capacity: DEFAULT_CACHE_CAPACITY, ttl: 5 },
};
export const DEFAULT_CACHE: CacheModel = { ttl: 30 };
export const DEFAULT_UPSTREAM_SERVICE = UPSTREAM_SERVICE_NAME;

/** Whether a mode runs in the host network namespace and sets up the interface and iptables rules. */
export function usesHostNetwork(mode: DnsMode): boolean {
  return mode !== 'cilium' && mode !== 'cilium-address';
}

/** Whether a mode is one of the Cilium Local Redirect Policy modes. */
export function isCilium(mode: DnsMode): boolean {
  return !usesHostNetwork(mode);
}

/** Whether the cache also binds the kube-dns IP (iptables-style kube-proxy). */
export function bindsKubeDnsIp(mode: DnsMode): boolean {
  return mode === 'iptables' || mode === 'nftables';
}

/** The `-localip` list. IPVS: the local IP only (kube-ipvs0 owns the kube-dns IP). */
export function localIpsFor(spec: NodeLocalDnsSpec): string[] {
  return spec.mode === 'ipvs' ? [spec.localIp] : [spec.localIp, spec.kubeDnsIp];
}

/** The kubelet `clusterDNS` the mode needs (IPVS and the address-matching LRP need the local IP). */
export function kubeletClusterDnsFor(spec: Pick<NodeLocalDnsSpec, 'mode' | 'localIp' | 'kubeDnsIp'>): string[] {
  return spec.mode === 'ipvs' || spec.mode === 'cilium-address' ? [spec.localIp] : [spec.kubeDnsIp];
}

/** Whether the kubelet must be reconfigured for the mode. */
export function kubeletMustUseLocalIp(mode: DnsMode): boolean {
  return mode === 'ipvs' || mode === 'cilium-address';
}

function portsOf(spec: NodeLocalDnsSpec, instance: DnsInstance) {
  if (instance === 'secondary' && spec.secondary) {
    return { health: spec.secondary.healthPort, metrics: spec.secondary.metricsPort, setupMetrics: spec.secondary.setupMetricsPort };
  }
  return { health: spec.healthPort, metrics: spec.metricsPort, setupMetrics: spec.setupMetricsPort };
}

/** The ports one process uses. */
export function instancePorts(spec: NodeLocalDnsSpec, instance: DnsInstance): { health: number; metrics: number; setupMetrics: number } {
  return portsOf(spec, instance);
}

/** The Corefile model of one process. */
export function corefileFor(spec: NodeLocalDnsSpec, instance: DnsInstance = 'primary'): CorefileModel {
  const ports = portsOf(spec, instance);
  const cilium = isCilium(spec.mode);
  const bind = cilium ? ['0.0.0.0'] : bindsKubeDnsIp(spec.mode) ? [spec.localIp, spec.kubeDnsIp] : [spec.localIp];
  const clusterTarget = spec.mode === 'ipvs' ? spec.kubeDnsIp : PILLAR_CLUSTER_DNS;
  const clusterForward: ForwardModel = { from: '.', to: [clusterTarget], ...spec.clusterForward };
  const prometheus = `:${ports.metrics}`;
  const common = { port: 53, errors: true, reload: true, loop: true, bind, prometheus, suppressAaaa: spec.suppressAaaa };
  const health = cilium
    ? (ports.health === DEFAULT_HEALTH_PORT ? { host: '' } : { host: '', port: ports.health })
    : { host: spec.localIp, port: ports.health };
  const blocks: ServerBlockModel[] = [
    { ...common, zone: spec.clusterDomain, log: spec.log, cache: spec.clusterZoneCache, forward: clusterForward, health },
    { ...common, zone: 'in-addr.arpa', cache: spec.cache, forward: clusterForward },
    { ...common, zone: 'ip6.arpa', cache: spec.cache, forward: clusterForward },
    {
      ...common,
      zone: '.',
      log: spec.log,
      cache: spec.cache,
      forward: { from: '.', to: spec.upstreamServers && spec.upstreamServers.length > 0 ? spec.upstreamServers : [PILLAR_UPSTREAM_SERVERS], ...spec.upstreamForward },
    },
  ];
  for (const stub of spec.stubDomains) {
    blocks.push({ ...common, zone: stub.zone, log: spec.log, cache: spec.cache, forward: { from: '.', to: stub.servers, ...stub.forward } });
  }
  return { serverBlocks: blocks, extraServerBlocks: spec.extraServerBlocks };
}

/** The node-cache arguments of one process. */
export function nodeCacheArgs(spec: NodeLocalDnsSpec, instance: DnsInstance = 'primary'): string[] {
  const ports = portsOf(spec, instance);
  const args = ['-localip', localIpsFor(spec).join(','), '-conf', COREFILE_PATH, '-upstreamsvc', spec.upstreamServiceName];
  if (ports.health !== DEFAULT_HEALTH_PORT) args.push('-health-port', String(ports.health));
  if (ports.setupMetrics !== DEFAULT_SETUP_METRICS_PORT) args.push('-metrics-listen-address', formatHostPort('0.0.0.0', ports.setupMetrics));
  if (spec.syncIntervalSeconds !== undefined) args.push('-syncinterval', `${spec.syncIntervalSeconds}ns`);
  if (isCilium(spec.mode)) {
    args.push('-skipteardown=true', '-setupinterface=false', '-setupiptables=false');
  } else if (spec.secondary) {
    // HA pair: neither process removes the interface and rules the other one still serves on
    args.push('-skipteardown=true');
  }
  return args;
}

/** The liveness probe's host: the local IP in host-network modes, none (pod IP) with Cilium. */
export function probeHostFor(spec: NodeLocalDnsSpec): string | undefined {
  return isCilium(spec.mode) ? undefined : spec.localIp;
}
