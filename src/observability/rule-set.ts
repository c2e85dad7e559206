import { IConstruct } from 'constructs';

/**
 * A set of Prometheus rules that can be delivered to any Prometheus-compatible target: a PrometheusRule in a
 * cluster, a plain rule file, an Amazon Managed Service for Prometheus rule-group namespace.
 *
 * Implemented by `PrometheusRules` and `ServiceLevelObjective`; every target carries the same text.
 */
export interface IRuleSet extends IConstruct {
  /** Name of the rule set: the PrometheusRule's name and the rule file's base name. */
  readonly ruleSetName: string;

  /**
   * The rule file (`groups:` YAML) of this rule set, exactly as written to `prometheus/<name>.rules.yaml`.
   * Call it at synth time (e.g. from a `Lazy`) so rules added after construction are included.
   */
  renderRuleFile(): string;
}
