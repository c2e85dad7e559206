/**
 * NodeLocal DNSCache rules about addresses, modes and ports (spec section 8: 1–5, 9, 13, 21, 22).
 */
import { APP_LABEL_KEY, KUBE_DNS_SERVICE, LRP_NAME } from '../conventions';
import { cidrContains, ipEquals, isLoopback, isRecommendedLocalIp, parseCidr, parseIp, parseIpPort } from './ip';
import { bindsKubeDnsIp, isCilium, kubeletMustUseLocalIp, PILLAR_UPSTREAM_SERVERS, usesHostNetwork } from './node-local-dns-spec';
import { containerField, corefileField, DnsRule, Findings, findObject, instances, podField } from './rule-support';

/** 1. The local IP is a valid address outside the cluster's ranges, not the kube-dns IP. */
export const localIpRule: DnsRule = {
  id: 'dns/local-ip',
  number: 1,
  title: 'local IP is valid, outside cluster CIDRs, not the kube-dns IP',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    const local = parseIp(spec.localIp);
    const kube = parseIp(spec.kubeDnsIp);
    if (!local) f.error('localIp', 'must be an IPv4 or IPv6 address', spec.localIp, 'use a link-local address such as "169.254.20.10" or "fd00::10"');
    if (!kube) f.error('kubeDnsIp', 'must be an IPv4 or IPv6 address', spec.kubeDnsIp, 'use the ClusterIP of the kube-dns Service (kubectl -n kube-system get svc kube-dns)');
    if (!local || !kube) return f;
    // in every mode: pods reach the cache on the local IP in the kube-dns IP's family (and in iptables/nftables
    // modes node-cache binds both, serving one family per process)
    if (local.family !== kube.family) {
      f.error('localIp', `must be of the kube-dns IP's family (IPv${kube.family}): pods resolve in that family, and node-cache serves one family per process`, spec.localIp,
        kube.family === 4 ? 'use e.g. "169.254.20.10"' : 'use e.g. "fd00::10"');
    }
    if (ipEquals(spec.localIp, spec.kubeDnsIp)) {
      f.error('localIp', 'must differ from kubeDnsIp', spec.localIp, 'pick an unused link-local address such as "169.254.20.10"');
    }
    const ranges: Array<[string, string[]]> = [['serviceCidrs', spec.serviceCidrs], ['podCidrs', spec.podCidrs], ['nodeCidrs', spec.nodeCidrs]];
    for (const [name, cidrs] of ranges) {
      cidrs.forEach((text, i) => {
        const cidr = parseCidr(text);
        if (!cidr) {
          f.error(`${name}[${i}]`, 'must be a CIDR block (address/prefix)', text, 'write it like "10.100.0.0/16"');
        } else if (cidrContains(cidr, local)) {
          f.error('localIp', `must not be inside ${name}[${i}] (${text})`, spec.localIp, 'pick an address outside the cluster ranges, e.g. "169.254.20.10"');
        }
      });
    }
    if (!isRecommendedLocalIp(local)) {
      f.warn('localIp', 'should be in 169.254.0.0/16 or fd00::/8', spec.localIp, 'use a link-local (169.254.x.y) or ULA (fd00::/8) address so it cannot collide with routable traffic');
    }
    return f;
  },
};

/** 2. Every `-localip` entry is an IP of one family; no empty entries (trailing commas). */
export const localIpListRule: DnsRule = {
  id: 'dns/local-ip-list',
  number: 2,
  title: '-localip entries are non-empty IPs of one family',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      const list = v.flags.get('localip');
      const field = containerField(v, 'args');
      if (list === undefined) {
        f.error(field, 'must contain "-localip"', v.args, 'pass -localip with the local IP (and the kube-dns IP in iptables mode)');
        continue;
      }
      const entries = list.split(',');
      if (entries.some((e) => e.trim() === '')) {
        f.error(field, '-localip must not contain empty entries', list, 'remove the trailing or doubled comma (node-cache exits with "invalid localip specified")');
        continue;
      }
      const families = new Set<number>();
      for (const e of entries) {
        const ip = parseIp(e);
        if (!ip) f.error(field, '-localip entries must be IP addresses', e, 'list addresses only, separated by commas');
        else families.add(ip.family);
      }
      if (families.size > 1) {
        f.error(field, '-localip entries must share one IP family', list, 'run one DaemonSet per family (node-cache serves a single family per process)');
      }
    }
    return f;
  },
};

