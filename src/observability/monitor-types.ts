/**
 * Structs shared by `ServiceMonitor` and `PodMonitor` (prometheus-operator field names).
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/
 */
import type { Duration } from 'cdk8s';

/** The protocol Prometheus scrapes an endpoint with. */
export enum Scheme {
  /** Plain HTTP. */
  HTTP = 'http',
  /** HTTP over TLS (set `tlsConfig` to verify the target). */
  HTTPS = 'https',
}

/** How a label selector requirement relates a label key to its values (Kubernetes `LabelSelectorOperator`). */
export enum LabelSelectorOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is absent, or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present (no `values`). */
  EXISTS = 'Exists',
  /** The label is absent (no `values`). */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** A label selector requirement. */
export interface MonitorSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** How the key relates to `values`. */
  readonly operator: LabelSelectorOperator;
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
 * What a relabeling step does. The values are the spellings of Prometheus's configuration; the
 * prometheus-operator CRDs also accept the capitalised forms (`Replace`, `HashMod`, …), which opskit's
 * object checks accept as well.
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/configuration/#relabel_action
 */
export enum RelabelAction {
  /** Write `replacement` (with regex groups expanded) into `targetLabel` when `regex` matches. */
  REPLACE = 'replace',
  /** Drop targets or series whose joined `sourceLabels` do not match `regex`. */
  KEEP = 'keep',
  /** Drop targets or series whose joined `sourceLabels` match `regex`. */
  DROP = 'drop',
  /** Write the hash of the joined `sourceLabels` modulo `modulus` into `targetLabel`. */
  HASHMOD = 'hashmod',
  /** Copy the labels whose names match `regex` to the names `replacement` gives. */
  LABELMAP = 'labelmap',
  /** Remove the labels whose names match `regex`. */
  LABELDROP = 'labeldrop',
  /** Keep only the labels whose names match `regex`. */
  LABELKEEP = 'labelkeep',
  /** Write the lowercased joined `sourceLabels` into `targetLabel` (Prometheus >= 2.36). */
  LOWERCASE = 'lowercase',
  /** Write the uppercased joined `sourceLabels` into `targetLabel` (Prometheus >= 2.36). */
  UPPERCASE = 'uppercase',
  /** Keep targets whose joined `sourceLabels` equal the value of `targetLabel` (Prometheus >= 2.41). */
  KEEPEQUAL = 'keepequal',
  /** Drop targets whose joined `sourceLabels` equal the value of `targetLabel` (Prometheus >= 2.41). */
  DROPEQUAL = 'dropequal',
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
  /** @default - none (required for hashmod) @integer */
  readonly modulus?: number;
  /** @default '$1' */
  readonly replacement?: string;
  /** What the step does. @default RelabelAction.REPLACE */
  readonly action?: RelabelAction;
}

