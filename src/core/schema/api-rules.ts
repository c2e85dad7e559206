import { isDns1123Label, isLabelValue, labelProblems, qualifiedNameProblems } from '../names';
import { annotationProblems, objectMetaProblems, ObjectNameRule } from '../object-meta';
import { isPortName, isPortNumber, portNameProblems as corePortNameProblems, portNumberProblems as corePortNumberProblems } from '../ports';
import { Problem, problem } from '../problem';
import { isBuiltinClusterScoped } from './builtin-kinds';
import { childField } from './object-path';

/*
 * Value rules the Kubernetes API server enforces on built-in objects that the OpenAPI schema does not
 * express (and kubernetes-models therefore does not check): names, label and annotation syntax, selectors,
 * port ranges and names, replica counts, Service ports, ConfigMap and Secret keys, NetworkPolicy ports.
 * Each follows the server's own validation (k8s.io/kubernetes pkg/apis/<group>/validation, checked against a real
 * kube-apiserver by test/core/schema/api-rules.server.test.ts), so opskit never rejects what the server
 * accepts. Pure; every rule returns problems, never throws.
 */

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Kinds whose names must be DNS-1123 labels rather than subdomains. Service names may start with a digit since
 * Kubernetes 1.36 (RelaxedServiceNameValidation, on by default; GA in 1.37).
 */
const LABEL_NAMED = new Set(['Namespace', 'Service', 'StatefulSet']);
/** Workload kinds whose selector must not be empty and must match the pod template's labels. */
const SELECTED_WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
/**
 * Kinds whose names need only be path segment names (no "/" or "%", not "." or ".."): RBAC's, and those whose
 * validation checks no name of its own (the server's generic check).
 */
const PATH_SEGMENT_NAMED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'PodDisruptionBudget']);
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/**
 * Problems of a label selector: its matchLabels as labels, its matchExpressions' keys, operators and values. `into`:
 * a list to add them to (returned).
 */
export function labelSelectorProblems(field: string, selector: any, into: Problem[] = []): Problem[] {
  if (!selector || typeof selector !== 'object') return into;
  const problems = into;
  // the field path is built only for labels to check
  if (selector.matchLabels && typeof selector.matchLabels === 'object') labelProblems(`${field}.matchLabels`, selector.matchLabels, problems);
  if (!Array.isArray(selector.matchExpressions)) return problems;
  selector.matchExpressions.forEach((e: any, i: number) => {
    const f = `${field}.matchExpressions[${i}]`;
    if (typeof e?.key === 'string') problems.push(...qualifiedNameProblems(`${f}.key`, e.key));
    const values = Array.isArray(e?.values) ? e.values : [];
    if ((e?.operator === 'In' || e?.operator === 'NotIn') && values.length === 0) {
      problems.push(problem(`${f}.values`, `must be non-empty when operator is ${e.operator}`, values, 'list at least one value, or use Exists'));
    }
    if ((e?.operator === 'Exists' || e?.operator === 'DoesNotExist') && values.length > 0) {
      problems.push(problem(`${f}.values`, `must be empty when operator is ${e.operator}`, values, 'remove the values, or use In'));
    }
    values.forEach((v: unknown, j: number) => {
      if (typeof v === 'string' && !isLabelValue(v)) {
        problems.push(problem(`${f}.values[${j}]`, 'must be a label value (at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric, or empty)', v, 'use a valid label value'));
      }
    });
  });
  return problems;
}

/** The object's metadata, by the one ObjectMeta check with its kind's name format and scope (fields: the field model's). */
function metadataProblems(obj: any): Problem[] {
  const kind = String(obj.kind);
  return objectMetaProblems(obj.metadata, {
    name: PATH_SEGMENT_NAMED.has(kind) ? ObjectNameRule.PATH_SEGMENT : LABEL_NAMED.has(kind) ? ObjectNameRule.LABEL : ObjectNameRule.SUBDOMAIN,
    clusterScoped: isBuiltinClusterScoped(String(obj.apiVersion), kind),
    unknownFields: false,
  });
}

/*
 * A synth checks every port of every object, nearly always valid: each check tests the value first and builds its
 * field path only for a problem.
 */

function badPortNumber(value: unknown): value is number {
  return typeof value === 'number' && !isPortNumber(value);
}

function badPortName(value: unknown, emptyIsInvalid = false): value is string {
  return typeof value === 'string' && (value !== '' || emptyIsInvalid) && !isPortName(value);
}

