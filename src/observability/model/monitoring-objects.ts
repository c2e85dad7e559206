import { RELABEL_ACTIONS } from './monitor-targets';
import type { PromqlVerdicts } from './promql';
import { checkRuleGroups, RuleGroupSpec } from './rules';
import { isPromDuration } from '../../core/duration';
import { portNumberProblems } from '../../core/ports';
import { Problem, problem } from '../../core/problem';

/**
 * Checks of emitted prometheus-operator objects (tier 3), following the CRDs' schemas
 * (`monitoring.coreos.com/v1`, operator v0.93): required fields, duration patterns, enums.
 *
 * @see https://github.com/prometheus-operator/prometheus-operator/tree/main/example/prometheus-operator-crd
 */

const SCHEMES = ['http', 'https', 'HTTP', 'HTTPS'];
/** The CRDs' relabel `action` enum: each action lowercase, as Prometheus spells it, and capitalised. */
const CRD_RELABEL_ACTIONS = [...RELABEL_ACTIONS,
  'Replace', 'Keep', 'Drop', 'HashMod', 'LabelMap', 'LabelDrop', 'LabelKeep', 'Lowercase', 'Uppercase', 'KeepEqual', 'DropEqual'];

function isObject(x: unknown): x is Record<string, any> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function duration(field: string, v: unknown): Problem[] {
  if (v === undefined) return [];
  // the CRD's pattern also matches the empty string
  return typeof v === 'string' && (v === '' || isPromDuration(v)) ? [] : [problem(field, 'must be a Prometheus duration', v, 'use e.g. "30s"')];
}

/** Problems of a PrometheusRule object. */
export function checkPrometheusRuleObject(obj: any, verdicts?: PromqlVerdicts): Problem[] {
  const groups = obj?.spec?.groups;
  if (groups === undefined) return [];
  if (!Array.isArray(groups)) return [problem('spec.groups', 'must be a list', groups, 'give a list of rule groups')];
  const specs: RuleGroupSpec[] = groups.map((g: any) => ({
    name: g?.name,
    interval: g?.interval,
    limit: g?.limit,
    rules: (g?.rules ?? []).map((r: any) => ({
      record: r.record,
      alert: r.alert,
      expr: typeof r.expr === 'number' ? String(r.expr) : r.expr,
      for: r.for,
      keepFiringFor: r.keep_firing_for,
      labels: r.labels,
      annotations: r.annotations,
    })),
  }));
  return checkRuleGroups(specs, { requireSeverityAndSummary: false, uniqueRuleNames: false, promql: verdicts })
    .map((p) => ({ ...p, field: `spec.${p.field.replace(/\.keepFiringFor/, '.keep_firing_for')}` }));
}

function checkEndpoint(field: string, e: any, pod: boolean): Problem[] {
  const out: Problem[] = [];
  if (!isObject(e)) return [problem(field, 'must be an object', e, 'give { port: "metrics" }')];
  if (e.scheme !== undefined && !SCHEMES.includes(e.scheme)) out.push(problem(`${field}.scheme`, `must be one of ${SCHEMES.join(', ')}`, e.scheme, 'use "http" or "https"'));
  out.push(...duration(`${field}.interval`, e.interval));
  out.push(...duration(`${field}.scrapeTimeout`, e.scrapeTimeout));
  if (e.port !== undefined && typeof e.port !== 'string') out.push(problem(`${field}.port`, 'must be a port name (string)', e.port, 'use the name of the port, e.g. "metrics"'));
  if (pod) out.push(...portNumberProblems(`${field}.portNumber`, e.portNumber, 'use the container port number'));
  if (e.path !== undefined && (typeof e.path !== 'string' || !e.path.startsWith('/'))) out.push(problem(`${field}.path`, 'must be an absolute HTTP path', e.path, 'use e.g. "/metrics"'));
  for (const list of ['relabelings', 'metricRelabelings']) {
    if (!Array.isArray(e[list])) continue;
    e[list].forEach((r: any, i: number) => {
      if (isObject(r) && r.action !== undefined && !CRD_RELABEL_ACTIONS.includes(r.action)) {
        out.push(problem(`${field}.${list}[${i}].action`, `must be one of ${CRD_RELABEL_ACTIONS.join(', ')}`, r.action, 'use e.g. "replace" or "drop"'));
      }
    });
  }
  return out;
}

/** Problems of a ServiceMonitor or PodMonitor object. */
export function checkMonitorObject(obj: any, kind: 'ServiceMonitor' | 'PodMonitor'): Problem[] {
  const out: Problem[] = [];
  const spec = obj?.spec;
  if (!isObject(spec)) return [problem('spec', 'must be set', spec, `give the ${kind} spec`)];
  if (!isObject(spec.selector)) out.push(problem('spec.selector', 'must be set', spec.selector, 'give { matchLabels: { app: "…" } } ({} selects everything)'));
  const key = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
  const eps = spec[key];
  if (kind === 'ServiceMonitor' && eps === undefined) out.push(problem(`spec.${key}`, 'must be set', eps, 'give at least one endpoint'));
  if (eps !== undefined) {
    if (!Array.isArray(eps)) out.push(problem(`spec.${key}`, 'must be a list', eps, 'give a list of endpoints'));
    else eps.forEach((e: any, i: number) => out.push(...checkEndpoint(`spec.${key}[${i}]`, e, kind === 'PodMonitor')));
  }
  return out;
}
