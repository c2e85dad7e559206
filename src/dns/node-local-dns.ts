import { ApiObject, Chart, Duration } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct } from 'constructs';
import { NODE_LOCAL_DNS_NAME } from './conventions';
import { Corefile } from './corefile';
import {
  buildErrorAlert, buildServiceMonitor, NodeLocalDnsErrorAlertOptions, NodeLocalDnsServiceMonitorOptions,
} from './node-local-dns-monitoring';
import { describeProblem, formatValue, Problem } from '../core/problem';
import { sortForApply } from '../core/schema/builtin-kinds';
import { Validations } from '../core/validations';
import { corefileFor, DnsInstance, kubeletClusterDnsFor, NodeLocalDnsSpec } from './model/node-local-dns-spec';
import { checkNodeLocalDns } from './model/rules';
import {
  buildConfigMap, buildDaemonSet, buildEgressPolicy, buildLocalRedirectPolicy, buildMetricsService, buildServiceAccount,
  buildUpstreamService, instanceName, ObjectOptions,
} from './node-local-dns-objects';
import { resolveNodeLocalDnsSpec, validateNodeLocalDnsProps } from './node-local-dns-props';
import { DnsCacheOptions, DnsForwardOptions, StubDomain } from './options';
import { ProxyMode } from './proxy-mode';
import { Engine, placedIn } from '../core/placement';
import { reportPropsProblem, reportPropsProblems } from '../core/props-problems';
import { Warnings } from '../core/warnings';

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
  /** The secondary's health port (`-health-port` and the Corefile `health`). @default 8081 */
  readonly healthPort?: number;
  /** The secondary's metrics port (Corefile `prometheus`). @default 9254 */
  readonly metricsPort?: number;
  /** The secondary's node-cache setup metrics port (`-metrics-listen-address`). @default 9354 */
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
   * Namespace of every object. It must be the namespace of CoreDNS and its `kube-dns` Service: the
   * `kube-dns-upstream` Service selects the CoreDNS pods, and a Service selects pods of its own namespace only.
   * @default "kube-system"
   */
  readonly namespace?: string;
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
  /** Health port (`-health-port`, Corefile `health`, liveness probe). @default 8080 */
  readonly healthPort?: number;
  /** Metrics port (Corefile `prometheus`, container port, Service, annotation). @default 9253 */
  readonly metricsPort?: number;
  /** node-cache's own metrics port (`-metrics-listen-address`). @default 9353 */
  readonly setupMetricsPort?: number;
  /** Host ports used by something else on your nodes (e.g. 8080 for kops's apiserver healthcheck). @default - none */
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
  /** Emit a ServiceMonitor. @default - none (pods and Service carry prometheus.io annotations) */
  readonly serviceMonitor?: NodeLocalDnsServiceMonitorOptions;
  /** Emit a PrometheusRule alerting on the SERVFAIL error budget. @default - none */
  readonly errorAlert?: NodeLocalDnsErrorAlertOptions;
  /** Add `prometheus.io/*` scrape annotations. @default - true unless serviceMonitor is set */
  readonly scrapeAnnotations?: boolean;
  /** Keep the upstream addon-manager labels. @default true */
  readonly addonManagerLabels?: boolean;
  /** Namespaces with default-deny egress that get a NetworkPolicy allowing DNS to the local and kube-dns IPs. @default - none */
  readonly egressPolicyNamespaces?: string[];
  /** Rolling update `maxUnavailable`. @default "10%" */
  readonly maxUnavailable?: string;
  /** Tolerations. @default - CriticalAddonsOnly, NoExecute, NoSchedule (all Exists) */
  readonly tolerations?: k8s.Toleration[];
  /** Node selector. @default - every node */
  readonly nodeSelector?: { [key: string]: string };
}


/**
 * NodeLocal DNSCache: a DNS cache on every node, configured from typed props that cannot produce a
 * broken installation.
 *
 * Emits the ServiceAccount, the `kube-dns-upstream` Service, the ConfigMap with the Corefile, the
 * DaemonSet and the headless metrics Service of the upstream addon manifest, with the documented
 * substitutions done for the chosen `ProxyMode` (IPTABLES, IPVS, NFTABLES, CILIUM, CILIUM_ADDRESS;
 * the Cilium modes add a CiliumLocalRedirectPolicy). Every check of the spec runs at construction and
 * again at synth (so escape-hatch edits are checked too).
 *
 * @see https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/
 * @example
 * new NodeLocalDns(chart, 'dns', { kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] });
 */
