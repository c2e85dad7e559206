import { modelSli, ratesForRatio, sampleRegex } from '../../../src/observability/model/sli-synthesis';

describe('regex samples', () => {
  test.each([['(5..|429)', '500'], ['5..', '500'], ['2[0-9]{2}', '200'], ['GET|POST', 'GET'], ['a+b?', 'a'], ['\\d+', '0'], ['(?:x|y)z', 'xz']])('%s → %s', (re, s) => {
    expect(sampleRegex(re)).toBe(s);
  });
  test.each(['[^a]', '^x$', '\\bword'])('%s is not sampled', (re) => {
    expect(sampleRegex(re)).toBeUndefined();
  });
});

describe('SLI models', () => {
  const w = (q: string) => (window: string) => [q.replace(/W/g, window)];
  const events = (e: string, t: string) => (window: string) => [e.replace(/W/g, window), t.replace(/W/g, window)];

  test('series kinds follow their use', () => {
    expect(modelSli(events('sum(increase(e[W]))', 'sum(count_over_time(g[W]))')).model!.kinds).toEqual(['counter', 'gauge']);
  });

  test.each([
    ['availability (error selector inside the total one)', events('sum(rate(r{job="a",code=~"5.."}[W]))', 'sum(rate(r{job="a"}[W]))'), 2],
    ['latency (count minus bucket)', events('sum(rate(d_count{job="a"}[W])) - sum(rate(d_bucket{job="a",le="0.3"}[W]))', 'sum(rate(d_count{job="a"}[W]))'), 2],
    ['separate counters with increase', events('sum(increase(errors_total[W]))', 'sum(increase(requests_total[W]))'), 2],
    ['one minus good over total', w('1 - (sum(rate(r{code!~"5.."}[W])) / sum(rate(r[W])))'), 3],
    ['an average ratio gauge', w('1 - (sum(sum_over_time(sat[W])) / sum(count_over_time(sat[W])))'), 1],
    ['an availability gauge', w('1 - sum(avg_over_time(probe_success{job="a"}[W]))'), 1],
  ])('%s reaches any ratio', (_n, queries, seriesCount) => {
    const { model, reason } = modelSli(queries);
    expect(reason).toBeUndefined();
    expect(model!.labels).toHaveLength(seriesCount);
    for (const target of [0.0005, 0.0288, 0.5, 1]) {
      const rates = ratesForRatio(model!, target)!;
      expect(rates.every((r) => r >= 0 && r <= 1)).toBe(true);
      expect(model!.ratio(rates)).toBeCloseTo(target, 12);
    }
  });

  test.each([
    ['a gauge subquery', w('sum_over_time((count(x < 0.75))[W:]) OR on() vector(0)'), /binary modifiers|SubqueryExpr|function/],
    ['grouping', events('sum by (job) (rate(e[W]))', 'sum by (job) (rate(t[W]))'), /grouping/],
    ['avg', events('avg(rate(e[W]))', 'avg(rate(t[W]))'), /aggregation/],
    ['a ratio that depends on the window', events('sum(increase(e[W]))', 'sum(rate(t[W]))'), /depends on the window/],
    ['no metric name', events('sum(rate({job="a"}[W]))', 'sum(rate(t[W]))'), /without a metric name/],
    ['a series as counter and gauge', events('sum(rate(x[W]))', 'sum(count_over_time(x[W]))'), /both as a counter and as a gauge/],
    ['an instant selector', events('sum(x)', 'sum(rate(x[W]))'), /instant selector/],
  ])('%s is not modelled', (_n, queries, why) => {
    const r = modelSli(queries);
    expect(r.model).toBeUndefined();
    expect(r.reason).toMatch(why);
  });
});
