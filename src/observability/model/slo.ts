import { formatGoFloat, formatGoFloatPlain } from './go-format';
import { checkLabelMap, checkPromql, checkTemplate, PromqlVerdicts } from './promql';
import { RuleGroupSpec, RuleSpec } from './rules';
import { formatPromDuration, isPromDuration, parsePromDuration } from '../../core/duration';
import * as c from '../conventions';
import { AlertWindowsSpec, checkAlertWindows, defaultAlertWindows, ResolvedPair, resolvePairs } from './windows';
import { Problem, problem, nestProblems } from '../../core/problem';

/**
 * An SLO and the Prometheus rules it becomes, the way Sloth generates them: SLI error-ratio recordings per
 * window, metadata recordings, and multi-window multi-burn-rate page and ticket alerts.
 *
 * @see https://github.com/slok/sloth
 */

/** SLI from good/bad event counts: `error / total`, each query containing `{{.window}}`. */
export interface EventsSliSpec {
  readonly errorQuery: string;
  readonly totalQuery: string;
}

/** SLI from a query that already returns the error ratio, containing `{{.window}}`. */
export interface RawSliSpec {
  readonly errorRatioQuery: string;
}

/** Exactly one of `events` and `raw`. */
export interface SliSpec {
  readonly events?: EventsSliSpec;
  readonly raw?: RawSliSpec;
}

