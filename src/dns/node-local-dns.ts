import { ApiObject, Chart } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { UPSTREAM_SERVICE_NAME } from './conventions';
import { Corefile } from './corefile';
import { SynthMemo, Validations } from '../core/validations';
import { corefileFor, DnsInstance, kubeletClusterDnsFor, NodeLocalDnsSpec } from './model/node-local-dns-spec';
import { checkNodeLocalDns } from './model/rules';
import {
  buildErrorAlert, buildServiceMonitor,
} from './node-local-dns-monitoring';
import {
  buildConfigMap, buildDaemonSet, buildEgressPolicy, buildLocalRedirectPolicy, buildMetricsService, buildServiceAccount,
  buildUpstreamService, instanceName, ObjectOptions,
} from './node-local-dns-objects';
import { maxUnavailableOf, NodeLocalDnsProps, resolveNodeLocalDnsSpec, validateNodeLocalDnsProps } from './node-local-dns-props';
import { ProxyMode } from './proxy-mode';
import { checkProps } from '../core/check-props';
import { kube } from '../core/lazy-modules';
import { Engine, placedIn } from '../core/placement';
import { formatValue, Problem } from '../core/problem';
import { reportPropsProblem, reportPropsProblems } from '../core/props-problems';
import { sortForApply } from '../core/schema/builtin-kinds';
import { warnProblem, Warnings } from '../core/warnings';
import { registerMonitoringKinds } from '../observability/monitoring-kinds';

/**
 * A NodeLocal DNSCache as the nodes see it: the mode and the two addresses the kubelet `clusterDNS` is chosen
 * from. Implemented by `NodeLocalDns` (manifests, in a chart) and `NodeLocalDnsHelmRelease` (the Helm chart, in a
 * Terraform stack); `EksNodeConfig` takes either.
 */
export interface INodeLocalDns extends IConstruct {
  /** The proxy mode. */
  readonly mode: ProxyMode;
  /** The link-local IP the cache listens on. */
  readonly localIp: string;
  /** The kube-dns Service IP. */
  readonly kubeDnsIp: string;
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
export class NodeLocalDns extends Construct implements INodeLocalDns {
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
  /** The main object: the DaemonSet of node-cache (construct id `Resource`; the primary one of an HA pair). */
  public readonly apiObject!: k8s.KubeDaemonSet;
  /** The ConfigMap holding the primary's Corefile. */
  public readonly configMap!: k8s.KubeConfigMap;
  /** The ServiceAccount of the pods. */
  public readonly serviceAccount!: k8s.KubeServiceAccount;
  /** The `kube-dns-upstream` Service (CoreDNS under its own ClusterIP, which the cache forwards to). */
  public readonly upstreamService!: k8s.KubeService;
  /** The headless Service exposing the primary's metrics. */
  public readonly metricsService!: k8s.KubeService;
  /** The secondary's DaemonSet, with `highAvailability`. */
  public readonly secondaryDaemonSet?: k8s.KubeDaemonSet;
  /** The ConfigMap of the secondary's Corefile, with `highAvailability`. */
  public readonly secondaryConfigMap?: k8s.KubeConfigMap;
  /** The headless Service exposing the secondary's metrics, with `highAvailability`. */
  public readonly secondaryMetricsService?: k8s.KubeService;
  /** The CiliumLocalRedirectPolicy, in the Cilium modes. */
  public readonly localRedirectPolicy?: ApiObject;
  /** The NetworkPolicies allowing DNS egress, one per namespace of `egressPolicyNamespaces` (in that order). */
  public readonly egressNetworkPolicies: k8s.KubeNetworkPolicy[] = [];
  /** The ServiceMonitor, with `serviceMonitor`. */
  public readonly serviceMonitor?: ApiObject;
  /** The PrometheusRule of the error alert, with `errorAlert`. */
  public readonly errorAlertPrometheusRule?: ApiObject;

  public constructor(scope: Construct, id: string, props: NodeLocalDnsProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'NodeLocalDns'), id);
    if (!checkProps(this, 'NodeLocalDnsProps', props)) return;
    if (!reportPropsProblems(this, validateNodeLocalDnsProps(props ?? ({} as NodeLocalDnsProps)))) return;
    const spec = resolveNodeLocalDnsSpec(props);
    // the objects have fixed names: a second installation in the same chart and namespace would replace the first
    const chart = this.node.scopes.some((c) => Chart.isChart(c)) ? Chart.of(this) : undefined;
    const twin = chart?.node.findAll()
      .find((c): c is NodeLocalDns => c !== this && c instanceof NodeLocalDns && c._spec?.namespace === spec.namespace);
    if (twin) {
      if (!reportPropsProblem(this, 'metadata.namespace', `must differ from that of ${twin.node.path}: both would emit Service/${UPSTREAM_SERVICE_NAME} `
        + 'and the cache\'s iptables rules on the same nodes',
      formatValue(spec.namespace), 'keep one NodeLocalDns per chart (use one chart per cluster)')) return;
    }
    if (chart?.namespace !== undefined && chart.namespace !== spec.namespace) {
      Warnings.add(this, 'opskit:dns/chart-namespace-ignored', `the objects go to namespace ${JSON.stringify(spec.namespace)}, not the chart's ${JSON.stringify(chart.namespace)}: `
        + 'they must live with CoreDNS and its kube-dns Service — set metadata.namespace to where CoreDNS runs, or acknowledge this warning');
    }
    this._spec = spec;
    this.mode = props.mode ?? ProxyMode.IPTABLES;
    this.localIp = spec.localIp;
    this.kubeDnsIp = spec.kubeDnsIp;
    this.kubeletClusterDns = kubeletClusterDnsFor(spec);

