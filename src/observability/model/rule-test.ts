import { checkLabelMap, checkPromql, findPromqlSyntaxError } from './promql';
import { sortedMap } from './rules';
import { isPromDuration } from '../../core/duration';
import { Problem, problem } from '../../core/problem';
import { toYaml } from '../../core/yaml';

/**
 * promtool unit tests (`promtool test rules`): the typed model and its YAML.
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/
 */

/** One input series: a selector and its values in promtool's expanding notation (`0+10x100`, `_`, `stale`). */
export interface InputSeriesSpec {
  readonly series: string;
  readonly values: string;
}

/** One expected alert. */
export interface ExpectedAlertSpec {
  readonly expLabels?: Record<string, string>;
  readonly expAnnotations?: Record<string, string>;
}

/** Alerts expected at a time (an empty list expects none). */
export interface AlertRuleTestSpec {
  readonly evalTime: string;
  readonly alertname: string;
  readonly expAlerts: readonly ExpectedAlertSpec[];
}

/** One expected sample of a PromQL expression. */
export interface ExpectedSampleSpec {
  /** Series selector of the sample, e.g. `job:up:sum{job="a"}`. */
  readonly labels: string;
  readonly value: number;
}

/** The value of an expression at a time. */
export interface PromqlExprTestSpec {
  readonly expr: string;
  readonly evalTime: string;
  readonly expSamples: readonly ExpectedSampleSpec[];
}

/** One test group of a test file. */
export interface RuleTestCaseSpec {
  readonly name?: string;
  /** Interval between input samples. @default '1m' */
  readonly interval?: string;
  readonly inputSeries: readonly InputSeriesSpec[];
  readonly alertRuleTests?: readonly AlertRuleTestSpec[];
  readonly promqlExprTests?: readonly PromqlExprTestSpec[];
  readonly externalLabels?: Record<string, string>;
  readonly externalUrl?: string;
}

const NUM = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?Inf|NaN';
const VALUE_TOKEN = new RegExp(`^(?:_(?:x\\d+)?|stale|(?:${NUM})(?:[-+](?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)?x\\d+|(?:${NUM}))$`);

/** Whether a promtool series-values string is well formed (`0+10x100 _ stale 5`). */
export function isSeriesValues(values: string): boolean {
  const tokens = values.trim().split(/\s+/);
  return values.trim() !== '' && tokens.every((t) => VALUE_TOKEN.test(t));
}

