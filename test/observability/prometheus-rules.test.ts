import { Duration, JsonPatch } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import * as rulesModel from '../../src/observability/model/rules';
import { PrometheusRules } from '../../src/observability/prometheus-rules';
import { describeEachPromtool } from '../support/generations';
import { checkRules, rulesFound, testRules, writePrometheusFiles } from './support/promtool';

const apiDown = {
  alert: 'ApiDown',
  expr: 'up{job="api"} == 0',
  for: Duration.minutes(5),
  labels: { severity: 'critical' },
  annotations: { summary: 'API instance {{ $labels.instance }} is down' },
};
const record = { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' };

function build(props: any = { metadata: { name: 'api' }, groups: [{ name: 'api', rules: [record, apiDown] }] }) {
  const app = OpsTesting.app();
  const chart = app.chart('rules', { namespace: 'monitoring' });
  const rules = new PrometheusRules(chart, 'api-rules', props);
  return { app, chart, rules };
}

describe('PrometheusRules', () => {
  test('defaults: a PrometheusRule and a rule file carrying the same groups', () => {
    // GIVEN
    const { app, rules } = build();

    // WHEN
    const out = OpsTesting.synth(app);

    // THEN
    const obj = out.findObject('rules', 'PrometheusRule', 'api');
    expect(obj.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(obj.metadata.namespace).toBe('monitoring');
    expect(obj.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'opskit' });
    expect(obj.spec).toEqual({
      groups: [{
        name: 'api',
        rules: [
          { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' },
          { alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '5m', labels: { severity: 'critical' }, annotations: { summary: 'API instance {{ $labels.instance }} is down' } },
        ],
      }],
    });
    expect(parseYaml(out.file('prometheus/api.rules.yaml'))).toEqual(obj.spec);
    expect(out.file('prometheus/api.rules.yaml')).toBe(rules.renderRuleFile());
    expect(out.fileNames).not.toContain('prometheus/api.test.yaml');
  });

  test('the name defaults to the construct id (no hash, no path)', () => {
    // GIVEN
    const { app, rules } = build({ groups: [{ name: 'g', rules: [record] }] });

    // WHEN
    const out = OpsTesting.synth(app);

    // THEN
    expect(rules.ruleSetName).toBe('api-rules');
    expect(out.fileNames).toContain(`prometheus/${rules.ruleSetName}.rules.yaml`);
  });

  test('renders the rule file once, and again after addGroup', () => {
    // GIVEN
    const { rules } = build();
    const render = jest.spyOn(rulesModel, 'renderRuleFile');
    // WHEN
    const first = rules.renderRuleFile();
    const again = rules.renderRuleFile();
    rules.addGroup({ name: 'later', rules: [{ ...record, record: 'job:http_requests:rate1h' }] });
    const grown = rules.renderRuleFile();
    // THEN
    expect(again).toBe(first);
    expect(render).toHaveBeenCalledTimes(2);
    expect(parseYaml(grown).groups.map((g: any) => g.name)).toEqual(['api', 'later']);
    render.mockRestore();
  });

  test('addGroup after construction is rendered', () => {
    // GIVEN
    const { app, rules } = build({ metadata: { name: 'late' } });

    // WHEN
    rules.addGroup({ name: 'late', interval: Duration.minutes(1), rules: [record] });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObject('rules', 'PrometheusRule', 'late').spec.groups).toEqual([{ name: 'late', interval: '1m', rules: [record] }]);
  });

  test('renders Durations in Prometheus\'s canonical form', () => {
    // GIVEN
    const { app } = build({
      metadata: { name: 'canonical' },
      groups: [{ name: 'g', interval: Duration.seconds(90), rules: [{ ...apiDown, for: Duration.days(28), keepFiringFor: Duration.millis(1500) }] }],
    });

    // WHEN
    const group = OpsTesting.synth(app).findObject('rules', 'PrometheusRule', 'canonical').spec.groups[0];

    // THEN
    expect(group.interval).toBe('1m30s');
    expect(group.rules[0]).toMatchObject({ for: '4w', keep_firing_for: '1s500ms' });
  });

  test('test durations are rendered in the test file, the sample interval defaulting to 1m', () => {
    // GIVEN
    const { app, rules } = build();
    rules.addTest({ inputSeries: [{ series: 'up{job="api", instance="a"}', values: '0x10' }], alertRuleTests: [{ evalTime: Duration.minutes(90), alertname: 'ApiDown', expAlerts: [] }] });
    rules.addTest({ interval: Duration.seconds(15), inputSeries: [{ series: 'up{job="api", instance="a"}', values: '0x10' }], promqlExprTests: [{ expr: 'up', evalTime: Duration.seconds(0), expSamples: [] }] });

    // WHEN
    const file = parseYaml(OpsTesting.synth(app).file('prometheus/api.test.yaml'));

    // THEN
    expect(file.tests[0].interval).toBe('1m');
    expect(file.tests[0].alert_rule_test[0].eval_time).toBe('1h30m');
    expect(file.tests[1].interval).toBe('15s');
    expect(file.tests[1].promql_expr_test[0].eval_time).toBe('0s');
  });

  test.each([
    ['invalid PromQL', { alert: 'X', expr: 'sum(rate(x[5m])', labels: { severity: 'warning' }, annotations: { summary: 's' } },
      /groups\[0\]\.rules\[0\]\.expr must be valid PromQL \(syntax error at line 1 column 16 at the end\), got "sum\(rate\(x\[5m\]\)"/],
    ['a PromQL type error', { record: 'job:x:sum', expr: 'sum(x[5m])' },
      /groups\[0\]\.rules\[0\]\.expr must be valid PromQL \(error at line 1 column 5: expected type instant vector in aggregation expression, got range vector\)/],
    ['a duration given as text (JavaScript)', { ...apiDown, for: '5m' }, /groups\[0\]\.rules\[0\]\.for must be a cdk8s Duration, got "5m" — use Duration\.minutes\(5\)/],
    ['a duration that is not one', { ...apiDown, keepFiringFor: '5 minutes' }, /groups\[0\]\.rules\[0\]\.keepFiringFor must be a cdk8s Duration, got "5 minutes" — use a cdk8s Duration/],
    ['a duration of a fraction of a millisecond', { ...apiDown, for: Duration.millis(0.5) }, /groups\[0\]\.rules\[0\]\.for must be a whole number of milliseconds, got 0\.5 ms/],
    ['a bad label name', { ...apiDown, labels: { 'severity': 'critical', 'team-name': 'x' } }, /groups\[0\]\.rules\[0\]\.labels\.team-name must be a valid label name/],
    ['an unbalanced template', { ...apiDown, annotations: { summary: 'down {{ $labels.instance' } }, /groups\[0\]\.rules\[0\]\.annotations\.summary must be a balanced Go template \("\{\{" at offset 5 is never closed/],
    ['an undefined template variable', { ...apiDown, annotations: { summary: 'API instance {{ $label.instance }} is down' } },
      /groups\[0\]\.rules\[0\]\.annotations\.summary must use only defined template variables \(\$label is not defined; promtool rejects it\)/],
    ['an if without end', { ...apiDown, annotations: { summary: '{{ if $value }}high' } }, /annotations\.summary must be a balanced Go template \("\{\{ if \}\}" is never closed/],
    ['an alert without severity', { ...apiDown, labels: {} }, /groups\[0\]\.rules\[0\]\.labels\.severity must be set on every alert/],
    ['an empty severity', { ...apiDown, labels: { severity: '' } }, /groups\[0\]\.rules\[0\]\.labels\.severity must not be empty \(Prometheus drops a label whose value is empty\), got ""/],
    ['an alert without summary', { ...apiDown, annotations: { description: 'd' } }, /groups\[0\]\.rules\[0\]\.annotations\.summary must be set on every alert/],
    ['for on a recording rule', { ...record, for: Duration.minutes(5) }, /groups\[0\]\.rules\[0\]\.for must not be set on a recording rule/],
    ['a bad record name', { record: 'job-requests', expr: 'up' }, /groups\[0\]\.rules\[0\]\.record must be a valid metric name/],
  ])('fails when a rule has %s', (_name, rule, message) => {
    // GIVEN
    const chart = OpsTesting.app().chart('rules');

    // WHEN / THEN
    const make = () => new PrometheusRules(chart, 'bad', { metadata: { name: 'bad' }, groups: [{ name: 'g', rules: [rule as any] }] });
    expect(make).toThrow(message);
    expect(() => new PrometheusRules(chart, 'bad2', { metadata: { name: 'bad' }, groups: [{ name: 'g', rules: [rule as any] }] })).toThrow(/at path \[rules\/bad2\]/);
  });

  test('fails at synth when no group was given or added', () => {
    // GIVEN
    const app = OpsTesting.app();
    const rules = new PrometheusRules(app.chart('c'), 'rules', { metadata: { name: 'empty' } });
    // WHEN / THEN
    expect(() => OpsTesting.synth(app)).toThrow(/groups must contain at least one rule group by synth[^\n]*\n    at path \[c\/rules\]/);
    rules.addGroup({ name: 'later', rules: [record] });
    expect(() => OpsTesting.synth(app)).not.toThrow();
  });

  test('fails when rule names repeat in a group', () => {
    // GIVEN
    const chart = OpsTesting.app().chart('rules');

    // THEN
    expect(() => new PrometheusRules(chart, 'dup', { groups: [{ name: 'g', rules: [apiDown, { ...apiDown, for: Duration.minutes(10) }] }] }))
      .toThrow(/groups\[0\]\.rules\[1\]\.alert must be unique in group "g" \(also used by rules\[0\]\), got "ApiDown"[\s\S]*at path \[rules\/dup\]/);
  });

  test('fails when a group added later repeats a group name', () => {
    // GIVEN
    const { rules } = build();

    // THEN
    expect(() => rules.addGroup({ name: 'api', rules: [record] })).toThrow(/groups\[1\]\.name must be unique in the rule file/);
  });

  test('fails at synth when an escape-hatch patch breaks the emitted object (tier 3)', () => {
    // GIVEN
    const { app, rules } = build();

    // WHEN
    rules.apiObject.addJsonPatch(JsonPatch.replace('/spec/groups/0/rules/1/for', '5 minutes'));

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/spec\.groups\[0\]\.rules\[1\]\.for must be a Prometheus duration, got "5 minutes"/);
  });

  test('fails at synth when a test names an alert the rule set does not define (promtool would pass it)', () => {
    // GIVEN
    const { app, rules } = build();
    rules.addTest({ inputSeries: [{ series: 'up{job="api", instance="a"}', values: '0x10' }], alertRuleTests: [{ evalTime: Duration.minutes(6), alertname: 'ApiDwon', expAlerts: [] }] });

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(
      /tests\[0\]\.alertRuleTests\[0\]\.alertname must name an alert of this rule set \("ApiDown"\), got "ApiDwon" — fix the name[^]*at path \[rules\/api-rules\]/);
  });

  test('a test may come before the group whose alert it tests', () => {
    // GIVEN
    const { app, rules } = build({ metadata: { name: 'late' } });
    rules.addTest({ inputSeries: [{ series: 'up{job="api", instance="a"}', values: '0x10' }], alertRuleTests: [{ evalTime: Duration.minutes(6), alertname: 'ApiDown', expAlerts: [] }] });

    // WHEN
    rules.addGroup({ name: 'api', rules: [apiDown] });

    // THEN
    expect(() => OpsTesting.synth(app)).not.toThrow();
  });

  test('metadata.name names the PrometheusRule and its files', () => {
    // GIVEN
    const app = OpsTesting.app();
    new PrometheusRules(app.chart('rules'), 'Api_Rules', { metadata: { name: 'api', labels: { release: 'kps' } }, groups: [{ name: 'g', rules: [record] }] });

    // WHEN
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObject('rules', 'PrometheusRule', 'api').metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'opskit', 'release': 'kps' });
    expect(out.fileNames).toContain('prometheus/api.rules.yaml');
  });

  test('fails when the construct id is not a valid name and metadata.name is not set', () => {
    const chart = OpsTesting.app().chart('rules');
    expect(() => new PrometheusRules(chart, 'Api_Rules', { groups: [{ name: 'g', rules: [record] }] }))
      .toThrow(/metadata\.name must be a DNS-1123 subdomain[^]*got "Api_Rules" — it defaults to the construct id: use a lowercase id such as "api-rules", or set metadata\.name[^]*at path \[rules\/Api_Rules\]/);
  });

  test('fails when a group interval is zero (leave it out for the global one)', () => {
    const chart = OpsTesting.app().chart('rules');
    expect(() => new PrometheusRules(chart, 'bad', { groups: [{ name: 'g', interval: Duration.seconds(0), rules: [record] }] }))
      .toThrow(/groups\[0\]\.interval must be longer than 0, got 0 ms — leave interval out for the global evaluation_interval[^]*at path \[rules\/bad\]/);
  });

  test('fails when a group added later has a duration given as text', () => {
    const { rules } = build();
    expect(() => rules.addGroup({ name: 'late', interval: '1m' as any, rules: [record] }))
      .toThrow(/groups\[1\]\.interval must be a cdk8s Duration, got "1m" — use Duration\.minutes\(1\)/);
  });

  test.each([
    ['an evalTime given as text (JavaScript)', { alertRuleTests: [{ evalTime: '10m', alertname: 'ApiDown', expAlerts: [] }] },
      /tests\[0\]\.alertRuleTests\[0\]\.evalTime must be a cdk8s Duration, got "10m" — use Duration\.minutes\(10\)/],
    ['a zero sample interval', { interval: Duration.minutes(0) }, /tests\[0\]\.interval must be longer than 0, got 0 ms/],
    ['an evalTime of a fraction of a millisecond', { promqlExprTests: [{ expr: 'up', evalTime: Duration.millis(1.5), expSamples: [] }] },
      /tests\[0\]\.promqlExprTests\[0\]\.evalTime must be a whole number of milliseconds, got 1\.5 ms/],
  ])('fails when a test has %s', (_name, test, message) => {
    const { rules } = build();
    expect(() => rules.addTest({ inputSeries: [{ series: 'up{job="api"}', values: '1x10' }], ...(test as any) })).toThrow(message);
  });

  test('fails when a test has malformed series values', () => {
    // GIVEN
    const { rules } = build();

    // THEN
    expect(() => rules.addTest({ inputSeries: [{ series: 'up{job="api"}', values: '0 + 1 x 10' }] }))
      .toThrow(/tests\[0\]\.inputSeries\[0\]\.values must be promtool series values/);
  });
});

