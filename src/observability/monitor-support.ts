import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { TargetObject } from './model/monitor-targets';

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
