import { isPromDuration } from '../../core/duration';
import { Problem, problem } from '../../core/problem';
import { toYaml } from '../../core/yaml';
import { SEVERITY_LABEL, SUMMARY_ANNOTATION } from '../conventions';
import { checkLabelMap, checkPromql, checkTemplate, METRIC_NAME_PATTERN, PromqlVerdicts } from './promql';

/**
 * The Prometheus rule-file model shared by every target: PrometheusRule objects, plain rule files for
 * promtool, and AMP rule-group namespaces all carry the YAML `renderRuleFile` produces.
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/
 */

/** One alerting or recording rule (Prometheus rule-file fields, camelCased). */
export interface RuleSpec {
  /** Name of the series a recording rule writes. Exactly one of `record` and `alert`. */
  readonly record?: string;
  /** Name of the alert. */
  readonly alert?: string;
  /** The PromQL expression. */
  readonly expr: string;
  /** How long the condition must hold before the alert fires (alerts only). */
  readonly for?: string;
  /** How long the alert keeps firing after the condition clears (alerts only). */
  readonly keepFiringFor?: string;
  /** Labels added to the result. */
  readonly labels?: Record<string, string>;
  /** Annotations of the alert (alerts only). */
  readonly annotations?: Record<string, string>;
}

/** One rule group. */
export interface RuleGroupSpec {
  /** Group name, unique in a file. */
  readonly name: string;
  /** Evaluation interval. */
  readonly interval?: string;
  /** Limit of alerts/series the group may produce (0 = none). */
  readonly limit?: number;
  /** The rules, evaluated in order. */
  readonly rules: readonly RuleSpec[];
}

/** Which checks `checkRuleGroups` applies beyond Prometheus's own. */
export interface RuleCheckOptions {
  /** Every alert must carry a severity label and a summary annotation. @default true */
  readonly requireSeverityAndSummary?: boolean;
  /** Labels that count as the severity. @default ['severity'] */
  readonly severityLabels?: readonly string[];
  /** Rule names (record or alert) must be unique within a group. @default true */
  readonly uniqueRuleNames?: boolean;
  /** The app's PromQL verdicts, so an expression checked before is not parsed again. @default - every expression is parsed */
  readonly promql?: PromqlVerdicts;
}

/**
 * Every problem of a list of rule groups: the checks `promtool check rules` does (PromQL parses, durations
 * valid, label and annotation names valid, record names valid, no `for`/annotations on recording rules,
 * templates balanced) plus opskit's (unique group names, severity and summary on alerts, unique rule
 * names per group). Fields are `groups[i].rules[j].<field>`.
 */
export function checkRuleGroups(groups: readonly RuleGroupSpec[], options: RuleCheckOptions = {}): Problem[] {
  const out: Problem[] = [];
  const requireMeta = options.requireSeverityAndSummary ?? true;
  const severityLabels = options.severityLabels ?? [SEVERITY_LABEL];
  const unique = options.uniqueRuleNames ?? true;
  const groupNames = new Map<string, number>();
  groups.forEach((g, gi) => {
    const gf = `groups[${gi}]`;
    if (typeof g.name !== 'string' || g.name.trim() === '') {
      out.push(problem(`${gf}.name`, 'must be a non-empty string', g.name, 'name the group, e.g. "api-alerts"'));
    } else if (groupNames.has(g.name)) {
      out.push(problem(`${gf}.name`, `must be unique in the rule file (also used by groups[${groupNames.get(g.name)}])`, g.name, 'rename one of the groups'));
    } else {
      groupNames.set(g.name, gi);
    }
    if (g.interval !== undefined && !isPromDuration(g.interval)) {
      out.push(problem(`${gf}.interval`, 'must be a Prometheus duration', g.interval, 'use e.g. "30s" or "1m"'));
    }
    if (g.limit !== undefined && (!Number.isInteger(g.limit) || g.limit < 0)) {
      out.push(problem(`${gf}.limit`, 'must be a non-negative integer', g.limit, 'use 0 for no limit'));
    }
    if (!g.rules || g.rules.length === 0) {
      out.push(problem(`${gf}.rules`, 'must contain at least one rule', g.rules ?? [], 'add a rule or remove the group'));
      return;
    }
    const names = new Map<string, number>();
    g.rules.forEach((r, ri) => {
      const f = `${gf}.rules[${ri}]`;
      out.push(...checkRule(f, r, requireMeta, severityLabels, options.promql));
      const name = r.alert ?? r.record;
      if (unique && name) {
        if (names.has(name)) {
          out.push(problem(`${f}.${r.alert !== undefined ? 'alert' : 'record'}`,
            `must be unique in group ${JSON.stringify(g.name)} (also used by rules[${names.get(name)}])`, name,
            'rename the rule, or merge the two expressions with "or"'));
        } else {
          names.set(name, ri);
        }
      }
    });
  });
  return out;
}