/** 3. IPVS: one local IP only, and the kubelet must use it as `clusterDNS`. */
export const ipvsRule: DnsRule = {
  id: 'dns/ipvs-single-ip',
  number: 3,
  title: 'IPVS binds only the local IP; kubelet clusterDNS is the local IP',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    if (spec.mode === 'ipvs') {
      for (const v of instances(ctx)) {
        const list = v.flags.get('localip') ?? '';
        const entries = list.split(',');
        if (entries.length !== 1 || !ipEquals(entries[0], spec.localIp)) {
          f.error(containerField(v, 'args'), `-localip must be exactly the local IP in ipvs mode (${spec.localIp})`, list, 'drop the kube-dns IP: kube-ipvs0 already owns it');
        }
        for (const b of v.corefile?.blocks ?? []) {
          for (const d of b.directives.filter((x) => x.name === 'bind')) {
            if (d.args.some((a) => ipEquals(a, spec.kubeDnsIp))) {
              f.error(corefileField(v, d.line), 'bind must not list the kube-dns IP in ipvs mode', d.args.join(' '), `bind ${spec.localIp} only`);
            }
          }
        }
      }
    }
    if (kubeletMustUseLocalIp(spec.mode)) {
      const want = [spec.localIp];
      if (spec.kubeletClusterDns === undefined) {
        f.warn('kubeletClusterDns', `must be declared as ["${spec.localIp}"] in ${spec.mode} mode`, undefined,
          'configure the kubelet clusterDNS (e.g. with EksNodeConfig) and declare it in kubeletClusterDns');
      } else if (spec.kubeletClusterDns.length !== 1 || !ipEquals(spec.kubeletClusterDns[0], spec.localIp)) {
        f.error('kubeletClusterDns', `must be ${JSON.stringify(want)} in ${spec.mode} mode`, spec.kubeletClusterDns,
          'point the kubelet clusterDNS at the local IP; pods would otherwise bypass the cache or lose DNS');
      }
    } else if (spec.kubeletClusterDns !== undefined) {
      // the cache answers on the kube-dns IP (iptables, nftables) or only there (Cilium's Service matcher)
      const allowed = spec.mode === 'cilium' ? [spec.kubeDnsIp] : [spec.localIp, spec.kubeDnsIp];
      if (spec.kubeletClusterDns.length === 0 || spec.kubeletClusterDns.some((ip) => !allowed.some((a) => ipEquals(ip, a)))) {
        f.error('kubeletClusterDns', `must list only ${allowed.map((a) => JSON.stringify(a)).join(' or ')} in ${spec.mode} mode`, spec.kubeletClusterDns,
          spec.mode === 'cilium'
            ? 'keep the kubelet at the kube-dns IP: the policy redirects the kube-dns Service (use ProxyMode.CILIUM_ADDRESS for the local IP)'
            : 'point the kubelet at the kube-dns IP or the local IP; any other resolver bypasses the cache');
      }
    }
    return f;
  },
};

