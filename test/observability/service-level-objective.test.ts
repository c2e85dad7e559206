import { ApiObject, Duration } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import { promqlVerdicts } from '../../src/observability/promql-verdicts';
import { ServiceLevelObjective, ServiceLevelObjectiveProps } from '../../src/observability/service-level-objective';
import { describeEachPromtool } from '../support/generations';
import { checkRules, testRules, writePrometheusFiles } from './support/promtool';

const availability: ServiceLevelObjectiveProps = {
  service: 'checkout',
  name: 'requests-availability',
  objective: 99.9,
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
    },
  },
};

function build(props: Partial<ServiceLevelObjectiveProps> = {}) {
  const app = OpsTesting.app();
  const chart = app.chart('slo', { namespace: 'monitoring' });
  const slo = new ServiceLevelObjective(chart, 'availability', { ...availability, ...props });
  return { app, chart, slo };
}

function rulesOf(out: any, name = 'checkout-requests-availability') {
  return out.findObject('slo', 'PrometheusRule', name).spec.groups.flatMap((g: any) => g.rules);
}


/** Valid alert windows for a 7d period, with some replaced. */
function weekWindows(overrides: { [name: string]: { errorBudgetPercent: number; shortWindow: unknown; longWindow: unknown } }) {
  return {
    pageQuick: { errorBudgetPercent: 8, shortWindow: Duration.minutes(5), longWindow: Duration.hours(1) },
    pageSlow: { errorBudgetPercent: 12.5, shortWindow: Duration.minutes(30), longWindow: Duration.hours(6) },
    ticketQuick: { errorBudgetPercent: 20, shortWindow: Duration.hours(2), longWindow: Duration.days(1) },
    ticketSlow: { errorBudgetPercent: 42, shortWindow: Duration.hours(6), longWindow: Duration.days(3) },
    ...overrides,
  };
}

