/**
 * Rules of CloudWatch metric alarms (`aws_cloudwatch_metric_alarm`, `PutMetricAlarm`), checked before
 * Terraform sees them. Pure.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 */
import { Problem, problem } from '../../core/problem';

/** A metric of a metric-math query. */
export interface AlarmMetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly stat: string;
  readonly period?: number;
  readonly dimensions?: { [name: string]: string };
  readonly unit?: string;
}

/** One query of a metric-math alarm: a metric or an expression over other queries. */
export interface AlarmQuerySpec {
  readonly id: string;
  readonly expression?: string;
  readonly metric?: AlarmMetricSpec;
  readonly label?: string;
  readonly returnData?: boolean;
  readonly period?: number;
}

/**
 * How a CloudWatch alarm compares the watched value with the threshold (`ComparisonOperator` of
 * `PutMetricAlarm`; the anomaly-detection operators need a threshold metric, which `MetricAlarm` does not emit).
 */
export enum ComparisonOperator {
  /** value >= threshold */
  GREATER_THAN_OR_EQUAL_TO_THRESHOLD = 'GreaterThanOrEqualToThreshold',
  /** value > threshold */
  GREATER_THAN_THRESHOLD = 'GreaterThanThreshold',
  /** value < threshold */
  LESS_THAN_THRESHOLD = 'LessThanThreshold',
  /** value <= threshold */
  LESS_THAN_OR_EQUAL_TO_THRESHOLD = 'LessThanOrEqualToThreshold',
}

/**
 * How a CloudWatch alarm treats periods without data points (`TreatMissingData` of `PutMetricAlarm`).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data
 */
export enum TreatMissingData {
  /** The alarm looks back further for data points; with none, it becomes INSUFFICIENT_DATA (CloudWatch's default). */
  MISSING = 'missing',
  /** The alarm keeps its current state. */
  IGNORE = 'ignore',
  /** Missing data counts as breaching the threshold. */
  BREACHING = 'breaching',
  /** Missing data counts as within the threshold (sparse metrics such as error counts). */
  NOT_BREACHING = 'notBreaching',
}

/** The alarm fields this module checks (periods in seconds). */
export interface AlarmSpec {
  readonly comparisonOperator: string;
  readonly threshold?: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: string;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly statistic?: string;
  readonly extendedStatistic?: string;
  readonly period?: number;
  readonly dimensions?: { [name: string]: string };
  readonly metricQueries?: AlarmQuerySpec[];
}

const COMPARISON_OPERATORS: readonly string[] = Object.values(ComparisonOperator);
export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const TREAT_MISSING_DATA: readonly string[] = Object.values(TreatMissingData);
/** The units CloudWatch knows (`StandardUnit`). */
export const UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits',
  'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second',
  'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
];
const EXTENDED_STAT = /^(p|tm|tc|ts|wm|pr)(\d{1,2}(\.\d{1,10})?|100)$|^(TM|TC|TS|WM|PR)\(.+\)$|^IQM$/;

/** Whether a period is one CloudWatch alarms accept: 10, 20, 30 (high resolution) or a multiple of 60. */
export function isValidAlarmPeriod(p: number): boolean {
  return Number.isInteger(p) && (p === 10 || p === 20 || p === 30 || (p >= 60 && p % 60 === 0));
}

/** The problem of a period CloudWatch rejects (or of a missing one), the value shown in seconds. */
function periodProblem(field: string, seconds: number | undefined): Problem {
  return problem(field, 'must be 10, 20 or 30 seconds or a whole number of minutes', seconds === undefined ? undefined : `${seconds}s`,
    seconds === undefined ? 'set it, e.g. Duration.minutes(1)' : 'use e.g. Duration.minutes(1) or Duration.minutes(5) (Duration.seconds(10) for high-resolution metrics)');
}