/** One of the two alerts. */
export interface SloAlertSpec {
  /** Drop this alert. */
  readonly disable?: boolean;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** Alerting of an SLO. */
export interface SloAlertingSpec {
  /** Name of both alerts. @default conventions.defaultSloAlertName */
  readonly name?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly pageAlert?: SloAlertSpec;
  readonly ticketAlert?: SloAlertSpec;
  /** One rule per window pair instead of one rule per severity (an opskit extension). */
  readonly alertPerWindowPair?: boolean;
}

/** Labels of the `sloth_slo_info` series that describe the generator. */
export interface SloInfoSpec {
  readonly version: string;
  readonly mode: string;
  readonly spec: string;
}

/** Everything the generator needs for one SLO. */
export interface SloSpec {
  readonly service: string;
  readonly name: string;
  /** Percent, > 0 and < 100. */
  readonly objective: number;
  readonly description?: string;
  readonly sli: SliSpec;
  /** SLO period. @default '30d' */
  readonly period?: string;
  /** Alert windows. @default the Google windows of the period (30d or 28d) */
  readonly alertWindows?: AlertWindowsSpec;
  /** Labels of every recording (already merged: service labels, SLO labels, extra labels). */
  readonly labels?: Record<string, string>;
  readonly alerting?: SloAlertingSpec;
  /** @default opskit's version/mode/spec */
  readonly info?: SloInfoSpec;
  /** Emit no SLI or metadata recordings (they are produced elsewhere). @default false */
  readonly disableRecordings?: boolean;
  /** Emit no alerts at all. @default false */
  readonly disableAlerts?: boolean;
  /** Compute the period SLI from its own query instead of averaging the shortest window. @default false */
  readonly disableOptimized?: boolean;
}

/** Sloth's name rule (`conventions.NameRegexp`): at least two characters. */
const NAME_PATTERN = /^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$/;
const RESERVED_LABELS = [c.SLO_ID_LABEL, c.SLO_SERVICE_LABEL, c.SLO_NAME_LABEL, c.SLO_WINDOW_LABEL];

/** The windows an SLO uses (its own or the period's defaults), or undefined when there are none. */
export function sloWindows(spec: SloSpec): AlertWindowsSpec | undefined {
  return spec.alertWindows ?? defaultAlertWindows(spec.period ?? '30d');
}

/**
 * Every problem of an SLO spec (never throws); fields are the spec's own (`sli.events.errorQuery`). A spec is
 * accepted exactly when Sloth accepts it and Prometheus (promtool 2.42 and 3) accepts the rules Sloth writes
 * for it, as the Sloth differential test proves; opskit's own advice is in `sloLints`.
 */
export function checkSlo(spec: SloSpec, verdicts?: PromqlVerdicts): Problem[] {
  const out: Problem[] = [];
  for (const f of ['service', 'name'] as const) {
    const v = spec[f];
    if (typeof v !== 'string' || !NAME_PATTERN.test(v)) {
      out.push(problem(f, 'must be at least 2 characters: letters, digits, "-", "_" or ".", starting and ending with a letter or digit', v, `use e.g. "${f === 'service' ? 'checkout' : 'requests-availability'}"`));
    }
  }
  const o = spec.objective;
  if (typeof o !== 'number' || !Number.isFinite(o) || o <= 0 || o > 100) {
    out.push(problem('objective', 'must be > 0 and <= 100', o, 'use e.g. 99.9 for "three nines"'));
  }
  if (spec.description !== undefined && typeof spec.description !== 'string') {
    out.push(problem('description', 'must be a string', spec.description, 'describe the SLO for people, e.g. "99.9% of checkout requests succeed"'));
  }
  for (const k of ['version', 'mode', 'spec'] as const) {
    const v = spec.info?.[k];
    if (spec.info && (typeof v !== 'string' || v.trim() === '')) {
      out.push(problem(`info.${k}`, 'must be a non-empty string (it becomes a label of sloth_slo_info)', v, 'leave it unset for opskit\'s default, or give text'));
    }
  }
  out.push(...checkSli(spec.sli, verdicts));
  const period = spec.period ?? '30d';
  const periodMs = isPromDuration(period) ? parsePromDuration(period)! : undefined;
  if (periodMs === undefined || periodMs <= 0) {
    out.push(problem('period', 'must be a positive Prometheus duration', period, 'use "30d" (default) or "28d"'));
  } else if (spec.alertWindows) {
    const wp = nestProblems('alertWindows', checkAlertWindows(spec.alertWindows));
    out.push(...wp);
    const wms = parsePromDuration(spec.alertWindows.sloPeriod);
    if (wp.length === 0 && wms !== periodMs) {
      out.push(problem('alertWindows.sloPeriod', `must equal the SLO period (${period})`, spec.alertWindows.sloPeriod, 'design the windows for the period, or change the period'));
    }
  } else if (!defaultAlertWindows(period)) {
    out.push(problem('period', 'must be 30d or 28d unless alertWindows are given (no default alert windows exist for it)', period,
      'use "30d" or "28d", or pass alertWindows designed for this period'));
  }
  out.push(...checkLabelMap('labels', spec.labels));
  out.push(...nonEmptyValues('labels', spec.labels, 'label'));
  const a = spec.alerting ?? {};
  const enabled = (['pageAlert', 'ticketAlert'] as const).filter((w) => !a[w]?.disable && !spec.disableAlerts);
  if (a.name !== undefined && (typeof a.name !== 'string' || (a.name === '' && enabled.length > 0))) {
    out.push(problem('alerting.name', 'must be a non-empty alert name while an alert is enabled', a.name, 'use a CamelCase name, e.g. CheckoutHighErrorRate, or leave it unset for the default'));
  }
  // like Sloth, only what an enabled alert renders is checked (a disabled alert's labels go nowhere)
  if (enabled.length > 0) {
    out.push(...checkLabelMap('alerting.labels', a.labels));
    out.push(...checkLabelMap('alerting.annotations', a.annotations, 'annotation'));
  }
  for (const which of enabled) {
    out.push(...checkLabelMap(`alerting.${which}.labels`, a[which]?.labels));
    out.push(...checkLabelMap(`alerting.${which}.annotations`, a[which]?.annotations, 'annotation'));
  }
  // Sloth validates each enabled alert's merged labels and annotations: no empty values
  const reported = new Set<string>();
  for (const which of enabled) {
    for (const kind of ['labels', 'annotations'] as const) {
      const merged: Record<string, [string, unknown]> = {};
      for (const [field, map] of [[`alerting.${kind}`, a[kind]], [`alerting.${which}.${kind}`, a[which]?.[kind]]] as const) {
        for (const [k, v] of Object.entries(map ?? {})) merged[k] = [`${field}.${k}`, v];
      }
      for (const [field, v] of Object.values(merged)) {
        if (v === '' && !reported.has(field)) {
          reported.add(field);
          out.push(problem(field, `must not be empty (Sloth rejects an empty alert ${kind === 'labels' ? 'label' : 'annotation'} value)`, v,
            'remove the entry or give it a value'));
        }
      }
    }
  }
  const templated: Array<[string, Record<string, string> | undefined]> = [
    ...(enabled.length > 0 ? [['alerting.labels', a.labels], ['alerting.annotations', a.annotations]] as Array<[string, Record<string, string> | undefined]> : []),
    ...enabled.flatMap((w) => [[`alerting.${w}.labels`, a[w]?.labels], [`alerting.${w}.annotations`, a[w]?.annotations]] as Array<[string, Record<string, string> | undefined]>),
  ];
  for (const [field, map] of templated) {
    for (const [k, v] of Object.entries(map ?? {})) {
      if (typeof v === 'string') out.push(...checkTemplate(`${field}.${k}`, v));
    }
  }
  return out;
}

/**
 * opskit's advice on a checked SLO that Sloth and Prometheus accept as it is: labels that override the ones
 * the generator sets, and alerts that can never fire. Constructs record these as warnings.
 */
export function sloLints(spec: SloSpec): Problem[] {
  const out: Problem[] = [];
  for (const k of Object.keys(spec.labels ?? {})) {
    if (RESERVED_LABELS.includes(k)) {
      out.push(problem(`labels.${k}`, 'should not be set (it replaces the label the SLO rules use to find their own series)', k, 'remove the label', 'slo-reserved-label'));
    }
  }
  const a = spec.alerting ?? {};
  const alertOwned = [c.SLO_SEVERITY_LABEL, c.SLO_SHORT_WINDOW_LABEL, c.SLO_LONG_WINDOW_LABEL];
  for (const [field, map] of [['alerting.labels', a.labels], ['alerting.pageAlert.labels', a.pageAlert?.labels], ['alerting.ticketAlert.labels', a.ticketAlert?.labels]] as const) {
    for (const k of Object.keys(map ?? {})) {
      if (alertOwned.includes(k)) out.push(problem(`${field}.${k}`, 'should not be set (it replaces the label opskit sets on each alert)', k, 'use another label, e.g. severity', 'slo-alert-label'));
    }
  }
  // Sloth accepts 100, but a budget of 0 makes every burn-rate threshold 0: the alerts page on the first error.
  if (spec.objective === 100) {
    out.push(problem('objective', 'should leave an error budget (100 allows no error, so every burn-rate alert fires on the first failed request)', spec.objective,
      'use the objective you can afford, e.g. 99.9', 'slo-no-error-budget'));
  }
  // An alert whose threshold is >= 1 can never fire: the error ratio cannot exceed 1.
  const windows = sloWindows(spec);
  if (windows && !spec.disableAlerts) {
    const budget = errorBudgetRatio(spec.objective);
    for (const p of resolvePairs(windows)) {
      const which = p.name.startsWith('page') ? 'pageAlert' : 'ticketAlert';
      if (a[which]?.disable) continue;
      if (p.factor * budget >= 1) {
        out.push(problem('objective', `should leave an error budget the ${p.name} burn rate can detect (${formatGoFloat(p.factor)} × ${formatGoFloat(budget)} >= 1, so that alert can never fire)`, spec.objective,
          `raise the objective, disable alerting.${which}, or give alertWindows with a lower errorBudgetPercent for ${p.name}`, 'slo-alert-never-fires'));
      }
    }
  }
  return out;
}

function nonEmptyValues(field: string, map: Record<string, string> | undefined, what: string): Problem[] {
  return Object.entries(map ?? {}).filter(([, v]) => v === '').map(([k, v]) =>
    problem(`${field}.${k}`, `must not be empty (Sloth rejects an empty SLO ${what} value)`, v, 'remove the label or give it a value'));
}

function checkSli(sli: SliSpec | undefined, verdicts: PromqlVerdicts | undefined): Problem[] {
  if (!sli || (sli.events === undefined) === (sli.raw === undefined)) {
    return [problem('sli', 'must set exactly one of events and raw', sli, 'use events: { errorQuery, totalQuery } or raw: { errorRatioQuery }')];
  }
  const queries: Array<[string, string]> = sli.events
    ? [['sli.events.errorQuery', sli.events.errorQuery], ['sli.events.totalQuery', sli.events.totalQuery]]
    : [['sli.raw.errorRatioQuery', sli.raw!.errorRatioQuery]];
  const out: Problem[] = [];
  if (sli.events && typeof sli.events.errorQuery === 'string' && sli.events.errorQuery === sli.events.totalQuery) {
    out.push(problem('sli.events.totalQuery', 'must differ from errorQuery (the ratio would always be 1)', sli.events.totalQuery,
      'count every event in totalQuery and only the bad ones in errorQuery'));
  }
  for (const [field, q] of queries) {
    if (typeof q !== 'string' || q.trim() === '') {
      out.push(problem(field, 'must be a non-empty PromQL query', q, `give a query with ${c.WINDOW_PLACEHOLDER} as its range, e.g. sum(rate(http_requests_total{code=~"5.."}[${c.WINDOW_PLACEHOLDER}]))`));
      continue;
    }
    if (!new RegExp(c.WINDOW_PLACEHOLDER_PATTERN.source).test(q)) {
      out.push(problem(field, `must contain the window placeholder ${c.WINDOW_PLACEHOLDER}`, q, `use it as the range of the query, e.g. rate(x[${c.WINDOW_PLACEHOLDER}]); without it every window measures the same thing`));
      continue;
    }
    const rendered = renderWindow(q, '5m');
    if (rendered.includes('{{')) {
      out.push(problem(field, `must contain no template action other than ${c.WINDOW_PLACEHOLDER}`, q, 'remove the other {{ … }}'));
      continue;
    }
    out.push(...checkPromql(field, rendered, verdicts));
  }
  return out;
}

/** A query with `{{.window}}` replaced by a window. */
export function renderWindow(query: string, window: string): string {
  return query.replace(c.WINDOW_PLACEHOLDER_PATTERN, window);
}

/** The ID labels of an SLO. */
export function sloIdLabels(spec: SloSpec): Record<string, string> {
  return {
    [c.SLO_ID_LABEL]: c.sloId(spec.service, spec.name),
    [c.SLO_SERVICE_LABEL]: spec.service,
    [c.SLO_NAME_LABEL]: spec.name,
  };
}

/** A label set as a PromQL filter the way Prometheus's `LabelSet.String()` prints it (keys sorted). */
export function labelFilter(labels: Record<string, string>): string {
  const pairs = Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${pairs.join(', ')}}`;
}

function merge(...maps: Array<Record<string, string> | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of maps) Object.assign(out, m ?? {});
  return out;
}

/** The resolved alert pairs of a checked SLO. */
export function sloPairs(spec: SloSpec): ResolvedPair[] {
  return resolvePairs(sloWindows(spec)!);
}

/** The error budget ratio Sloth computes: `(100 - objective) / 100`. */
export function errorBudgetRatio(objective: number): number {
  return (100 - objective) / 100;
}

/**
 * The rule groups of a checked SLO, in Sloth's order (SLI recordings, metadata recordings, alerts); groups
 * with no rules are left out.
 */
export function sloRuleGroups(spec: SloSpec): RuleGroupSpec[] {
  const id = c.sloId(spec.service, spec.name);
  const groups: RuleGroupSpec[] = [];
  if (!spec.disableRecordings) {
    groups.push({ name: c.sliRecordingsGroupName(id), rules: sliRules(spec) });
    groups.push({ name: c.metaRecordingsGroupName(id), rules: metaRules(spec) });
  }
  if (!spec.disableAlerts) {
    groups.push({ name: c.alertsGroupName(id), rules: alertRules(spec) });
  }
  return groups.filter((g) => g.rules.length > 0);
}

/** The SLI windows of a checked SLO in ms: the alert windows ascending, then the period. */
export function sliWindowsMs(spec: SloSpec): number[] {
  const periodMs = parsePromDuration(spec.period ?? '30d')!;
  const windowMs = [...new Set(sloPairs(spec).flatMap((p) => [p.shortMs, p.longMs]))].sort((a, b) => a - b);
  if (!windowMs.includes(periodMs)) windowMs.push(periodMs);
  return windowMs;
}

/** The labels of the SLI recording of a window. */
export function sliRecordingLabels(spec: SloSpec, window: string): Record<string, string> {
  return merge(sloIdLabels(spec), { [c.SLO_WINDOW_LABEL]: window }, spec.labels);
}

function sliRules(spec: SloSpec): RuleSpec[] {
  const pairs = sloPairs(spec);
  const periodMs = parsePromDuration(spec.period ?? '30d')!;
  const windowMs = sliWindowsMs(spec);
  const idLabels = sloIdLabels(spec);
  const quickShort = pairs[0].short;
  return windowMs.map((ms) => {
    const w = formatPromDuration(ms);
    let expr: string;
    if (ms === periodMs && !spec.disableOptimized && pairs[0].shortMs !== periodMs) {
      const metric = c.sliErrorRecordName(quickShort) + labelFilter(idLabels);
      expr = `sum_over_time(${metric}[${w}])\n/ ignoring (${c.SLO_WINDOW_LABEL})\ncount_over_time(${metric}[${w}])\n`;
    } else if (spec.sli.events) {
      expr = renderWindow(`(${spec.sli.events.errorQuery})\n/\n(${spec.sli.events.totalQuery})\n`, w);
    } else {
      expr = renderWindow(`(${spec.sli.raw!.errorRatioQuery})`, w);
    }
    return {
      record: c.sliErrorRecordName(w),
      expr,
      labels: sliRecordingLabels(spec, w),
    };
  });
}

function metaRules(spec: SloSpec): RuleSpec[] {
  const idLabels = sloIdLabels(spec);
  const labels = merge(idLabels, spec.labels);
  const filter = labelFilter(idLabels);
  const ratio = spec.objective / 100;
  const periodMs = parsePromDuration(spec.period ?? '30d')!;
  const quickShort = sloPairs(spec)[0].short;
  const burn = (window: string) =>
    `${c.sliErrorRecordName(window)}${filter}\n/ on(${c.SLO_ID_LABEL}, ${c.SLO_NAME_LABEL}, ${c.SLO_SERVICE_LABEL}) group_left\n${c.META_ERROR_BUDGET_RATIO}${filter}\n`;
  const info = spec.info ?? { version: c.OPSKIT_SLO_VERSION, mode: c.OPSKIT_SLO_MODE, spec: c.OPSKIT_SLO_SPEC };
  return [
    { record: c.META_OBJECTIVE_RATIO, expr: `vector(${formatGoFloat(ratio)})`, labels },
    { record: c.META_ERROR_BUDGET_RATIO, expr: `vector(1-${formatGoFloat(ratio)})`, labels },
    { record: c.META_TIME_PERIOD_DAYS, expr: `vector(${formatGoFloat(periodMs / 3600000 / 24)})`, labels },
    { record: c.META_CURRENT_BURN_RATE, expr: burn(quickShort), labels },
    { record: c.META_PERIOD_BURN_RATE, expr: burn(formatPromDuration(periodMs)), labels },
    { record: c.META_PERIOD_ERROR_BUDGET_REMAINING, expr: `1 - ${c.META_PERIOD_BURN_RATE}${filter}`, labels },
    {
      record: c.META_INFO,
      expr: 'vector(1)',
      labels: merge(labels, {
        [c.SLO_VERSION_LABEL]: info.version,
        [c.SLO_MODE_LABEL]: info.mode,
        [c.SLO_SPEC_LABEL]: info.spec,
        [c.SLO_OBJECTIVE_LABEL]: formatGoFloatPlain(spec.objective),
      }),
    },
  ];
}

/** The name both alerts of an SLO carry. */
export function sloAlertName(spec: SloSpec): string {
  return spec.alerting?.name ?? c.defaultSloAlertName(spec.service, spec.name);
}

function pairCondition(filter: string, p: ResolvedPair, budget: string, indent: string): string {
  const side = (w: string) => `${indent}max(${c.sliErrorRecordName(w)}${filter} > (${formatGoFloat(p.factor)} * ${budget})) without (${c.SLO_WINDOW_LABEL})\n`;
  return `${side(p.short)}${indent}and\n${side(p.long)}`;
}

function alertRules(spec: SloSpec): RuleSpec[] {
  const a = spec.alerting ?? {};
  const filter = labelFilter(sloIdLabels(spec));
  const budget = formatGoFloat(errorBudgetRatio(spec.objective));
  const pairs = sloPairs(spec);
  const rules: RuleSpec[] = [];
  const severities: Array<['pageAlert' | 'ticketAlert', string, ResolvedPair, ResolvedPair]> = [
    ['pageAlert', c.PAGE_SEVERITY, pairs[0], pairs[1]],
    ['ticketAlert', c.TICKET_SEVERITY, pairs[2], pairs[3]],
  ];
  for (const [which, severity, quick, slow] of severities) {
    const meta = a[which] ?? {};
    if (meta.disable) continue;
    const annotations = merge({ title: c.defaultAlertTitle(severity), summary: c.defaultAlertSummary() }, a.annotations, meta.annotations);
    const labels = merge({ [c.SLO_SEVERITY_LABEL]: severity }, a.labels, meta.labels);
    if (a.alertPerWindowPair) {
      for (const p of [quick, slow]) {
        rules.push({
          alert: sloAlertName(spec),
          expr: pairCondition(filter, p, budget, ''),
          labels: merge(labels, { [c.SLO_SHORT_WINDOW_LABEL]: p.short, [c.SLO_LONG_WINDOW_LABEL]: p.long }),
          annotations,
        });
      }
    } else {
      rules.push({
        alert: sloAlertName(spec),
        expr: `(\n${pairCondition(filter, quick, budget, '    ')})\nor\n(\n${pairCondition(filter, slow, budget, '    ')})\n`,
        labels,
        annotations,
      });
    }
  }
  return rules;
}
