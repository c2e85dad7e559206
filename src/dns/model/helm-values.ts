/**
 * Values of the community node-local-dns Helm chart (deliveryhero `stable/node-local-dns`, 2.x) derived
 * from the same spec as the manifests (pure).
 *
 * The chart's Corefile template cannot express every setting (no IPVS bind list, fixed `health :PORT`,
 * cache capacities), so the values carry opskit's rendered Corefile in `config.customConfig`; the other
 * values are set to the same settings so the chart's args, probe and ports agree with it. IPVS needs a
 * post-renderer: the chart always passes `-localip <localDns>,<dnsServer>` while iptables setup is on.
 *
 * @see https://github.com/deliveryhero/helm-charts/tree/master/stable/node-local-dns
 */
import { renderCorefile } from './corefile';
import { corefileFor, isCilium, NodeLocalDnsSpec } from './node-local-dns-spec';
import { Problem, problem } from '../../core/problem';

/** The chart and the version the values are written for. */
export const DELIVERYHERO_CHART = {
  repository: 'oci://ghcr.io/deliveryhero/helm-charts',
  chart: 'node-local-dns',
  version: '2.9.2',
} as const;

/** The default release name (`metadata.name`); the chart then names its objects `node-local-dns` and `node-local-dns-upstream`. */
export const HELM_RELEASE_NAME = 'node-local-dns';

/** Options outside the DNS spec. */
export interface HelmValuesOptions {
  readonly requests?: { [k: string]: string };
  readonly limits?: { [k: string]: string };
  readonly scrapeAnnotations: boolean;
  readonly serviceMonitor?: { readonly labels?: { [k: string]: string }; readonly interval?: string };
  /** A count or a `"<n>%"` text, as Kubernetes writes `IntOrString`. */
  readonly maxUnavailable: number | string;
  readonly tolerations: any[];
  readonly securityContext: any;
}

/** Splits `repo:tag` (`repo:tag@sha256:…` keeps the digest in the tag). */
export function splitImage(image: string): { repository: string; tag: string } | undefined {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? '' : image.slice(at);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  if (colon < 0) return undefined;
  return { repository: name.slice(0, colon), tag: name.slice(colon + 1) + digest };
}

/** The Corefile given to the chart: the chart's probe has no host, so `health` listens on all addresses. */
export function helmCorefile(spec: NodeLocalDnsSpec): string {
  const model = corefileFor(spec, 'primary');
  return renderCorefile({
    ...model,
    serverBlocks: model.serverBlocks.map((b) => (b.health ? { ...b, health: { host: '', port: spec.healthPort } } : b)),
  });
}

/** The chart's values for a spec. */
export function deliveryheroValues(spec: NodeLocalDnsSpec, o: HelmValuesOptions): any {
  const image = splitImage(spec.image);
  const cilium = isCilium(spec.mode);
  const transport = spec.clusterForward.transport;
  const cache = spec.cache;
  return {
    image: { repository: image?.repository ?? spec.image, tag: image?.tag ?? '' },
    config: {
      dnsDomain: spec.clusterDomain,
      dnsServer: spec.kubeDnsIp,
      localDns: spec.localIp,
      bindIp: !cilium,
      commProtocol: transport === 'prefer_udp' ? 'prefer_udp' : 'force_tcp',
      enableLogging: spec.log,
      noIPv6Lookups: spec.suppressAaaa,
      cacheTTL: cache.ttl ?? 30,
      prefetch: cache.prefetch
        ? { enabled: true, amount: cache.prefetch.amount, duration: cache.prefetch.duration ?? '1m', percentage: `${cache.prefetch.percentage ?? 10}%` }
        : { enabled: false },
      serveStale: cache.serveStale
        ? { enabled: true, duration: cache.serveStale.duration ?? '1h', mode: cache.serveStale.refreshMode ?? 'immediate' }
        : { enabled: false },
      healthPort: spec.healthPort,
      setupInterface: !cilium,
      setupIptables: !cilium,
      skipTeardown: cilium,
      customConfig: helmCorefile(spec),
      upstreamServers: spec.upstreamServers && spec.upstreamServers.length > 0 ? spec.upstreamServers.join(' ') : '__PILLAR__UPSTREAM__SERVERS__',
    },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: o.maxUnavailable } },
    securityContext: o.securityContext,
    resources: { requests: o.requests ?? {}, limits: o.limits ?? null },
    prometheusScraping: { enabled: o.scrapeAnnotations },
    serviceMonitor: o.serviceMonitor
      ? {
        enabled: true,
        labels: o.serviceMonitor.labels ?? {},
        prometheusNamespace: spec.namespace,
        ...(o.serviceMonitor.interval ? { interval: o.serviceMonitor.interval } : {}),
      }
      : { enabled: false },
    tolerations: o.tolerations,
  };
}

