import { ICustomResourceType } from '../operator/custom-resource-type';

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

/**
 * A field of an owned custom resource the console shows on its form and details page (a CSV `specDescriptors` or
 * `statusDescriptors` entry).
 *
 * @see https://github.com/openshift/console/blob/master/frontend/packages/operator-lifecycle-manager/src/components/descriptors/reference/reference.md
 */
export interface OlmDescriptor {
  /**
   * The field's path below the resource's spec (its status, in `statusDescriptors`): property names joined by
   * dots, an array's items reached with an index (`targets[0].name`).
   */
  readonly path: string;
  /** The label shown. @default - the words of the path's last segment (`retentionDays` → `Retention Days`) */
  readonly displayName?: string;
  /** The help text shown. @default - none */
  readonly description?: string;
  /**
   * How the console renders and edits the field (`x-descriptors`), e.g.
   * `urn:alm:descriptor:com.tectonic.ui:podCount`, `urn:alm:descriptor:io.kubernetes.conditions`.
   *
   * @default - none
   */
  readonly xDescriptors?: string[];
}

/** A resource type the custom resource creates or uses (a CSV `APIResourceReference`), shown by the console. */
export interface OlmApiResourceReference {
  /** Kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The plural name of a custom resource type; empty for a built-in kind (operator-sdk writes its own label here). */
  readonly name: string;
  /** API version, e.g. `v1` or `batch/v1`. */
  readonly version: string;
}

/**
 * How the CSV describes one owned CRD (OLM's `CRDDescription`): what `OlmBundle` derives from the CRD (display
 * name from the kind, description and spec/status descriptors from the schema) with these in place.
 */
export interface OlmCrdDescription {
  /** The custom resource type: one the operator owns. */
  readonly crd: ICustomResourceType;
  /** The CRD version it applies to. @default - every served version */
  readonly version?: string;
  /** The name shown for the kind. @default - the kind's words (`BackupPlan` → `Backup Plan`) */
  readonly displayName?: string;
  /** The kind's description. @default - the schema's description */
  readonly description?: string;
  /** The resource types a custom resource of this kind creates (`resources`). @default - none */
  readonly resources?: OlmApiResourceReference[];
  /** Spec descriptors: each replaces the derived one with its path, or is added after the derived ones. @default - the derived ones */
  readonly specDescriptors?: OlmDescriptor[];
  /** Status descriptors, as `specDescriptors`. @default - the derived ones */
  readonly statusDescriptors?: OlmDescriptor[];
  /**
   * Keep the descriptors derived from the schema (one per top-level field of `spec` and `status`); `false` writes
   * only the given ones.
   *
   * @default true
   */
  readonly deriveDescriptors?: boolean;
}
