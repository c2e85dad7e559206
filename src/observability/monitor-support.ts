import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { problem, Problem } from '../core/problem';
import { TargetObject } from './model/monitor-targets';
import { MonitorNamespaceSelector } from './monitor-types';

// Internal helpers of ServiceMonitor and PodMonitor (not part of the public API).

/** Drops undefined fields (objects stay deterministic and minimal). */
export function compact<T extends object>(o: T): T {
  const out: any = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** The ApiObject of a construct given as a Service or workload (an ApiObject, a cdk8s-plus resource, or a construct holding one). */
export function apiObjectOf(c: IConstruct, kinds: readonly string[]): ApiObject | undefined {
  if (c instanceof ApiObject && kinds.includes(c.kind)) return c;
  const direct = (c as any).apiObject;
  if (direct instanceof ApiObject && kinds.includes(direct.kind)) return direct;
  return c.node.findAll().find((x): x is ApiObject => x instanceof ApiObject && kinds.includes(x.kind));
}

/** Every ApiObject of the app with one of the kinds. */
export function appObjects(scope: IConstruct, kinds: readonly string[]): ApiObject[] {
  return scope.node.root.node.findAll().filter((x): x is ApiObject => x instanceof ApiObject && kinds.includes(x.kind));
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

/** The scrape settings ServiceMonitor and PodMonitor endpoints share, rendered with the CRD's field names. */
export function renderScrapeSettings(e: any): any {
  return compact({
    path: e.path,
    scheme: e.scheme,
    interval: e.interval,
    scrapeTimeout: e.scrapeTimeout,
    honorLabels: e.honorLabels,
    honorTimestamps: e.honorTimestamps,
    params: e.params,
    relabelings: e.relabelings?.map((r: any) => compact({ ...r })),
    metricRelabelings: e.metricRelabelings?.map((r: any) => compact({ ...r })),
    bearerTokenSecret: e.bearerTokenSecret,
    tlsConfig: e.tlsConfig,
  });
}

/** The `namespaceSelector` of a monitor, rendered; `undefined` when not given. */
export function renderNamespaceSelector(ns: MonitorNamespaceSelector | undefined): any {
  return ns ? compact({ any: ns.any, matchNames: ns.matchNames }) : undefined;
}

/** A namespace selector may say `any` or list names, not both. */
export function namespaceSelectorProblems(ns: MonitorNamespaceSelector | undefined): Problem[] {
  return ns?.any && ns.matchNames?.length
    ? [problem('namespaceSelector', 'must set either any or matchNames, not both', ns, 'remove one')]
    : [];
}