function checkRule(f: string, r: RuleSpec, requireMeta: boolean, severityLabels: readonly string[], verdicts: PromqlVerdicts | undefined): Problem[] {
  const out: Problem[] = [];
  const isAlert = r.alert !== undefined;
  if ((r.alert === undefined) === (r.record === undefined)) {
    out.push(problem(f, 'must set exactly one of record and alert', { record: r.record, alert: r.alert }, 'use record for a recording rule, alert for an alerting rule'));
  }
  if (r.record !== undefined && !METRIC_NAME_PATTERN.test(r.record)) {
    out.push(problem(`${f}.record`, 'must be a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)', r.record, 'use the level:metric:operations form, e.g. job:http_requests:rate5m'));
  }
  if (r.alert !== undefined && (typeof r.alert !== 'string' || r.alert === '')) {
    out.push(problem(`${f}.alert`, 'must be a non-empty name', r.alert, 'use a CamelCase name, e.g. HighErrorRate'));
  }
  out.push(...checkPromql(`${f}.expr`, r.expr, verdicts));
  if (r.for !== undefined && !isPromDuration(r.for)) {
    out.push(problem(`${f}.for`, 'must be a Prometheus duration', r.for, 'use e.g. "5m" or "1h30m"'));
  }
  if (r.keepFiringFor !== undefined && !isPromDuration(r.keepFiringFor)) {
    out.push(problem(`${f}.keepFiringFor`, 'must be a Prometheus duration', r.keepFiringFor, 'use e.g. "5m"'));
  }
  if (!isAlert) {
    if (r.for !== undefined) out.push(problem(`${f}.for`, 'must not be set on a recording rule', r.for, 'remove it, or make the rule an alert'));
    if (r.keepFiringFor !== undefined) out.push(problem(`${f}.keepFiringFor`, 'must not be set on a recording rule', r.keepFiringFor, 'remove it'));
    if (r.annotations !== undefined) out.push(problem(`${f}.annotations`, 'must not be set on a recording rule', r.annotations, 'remove them, or make the rule an alert'));
  }
  out.push(...checkLabelMap(`${f}.labels`, r.labels));
  out.push(...checkLabelMap(`${f}.annotations`, r.annotations, 'annotation'));
  if (isAlert) {
    for (const [k, v] of Object.entries(r.labels ?? {})) {
      if (typeof v === 'string') out.push(...checkTemplate(`${f}.labels.${k}`, v));
    }
    for (const [k, v] of Object.entries(r.annotations ?? {})) {
      if (typeof v === 'string') out.push(...checkTemplate(`${f}.annotations.${k}`, v));
    }
    if (requireMeta) {
      // An empty label value is no label at all in Prometheus, so an empty severity counts as missing.
      const severity = severityLabels.find((l) => r.labels?.[l] !== undefined);
      if (severity === undefined) {
        out.push(problem(`${f}.labels.${severityLabels[0]}`, 'must be set on every alert', r.labels ?? {},
          `add labels: { ${severityLabels[0]}: "critical" } (critical, warning or info)`));
      } else if (typeof r.labels![severity] === 'string' && r.labels![severity].trim() === '') {
        out.push(problem(`${f}.labels.${severity}`, 'must not be empty (Prometheus drops a label whose value is empty)', r.labels![severity],
          `set it, e.g. ${severity}: "critical" (critical, warning or info)`));
      }
      const summary = r.annotations?.[SUMMARY_ANNOTATION];
      if (summary === undefined) {
        out.push(problem(`${f}.annotations.${SUMMARY_ANNOTATION}`, 'must be set on every alert', r.annotations ?? {},
          'add annotations: { summary: "…what is wrong, with {{ $labels.job }}…" }'));
      } else if (typeof summary === 'string' && summary.trim() === '') {
        out.push(problem(`${f}.annotations.${SUMMARY_ANNOTATION}`, 'must not be empty', summary,
          'say what is wrong, e.g. "API instance {{ $labels.instance }} is down"'));
      }
    }
  }
  return out;
}

/** A map with its keys sorted (rule files list labels and annotations sorted, as Prometheus does). */
export function sortedMap(m: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!m || Object.keys(m).length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

/** One rule as the rule-file YAML writes it: `record|alert, expr, for, keep_firing_for, labels, annotations`. */
export function ruleToPlain(r: RuleSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.record !== undefined) out.record = r.record;
  if (r.alert !== undefined) out.alert = r.alert;
  out.expr = r.expr;
  if (r.for !== undefined) out.for = r.for;
  if (r.keepFiringFor !== undefined) out.keep_firing_for = r.keepFiringFor;
  const labels = sortedMap(r.labels);
  if (labels) out.labels = labels;
  const annotations = sortedMap(r.annotations);
  if (annotations) out.annotations = annotations;
  return out;
}

/** One group as the rule-file YAML (and a PrometheusRule's `spec.groups[]`) writes it. */
export function groupToPlain(g: RuleGroupSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: g.name };
  if (g.interval !== undefined) out.interval = g.interval;
  if (g.limit !== undefined) out.limit = g.limit;
  out.rules = g.rules.map(ruleToPlain);
  return out;
}

/** The `{ groups: [...] }` document of a rule file; groups without rules are left out (as Sloth does). */
export function ruleFileDocument(groups: readonly RuleGroupSpec[]): { groups: Record<string, unknown>[] } {
  return { groups: groups.filter((g) => g.rules.length > 0).map(groupToPlain) };
}

/**
 * The rule-file YAML text of a rule set — identical wherever the rules go (plain rule file, AMP rule-group
 * namespace `data`); a PrometheusRule's `spec` is the same document.
 */
export function renderRuleFile(groups: readonly RuleGroupSpec[]): string {
  return toYaml(ruleFileDocument(groups));
}
