import { Testing } from 'cdk8s';
import { describeProblem } from '../../../src/core/problem';
import { NodeLocalDns, NodeLocalDnsProps, ProxyMode } from '../../../src/dns';
import { DnsCheckContext } from '../../../src/dns/model/rule-support';
import { dnsRules } from '../../../src/dns/model/rules';

/** The spec and emitted objects of a NodeLocalDns, as the rules see them. */
export function baseline(props: Partial<NodeLocalDnsProps> = {}): DnsCheckContext {
  const chart = Testing.chart();
  const dns = new NodeLocalDns(chart, 'dns', { kubeDnsIp: '10.100.0.10', ...props });
  return { spec: dns._spec, objects: chart.toJson() };
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const ds = (ctx: DnsCheckContext, name = 'node-local-dns') => ctx.objects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === name);
const container = (ctx: DnsCheckContext) => ds(ctx).spec.template.spec.containers[0];
const setArg = (ctx: DnsCheckContext, flag: string, value: string) => {
  const args: string[] = container(ctx).args;
  const i = args.indexOf(flag);
  if (i >= 0) args[i + 1] = value; else args.push(flag, value);
};
const cm = (ctx: DnsCheckContext) => ctx.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'node-local-dns');
const editCorefile = (ctx: DnsCheckContext, f: (s: string) => string) => { cm(ctx).data.Corefile = f(cm(ctx).data.Corefile); };

/** A failing input for one rule: the props, a mutation of the spec or objects, and the problem expected. */
export interface Case {
  readonly name: string;
  readonly rule: string;
  readonly props?: Partial<NodeLocalDnsProps>;
  readonly mutate: (ctx: { spec: any; objects: any[] }) => void;
  readonly field: string;
  readonly message: string;
  readonly warning?: boolean;
}