    const options: ObjectOptions = {
      addonManagerLabels: props.addonManagerLabels ?? true,
      scrapeAnnotations: props.scrapeAnnotations ?? props.serviceMonitor !== true,
      // the upstream manifest's requests, no limits (a limit below the caches' needs OOM-kills: rule dns/memory)
      resources: props.resources ?? { requests: { cpu: kube().Quantity.fromString('25m'), memory: kube().Quantity.fromString('5Mi') } },
      tolerations: props.tolerations ?? [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { effect: 'NoExecute', operator: 'Exists' },
        { effect: 'NoSchedule', operator: 'Exists' },
      ],
      maxUnavailable: maxUnavailableOf(props),
      nodeSelector: props.nodeSelector,
    };
    const instances: DnsInstance[] = spec.secondary ? ['primary', 'secondary'] : ['primary'];
    this.serviceAccount = buildServiceAccount(this, spec, options);
    this.upstreamService = buildUpstreamService(this, spec, options);
    this.configMap = buildConfigMap(this, 'ConfigMap', spec, 'primary', options);
    this.apiObject = buildDaemonSet(this, 'Resource', spec, 'primary', options);
    this.apiObject.addDependency(this.upstreamService);
    this.metricsService = buildMetricsService(this, 'MetricsService', spec, 'primary', options);
    if (spec.secondary) {
      this.secondaryConfigMap = buildConfigMap(this, 'SecondaryConfigMap', spec, 'secondary', options);
      this.secondaryDaemonSet = buildDaemonSet(this, 'Secondary', spec, 'secondary', options);
      this.secondaryDaemonSet.addDependency(this.upstreamService);
      this.secondaryMetricsService = buildMetricsService(this, 'SecondaryMetricsService', spec, 'secondary', options);
    }
    if (spec.mode === 'cilium' || spec.mode === 'cilium-address') this.localRedirectPolicy = buildLocalRedirectPolicy(this, spec);
    for (const ns of spec.egressPolicyNamespaces ?? []) this.egressNetworkPolicies.push(buildEgressPolicy(this, `EgressPolicy-${ns}`, spec, ns));
    // checked like every monitoring object: by an imported prometheus-operator CRD, else by opskit's validators
    if (props.serviceMonitor || props.errorAlert) registerMonitoringKinds(this);
    if (props.serviceMonitor) {
      this.serviceMonitor = buildServiceMonitor(this, spec, instances.map((i) => instanceName(spec, i)), props.serviceMonitorOptions ?? {});
    }
    if (props.errorAlert) this.errorAlertPrometheusRule = buildErrorAlert(this, spec, props.errorAlertOptions ?? {});
    // metadata.labels / annotations go on every object
    for (const o of this.node.findAll()) {
      if (!(o instanceof ApiObject)) continue;
      for (const [key, value] of Object.entries(props.metadata?.labels ?? {})) o.metadata.addLabel(key, value);
      for (const [key, value] of Object.entries(props.metadata?.annotations ?? {})) o.metadata.addAnnotation(key, value);
    }

    const own = this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson());
    const findings = checkNodeLocalDns({ spec, objects: sortForApply(own) });
    if (!reportPropsProblems(this, findings.errors)) return;
    for (const lint of findings.warnings) warnProblem(this, `opskit:${lint.rule}`, lint);

    // Synth time: re-check against everything in the chart (escape-hatch edits, other constructs' NetworkPolicies).
    Validations.add(this, { problems: (): Problem[] => this.checkChart() });
  }

  /** The Corefile of the primary process. */
  public get corefile(): Corefile {
    return Corefile._fromModel(corefileFor(this._spec, 'primary'));
  }

  private checkChart(): Problem[] {
    return checkNodeLocalDns({ spec: this._spec, objects: CHART_OBJECTS.get(Chart.of(this)) }).errors;
  }
}

/** The objects of a chart in apply order, resolved once per synth however many NodeLocalDns in it check them. */
const CHART_OBJECTS = new SynthMemo((chart: Chart) =>
  sortForApply(chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson())));