/** Every problem of an alarm definition. */
export function validateAlarm(a: AlarmSpec): Problem[] {
  const problems: Problem[] = [];
  if (!COMPARISON_OPERATORS.includes(a.comparisonOperator)) {
    problems.push(problem('comparisonOperator', `must be one of ${COMPARISON_OPERATORS.join(', ')}`, a.comparisonOperator,
      'use a ComparisonOperator, e.g. ComparisonOperator.GREATER_THAN_THRESHOLD'));
  }
  if (typeof a.threshold !== 'number' || !Number.isFinite(a.threshold)) {
    problems.push(problem('threshold', 'must be a finite number', a.threshold, 'give the value the alarm compares against'));
  }
  if (!Number.isInteger(a.evaluationPeriods) || a.evaluationPeriods < 1) {
    problems.push(problem('evaluationPeriods', 'must be an integer >= 1', a.evaluationPeriods, 'use e.g. 5'));
  }
  const dp = a.datapointsToAlarm;
  if (dp !== undefined && (!Number.isInteger(dp) || dp < 1 || dp > a.evaluationPeriods)) {
    problems.push(problem('datapointsToAlarm', `must be an integer from 1 to evaluationPeriods (${a.evaluationPeriods})`, a.datapointsToAlarm, 'use at most evaluationPeriods ("M out of N")'));
  }
  if (a.treatMissingData !== undefined && !TREAT_MISSING_DATA.includes(a.treatMissingData)) {
    problems.push(problem('treatMissingData', `must be one of ${TREAT_MISSING_DATA.join(', ')}`, a.treatMissingData,
      'use a TreatMissingData, e.g. TreatMissingData.NOT_BREACHING for sparse metrics'));
  }
  const single = a.metricName !== undefined || a.namespace !== undefined;
  const math = (a.metricQueries ?? []).length > 0;
  if (single === math) {
    problems.push(problem('metricQueries', 'must be set exactly when metricName/namespace are not', math ? 'both' : 'neither',
      'give namespace + metricName + statistic for one metric, or metricQueries for metric math'));
  }
  if (single) {
    if (!a.namespace) problems.push(problem('namespace', 'must be set with metricName', a.namespace, 'give e.g. "AWS/ApplicationELB"'));
    if (!a.metricName) problems.push(problem('metricName', 'must be set with namespace', a.metricName, 'give e.g. "HTTPCode_Target_5XX_Count"'));
    problems.push(...checkStat(a.statistic, a.extendedStatistic));
    if (a.period === undefined || !isValidAlarmPeriod(a.period)) problems.push(periodProblem('period', a.period));
  } else if (a.statistic !== undefined || a.extendedStatistic !== undefined || a.period !== undefined) {
    problems.push(problem('statistic', 'must not be set with metricQueries (each query has its own stat and period)', a.statistic ?? a.extendedStatistic ?? a.period,
      'move stat and period into the metric queries'));
  }
  if (math && a.dimensions !== undefined) {
    problems.push(problem('dimensions', 'must not be set with metricQueries (Terraform rejects dimensions next to metric_query)', a.dimensions,
      'move the dimensions into the metric of each query (metricQueries[i].metric.dimensions)'));
  }
  problems.push(...checkDimensions('dimensions', a.dimensions));
  if (math) problems.push(...checkQueries(a.metricQueries!));
  return problems;
}

/** CloudWatch's limits on dimensions: at most 30, names 1-255 and values 1-1024 characters. */
function checkDimensions(f: string, dims: { [name: string]: string } | undefined): Problem[] {
  if (dims === undefined) return [];
  if (dims === null || typeof dims !== 'object' || Array.isArray(dims)) {
    return [problem(f, 'must be a map of dimension names to values', dims, 'give e.g. { LoadBalancer: "app/web/123" }')];
  }
  const problems: Problem[] = [];
  const entries = Object.entries(dims);
  if (entries.length > 30) problems.push(problem(f, 'must hold at most 30 dimensions', entries.length, 'drop dimensions the metric does not have'));
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > 255) problems.push(problem(`${f}.${k}`, 'must have a name of 1-255 characters', k, 'use the dimension name CloudWatch shows, e.g. "LoadBalancer"'));
    if (typeof v !== 'string' || v.length < 1 || v.length > 1024) {
      problems.push(problem(`${f}.${k}`, 'must be a string of 1-1024 characters', v, 'give the dimension value, e.g. "app/web/123"'));
    }
  }
  return problems;
}

