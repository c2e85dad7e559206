import type { CloudwatchMetricAlarm } from '@cdktn/provider-aws/lib/cloudwatch-metric-alarm';
import type { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AlertTopic } from './alert-topic';
import { checkProps } from '../../core/check-props';
import { durationSeconds, durationValueProblems } from '../../core/duration';
import { Engine, placedIn } from '../../core/placement';
import { problem, Problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';
import { AlarmSpec, ComparisonOperator, TreatMissingData, validateAlarm } from '../model/cloudwatch-alarm';

/** Provider submodules are loaded on first use, so that requiring opskit stays cheap. */
const aws = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  CloudwatchMetricAlarm: (): typeof CloudwatchMetricAlarm => require('@cdktn/provider-aws/lib/cloudwatch-metric-alarm').CloudwatchMetricAlarm,
};

/** A CloudWatch metric fetched by a metric-math query. */
export interface AlarmMetric {
  /** e.g. `AWS/ApplicationELB` */
  readonly namespace: string;
  /** e.g. `HTTPCode_Target_5XX_Count` */
  readonly metricName: string;
  /** `SampleCount`, `Average`, `Sum`, `Minimum`, `Maximum` or a percentile such as `p99`. */
  readonly stat: string;
  /** The period: 10, 20 or 30 seconds (high-resolution metrics) or a whole number of minutes. @default - the query's period */
  readonly period?: Duration;
  /** Dimensions, e.g. `{ LoadBalancer: 'app/web/123' }`. @default - none */
  readonly dimensions?: { [name: string]: string };
  /** Unit filter. @default - any unit */
  readonly unit?: string;
}

/** One query of a metric-math alarm (`metric_query`). */
export interface AlarmQuery {
  /** Id used in expressions: starts with a lowercase letter, e.g. `m1`, `errors`. */
  readonly id: string;
  /** A metric-math expression over other query ids, e.g. `100 * errors / requests`. @default - metric */
  readonly expression?: string;
  /** The metric to fetch. @default - expression */
  readonly metric?: AlarmMetric;
  /** Label shown in the console. @default - none */
  readonly label?: string;
  /** Whether this is the value the alarm watches; exactly one query must set it. @default false */
  readonly returnData?: boolean;
  /** Period of an expression query. @default - the metrics' periods */
  readonly period?: Duration;
}

/** Props of `MetricAlarm`. */
export interface MetricAlarmProps {
  /** The alarm name. @default - the construct path, dash-separated */
  readonly alarmName?: string;
  /** Description. @default - none */
  readonly alarmDescription?: string;
  /** How the watched value is compared with the threshold. */
  readonly comparisonOperator: ComparisonOperator;
  /** The value compared with. */
  readonly threshold: number;
  /** Number of periods evaluated. @integer */
  readonly evaluationPeriods: number;
  /** How many of the evaluated periods must breach ("M out of N"). @default - evaluationPeriods @integer */
  readonly datapointsToAlarm?: number;
  /** How periods without data points count. @default TreatMissingData.MISSING */
  readonly treatMissingData?: TreatMissingData;
  /** Namespace of a single-metric alarm. @default - metricQueries */
  readonly namespace?: string;
  /** Metric of a single-metric alarm. @default - metricQueries */
  readonly metricName?: string;
  /** Statistic of a single-metric alarm. @default - extendedStatistic */
  readonly statistic?: string;
  /** Percentile statistic of a single-metric alarm, e.g. `p99`. @default - statistic */
  readonly extendedStatistic?: string;
  /**
   * Period of a single-metric alarm: 10, 20 or 30 seconds (high-resolution metrics) or a whole number of minutes.
   * @default - required for a single metric
   */
  readonly period?: Duration;
  /** Dimensions of a single-metric alarm. @default - none */
  readonly dimensions?: { [name: string]: string };
  /** Metric-math queries (instead of a single metric). @default - a single metric */
  readonly metricQueries?: AlarmQuery[];
  /** Topics notified when the alarm fires and when it recovers. @default - none */
  readonly alarmTopics?: AlertTopic[];
  /** Tags. @default - none */
  readonly tags?: { [key: string]: string };
}

