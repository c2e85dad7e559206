import { AlarmSpec, isValidAlarmPeriod, validateAlarm } from '../../../src/observability/model/cloudwatch-alarm';

const SINGLE: AlarmSpec = { comparisonOperator: 'GreaterThanThreshold', threshold: 1, evaluationPeriods: 3, namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage', statistic: 'Maximum', period: 60 };
const MATH: AlarmSpec = {
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  threshold: 5,
  evaluationPeriods: 3,
  metricQueries: [
    { id: 'e1', expression: '100 * m1 / m2', returnData: true },
    { id: 'm1', metric: { namespace: 'AWS/ApiGateway', metricName: '5XXError', stat: 'Sum', period: 300 } },
    { id: 'm2', metric: { namespace: 'AWS/ApiGateway', metricName: 'Count', stat: 'Sum', period: 300 } },
  ],
};

describe('isValidAlarmPeriod', () => {
  test.each([
    [10, true], [20, true], [30, true], [60, true], [300, true], [86400, true], [0, false], [15, false], [45, false], [90, false], [60.5, false],
  ])(
    '%d seconds: %s', (p, ok) => expect(isValidAlarmPeriod(p)).toBe(ok));
});

describe('validateAlarm', () => {
  test.each([['a single-metric alarm', SINGLE], ['a metric-math alarm', MATH], ['a percentile alarm', { ...SINGLE, statistic: undefined, extendedStatistic: 'p99.9' }]])(
    'accepts %s', (_n, spec) => expect(validateAlarm(spec as AlarmSpec)).toEqual([]));

  test.each<[string, Partial<AlarmSpec>, string, string]>([
    ['statistic and extendedStatistic together', { extendedStatistic: 'p99' }, 'statistic', 'must be set exactly when extendedStatistic is not'],
    ['a malformed percentile', { statistic: undefined, extendedStatistic: 'p999' }, 'extendedStatistic', 'must be a percentile or trimmed statistic'],
    ['a missing period', { period: undefined }, 'period', 'must be 10, 20 or 30 seconds or a whole number of minutes'],
    ['an unknown operator', { comparisonOperator: 'Above' }, 'comparisonOperator', 'must be one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold'],
    ['an unknown missing-data treatment', { treatMissingData: 'zero' }, 'treatMissingData', 'must be one of missing, ignore, breaching, notBreaching'],
    ['zero evaluation periods', { evaluationPeriods: 0 }, 'evaluationPeriods', 'must be an integer >= 1'],
    ['a missing threshold', { threshold: undefined }, 'threshold', 'must be a finite number'],
    ['a namespace without metric', { metricName: undefined }, 'metricName', 'must be set with namespace'],
  ])('fails for %s', (_n, change, field, expected) => {
    const problems = validateAlarm({ ...SINGLE, ...change } as AlarmSpec);
    expect(problems.find((p) => p.field === field)?.expected).toContain(expected);
  });

  test.each([
    'IF(m1 > 0, 100 * m1 / m2, 0)',
    'FILL(m1, 0) / PERIOD(m2)',
    "SUM(SEARCH('{AWS/ApiGateway,ApiName} MetricName=\"5XXError\" apiname', 'Sum', 300)) + m1 + m2",
    'SELECT SUM(count) FROM SCHEMA("AWS/ApiGateway", ApiName)',
  ])('accepts the expression %p (functions are upper case, strings are not code)', (expression) => {
    expect(validateAlarm({ ...MATH, metricQueries: [{ id: 'e1', expression, returnData: true }, ...MATH.metricQueries!.slice(1)] })).toEqual([]);
  });

  test.each<[string, AlarmSpec, string, string]>([
    ['two queries returning data', { ...MATH, metricQueries: MATH.metricQueries!.map((q) => ({ ...q, returnData: true })) }, 'metricQueries', 'must have exactly one query with returnData: true'],
    ['a duplicate id', { ...MATH, metricQueries: [...MATH.metricQueries!, MATH.metricQueries![1]] }, 'metricQueries[3].id', 'must be unique'],
    ['a query with both metric and expression', { ...MATH, metricQueries: [{ ...MATH.metricQueries![0], metric: MATH.metricQueries![1].metric }, ...MATH.metricQueries!.slice(1)] }, 'metricQueries[0]', 'must have exactly one of expression and metric'],
    ['an expression referring to itself', { ...MATH, metricQueries: [{ id: 'e1', expression: 'e1 + m1', returnData: true }, MATH.metricQueries![1]] }, 'metricQueries[0].expression', 'must not refer to its own id'],
    ['an unknown statistic in a query', { ...MATH, metricQueries: [MATH.metricQueries![0], { id: 'm1', metric: { ...MATH.metricQueries![1].metric!, stat: 'Mean' } }, MATH.metricQueries![2]] }, 'metricQueries[1].metric.stat', 'must be a statistic'],
    ['a statistic beside metric queries', { ...MATH, statistic: 'Sum' }, 'statistic', 'must not be set with metricQueries'],
    ['an expression naming a query that does not exist (a typo)', { ...MATH, metricQueries: [{ id: 'ratio', expression: '100 * m1 / m3', returnData: true }, ...MATH.metricQueries!.slice(1)] },
      'metricQueries[0].expression', 'must only refer to ids of other queries (m1, m2, ratio)'],
    ['a unit CloudWatch does not know', { ...MATH, metricQueries: [MATH.metricQueries![0], { id: 'm1', metric: { ...MATH.metricQueries![1].metric!, unit: 'requests' } }, MATH.metricQueries![2]] },
      'metricQueries[1].metric.unit', 'must be a CloudWatch unit'],
    ['an empty expression', { ...MATH, metricQueries: [{ id: 'e1', expression: ' ', returnData: true }, ...MATH.metricQueries!.slice(1)] }, 'metricQueries[0].expression', 'must be a non-empty metric-math expression'],
  ])('fails for %s', (_n, spec, field, expected) => {
    const problems = validateAlarm(spec);
    expect(problems.find((p) => p.field === field)?.expected).toContain(expected);
  });
});