describe('ServiceLevelObjective', () => {
  test('defaults: Sloth record names, 30d windows, page and ticket alerts, opskit info labels', () => {
    // GIVEN
    const { app, slo } = build();

    // WHEN
    const out = OpsTesting.synth(app);

    // THEN
    expect(slo.sloId).toBe('checkout-requests-availability');
    const obj = out.findObject('slo', 'PrometheusRule', 'checkout-requests-availability');
    expect(obj.metadata.labels).toEqual({ 'app.kubernetes.io/component': 'SLO', 'app.kubernetes.io/managed-by': 'opskit' });
    expect(obj.metadata.namespace).toBe('monitoring');
    expect(obj.spec.groups.map((g: any) => g.name)).toEqual([
      'sloth-slo-sli-recordings-checkout-requests-availability',
      'sloth-slo-meta-recordings-checkout-requests-availability',
      'sloth-slo-alerts-checkout-requests-availability',
    ]);
    const rules = rulesOf(out);
    expect(rules.filter((r: any) => r.record?.startsWith('slo:sli_error:')).map((r: any) => r.labels.sloth_window))
      .toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
    const info = rules.find((r: any) => r.record === 'sloth_slo_info');
    expect(info.labels).toMatchObject({ sloth_version: 'opskit', sloth_mode: 'opskit-synth', sloth_spec: 'opskit/v1', sloth_objective: '99.9' });
    const alerts = rules.filter((r: any) => r.alert);
    expect(alerts.map((a: any) => [a.alert, a.labels.sloth_severity])).toEqual([
      ['CheckoutRequestsAvailabilityErrorBudgetBurn', 'page'],
      ['CheckoutRequestsAvailabilityErrorBudgetBurn', 'ticket'],
    ]);
    expect(alerts[0].expr).toContain('> (14.4 * 0.0009999999999999432)');
    expect(alerts[1].expr).toContain('> (1 * 0.0009999999999999432)');
    expect(alerts[0]).not.toHaveProperty('for');
    expect(out.fileNames).toEqual(['prometheus/checkout-requests-availability.rules.yaml', 'prometheus/checkout-requests-availability.test.yaml']);
  });

  test('the rule file and the PrometheusRule carry identical rules, and renderRuleFile is that text', () => {
    // GIVEN
    const { app, slo } = build();

    // WHEN
    const out = OpsTesting.synth(app);

    // THEN
    const file = out.file('prometheus/checkout-requests-availability.rules.yaml');
    expect(file).toBe(slo.renderRuleFile());
    expect(parseYaml(file)).toEqual(out.findObject('slo', 'PrometheusRule', 'checkout-requests-availability').spec);
  });

  test('28d period uses the 28d factors and 4w record name', () => {
    // GIVEN
    const { app } = build({ period: Duration.days(28) });

    // WHEN
    const rules = rulesOf(OpsTesting.synth(app));

    // THEN
    expect(rules.map((r: any) => r.record).filter(Boolean)).toContain('slo:sli_error:ratio_rate4w');
    expect(rules.find((r: any) => r.record === 'slo:time_period:days').expr).toBe('vector(28)');
    expect(rules.find((r: any) => r.alert).expr).toContain('(13.44 * 0.0009999999999999432)');
  });

  test('custom windows: a 7d SLO with its own windows', () => {
    // GIVEN
    const { app } = build({
      period: Duration.days(7),
      alertWindows: {
        pageQuick: { errorBudgetPercent: 8, shortWindow: Duration.minutes(5), longWindow: Duration.hours(1) },
        pageSlow: { errorBudgetPercent: 12.5, shortWindow: Duration.minutes(30), longWindow: Duration.hours(6) },
        ticketQuick: { errorBudgetPercent: 20, shortWindow: Duration.hours(2), longWindow: Duration.days(1) },
        ticketSlow: { errorBudgetPercent: 42, shortWindow: Duration.hours(6), longWindow: Duration.days(3) },
      },
    });

    // WHEN
    const rules = rulesOf(OpsTesting.synth(app));

    // THEN
    const [page, ticket] = rules.filter((r: any) => r.alert);
    expect(page.expr).toContain('(13.44 * 0.0009999999999999432)');
    expect(page.expr).toContain('(3.5 * 0.0009999999999999432)');
    expect(ticket.expr).toContain('(1.4000000000000001 * 0.0009999999999999432)');
    expect(rules.find((r: any) => r.record === 'slo:sli_error:ratio_rate1w')).toBeDefined();
  });

  test('alertPerWindowPair emits one rule per window pair, labelled with its windows', () => {
    // GIVEN
    const { app } = build({ alerting: { name: 'CheckoutErrors', alertPerWindowPair: true } });

    // WHEN
    const alerts = rulesOf(OpsTesting.synth(app)).filter((r: any) => r.alert);

    // THEN
    expect(alerts.map((a: any) => [a.labels.sloth_severity, a.labels.sloth_short_window, a.labels.sloth_long_window])).toEqual([
      ['page', '5m', '1h'], ['page', '30m', '6h'], ['ticket', '2h', '1d'], ['ticket', '6h', '3d'],
    ]);
    expect(alerts[0].expr).toBe(
      'max(slo:sli_error:ratio_rate5m{sloth_id="checkout-requests-availability", sloth_service="checkout", sloth_slo="requests-availability"} > (14.4 * 0.0009999999999999432)) without (sloth_window)\n'
      + 'and\n'
      + 'max(slo:sli_error:ratio_rate1h{sloth_id="checkout-requests-availability", sloth_service="checkout", sloth_slo="requests-availability"} > (14.4 * 0.0009999999999999432)) without (sloth_window)\n');
  });

  test('alerting labels, annotations and a disabled ticket alert', () => {
    // GIVEN
    const { app } = build({
      labels: { team: 'payments' },
      alerting: {
        name: 'CheckoutErrors',
        labels: { category: 'availability' },
        annotations: { runbook_url: 'https://runbooks.example.com/checkout' },
        pageAlert: { labels: { severity: 'critical' }, annotations: { summary: 'checkout burns its budget' } },
        ticketAlert: { disable: true },
      },
    });

    // WHEN
    const rules = rulesOf(OpsTesting.synth(app));

    // THEN
    const alerts = rules.filter((r: any) => r.alert);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].labels).toEqual({ category: 'availability', severity: 'critical', sloth_severity: 'page' });
    expect(alerts[0].annotations).toEqual({
      runbook_url: 'https://runbooks.example.com/checkout',
      summary: 'checkout burns its budget',
      title: '(page) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.',
    });
    expect(rules.find((r: any) => r.record === 'slo:objective:ratio').labels.team).toBe('payments');
  });

  test('an SLI opskit cannot synthesize traffic for gets a metadata-only test and says why', () => {
    // GIVEN
    const { app, slo } = build({ sli: { raw: { errorRatioQuery: '1 - avg_over_time(probe_success{job="checkout"}[{{.window}}])' } } });

    // WHEN
    const out = OpsTesting.synth(app);

    // THEN
    expect(slo.unitTestLimitation).toMatch(/synthetic series cannot be derived from the SLI queries/);
    const test = parseYaml(out.file('prometheus/checkout-requests-availability.test.yaml'));
    expect(test.tests).toHaveLength(1);
    expect(test.tests[0].promql_expr_test.map((t: any) => t.expr.split('{')[0])).toEqual(['slo:objective:ratio', 'slo:time_period:days']);
    expect(out.warnings).toEqual([{ path: 'slo/availability', id: 'opskit:observability/slo-test-metadata-only', message: expect.stringMatching(/^the generated unit test prometheus\/checkout-requests-availability\.test\.yaml checks the metadata rules only \(synthetic series cannot be derived.*add a test with your own series with addTest\(\)/) }]);
  });

  test('a test of your own silences the metadata-only warning', () => {
    // GIVEN
    const { app, slo } = build({ sli: { raw: { errorRatioQuery: '1 - avg_over_time(probe_success{job="checkout"}[{{.window}}])' } } });

    // WHEN
    slo.addTest({ inputSeries: [{ series: 'probe_success{job="checkout"}', values: '1x60' }] });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.warnings).toEqual([]);
    expect(parseYaml(out.file('prometheus/checkout-requests-availability.test.yaml')).tests).toHaveLength(2);
  });

  test.each([
    ['an alert that can never fire', { objective: 90 }, /^objective should leave an error budget the pageQuick burn rate can detect \(14\.4 × 0\.1 >= 1, so that alert can never fire\), got 90/, 'opskit:observability/slo-alert-never-fires'],
    ['a reserved label', { labels: { sloth_id: 'x' } }, /^labels\.sloth_id should not be set \(it replaces the label the SLO rules use to find their own series\)/, 'opskit:observability/slo-reserved-label'],
    ['a label opskit sets on each alert', { alerting: { labels: { sloth_severity: 'x' } } }, /^alerting\.labels\.sloth_severity should not be set/, 'opskit:observability/slo-alert-label'],
  ])('warns (Sloth and promtool accept it) when given %s', (_name, props, message, id) => {
    // GIVEN
    const app = OpsTesting.app();
    new ServiceLevelObjective(app.chart('slo'), 'odd', { ...availability, ...(props as any) });

    // WHEN
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.warnings.filter((w) => w.path === 'slo/odd')).toEqual(expect.arrayContaining([{ path: 'slo/odd', id, message: expect.stringMatching(message) }]));
  });

  test('fails when a test of your own names an alert the SLO does not emit', () => {
    // GIVEN
    const { slo } = build({ alerting: { name: 'CheckoutErrors' } });

    // THEN
    expect(() => slo.addTest({ inputSeries: [{ series: 'x', values: '1x5' }], alertRuleTests: [{ evalTime: Duration.minutes(5), alertname: 'CheckoutError', expAlerts: [] }] }))
      .toThrow(/tests\[0\]\.alertRuleTests\[0\]\.alertname must name an alert of this rule set \("CheckoutErrors"\), got "CheckoutError"[^]*at path \[slo\/availability\]/);
  });

  test('fails when a test of your own gives evalTime as text (JavaScript)', () => {
    // GIVEN
    const { slo } = build();
    // WHEN / THEN
    expect(() => slo.addTest({ inputSeries: [{ series: 'up', values: '1x10' }], alertRuleTests: [{ evalTime: '10m' as any, alertname: 'X', expAlerts: [] }] }))
      .toThrow(/tests\[0\]\.alertRuleTests\[0\]\.evalTime must be a cdk8s Duration, got "10m" — use Duration\.minutes\(10\)/);
  });

  test.each([
    ['objective above 100', { objective: 100.5 }, 'objective must be > 0 and <= 100, got 100.5 — use e.g. 99.9 for "three nines"'],
    ['objective 0', { objective: 0 }, 'objective must be > 0 and <= 100, got 0'],
    ['an unknown period without windows', { period: Duration.days(29) }, 'period must be 30d or 28d unless alertWindows are given'],
    ['a period as text (JavaScript)', { period: '30d' }, 'period must be a cdk8s Duration, got "30d" — use Duration.days(30)'],
    ['a period that is not a duration', { period: '30 days' }, 'period must be a cdk8s Duration, got "30 days" — use a cdk8s Duration'],
    ['a zero period', { period: Duration.days(0) }, 'period must be longer than 0, got 0 ms — use e.g. Duration.days(30)'],
    ['a period of a fraction of a millisecond', { period: Duration.millis(0.5) }, 'period must be a whole number of milliseconds, got 0.5 ms'],
    ['an unknown window', { period: Duration.days(7), alertWindows: weekWindows({ pageQuick: { errorBudgetPercent: 8, shortWindow: '5m', longWindow: Duration.hours(1) } }) }, 'alertWindows.pageQuick.shortWindow must be a cdk8s Duration, got "5m" — use Duration.minutes(5)'],
    ['a zero window', { period: Duration.days(7), alertWindows: weekWindows({ pageQuick: { errorBudgetPercent: 8, shortWindow: Duration.minutes(0), longWindow: Duration.hours(1) } }) }, 'alertWindows.pageQuick.shortWindow must be longer than 0, got 0 ms'],
    ['a window period other than the period', { period: Duration.days(7), alertWindows: { ...weekWindows({}), sloPeriod: Duration.days(8) } }, 'alertWindows.sloPeriod must equal the SLO period (1w), got "8d"'],
    ['a long window beyond the period', { period: Duration.days(7), alertWindows: weekWindows({ ticketSlow: { errorBudgetPercent: 42, shortWindow: Duration.hours(6), longWindow: Duration.days(8) } }) }, 'alertWindows.ticketSlow.longWindow must not exceed the SLO period (1w), got "8d"'],
    ['invalid PromQL in the SLI', { sli: { events: { errorQuery: 'sum(rate(errors[{{.window}}])', totalQuery: 'sum(rate(total[{{.window}}]))' } } },
      'sli.events.errorQuery must be valid PromQL (syntax error at line 1 column'],
    ['no window placeholder', { sli: { raw: { errorRatioQuery: 'sum(rate(errors[5m])) / sum(rate(total[5m]))' } } },
      'sli.raw.errorRatioQuery must contain the window placeholder {{.window}}'],
    ['both SLI kinds', { sli: { raw: { errorRatioQuery: 'x[{{.window}}]' }, events: availability.sli.events } }, 'sli must set exactly one of events and raw'],
    ['an unbalanced annotation', { alerting: { annotations: { summary: '{{ $labels.sloth_slo }' } } }, 'alerting.annotations.summary must be a balanced Go template'],
    ['an empty alert name', { alerting: { name: '' } }, 'alerting.name must be a non-empty alert name while an alert is enabled'],
    ['a one-character name (Sloth wants two)', { name: 'a' }, 'name must be at least 2 characters'],
    ['an empty label value (Sloth rejects it)', { labels: { team: '' } }, 'labels.team must not be empty (Sloth rejects an empty SLO label value), got ""'],
    ['a description that is not text', { description: 42 }, 'description must be a string, got 42'],
    ['an empty info version', { info: { version: '' } }, 'info.version must be a non-empty string (it becomes a label of sloth_slo_info), got ""'],
  ])('fails when given %s', (_name, props, message) => {
    // GIVEN
    const chart = OpsTesting.app().chart('slo');

    // WHEN / THEN
    const make = () => new ServiceLevelObjective(chart, 'bad-slo', { ...availability, ...(props as any) });
    expect(make).toThrow(message);
    expect(() => new ServiceLevelObjective(chart, 'bad-slo-2', { ...availability, ...(props as any) })).toThrow(/at path \[slo\/bad-slo-2\]/);
  });
});

