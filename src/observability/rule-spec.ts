import { RuleTestCaseSpec } from './model/rule-test';
import { RuleGroupSpec, RuleSpec } from './model/rules';
import { PromRule, PromRuleGroup, PromtoolTest } from './rule-types';
import { checkedPromDuration } from '../core/duration';
import { Problem } from '../core/problem';

/*
 * The public rule and promtool-test structs (cdk8s `Duration`s) as the rule model sees them (Prometheus duration
 * text). Duration problems go to `out`, with fields relative to the struct's own `field`. Internal.
 */

/** The model of a rule group given at `field` (e.g. `groups[0]`). */
export function toRuleGroupSpec(g: PromRuleGroup, field: string, out: Problem[]): RuleGroupSpec {
  return {
    name: g.name,
    interval: checkedPromDuration(`${field}.interval`, g.interval, out, {
      allowZero: false, example: 'Duration.seconds(30)', zeroFix: 'leave interval out for the global evaluation_interval',
    }),
    limit: g.limit,
    rules: (g.rules ?? []).map((r, i) => toRuleSpec(r, `${field}.rules[${i}]`, out)),
  };
}

function toRuleSpec(r: PromRule, field: string, out: Problem[]): RuleSpec {
  return {
    record: r.record,
    alert: r.alert,
    expr: r.expr,
    for: checkedPromDuration(`${field}.for`, r.for, out),
    keepFiringFor: checkedPromDuration(`${field}.keepFiringFor`, r.keepFiringFor, out),
    labels: r.labels,
    annotations: r.annotations,
  };
}

/** The model of a promtool test (fields relative to the test). */
export function toRuleTestSpec(t: PromtoolTest, out: Problem[]): RuleTestCaseSpec {
  const evalTime = (field: string, d: unknown) =>
    // an invalid evalTime is reported here; '0s' keeps the model from reporting it again
    checkedPromDuration(field, d, out, { example: 'Duration.minutes(10)' }) ?? '0s';
  return {
    name: t.name,
    interval: checkedPromDuration('interval', t.interval, out, { allowZero: false, example: 'Duration.minutes(1)' }),
    inputSeries: t.inputSeries,
    alertRuleTests: t.alertRuleTests?.map((a, i) => ({ ...a, evalTime: evalTime(`alertRuleTests[${i}].evalTime`, a?.evalTime) })),
    promqlExprTests: t.promqlExprTests?.map((p, i) => ({ ...p, evalTime: evalTime(`promqlExprTests[${i}].evalTime`, p?.evalTime) })),
    externalLabels: t.externalLabels,
    externalUrl: t.externalUrl,
  };
}
