import { isValidLabelName } from './promql';
import { formatPromDuration } from '../../core/duration';
import { isDns1123Label, isLabelValue, isQualifiedName } from '../../core/names';
import { isPortName, portNumberProblems } from '../../core/ports';
import { Problem, problem } from '../../core/problem';

/**
 * Pure rules of ServiceMonitor/PodMonitor: label-selector matching, endpoint checks, and the cross-object
 * checks against Services and workloads of the same app (a selector matches, the named port exists).
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */

/** A Kubernetes label selector. */
export interface SelectorSpec {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: string; readonly values?: readonly string[] }>;
}

/** Whether a selector selects an object with `labels` (an empty selector selects everything). */
export function selectorMatches(selector: SelectorSpec, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const vals = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has || !vals.includes(l[e.key])) return false; break;
      case 'NotIn': if (has && vals.includes(l[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Whether a text is a Kubernetes label key (a qualified name), e.g. `app.kubernetes.io/name`. Not Prometheus's label-name syntax. */
export const isKubeLabelKey = isQualifiedName;

/** Whether a text is a Kubernetes label value (empty, or 1-63 characters of the name syntax). */
export const isKubeLabelValue = isLabelValue;

/** Problems of a list of Kubernetes label keys (e.g. `targetLabels`, `podTargetLabels`). */
export function checkKubeLabelKeys(field: string, keys: readonly string[] | undefined): Problem[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys)) return [problem(field, 'must be a list of label keys', keys, 'give e.g. ["app.kubernetes.io/name"]')];
  return keys.flatMap((k, i) => (isKubeLabelKey(k) ? []
    : [problem(`${field}[${i}]`, 'must be a Kubernetes label key ([prefix/]name, name 1-63 characters)', k, 'use e.g. "app.kubernetes.io/name" or "team"')]));
}

/** Problems of a monitor's scalar options shared by ServiceMonitor and PodMonitor. */
export function checkMonitorOptions(o: { jobLabel?: string; sampleLimit?: number; targetLimit?: number; matchNames?: readonly string[] }): Problem[] {
  const out: Problem[] = [];
  if (o.jobLabel !== undefined && !isKubeLabelKey(o.jobLabel)) {
    out.push(problem('jobLabel', 'must be a Kubernetes label key ([prefix/]name, name 1-63 characters)', o.jobLabel, 'use e.g. "app.kubernetes.io/name"'));
  }
  for (const f of ['sampleLimit', 'targetLimit'] as const) {
    const v = o[f];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) out.push(problem(f, 'must be an integer >= 0 (0 means no limit)', v, 'use e.g. 10000'));
  }
  (o.matchNames ?? []).forEach((n, i) => {
    if (!isDns1123Label(n)) {
      out.push(problem(`namespaceSelector.matchNames[${i}]`, 'must be a namespace name (DNS-1123 label)', n, 'use e.g. "payments"'));
    }
  });
  return out;
}

/** Problems of a selector (Kubernetes label selector syntax). */
export function checkSelector(field: string, s: SelectorSpec | undefined): Problem[] {
  if (!s) return [];
  const out: Problem[] = [];
  const ml = s.matchLabels;
  if (ml !== undefined && (ml === null || typeof ml !== 'object' || Array.isArray(ml))) {
    out.push(problem(`${field}.matchLabels`, 'must be a map of label keys to values', ml, 'give e.g. { "app.kubernetes.io/name": "api" }'));
  } else {
    for (const [k, v] of Object.entries(ml ?? {})) {
      if (!isKubeLabelKey(k)) {
        out.push(problem(`${field}.matchLabels.${k}`, 'must be a Kubernetes label key ([prefix/]name, name 1-63 characters)', k, 'use e.g. "app.kubernetes.io/name"'));
      }
      if (!isKubeLabelValue(v)) {
        out.push(problem(`${field}.matchLabels.${k}`, 'must be a Kubernetes label value (at most 63 letters, digits, "-", "_", ".", starting and ending with a letter or digit)', v,
          'use the value the Service or pod carries'));
      }
    }
  }
  (s.matchExpressions ?? []).forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    if (!isKubeLabelKey(e.key)) out.push(problem(`${f}.key`, 'must be a Kubernetes label key ([prefix/]name, name 1-63 characters)', e.key, 'use e.g. "app.kubernetes.io/name"'));
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) {
      out.push(problem(`${f}.operator`, 'must be one of In, NotIn, Exists, DoesNotExist', e.operator, 'use In with values, or Exists'));
    } else if ((e.operator === 'In' || e.operator === 'NotIn') && (!e.values || e.values.length === 0)) {
      out.push(problem(`${f}.values`, `must be non-empty for ${e.operator}`, e.values ?? [], 'list the values'));
    } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values && e.values.length > 0) {
      out.push(problem(`${f}.values`, `must be empty for ${e.operator}`, e.values, 'remove the values'));
    }
    (e.values ?? []).forEach((v, j) => {
      if (!isKubeLabelValue(v)) out.push(problem(`${f}.values[${j}]`, 'must be a Kubernetes label value', v, 'use the value the objects carry'));
    });
  });
  return out;
}