/** A key of a Secret in the monitor's namespace. */
export interface MonitorSecretKeySelector {
  /** Name of the Secret. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
  /**
   * Whether the Secret or its key may be missing.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** A key of a ConfigMap in the monitor's namespace. */
export interface MonitorConfigMapKeySelector {
  /** Name of the ConfigMap. */
  readonly name: string;
  /** Key in the ConfigMap. */
  readonly key: string;
  /**
   * Whether the ConfigMap or its key may be missing.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * Data (a CA or a client certificate) taken from a Secret or a ConfigMap key: set exactly one of the two
 * (prometheus-operator `SecretOrConfigMap`).
 */
export interface MonitorSecretOrConfigMap {
  /**
   * The Secret key holding the data.
   *
   * @default - none; set `configMap`
   */
  readonly secret?: MonitorSecretKeySelector;
  /**
   * The ConfigMap key holding the data.
   *
   * @default - none; set `secret`
   */
  readonly configMap?: MonitorConfigMapKeySelector;
}

/** A TLS protocol version (prometheus-operator `TLSVersion`). */
export enum TlsVersion {
  /** TLS 1.0. */
  TLS10 = 'TLS10',
  /** TLS 1.1. */
  TLS11 = 'TLS11',
  /** TLS 1.2. */
  TLS12 = 'TLS12',
  /** TLS 1.3. */
  TLS13 = 'TLS13',
}

/**
 * How Prometheus verifies a target's certificate and authenticates to it, from Secrets and ConfigMaps of the
 * monitor's namespace (prometheus-operator `SafeTLSConfig`: the `tlsConfig` of a PodMonitor endpoint).
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.SafeTLSConfig
 */
export interface MonitorSafeTlsConfig {
  /**
   * The certificate authority that signed the target's certificate.
   *
   * @default - the system's trusted authorities
   */
  readonly ca?: MonitorSecretOrConfigMap;
  /**
   * The client certificate Prometheus presents (with `keySecret`).
   *
   * @default - no client certificate
   */
  readonly cert?: MonitorSecretOrConfigMap;
  /**
   * The Secret key holding the client certificate's private key (with `cert`).
   *
   * @default - no client certificate
   */
  readonly keySecret?: MonitorSecretKeySelector;
  /**
   * The host name the target's certificate must be valid for.
   *
   * @default - the host of the scrape URL
   */
  readonly serverName?: string;
  /**
   * Skip verifying the target's certificate (only for self-signed certificates you cannot verify otherwise).
   *
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
  /**
   * The oldest TLS version accepted (Prometheus >= 2.35).
   *
   * @default - Prometheus's default (TLS 1.2)
   */
  readonly minVersion?: TlsVersion;
  /**
   * The newest TLS version accepted (Prometheus >= 2.41).
   *
   * @default - the newest version Prometheus supports
   */
  readonly maxVersion?: TlsVersion;
}

/**
 * TLS settings of a ServiceMonitor endpoint (prometheus-operator `TLSConfig`): the `SafeTLSConfig` fields, plus
 * files in the Prometheus container (mounted by the Prometheus resource's `secrets` / `configMaps`).
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.TLSConfig
 */
export interface MonitorTlsConfig extends MonitorSafeTlsConfig {
  /**
   * Path of the CA certificate in the Prometheus container (instead of `ca`).
   *
   * @default - none
   */
  readonly caFile?: string;
  /**
   * Path of the client certificate in the Prometheus container (instead of `cert`).
   *
   * @default - none
   */
  readonly certFile?: string;
  /**
   * Path of the client key in the Prometheus container (instead of `keySecret`).
   *
   * @default - none
   */
  readonly keyFile?: string;
}

/**
 * The scrape settings every monitor endpoint has (ServiceMonitor `Endpoint`, PodMonitor `PodMetricsEndpoint`):
 * `ServiceMonitorEndpoint` and `PodMetricsEndpoint` extend it with what differs (the ports and the TLS settings).
 */
export interface MonitorEndpointOptions {
  /** HTTP path. @default '/metrics' */
  readonly path?: string;
  /** The protocol to scrape with. @default Scheme.HTTP */
  readonly scheme?: Scheme;
  /** Scrape interval (whole milliseconds, longer than 0). @default - Prometheus's global scrape interval */
  readonly interval?: Duration;
  /** Scrape timeout (whole milliseconds, longer than 0), at most `interval`. @default - Prometheus's global scrape timeout */
  readonly scrapeTimeout?: Duration;
  /** Keep the target's labels on conflict. @default false */
  readonly honorLabels?: boolean;
  /** Use the timestamps the target exposes. @default true */
  readonly honorTimestamps?: boolean;
  /** URL query parameters. @default - none */
  readonly params?: { [name: string]: string[] };
  /** Relabelings applied to the target before scraping. @default - none */
  readonly relabelings?: RelabelConfig[];
  /** Relabelings applied to scraped samples. @default - none */
  readonly metricRelabelings?: RelabelConfig[];
  /** Secret holding a bearer token for the scrape. @default - none */
  readonly bearerTokenSecret?: MonitorSecretKeySelector;
}