/** Problems of one test case (fields relative to the case). */
export function checkRuleTestCase(t: RuleTestCaseSpec): Problem[] {
  const out: Problem[] = [];
  if (t.interval !== undefined && !isPromDuration(t.interval)) out.push(problem('interval', 'must be a Prometheus duration', t.interval, 'use e.g. "1m"'));
  if (!t.inputSeries || t.inputSeries.length === 0) out.push(problem('inputSeries', 'must list at least one series', t.inputSeries ?? [], 'add { series: \'up{job="a"}\', values: "1x10" }'));
  (t.inputSeries ?? []).forEach((s, i) => {
    const err = findPromqlSyntaxError(s.series);
    if (err || !/^\s*[a-zA-Z_:{]/.test(s.series)) {
      out.push(problem(`inputSeries[${i}].series`, 'must be a series selector such as metric{label="value"}', s.series, 'write the metric name and its labels with = matchers'));
    }
    if (!isSeriesValues(s.values)) {
      out.push(problem(`inputSeries[${i}].values`, 'must be promtool series values (e.g. "0+10x100", "1 2 _ stale", "5x3")', s.values, 'use initial+incrementxcount, _ for missing and stale for a staleness marker'));
    }
  });
  (t.alertRuleTests ?? []).forEach((a, i) => {
    if (!isPromDuration(a.evalTime)) out.push(problem(`alertRuleTests[${i}].evalTime`, 'must be a Prometheus duration', a.evalTime, 'use e.g. "10m"'));
    if (!a.alertname) out.push(problem(`alertRuleTests[${i}].alertname`, 'must be set', a.alertname, 'name the alert under test'));
    (a.expAlerts ?? []).forEach((e, j) => {
      out.push(...checkLabelMap(`alertRuleTests[${i}].expAlerts[${j}].expLabels`, e.expLabels));
      out.push(...checkLabelMap(`alertRuleTests[${i}].expAlerts[${j}].expAnnotations`, e.expAnnotations, 'annotation'));
    });
  });
  (t.promqlExprTests ?? []).forEach((p, i) => {
    out.push(...checkPromql(`promqlExprTests[${i}].expr`, p.expr));
    if (!isPromDuration(p.evalTime)) out.push(problem(`promqlExprTests[${i}].evalTime`, 'must be a Prometheus duration', p.evalTime, 'use e.g. "10m"'));
    (p.expSamples ?? []).forEach((s, j) => {
      if (findPromqlSyntaxError(s.labels)) out.push(problem(`promqlExprTests[${i}].expSamples[${j}].labels`, 'must be a series selector', s.labels, 'write e.g. job:up:sum{job="a"}'));
      if (typeof s.value !== 'number') out.push(problem(`promqlExprTests[${i}].expSamples[${j}].value`, 'must be a number', s.value, 'give the expected value'));
    });
  });
  out.push(...checkLabelMap('externalLabels', t.externalLabels));
  return out;
}

/**
 * Problems of tests whose `alertRuleTests` name an alert the rule set does not define. promtool accepts
 * such a test and, with no expected alerts, it passes whatever the rules do: a test that cannot fail.
 */
export function checkTestAlertNames(tests: readonly RuleTestCaseSpec[], alertNames: readonly string[]): Problem[] {
  const known = new Set(alertNames);
  const list = [...known].sort().map((n) => JSON.stringify(n)).join(', ') || 'none';
  const out: Problem[] = [];
  tests.forEach((t, i) => (t.alertRuleTests ?? []).forEach((a, j) => {
    if (a.alertname && !known.has(a.alertname)) {
      out.push(problem(`tests[${i}].alertRuleTests[${j}].alertname`, `must name an alert of this rule set (${list})`, a.alertname,
        'fix the name; promtool would pass a test of an alert that does not exist'));
    }
  }));
  return out;
}

function caseToPlain(t: RuleTestCaseSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (t.name !== undefined) out.name = t.name;
  out.interval = t.interval ?? '1m';
  const ext = sortedMap(t.externalLabels);
  if (ext) out.external_labels = ext;
  if (t.externalUrl !== undefined) out.external_url = t.externalUrl;
  out.input_series = t.inputSeries.map((s) => ({ series: s.series, values: s.values }));
  if (t.alertRuleTests && t.alertRuleTests.length > 0) {
    out.alert_rule_test = t.alertRuleTests.map((a) => ({
      eval_time: a.evalTime,
      alertname: a.alertname,
      exp_alerts: a.expAlerts.map((e) => {
        const x: Record<string, unknown> = {};
        const l = sortedMap(e.expLabels);
        const an = sortedMap(e.expAnnotations);
        if (l) x.exp_labels = l;
        if (an) x.exp_annotations = an;
        return x;
      }),
    }));
  }
  if (t.promqlExprTests && t.promqlExprTests.length > 0) {
    out.promql_expr_test = t.promqlExprTests.map((p) => ({
      expr: p.expr,
      eval_time: p.evalTime,
      exp_samples: p.expSamples.map((s) => ({ labels: s.labels, value: s.value })),
    }));
  }
  return out;
}

/** The YAML of a promtool test file over rule files (paths relative to the test file). */
export function renderRuleTestFile(ruleFiles: readonly string[], tests: readonly RuleTestCaseSpec[], evaluationInterval = '1m'): string {
  return toYaml({
    rule_files: [...ruleFiles],
    evaluation_interval: evaluationInterval,
    tests: tests.map(caseToPlain),
  });
}

/** A label set as a promtool series selector: `name{a="b", …}` with labels sorted. */
export function seriesSelector(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels).filter((k) => k !== '__name__').sort().map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${rest.join(', ')}}`;
}

/**
 * Renders a Prometheus alert template when it uses only label lookups (`{{ $labels.x }}`, `{{ .Labels.x }}`);
 * undefined when it uses anything else (functions, `$value`, control structures).
 */
export function renderLabelTemplate(text: string, labels: Record<string, string>): string | undefined {
  let ok = true;
  const out = text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_m, body: string) => {
    const m = /^(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(body);
    if (!m) {
      ok = false;
      return '';
    }
    return labels[m[1]] ?? '<no value>';
  });
  return ok ? out : undefined;
}
