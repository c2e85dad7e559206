import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { durationPropMs } from '../core/duration';
import { nestProblems, problem, Problem } from '../core/problem';
import { SynthMemo } from '../core/validations';
import { Warnings } from '../core/warnings';
import { ScrapeEndpointModel, tlsConfigProblems } from './model/monitor-manifest';
import { checkMonitorTargets, EndpointSpec, NamespaceScope, SelectorSpec, TargetObject, unmatchedSelectorWarning } from './model/monitor-targets';
import { MonitorEndpointOptions, MonitorNamespaceSelector, MonitorTlsConfig } from './monitor-types';

// Internal helpers of ServiceMonitor and PodMonitor (not part of the public API).

/** The endpoint props of ServiceMonitor and PodMonitor: the shared ones, and the union of those that differ. */
type EndpointProps = MonitorEndpointOptions & {
  readonly port?: string;
  readonly portNumber?: number;
  readonly tlsConfig?: MonitorTlsConfig;
  readonly followRedirects?: boolean;
  readonly enableHttp2?: boolean;
};

/**
 * An endpoint's props as the monitor model sees them (durations in milliseconds), with the problems of the
 * props the model cannot see (a duration that is not a cdk8s Duration, a TLS configuration prometheus-operator
 * rejects). Field names are relative to the endpoint.
 */
export function endpointModel(e: EndpointProps, targetPort: string | number | undefined): { model: ScrapeEndpointModel; problems: Problem[] } {
  const interval = durationPropMs('interval', e.interval);
  const timeout = durationPropMs('scrapeTimeout', e.scrapeTimeout);
  const problems = [...interval.problems, ...timeout.problems, ...(e.tlsConfig ? nestProblems('tlsConfig', tlsConfigProblems(e.tlsConfig)) : [])];
  return {
    problems,
    model: {
      port: e.port,
      portNumber: e.portNumber,
      targetPort,
      path: e.path,
      scheme: e.scheme,
      intervalMs: interval.ms,
      scrapeTimeoutMs: timeout.ms,
      honorLabels: e.honorLabels,
      honorTimestamps: e.honorTimestamps,
      params: e.params,
      relabelings: e.relabelings,
      metricRelabelings: e.metricRelabelings,
      bearerTokenSecret: e.bearerTokenSecret,
      tlsConfig: e.tlsConfig,
      followRedirects: e.followRedirects,
      enableHttp2: e.enableHttp2,
    },
  };
}

/** The ApiObject of a construct given as a Service or workload (an ApiObject, a cdk8s-plus resource, or a construct holding one). */
export function apiObjectOf(c: IConstruct, kinds: readonly string[]): ApiObject | undefined {
  if (c === null || typeof c !== 'object' || !(c as any).node) return undefined;
  if (c instanceof ApiObject && kinds.includes(c.kind)) return c;
  const direct = (c as any).apiObject;
  if (direct instanceof ApiObject && kinds.includes(direct.kind)) return direct;
  return c.node.findAll().find((x): x is ApiObject => x instanceof ApiObject && kinds.includes(x.kind));
}

/** Every ApiObject of the app with one of the kinds. */
export function appObjects(scope: IConstruct, kinds: readonly string[]): ApiObject[] {
  return scope.node.root.node.findAll().filter((x): x is ApiObject => x instanceof ApiObject && kinds.includes(x.kind));
}

/** The targets of each kind in an app, found with one walk of the app per synth however many monitors ask. */
const APP_TARGETS = new SynthMemo((_root: IConstruct) => new Map<MonitorTargetKind, TargetObject[]>());

function appTargets(scope: IConstruct, kind: MonitorTargetKind): TargetObject[] {
  const byKind = APP_TARGETS.get(scope.node.root);
  let targets = byKind.get(kind);
  if (!targets) {
    targets = appObjects(scope, kind.kinds).map(kind.toTarget);
    byKind.set(kind, targets);
  }
  return targets;
}

/** A Service as a target of the cross-object checks. */
export function serviceTarget(o: ApiObject): TargetObject {
  const j = o.toJson();
  return {
    kind: 'Service',
    name: j.metadata?.name,
    namespace: j.metadata?.namespace,
    labels: j.metadata?.labels,
    portNames: (j.spec?.ports ?? []).map((p: any) => p.name).filter((n: any) => typeof n === 'string'),
  };
}

/** A workload's pod template as a target of the cross-object checks. */
export function workloadTarget(o: ApiObject): TargetObject {
  const j = o.toJson();
  const pod = j.kind === 'Pod' ? j : j.kind === 'CronJob' ? j.spec?.jobTemplate?.spec?.template : j.spec?.template;
  const containers = [...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])];
  return {
    kind: j.kind,
    name: j.metadata?.name,
    namespace: j.metadata?.namespace,
    labels: pod?.metadata?.labels,
    portNames: containers.flatMap((ct: any) => (ct.ports ?? []).map((p: any) => p.name)).filter((n: any) => typeof n === 'string'),
  };
}

