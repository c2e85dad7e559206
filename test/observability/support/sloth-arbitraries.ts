import * as fc from 'fast-check';

/**
 * fast-check generators of Sloth `prometheus/v1` SLO specs for the differential test against Sloth: valid specs
 * mixed with specs just past the edge of each rule Sloth (and Prometheus) applies — names, objectives, label
 * names and values, query templates and PromQL, alert names, labels and annotations, periods.
 */

/** One generated case: a Sloth spec document (one service, one SLO) and the CLI's default SLO period. */
export interface SlothSpecCase {
  readonly doc: any;
  readonly period: '30d' | '28d';
}

/** Names Sloth accepts (`^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$`) and some just outside. */
const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 14, arbitrary: fc.constantFrom('checkout', 'api-gateway', 'requests-availability', 'svc.v2', 'web_frontend', 'a1', 'A-b.C_9', 'x.y', '42') },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9][-a-z0-9_.]{0,12}[a-z0-9]$/) },
  { weight: 2, arbitrary: fc.constantFrom('a', '-checkout', 'checkout-', 'check out', 'checkout_', '.svc', 'über', 'svc/x', '', 'Checkout', 'CHECKOUT') },
);

/** Objectives: typical, at Sloth's bounds (> 0, <= 100) and just past them. */
const objectiveArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 14, arbitrary: fc.constantFrom(99.9, 99, 95, 99.5, 99.95, 99.99, 99.999, 90, 75) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 99999 }).map((n) => n / 1000) },
  { weight: 2, arbitrary: fc.constantFrom(100, 0, -1, 100.001, 0.001, 1e-9, 50, 5, 99.9999999) },
);

/** Label names: Prometheus classic names, reserved ones, UTF-8 ones (valid for Sloth) and invalid ones. */
const labelNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 14, arbitrary: fc.constantFrom('team', 'tier', 'owner', 'env_name', 'category', '_hidden', 'severity') },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/) },
  { weight: 2, arbitrary: fc.constantFrom('__name__', '__meta', 'sloth_id', 'sloth_service', 'sloth_slo', 'sloth_window', 'sloth_severity', 'sloth_objective') },
  { weight: 1, arbitrary: fc.constantFrom('a-b', 'team.name', 'ümlaut', '1st', 'with space') },
);

/** Label values: plain, empty (Sloth rejects), templated, unusual. */
const labelValueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('payments', 'platform', 'critical', 'tier-1', 'a b', 'ü') },
  { weight: 1, arbitrary: fc.constantFrom('', '{{ $labels.sloth_service }}', '"quoted"', 'multi\nline') },
);

/** Annotation values: plain, templated (valid and broken), empty. */
const annotationValueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('https://runbooks/slo', 'SLO burning', '{{ $labels.sloth_slo }} burns', '{{ $value | humanize }}', 'see {{ .Labels.team }}') },
  { weight: 1, arbitrary: fc.constantFrom('', '{{ $labels.sloth_slo', '{{ end }}', '{{ $undefined }}') },
);

const labelsArb = fc.dictionary(labelNameArb, labelValueArb, { maxKeys: 2 });
const annotationsArb = fc.dictionary(
  fc.oneof({ weight: 20, arbitrary: fc.constantFrom('summary', 'title', 'runbook', 'description', 'dashboard') }, { weight: 1, arbitrary: fc.constantFrom('a-b', '__x', '') }),
  annotationValueArb, { maxKeys: 2 },
);

/** The window placeholder as written: the forms Sloth matches (`{{ *\.window *}}`) and near misses. */
const windowArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('{{.window}}', '{{ .window }}', '{{  .window}}') },
  { weight: 1, arbitrary: fc.constantFrom('{{.Window}}', '{{ .window }', '5m', '{{-.window}}', '{{\t.window}}') },
);

/** Error/total query pairs and raw error-ratio queries, `W` standing for the window placeholder. */
const EVENT_QUERIES: ReadonlyArray<[string, string]> = [
  ['sum(rate(http_requests_total{job="checkout",code=~"(5..|429)"}[W]))', 'sum(rate(http_requests_total{job="checkout"}[W]))'],
  ['sum by (route) (rate(http_requests_total{code=~"5.."}[W]))', 'sum by (route) (rate(http_requests_total[W]))'],
  ['sum(rate(grpc_server_handled_total{grpc_code!="OK"}[W]))', 'sum(rate(grpc_server_handled_total[W]))'],
  ['sum(rate(http_request_duration_seconds_count[W])) - sum(rate(http_request_duration_seconds_bucket{le="0.3"}[W]))', 'sum(rate(http_request_duration_seconds_count[W]))'],
  ['sum(increase(jobs_failed_total[W]))', 'sum(increase(jobs_total[W]))'],
  ['sum(rate(x_errors[W] offset 1m))', 'sum(rate(x_total[W] offset 1m))'],
  ['sum(rate(x_errors[W])) or vector(0)', 'sum(rate(x_total[W]))'],
];