/** The relabel actions, lowercase (the CRDs also accept the capitalised spellings, `HashMod`, `LabelDrop`, …). */
export const RELABEL_ACTIONS = ['replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];

/** An endpoint as the checks see it (ServiceMonitor `endpoints[]` or PodMonitor `podMetricsEndpoints[]`). */
export interface EndpointSpec {
  readonly port?: string;
  readonly targetPort?: string | number;
  readonly portNumber?: number;
  readonly path?: string;
  readonly scheme?: string;
  /** The scrape interval in milliseconds. */
  readonly intervalMs?: number;
  /** The scrape timeout in milliseconds. */
  readonly scrapeTimeoutMs?: number;
  readonly relabelings?: ReadonlyArray<Record<string, any>>;
  readonly metricRelabelings?: ReadonlyArray<Record<string, any>>;
}

function checkRelabelings(field: string, list: ReadonlyArray<Record<string, any>> | undefined): Problem[] {
  const out: Problem[] = [];
  (list ?? []).forEach((r, i) => {
    const f = `${field}[${i}]`;
    const action = (r.action ?? 'replace').toLowerCase();
    if (!RELABEL_ACTIONS.includes(action)) out.push(problem(`${f}.action`, `must be one of ${RELABEL_ACTIONS.join(', ')}`, r.action, 'use a RelabelAction, e.g. RelabelAction.DROP'));
    if (r.regex !== undefined) {
      try {
        new RegExp(`^(?:${r.regex})$`);
      } catch {
        out.push(problem(`${f}.regex`, 'must be a valid regular expression', r.regex, 'fix the expression (RE2 syntax)'));
      }
    }
    if (r.targetLabel !== undefined && !/^[a-zA-Z_][a-zA-Z0-9_]*$|\$/.test(r.targetLabel)) {
      out.push(problem(`${f}.targetLabel`, 'must be a label name', r.targetLabel, 'use letters, digits and underscores'));
    }
    for (const [k, v] of (r.sourceLabels ?? []).entries()) {
      if (!isValidLabelName(v) && !/^__[a-zA-Z0-9_]+$/.test(v)) out.push(problem(`${f}.sourceLabels[${k}]`, 'must be a label name', v, 'use e.g. "__meta_kubernetes_pod_label_app"'));
    }
    if ((action === 'replace' || action === 'hashmod') && r.targetLabel === undefined) {
      out.push(problem(`${f}.targetLabel`, `must be set for action ${action}`, undefined, 'name the label to write'));
    }
    if (action === 'hashmod' && !(Number.isInteger(r.modulus) && r.modulus > 0)) {
      out.push(problem(`${f}.modulus`, 'must be a positive integer for hashmod', r.modulus, 'give e.g. 4'));
    }
  });
  return out;
}

/** Problems of one endpoint (fields relative to it). */
export function checkEndpoint(e: EndpointSpec, pod: boolean): Problem[] {
  const out: Problem[] = [];
  if (pod) {
    if (e.port === undefined && e.portNumber === undefined && e.targetPort === undefined) {
      out.push(problem('port', 'must be set (or portNumber)', undefined, 'name the container port, e.g. "metrics"'));
    }
    out.push(...portNumberProblems('portNumber', e.portNumber, 'use the container port number'));
  } else if (e.port === undefined && e.targetPort === undefined) {
    out.push(problem('port', 'must be set (or targetPort)', undefined, 'name the Service port, e.g. "metrics"'));
  }
  // a Service port's name is a DNS-1123 label, a container port's an IANA service name
  if (e.port !== undefined && !(pod ? isPortName(e.port) : isDns1123Label(e.port))) {
    out.push(problem('port', pod ? 'must be a container port name (an IANA service name: at most 15 lowercase letters, digits or "-", with a letter)'
      : 'must be a Service port name (a DNS-1123 label)', e.port, 'use the name of the port, e.g. "metrics"'));
  }
  if (typeof e.targetPort === 'number') out.push(...portNumberProblems('targetPort', e.targetPort, 'use e.g. 8080, or a port name'));
  if (e.path !== undefined && !e.path.startsWith('/')) out.push(problem('path', 'must start with "/"', e.path, 'use e.g. "/metrics"'));
  if (e.scheme !== undefined && !['http', 'https'].includes(e.scheme.toLowerCase())) out.push(problem('scheme', 'must be http or https', e.scheme, 'use Scheme.HTTPS with tlsConfig, else Scheme.HTTP'));
  for (const [f, ms] of [['interval', e.intervalMs], ['scrapeTimeout', e.scrapeTimeoutMs]] as const) {
    if (ms !== undefined && ms <= 0) out.push(problem(f, 'must be longer than 0', `${ms}ms`, 'use e.g. Duration.seconds(30)'));
  }
  const iv = e.intervalMs;
  const to = e.scrapeTimeoutMs;
  if (iv && to && to > iv) {
    out.push(problem('scrapeTimeout', `must not exceed interval (${formatPromDuration(iv)})`, formatPromDuration(to),
      'shorten the timeout or lengthen the interval; Prometheus rejects such a scrape config'));
  }
  out.push(...checkRelabelings('relabelings', e.relabelings));
  out.push(...checkRelabelings('metricRelabelings', e.metricRelabelings));
  return out;
}

/** A Service or workload of the app, as the cross-object checks see it. */
export interface TargetObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Labels the selector is matched against (Service labels, or the pod template's labels). */
  readonly labels?: Record<string, string>;
  /** Port names (Service `spec.ports[].name`, or container port names). */
  readonly portNames: readonly string[];
}

/** The namespaces a monitor looks in: every namespace, a list, or its own. */
export interface NamespaceScope {
  readonly any?: boolean;
  readonly matchNames?: readonly string[];
  readonly own?: string;
}

function inScope(ns: NamespaceScope, objNs: string | undefined): boolean {
  if (ns.any) return true;
  if (ns.matchNames && ns.matchNames.length > 0) return ns.matchNames.includes(objNs ?? 'default');
  return (ns.own ?? 'default') === (objNs ?? 'default');
}

/**
 * Cross-object problems of a monitor: when `required` (the Service the user named) is given it must be
 * selected and carry every named port; otherwise, the objects of the app it selects must carry the ports.
 */
export function checkMonitorTargets(kind: 'ServiceMonitor' | 'PodMonitor', selector: SelectorSpec, ns: NamespaceScope,
  endpoints: readonly EndpointSpec[], candidates: readonly TargetObject[], required?: TargetObject): Problem[] {
  const out: Problem[] = [];
  const what = kind === 'ServiceMonitor' ? 'Service' : 'pod template';
  const epField = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
  let selected = candidates.filter((t) => inScope(ns, t.namespace) && selectorMatches(selector, t.labels));
  if (required) {
    if (!selectorMatches(selector, required.labels)) {
      out.push(problem('selector', `must select ${required.kind} ${required.name} (its labels are ${JSON.stringify(required.labels ?? {})})`, selector,
        `use matchLabels that ${required.kind} ${required.name} carries, or leave selector unset to use its labels`));
    }
    if (!inScope(ns, required.namespace)) {
      out.push(problem('namespaceSelector', `must include namespace ${required.namespace ?? 'default'} of ${required.kind} ${required.name}`, ns.matchNames ?? ns.own,
        `set namespaceSelector: { matchNames: ["${required.namespace ?? 'default'}"] } or create the monitor in that namespace`));
    }
    selected = [required];
  }
  endpoints.forEach((e, i) => {
    if (e.port === undefined) return;
    for (const t of selected) {
      if (!t.portNames.includes(e.port)) {
        out.push(problem(`${epField}[${i}].port`, `must name a port of the selected ${what} ${t.kind}/${t.name} (it has ${t.portNames.length ? t.portNames.map((p) => JSON.stringify(p)).join(', ') : 'no named ports'})`, e.port,
          `use one of its port names, or name the port "${e.port}" in ${t.kind}/${t.name}`));
      }
    }
  });
  return out;
}

/**
 * The warning for a monitor whose selector matches no object of the app in its namespaces, or `undefined`.
 * Not an error: the Service or workload may be deployed by another program, so the monitor may still scrape.
 */
export function unmatchedSelectorWarning(kind: 'ServiceMonitor' | 'PodMonitor', selector: SelectorSpec, ns: NamespaceScope,
  candidates: readonly TargetObject[]): string | undefined {
  if (candidates.some((t) => inScope(ns, t.namespace) && selectorMatches(selector, t.labels))) return undefined;
  const what = kind === 'ServiceMonitor' ? 'Service' : 'workload';
  const where = ns.any ? 'any namespace' : ns.matchNames && ns.matchNames.length > 0
    ? `namespaces ${ns.matchNames.join(', ')}` : `namespace ${ns.own ?? 'default'}`;
  return `selector ${JSON.stringify(selector)} matches no ${what} of this app in ${where}, so the ${kind} scrapes nothing `
    + `unless another program deploys one — check the labels, or pass the ${what} construct (${kind === 'ServiceMonitor' ? 'service' : 'workload'}) to select it`;
}
