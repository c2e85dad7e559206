import { isDns1123Label, isDns1123Subdomain, labelProblems, qualifiedNameProblems } from '../names';
import { portNameProblems as corePortNameProblems, portNumberProblems as corePortNumberProblems } from '../ports';
import { Problem, problem } from '../problem';
import { isBuiltinClusterScoped } from './builtin-kinds';
import { childField } from './object-path';

/*
 * Value rules the Kubernetes API server enforces on built-in objects that the OpenAPI schema does not
 * express (and kubernetes-models therefore does not check): names, label syntax, port ranges, replica
 * counts, Service ports, workload selectors. Pure; every rule returns problems, never throws.
 */

/** Kinds whose names must be DNS-1123 labels rather than subdomains. */
const LABEL_NAMED = new Set(['Namespace', 'Service']);
/** Kinds whose names may contain characters beyond DNS-1123 (path segment names). */
const PATH_SEGMENT_NAMED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function nameProblems(obj: any): Problem[] {
  const name = obj.metadata?.name;
  const kind = String(obj.kind);
  if (name === undefined) {
    return obj.metadata?.generateName ? [] : [problem('metadata.name', 'is required', undefined, 'give the object a name')];
  }
  if (typeof name !== 'string') return [];
  if (PATH_SEGMENT_NAMED.has(kind)) {
    return name.length > 0 && !name.includes('/') && !name.includes('%') && name !== '.' && name !== '..' ? []
      : [problem('metadata.name', 'must be a valid path segment name (no "/" or "%")', name, 'rename the object')];
  }
  if (LABEL_NAMED.has(kind)) {
    return isDns1123Label(name) ? [] : [problem('metadata.name', 'must be a DNS-1123 label (at most 63 lowercase alphanumerics or "-", starting and ending alphanumeric)', name, 'use a lowercase name such as "my-service"')];
  }
  return isDns1123Subdomain(name) ? [] : [problem('metadata.name', 'must be a DNS-1123 subdomain (lowercase alphanumerics, "-" or ".", at most 253 characters)', name, 'use a lowercase name such as "my-app"')];
}

function metadataProblems(obj: any): Problem[] {
  const problems = nameProblems(obj);
  const ns = obj.metadata?.namespace;
  if (typeof ns === 'string' && !isDns1123Label(ns)) {
    problems.push(problem('metadata.namespace', 'must be a DNS-1123 label', ns, 'use a lowercase namespace such as "monitoring"'));
  }
  if (ns !== undefined && isBuiltinClusterScoped(String(obj.apiVersion), String(obj.kind))) {
    problems.push(problem('metadata.namespace', `must not be set on the cluster-scoped kind ${obj.kind}`, ns, 'remove the namespace'));
  }
  problems.push(...labelProblems('metadata.labels', obj.metadata?.labels));
  for (const key of Object.keys(obj.metadata?.annotations ?? {})) {
    problems.push(...qualifiedNameProblems(childField('metadata.annotations', key), key));
  }
  return problems;
}

function portNumberProblems(field: string, value: unknown): Problem[] {
  return typeof value === 'number' ? corePortNumberProblems(field, value) : [];
}

function portNameProblems(field: string, value: unknown): Problem[] {
  return typeof value === 'string' ? corePortNameProblems(field, value) : [];
}

function podSpecProblems(field: string, spec: any): Problem[] {
  if (!spec || typeof spec !== 'object') return [];
  const problems: Problem[] = [];
  for (const listName of ['initContainers', 'containers']) {
    const list = Array.isArray(spec[listName]) ? spec[listName] : [];
    list.forEach((c: any, i: number) => {
      const cf = `${field}.${listName}[${i}]`;
      if (typeof c?.name === 'string' && !isDns1123Label(c.name)) {
        problems.push(problem(`${cf}.name`, 'must be a DNS-1123 label', c.name, 'use a lowercase container name'));
      }
      (Array.isArray(c?.ports) ? c.ports : []).forEach((p: any, j: number) => {
        problems.push(...portNumberProblems(`${cf}.ports[${j}].containerPort`, p?.containerPort));
        problems.push(...portNumberProblems(`${cf}.ports[${j}].hostPort`, p?.hostPort));
        problems.push(...portNameProblems(`${cf}.ports[${j}].name`, p?.name));
      });
    });
  }
  if (Array.isArray(spec.containers) && spec.containers.length === 0) {
    problems.push(problem(`${field}.containers`, 'must contain at least one container', [], 'add a container'));
  }
  // the API server rejects a container name used twice (init and app containers share one namespace of names)
  const names = new Map<string, string>();
  for (const listName of ['initContainers', 'containers']) {
    (Array.isArray(spec[listName]) ? spec[listName] : []).forEach((c: any, i: number) => {
      if (typeof c?.name !== 'string') return;
      const prior = names.get(c.name);
      if (prior !== undefined) {
        problems.push(problem(`${field}.${listName}[${i}].name`, `must be unique in the pod, but ${prior} has the same name`, c.name, 'rename one of the containers'));
      } else {
        names.set(c.name, `${listName}[${i}]`);
      }
      if (spec.hostNetwork !== true) return;
      (Array.isArray(c?.ports) ? c.ports : []).forEach((p: any, j: number) => {
        if (typeof p?.hostPort === 'number' && p.hostPort !== p.containerPort) {
          problems.push(problem(`${field}.${listName}[${i}].ports[${j}].hostPort`, `must equal containerPort (${p.containerPort}) when hostNetwork is true`, p.hostPort,
            'remove hostPort: in the host network the container port is the host port'));
        }
      });
    });
  }
  return problems;
}