function checkStat(statistic: string | undefined, extended: string | undefined): Problem[] {
  if ((statistic === undefined) === (extended === undefined)) {
    return [problem('statistic', 'must be set exactly when extendedStatistic is not', statistic ?? extended, 'give e.g. statistic "Sum" or extendedStatistic "p99"')];
  }
  if (statistic !== undefined && !STATISTICS.includes(statistic)) {
    return [problem('statistic', `must be one of ${STATISTICS.join(', ')}`, statistic, 'use extendedStatistic for percentiles such as p99')];
  }
  if (extended !== undefined && !EXTENDED_STAT.test(extended)) {
    return [problem('extendedStatistic', 'must be a percentile or trimmed statistic such as p99 or tm90', extended, 'use e.g. "p99"')];
  }
  return [];
}

function checkQueries(queries: readonly AlarmQuerySpec[]): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  queries.forEach((q, i) => {
    const f = `metricQueries[${i}]`;
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.id ?? '')) {
      problems.push(problem(`${f}.id`, 'must start with a lowercase letter and hold only letters, digits and "_"', q.id, 'use e.g. "m1" or "errorRate"'));
    } else if (ids.has(q.id)) {
      problems.push(problem(`${f}.id`, 'must be unique among the queries', q.id, 'rename one of the queries'));
    }
    ids.add(q.id);
    if ((q.expression === undefined) === (q.metric === undefined)) {
      problems.push(problem(f, 'must have exactly one of expression and metric', q.id, 'give a metric to fetch or an expression over other query ids'));
    }
    if (q.metric) {
      if (!q.metric.namespace) problems.push(problem(`${f}.metric.namespace`, 'must be set', q.metric.namespace, 'give e.g. "AWS/ApplicationELB"'));
      if (!q.metric.metricName) problems.push(problem(`${f}.metric.metricName`, 'must be set', q.metric.metricName, 'give the metric name'));
      if (!STATISTICS.includes(q.metric.stat) && !EXTENDED_STAT.test(q.metric.stat ?? '')) {
        problems.push(problem(`${f}.metric.stat`, 'must be a statistic such as Sum, Average or p99', q.metric.stat, 'use e.g. "Sum"'));
      }
      problems.push(...checkDimensions(`${f}.metric.dimensions`, q.metric.dimensions));
      if (q.metric.unit !== undefined && !UNITS.includes(q.metric.unit)) {
        problems.push(problem(`${f}.metric.unit`, 'must be a CloudWatch unit (e.g. Count, Seconds, Percent, Count/Second)', q.metric.unit,
          'use the unit the metric is published with, or leave it unset'));
      }
      const p = q.metric.period ?? q.period;
      if (p === undefined || !isValidAlarmPeriod(p)) problems.push(periodProblem(`${f}.metric.period`, p));
    }
  });
  queries.forEach((q, i) => {
    if (q.expression === undefined) return;
    if (typeof q.expression !== 'string' || q.expression.trim() === '') {
      problems.push(problem(`metricQueries[${i}].expression`, 'must be a non-empty metric-math expression', q.expression, 'give e.g. "100 * errors / requests"'));
      return;
    }
    // Metric-math functions and keywords are upper case and query ids start with a lower-case letter, so every
    // lower-case identifier outside string literals must be a query id (Metric Insights queries are exempt).
    if (!/^\s*SELECT\b/i.test(q.expression)) {
      const code = q.expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, ' ');
      for (const ref of new Set(code.match(/(?<![\w.])[a-z][a-zA-Z0-9_]*\b/g) ?? [])) {
        if (!ids.has(ref)) {
          problems.push(problem(`metricQueries[${i}].expression`, `must only refer to ids of other queries (${[...ids].sort().join(', ')})`, ref,
            `define a query with id "${ref}" or fix the expression`));
        }
      }
    }
    if (q.expression.match(new RegExp(`\\b${q.id}\\b`))) {
      problems.push(problem(`metricQueries[${i}].expression`, 'must not refer to its own id', q.expression, 'refer to other queries only'));
    }
  });
  const returning = queries.filter((q) => q.returnData === true);
  if (returning.length !== 1) {
    problems.push(problem('metricQueries', 'must have exactly one query with returnData: true (the value the alarm watches)', returning.map((q) => q.id),
      'set returnData: true on the final expression and leave it unset elsewhere'));
  }
  return problems;
}