/** 4. iptables: `-localip` is `local,kubeDns` and every `bind` lists both. */
export const iptablesBindRule: DnsRule = {
  id: 'dns/iptables-bind',
  number: 4,
  title: 'iptables mode binds the local IP and the kube-dns IP',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    if (!bindsKubeDnsIp(spec.mode)) return f;
    for (const v of instances(ctx)) {
      const list = v.flags.get('localip') ?? '';
      const entries = list.split(',');
      if (entries.length !== 2 || !ipEquals(entries[0], spec.localIp) || !ipEquals(entries[1], spec.kubeDnsIp)) {
        f.error(containerField(v, 'args'), `-localip must be "${spec.localIp},${spec.kubeDnsIp}" in ${spec.mode} mode`, list, 'list the local IP, then the kube-dns IP');
      }
      for (const b of v.corefile?.blocks ?? []) {
        const binds = b.directives.filter((x) => x.name === 'bind');
        const args = binds.flatMap((d) => d.args);
        if (!args.some((a) => ipEquals(a, spec.localIp)) || !args.some((a) => ipEquals(a, spec.kubeDnsIp))) {
          f.error(corefileField(v, binds[0]?.line ?? b.line), `bind of ${b.keys.join(' ')} must list ${spec.localIp} and ${spec.kubeDnsIp}`, args.join(' '), 'bind both addresses, as node-cache intercepts both');
        }
      }
    }
    return f;
  },
};

/** 5. Cilium LRP mode: no host network, the three flags, bind 0.0.0.0, an LRP selecting the pods. */
export const ciliumRule: DnsRule = {
  id: 'dns/cilium',
  number: 5,
  title: 'Cilium mode: no hostNetwork, its flags, bind 0.0.0.0, a matching LRP',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    const lrps = ctx.objects.filter((o) => o?.kind === 'CiliumLocalRedirectPolicy');
    if (!isCilium(spec.mode)) {
      if (lrps.some((o) => o.metadata?.name === LRP_NAME && o.metadata?.namespace === spec.namespace)) {
        f.error(`CiliumLocalRedirectPolicy/${LRP_NAME}`, `must not be emitted in ${spec.mode} mode`, LRP_NAME, 'use ProxyMode.CILIUM to redirect with Cilium');
      }
      return f;
    }
    const views = instances(ctx);
    if (views.length > 1) {
      f.error('highAvailability', 'must not be set in Cilium modes', 'secondary DaemonSet', 'remove highAvailability: with -skipteardown=true Cilium redirects to whichever pod is ready');
    }
    for (const v of views) {
      if (v.podSpec.hostNetwork === true) f.error(podField(v, 'hostNetwork'), 'must be false in Cilium mode', true, 'remove hostNetwork: Cilium redirects traffic into the pod network');
      const want: Array<[string, string]> = [['setupinterface', 'false'], ['setupiptables', 'false'], ['skipteardown', 'true']];
      for (const [flag, value] of want) {
        if (v.flags.get(flag) !== value) f.error(containerField(v, 'args'), `must contain -${flag}=${value} in Cilium mode`, v.flags.get(flag) ?? null, `add "-${flag}=${value}"`);
      }
      for (const b of v.corefile?.blocks ?? []) {
        const bind = b.directives.find((d) => d.name === 'bind');
        if (!bind || bind.args.length !== 1 || bind.args[0] !== '0.0.0.0') {
          f.error(corefileField(v, bind?.line ?? b.line), `bind of ${b.keys.join(' ')} must be 0.0.0.0 in Cilium mode`, bind?.args.join(' ') ?? null, 'bind 0.0.0.0: the pod has its own network namespace');
        }
      }
    }
    const lrp = findObject(ctx.objects, 'CiliumLocalRedirectPolicy', LRP_NAME, spec.namespace);
    if (!lrp) {
      f.error(`CiliumLocalRedirectPolicy/${LRP_NAME}`, 'must be emitted in Cilium mode', null, 'emit a cilium.io/v2 CiliumLocalRedirectPolicy selecting the node-local-dns pods');
      return f;
    }
    const selector = lrp.spec?.redirectBackend?.localEndpointSelector?.matchLabels ?? {};
    for (const v of views) {
      const labels = v.daemonSet.spec?.template?.metadata?.labels ?? {};
      const keys = Object.keys(selector);
      if (keys.length === 0 || keys.some((k) => labels[k] !== selector[k])) {
        f.error(`CiliumLocalRedirectPolicy/${LRP_NAME}.spec.redirectBackend.localEndpointSelector.matchLabels`, `must match the pod labels of ${v.ref}`, selector, `select ${APP_LABEL_KEY}: ${spec.name}`);
      }
    }
    const frontend = lrp.spec?.redirectFrontend ?? {};
    if (spec.mode === 'cilium' && frontend.serviceMatcher?.serviceName !== KUBE_DNS_SERVICE) {
      f.error(`CiliumLocalRedirectPolicy/${LRP_NAME}.spec.redirectFrontend.serviceMatcher.serviceName`, `must be "${KUBE_DNS_SERVICE}"`, frontend.serviceMatcher?.serviceName ?? null, 'redirect the kube-dns Service');
    }
    if (spec.mode === 'cilium-address' && !ipEquals(frontend.addressMatcher?.ip ?? '', spec.localIp)) {
      f.error(`CiliumLocalRedirectPolicy/${LRP_NAME}.spec.redirectFrontend.addressMatcher.ip`, `must be the local IP ${spec.localIp}`, frontend.addressMatcher?.ip ?? null, 'redirect the local IP');
    }
    return f;
  },
};