function serviceProblems(obj: any): Problem[] {
  const spec = obj.spec ?? {};
  const problems: Problem[] = [];
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && spec.type !== 'ExternalName' && !headless) {
    problems.push(problem('spec.ports', 'must list at least one port (only ExternalName and headless Services may have none)', spec.ports ?? [], 'add a port, e.g. { port: 80, targetPort: 8080 }'));
  }
  ports.forEach((p: any, i: number) => {
    problems.push(...portNumberProblems(`spec.ports[${i}].port`, p?.port));
    problems.push(...portNumberProblems(`spec.ports[${i}].targetPort`, p?.targetPort));
    problems.push(...portNumberProblems(`spec.ports[${i}].nodePort`, p?.nodePort));
    if (typeof p?.targetPort === 'string') problems.push(...portNameProblems(`spec.ports[${i}].targetPort`, p.targetPort));
  });
  if (ports.length > 1) {
    ports.forEach((p: any, i: number) => {
      if (!p?.name) problems.push(problem(`spec.ports[${i}].name`, 'is required when a Service has more than one port', undefined, 'name every port'));
    });
  }
  // the API server rejects the same port name, or the same port and protocol, twice
  const byName = new Map<string, number>();
  const byPort = new Map<string, number>();
  ports.forEach((p: any, i: number) => {
    if (typeof p?.name === 'string' && p.name !== '') {
      const prior = byName.get(p.name);
      if (prior !== undefined) problems.push(problem(`spec.ports[${i}].name`, `must be unique, but spec.ports[${prior}] has the same name`, p.name, 'give every port its own name'));
      else byName.set(p.name, i);
    }
    if (typeof p?.port === 'number') {
      const key = `${p.port}/${p.protocol ?? 'TCP'}`;
      const prior = byPort.get(key);
      if (prior !== undefined) problems.push(problem(`spec.ports[${i}]`, `must not repeat port ${key} of spec.ports[${prior}]`, key, 'remove the duplicate port or change its port or protocol'));
      else byPort.set(key, i);
    }
  });
  return problems;
}

function workloadProblems(obj: any): Problem[] {
  const spec = obj.spec ?? {};
  const problems: Problem[] = [];
  if (typeof spec.replicas === 'number' && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    problems.push(problem('spec.replicas', 'must be a non-negative integer', spec.replicas, 'use 0 or more replicas'));
  }
  problems.push(...podSpecProblems('spec.template.spec', spec.template?.spec));
  problems.push(...labelProblems('spec.template.metadata.labels', spec.template?.metadata?.labels));
  const matchLabels = spec.selector?.matchLabels;
  const templateLabels = spec.template?.metadata?.labels ?? {};
  if (obj.kind !== 'Job' && matchLabels && typeof matchLabels === 'object') {
    for (const [k, v] of Object.entries(matchLabels)) {
      if (templateLabels[k] !== v) {
        problems.push(problem(`spec.selector.matchLabels[${JSON.stringify(k)}]`, 'must match the pod template\'s labels (spec.template.metadata.labels)', v, `add the label ${k}: ${String(v)} to the pod template`));
      }
    }
  }
  return problems;
}

/** Every API-server value rule that applies to the object. */
export function apiRuleProblems(obj: any): Problem[] {
  if (!obj || typeof obj !== 'object') return [];
  const problems = metadataProblems(obj);
  const kind = String(obj.kind);
  if (kind === 'Service' && obj.apiVersion === 'v1') problems.push(...serviceProblems(obj));
  if (POD_TEMPLATE_KINDS.has(kind)) problems.push(...workloadProblems(obj));
  if (kind === 'CronJob') problems.push(...podSpecProblems('spec.jobTemplate.spec.template.spec', obj.spec?.jobTemplate?.spec?.template?.spec));
  if (kind === 'Pod') problems.push(...podSpecProblems('spec', obj.spec));
  return problems;
}
