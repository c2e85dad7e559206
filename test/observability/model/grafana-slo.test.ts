import { renderDashboard, validateDashboard } from '../../../src/observability/model/grafana';
import { sloDashboardSpec, sloDashboardUid } from '../../../src/observability/model/grafana-slo';
import { SloSpec } from '../../../src/observability/model/slo';

const SLO: SloSpec = {
  service: 'checkout',
  name: 'requests-availability',
  objective: 99.5,
  sli: { events: { errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(http_requests_total[{{.window}}]))' } } as any,
};
const F = '{sloth_id="checkout-requests-availability", sloth_service="checkout", sloth_slo="requests-availability"}';

describe('sloDashboardSpec', () => {
  test('is a valid dashboard', () => expect(validateDashboard(sloDashboardSpec(SLO))).toEqual([]));

  test.each([
    ['30d', 'slo:sli_error:ratio_rate30d'],
    ['28d', 'slo:sli_error:ratio_rate4w'],
  ])('period %s reads the period SLI %s (Sloth\'s duration formatting)', (period, record) => {
    const spec = sloDashboardSpec({ ...SLO, period });
    expect(spec.rows[0].panels[0].queries[0].expr).toBe(`1 - ${record}${F}`);
  });

  test('reads the recorded series of the SLO and shows its alert factors', () => {
    // WHEN
    const d = renderDashboard(sloDashboardSpec(SLO));
    // THEN
    const byTitle = (t: string) => d.panels.find((p: any) => p.title === t);
    expect(byTitle('Error budget remaining').targets[0].expr).toBe(`slo:period_error_budget_remaining:ratio${F}`);
    expect(byTitle('Burn rate').targets.map((t: any) => t.expr)).toEqual([`slo:current_burn_rate:ratio${F}`, `slo:period_burn_rate:ratio${F}`]);
    expect(byTitle('Burn rate').description).toBe('Alert factors: 14.4, 6, 3, 1 (1 = the budget lasts exactly the period)');
    expect(byTitle('SLI error ratio').targets.map((t: any) => t.expr)).toEqual([
      `slo:sli_error:ratio_rate5m${F}`, `slo:sli_error:ratio_rate1h${F}`, `slo:error_budget:ratio${F}`,
    ]);
    expect(byTitle('Current burn rate').fieldConfig.defaults.thresholds.steps.map((s: any) => s.value)).toEqual([null, 1, 14.4]);
  });

  test('custom windows: the panels read the windows the SLO records, and thresholds stay ascending', () => {
    // GIVEN: a 7d SLO whose fastest page pair is 10m/2h at factor 2 * 168 / 100 / 2 = 1.68, and one whose factors are all below 1
    const windows = (pagePercent: number) => ({
      sloPeriod: '7d',
      pageQuick: { errorBudgetPercent: pagePercent, shortWindow: '10m', longWindow: '2h' },
      pageSlow: { errorBudgetPercent: pagePercent, shortWindow: '30m', longWindow: '6h' },
      ticketQuick: { errorBudgetPercent: pagePercent, shortWindow: '2h', longWindow: '1d' },
      ticketSlow: { errorBudgetPercent: pagePercent, shortWindow: '6h', longWindow: '3d' },
    });
    // WHEN
    const d = renderDashboard(sloDashboardSpec({ ...SLO, period: '7d', alertWindows: windows(2) }));
    const slow = sloDashboardSpec({ ...SLO, period: '7d', alertWindows: windows(0.5) });
    // THEN
    const byTitle = (t: string) => d.panels.find((p: any) => p.title === t);
    expect(byTitle('SLI error ratio').targets.map((t: any) => [t.expr, t.legendFormat])).toEqual([
      [`slo:sli_error:ratio_rate10m${F}`, 'error ratio (10m)'], [`slo:sli_error:ratio_rate2h${F}`, 'error ratio (2h)'], [`slo:error_budget:ratio${F}`, 'error budget'],
    ]);
    expect(byTitle('Burn rate').targets[0].legendFormat).toBe('current (10m)');
    expect(byTitle('Current burn rate').fieldConfig.defaults.thresholds.steps.map((s: any) => s.value)).toEqual([null, 1, 1.68]);
    expect(validateDashboard(slow)).toEqual([]);
    expect(slow.rows[0].panels.find((p) => p.title === 'Current burn rate')!.thresholds).toEqual([{ color: 'green' }, { value: 1, color: 'orange' }]);
  });

  test('uids fit Grafana\'s 40 characters and long ids stay distinct', () => {
    const a = sloDashboardUid({ ...SLO, service: 'a-very-long-service-name', name: 'an-even-longer-slo-name-1' });
    const b = sloDashboardUid({ ...SLO, service: 'a-very-long-service-name', name: 'an-even-longer-slo-name-2' });
    expect(a).toMatch(/^slo-a-very-long-service-name-an-[0-9a-f]{8}$/);
    expect(a).toHaveLength(40);
    expect(a).not.toBe(b);
    expect(sloDashboardUid(SLO)).toBe('slo-checkout-requests-availability');
  });
});