/** The ports of the container at `${field}.${listName}[${i}]`. */
function containerPortsProblems(field: string, listName: string, i: number, ports: unknown, into: Problem[]): void {
  if (!Array.isArray(ports)) return;
  const pf = (j: number): string => `${field}.${listName}[${i}].ports[${j}]`;
  const names = new Map<string, number>();
  ports.forEach((p: any, j: number) => {
    if (badPortNumber(p?.containerPort)) into.push(...corePortNumberProblems(`${pf(j)}.containerPort`, p.containerPort));
    // hostPort 0 means "no host port"
    if (p?.hostPort !== 0 && badPortNumber(p?.hostPort)) into.push(...corePortNumberProblems(`${pf(j)}.hostPort`, p.hostPort));
    if (typeof p?.name === 'string' && p.name !== '') {
      if (badPortName(p.name)) {
        into.push(...corePortNameProblems(`${pf(j)}.name`, p.name));
        return;
      }
      const prior = names.get(p.name);
      if (prior !== undefined) {
        into.push(problem(`${pf(j)}.name`, `must be unique in the container, but ports[${prior}] has the same name`, p.name, 'give every port of the container its own name'));
      } else {
        names.set(p.name, j);
      }
    }
  });
}

/** Host ports used twice (same protocol, host IP and port) among the given containers. */
function hostPortConflicts(field: string, listName: string, containers: Array<[any, number]>, into: Problem[]): void {
  const seen = new Map<string, string>();
  for (const [c, i] of containers) {
    if (!Array.isArray(c?.ports)) continue;
    c.ports.forEach((p: any, j: number) => {
      if (typeof p?.hostPort !== 'number' || p.hostPort === 0) return;
      const key = `${p.protocol ?? 'TCP'}/${p.hostIP ?? ''}/${p.hostPort}`;
      const here = `${listName}[${i}].ports[${j}]`;
      const prior = seen.get(key);
      if (prior !== undefined) {
        into.push(problem(`${field}.${here}.hostPort`, `must not repeat the host port ${key} of ${prior}`, p.hostPort, 'use another host port, or remove it'));
      } else {
        seen.set(key, here);
      }
    });
  }
}

const CONTAINER_LISTS = ['initContainers', 'containers'];

function podSpecProblems(field: string, spec: any, problems: Problem[]): void {
  if (!spec || typeof spec !== 'object') return;
  for (const listName of CONTAINER_LISTS) {
    if (!Array.isArray(spec[listName])) continue;
    spec[listName].forEach((c: any, i: number) => {
      if (typeof c?.name === 'string' && !isDns1123Label(c.name)) {
        problems.push(problem(`${field}.${listName}[${i}].name`, 'must be a DNS-1123 label', c.name, 'use a lowercase container name'));
      }
      containerPortsProblems(field, listName, i, c?.ports, problems);
    });
  }
  if (Array.isArray(spec.containers) && spec.containers.length === 0) {
    problems.push(problem(`${field}.containers`, 'must contain at least one container', [], 'add a container'));
  }
  // the API server rejects a container name used twice (init and app containers share one namespace of names)
  const names = new Map<string, string>();
  for (const listName of CONTAINER_LISTS) {
    if (!Array.isArray(spec[listName])) continue;
    spec[listName].forEach((c: any, i: number) => {
      if (typeof c?.name !== 'string') return;
      const prior = names.get(c.name);
      if (prior !== undefined) {
        problems.push(problem(`${field}.${listName}[${i}].name`, `must be unique in the pod, but ${prior} has the same name`, c.name, 'rename one of the containers'));
      } else {
        names.set(c.name, `${listName}[${i}]`);
      }
    });
  }
  // app containers share the host's ports; init containers run one at a time, so each only with itself
  const containers: any[] = Array.isArray(spec.containers) ? spec.containers : [];
  hostPortConflicts(field, 'containers', containers.map((c, i): [any, number] => [c, i]), problems);
  (Array.isArray(spec.initContainers) ? spec.initContainers : []).forEach((c: any, i: number) => {
    hostPortConflicts(field, 'initContainers', [[c, i]], problems);
  });
  // in the host network an app container's host port is its container port (0: unset, defaulted in the pod)
  if (spec.hostNetwork === true) {
    containers.forEach((c: any, i: number) => {
      (Array.isArray(c?.ports) ? c.ports : []).forEach((p: any, j: number) => {
        if (typeof p?.hostPort === 'number' && p.hostPort !== 0 && p.hostPort !== p.containerPort) {
          problems.push(problem(`${field}.containers[${i}].ports[${j}].hostPort`, `must equal containerPort (${p.containerPort}) when hostNetwork is true`, p.hostPort,
            'remove hostPort: in the host network the container port is the host port'));
        }
      });
    });
  }
}