/** Event pairs just past an edge: equal queries, syntax and type errors, an empty query. */
const EDGE_EVENT_QUERIES: ReadonlyArray<[string, string]> = [
  ['sum(rate(x[W]))', 'sum(rate(x[W]))'],
  ['sum(rate(x_errors[W])', 'sum(rate(x_total[W]))'],
  ['sum(x_errors[W])', 'sum(rate(x_total[W]))'],
  ['sum(rate(x_errors{code=~"5.."}[W])) by', 'sum(rate(x_total[W]))'],
  ['', 'sum(rate(x_total[W]))'],
];

const RAW_QUERIES: readonly string[] = [
  '1 - (sum(rate(http_requests_total{code!~"5.."}[W])) / sum(rate(http_requests_total[W])))',
  'sum(rate(errors_total[W])) / sum(rate(requests_total[W]))',
  '1 - avg_over_time(up{job="checkout"}[W])',
  'max_over_time(queue_error_ratio[W:1m])',
  '(sum(rate(errors_total[W])) / sum(rate(requests_total[W]))) > 0',
];

/** Raw queries just past an edge. */
const EDGE_RAW_QUERIES: readonly string[] = [
  'avg(rate(x[W]',
  'rate(x[W]) +',
  '1 - avg_over_time(up[W]) @ start()',
];

function withWindow(query: string, window: string): string {
  return query.replace(/W/g, window);
}

const events = ([e, t]: [string, string], we: string, wt: string): any =>
  ({ events: { error_query: withWindow(e, we), total_query: withWindow(t, wt) } });
const raw = (q: string, w: string): any => ({ raw: { error_ratio_query: withWindow(q, w) } });
const BOTH_KINDS = { raw: { error_ratio_query: 'rate(x[{{.window}}])' }, events: { error_query: 'a[{{.window}}]', total_query: 'b[{{.window}}]' } };

const sliArb: fc.Arbitrary<any> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.constantFrom(...EVENT_QUERIES), windowArb, windowArb).map(([q, we, wt]) => events(q, we, wt)) },
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...RAW_QUERIES), windowArb).map(([q, w]) => raw(q, w)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...EDGE_EVENT_QUERIES), windowArb).map(([q, w]) => events(q, w, w)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...EDGE_RAW_QUERIES), windowArb).map(([q, w]) => raw(q, w)) },
  { weight: 1, arbitrary: fc.constantFrom({}, BOTH_KINDS) },
);

const alertArb: fc.Arbitrary<any> = fc.record({
  disable: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }),
  labels: fc.option(labelsArb, { nil: undefined, freq: 3 }),
  annotations: fc.option(annotationsArb, { nil: undefined, freq: 3 }),
}, { requiredKeys: [] });

const alertNameArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 14, arbitrary: fc.constantFrom('CheckoutHighErrorRate', 'SLOBurn', 'slo_burn', 'X') },
  { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'High-Error rate', ' padded ', 'Ünicode') },
);

const alertingArb: fc.Arbitrary<any> = fc.record({
  name: alertNameArb,
  labels: fc.option(labelsArb, { nil: undefined, freq: 2 }),
  annotations: fc.option(annotationsArb, { nil: undefined, freq: 2 }),
  page_alert: fc.option(alertArb, { nil: undefined, freq: 2 }),
  ticket_alert: fc.option(alertArb, { nil: undefined, freq: 2 }),
}, { requiredKeys: [] });

function compact(o: any): any {
  if (Array.isArray(o)) return o.map(compact);
  if (o === null || typeof o !== 'object') return o;
  const out: any = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = compact(v);
  return out;
}

/** A Sloth `prometheus/v1` spec with one SLO, and the default SLO period `sloth generate` runs with. */
export const slothSpecCase: fc.Arbitrary<SlothSpecCase> = fc.record({
  service: nameArb,
  name: nameArb,
  objective: objectiveArb,
  description: fc.option(fc.constantFrom('Checkout requests succeed', 'latency < 300ms', ''), { nil: undefined, freq: 2 }),
  specLabels: fc.option(labelsArb, { nil: undefined, freq: 2 }),
  sloLabels: fc.option(labelsArb, { nil: undefined, freq: 2 }),
  sli: sliArb,
  alerting: alertingArb,
  period: fc.constantFrom<'30d' | '28d'>('30d', '28d'),
}).map((r) => ({
  period: r.period,
  doc: compact({
    version: 'prometheus/v1',
    service: r.service,
    labels: r.specLabels,
    slos: [{
      name: r.name,
      objective: r.objective,
      description: r.description,
      labels: r.sloLabels,
      sli: r.sli,
      alerting: r.alerting,
    }],
  }),
}));
