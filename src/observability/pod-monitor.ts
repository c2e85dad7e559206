import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { monitorManifest, ScrapeEndpointModel } from './model/monitor-manifest';
import { endpointModel, MonitorTargeting, namespaceSelectorProblems, WORKLOAD_TARGETS } from './monitor-support';
import { MonitorLabelSelector, MonitorNamespaceSelector, MonitorSafeTlsConfig, MonitorEndpointOptions } from './monitor-types';
import { registerMonitoringKinds } from './monitoring-kinds';
import { checkProps } from '../core/check-props';
import { objectName } from '../core/object-name';
import { nestProblems, Problem } from '../core/problem';
import { Validations } from '../core/validations';
import { checkEndpoint, checkKubeLabelKeys, checkMonitorOptions, checkSelector } from './model/monitor-targets';
import { Engine, placedIn } from '../core/placement';
import { reportPropsProblems } from '../core/props-problems';

/** One scrape endpoint of a PodMonitor. */
export interface PodMetricsEndpoint extends MonitorEndpointOptions {
  /**
   * Name of the container port to scrape.
   *
   * @default - `portNumber` must be set
   */
  readonly port?: string;
  /**
   * Number of the container port to scrape.
   *
   * @default - use `port`
   * @integer
   */
  readonly portNumber?: number;
  /**
   * Deprecated by prometheus-operator in favour of `port`/`portNumber`.
   *
   * @default - use `port`
   */
  readonly targetPort?: k8s.IntOrString;
  /**
   * How Prometheus verifies the target's certificate and authenticates to it (from Secrets and ConfigMaps only:
   * a PodMonitor cannot name files in the Prometheus container).
   *
   * @default - the system's trusted authorities, no client certificate
   */
  readonly tlsConfig?: MonitorSafeTlsConfig;
}

/** Props of `PodMonitor`. */
export interface PodMonitorProps {
  /**
   * The workload to scrape, when it is part of this app (a Deployment, StatefulSet, DaemonSet, … as an
   * `ApiObject`, a cdk8s-plus workload, or a construct containing one). The selector defaults to its pod
   * template labels, and synth verifies the selector matches them and every endpoint `port` names one of its
   * container ports.
   *
   * @default - no workload of this app is required; give `selector`
   */
  readonly workload?: IConstruct;
  /**
   * Selects the pods to scrape. Any workload of this app whose pods it selects is checked for the ports.
   *
   * @default - the pod template labels of `workload`
   */
  readonly selector?: MonitorLabelSelector;
  /**
   * Namespaces to look for pods in.
   *
   * @default - the PodMonitor's own namespace
   */
  readonly namespaceSelector?: MonitorNamespaceSelector;
  /**
   * The endpoints to scrape.
   *
   * @default - none (the CRD allows it, but nothing is scraped)
   */
  readonly podMetricsEndpoints?: PodMetricsEndpoint[];
  /** Pod label whose value becomes the `job` label. @default - `<namespace>/<podmonitor name>` */
  readonly jobLabel?: string;
  /** Pod labels copied onto the scraped series. @default - none */
  readonly podTargetLabels?: string[];
  /** Per-scrape sample limit. @default - no limit @integer */
  readonly sampleLimit?: number;
  /** Limit of scraped targets. @default - no limit @integer */
  readonly targetLimit?: number;
  /**
   * Metadata of the PodMonitor (e.g. the labels your Prometheus's `podMonitorSelector` matches).
   *
   * @default - name: the construct id; namespace: the chart's
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A prometheus-operator `PodMonitor`: which pods Prometheus scrapes directly, without a Service.
 *
 * Checked at construction and at synth against the app's workloads: the selector must match the `workload`
 * you name and endpoint ports must exist in the containers of every selected workload of the app.
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PodMonitor
 *
 * @example
 * new PodMonitor(chart, 'worker-monitor', {
 *   workload: workerDeployment,
 *   podMetricsEndpoints: [{ port: 'metrics' }],
 * });
 */
export class PodMonitor extends Construct {
  /** The PodMonitor object (escape hatch). */
  public readonly apiObject!: ApiObject;

  public constructor(scope: Construct, id: string, props: PodMonitorProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'PodMonitor'), id);
    if (!checkProps(this, 'PodMonitorProps', props)) return;
    const targeting = new MonitorTargeting(WORKLOAD_TARGETS, props.workload, props.selector);
    const problems: Problem[] = [...targeting.problems];
    problems.push(...checkSelector('selector', props.selector));
    const endpoints: ScrapeEndpointModel[] = (props.podMetricsEndpoints ?? []).map((e, i) => {
      const { model, problems: endpointProblems } = endpointModel(e, e.targetPort?.value);
      problems.push(...nestProblems(`podMetricsEndpoints[${i}]`, [...endpointProblems, ...checkEndpoint(model, true)]));
      return model;
    });
    problems.push(...namespaceSelectorProblems(props.namespaceSelector));
    problems.push(...checkMonitorOptions({ ...props, matchNames: props.namespaceSelector?.matchNames }));
    problems.push(...checkKubeLabelKeys('podTargetLabels', props.podTargetLabels));
    const { name, problems: nameProblems } = objectName(this, props.metadata?.name);
    problems.push(...nameProblems);
    if (!reportPropsProblems(this, problems)) return;

    registerMonitoringKinds(this);
    this.apiObject = new ApiObject(this, 'Resource', monitorManifest({
      kind: 'PodMonitor',
      metadata: { ...props.metadata, name },
      jobLabel: props.jobLabel,
      podTargetLabels: props.podTargetLabels,
      sampleLimit: props.sampleLimit,
      targetLimit: props.targetLimit,
      namespaceSelector: props.namespaceSelector,
      selector: Lazy.any({ produce: () => targeting.selector() }),
      endpoints,
    }));

    Validations.add(this, {
      problems: () => targeting.synthProblems(this, { ...props.namespaceSelector, own: this.apiObject.toJson().metadata?.namespace }, endpoints),
    });
  }
}
