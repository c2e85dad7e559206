import { formatGoFloat } from './go-format';
import { ExpectedAlertSpec, InputSeriesSpec, renderLabelTemplate, RuleTestCaseSpec, seriesSelector } from './rule-test';
import { RuleGroupSpec, RuleSpec } from './rules';
import { modelSli, ratesForRatio } from './sli-synthesis';
import { errorBudgetRatio, renderWindow, sliRecordingLabels, sliWindowsMs, sloIdLabels, SloSpec, sloPairs } from './slo';
import { formatPromDuration } from '../../core/duration';
import * as c from '../conventions';

/**
 * The promtool unit test every SLO emits: synthetic traffic at a high burn rate (the page alert fires) and
 * at a healthy error rate (no alert), over the SLO's own rule file, plus checks of the metadata rules.
 */

/** The generated test, and why parts of it could not be generated. */
export interface SloTest {
  readonly tests: RuleTestCaseSpec[];
  /** Set when the burn scenarios could not be generated (the test then checks the metadata rules only). */
  readonly limitation?: string;
}

/** Requests per minute of the synthetic traffic. */
const TRAFFIC_PER_MINUTE = 1000;

function metaChecks(spec: SloSpec, groups: readonly RuleGroupSpec[], evalTime: string) {
  const meta = groups.flatMap((g) => g.rules).filter((r) => r.record === c.META_OBJECTIVE_RATIO || r.record === c.META_TIME_PERIOD_DAYS);
  return meta.map((r) => ({
    expr: `${r.record}${filterOf(sloIdLabels(spec))}`,
    evalTime,
    expSamples: [{
      labels: seriesSelector({ __name__: r.record!, ...r.labels }),
      value: Number(/^vector\((.*)\)$/.exec(r.expr)![1]),
    }],
  }));
}