export const CASES: Case[] = [
  { name: 'localIp is not an IP', rule: 'dns/local-ip', mutate: (c) => { c.spec.localIp = '169.254.20'; }, field: 'localIp', message: 'localIp must be an IPv4 or IPv6 address, got "169.254.20"' },
  { name: 'localIp is inside the service CIDR', rule: 'dns/local-ip', mutate: (c) => { c.spec.localIp = '10.100.3.3'; c.spec.serviceCidrs = ['10.100.0.0/16']; }, field: 'localIp', message: 'localIp must not be inside serviceCidrs[0] (10.100.0.0/16), got "10.100.3.3"' },
  { name: 'localIp equals kubeDnsIp', rule: 'dns/local-ip', mutate: (c) => { c.spec.localIp = '10.100.0.10'; }, field: 'localIp', message: 'localIp must differ from kubeDnsIp' },
  { name: 'localIp outside the recommended ranges (warning)', rule: 'dns/local-ip', warning: true, mutate: (c) => { c.spec.localIp = '192.0.2.10'; }, field: 'localIp', message: 'localIp should be in 169.254.0.0/16 or fd00::/8' },
  { name: '-localip has a trailing comma', rule: 'dns/local-ip-list', mutate: (c) => setArg(c, '-localip', '169.254.20.10,'), field: 'DaemonSet/node-local-dns.spec.template.spec.containers[0].args', message: '-localip must not contain empty entries, got "169.254.20.10,"' },
  { name: '-localip mixes families', rule: 'dns/local-ip-list', mutate: (c) => setArg(c, '-localip', '169.254.20.10,fd00::10'), field: 'containers[0].args', message: '-localip entries must share one IP family' },
  { name: 'IPVS -localip lists the kube-dns IP', rule: 'dns/ipvs-single-ip', props: { mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] }, mutate: (c) => setArg(c, '-localip', '169.254.20.10,10.100.0.10'), field: 'containers[0].args', message: '-localip must be exactly the local IP in ipvs mode (169.254.20.10)' },
  { name: 'IPVS kubelet clusterDNS is the kube-dns IP', rule: 'dns/ipvs-single-ip', props: { mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] }, mutate: (c) => { c.spec.kubeletClusterDns = ['10.100.0.10']; }, field: 'kubeletClusterDns', message: 'kubeletClusterDns must be ["169.254.20.10"] in ipvs mode, got ["10.100.0.10"]' },
  { name: 'iptables kubelet clusterDNS bypasses the cache', rule: 'dns/ipvs-single-ip', props: { kubeletClusterDns: ['10.100.0.10'] }, mutate: (c) => { c.spec.kubeletClusterDns = ['10.0.0.2']; }, field: 'kubeletClusterDns', message: 'kubeletClusterDns must list only "169.254.20.10" or "10.100.0.10" in iptables mode, got ["10.0.0.2"] — point the kubelet at the kube-dns IP or the local IP' },
  { name: 'Cilium (Service matcher) kubelet clusterDNS is the local IP', rule: 'dns/ipvs-single-ip', props: { mode: ProxyMode.CILIUM, kubeletClusterDns: ['10.100.0.10'] }, mutate: (c) => { c.spec.kubeletClusterDns = ['169.254.20.10']; }, field: 'kubeletClusterDns', message: 'kubeletClusterDns must list only "10.100.0.10" in cilium mode, got ["169.254.20.10"] — keep the kubelet at the kube-dns IP' },
  { name: 'iptables bind lacks the kube-dns IP', rule: 'dns/iptables-bind', mutate: (c) => editCorefile(c, (s) => s.replace('bind 169.254.20.10 10.100.0.10', 'bind 169.254.20.10')), field: 'ConfigMap/node-local-dns.data.Corefile (line 9)', message: 'bind of cluster.local:53 must list 169.254.20.10 and 10.100.0.10' },
  { name: 'iptables -localip lacks the kube-dns IP', rule: 'dns/iptables-bind', mutate: (c) => setArg(c, '-localip', '169.254.20.10'), field: 'containers[0].args', message: '-localip must be "169.254.20.10,10.100.0.10" in iptables mode' },
  { name: 'Cilium pod uses hostNetwork', rule: 'dns/cilium', props: { mode: ProxyMode.CILIUM }, mutate: (c) => { ds(c).spec.template.spec.hostNetwork = true; }, field: 'spec.template.spec.hostNetwork', message: 'hostNetwork must be false in Cilium mode' },
  { name: 'Cilium LRP selects other pods', rule: 'dns/cilium', props: { mode: ProxyMode.CILIUM }, mutate: (c) => { c.objects.find((o) => o.kind === 'CiliumLocalRedirectPolicy').spec.redirectBackend.localEndpointSelector.matchLabels = { 'k8s-app': 'kube-dns' }; }, field: 'localEndpointSelector.matchLabels', message: 'must match the pod labels of DaemonSet/node-local-dns' },
  { name: 'Cilium without -setupiptables=false', rule: 'dns/cilium', props: { mode: ProxyMode.CILIUM }, mutate: (c) => { container(c).args = container(c).args.filter((a: string) => a !== '-setupiptables=false'); }, field: 'containers[0].args', message: 'must contain -setupiptables=false in Cilium mode' },
  { name: 'a __PILLAR__LOCAL__DNS__ placeholder is left', rule: 'dns/placeholders', mutate: (c) => editCorefile(c, (s) => s.replace('health 169.254.20.10:8080', 'health __PILLAR__LOCAL__DNS__:8080')), field: 'ConfigMap/node-local-dns.data.Corefile', message: 'must not contain the placeholders __PILLAR__LOCAL__DNS__' },
  { name: 'an unknown placeholder is left in the args', rule: 'dns/placeholders', mutate: (c) => setArg(c, '-upstreamsvc', '__PILLAR__FOO__'), field: 'DaemonSet/node-local-dns', message: 'must not contain the placeholders __PILLAR__FOO__' },
  { name: 'an IPv6 health address is not bracketed', rule: 'dns/ipv6-brackets', mutate: (c) => editCorefile(c, (s) => s.replace('health 169.254.20.10:8080', 'health fd00::10:8080')), field: 'data.Corefile (line 14)', message: 'health address must bracket an IPv6 host, e.g. [fd00::10]:8080, got "fd00::10:8080"' },
  { name: 'health appears twice', rule: 'dns/health', mutate: (c) => editCorefile(c, (s) => s.replace('    prometheus :9253\n    }\nip6', '    prometheus :9253\n    health :8081\n    }\nip6')), field: 'ConfigMap/node-local-dns.data.Corefile', message: 'must contain exactly one health directive (it is process-wide), got 2' },
  { name: 'the probe port differs from health', rule: 'dns/health', mutate: (c) => { container(c).livenessProbe.httpGet.port = 8099; }, field: 'livenessProbe.httpGet.port', message: 'must equal the Corefile health port 8080, got 8099' },
  { name: '-health-port differs from health', rule: 'dns/health', mutate: (c) => setArg(c, '-health-port', '8099'), field: 'containers[0].args', message: '-health-port must equal the Corefile health port 8080' },
  { name: 'health collides with a reserved host port', rule: 'dns/host-ports', mutate: (c) => { c.spec.reservedHostPorts = [8080]; }, field: 'DaemonSet/node-local-dns health port', message: 'must not be one of reservedHostPorts, got 8080' },
  { name: 'metrics containerPort differs from prometheus', rule: 'dns/host-ports', mutate: (c) => { container(c).ports[2].containerPort = 9999; }, field: 'ports[metrics].containerPort', message: 'must equal the Corefile prometheus port 9253, got 9999' },
  { name: 'HA pair shares the health port', rule: 'dns/host-ports', props: { highAvailability: {} }, mutate: (c) => { const sc = c.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'node-local-dns-secondary'); sc.data.Corefile = sc.data.Corefile.replace(':8081', ':8080'); const a = ds(c, 'node-local-dns-secondary').spec.template.spec.containers[0].args; a[a.indexOf('-health-port') + 1] = '8080'; }, field: 'DaemonSet/node-local-dns-secondary health port', message: 'must differ from node-local-dns health port' },
  { name: 'HA secondary declares host port 53 too (unschedulable next to the primary)', rule: 'dns/host-ports', props: { highAvailability: {} }, mutate: (c) => { ds(c, 'node-local-dns-secondary').spec.template.spec.containers[0].ports.unshift({ containerPort: 53, name: 'dns', protocol: 'UDP' }); }, field: 'DaemonSet/node-local-dns-secondary.spec.template.spec.containers[0].ports[0]', message: 'must not declare host port 53/UDP, which DaemonSet/node-local-dns declares too (the scheduler would never place both pods on one node)' },
  { name: 'the upstream Service selects node-local-dns', rule: 'dns/upstream-service', mutate: (c) => { c.objects.find((o) => o.metadata.name === 'kube-dns-upstream').spec.selector = { 'k8s-app': 'node-local-dns' }; }, field: 'Service/kube-dns-upstream.spec.selector', message: 'must select CoreDNS ({"k8s-app":"kube-dns"})' },
  { name: 'the upstream Service comes after the DaemonSet', rule: 'dns/upstream-service', mutate: (c) => { const i = c.objects.findIndex((o) => o.metadata.name === 'kube-dns-upstream'); const [svc] = c.objects.splice(i, 1); c.objects.push(svc); }, field: 'Service/kube-dns-upstream', message: 'must be emitted before DaemonSet/node-local-dns' },
  { name: 'enableServiceLinks is false', rule: 'dns/upstream-service', mutate: (c) => { ds(c).spec.template.spec.enableServiceLinks = false; }, field: 'spec.template.spec.enableServiceLinks', message: 'must not be false' },
  { name: 'the Corefile is mounted under another name', rule: 'dns/corefile-mount', mutate: (c) => { ds(c).spec.template.spec.volumes.find((v: any) => v.name === 'config-volume').configMap.items[0].path = 'Corefile'; }, field: 'spec.template.spec.volumes', message: 'must mount ConfigMap key Corefile as Corefile.base' },
  { name: '-conf equals the base Corefile', rule: 'dns/corefile-mount', mutate: (c) => setArg(c, '-conf', '/etc/coredns/Corefile.base'), field: 'containers[0].args', message: '-conf must differ from -basecorefile' },
  { name: 'force_tcp and prefer_udp together', rule: 'dns/forward-options', mutate: (c) => editCorefile(c, (s) => s.replace('force_tcp\n', 'force_tcp\n            prefer_udp\n')), field: 'data.Corefile (line 10)', message: 'must not set both force_tcp and prefer_udp' },
  { name: 'max_concurrent 0', rule: 'dns/forward-options', mutate: (c) => editCorefile(c, (s) => s.replace('force_tcp\n', 'force_tcp\n            max_concurrent 0\n')), field: 'data.Corefile (line 10)', message: 'max_concurrent must be an integer > 0, got "0"' },
  { name: '16 forward targets', rule: 'dns/forward-options', mutate: (c) => editCorefile(c, (s) => s.replace('forward . __PILLAR__UPSTREAM__SERVERS__', `forward . ${Array.from({ length: 16 }, (_, i) => `10.0.0.${i + 1}`).join(' ')}`)), field: 'data.Corefile', message: 'must have between 1 and 15 targets, got 16' },
  { name: 'forwarding to loopback', rule: 'dns/forward-loop', mutate: (c) => editCorefile(c, (s) => s.replace('forward . __PILLAR__UPSTREAM__SERVERS__', 'forward . 127.0.0.53')), field: 'data.Corefile', message: 'forward targets must not be loopback addresses, got "127.0.0.53"' },
  { name: 'forwarding to the kube-dns IP in iptables mode', rule: 'dns/forward-loop', mutate: (c) => editCorefile(c, (s) => s.replace('forward . __PILLAR__UPSTREAM__SERVERS__', 'forward . 10.100.0.10')), field: 'data.Corefile', message: 'forward targets must not be the kube-dns IP in iptables mode (the cache intercepts it)' },
  { name: 'resolv.conf upstream with loop (warning)', rule: 'dns/forward-loop', warning: true, mutate: () => {}, field: 'data.Corefile (line 44)', message: 'must not point at 127.0.0.53 (systemd-resolved) while loop is on' },
  { name: 'two caches in one block', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('    cache 30\n', '    cache 30\n    cache 60\n')), field: 'data.Corefile', message: 'must have at most one cache in in-addr.arpa:53, got 2' },
  { name: 'a zero TTL', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('success 9984 30', 'success 9984 0')), field: 'data.Corefile (line 3)', message: 'success TTL must be an integer > 0, got "0"' },
  { name: 'servfail above 5m', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('denial 9984 5\n', 'denial 9984 5\n            servfail 10m\n')), field: 'data.Corefile (line 3)', message: 'servfail must be a duration between 0 and 5m, got "10m"' },
  { name: 'prefetch percentage without %', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('denial 9984 5\n', 'denial 9984 5\n            prefetch 3 30s 95%\n')), field: 'data.Corefile (line 3)', message: 'prefetch percentage must be 10%–90% written with %, got "95%"' },
  { name: 'prefetch percentage without a duration before it (CoreDNS reads it as the duration)', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('denial 9984 5\n', 'denial 9984 5\n            prefetch 3 20%\n')), field: 'data.Corefile (line 3)', message: 'prefetch duration (the second argument) must be a duration, got "20%"' },
  { name: 'serve_stale refresh mode without a duration before it (CoreDNS reads it as the duration)', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('denial 9984 5\n', 'denial 9984 5\n            serve_stale verify\n')), field: 'data.Corefile (line 3)', message: 'serve_stale duration (the first argument) must be a duration >= 0, got "verify"' },
  { name: 'a memory limit below the caches (warning)', rule: 'dns/memory', warning: true, mutate: (c) => { container(c).resources.limits = { memory: '128Mi' }; }, field: 'resources.limits.memory', message: 'should be at least 264Mi for the configured caches' },
  { name: 'a stub zone duplicates the cluster domain', rule: 'dns/stub-domains', mutate: (c) => { c.spec.stubDomains = [{ zone: 'cluster.local.', servers: ['10.0.0.2'] }]; }, field: 'stubDomains[0].zone', message: 'must not duplicate a built-in zone or another stub domain, got "cluster.local."' },
  { name: 'a stub server is a host name', rule: 'dns/stub-domains', mutate: (c) => { c.spec.stubDomains = [{ zone: 'corp.example', servers: ['corp-dns:53'] }]; }, field: 'stubDomains[0].servers[0]', message: 'must be ip[:port] (IPv6 with a port bracketed), got "corp-dns:53"' },
  { name: 'an invalid stub zone', rule: 'dns/stub-domains', mutate: (c) => { c.spec.stubDomains = [{ zone: 'bad zone', servers: ['10.0.0.2'] }]; }, field: 'stubDomains[0].zone', message: 'must be a valid DNS zone' },
  { name: 'setup without NET_ADMIN', rule: 'dns/setup-privileges', mutate: (c) => { container(c).securityContext = {}; }, field: 'securityContext.capabilities.add', message: 'must include NET_ADMIN while -setupinterface or -setupiptables is on' },
  { name: 'setup without hostNetwork', rule: 'dns/setup-privileges', mutate: (c) => { delete ds(c).spec.template.spec.hostNetwork; }, field: 'spec.template.spec.hostNetwork', message: 'must be true while -setupinterface or -setupiptables is on' },
  { name: 'setup without the xtables lock', rule: 'dns/setup-privileges', mutate: (c) => { container(c).volumeMounts.shift(); }, field: 'volumeMounts', message: "must mount the host's /run/xtables.lock read-write" },
  { name: 'dnsPolicy ClusterFirst', rule: 'dns/scheduling', mutate: (c) => { ds(c).spec.template.spec.dnsPolicy = 'ClusterFirst'; }, field: 'spec.template.spec.dnsPolicy', message: 'must be "Default", got "ClusterFirst"' },
  { name: 'no priority class', rule: 'dns/scheduling', mutate: (c) => { delete ds(c).spec.template.spec.priorityClassName; }, field: 'spec.template.spec.priorityClassName', message: 'must be "system-node-critical"' },
  { name: '-syncinterval in seconds', rule: 'dns/sync-interval', mutate: (c) => setArg(c, '-syncinterval', '60s'), field: 'containers[0].args', message: '-syncinterval must be written as <seconds>ns (node-cache multiplies it by 1s), got "60s"' },
  { name: 'image :latest', rule: 'dns/image-pinned', mutate: (c) => { c.spec.image = 'registry.k8s.io/dns/k8s-dns-node-cache:latest'; }, field: 'image', message: 'must be pinned to a version tag or a digest (not latest, not untagged)' },
  { name: 'an untagged image in the DaemonSet', rule: 'dns/image-pinned', mutate: (c) => { container(c).image = 'registry.k8s.io/dns/k8s-dns-node-cache'; }, field: 'containers[0].image', message: 'must be pinned to a version tag or a digest' },
  { name: 'a NetworkPolicy selects the host-network pods', rule: 'dns/network-policy', mutate: (c) => { c.objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'dns', namespace: 'app' }, spec: { podSelector: {}, egress: [{ to: [{ podSelector: { matchLabels: { 'k8s-app': 'node-local-dns' } } }] }] } }); }, field: 'NetworkPolicy/dns.spec.egress[0].to[0].podSelector', message: 'cannot select node-local-dns pods, which run with hostNetwork' },
  { name: 'a default-deny namespace lacks the DNS egress policy', rule: 'dns/network-policy', props: { egressPolicyNamespaces: ['app'] }, mutate: (c) => { c.objects = c.objects.filter((o) => o.kind !== 'NetworkPolicy'); }, field: 'egressPolicyNamespaces["app"]', message: 'must have a NetworkPolicy allowing DNS egress to ipBlock 169.254.20.10' },
  { name: 'nftables mode (warning)', rule: 'dns/unverified-mode', warning: true, props: { mode: ProxyMode.NFTABLES }, mutate: () => {}, field: 'mode', message: 'mode is not documented upstream for nftables kube-proxy' },
  { name: 'dual-stack (warning)', rule: 'dns/unverified-mode', warning: true, props: { dualStack: true }, mutate: () => {}, field: 'dualStack', message: 'gets DNS caching for one IP family only (one family per node-cache process), got true — cache the primary family only' },
  // further branches of each rule
  { name: 'localIp and kubeDnsIp are of different families', rule: 'dns/local-ip', mutate: (c) => { c.spec.localIp = 'fd00::10'; }, field: 'localIp', message: 'localIp must be of the kube-dns IP\'s family (IPv4)' },
  { name: 'localIp and kubeDnsIp are of different families in IPVS mode too', rule: 'dns/local-ip', props: { mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] }, mutate: (c) => { c.spec.localIp = 'fd00::10'; }, field: 'localIp', message: 'localIp must be of the kube-dns IP\'s family (IPv4)' },
  { name: 'an IPv4 localIp with an IPv6 kubeDnsIp', rule: 'dns/local-ip', mutate: (c) => { c.spec.kubeDnsIp = 'fd00:10:96::a'; }, field: 'localIp', message: 'localIp must be of the kube-dns IP\'s family (IPv6)' },
  { name: 'kubeDnsIp is not an IP', rule: 'dns/local-ip', mutate: (c) => { c.spec.kubeDnsIp = 'kube-dns'; }, field: 'kubeDnsIp', message: 'kubeDnsIp must be an IPv4 or IPv6 address, got "kube-dns"' },
  { name: 'a node CIDR is malformed', rule: 'dns/local-ip', mutate: (c) => { c.spec.nodeCidrs = ['10.0.0.0']; }, field: 'nodeCidrs[0]', message: 'must be a CIDR block (address/prefix), got "10.0.0.0"' },
  { name: '-localip is missing', rule: 'dns/local-ip-list', mutate: (c) => { container(c).args = ['-conf', '/etc/Corefile']; }, field: 'containers[0].args', message: 'must contain "-localip"' },
  { name: '-localip lists a host name', rule: 'dns/local-ip-list', mutate: (c) => setArg(c, '-localip', '169.254.20.10,kube-dns'), field: 'containers[0].args', message: '-localip entries must be IP addresses, got "kube-dns"' },
  { name: 'IPVS bind lists the kube-dns IP', rule: 'dns/ipvs-single-ip', props: { mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] }, mutate: (c) => editCorefile(c, (s) => s.replace('bind 169.254.20.10\n', 'bind 169.254.20.10 10.100.0.10\n')), field: 'data.Corefile (line 9)', message: 'bind must not list the kube-dns IP in ipvs mode' },
  { name: 'IPVS kubelet clusterDNS is not declared (warning)', rule: 'dns/ipvs-single-ip', warning: true, props: { mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] }, mutate: (c) => { c.spec.kubeletClusterDns = undefined; }, field: 'kubeletClusterDns', message: 'must be declared as ["169.254.20.10"] in ipvs mode' },
  { name: 'Cilium binds the local IP', rule: 'dns/cilium', props: { mode: ProxyMode.CILIUM }, mutate: (c) => editCorefile(c, (s) => s.replace('bind 0.0.0.0', 'bind 169.254.20.10')), field: 'data.Corefile (line 9)', message: 'bind of cluster.local:53 must be 0.0.0.0 in Cilium mode, got "169.254.20.10"' },
  { name: 'Cilium without the LRP', rule: 'dns/cilium', props: { mode: ProxyMode.CILIUM }, mutate: (c) => { c.objects = c.objects.filter((o) => o.kind !== 'CiliumLocalRedirectPolicy'); }, field: 'CiliumLocalRedirectPolicy/nodelocaldns', message: 'must be emitted in Cilium mode' },
  { name: 'Cilium LRP redirects another Service', rule: 'dns/cilium', props: { mode: ProxyMode.CILIUM }, mutate: (c) => { c.objects.find((o) => o.kind === 'CiliumLocalRedirectPolicy').spec.redirectFrontend.serviceMatcher.serviceName = 'coredns'; }, field: 'serviceMatcher.serviceName', message: 'must be "kube-dns", got "coredns"' },
  { name: 'Cilium address LRP matches another IP', rule: 'dns/cilium', props: { mode: ProxyMode.CILIUM_ADDRESS, kubeletClusterDns: ['169.254.20.10'] }, mutate: (c) => { c.objects.find((o) => o.kind === 'CiliumLocalRedirectPolicy').spec.redirectFrontend.addressMatcher.ip = '169.254.20.11'; }, field: 'addressMatcher.ip', message: 'must be the local IP 169.254.20.10, got "169.254.20.11"' },
  { name: 'an LRP in iptables mode', rule: 'dns/cilium', mutate: (c) => { c.objects.push({ apiVersion: 'cilium.io/v2', kind: 'CiliumLocalRedirectPolicy', metadata: { name: 'nodelocaldns', namespace: 'kube-system' }, spec: {} }); }, field: 'CiliumLocalRedirectPolicy/nodelocaldns', message: 'must not be emitted in iptables mode' },
  { name: 'the scrape annotation names another port', rule: 'dns/host-ports', mutate: (c) => { ds(c).spec.template.metadata.annotations['prometheus.io/port'] = '9999'; }, field: 'annotations["prometheus.io/port"]', message: 'must equal the Corefile prometheus port 9253, got "9999"' },
  { name: 'the metrics Service targets another port', rule: 'dns/host-ports', mutate: (c) => { c.objects.find((o) => o.kind === 'Service' && o.metadata.name === 'node-local-dns').spec.ports[0].targetPort = 9999; }, field: 'Service/node-local-dns.spec.ports[metrics].targetPort', message: 'must equal the Corefile prometheus port 9253 of node-local-dns, got 9999' },
  { name: 'forwarding to the local IP', rule: 'dns/forward-loop', mutate: (c) => editCorefile(c, (s) => s.replace('forward . __PILLAR__UPSTREAM__SERVERS__', 'forward . 169.254.20.10:53')), field: 'data.Corefile', message: 'forward targets must not be the local IP, got "169.254.20.10:53"' },
  { name: 'a namespace\'s DNS egress policy misses the kube-dns IP', rule: 'dns/network-policy', props: { egressPolicyNamespaces: ['app'] }, mutate: (c) => { c.objects.find((o) => o.kind === 'NetworkPolicy').spec.egress[0].to.pop(); }, field: 'egressPolicyNamespaces["app"]', message: 'must have a NetworkPolicy allowing DNS egress to ipBlock 10.100.0.10' },
  { name: 'an unknown forward policy', rule: 'dns/forward-options', mutate: (c) => editCorefile(c, (s) => s.replace('force_tcp\n', 'force_tcp\n            policy fastest\n')), field: 'data.Corefile (line 10)', message: 'policy must be random, round_robin or sequential, got "fastest"' },
  { name: 'expire is not a duration', rule: 'dns/forward-options', mutate: (c) => editCorefile(c, (s) => s.replace('force_tcp\n', 'force_tcp\n            expire soon\n')), field: 'data.Corefile (line 10)', message: 'expire must be a duration, got "soon"' },
  { name: 'max_fails is negative', rule: 'dns/forward-options', mutate: (c) => editCorefile(c, (s) => s.replace('force_tcp\n', 'force_tcp\n            max_fails -1\n')), field: 'data.Corefile (line 10)', message: 'max_fails must be an integer >= 0, got "-1"' },
  { name: 'a forward target with an unbracketed IPv6 port', rule: 'dns/ipv6-brackets', mutate: (c) => editCorefile(c, (s) => s.replace('forward . __PILLAR__UPSTREAM__SERVERS__', 'forward . fd00::53]:53')), field: 'data.Corefile', message: 'forward targets with an IPv6 address and a port must be bracketed, got "fd00::53]:53"' },
  { name: 'a zero cache TTL', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('cache 30', 'cache 0')), field: 'data.Corefile (line 18)', message: 'cache TTL must be an integer > 0, got "0"' },
  { name: 'a zero capacity', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('denial 9984 5', 'denial 0 5')), field: 'data.Corefile (line 3)', message: 'denial capacity must be an integer > 0, got "0"' },
  { name: 'an unknown serve_stale mode', rule: 'dns/cache', mutate: (c) => editCorefile(c, (s) => s.replace('denial 9984 5\n', 'denial 9984 5\n            serve_stale 1h later\n')), field: 'data.Corefile (line 3)', message: 'serve_stale refresh mode must be immediate or verify, got "later"' },
  { name: 'a duplicated server block', rule: 'dns/stub-domains', mutate: (c) => editCorefile(c, (s) => s + 'in-addr.arpa:53 {\n    errors\n}\n'), field: 'data.Corefile (line 47)', message: 'server block keys must be unique, got "in-addr.arpa:53"' },
  { name: 'a stub domain without servers', rule: 'dns/stub-domains', mutate: (c) => { c.spec.stubDomains = [{ zone: 'corp.example', servers: [] }]; }, field: 'stubDomains[0].servers', message: 'must list at least one server' },
  { name: '-upstreamsvc names a missing Service', rule: 'dns/upstream-service', mutate: (c) => setArg(c, '-upstreamsvc', 'coredns-upstream'), field: 'containers[0].args', message: '-upstreamsvc must name a Service in namespace kube-system, got "coredns-upstream"' },
  { name: 'the Corefile is mounted elsewhere', rule: 'dns/corefile-mount', mutate: (c) => { container(c).volumeMounts.find((m: any) => m.name === 'config-volume').mountPath = '/etc/dns'; }, field: 'volumeMounts', message: 'must mount volume config-volume at /etc/coredns, got "/etc/dns"' },
  { name: 'the ConfigMap is missing', rule: 'dns/corefile-mount', mutate: (c) => { c.objects = c.objects.filter((o) => o.kind !== 'ConfigMap'); }, field: 'spec.template.spec.volumes', message: 'must reference a ConfigMap with key Corefile' },
  { name: 'a memory limit that is no quantity', rule: 'dns/memory', mutate: (c) => { container(c).resources.limits = { memory: 'lots' }; }, field: 'resources.limits.memory', message: 'must be a Kubernetes quantity, got "lots"' },
  { name: 'the probe path is not /health', rule: 'dns/health', mutate: (c) => { container(c).livenessProbe.httpGet.path = '/ready'; }, field: 'livenessProbe.httpGet.path', message: 'must be "/health", got "/ready"' },
  { name: 'no liveness probe', rule: 'dns/health', mutate: (c) => { delete container(c).livenessProbe; }, field: 'livenessProbe.httpGet', message: 'must probe the health endpoint' },
];

/** Runs one case: the rule passes on the baseline, fails after the mutation, naming the field and the message. */
export function runCase(c: Case): void {
  // GIVEN
  const base = baseline(c.props);
  const ctx = { spec: clone(base.spec), objects: clone(base.objects) };
  const rule = dnsRules().find((r) => r.id === c.rule)!;
  const before = rule.check(ctx);
  // WHEN
  c.mutate(ctx);
  const found = rule.check(ctx);
  // THEN
  const list = c.warning ? found.warnings : found.errors;
  const match = list.find((p) => p.field.includes(c.field) && describeProblem(p).includes(c.message));
  expect({ match: !!match, problems: list.map((p) => `${p.field} :: ${describeProblem(p)}`) }).toEqual(expect.objectContaining({ match: true }));
  expect(match!.rule).toBe(c.rule);
  if (!c.warning) expect(before.errors).toEqual([]);
}

/** The cases of the given rules. */
export function casesOf(ids: string[]): Case[] {
  return CASES.filter((c) => ids.includes(c.rule));
}