describeEachPromtool('ServiceLevelObjective through promtool', (promtool) => {
  test.each([
    ['defaults', {}],
    ['28d', { period: Duration.days(28) }],
    ['alertPerWindowPair', { alerting: { alertPerWindowPair: true, pageAlert: { labels: { severity: 'critical' } } } }],
    ['latency from a histogram', {
      name: 'requests-latency',
      objective: 99,
      sli: {
        events: {
          errorQuery: 'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{job="checkout",le="0.3"}[{{.window}}]))',
          totalQuery: 'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))',
        },
      },
    }],
    ['ticket disabled and templated annotations', { alerting: { ticketAlert: { disable: true }, annotations: { description: 'SLO {{ $labels.sloth_id }} of team {{ .Labels.team }}' } }, labels: { team: 'payments' } }],
  ])('%s: rule file passes check rules and the generated test passes test rules', (_name, props) => {
    // GIVEN
    const { app, slo } = build(props as any);

    // WHEN
    const out = OpsTesting.synth(app);
    const dir = writePrometheusFiles(out);

    // THEN
    expect(slo.unitTestLimitation).toBeUndefined();
    const check = checkRules(promtool, dir, `${slo.ruleSetName}.rules.yaml`);
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    const test = testRules(promtool, dir, `${slo.ruleSetName}.test.yaml`);
    expect({ status: test.status, output: test.stdout + test.stderr }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    const alertTests = parseYaml(out.file(`prometheus/${slo.ruleSetName}.test.yaml`)).tests.map((t: any) => t.alert_rule_test[0].exp_alerts.length);
    expect(alertTests[0]).toBeGreaterThan(0);
    expect(alertTests[1]).toBe(0);
  });

  test('objective 100 (no error budget): the rule file passes check rules and the metadata test passes test rules', () => {
    // GIVEN
    const { app, slo } = build({ objective: 100 });

    // WHEN
    const dir = writePrometheusFiles(OpsTesting.synth(app));

    // THEN
    expect(slo.unitTestLimitation).toBe('an objective of 100 leaves no error budget, so there is no healthy error ratio to test');
    expect(checkRules(promtool, dir, `${slo.ruleSetName}.rules.yaml`).status).toBe(0);
    const test = testRules(promtool, dir, `${slo.ruleSetName}.test.yaml`);
    expect({ status: test.status, output: test.stdout + test.stderr }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  test('a user test added with addTest runs too', () => {
    // GIVEN
    const { app, slo } = build({ alerting: { name: 'CheckoutErrors' } });
    slo.addTest({
      name: 'all requests fail',
      inputSeries: [{ series: 'http_requests_total{job="checkout", code="503"}', values: '0+100x120' }],
      promqlExprTests: [{
        expr: 'slo:sli_error:ratio_rate5m',
        evalTime: Duration.hours(1),
        expSamples: [{ labels: 'slo:sli_error:ratio_rate5m{sloth_id="checkout-requests-availability", sloth_service="checkout", sloth_slo="requests-availability", sloth_window="5m"}', value: 1 }],
      }],
    });

    // WHEN
    const dir = writePrometheusFiles(OpsTesting.synth(app));
    const test = testRules(promtool, dir, `${slo.ruleSetName}.test.yaml`);

    // THEN
    expect({ status: test.status, output: test.stdout + test.stderr }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });
});

describe('ServiceLevelObjective names', () => {
  test('fails at synth when two SLOs of the app share service and name', () => {
    // GIVEN
    const app = OpsTesting.app();
    new ServiceLevelObjective(app.chart('a'), 'one', availability);
    new ServiceLevelObjective(app.chart('b'), 'two', availability);

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/name must be unique among the rule sets of the app \(b\/two also writes prometheus\/checkout-requests-availability\.rules\.yaml\)[\s\S]*at path \[a\/one\]/);
  });
});

describe('PromQL checked once per app', () => {
  test('the synth\'s PrometheusRule check parses no expression the SLO checked at construction', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('slo');
    new ServiceLevelObjective(chart, 'availability', availability);
    // a PrometheusRule written by hand, whose expression no construct checked
    new ApiObject(chart, 'raw', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'raw' },
      spec: { groups: [{ name: 'raw', rules: [{ record: 'raw:answer', expr: 'vector(42)' }] }] },
    });
    const checked = promqlVerdicts(app.k8s).size;
    // WHEN
    const result = OpsTesting.synth(app);
    // THEN the synth checked the two objects' expressions, and parsed only the new one
    expect(result.manifests('slo').filter((o) => o.kind === 'PrometheusRule')).toHaveLength(2);
    expect(checked).toBeGreaterThan(10);
    expect(promqlVerdicts(app.k8s).size).toBe(checked + 1);
  });
});
