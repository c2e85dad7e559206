import { IConstruct } from 'constructs';

/**
 * A custom resource type an operator can own, watch or serve webhooks for.
 *
 * `CustomResourceDefinition` implements it; so can any construct that describes a CRD defined elsewhere
 * (its group, kind, plural and scope are all the operator's RBAC and webhooks need).
 */
export interface ICustomResourceType extends IConstruct {
  /** The API group, e.g. `backup.example.com`. */
  readonly group: string;
  /** The kind, e.g. `BackupPlan`. */
  readonly kind: string;
  /** The plural resource name, e.g. `backupplans`. */
  readonly plural: string;
  /** `Namespaced` or `Cluster`. */
  readonly scope: string;
}
