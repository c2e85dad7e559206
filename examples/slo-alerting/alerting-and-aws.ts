// The alerting half of the SLO example: where the SLOs' alerts go, what on-call looks at, and the same rules
// delivered to Amazon Managed Service for Prometheus (AMP) with alerts through SNS.
//
// Sections: (4) Alertmanager routing in the cluster, (5) Grafana dashboards, (6) the AWS side.
import { Duration } from 'cdk8s';
import { TerraformVariable, Token } from 'cdktn';
import {
  AlertmanagerRouting, AlertmanagerSecret, AlertTopic, ComparisonOperator, GrafanaDashboard, ManagedPrometheus, MetricAlarm, OpsApp, SloAlertRoutes,
  SubscriptionProtocol, TreatMissingData,
} from 'opskit';
import { SloAlerting } from './slo-alerting';

/** What this half defines, for tests. */
export interface AlertingAndAws {
  readonly routing: AlertmanagerRouting;
  readonly ampRouting: AlertmanagerRouting;
  readonly amp: ManagedPrometheus;
}

export function defineAlertingAndAws(app: OpsApp, slos: SloAlerting): AlertingAndAws {
  const { chart, availability, latency, rules } = slos;

  // (4) In-cluster routing. Page alerts of every SLO go to on-call (PagerDuty), ticket alerts to the ticket
  // queue (a webhook bridge); while an SLO pages, its ticket is muted. Other alerts (the hand-written
  // CheckoutTargetDown is `severity: critical`) page too. Secrets stay in Kubernetes Secrets: the file only
  // names where Alertmanager reads them. Written as alertmanager/slo-alerts.yaml (amtool check-config) and as
  // an AlertmanagerConfig for prometheus-operator.
  const routing = new AlertmanagerRouting(chart, 'slo-alerts', {
    route: {
      receiver: 'ticket-queue',
      groupBy: SloAlertRoutes.groupBy(),
      routes: [
        SloAlertRoutes.page('on-call'),
        SloAlertRoutes.ticket('ticket-queue', { activeTimeIntervals: ['business-hours'] }),
        { receiver: 'on-call', matchers: ['severity="critical"'] },
      ],
    },
    inhibitRules: [SloAlertRoutes.pageInhibitsTicket()],
    receivers: [
      { name: 'on-call', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromSecretKey('alertmanager-pagerduty', 'routing-key'), severity: 'critical' }] },
      { name: 'ticket-queue', webhookConfigs: [{ url: 'http://ticket-bridge.ops.svc:8080/alertmanager', maxAlerts: 20 }] },
    ],
    timeIntervals: [{ name: 'business-hours', timeIntervals: [{ weekdays: ['monday:friday'], times: [{ startTime: '08:00', endTime: '18:00' }] }] }],
    alertmanagerConfig: true,
  });

  // (5) Each SLO's standard dashboard (SLI, error budget remaining, burn rates), as a ConfigMap the Grafana
  // sidecar imports and as grafana/<uid>.json.
  GrafanaDashboard.forSlo(chart, 'availability-dashboard', availability);
  GrafanaDashboard.forSlo(chart, 'latency-dashboard', latency);

  // (6) AWS: an AMP workspace running the very same rule files (one rule-group namespace per rule set), its
  // alert manager sending pages and tickets to two SNS topics, and a CloudWatch metric-math alarm on the
  // load balancer's 5xx ratio as a second, independent signal.
  const stack = app.stack('slo-alerting-aws', { aws: { region: 'eu-west-1', defaultTags: { team: 'payments' } } });
  // the PagerDuty integration URL is a credential: Terraform asks for it (TF_VAR_pagerduty_url), it is never in the JSON
  const pagerDutyUrl = new TerraformVariable(stack, 'pagerduty_url', { type: 'string', sensitive: true, description: 'PagerDuty integration URL for SLO pages' });
  const pageTopic = new AlertTopic(stack, 'slo-page', {
    subscriptions: [{ protocol: SubscriptionProtocol.HTTPS, endpoint: Token.asString(pagerDutyUrl.value) }],
  });
  const ticketTopic = new AlertTopic(stack, 'slo-ticket', {
    subscriptions: [{ protocol: SubscriptionProtocol.EMAIL, endpoint: 'payments-tickets@example.com' }],
  });
  // AMP only delivers to SNS; topic ARNs are Terraform references, so this routing writes no file.
  const ampRouting = new AlertmanagerRouting(stack, 'amp-routing', {
    artifact: false,
    route: {
      receiver: 'ticket',
      groupBy: SloAlertRoutes.groupBy(),
      repeatInterval: Duration.hours(12),
      routes: [SloAlertRoutes.page('page', { repeatInterval: Duration.hours(1) }), { receiver: 'page', matchers: ['severity="critical"'] }],
    },
    inhibitRules: [SloAlertRoutes.pageInhibitsTicket()],
    receivers: [
      { name: 'page', snsConfigs: [{ topicArn: pageTopic.topicArn, sigv4Region: 'eu-west-1', subject: '[page] {{ .CommonLabels.alertname }}' }] },
      { name: 'ticket', snsConfigs: [{ topicArn: ticketTopic.topicArn, sigv4Region: 'eu-west-1', subject: '[ticket] {{ .CommonLabels.alertname }}' }] },
    ],
    templateFiles: {
      default_template: '{{ define "sns.default.message" }}{{ .CommonAnnotations.summary }} ({{ .CommonLabels.sloth_id }}){{ end }}',
    },
  });
  const amp = new ManagedPrometheus(stack, 'amp', {
    alias: 'checkout',
    ruleSets: [availability, latency, rules],
    alertmanager: ampRouting,
    alertTopics: [pageTopic, ticketTopic],
  });

  const lb = { LoadBalancer: 'app/checkout/0123456789abcdef' };
  new MetricAlarm(stack, 'alb-5xx-ratio', {
    alarmName: 'checkout-alb-5xx-ratio',
    alarmDescription: '5xx ratio (%) above 14.4x the error budget of the 99.9% availability SLO',
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    threshold: 1.44,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    metricQueries: [
      { id: 'ratio', expression: '100 * errors / requests', label: '5xx %', returnData: true },
      { id: 'errors', metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum', period: Duration.minutes(1), dimensions: lb } },
      { id: 'requests', metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', stat: 'Sum', period: Duration.minutes(1), dimensions: lb } },
    ],
    alarmTopics: [pageTopic],
  });

  return { routing, ampRouting, amp };
}