/** The host ports one DaemonSet uses: dns, metrics (`prometheus`), health and setup metrics. */
function portsOfInstance(v: ReturnType<typeof instances>[number]): { metrics?: number; health: number; setupMetrics: number } {
  const prom = v.corefile?.blocks.flatMap((b) => b.directives).find((d) => d.name === 'prometheus');
  const promPort = prom ? Number(/:([0-9]+)$/.exec(prom.args[0] ?? ':9153')?.[1]) : undefined;
  const health = Number(v.flags.get('health-port') ?? '8080');
  const setupAddr = v.flags.get('metrics-listen-address') ?? '0.0.0.0:9353';
  return { metrics: promPort, health, setupMetrics: Number(/:([0-9]+)$/.exec(setupAddr)?.[1]) };
}

/** 9. Host ports are unique, not reserved, distinct across an HA pair; metrics ports agree. */
export const hostPortsRule: DnsRule = {
  id: 'dns/host-ports',
  number: 9,
  title: 'host ports are unique, not reserved, and the metrics ports agree',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    const views = instances(ctx);
    const used = new Map<number, string>();
    // in the host network containerPorts are host ports: the scheduler cannot place two pods declaring the same
    // host port (and protocol) on one node, so the HA pair's DaemonSets must not both declare one
    const declared = new Map<string, string>();
    for (const v of usesHostNetwork(spec.mode) ? views : []) {
      (v.container.ports ?? []).forEach((cp: any, i: number) => {
        const port = cp?.hostPort ?? cp?.containerPort;
        const key = `${port}/${cp?.protocol ?? 'TCP'}`;
        const prior = declared.get(key);
        if (prior !== undefined) {
          f.error(containerField(v, `ports[${i}]`), `must not declare host port ${key}, which ${prior} declares too (the scheduler would never place both pods on one node)`, cp,
            'declare port 53 on the primary DaemonSet only: the secondary shares it through SO_REUSEPORT');
        } else {
          declared.set(key, v.ref);
        }
      });
    }
    for (const v of views) {
      const p = portsOfInstance(v);
      const named: Array<[string, number | undefined]> = [['dns', 53], ['metrics', p.metrics], ['health', p.health], ['setup-metrics', p.setupMetrics]];
      for (const [what, port] of named) {
        if (port === undefined || Number.isNaN(port)) continue;
        const owner = `${v.name} ${what}`;
        // both processes of an HA pair share port 53 on purpose (SO_REUSEPORT); every other port is unique
        const prior = what === 'dns' ? undefined : used.get(port) ?? (port === 53 ? `${v.name} dns` : undefined);
        if (prior !== undefined) {
          f.error(`${v.ref} ${what} port`, `must differ from ${prior} port`, port, 'give each listener of each DaemonSet its own port (healthPort, metricsPort, setupMetricsPort, highAvailability ports)');
        } else if (what !== 'dns') {
          used.set(port, owner);
        }
        if (usesHostNetwork(spec.mode) && spec.reservedHostPorts.includes(port)) {
          f.error(`${v.ref} ${what} port`, 'must not be one of reservedHostPorts', port, `choose a free host port (reserved: ${spec.reservedHostPorts.join(', ')})`);
        }
      }
      const metricsPorts = (v.container.ports ?? []).filter((cp: any) => cp?.name === 'metrics');
      for (const cp of metricsPorts) {
        if (p.metrics !== undefined && cp.containerPort !== p.metrics) {
          f.error(containerField(v, 'ports[metrics].containerPort'), `must equal the Corefile prometheus port ${p.metrics}`, cp.containerPort, 'set both from metricsPort');
        }
      }
      const annotation = v.daemonSet.spec?.template?.metadata?.annotations?.['prometheus.io/port'];
      if (annotation !== undefined && p.metrics !== undefined && Number(annotation) !== p.metrics) {
        f.error(`${v.ref}.spec.template.metadata.annotations["prometheus.io/port"]`, `must equal the Corefile prometheus port ${p.metrics}`, annotation, 'set both from metricsPort');
      }
      const podLabels = v.daemonSet.spec?.template?.metadata?.labels ?? {};
      for (const svc of ctx.objects.filter((o) => o?.kind === 'Service' && o?.metadata?.namespace === spec.namespace && o?.spec?.clusterIP === 'None')) {
        const sel = svc.spec?.selector ?? {};
        const selects = Object.keys(sel).length > 0 && Object.keys(sel).every((k) => podLabels[k] === sel[k]);
        if (!selects) continue;
        (svc.spec?.ports ?? []).filter((sp: any) => sp?.name === 'metrics').forEach((sp: any) => {
          if (p.metrics !== undefined && Number(sp.targetPort) !== p.metrics) {
            f.error(`Service/${svc.metadata.name}.spec.ports[metrics].targetPort`, `must equal the Corefile prometheus port ${p.metrics} of ${v.name}`, sp.targetPort, 'set both from metricsPort');
          }
        });
      }
    }
    return f;
  },
};

