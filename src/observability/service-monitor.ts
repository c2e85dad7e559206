import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { monitorManifest, ScrapeEndpointModel } from './model/monitor-manifest';
import { endpointModel, MonitorTargeting, namespaceSelectorProblems, SERVICE_TARGETS } from './monitor-support';
import { MonitorLabelSelector, MonitorNamespaceSelector, MonitorEndpointOptions, MonitorTlsConfig } from './monitor-types';
import { registerMonitoringKinds } from './monitoring-kinds';
import { checkProps } from '../core/check-props';
import { objectName } from '../core/object-name';
import { nestProblems, problem, Problem } from '../core/problem';
import { Validations } from '../core/validations';
import { checkEndpoint, checkKubeLabelKeys, checkMonitorOptions, checkSelector } from './model/monitor-targets';
import { Engine, placedIn } from '../core/placement';
import { reportPropsProblems } from '../core/props-problems';

/** One scrape endpoint of a ServiceMonitor. */
export interface ServiceMonitorEndpoint extends MonitorEndpointOptions {
  /**
   * Name of the Service port to scrape.
   *
   * @default - `targetPort` must be set
   */
  readonly port?: string;
  /**
   * Port of the pods behind the Service (number or name), when the Service port has no name.
   *
   * @default - use `port`
   */
  readonly targetPort?: k8s.IntOrString;
  /** How Prometheus verifies the target's certificate and authenticates to it. @default - the system's trusted authorities, no client certificate */
  readonly tlsConfig?: MonitorTlsConfig;
  /** Follow HTTP 3xx redirects. @default true */
  readonly followRedirects?: boolean;
  /** Allow HTTP/2. @default true */
  readonly enableHttp2?: boolean;
}

/** Props of `ServiceMonitor`. */
export interface ServiceMonitorProps {
  /**
   * The Service to scrape, when it is part of this app (an `ApiObject` of kind Service, a cdk8s-plus
   * `Service`, or a construct containing one). The selector defaults to its labels, and synth verifies the
   * selector matches it and every endpoint `port` names one of its ports.
   *
   * @default - no Service of this app is required; give `selector`
   */
  readonly service?: IConstruct;
  /**
   * Selects the Services to scrape. Any Service of this app it selects is checked for the named ports.
   *
   * @default - the labels of `service`
   */
  readonly selector?: MonitorLabelSelector;
  /**
   * Namespaces to look for Services in.
   *
   * @default - the ServiceMonitor's own namespace
   */
  readonly namespaceSelector?: MonitorNamespaceSelector;
  /** The endpoints to scrape (at least one). */
  readonly endpoints: ServiceMonitorEndpoint[];
  /** Service label whose value becomes the `job` label. @default - the Service name */
  readonly jobLabel?: string;
  /** Service labels copied onto the scraped series. @default - none */
  readonly targetLabels?: string[];
  /** Pod labels copied onto the scraped series. @default - none */
  readonly podTargetLabels?: string[];
  /** Per-scrape sample limit. @default - no limit @integer */
  readonly sampleLimit?: number;
  /** Limit of scraped targets. @default - no limit @integer */
  readonly targetLimit?: number;
  /**
   * Metadata of the ServiceMonitor (e.g. the labels your Prometheus's `serviceMonitorSelector` matches).
   *
   * @default - name: the construct id; namespace: the chart's
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A prometheus-operator `ServiceMonitor`: which Services Prometheus scrapes and how.
 *
 * Checked at construction (ports, paths, schemes, durations, scrape timeout ≤ interval, relabelings) and at
 * synth against the app's Services: the selector must match the `service` you name and the endpoint ports
 * must exist on every selected Service of the app.
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 *
 * @example
 * new ServiceMonitor(chart, 'api-monitor', {
 *   service: apiService,
 *   endpoints: [{ port: 'metrics', interval: Duration.seconds(30) }],
 * });
 */
export class ServiceMonitor extends Construct {
  /** The ServiceMonitor object (escape hatch). */
  public readonly apiObject!: ApiObject;

  public constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'ServiceMonitor'), id);
    if (!checkProps(this, 'ServiceMonitorProps', props)) return;
    const targeting = new MonitorTargeting(SERVICE_TARGETS, props.service, props.selector);
    const problems: Problem[] = [...targeting.problems];
    problems.push(...checkSelector('selector', props.selector));
    if (!props.endpoints || props.endpoints.length === 0) {
      problems.push(problem('endpoints', 'must list at least one endpoint', props.endpoints ?? [], 'add { port: "metrics" }'));
    }
    const endpoints: ScrapeEndpointModel[] = (props.endpoints ?? []).map((e, i) => {
      const { model, problems: endpointProblems } = endpointModel(e, e.targetPort?.value);
      problems.push(...nestProblems(`endpoints[${i}]`, [...endpointProblems, ...checkEndpoint(model, false)]));
      return model;
    });
    problems.push(...namespaceSelectorProblems(props.namespaceSelector));
    problems.push(...checkMonitorOptions({ ...props, matchNames: props.namespaceSelector?.matchNames }));
    problems.push(...checkKubeLabelKeys('targetLabels', props.targetLabels));
    problems.push(...checkKubeLabelKeys('podTargetLabels', props.podTargetLabels));
    const { name, problems: nameProblems } = objectName(this, props.metadata?.name);
    problems.push(...nameProblems);
    if (!reportPropsProblems(this, problems)) return;

    registerMonitoringKinds(this);
    this.apiObject = new ApiObject(this, 'Resource', monitorManifest({
      kind: 'ServiceMonitor',
      metadata: { ...props.metadata, name },
      jobLabel: props.jobLabel,
      targetLabels: props.targetLabels,
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
