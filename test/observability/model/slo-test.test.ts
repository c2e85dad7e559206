import { sloRuleGroups, SloSpec } from '../../../src/observability/model/slo';
import { sloUnitTests } from '../../../src/observability/model/slo-test';

const spec: SloSpec = {
  service: 'svc',
  name: 'slo',
  objective: 99.9,
  labels: { team: 't' },
  sli: { events: { errorQuery: 'sum(rate(r{code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(r[{{.window}}]))' } },
  alerting: { name: 'SvcBurn' },
};

describe('generated SLO unit tests', () => {
  test('a burning scenario expects page and ticket alerts, a healthy one expects none', () => {
    // WHEN
    const { tests, limitation } = sloUnitTests(spec, sloRuleGroups(spec));

    // THEN
    expect(limitation).toBeUndefined();
    expect(tests.map((t) => t.name)).toEqual([
      'svc-slo: the page alert fires at an error ratio of 0.028799999999998365 (28.8x the budget)',
      'svc-slo: no alert at a healthy error ratio of 0.0004999999999999716',
    ]);
    const [burning, healthy] = tests;
    expect(burning.inputSeries.map((s) => s.series)).toEqual(['r{code="500"}', 'r{}']);
    expect(burning.inputSeries.map((s) => s.values)).toEqual(['0+28.799999999998363x361', '0+971.2000000000016x361']);
    expect(burning.alertRuleTests).toEqual([{
      evalTime: '6h',
      alertname: 'SvcBurn',
      expAlerts: [
        expect.objectContaining({ expLabels: { sloth_id: 'svc-slo', sloth_service: 'svc', sloth_slo: 'slo', team: 't', sloth_severity: 'page' } }),
        expect.objectContaining({ expLabels: expect.objectContaining({ sloth_severity: 'ticket' }) }),
      ],
    }]);
    expect(burning.alertRuleTests![0].expAlerts[0].expAnnotations).toEqual({
      summary: 'svc slo SLO error budget burn rate is over expected.',
      title: '(page) svc slo SLO error budget burn rate is too fast.',
    });
    expect(healthy.alertRuleTests).toEqual([{ evalTime: '6h', alertname: 'SvcBurn', expAlerts: [] }]);
    expect(burning.promqlExprTests!.map((t) => t.expSamples[0].value)).toEqual([0.9990000000000001, 30]);
  });

  test('with recordings produced elsewhere, the SLI recordings are the input', () => {
    const s = { ...spec, disableRecordings: true };
    const { tests } = sloUnitTests(s, sloRuleGroups(s));
    expect(tests[0].inputSeries[0]).toEqual({
      series: 'slo:sli_error:ratio_rate5m{sloth_id="svc-slo", sloth_service="svc", sloth_slo="slo", sloth_window="5m", team="t"}',
      values: '0.028799999999998365x361',
    });
    expect(tests[0].promqlExprTests).toBeUndefined();
  });

  test('an annotation with $value cannot be predicted: metadata-only test, with the reason', () => {
    const s = { ...spec, alerting: { annotations: { description: 'burn {{ $value }}' } } };
    const { tests, limitation } = sloUnitTests(s, sloRuleGroups(s));
    expect(limitation).toMatch(/annotation description .* uses template functions or \$value/);
    expect(tests).toHaveLength(1);
    expect(tests[0].alertRuleTests).toBeUndefined();
  });
});
