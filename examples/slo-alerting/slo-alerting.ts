// The SLO alerting example: what a platform team writes to watch its checkout API.
//
// Sections: (1) the workload's metrics Service and its ServiceMonitor, (2) SLOs, (3) hand-written rules.
// Routing (Alertmanager), the dashboard and the AWS side (AMP, SNS) use the rule sets returned here.
import { ApiObject, Chart, Duration } from 'cdk8s';
import { OpsApp, PrometheusRules, ServiceLevelObjective, ServiceMonitor } from 'opskit';

/** What the example defines, for the sections added below and for tests. */
export interface SloAlerting {
  readonly chart: Chart;
  readonly availability: ServiceLevelObjective;
  readonly latency: ServiceLevelObjective;
  readonly rules: PrometheusRules;
}

/** Labels kube-prometheus-stack's Prometheus selects rules and monitors by (its Helm release). */
const DISCOVERY = { release: 'kube-prometheus-stack' };

export function defineSloAlerting(app: OpsApp): SloAlerting {
  const chart = app.chart('slo-alerting', { namespace: 'checkout' });

  // (1) The checkout API's metrics Service, and the ServiceMonitor that scrapes it. Synth checks that the
  // selector matches the Service and that the port "http-metrics" exists on it.
  const service = new ApiObject(chart, 'checkout-service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'checkout', labels: { 'app.kubernetes.io/name': 'checkout' } },
    spec: {
      selector: { 'app.kubernetes.io/name': 'checkout' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'http-metrics', port: 9090, targetPort: 9090 }],
    },
  });
  new ServiceMonitor(chart, 'checkout-monitor', {
    service,
    metadata: { name: 'checkout', labels: DISCOVERY },
    endpoints: [{ port: 'http-metrics', path: '/metrics', interval: Duration.seconds(30), scrapeTimeout: Duration.seconds(10) }],
  });

  // (2) SLOs. Availability: 99.9% of requests are not 5xx over 30 days. Latency: 99% of requests are
  // served within 300ms. Page alerts go to on-call (severity critical), ticket alerts to the queue.
  const alerting = (name: string) => ({
    name,
    labels: { team: 'payments' },
    annotations: { runbook_url: `https://runbooks.example.com/checkout/${name.toLowerCase()}` },
    pageAlert: { labels: { severity: 'critical' } },
    ticketAlert: { labels: { severity: 'warning' } },
  });
  const availability = new ServiceLevelObjective(chart, 'availability', {
    service: 'checkout',
    name: 'requests-availability',
    objective: 99.9,
    description: 'Checkout API requests that do not fail with a server error.',
    labels: { owner: 'payments', tier: '1' },
    sli: {
      events: {
        errorQuery: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))',
        totalQuery: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
      },
    },
    alerting: alerting('CheckoutAvailabilityBurn'),
    metadata: { labels: DISCOVERY },
  });
  const latency = new ServiceLevelObjective(chart, 'latency', {
    service: 'checkout',
    name: 'requests-latency',
    objective: 99,
    description: 'Checkout API requests served within 300ms.',
    labels: { owner: 'payments', tier: '1' },
    sli: {
      events: {
        errorQuery: 'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{job="checkout",le="0.3"}[{{.window}}]))',
        totalQuery: 'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))',
      },
    },
    alerting: { ...alerting('CheckoutLatencyBurn'), alertPerWindowPair: true },
    metadata: { labels: DISCOVERY },
  });

  // (3) Hand-written rules, with a promtool unit test of their own.
  const rules = new PrometheusRules(chart, 'checkout-rules', {
    metadata: { name: 'checkout', labels: DISCOVERY },
    groups: [{
      name: 'checkout',
      rules: [
        { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total{job="checkout"}[5m]))' },
        {
          alert: 'CheckoutTargetDown',
          expr: 'up{job="checkout"} == 0',
          for: Duration.minutes(5),
          labels: { severity: 'critical', team: 'payments' },
          annotations: {
            summary: 'Checkout target {{ $labels.instance }} is down',
            runbook_url: 'https://runbooks.example.com/checkout/checkouttargetdown',
          },
        },
      ],
    }],
  });
  rules.addTest({
    name: 'a target down for 5 minutes pages',
    inputSeries: [{ series: 'up{job="checkout", instance="10.0.0.1:9090"}', values: '1 1 0x15' }],
    alertRuleTests: [
      { evalTime: Duration.minutes(5), alertname: 'CheckoutTargetDown', expAlerts: [] },
      {
        evalTime: Duration.minutes(10),
        alertname: 'CheckoutTargetDown',
        expAlerts: [{
          expLabels: { severity: 'critical', team: 'payments', job: 'checkout', instance: '10.0.0.1:9090' },
          expAnnotations: {
            summary: 'Checkout target 10.0.0.1:9090 is down',
            runbook_url: 'https://runbooks.example.com/checkout/checkouttargetdown',
          },
        }],
      },
    ],
  });

  return { chart, availability, latency, rules };
}