function serviceProblems(obj: any, problems: Problem[]): void {
  const spec = obj.spec ?? {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 1 && spec.clusterIPs[0] === 'None');
  const type = spec.type ?? 'ClusterIP';
  if (ports.length === 0 && type !== 'ExternalName' && !headless) {
    problems.push(problem('spec.ports', 'must list at least one port (only ExternalName and headless Services may have none)', spec.ports ?? [], 'add a port, e.g. { port: 80, targetPort: 8080 }'));
  }
  ports.forEach((p: any, i: number) => {
    if (badPortNumber(p?.port)) problems.push(...corePortNumberProblems(`spec.ports[${i}].port`, p.port));
    // a targetPort of 0 or "" is defaulted to the port
    if (p?.targetPort !== 0 && badPortNumber(p?.targetPort)) problems.push(...corePortNumberProblems(`spec.ports[${i}].targetPort`, p.targetPort));
    if (badPortName(p?.targetPort)) problems.push(...corePortNameProblems(`spec.ports[${i}].targetPort`, p.targetPort));
    // nodePort 0 means "allocate one" (where the type has node ports)
    if (p?.nodePort !== 0 && badPortNumber(p?.nodePort)) problems.push(...corePortNumberProblems(`spec.ports[${i}].nodePort`, p.nodePort));
    if (type === 'ClusterIP' && typeof p?.nodePort === 'number' && p.nodePort !== 0) {
      problems.push(problem(`spec.ports[${i}].nodePort`, 'may not be used when type is ClusterIP', p.nodePort, 'remove nodePort, or use type NodePort or LoadBalancer'));
    }
    if (typeof p?.name === 'string' && p.name !== '' && !isDns1123Label(p.name)) {
      problems.push(problem(`spec.ports[${i}].name`, 'must be a DNS-1123 label (at most 63 lowercase alphanumerics or "-", starting and ending alphanumeric)', p.name, 'use a name such as "http" or "metrics"'));
    }
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
    if (typeof p?.name === 'string' && p.name !== '' && isDns1123Label(p.name)) {
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
  labelProblems('spec.selector', spec.selector, problems);
}

function workloadProblems(obj: any, problems: Problem[]): void {
  const spec = obj.spec ?? {};
  if (typeof spec.replicas === 'number' && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    problems.push(problem('spec.replicas', 'must be a non-negative integer', spec.replicas, 'use 0 or more replicas'));
  }
  podSpecProblems('spec.template.spec', spec.template?.spec, problems);
  labelProblems('spec.template.metadata.labels', spec.template?.metadata?.labels, problems);
  annotationProblems('spec.template.metadata.annotations', spec.template?.metadata?.annotations, problems);
  labelSelectorProblems('spec.selector', spec.selector, problems);
  const matchLabels = spec.selector?.matchLabels;
  const templateLabels = spec.template?.metadata?.labels ?? {};
  if (SELECTED_WORKLOADS.has(obj.kind) && spec.selector && typeof spec.selector === 'object'
    && Object.keys(matchLabels ?? {}).length === 0 && !(spec.selector.matchExpressions?.length > 0)) {
    problems.push(problem('spec.selector', `must not be empty for a ${obj.kind}`, spec.selector, 'select the pod template\'s labels with matchLabels'));
  }
  if (obj.kind !== 'Job' && matchLabels && typeof matchLabels === 'object') {
    for (const [k, v] of Object.entries(matchLabels)) {
      if (templateLabels[k] !== v) {
        problems.push(problem(`spec.selector.matchLabels[${JSON.stringify(k)}]`, 'must match the pod template\'s labels (spec.template.metadata.labels)', v, `add the label ${k}: ${String(v)} to the pod template`));
      }
    }
  }
  if (obj.kind !== 'Job') {
    (Array.isArray(spec.selector?.matchExpressions) ? spec.selector.matchExpressions : []).forEach((e: any, i: number) => {
      if (!expressionHolds(e, templateLabels)) {
        problems.push(problem(`spec.selector.matchExpressions[${i}]`, 'must hold for the pod template\'s labels (spec.template.metadata.labels)', e,
          'change the expression or the pod template\'s labels so that the selector selects the pods it creates'));
      }
    });
  }
}

/** Whether a label selector expression holds for a label set (an unknown operator holds: the syntax check reports it). */
function expressionHolds(e: any, labels: Record<string, unknown>): boolean {
  const has = typeof e?.key === 'string' && Object.prototype.hasOwnProperty.call(labels, e.key);
  const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
  switch (e?.operator) {
    case 'In': return has && values.includes(labels[e.key]);
    case 'NotIn': return !has || !values.includes(labels[e.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return true;
  }
}

/** Problems of ConfigMap and Secret keys: at most 253 of `-._a-zA-Z0-9`, not `.`, `..` or starting with `..`. */
function dataKeyProblems(obj: any, problems: Problem[]): void {
  const maps = obj.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  for (const m of maps) {
    for (const key of Object.keys(obj[m] && typeof obj[m] === 'object' ? obj[m] : {})) {
      if (key.length > 253 || !CONFIG_MAP_KEY.test(key) || key.startsWith('..') || key === '.') {
        problems.push(problem(childField(m, key), 'must be a valid key (at most 253 alphanumerics, "-", "_" or ".", not "." and not starting with "..")', key,
          'rename the key, e.g. "config.yaml"'));
      }
    }
  }
  // `in` throws on a string: a data that is not a map is the schema's to report
  if (obj.kind === 'ConfigMap' && obj.data && typeof obj.data === 'object' && obj.binaryData && typeof obj.binaryData === 'object') {
    for (const key of Object.keys(obj.binaryData)) {
      if (key in obj.data) problems.push(problem(childField('binaryData', key), 'must not also be a key of data', key, 'keep the key in one of data and binaryData'));
    }
  }
}

function networkPolicyProblems(obj: any, problems: Problem[]): void {
  const spec = obj.spec ?? {};
  labelSelectorProblems('spec.podSelector', spec.podSelector, problems);
  for (const dir of ['ingress', 'egress']) {
    (Array.isArray(spec[dir]) ? spec[dir] : []).forEach((rule: any, i: number) => {
      (Array.isArray(rule?.ports) ? rule.ports : []).forEach((p: any, j: number) => {
        const f = `spec.${dir}[${i}].ports[${j}]`;
        if (typeof p?.port === 'number') {
          if (badPortNumber(p.port)) problems.push(...corePortNumberProblems(`${f}.port`, p.port));
          if (typeof p.endPort === 'number') {
            if (badPortNumber(p.endPort)) problems.push(...corePortNumberProblems(`${f}.endPort`, p.endPort));
            if (p.endPort < p.port) problems.push(problem(`${f}.endPort`, `must be at least port (${p.port})`, p.endPort, 'use an endPort at or above port'));
          }
        } else if (typeof p?.port === 'string') {
          if (badPortName(p.port, true)) problems.push(...corePortNameProblems(`${f}.port`, p.port));
          if (p.endPort !== undefined) problems.push(problem(`${f}.endPort`, 'may not be set when port is a name', p.endPort, 'use a numeric port, or remove endPort'));
        } else if (p?.endPort !== undefined) {
          problems.push(problem(`${f}.endPort`, 'may not be set without port', p.endPort, 'set port, or remove endPort'));
        }
      });
    });
  }
}

/** Every API-server value rule that applies to the object. */
export function apiRuleProblems(obj: any): Problem[] {
  if (!obj || typeof obj !== 'object') return [];
  const problems = metadataProblems(obj);
  const kind = String(obj.kind);
  if (kind === 'Service' && obj.apiVersion === 'v1') serviceProblems(obj, problems);
  if ((kind === 'ConfigMap' || kind === 'Secret') && obj.apiVersion === 'v1') dataKeyProblems(obj, problems);
  if (kind === 'NetworkPolicy') networkPolicyProblems(obj, problems);
  if (kind === 'PodDisruptionBudget') labelSelectorProblems('spec.selector', obj.spec?.selector, problems);
  if (POD_TEMPLATE_KINDS.has(kind)) workloadProblems(obj, problems);
  if (kind === 'CronJob') podSpecProblems('spec.jobTemplate.spec.template.spec', obj.spec?.jobTemplate?.spec?.template?.spec, problems);
  if (kind === 'Pod') podSpecProblems('spec', obj.spec, problems);
  return problems;
}