/**
 * A CloudWatch metric alarm (`aws_cloudwatch_metric_alarm`) on one metric or on metric math, checked before
 * Terraform sees it (operators, periods, statistics, query ids, exactly one returned query) and notifying
 * `AlertTopic`s on alarm and on recovery.
 *
 * @example
 * new MetricAlarm(stack, 'alb-5xx', {
 *   comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, threshold: 1.44, evaluationPeriods: 5, datapointsToAlarm: 3,
 *   treatMissingData: TreatMissingData.NOT_BREACHING,
 *   metricQueries: [
 *     { id: 'ratio', expression: '100 * errors / requests', label: '5xx %', returnData: true },
 *     { id: 'errors', metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum', period: Duration.minutes(1) } },
 *     { id: 'requests', metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', stat: 'Sum', period: Duration.minutes(1) } },
 *   ],
 *   alarmTopics: [page],
 * });
 */
export class MetricAlarm extends Construct {
  /** The alarm name. */
  public readonly alarmName!: string;
  /** The underlying resource. */
  public readonly resource!: CloudwatchMetricAlarm;

  public constructor(scope: Construct, id: string, props: MetricAlarmProps) {
    super(placedIn(scope, id, Engine.TERRAFORM, 'MetricAlarm'), id);
    if (!checkProps(this, 'MetricAlarmProps', props)) return;
    if (!reportPropsProblems(this, periodTypeProblems(props))) return;
    const spec = alarmSpec(props);
    const problems = validateAlarm(spec);
    this.alarmName = props.alarmName ?? this.node.path.replace(/\//g, '-');
    if (!/^[\x20-\x7e]{1,255}$/.test(this.alarmName)) {
      problems.push(problem('alarmName', 'must be 1-255 printable ASCII characters', this.alarmName, 'use e.g. "api-5xx-ratio"'));
    }
    if (!reportPropsProblems(this, problems)) return;
    const actions = (props.alarmTopics ?? []).map((t) => t.topicArn);
    // CloudWatch's dynamic labels (`${PROP('Dim.X')}`, `${LABEL}`) and any `${`/`%{` in a text reach Terraform
    // escaped: the stack escapes every literal string of every element (core/terraform-safe-text.ts).
    this.resource = new (aws.CloudwatchMetricAlarm())(this, 'Resource', {
      alarmName: this.alarmName,
      alarmDescription: props.alarmDescription,
      comparisonOperator: props.comparisonOperator,
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm,
      treatMissingData: props.treatMissingData,
      namespace: props.namespace,
      metricName: props.metricName,
      statistic: props.statistic,
      extendedStatistic: props.extendedStatistic,
      period: spec.period,
      dimensions: props.dimensions,
      metricQuery: spec.metricQueries?.map((q) => ({
        id: q.id,
        expression: q.expression,
        label: q.label,
        returnData: q.returnData,
        period: q.expression !== undefined ? q.period : undefined,
        metric: q.metric ? {
          namespace: q.metric.namespace,
          metricName: q.metric.metricName,
          stat: q.metric.stat,
          period: q.metric.period ?? q.period!,
          dimensions: q.metric.dimensions,
          unit: q.metric.unit,
        } : undefined,
      })),
      alarmActions: actions.length > 0 ? actions : undefined,
      okActions: actions.length > 0 ? actions : undefined,
      tags: props.tags,
    });
  }
}

/** The problems of periods that are not `Duration`s. */
function periodTypeProblems(props: MetricAlarmProps): Problem[] {
  const check = { example: 'Duration.minutes(1)' };
  return [
    ...durationValueProblems('period', props.period, check),
    ...(props.metricQueries ?? []).flatMap((q, i) => [
      ...durationValueProblems(`metricQueries[${i}].period`, q.period, check),
      ...durationValueProblems(`metricQueries[${i}].metric.period`, q.metric?.period, check),
    ]),
  ];
}

/** The props as the model checks them: periods in seconds. */
function alarmSpec(props: MetricAlarmProps): AlarmSpec {
  return {
    ...props,
    period: durationSeconds(props.period),
    metricQueries: props.metricQueries?.map((q) => ({
      ...q,
      period: durationSeconds(q.period),
      metric: q.metric ? { ...q.metric, period: durationSeconds(q.metric.period) } : undefined,
    })),
  };
}