/** The `-localip` value the chart renders for the values (its daemonset template's rule). */
export function chartLocalIpArg(values: any): string {
  return values.config.setupIptables ? `${values.config.localDns},${values.config.dnsServer}` : values.config.localDns;
}

function sedEscape(s: string): string {
  return s.replace(/[.[\]*^$\\/&]/g, (c) => `\\${c}`);
}

/**
 * Post-renderer arguments for `sed` that fix the chart's `-localip` in IPVS mode (the documented IPVS sed:
 * drop the kube-dns IP), or `undefined` when the chart's output is already right.
 */
export function ipvsPostRenderArgs(spec: NodeLocalDnsSpec): string[] | undefined {
  if (spec.mode !== 'ipvs') return undefined;
  const from = `"${spec.localIp},${spec.kubeDnsIp}"`;
  const to = `"${spec.localIp}"`;
  return ['-e', `s/${sedEscape(from)}/${sedEscape(to)}/`];
}

/** What the chart cannot deliver for a spec. */
export function validateHelmDelivery(spec: NodeLocalDnsSpec, values: any): Problem[] {
  const out: Problem[] = [];
  const rule = 'dns/helm-delivery';
  if (spec.namespace !== 'kube-system') out.push(problem('metadata.namespace', 'must be "kube-system" for the Helm chart (its templates hard-code it)', spec.namespace, 'deliver through manifests, or use kube-system', rule));
  if (spec.metricsPort !== 9253) out.push(problem('metricsPort', 'must be 9253 for the Helm chart (its container port and Service are fixed)', spec.metricsPort, 'keep the default metrics port, or deliver through manifests', rule));
  if (spec.setupMetricsPort !== 9353) out.push(problem('setupMetricsPort', 'must be 9353 for the Helm chart (it has no -metrics-listen-address value)', spec.setupMetricsPort, 'keep the default, or deliver through manifests', rule));
  if (spec.syncIntervalSeconds !== undefined) out.push(problem('syncInterval', 'cannot be set through the Helm chart (no -syncinterval value)', spec.syncIntervalSeconds, 'remove syncInterval, or deliver through manifests', rule));
  if (spec.secondary) out.push(problem('highAvailability', 'cannot be delivered by the Helm chart (one DaemonSet only)', 'set', 'deliver through manifests for the HA pair', rule));
  if (!splitImage(spec.image)) out.push(problem('image', 'must be repository:tag for the Helm chart (image.repository/image.tag)', spec.image, 'write the tag before any digest', rule));
  if (spec.mode === 'cilium-address') out.push(problem('mode', 'cannot be delivered by the Helm chart (it emits no CiliumLocalRedirectPolicy)', spec.mode, 'deliver through manifests', rule));
  if (spec.mode === 'cilium') out.push(problem('mode', 'cannot be delivered by the Helm chart (it emits no CiliumLocalRedirectPolicy)', spec.mode, 'deliver through manifests', rule));
  if (String(values.config.customConfig).includes('{{')) out.push(problem('extraServerBlocks', 'must not contain "{{" (the chart passes customConfig through tpl)', '{{', 'remove Go template braces', rule));
  return out;
}
