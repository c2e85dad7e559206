import { checkSlo, labelFilter, renderWindow, sloAlertName, sloLints, sloRuleGroups, SloSpec } from '../../../src/observability/model/slo';

const spec: SloSpec = {
  service: 'svc',
  name: 'slo',
  objective: 99.9,
  sli: { events: { errorQuery: 'sum(rate(e[{{.window}}]))', totalQuery: 'sum(rate(t[{{ .window }}]))' } },
};

describe('SLO model', () => {
  test('label filters print like Prometheus LabelSet.String()', () => {
    expect(labelFilter({ sloth_slo: 'b', sloth_id: 'a-b', sloth_service: 'a' })).toBe('{sloth_id="a-b", sloth_service="a", sloth_slo="b"}');
    expect(labelFilter({ a: 'quo"te' })).toBe('{a="quo\\"te"}');
  });

  test.each([['x[{{.window}}]', 'x[5m]'], ['x[{{ .window }}] + y[{{.window}}:]', 'x[5m] + y[5m:]']])('renders %s', (q, out) => {
    expect(renderWindow(q, '5m')).toBe(out);
  });

  test.each([
    ['svc', 'slo', 'SvcSloErrorBudgetBurn'],
    ['k8s-apiserver', 'requests-availability', 'K8sApiserverRequestsAvailabilityErrorBudgetBurn'],
    ['1st', 'x', 'Slo1stXErrorBudgetBurn'],
  ])('default alert name of %s/%s is %s', (service, name, alert) => {
    expect(sloAlertName({ ...spec, service, name })).toBe(alert);
  });

  test('events SLI recordings: error over total, window substituted', () => {
    const [sli] = sloRuleGroups(spec);
    expect(sli.rules[0]).toEqual({
      record: 'slo:sli_error:ratio_rate5m',
      expr: '(sum(rate(e[5m])))\n/\n(sum(rate(t[5m])))\n',
      labels: { sloth_id: 'svc-slo', sloth_service: 'svc', sloth_slo: 'slo', sloth_window: '5m' },
    });
  });

  test('the period window is optimised from the shortest window unless disabled', () => {
    const optimised = sloRuleGroups(spec)[0].rules.at(-1)!;
    expect(optimised.expr).toBe('sum_over_time(slo:sli_error:ratio_rate5m{sloth_id="svc-slo", sloth_service="svc", sloth_slo="slo"}[30d])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m{sloth_id="svc-slo", sloth_service="svc", sloth_slo="slo"}[30d])\n');
    const plain = sloRuleGroups({ ...spec, disableOptimized: true })[0].rules.at(-1)!;
    expect(plain.expr).toBe('(sum(rate(e[30d])))\n/\n(sum(rate(t[30d])))\n');
  });

  test('raw SLI recordings are the query in parentheses', () => {
    const [sli] = sloRuleGroups({ ...spec, sli: { raw: { errorRatioQuery: '1 - avg(x[{{.window}}])' } } });
    expect(sli.rules[1].expr).toBe('(1 - avg(x[30m]))');
  });

  test('groups: sli, meta, alerts; disabled alerts drop the alert group', () => {
    expect(sloRuleGroups(spec).map((g) => g.name)).toEqual(['sloth-slo-sli-recordings-svc-slo', 'sloth-slo-meta-recordings-svc-slo', 'sloth-slo-alerts-svc-slo']);
    expect(sloRuleGroups({ ...spec, alerting: { pageAlert: { disable: true }, ticketAlert: { disable: true } } }).map((g) => g.name))
      .toEqual(['sloth-slo-sli-recordings-svc-slo', 'sloth-slo-meta-recordings-svc-slo']);
    expect(sloRuleGroups({ ...spec, disableRecordings: true }).map((g) => g.name)).toEqual(['sloth-slo-alerts-svc-slo']);
  });

  test('metadata rules', () => {
    const meta = sloRuleGroups({ ...spec, objective: 99.999 })[1].rules;
    expect(meta.map((r) => [r.record, r.expr.split('\n')[0]])).toEqual([
      ['slo:objective:ratio', 'vector(0.9999899999999999)'],
      ['slo:error_budget:ratio', 'vector(1-0.9999899999999999)'],
      ['slo:time_period:days', 'vector(30)'],
      ['slo:current_burn_rate:ratio', 'slo:sli_error:ratio_rate5m{sloth_id="svc-slo", sloth_service="svc", sloth_slo="slo"}'],
      ['slo:period_burn_rate:ratio', 'slo:sli_error:ratio_rate30d{sloth_id="svc-slo", sloth_service="svc", sloth_slo="slo"}'],
      ['slo:period_error_budget_remaining:ratio', '1 - slo:period_burn_rate:ratio{sloth_id="svc-slo", sloth_service="svc", sloth_slo="slo"}'],
      ['sloth_slo_info', 'vector(1)'],
    ]);
    expect(meta[6].labels).toMatchObject({ sloth_objective: '99.999', sloth_version: 'opskit' });
  });

  test('an objective of 99.999 prints its budget in Go exponent form', () => {
    const alerts = sloRuleGroups({ ...spec, objective: 99.999 })[2].rules;
    expect(alerts[0].expr).toContain('(14.4 * 1.0000000000047748e-05)');
  });

  test.each([
    [{ objective: 0 }, 'objective', 'must be > 0 and <= 100'],
    [{ objective: 100.001 }, 'objective', 'must be > 0 and <= 100'],
    [{ objective: -1 }, 'objective', 'must be > 0 and <= 100'],
    [{ objective: Number.NaN }, 'objective', 'must be > 0 and <= 100'],
    [{ service: 'my service' }, 'service', 'must be at least 2 characters: letters, digits, "-", "_" or ".", starting and ending with a letter or digit'],
    [{ name: 'a' }, 'name', 'must be at least 2 characters: letters, digits, "-", "_" or ".", starting and ending with a letter or digit'],
    [{ period: '7d' }, 'period', 'must be 30d or 28d unless alertWindows are given (no default alert windows exist for it)'],
    [{ sli: { events: { errorQuery: 'x[{{.window}}] {{.other}}', totalQuery: 'y[{{.window}}]' } } }, 'sli.events.errorQuery', 'must contain no template action other than {{.window}}'],
    [{ sli: { events: { errorQuery: 'sum(rate(x[{{.window}}]))', totalQuery: 'sum(rate(x[{{.window}}]))' } } }, 'sli.events.totalQuery', 'must differ from errorQuery (the ratio would always be 1)'],
    [{ sli: { raw: { errorRatioQuery: 'rate(x[{{\t.window}}])' } } }, 'sli.raw.errorRatioQuery', 'must contain the window placeholder {{.window}}'],
    [{ labels: { 'bad-name': 'x' } }, 'labels.bad-name', 'must be a valid label name ([a-zA-Z_][a-zA-Z0-9_]*, not __name__)'],
    [{ labels: { team: '' } }, 'labels.team', 'must not be empty (Sloth rejects an empty SLO label value)'],
    [{ alerting: { name: '' } }, 'alerting.name', 'must be a non-empty alert name while an alert is enabled'],
    [{ alerting: { annotations: { runbook: '' } } }, 'alerting.annotations.runbook', 'must not be empty (Sloth rejects an empty alert annotation value)'],
  ])('%p is a problem at %s', (patch, field, expected) => {
    expect(checkSlo({ ...spec, ...(patch as any) })).toEqual(expect.arrayContaining([expect.objectContaining({ field, expected })]));
  });

  test.each([
    ['an objective of 100 (no error budget)', { objective: 100 }],
    ['a two-character name (the shortest Sloth accepts)', { name: 'ab' }],
    ['an alert name with spaces (promtool accepts it)', { alerting: { name: 'High error rate' } }],
    ['an empty alert name when both alerts are disabled', { alerting: { name: '', pageAlert: { disable: true }, ticketAlert: { disable: true } } }],
    ['an empty alert label overridden by the only enabled alert', { alerting: { labels: { team: '' }, pageAlert: { labels: { team: 'x' } }, ticketAlert: { disable: true } } }],
    ['a "__"-prefixed label (promtool accepts it)', { labels: { __tier: 'x' } }],
  ])('accepts %s', (_name, patch) => {
    expect(checkSlo({ ...spec, ...(patch as any) })).toEqual([]);
  });

  test.each([
    [{ labels: { sloth_id: 'x' } }, 'labels.sloth_id', 'should not be set (it replaces the label the SLO rules use to find their own series)'],
    [{ alerting: { pageAlert: { labels: { sloth_severity: 'p1' } } } }, 'alerting.pageAlert.labels.sloth_severity', 'should not be set (it replaces the label opskit sets on each alert)'],
    [{ objective: 100 }, 'objective', 'should leave an error budget (100 allows no error, so every burn-rate alert fires on the first failed request)'],
  ])('%p is accepted with a lint at %s', (patch, field, expected) => {
    expect(checkSlo({ ...spec, ...(patch as any) })).toEqual([]);
    expect(sloLints({ ...spec, ...(patch as any) })).toEqual([expect.objectContaining({ field, expected })]);
  });

  test('an alert whose threshold could never fire is a lint, not a problem, unless it is disabled', () => {
    expect(checkSlo({ ...spec, objective: 90 })).toEqual([]);
    expect(sloLints({ ...spec, objective: 95, alerting: {} })).toEqual([]);
    expect(sloLints({ ...spec, objective: 90 })).toHaveLength(1);
    expect(sloLints({ ...spec, objective: 90, alerting: { pageAlert: { disable: true } } })).toEqual([]);
  });
});
