/**
 * Structs shared by `ServiceMonitor` and `PodMonitor` (prometheus-operator field names).
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/
 */

/** A label selector requirement. */
export interface MonitorSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /**
   * Values for `In` and `NotIn`.
   *
   * @default - none
   */
  readonly values?: string[];
}

/** A Kubernetes label selector. */
export interface MonitorLabelSelector {
  /**
   * Labels that must all be present with these values.
   *
   * @default - none
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Set-based requirements.
   *
   * @default - none
   */
  readonly matchExpressions?: MonitorSelectorRequirement[];
}

/** Which namespaces a monitor selects targets in. */
export interface MonitorNamespaceSelector {
  /**
   * Select targets in every namespace.
   *
   * @default false
   */
  readonly any?: boolean;
  /**
   * Select targets in these namespaces.
   *
   * @default - the monitor's own namespace
   */
  readonly matchNames?: string[];
}

/**
 * A Prometheus relabeling step.
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/configuration/#relabel_config
 */
export interface RelabelConfig {
  /** @default - none */
  readonly sourceLabels?: string[];
  /** @default ';' */
  readonly separator?: string;
  /** @default - none (required for replace and hashmod) */
  readonly targetLabel?: string;
  /** @default '(.*)' */
  readonly regex?: string;
  /** @default - none (required for hashmod) */
  readonly modulus?: number;
  /** @default '$1' */
  readonly replacement?: string;
  /** One of replace, keep, drop, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase, keepequal, dropequal. @default 'replace' */
  readonly action?: string;
}

/** A key of a Secret in the monitor's namespace. */
export interface MonitorSecretKeySelector {
  /** Name of the Secret. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
}
