/**
 * Public structs of Prometheus rules and promtool unit tests, shared by `PrometheusRules` and
 * `ServiceLevelObjective` (field names are the rule-file fields, camelCased).
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/
 * @see https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/
 */
import { Duration } from 'cdk8s';

/** One alerting or recording rule. */
export interface PromRule {
  /**
   * Name of the series a recording rule writes (`level:metric:operations`). Set exactly one of `record`
   * and `alert`.
   *
   * @default - not a recording rule
   */
  readonly record?: string;
  /**
   * Name of the alert (CamelCase by convention).
   *
   * @default - not an alerting rule
   */
  readonly alert?: string;
  /** The PromQL expression; checked with Prometheus's own grammar at construction. */
  readonly expr: string;
  /**
   * How long the condition must hold before the alert fires (alerts only), e.g. `Duration.minutes(5)`;
   * rendered as a Prometheus duration (`5m`).
   *
   * @default - fires on the first evaluation where the condition holds
   */
  readonly for?: Duration;
  /**
   * How long the alert keeps firing after the condition clears (alerts only; Prometheus ≥ 2.42).
   *
   * @default - resolves as soon as the condition clears
   */
  readonly keepFiringFor?: Duration;
  /**
   * Labels added to the result. Every alert must have a `severity` label (critical, warning or info).
   *
   * @default - none (an alert then fails the severity check)
   */
  readonly labels?: { [name: string]: string };
  /**
   * Annotations of the alert (Go templates). Every alert must have a `summary`.
   *
   * @default - none (an alert then fails the summary check)
   */
  readonly annotations?: { [name: string]: string };
}

/** A group of rules evaluated together. */
export interface PromRuleGroup {
  /** Group name, unique within the rule set. */
  readonly name: string;
  /**
   * Evaluation interval of the group, longer than 0.
   *
   * @default - Prometheus's global `evaluation_interval`
   */
  readonly interval?: Duration;
  /**
   * Maximum number of alerts or series the group may produce (0 = no limit).
   *
   * @default 0
   * @integer
   */
  readonly limit?: number;
  /** The rules, evaluated in order. */
  readonly rules: PromRule[];
}

/** One input series of a promtool unit test. */
export interface PromtoolInputSeries {
  /** Series selector, e.g. `http_requests_total{job="api", code="500"}`. */
  readonly series: string;
  /** Values in promtool's expanding notation: `0+10x100`, `1 2 3`, `_` (missing), `stale`. */
  readonly values: string;
}

/** An alert expected to fire. */
export interface PromtoolExpectedAlert {
  /**
   * Labels of the alert (series labels plus rule labels; `alertname` is implied).
   *
   * @default - no labels
   */
  readonly expLabels?: { [name: string]: string };
  /**
   * Annotations of the alert, rendered.
   *
   * @default - no annotations
   */
  readonly expAnnotations?: { [name: string]: string };
}

/** Alerts expected at a time. */
export interface PromtoolAlertRuleTest {
  /** Time since the start of the series, e.g. `Duration.minutes(10)`. */
  readonly evalTime: Duration;
  /** The alert under test. */
  readonly alertname: string;
  /** Every alert of that name firing at `evalTime`; an empty list expects none. */
  readonly expAlerts: PromtoolExpectedAlert[];
}

/** One expected sample of an expression. */
export interface PromtoolExpectedSample {
  /** The sample's series, e.g. `job:up:sum{job="a"}`. */
  readonly labels: string;
  /** Its value. */
  readonly value: number;
}

/** The value of a PromQL expression at a time. */
export interface PromtoolExprTest {
  /** The expression. */
  readonly expr: string;
  /** Time since the start of the series, e.g. `Duration.minutes(10)`. */
  readonly evalTime: Duration;
  /** Every sample the expression returns. */
  readonly expSamples: PromtoolExpectedSample[];
}

/** One promtool unit-test group over the rule set it is added to. */
export interface PromtoolTest {
  /**
   * Name shown in promtool's report.
   *
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Interval between input samples, longer than 0.
   *
   * @default Duration.minutes(1)
   */
  readonly interval?: Duration;
  /** The input series. */
  readonly inputSeries: PromtoolInputSeries[];
  /**
   * Alert expectations.
   *
   * @default - none
   */
  readonly alertRuleTests?: PromtoolAlertRuleTest[];
  /**
   * Expression expectations.
   *
   * @default - none
   */
  readonly promqlExprTests?: PromtoolExprTest[];
  /**
   * External labels available to templates as `$externalLabels`.
   *
   * @default - none
   */
  readonly externalLabels?: { [name: string]: string };
  /**
   * External URL available to templates as `$externalURL`.
   *
   * @default - none
   */
  readonly externalUrl?: string;
}
