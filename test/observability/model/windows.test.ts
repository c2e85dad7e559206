import { parsePromDuration } from '../../../src/core/duration';
import { burnRateFactor, checkAlertWindows, defaultAlertWindows, GOOGLE_28D, GOOGLE_30D, resolvePairs } from '../../../src/observability/model/windows';

describe('burn-rate factors', () => {
  test.each([
    ['30d', GOOGLE_30D, [14.4, 6, 3, 1]],
    ['28d', GOOGLE_28D, [13.44, 5.6000000000000005, 2.8000000000000003, 0.9333333333333333]],
  ])('%s Google windows give Sloth\'s factors', (_p, windows, factors) => {
    expect(resolvePairs(windows).map((p) => p.factor)).toEqual(factors);
  });

  test.each([
    [8, '7d', '1h', 13.44],
    [12.5, '7d', '6h', 3.5],
    [20, '7d', '24h', 1.4000000000000001],
    [42, '7d', '72h', 0.98],
    [2, '30d', '1h', 14.4],
  ])('%p%% of a %s budget in %s is a factor of %p', (percent, period, long, factor) => {
    expect(burnRateFactor(parsePromDuration(period)!, percent, parsePromDuration(long)!)).toBe(factor);
  });

  test.each([['30d', GOOGLE_30D], ['720h', GOOGLE_30D], ['28d', GOOGLE_28D], ['4w', GOOGLE_28D], ['7d', undefined], ['29d', undefined]])('default windows of %s', (period, windows) => {
    expect(defaultAlertWindows(period)).toBe(windows);
  });

  test('windows are canonical text (1d, 3d)', () => {
    expect(resolvePairs(GOOGLE_30D).map((p) => `${p.short}/${p.long}`)).toEqual(['5m/1h', '30m/6h', '2h/1d', '6h/3d']);
  });
});

describe('window checks', () => {
  const base = { ...GOOGLE_30D };
  test.each([
    ['a short window not shorter than the long one', { ...base, pageQuick: { errorBudgetPercent: 2, shortWindow: '1h', longWindow: '1h' } }, 'pageQuick.shortWindow', 'must be shorter than longWindow (1h)'],
    ['a percent of 0', { ...base, pageSlow: { errorBudgetPercent: 0, shortWindow: '30m', longWindow: '6h' } }, 'pageSlow.errorBudgetPercent', 'must be > 0 and <= 100'],
    ['a long window beyond the period', { ...base, ticketSlow: { errorBudgetPercent: 10, shortWindow: '6h', longWindow: '31d' } }, 'ticketSlow.longWindow', 'must not exceed the SLO period (30d)'],
    ['a bad period', { ...base, sloPeriod: 'month' }, 'sloPeriod', 'must be a positive Prometheus duration'],
  ])('%s is a problem', (_n, w, field, expected) => {
    expect(checkAlertWindows(w)).toEqual([expect.objectContaining({ field, expected })]);
  });

  test('the Google windows have no problem', () => {
    expect(checkAlertWindows(GOOGLE_30D)).toEqual([]);
  });
});
