import { TerraformProvider } from 'cdktn';
import { Construct } from 'constructs';
import { checkProps } from '../../core/check-props';
import { Engine, placedIn } from '../../core/placement';
import { Problem, problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';
import { Warnings } from '../../core/warnings';
import { HelmRelease } from '../../helm/release/helm-release';
import { EXACT_CHART_VERSION, TRUSTED_CHART_REPOSITORY } from '../../helm/release/model/release';
import { cloneJson } from '../../operator/model/json-schema';
import { TerraformHelmRelease } from '../../terraform/terraform-helm-release';
import {
  DELIVERYHERO_CHART, deliveryheroValues, ipvsPostRenderArgs, validateHelmDelivery,
} from '../model/helm-values';
import { isCilium } from '../model/node-local-dns-spec';
import { checkNodeLocalDns } from '../model/rules';
import type { INodeLocalDns } from '../node-local-dns';
import { maxUnavailableOf, NodeLocalDnsProps, resolveNodeLocalDnsSpec, validateNodeLocalDnsProps } from '../node-local-dns-props';
import { goDuration } from '../options-convert';
import { ProxyMode } from '../proxy-mode';

/**
 * Props of `NodeLocalDnsHelmRelease`: the props of `NodeLocalDns` (the chart values are derived from them) and
 * where the chart comes from. `metadata.name` is the Helm release name (the chart derives its object names from
 * it), `metadata.namespace` must be `kube-system` (the chart hard-codes it), and `metadata.labels` /
 * `annotations` are a props problem (the chart has no value for them).
 */
export interface NodeLocalDnsHelmReleaseProps extends NodeLocalDnsProps {
  /** Chart version (deliveryhero `node-local-dns`), exact: ranges and `latest` are rejected. @default "2.9.2" */
  readonly chartVersion?: string;
  /** Chart repository, an `https://` or `oci://` URL. @default "oci://ghcr.io/deliveryhero/helm-charts" */
  readonly repository?: string;
  /** The Helm provider. @default - the stack's default `helm` provider */
  readonly provider?: TerraformProvider;
}

/**
 * Delivers NodeLocal DNSCache from a Terraform stack as a `helm_release` of the community
 * node-local-dns chart (deliveryhero): the alternative to the manifests of `NodeLocalDns`, configured with the
 * same props, with values derived from them.
 *
 * The values carry opskit's rendered Corefile (`config.customConfig`) and the matching chart settings;
 * in IPVS mode a `sed` post-renderer drops the kube-dns IP from `-localip`, exactly as the upstream IPVS
 * instructions do. Settings the chart cannot express (another namespace or metrics port, the HA pair,
 * the Cilium modes) fail with a message saying so.
 *
 * @example
 * new HelmProvider(stack, 'helm', { kubernetes: { configPath: '~/.kube/config' } });
 * const dns = new NodeLocalDnsHelmRelease(stack, 'node-local-dns', { kubeDnsIp: '172.20.0.10', mode: ProxyMode.IPVS });
 * new EksNodeConfig(stack, 'nodes', { nodeLocalDns: dns });
 */
export class NodeLocalDnsHelmRelease extends Construct implements INodeLocalDns {
  /** The proxy mode. */
  public readonly mode!: ProxyMode;
  /** The link-local IP the cache listens on. */
  public readonly localIp!: string;
  /** The kube-dns Service IP. */
  public readonly kubeDnsIp!: string;
  /** The chart values (before Terraform escaping). */
  public readonly values: any;
  /** The release: the deliveryhero chart, its version and the values. */
  public readonly release!: HelmRelease;
  /** The `helm_release` resource (escape hatch). */
  public readonly resource!: TerraformHelmRelease;

  public constructor(scope: Construct, id: string, props: NodeLocalDnsHelmReleaseProps) {
    super(placedIn(scope, id, Engine.TERRAFORM, 'NodeLocalDnsHelmRelease'), id);
    if (!checkProps(this, 'NodeLocalDnsHelmReleaseProps', props)) return;
    if (!reportPropsProblems(this, [...validateNodeLocalDnsProps(props), ...chartSourceProblems(props), ...releaseMetadataProblems(props)])) return;
    const spec = resolveNodeLocalDnsSpec(props);
    const cilium = isCilium(spec.mode);
    this.values = deliveryheroValues(spec, {
      requests: quantities(props.resources?.requests) ?? { cpu: '25m', memory: '5Mi' },
      limits: quantities(props.resources?.limits),
      scrapeAnnotations: props.scrapeAnnotations ?? props.serviceMonitor !== true,
      serviceMonitor: props.serviceMonitor ? {
        labels: props.serviceMonitorOptions?.labels,
        interval: props.serviceMonitorOptions?.interval && goDuration(props.serviceMonitorOptions.interval),
      } : undefined,
      maxUnavailable: maxUnavailableOf(props).toJson(),
      tolerations: props.tolerations ?? [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { effect: 'NoExecute', operator: 'Exists' },
        { effect: 'NoSchedule', operator: 'Exists' },
      ],
      securityContext: cilium
        ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, seccompProfile: { type: 'RuntimeDefault' } }
        : { capabilities: { add: ['NET_ADMIN'] } },
    });
    const problems = [
      ...validateHelmDelivery(spec, this.values),
      // the props-level rules (addresses, stub domains, image, kubelet) apply to the chart too; the rules about
      // emitted objects are the chart's business (checked above where the chart differs)
      ...checkNodeLocalDns({ spec, objects: [] }).errors.filter((p) => p.rule !== 'dns/network-policy'),
    ];
    if (!reportPropsProblems(this, problems)) return;
    this.mode = props.mode ?? ProxyMode.IPTABLES;
    this.localIp = spec.localIp;
    this.kubeDnsIp = spec.kubeDnsIp;
    if (props.errorAlert) {
      Warnings.add(this, 'opskit:dns/helm-chart-without-error-alert', 'errorAlert is not part of the Helm chart — emit the PrometheusRule from a NodeLocalDns in a chart, or with PrometheusRules');
    }
    if (props.egressPolicyNamespaces) {
      Warnings.add(this, 'opskit:dns/helm-chart-without-egress-policies', 'egressPolicyNamespaces is not part of the Helm chart — emit the NetworkPolicies from a NodeLocalDns in a chart');
    }
    const postArgs = ipvsPostRenderArgs(spec);
    // the release (chart, version, values) and its delivery as a helm_release; no values file (it lives in a stack)
    this.release = new HelmRelease(this, 'Release', {
      releaseName: spec.name,
      repository: props.repository ?? DELIVERYHERO_CHART.repository,
      chart: DELIVERYHERO_CHART.chart,
      version: props.chartVersion ?? DELIVERYHERO_CHART.version,
      namespace: spec.namespace,
      values: cloneJson(this.values), // plain data (undefined fields dropped); literal `${`/`%{` escaped by the stack (core/terraform-safe-text.ts)
      valuesFile: false,
    });
    this.resource = new TerraformHelmRelease(this, 'Resource', {
      release: this.release,
      postrender: postArgs ? { binaryPath: 'sed', args: postArgs } : undefined,
      provider: props.provider,
    });
  }
}