function filterOf(labels: Record<string, string>): string {
  return `{${Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

/** Thresholds (error ratio) of each pair of each alert rule, with the rule. */
function alertThresholds(spec: SloSpec, alerts: readonly RuleSpec[]): Array<{ rule: RuleSpec; thresholds: number[] }> {
  const budget = errorBudgetRatio(spec.objective);
  const pairs = sloPairs(spec);
  return alerts.map((rule) => {
    const severity = rule.labels?.[c.SLO_SEVERITY_LABEL];
    const own = pairs.filter((p) => (severity === c.PAGE_SEVERITY ? p.name.startsWith('page') : p.name.startsWith('ticket')))
      .filter((p) => rule.labels?.[c.SLO_LONG_WINDOW_LABEL] === undefined
        || (rule.labels[c.SLO_LONG_WINDOW_LABEL] === p.long && rule.labels[c.SLO_SHORT_WINDOW_LABEL] === p.short));
    return { rule, thresholds: own.map((p) => p.factor * budget) };
  });
}

/** The unit tests of a checked SLO whose rules are `groups`. */
export function sloUnitTests(spec: SloSpec, groups: readonly RuleGroupSpec[]): SloTest {
  const id = c.sloId(spec.service, spec.name);
  const pairs = sloPairs(spec);
  const pageLongest = Math.max(pairs[0].longMs, pairs[1].longMs);
  const evalTime = formatPromDuration(pageLongest);
  const samples = pageLongest / 60000 + 1;
  const recordingsPresent = groups.some((g) => g.rules.some((r) => r.record === c.META_OBJECTIVE_RATIO));
  const exprTests = recordingsPresent ? metaChecks(spec, groups, evalTime) : [];
  const alerts = groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);

  const fallback = (limitation: string): SloTest => ({
    limitation,
    tests: exprTests.length > 0
      ? [{ name: `${id}: metadata recordings`, interval: '1m', inputSeries: [{ series: 'opskit_unit_test_clock', values: `0+1x${samples}` }], promqlExprTests: exprTests }]
      : [],
  });

  let inputsFor: (q: number) => InputSeriesSpec[] | undefined;
  if (recordingsPresent) {
    const sli = spec.sli;
    const m = modelSli((w) => (sli.events
      ? [renderWindow(sli.events.errorQuery, w), renderWindow(sli.events.totalQuery, w)]
      : [renderWindow(sli.raw!.errorRatioQuery, w)]));
    if (!m.model) return fallback(`synthetic series cannot be derived from the SLI queries (${m.reason})`);
    const model = m.model;
    inputsFor = (q) => {
      const rates = ratesForRatio(model, q);
      return rates && model.labels.map((l, i) => ({
        series: seriesSelector(l),
        values: model.kinds[i] === 'counter' ? `0+${formatGoFloat(rates[i] * TRAFFIC_PER_MINUTE)}x${samples}` : `${formatGoFloat(rates[i])}x${samples}`,
      }));
    };
  } else {
    // The SLI recordings come from elsewhere: feed them directly, one constant series per window.
    inputsFor = (q) => sliWindowsMs(spec).map((ms) => {
      const w = formatPromDuration(ms);
      return { series: seriesSelector({ __name__: c.sliErrorRecordName(w), ...sliRecordingLabels(spec, w) }), values: `${formatGoFloat(q)}x${samples}` };
    });
  }

  if (errorBudgetRatio(spec.objective) === 0) return fallback('an objective of 100 leaves no error budget, so there is no healthy error ratio to test');
  const thresholds = alertThresholds(spec, alerts);
  const all = thresholds.flatMap((t) => t.thresholds);
  const pageQuick = pairs[0].factor * errorBudgetRatio(spec.objective);
  const high = Math.min(1, 2 * pageQuick);
  const healthy = 0.5 * Math.min(pageQuick, ...all);
  const ambiguous = (q: number) => all.some((t) => Math.abs(q - t) <= 0.01 * t);
  if (ambiguous(high) || ambiguous(healthy)) return fallback('the chosen error ratios are too close to an alert threshold');

  const scenario = (q: number, name: string): RuleTestCaseSpec | string => {
    const inputSeries = inputsFor(q);
    if (!inputSeries) return `no mix of the synthetic series gives an error ratio of ${formatGoFloat(q)}`;
    const byName = new Map<string, ExpectedAlertSpec[]>();
    for (const a of alerts) if (!byName.has(a.alert!)) byName.set(a.alert!, []);
    for (const t of thresholds) {
      if (!t.thresholds.some((th) => q > th)) continue;
      const labels: Record<string, string> = { ...sloIdLabels(spec), ...(spec.labels ?? {}) };
      const ruleLabels: Record<string, string> = {};
      for (const [k, v] of Object.entries(t.rule.labels ?? {})) {
        const r = renderLabelTemplate(v, labels);
        if (r === undefined) return `the label ${k} of alert ${t.rule.alert} uses template functions`;
        ruleLabels[k] = r;
      }
      const expLabels = { ...labels, ...ruleLabels };
      const expAnnotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(t.rule.annotations ?? {})) {
        const r = renderLabelTemplate(v, expLabels);
        if (r === undefined) return `the annotation ${k} of alert ${t.rule.alert} uses template functions or $value`;
        expAnnotations[k] = r;
      }
      byName.get(t.rule.alert!)!.push({ expLabels, expAnnotations });
    }
    return {
      name,
      interval: '1m',
      inputSeries,
      alertRuleTests: [...byName.entries()].map(([alertname, expAlerts]) => ({ evalTime, alertname, expAlerts })),
      promqlExprTests: exprTests.length > 0 ? exprTests : undefined,
    };
  };

  const burnText = `an error ratio of ${formatGoFloat(high)} (${formatGoFloat(high / errorBudgetRatio(spec.objective))}x the budget)`;
  const pageEnabled = alerts.some((a) => a.labels?.[c.SLO_SEVERITY_LABEL] === c.PAGE_SEVERITY);
  const burning = scenario(high, pageEnabled ? `${id}: the page alert fires at ${burnText}` : `${id}: at ${burnText} (page alert disabled)`);
  const calm = scenario(healthy, `${id}: no alert at a healthy error ratio of ${formatGoFloat(healthy)}`);
  if (typeof burning === 'string') return fallback(burning);
  if (typeof calm === 'string') return fallback(calm);
  return { tests: [burning, calm] };
}
