/** How much of the operator's lifecycle it automates (the CSV's `capabilities` annotation, OperatorHub's levels). */
export enum OperatorCapability {
  /** Automated installation and configuration. */
  BASIC_INSTALL = 'Basic Install',
  /** Patch and minor version upgrades. */
  SEAMLESS_UPGRADES = 'Seamless Upgrades',
  /** App lifecycle, storage lifecycle (backup, failure recovery). */
  FULL_LIFECYCLE = 'Full Lifecycle',
  /** Metrics, alerts, log processing and workload analysis. */
  DEEP_INSIGHTS = 'Deep Insights',
  /** Horizontal/vertical scaling, auto config tuning, abnormal detection, scheduling tuning. */
  AUTO_PILOT = 'Auto Pilot',
}

/** OperatorHub's standard categories (the operatorhub validator rejects others). */
export enum OperatorCategory {
  AI_MACHINE_LEARNING = 'AI/Machine Learning',
  APPLICATION_RUNTIME = 'Application Runtime',
  BIG_DATA = 'Big Data',
  CLOUD_PROVIDER = 'Cloud Provider',
  DEVELOPER_TOOLS = 'Developer Tools',
  DATABASE = 'Database',
  INTEGRATION_DELIVERY = 'Integration & Delivery',
  LOGGING_TRACING = 'Logging & Tracing',
  MONITORING = 'Monitoring',
  MODERNIZATION_MIGRATION = 'Modernization & Migration',
  NETWORKING = 'Networking',
  OPENSHIFT_OPTIONAL = 'OpenShift Optional',
  SECURITY = 'Security',
  STORAGE = 'Storage',
  STREAMING_MESSAGING = 'Streaming & Messaging',
  OBSERVABILITY = 'Observability',
}

/** Which namespaces an OperatorGroup may make the operator watch. */
export enum InstallModeType {
  /** Its own namespace only. */
  OWN_NAMESPACE = 'OwnNamespace',
  /** One namespace other than its own. */
  SINGLE_NAMESPACE = 'SingleNamespace',
  /** Several namespaces. */
  MULTI_NAMESPACE = 'MultiNamespace',
  /** Every namespace. */
  ALL_NAMESPACES = 'AllNamespaces',
}

/** Media types OperatorHub accepts for the icon. */
export enum IconMediaType {
  PNG = 'image/png',
  JPEG = 'image/jpeg',
  GIF = 'image/gif',
  SVG = 'image/svg+xml',
}

/** The operator's icon. */
export interface OlmIcon {
  /** The image, base64-encoded. */
  readonly base64data: string;
  /** Its media type. */
  readonly mediatype: IconMediaType;
}

/** A maintainer of the operator. */
export interface OlmMaintainer {
  /** Name. */
  readonly name: string;
  /** Email address. */
  readonly email: string;
}

/** A link shown with the operator. */
export interface OlmLink {
  /** Link text. */
  readonly name: string;
  /** Absolute URL. */
  readonly url: string;
}

/** Who publishes the operator. */
export interface OlmProvider {
  /** Name. */
  readonly name: string;
  /** Web site. @default - none */
  readonly url?: string;
}