/** The chart takes no common labels or annotations: `metadata` names the release and its namespace only. */
function releaseMetadataProblems(props: NodeLocalDnsHelmReleaseProps): Problem[] {
  return (['labels', 'annotations'] as const).filter((key) => props.metadata?.[key] !== undefined).map((key) =>
    problem(`metadata.${key}`, 'cannot be delivered by the Helm chart (it has no value putting them on every object)', props.metadata![key], 'remove them, or deliver through manifests (NodeLocalDns)', 'dns/helm-delivery'));
}

function chartSourceProblems(props: NodeLocalDnsHelmReleaseProps): Problem[] {
  const out: Problem[] = [];
  if (props.chartVersion !== undefined && (typeof props.chartVersion !== 'string' || !EXACT_CHART_VERSION.test(props.chartVersion))) {
    out.push(problem('chartVersion', 'must be an exact chart version (no range, not latest)', props.chartVersion,
      `pin a released version such as "${DELIVERYHERO_CHART.version}"`, 'dns/image-pinned'));
  }
  if (props.repository !== undefined && (typeof props.repository !== 'string' || !TRUSTED_CHART_REPOSITORY.test(props.repository))) {
    out.push(problem('repository', 'must be an https:// or oci:// URL (plain http cannot be trusted)', props.repository,
      `use e.g. "${DELIVERYHERO_CHART.repository}"`));
  }
  return out;
}

function quantities(m: { [k: string]: { value: string | number } } | undefined): { [k: string]: string } | undefined {
  if (!m) return undefined;
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v.value)]));
}