/** 13. No forwarding loops: forward targets are not loopback, the local IP or (iptables) the kube-dns IP. */
export const forwardLoopRule: DnsRule = {
  id: 'dns/forward-loop',
  number: 13,
  title: 'forward targets cannot loop back to the cache',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    for (const v of instances(ctx)) {
      for (const b of v.corefile?.blocks ?? []) {
        const hasLoop = b.directives.some((d) => d.name === 'loop');
        for (const d of b.directives.filter((x) => x.name === 'forward')) {
          for (const target of d.args.slice(1)) {
            if (target === PILLAR_UPSTREAM_SERVERS) {
              if (hasLoop && v.instance === 'primary') {
                f.warn(corefileField(v, d.line), 'forwards to the node\'s /etc/resolv.conf, which must not point at 127.0.0.53 (systemd-resolved) while loop is on', target,
                  'set upstreamServers (e.g. the VPC resolver) or make sure nodes use /run/systemd/resolve/resolv.conf');
              }
              continue;
            }
            const parsed = parseIpPort(target);
            if (!parsed) continue;
            const text = target.replace(/^dns:\/\//, '').replace(/^\[/, '').replace(/\](:[0-9]+)?$/, '').replace(/:[0-9]+$/, '');
            if (isLoopback(parsed.ip)) {
              f.error(corefileField(v, d.line), 'forward targets must not be loopback addresses', target, 'forward to a real resolver; loopback is the node-cache itself or systemd-resolved');
            } else if (ipEquals(text, spec.localIp)) {
              f.error(corefileField(v, d.line), 'forward targets must not be the local IP', target, 'forward to CoreDNS (kube-dns-upstream) or an external resolver');
            } else if (bindsKubeDnsIp(spec.mode) && ipEquals(text, spec.kubeDnsIp)) {
              f.error(corefileField(v, d.line), `forward targets must not be the kube-dns IP in ${spec.mode} mode (the cache intercepts it)`, target, 'leave __PILLAR__CLUSTER__DNS__ so node-cache uses the kube-dns-upstream Service');
            }
          }
        }
      }
    }
    return f;
  },
};

