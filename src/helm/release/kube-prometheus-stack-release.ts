import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KUBE_PROMETHEUS_STACK_CHART, WARNING_NAMESPACE_LABELS_UNKNOWN } from './conventions';
import { HelmRelease, HelmReleaseOptions } from './helm-release';
import { kubePrometheusStackChartValues, SELECTOR_FIELDS } from './kube-prometheus-stack-chart-values';
import { KubePrometheusStackValues } from './kube-prometheus-stack-values';
import { kpsAgreement, KpsSelection, kpsSelection, SelectableObject } from './model/kube-prometheus-stack';
import { jsonObjectProblems, mergeValues } from './model/release';
import { checkProps } from '../../core/check-props';
import { isTerraformStack } from '../../core/placement';
import { Problem, problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';
import { Validations } from '../../core/validations';
import { Warnings } from '../../core/warnings';
import { GrafanaDashboard } from '../../observability/grafana-dashboard';
import { checkSelector } from '../../observability/model/monitor-targets';

/** Props of `KubePrometheusStackRelease`. */
export interface KubePrometheusStackReleaseProps extends HelmReleaseOptions {
  /** The chart version, exact (e.g. "79.5.0"). */
  readonly version: string;
  /**
   * Where the chart comes from: the prometheus-community repository or a mirror of it (https or oci).
   *
   * @default "https://prometheus-community.github.io/helm-charts"
   */
  readonly repository?: string;
  /** Typed values. @default - the chart's defaults */
  readonly values?: KubePrometheusStackValues;
}

/** The kinds a kube-prometheus-stack release selects. */
const SELECTED_KINDS = ['PrometheusRule', 'ServiceMonitor', 'PodMonitor', 'Probe', 'AlertmanagerConfig'];

/**
 * A release of kube-prometheus-stack (Prometheus, Alertmanager and Grafana run by prometheus-operator) with typed
 * values, which the program agrees with: at synth, every PrometheusRule, ServiceMonitor, PodMonitor, Probe and
 * AlertmanagerConfig of the app must be selected by the release's selectors (and their namespace selectors), and
 * every `GrafanaDashboard` ConfigMap must carry the Grafana sidecar's label; a mismatch is an error naming the
 * object's and the release's construct paths (rule `helm/selector-agreement`).
 *
 * With the chart's defaults the selectors require the label `release: <releaseName>`.
 *
 * @example
 * const kps = new KubePrometheusStackRelease(app.k8s, 'monitoring', { namespace: 'monitoring', version: '79.5.0' });
 * new PrometheusRules(chart, 'api', { metadata: { labels: { release: 'monitoring' } }, groups });
 * new TerraformHelmRelease(stack, 'monitoring', { release: kps });
 * @see https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack
 */
export class KubePrometheusStackRelease extends HelmRelease {
  /** What the release selects, computed from its values as the chart's templates do. */
  private readonly selection?: KpsSelection;

  public constructor(scope: Construct, id: string, props: KubePrometheusStackReleaseProps) {
    const typed = safely(() => kubePrometheusStackChartValues(props?.values ?? {}));
    const merged = safely(() => mergeValues(typed?.values ?? {}, props?.values?.extraValues, 'values.extraValues'));
    super(scope, id, {
      releaseName: props?.releaseName,
      namespace: props?.namespace,
      valuesFile: props?.valuesFile,
      chart: KUBE_PROMETHEUS_STACK_CHART.chart,
      repository: props?.repository ?? KUBE_PROMETHEUS_STACK_CHART.repository,
      version: props?.version,
      values: merged?.values ?? {},
    });
    if (!checkProps(this, 'KubePrometheusStackReleaseProps', props)) return;
    const problems: Problem[] = [...(typed?.problems ?? []), ...(merged?.problems ?? [])];
    if (this.node.scopes.some((s) => isTerraformStack(s))) {
      // the agreement check sees the objects of its own construct tree: the app's Kubernetes objects are in the cdk8s tree
      problems.push(problem('scope', 'must be the app\'s cdk8s tree (app.k8s) or a chart, where the objects it selects are', this.node.scope?.node.path,
        'create the release under app.k8s and pass it to TerraformHelmRelease in the stack'));
    }
    if (props.values?.extraValues !== undefined) problems.push(...jsonObjectProblems('values.extraValues', props.values.extraValues));
    const p = props.values?.prometheus ?? {};
    for (const f of SELECTOR_FIELDS) {
      if (!f.endsWith('NilUsesHelmValues')) problems.push(...checkSelector(`values.prometheus.${f}`, p[f] as any));
    }
    const a = props.values?.alertmanager ?? {};
    problems.push(...checkSelector('values.alertmanager.alertmanagerConfigSelector', a.alertmanagerConfigSelector as any));
    problems.push(...checkSelector('values.alertmanager.alertmanagerConfigNamespaceSelector', a.alertmanagerConfigNamespaceSelector as any));
    if (p.replicas !== undefined && !(Number.isInteger(p.replicas) && p.replicas >= 1)) {
      problems.push(problem('values.prometheus.replicas', 'must be a whole number >= 1', p.replicas, 'use e.g. 2'));
    }
    if (!reportPropsProblems(this, problems)) return;
    this.selection = kpsSelection(this.values, this.releaseName, this.namespace);
    // the objects of the app are known only at synth (constructs may be added after this one)
    Validations.add(this, { problems: () => this.agreementProblems() });
  }

  private agreementProblems(): Problem[] {
    if (!this.selection) return [];
    const root = this.node.root;
    const objects: SelectableObject[] = [];
    const namespaces = new Map<string, { [key: string]: string }>();
    const all = root.node.findAll();
    for (const c of all) {
      if (!(c instanceof ApiObject)) continue;
      if (c.kind === 'Namespace' && c.apiVersion === 'v1') namespaces.set(c.name, { ...(c.metadata.toJson().labels ?? {}) });
      if (SELECTED_KINDS.includes(c.kind)) objects.push(selectable(c, c));
    }
    for (const c of all) {
      if (c instanceof GrafanaDashboard && c.configMap) objects.push({ ...selectable(c.configMap, c), dashboard: true });
    }
    const findings = kpsAgreement(this.selection, { name: this.releaseName, namespace: this.namespace, path: this.node.path }, objects, namespaces);
    for (const w of findings.warnings) Warnings.add(this, WARNING_NAMESPACE_LABELS_UNKNOWN, w);
    return findings.problems;
  }
}

function selectable(o: ApiObject, owner: IConstruct): SelectableObject {
  const m = o.metadata.toJson();
  return { kind: o.kind, name: o.name, namespace: m.namespace ?? 'default', labels: m.labels ?? {}, path: constructPath(owner) };
}

/** The construct path of what the user created: the construct that owns an object (`Resource` is its child). */
function constructPath(c: IConstruct): string {
  return c.node.id === 'Resource' && c.node.scope ? c.node.scope.node.path : c.node.path;
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined; // the props are reported by checkProps
  }
}
