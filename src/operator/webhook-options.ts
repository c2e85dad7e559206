import { ICustomResourceType } from './custom-resource-type';

/**
 * An admission webhook the operator serves for one version of a custom resource (controller-gen's
 * `+kubebuilder:webhook` marker).
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/
 */
export interface AdmissionWebhookOptions {
  /** The custom resource the webhook admits. */
  readonly type: ICustomResourceType;
  /** The API version the webhook is registered for, e.g. `v1`. */
  readonly version: string;
  /**
   * The operations intercepted.
   *
   * @default ["CREATE", "UPDATE"]
   */
  readonly operations?: string[];
  /**
   * What the API server does when the webhook cannot be reached: `Fail` or `Ignore`.
   *
   * @default "Fail"
   */
  readonly failurePolicy?: string;
  /**
   * Whether the webhook has side effects: `None` or `NoneOnDryRun`.
   *
   * @default "None"
   */
  readonly sideEffects?: string;
  /**
   * Seconds the API server waits for the webhook (1–30).
   *
   * @default 10
   */
  readonly timeoutSeconds?: number;
  /**
   * `Exact` or `Equivalent` matching of requests for other versions of the resource.
   *
   * @default - the API server's default (`Equivalent`)
   */
  readonly matchPolicy?: string;
  /**
   * The URL path served by the manager.
   *
   * @default - controller-runtime's path, `/validate-<group-dashed>-<version>-<kind>` or `/mutate-…`
   */
  readonly path?: string;
  /**
   * The webhook's name, a fully qualified DNS name.
   *
   * @default - `v<kind>-<version>.<group>` (validating) or `m<kind>-<version>.<group>` (mutating)
   */
  readonly name?: string;
}

/** A mutating admission webhook. */
export interface MutatingWebhookOptions extends AdmissionWebhookOptions {
  /**
   * Whether the webhook is called again when later mutations change the object: `Never` or `IfNeeded`.
   *
   * @default - the API server's default (`Never`)
   */
  readonly reinvocationPolicy?: string;
}
