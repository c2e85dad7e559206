/**
 * Monitoring objects of NodeLocalDns: a ServiceMonitor and an SLO-style PrometheusRule on DNS errors
 * (prometheus-operator `monitoring.coreos.com/v1` kinds, emitted as ApiObjects).
 */
import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as names from './conventions';
import { durationMillis, promDuration } from '../core/duration';
import { MONITORING_API_VERSION, PROMETHEUS_RULE_KIND } from '../observability/conventions';
import { monitorManifest } from '../observability/model/monitor-manifest';
import { groupToPlain, RuleGroupSpec } from '../observability/model/rules';

/** ServiceMonitor settings. @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor */
export interface NodeLocalDnsServiceMonitorOptions {
  /** Extra labels, e.g. the `release` label your Prometheus selects. @default - none */
  readonly labels?: { [key: string]: string };
  /** Scrape interval. @default - Prometheus's global interval */
  readonly interval?: Duration;
}

/**
 * An error-budget alert on the share of SERVFAIL answers node-local-dns gives, with the multi-window
 * multi-burn-rate thresholds of the Google SRE workbook (14.4x over 1h/5m, 6x over 6h/30m).
 *
 * @see https://sre.google/workbook/alerting-on-slos/
 */
export interface NodeLocalDnsErrorAlertOptions {
  /** Target share of non-SERVFAIL answers, in percent (e.g. 99.9). @default 99.9 */
  readonly objective?: number;
  /**
   * PromQL label matchers selecting node-local-dns's series.
   * @default 'job=~"node-local-dns(-secondary)?"' (the jobs the ServiceMonitor gives; set it when scraping by annotations)
   */
  readonly selector?: string;
  /** Extra labels on every alert (e.g. `team`). @default - none */
  readonly labels?: { [key: string]: string };
  /** Runbook URL annotation. @default - none */
  readonly runbookUrl?: string;
}

/** The default series selector: the job names the ServiceMonitor gives (the metrics Services' app label, HA pair included). */
export function defaultAlertSelector(name: string): string {
  return `job=~"${name}(${names.SECONDARY_SUFFIX})?"`;
}

/** Where the monitoring objects go: the installation's base name and namespace. */
export interface MonitoringTarget {
  readonly name: string;
  readonly namespace: string;
}

/** Emits the ServiceMonitor selecting the metrics Service(s), rendered by the one monitor model. */
export function buildServiceMonitor(
  scope: Construct, target: MonitoringTarget, instances: string[], o: NodeLocalDnsServiceMonitorOptions,
): ApiObject {
  const { name, namespace } = target;
  return new ApiObject(scope, 'ServiceMonitor', monitorManifest({
    kind: 'ServiceMonitor',
    metadata: { name, namespace, labels: { [names.APP_LABEL_KEY]: name, ...o.labels } },
    jobLabel: names.APP_LABEL_KEY,
    selector: { matchExpressions: [{ key: names.APP_LABEL_KEY, operator: 'In', values: instances }] },
    namespaceSelector: { matchNames: [namespace] },
    endpoints: [{ port: names.PORT_METRICS, path: '/metrics', intervalMs: o.interval && durationMillis(o.interval) }],
  }));
}

/** The rule group of the error alert (plain Prometheus rule-file shape, from the one rule model). */
export function errorAlertGroup(o: NodeLocalDnsErrorAlertOptions, name: string = names.NODE_LOCAL_DNS_NAME): any {
  const objective = o.objective ?? 99.9;
  const budget = Number((1 - objective / 100).toPrecision(6));
  const sel = o.selector ?? defaultAlertSelector(name);
  const ratio = (w: string) =>
    `sum(rate(${names.METRIC_RESPONSES}{${sel},rcode="SERVFAIL"}[${w}])) / sum(rate(${names.METRIC_RESPONSES}{${sel}}[${w}]))`;
  const burn = (factor: number, long: string, short: string) =>
    `(${ratio(long)} > (${factor} * ${budget})) and (${ratio(short)} > (${factor} * ${budget}))`;
  const annotations = (summary: string, description: string) => ({
    summary, description, ...(o.runbookUrl ? { runbook_url: o.runbookUrl } : {}),
  });
  const labels = (severity: string) => ({ ...o.labels, severity });
  const group: RuleGroupSpec = {
    name: `${name}.rules`,
    rules: [
      {
        alert: 'NodeLocalDnsErrorBudgetBurn',
        expr: burn(14.4, '1h', '5m'),
        for: promDuration(Duration.minutes(2)),
        labels: labels('critical'),
        annotations: annotations('node-local-dns is burning its SERVFAIL error budget fast',
          `More than 14.4x the ${objective}% objective's error budget is being spent (SERVFAIL answers over 1h and 5m).`),
      },
      {
        alert: 'NodeLocalDnsErrorBudgetBurn',
        expr: burn(6, '6h', '30m'),
        for: promDuration(Duration.minutes(15)),
        labels: labels('warning'),
        annotations: annotations('node-local-dns is burning its SERVFAIL error budget',
          `More than 6x the ${objective}% objective's error budget is being spent (SERVFAIL answers over 6h and 30m).`),
      },
    ],
  };
  return groupToPlain(group);
}

/** Emits the PrometheusRule. */
export function buildErrorAlert(scope: Construct, target: MonitoringTarget, o: NodeLocalDnsErrorAlertOptions): ApiObject {
  const { name, namespace } = target;
  return new ApiObject(scope, 'ErrorAlert', {
    apiVersion: MONITORING_API_VERSION,
    kind: PROMETHEUS_RULE_KIND,
    metadata: { name, namespace, labels: { [names.APP_LABEL_KEY]: name } },
    spec: { groups: [errorAlertGroup(o, name)] },
  });
}
