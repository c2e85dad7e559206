import { parseYaml } from '../../../src/core/yaml';
import { checkRuleTestCase, checkTestAlertNames, isSeriesValues, renderLabelTemplate, renderRuleTestFile, seriesSelector } from '../../../src/observability/model/rule-test';

describe('promtool test files', () => {
  test.each([['0+10x100', true], ['1 2 3 _ stale', true], ['_x5', true], ['5x3', true], ['1-1x10', true], ['1e3+0.5x2', true], ['Inf NaN -Inf', true],
    ['0 + 1', false], ['', false], ['1x', false], ['abc', false]])('%p is series values: %p', (v, ok) => {
    expect(isSeriesValues(v)).toBe(ok);
  });

  test('series selectors are sorted and quoted', () => {
    expect(seriesSelector({ __name__: 'x', b: '2', a: 'q"' })).toBe('x{a="q\\"", b="2"}');
  });

  test.each([
    ['{{ $labels.job }} down', { job: 'api' }, 'api down'],
    ['{{$labels.sloth_service}} {{ .Labels.x }}', { sloth_service: 's', x: 'y' }, 's y'],
    ['missing {{ $labels.nope }}', {}, 'missing <no value>'],
    ['{{ $value | humanize }}', {}, undefined],
    ['{{ if true }}x{{ end }}', {}, undefined],
  ])('renders %p', (t, labels, out) => {
    expect(renderLabelTemplate(t, labels)).toBe(out);
  });

  test('renders promtool\'s field names', () => {
    const text = renderRuleTestFile(['a.rules.yaml'], [{
      name: 't',
      inputSeries: [{ series: 'up{job="a"}', values: '0x5' }],
      alertRuleTests: [{ evalTime: '5m', alertname: 'A', expAlerts: [{ expLabels: { b: '1', a: '2' } }, {}] }],
      promqlExprTests: [{ expr: 'up', evalTime: '1m', expSamples: [{ labels: 'up{job="a"}', value: 0 }] }],
      externalLabels: { cluster: 'c' },
    }]);
    expect(parseYaml(text)).toEqual({
      rule_files: ['a.rules.yaml'],
      evaluation_interval: '1m',
      tests: [{
        name: 't',
        interval: '1m',
        external_labels: { cluster: 'c' },
        input_series: [{ series: 'up{job="a"}', values: '0x5' }],
        alert_rule_test: [{ eval_time: '5m', alertname: 'A', exp_alerts: [{ exp_labels: { a: '2', b: '1' } }, {}] }],
        promql_expr_test: [{ expr: 'up', eval_time: '1m', exp_samples: [{ labels: 'up{job="a"}', value: 0 }] }],
      }],
    });
  });

  test.each([
    [{ inputSeries: [] }, 'inputSeries', 'must list at least one series'],
    [{ inputSeries: [{ series: 'up{', values: '1' }] }, 'inputSeries[0].series', 'must be a series selector such as metric{label="value"}'],
    [{ inputSeries: [{ series: 'up', values: '1' }], alertRuleTests: [{ evalTime: 'soon', alertname: 'A', expAlerts: [] }] }, 'alertRuleTests[0].evalTime', 'must be a Prometheus duration'],
    [{ inputSeries: [{ series: 'up', values: '1' }], promqlExprTests: [{ expr: 'sum(', evalTime: '1m', expSamples: [] }] }, 'promqlExprTests[0].expr', 'must be valid PromQL (syntax error at line 1 column 5 at the end)'],
  ])('%p is a problem at %s', (t, field, expected) => {
    expect(checkRuleTestCase(t as any)).toEqual([expect.objectContaining({ field, expected })]);
  });

  test('an alert test must name an alert of the rule set', () => {
    const tests = [{ inputSeries: [{ series: 'up', values: '0x5' }], alertRuleTests: [{ evalTime: '5m', alertname: 'ApiDown', expAlerts: [] }, { evalTime: '5m', alertname: 'Typo', expAlerts: [] }] }];
    expect(checkTestAlertNames(tests, ['ApiDown', 'Other'])).toEqual([expect.objectContaining({
      field: 'tests[0].alertRuleTests[1].alertname', expected: 'must name an alert of this rule set ("ApiDown", "Other")', got: '"Typo"',
    })]);
    expect(checkTestAlertNames(tests, ['ApiDown', 'Typo'])).toEqual([]);
  });
});