describeEachPromtool('PrometheusRules through promtool', (promtool) => {
  test('the rule file passes promtool check rules and a user test passes promtool test rules', () => {
    // GIVEN
    const { app, rules } = build();
    rules.addTest({
      name: 'api down for 5m fires',
      inputSeries: [{ series: 'up{job="api", instance="a"}', values: '0x15' }],
      alertRuleTests: [
        { evalTime: Duration.minutes(3), alertname: 'ApiDown', expAlerts: [] },
        {
          evalTime: Duration.minutes(10),
          alertname: 'ApiDown',
          expAlerts: [{ expLabels: { severity: 'critical', job: 'api', instance: 'a' }, expAnnotations: { summary: 'API instance a is down' } }],
        },
      ],
      promqlExprTests: [{ expr: 'job:http_requests:rate5m', evalTime: Duration.minutes(5), expSamples: [] }],
    });

    // WHEN
    const dir = writePrometheusFiles(OpsTesting.synth(app));
    const check = checkRules(promtool, dir, 'api.rules.yaml');
    const test = testRules(promtool, dir, 'api.test.yaml');

    // THEN
    expect(check.status).toBe(0);
    expect(rulesFound(check)).toBe(2);
    expect(test.stdout + test.stderr).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  test('a wrong expectation makes promtool test rules fail (the test is real)', () => {
    // GIVEN
    const { app, rules } = build();
    rules.addTest({
      inputSeries: [{ series: 'up{job="api", instance="a"}', values: '1x15' }],
      alertRuleTests: [{ evalTime: Duration.minutes(10), alertname: 'ApiDown', expAlerts: [{ expLabels: { severity: 'critical', job: 'api', instance: 'a' } }] }],
    });

    // WHEN
    const dir = writePrometheusFiles(OpsTesting.synth(app));
    const test = testRules(promtool, dir, 'api.test.yaml');

    // THEN
    expect(test.status).not.toBe(0);
    expect(test.stdout + test.stderr).toContain('FAILED');
  });
});