/** 21. NetworkPolicies cannot select host-network pods: use an ipBlock for the local and kube-dns IPs. */
export const networkPolicyRule: DnsRule = {
  id: 'dns/network-policy',
  number: 21,
  title: 'DNS egress through NetworkPolicy uses ipBlock, not podSelector',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    const hostNet = usesHostNetwork(spec.mode);
    for (const np of ctx.objects.filter((o) => o?.kind === 'NetworkPolicy')) {
      const egress: any[] = np.spec?.egress ?? [];
      egress.forEach((rule, i) => {
        (rule?.to ?? []).forEach((peer: any, j: number) => {
          const sel = peer?.podSelector?.matchLabels;
          if (hostNet && sel && sel[APP_LABEL_KEY] === spec.name) {
            f.error(`NetworkPolicy/${np.metadata?.name}.spec.egress[${i}].to[${j}].podSelector`, 'cannot select node-local-dns pods, which run with hostNetwork', sel,
              `allow egress to ipBlock ${spec.localIp}/${spec.localIp.includes(':') ? 128 : 32} on port 53 instead`);
          }
        });
      });
    }
    for (const ns of spec.egressPolicyNamespaces ?? []) {
      const np = ctx.objects.find((o) => o?.kind === 'NetworkPolicy' && o?.metadata?.namespace === ns && o?.metadata?.labels?.[APP_LABEL_KEY] === spec.name);
      const blocks: string[] = (np?.spec?.egress ?? []).flatMap((r: any) => (r?.to ?? []).map((p: any) => p?.ipBlock?.cidr)).filter((x: any) => typeof x === 'string');
      const want = [spec.localIp, spec.kubeDnsIp];
      for (const ip of want) {
        const parsed = parseIp(ip);
        if (!parsed) continue;
        if (!blocks.some((c) => { const cidr = parseCidr(c); return !!cidr && cidrContains(cidr, parsed); })) {
          f.error(`egressPolicyNamespaces[${JSON.stringify(ns)}]`, `must have a NetworkPolicy allowing DNS egress to ipBlock ${ip}`, blocks, 'emit the DNS egress NetworkPolicy for this namespace');
        }
      }
    }
    return f;
  },
};

/** 22. Warn on unverified setups: kube-proxy nftables, dual-stack clusters. */
export const unverifiedModeRule: DnsRule = {
  id: 'dns/unverified-mode',
  number: 22,
  title: 'warn on nftables kube-proxy and dual-stack',
  check(ctx) {
    const f = new Findings(this.id);
    if (ctx.spec.mode === 'nftables') {
      f.warn('mode', 'is not documented upstream for nftables kube-proxy (kubernetes/dns#682)', 'nftables', 'test on a canary node pool first; the image uses the iptables-nft wrapper');
    }
    if (ctx.spec.dualStack) {
      f.warn('dualStack', 'gets DNS caching for one IP family only (one family per node-cache process)', true, 'cache the primary family only: list only its address in kubelet clusterDNS (queries to the other family\'s kube-dns IP bypass the cache); a second NodeLocalDns cannot share its chart, as its objects would have the same names');
    }
    return f;
  },
};

