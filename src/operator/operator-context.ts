import { ApiObject } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct } from 'constructs';
import { OperatorNames } from './conventions';
import { ManagerRules } from './model/rbac-derive';
import { OperatorMetrics } from './operator-metrics';

/** Options of `OperatorContext.metadata`. */
export interface OperatorMetadataOptions {
  /** The object is cluster-scoped (no namespace). */
  readonly clusterScoped?: boolean;
  /** Labels added to the common ones. */
  readonly labels?: Record<string, string>;
  /** Annotations added to the common ones (`metadata.annotations` of the operator). */
  readonly annotations?: Record<string, string>;
  /** Another namespace than the operator's. */
  readonly namespace?: string;
}

/**
 * What the operator's helpers (RBAC, metrics, webhook objects) need from the `Operator`: a small context instead
 * of the whole construct and its private members. Internal; built once by `Operator`.
 */
export interface OperatorContext {
  /** The construct the helpers create their objects under (the `Operator`). */
  readonly scope: Construct;
  /** The derived object names. */
  readonly names: OperatorNames;
  /** The namespace the manager runs in. */
  readonly namespaceName: string;
  /** The manager's service account. */
  readonly serviceAccountName: string;
  /** The labels selecting the manager's pods. */
  readonly selectorLabels: Record<string, string>;
  /** The namespaces of a namespace-scoped install. */
  readonly watchNamespaces?: string[];
  /** The webhook server's port. */
  readonly webhookPort: number;
  /** The metrics settings. */
  readonly metrics: OperatorMetrics;
  /** Object metadata in the operator's namespace (or cluster-scoped) with the common labels and annotations. */
  metadata(name: string, options?: OperatorMetadataOptions): k8s.ObjectMeta;
  /** Registers a namespaced kind the operator emits (no validator). */
  registerKind(apiVersion: string, kind: string): void;
  /** The manager's rules, cluster-wide and per namespace. */
  managerRules(): ManagerRules;
  /** The self-signed Issuer shared by the operator's certificates. */
  ensureIssuer(): ApiObject;
}