/** Kinds whose pod templates a PodMonitor can select. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];

/** A namespace selector may say `any` or list names, not both. */
export function namespaceSelectorProblems(ns: MonitorNamespaceSelector | undefined): Problem[] {
  return ns?.any && ns.matchNames?.length
    ? [problem('namespaceSelector', 'must set either any or matchNames, not both', ns, 'remove one')]
    : [];
}

/** What a monitor scrapes: Services (ServiceMonitor) or workloads' pods (PodMonitor). */
interface MonitorTargetKind {
  readonly monitorKind: 'ServiceMonitor' | 'PodMonitor';
  /** The prop naming the target, e.g. `service`. */
  readonly prop: string;
  /** The kinds the target may be. */
  readonly kinds: readonly string[];
  /** What the prop must be, e.g. `must be a Service (…)`. */
  readonly expected: string;
  /** The placeholder in the selector fix, e.g. `<your Service>`. */
  readonly example: string;
  /** What carries the labels, e.g. `Service` or `pod template`. */
  readonly labelled: string;
  readonly toTarget: (o: ApiObject) => TargetObject;
}

/** The target kinds of ServiceMonitor and PodMonitor. */
export const SERVICE_TARGETS: MonitorTargetKind = {
  monitorKind: 'ServiceMonitor',
  prop: 'service',
  kinds: ['Service'],
  labelled: 'Service',
  example: '<your Service>',
  expected: 'must be a Service (an ApiObject of kind Service or a construct containing one)',
  toTarget: serviceTarget,
};
export const WORKLOAD_TARGETS: MonitorTargetKind = {
  monitorKind: 'PodMonitor',
  prop: 'workload',
  kinds: WORKLOAD_KINDS,
  labelled: 'pod template',
  example: '<your Deployment>',
  expected: `must be a workload (${WORKLOAD_KINDS.join(', ')})`,
  toTarget: workloadTarget,
};

/**
 * The target a monitor names and the selector it uses: the explicit one, or the target's labels. Shared by
 * ServiceMonitor and PodMonitor: construction-time checks, the lazily rendered selector and the synth checks.
 */
export class MonitorTargeting {
  /** The ApiObject of the named target, when one was named and found. */
  public readonly target?: ApiObject;
  /** Problems with the target and selector props, to report at construction. */
  public readonly problems: Problem[] = [];

  public constructor(private readonly kind: MonitorTargetKind, named: IConstruct | undefined, private readonly explicit: SelectorSpec | undefined) {
    this.target = named ? apiObjectOf(named, kind.kinds) : undefined;
    if (named && !this.target) {
      this.problems.push(problem(kind.prop, kind.expected, (named as any).node?.path ?? named, `pass the ${kind.prop} construct`));
    }
    if (!explicit && !named) {
      this.problems.push(problem('selector', `must be set when no ${kind.prop} is given`, undefined,
        `give selector: { matchLabels: { … } } or ${kind.prop}: ${kind.example}`));
    }
  }

  /** The selector: the explicit one, or the named target's labels. */
  public selector(): SelectorSpec {
    return this.explicit ?? { matchLabels: this.kind.toTarget(this.target!).labels ?? {} };
  }

  /** Synth checks: the selector matches the named target and every endpoint port exists on what it selects. */
  public synthProblems(scope: IConstruct, ns: NamespaceScope, endpoints: readonly EndpointSpec[]): Problem[] {
    // A selector taken from an object without labels is {}, which selects everything in the namespace.
    if (!this.explicit && Object.keys(this.selector().matchLabels ?? {}).length === 0) {
      return [problem(this.kind.prop, `must carry labels when selector is not given (an empty selector selects every ${this.kind.labelled} in the namespace)`,
        `${this.target!.kind}/${this.target!.toJson().metadata?.name}`, `label the ${this.kind.labelled}, or give selector: { matchLabels: { … } }`)];
    }
    const candidates = appTargets(scope, this.kind);
    if (!this.target) {
      const warning = unmatchedSelectorWarning(this.kind.monitorKind, this.selector(), ns, candidates);
      if (warning !== undefined) Warnings.add(scope, 'opskit:observability/selector-matches-nothing', warning);
    }
    return checkMonitorTargets(this.kind.monitorKind, this.selector(), ns, endpoints, candidates,
      this.target ? this.kind.toTarget(this.target) : undefined);
  }
}
