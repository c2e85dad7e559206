import { Duration } from 'cdk8s';
import { OpsTesting } from '../../../src/app/testing';
import { AlertTopic } from '../../../src/observability/aws/alert-topic';
import { MetricAlarm, MetricAlarmProps } from '../../../src/observability/aws/metric-alarm';
import { ComparisonOperator, TreatMissingData } from '../../../src/observability/model/cloudwatch-alarm';

const MATH: MetricAlarmProps = {
  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
  threshold: 1.44,
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  treatMissingData: TreatMissingData.NOT_BREACHING,
  metricQueries: [
    { id: 'ratio', expression: '100 * errors / requests', label: '5xx %', returnData: true },
    { id: 'errors', metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum', period: Duration.minutes(1), dimensions: { LoadBalancer: 'app/web/1' } } },
    { id: 'requests', metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', stat: 'Sum', period: Duration.minutes(1) } },
  ],
};

function stack() {
  const app = OpsTesting.app();
  return { app, stack: app.stack('aws', { aws: { region: 'eu-west-1' } }) };
}

describe('MetricAlarm', () => {
  test('defaults: a single-metric alarm named after its path, without actions', () => {
    // GIVEN
    const { app, stack: s } = stack();
    // WHEN
    new MetricAlarm(s, 'cpu', { comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, threshold: 80, evaluationPeriods: 3, namespace: 'AWS/EC2', metricName: 'CPUUtilization', statistic: 'Average', period: Duration.minutes(5) });
    // THEN
    const alarm = OpsTesting.synth(app).findResource('aws', 'aws_cloudwatch_metric_alarm', {});
    expect(alarm).toMatchObject({ alarm_name: 'aws-cpu', comparison_operator: 'GreaterThanThreshold', threshold: 80, period: 300, statistic: 'Average' });
    expect(alarm).not.toHaveProperty('alarm_actions');
    expect(alarm).not.toHaveProperty('treat_missing_data'); // CloudWatch's default: missing
    expect(alarm).not.toHaveProperty('metric_query');
  });

  test('a metric-math alarm notifies its topics on alarm and recovery', () => {
    // GIVEN
    const { app, stack: s } = stack();
    const page = new AlertTopic(s, 'page');
    // WHEN
    new MetricAlarm(s, 'alb-5xx', { ...MATH, alarmName: 'api-5xx-ratio', alarmTopics: [page] });
    const out = OpsTesting.synth(app);
    // THEN
    const alarm = out.findResource('aws', 'aws_cloudwatch_metric_alarm', { alarm_name: 'api-5xx-ratio' });
    expect(alarm.metric_query).toHaveLength(3);
    expect(alarm.metric_query.find((q: any) => q.id === 'ratio')).toEqual({ id: 'ratio', expression: '100 * errors / requests', label: '5xx %', return_data: true });
    expect(alarm.metric_query.find((q: any) => q.id === 'errors').metric).toEqual({ namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_Target_5XX_Count', stat: 'Sum', period: 60, dimensions: { LoadBalancer: 'app/web/1' } });
    expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.[\w-]+\.arn\}$/)]);
    expect(alarm.ok_actions).toEqual(alarm.alarm_actions);
  });

  test('periods render as seconds: a high-resolution metric, a five-minute expression', () => {
    // GIVEN
    const { app, stack: s } = stack();
    // WHEN
    new MetricAlarm(s, 'fast', {
      ...MATH,
      alarmName: 'fast',
      metricQueries: [
        { ...MATH.metricQueries![0], period: Duration.minutes(5) },
        { ...MATH.metricQueries![1], metric: { ...MATH.metricQueries![1].metric!, period: Duration.seconds(10) } },
        MATH.metricQueries![2],
      ],
    });
    const alarm = OpsTesting.synth(app).findResource('aws', 'aws_cloudwatch_metric_alarm', { alarm_name: 'fast' });
    // THEN
    expect(alarm.comparison_operator).toBe('GreaterThanThreshold');
    expect(alarm.treat_missing_data).toBe('notBreaching');
    expect(alarm.metric_query.find((q: any) => q.id === 'ratio').period).toBe(300);
    expect(alarm.metric_query.find((q: any) => q.id === 'errors').metric.period).toBe(10);
    expect(alarm.metric_query.find((q: any) => q.id === 'requests').metric.period).toBe(60);
  });

  test('escapes Terraform template syntax in descriptions, dynamic labels and dimensions', () => {
    // GIVEN: CloudWatch dynamic labels use ${...}, which Terraform would otherwise evaluate
    const { app, stack: s } = stack();
    // WHEN
    new MetricAlarm(s, 'alb-5xx', {
      ...MATH,
      alarmName: 'api-5xx-ratio',
      alarmDescription: 'ratio over ${LABEL} (%{ not a directive })',
      metricQueries: [
        { ...MATH.metricQueries![0], label: "5xx % of ${PROP('Dim.LoadBalancer')}" },
        { ...MATH.metricQueries![1], metric: { ...MATH.metricQueries![1].metric!, dimensions: { LoadBalancer: 'app/${web}/1' } } },
        MATH.metricQueries![2],
      ],
    });
    const alarm = OpsTesting.synth(app).findResource('aws', 'aws_cloudwatch_metric_alarm', { alarm_name: 'api-5xx-ratio' });
    // THEN
    expect(alarm.alarm_description).toBe('ratio over $${LABEL} (%%{ not a directive })');
    expect(alarm.metric_query.find((q: any) => q.id === 'ratio').label).toBe("5xx % of $${PROP('Dim.LoadBalancer')}");
    expect(alarm.metric_query.find((q: any) => q.id === 'errors').metric.dimensions).toEqual({ LoadBalancer: 'app/$${web}/1' });
  });

  test.each<[string, Partial<MetricAlarmProps>, RegExp]>([
    ['no query returns data', { metricQueries: MATH.metricQueries!.map((q) => ({ ...q, returnData: undefined })) }, /metricQueries must have exactly one query with returnData: true/],
    ['an expression refers to an unknown id', { metricQueries: [{ id: 'e1', expression: 'm1 * 100', returnData: true }] }, /metricQueries\[0\]\.expression must only refer to ids of other queries \(e1\), got "m1"/],
    ['a query id starts with a capital', { metricQueries: [{ ...MATH.metricQueries![0], id: 'Ratio' }, ...MATH.metricQueries!.slice(1)] }, /metricQueries\[0\]\.id must start with a lowercase letter/],
    ['a metric period is 90 seconds', { metricQueries: [MATH.metricQueries![0], { ...MATH.metricQueries![1], metric: { ...MATH.metricQueries![1].metric!, period: Duration.seconds(90) } }, MATH.metricQueries![2]] },
      /metricQueries\[1\]\.metric\.period must be 10, 20 or 30 seconds or a whole number of minutes, got "90s" — use e\.g\. Duration\.minutes\(1\)/],
    ['a metric period is not whole seconds', { metricQueries: [MATH.metricQueries![0], { ...MATH.metricQueries![1], metric: { ...MATH.metricQueries![1].metric!, period: Duration.millis(1500) } }, MATH.metricQueries![2]] },
      /metricQueries\[1\]\.metric\.period must be 10, 20 or 30 seconds or a whole number of minutes, got "1\.5s"/],
    ['a period is a number of seconds (plain JavaScript)', { metricQueries: [MATH.metricQueries![0], { ...MATH.metricQueries![1], metric: { ...MATH.metricQueries![1].metric!, period: 60 as any } }, MATH.metricQueries![2]] },
      /metricQueries\[1\]\.metric\.period must be a cdk8s Duration, got 60 — use a cdk8s Duration, e\.g\. Duration\.seconds\(60\)/],
    ['datapoints exceed evaluation periods', { datapointsToAlarm: 6 }, /datapointsToAlarm must be an integer from 1 to evaluationPeriods \(5\), got 6/],
    ['the operator is unknown', { comparisonOperator: 'Above' as ComparisonOperator }, /comparisonOperator must be one of "GreaterThanOrEqualToThreshold", .* \(ComparisonOperator\), got "Above"/],
    ['treat missing data is unknown', { treatMissingData: 'zero' as TreatMissingData }, /treatMissingData must be one of "missing", "ignore", "breaching", "notBreaching" \(TreatMissingData\), got "zero"/],
    ['a single metric is mixed with metric math', { namespace: 'AWS/EC2', metricName: 'CPUUtilization' }, /metricQueries must be set exactly when metricName\/namespace are not/],
    ['dimensions are given next to metric math', { dimensions: { LoadBalancer: 'app/web/1' } }, /dimensions must not be set with metricQueries \(Terraform rejects dimensions next to metric_query\), got \{"LoadBalancer":"app\/web\/1"\}/],
    ['a query metric has an empty dimension value', { metricQueries: [MATH.metricQueries![0], { ...MATH.metricQueries![1], metric: { ...MATH.metricQueries![1].metric!, dimensions: { LoadBalancer: '' } } }, MATH.metricQueries![2]] },
      /metricQueries\[1\]\.metric\.dimensions\.LoadBalancer must be a string of 1-1024 characters, got ""/],
  ])('fails when %s', (_name, change, message) => {
    const { stack: s } = stack();
    expect(() => new MetricAlarm(s, 'bad', { ...MATH, ...change })).toThrow(new RegExp(`${message.source}[^]*at path \\[aws\\/bad\\]`));
  });

  test('fails when a single-metric alarm has an invalid period and statistic', () => {
    const { stack: s } = stack();
    expect(() => new MetricAlarm(s, 'bad', {
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, threshold: 1, evaluationPeriods: 1, namespace: 'AWS/EC2', metricName: 'CPUUtilization', statistic: 'Mean', period: Duration.seconds(45),
    })).toThrow(/statistic must be one of SampleCount, Average, Sum, Minimum, Maximum[^]*period must be 10, 20 or 30 seconds or a whole number of minutes, got "45s"/);
  });
});