export class NodeLocalDns extends Construct {
  /** The resolved configuration. @internal */
  public readonly _spec!: NodeLocalDnsSpec;
  /** The proxy mode. */
  public readonly mode!: ProxyMode;
  /** The link-local IP the cache listens on. */
  public readonly localIp!: string;
  /** The kube-dns Service IP. */
  public readonly kubeDnsIp!: string;
  /** The kubelet `clusterDNS` this mode needs (the local IP for IPVS/CILIUM_ADDRESS, else the kube-dns IP). */
  public readonly kubeletClusterDns!: string[];
  /** The primary DaemonSet (escape hatch). */
  public readonly daemonSet!: k8s.KubeDaemonSet;
  /** The primary ConfigMap (escape hatch). */
  public readonly configMap!: k8s.KubeConfigMap;
  /** Warnings found (also recorded as `opskit:warning` metadata). */
  public readonly warnings!: string[];

  public constructor(scope: Construct, id: string, props: NodeLocalDnsProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'NodeLocalDns'), id);
    if (!reportPropsProblems(this, validateNodeLocalDnsProps(props ?? ({} as NodeLocalDnsProps)))) return;
    const spec = resolveNodeLocalDnsSpec(props);
    // the objects have fixed names: a second installation in the same chart and namespace would replace the first
    const chart = this.node.scopes.some((c) => Chart.isChart(c)) ? Chart.of(this) : undefined;
    const twin = chart?.node.findAll()
      .find((c): c is NodeLocalDns => c !== this && c instanceof NodeLocalDns && c._spec?.namespace === spec.namespace);
    if (twin) {
      if (!reportPropsProblem(this, 'namespace', `must differ from that of ${twin.node.path}: its objects (DaemonSet/${NODE_LOCAL_DNS_NAME}, …) have the same names`,
        formatValue(spec.namespace), 'keep one NodeLocalDns per chart (use one chart per cluster)')) return;
    }
    this._spec = spec;
    this.mode = props.mode ?? ProxyMode.IPTABLES;
    this.localIp = spec.localIp;
    this.kubeDnsIp = spec.kubeDnsIp;
    this.kubeletClusterDns = kubeletClusterDnsFor(spec);

    const options: ObjectOptions = {
      addonManagerLabels: props.addonManagerLabels ?? true,
      scrapeAnnotations: props.scrapeAnnotations ?? props.serviceMonitor === undefined,
      // the upstream manifest's requests, no limits (a limit below the caches' needs OOM-kills: rule dns/memory)
      resources: props.resources ?? { requests: { cpu: k8s.Quantity.fromString('25m'), memory: k8s.Quantity.fromString('5Mi') } },
      tolerations: props.tolerations ?? [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { effect: 'NoExecute', operator: 'Exists' },
        { effect: 'NoSchedule', operator: 'Exists' },
      ],
      maxUnavailable: props.maxUnavailable ?? '10%',
      nodeSelector: props.nodeSelector,
    };
    const instances: DnsInstance[] = spec.secondary ? ['primary', 'secondary'] : ['primary'];
    buildServiceAccount(this, spec, options);
    const upstream = buildUpstreamService(this, spec, options);
    this.configMap = buildConfigMap(this, 'ConfigMap', spec, 'primary', options);
    this.daemonSet = buildDaemonSet(this, 'Resource', spec, 'primary', options);
    this.daemonSet.addDependency(upstream);
    buildMetricsService(this, 'MetricsService', spec, 'primary', options);
    if (spec.secondary) {
      buildConfigMap(this, 'SecondaryConfigMap', spec, 'secondary', options);
      buildDaemonSet(this, 'Secondary', spec, 'secondary', options).addDependency(upstream);
      buildMetricsService(this, 'SecondaryMetricsService', spec, 'secondary', options);
    }
    if (spec.mode === 'cilium' || spec.mode === 'cilium-address') buildLocalRedirectPolicy(this, spec);
    (spec.egressPolicyNamespaces ?? []).forEach((ns) => buildEgressPolicy(this, `EgressPolicy-${ns}`, spec, ns));
    if (props.serviceMonitor) buildServiceMonitor(this, spec.namespace, instances.map(instanceName), props.serviceMonitor);
    if (props.errorAlert) buildErrorAlert(this, spec.namespace, props.errorAlert);

    const own = this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson());
    const findings = checkNodeLocalDns({ spec, objects: sortForApply(own) });
    if (!reportPropsProblems(this, findings.errors)) return;
    this.warnings = findings.warnings.map(describeProblem);
    this.warnings.forEach((w) => Warnings.add(this, w));

    // Synth time: re-check against everything in the chart (escape-hatch edits, other constructs' NetworkPolicies).
    Validations.add(this, { problems: (): Problem[] => this.checkChart() });
  }

  /** The Corefile of the primary process. */
  public get corefile(): Corefile {
    return Corefile._fromModel(corefileFor(this._spec, 'primary'));
  }

  private checkChart(): Problem[] {
    const chart = Chart.of(this);
    const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson());
    return checkNodeLocalDns({ spec: this._spec, objects: sortForApply(objects) }).errors;
  }
}
