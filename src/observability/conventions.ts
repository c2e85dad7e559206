/**
 * Every name the observability domain generates: label keys, recording-rule names, rule-group names,
 * object names and artifact paths. Generators never build names inline.
 *
 * SLO names follow Sloth (`slok/sloth` `pkg/common/conventions`), so dashboards and alerts built for
 * Sloth's output keep working on opskit's.
 *
 * @see https://github.com/slok/sloth/blob/main/pkg/common/conventions/slo.go
 */

/** Label carrying the SLO id (`<service>-<slo>`). */
export const SLO_ID_LABEL = 'sloth_id';
/** Label carrying the SLO's service. */
export const SLO_SERVICE_LABEL = 'sloth_service';
/** Label carrying the SLO's name. */
export const SLO_NAME_LABEL = 'sloth_slo';
/** Label carrying the window of an SLI recording (`5m`, `30d`, `4w`). */
export const SLO_WINDOW_LABEL = 'sloth_window';
/** Label carrying the severity of an SLO alert (`page` or `ticket`). */
export const SLO_SEVERITY_LABEL = 'sloth_severity';
/** Label of `sloth_slo_info` carrying the generator version. */
export const SLO_VERSION_LABEL = 'sloth_version';
/** Label of `sloth_slo_info` carrying the generator mode. */
export const SLO_MODE_LABEL = 'sloth_mode';
/** Label of `sloth_slo_info` carrying the input spec. */
export const SLO_SPEC_LABEL = 'sloth_spec';
/** Label of `sloth_slo_info` carrying the objective in percent (`"99.9"`). */
export const SLO_OBJECTIVE_LABEL = 'sloth_objective';
/** Labels opskit adds to per-window-pair alerts (an opskit extension, not in Sloth). */
export const SLO_SHORT_WINDOW_LABEL = 'sloth_short_window';
/** Labels opskit adds to per-window-pair alerts (an opskit extension, not in Sloth). */
export const SLO_LONG_WINDOW_LABEL = 'sloth_long_window';

/** Values of the `sloth_slo_info` labels opskit writes unless told otherwise. */
export const OPSKIT_SLO_VERSION = 'opskit';
/** `sloth_mode` of opskit-generated rules. */
export const OPSKIT_SLO_MODE = 'opskit-synth';
/** `sloth_spec` of opskit-generated rules. */
export const OPSKIT_SLO_SPEC = 'opskit/v1';

/** Placeholder in SLI queries replaced by each window (Sloth's Go-template variable). */
export const WINDOW_PLACEHOLDER_PATTERN = /\{\{ *\.window *\}\}/g;
/** The placeholder as users write it. */
export const WINDOW_PLACEHOLDER = '{{.window}}';

/** Recording rules of the SLO metadata group. */
export const META_OBJECTIVE_RATIO = 'slo:objective:ratio';
/** `vector(1 - objective)` */
export const META_ERROR_BUDGET_RATIO = 'slo:error_budget:ratio';
/** Period length in days. */
export const META_TIME_PERIOD_DAYS = 'slo:time_period:days';
/** Burn rate over the shortest window. */
export const META_CURRENT_BURN_RATE = 'slo:current_burn_rate:ratio';
/** Burn rate over the whole period. */
export const META_PERIOD_BURN_RATE = 'slo:period_burn_rate:ratio';
/** `1 - period burn rate`. */
export const META_PERIOD_ERROR_BUDGET_REMAINING = 'slo:period_error_budget_remaining:ratio';
/** Info series carrying the SLO's metadata labels. */
export const META_INFO = 'sloth_slo_info';

/** `<service>-<slo>`, the value of `sloth_id`. */
export function sloId(service: string, name: string): string {
  return `${service}-${name}`;
}

/** Name of the SLI error-ratio recording rule of a window: `slo:sli_error:ratio_rate<W>`. */
export function sliErrorRecordName(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** Rule group of the SLI recordings of one SLO. */
export function sliRecordingsGroupName(id: string): string {
  return `sloth-slo-sli-recordings-${id}`;
}

/** Rule group of the metadata recordings of one SLO. */
export function metaRecordingsGroupName(id: string): string {
  return `sloth-slo-meta-recordings-${id}`;
}

/** Rule group of the alerts of one SLO. */
export function alertsGroupName(id: string): string {
  return `sloth-slo-alerts-${id}`;
}

/** Default `title` annotation of an SLO alert (Sloth's text). */
export function defaultAlertTitle(severity: string): string {
  return `(${severity}) {{$labels.${SLO_SERVICE_LABEL}}} {{$labels.${SLO_NAME_LABEL}}} SLO error budget burn rate is too fast.`;
}

/** Default `summary` annotation of an SLO alert (Sloth's text). */
export function defaultAlertSummary(): string {
  return `{{$labels.${SLO_SERVICE_LABEL}}} {{$labels.${SLO_NAME_LABEL}}} SLO error budget burn rate is over expected.`;
}

/** Severity names of the two SLO alerts. */
export const PAGE_SEVERITY = 'page';
/** Severity names of the two SLO alerts. */
export const TICKET_SEVERITY = 'ticket';

/** Label every hand-written alert must carry (the monitoring-mixin convention). */
export const SEVERITY_LABEL = 'severity';
/** Annotation every hand-written alert must carry. */
export const SUMMARY_ANNOTATION = 'summary';

/** `metadata.labels` of PrometheusRule objects opskit emits for SLOs. */
export const SLO_PROMETHEUS_RULE_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/component': 'SLO',
  'app.kubernetes.io/managed-by': 'opskit',
};

/** `metadata.labels` of PrometheusRule objects opskit emits for hand-written rules. */
export const RULES_PROMETHEUS_RULE_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/managed-by': 'opskit',
};

/**
 * `metadata.name` of the PrometheusRule of an SLO: its id, lowercased, every run of characters other than letters
 * and digits as one "-" (a DNS-1123 subdomain whatever service and SLO names Sloth accepts, e.g. `0.-a`).
 */
export function sloPrometheusRuleName(id: string): string {
  const name = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 253).replace(/-+$/, '');
  return name === '' ? 'slo' : name;
}

/** Artifact path of a plain Prometheus rule file. */
export function ruleFilePath(name: string): string {
  return `prometheus/${name}.rules.yaml`;
}

/** Artifact path of a promtool unit-test file. */
export function ruleTestFilePath(name: string): string {
  return `prometheus/${name}.test.yaml`;
}

/** The rule file as a promtool test refers to it (tests sit beside their rule file). */
export function ruleFileReference(name: string): string {
  return `${name}.rules.yaml`;
}

/** API version and kinds of the prometheus-operator objects emitted here. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';
/** `PrometheusRule` kind. */
export const PROMETHEUS_RULE_KIND = 'PrometheusRule';
/** `ServiceMonitor` kind. */
export const SERVICE_MONITOR_KIND = 'ServiceMonitor';
/** `PodMonitor` kind. */
export const POD_MONITOR_KIND = 'PodMonitor';

/** Default name of an SLO's alerts when none is given: `<Service><Slo>ErrorBudgetBurn` in PascalCase. */
export function defaultSloAlertName(service: string, name: string): string {
  const pascal = (s: string) => s.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const out = `${pascal(service)}${pascal(name)}ErrorBudgetBurn`;
  return /^[a-zA-Z_]/.test(out) ? out : `Slo${out}`;
}
