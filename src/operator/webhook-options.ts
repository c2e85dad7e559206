import type { Duration } from 'cdk8s';
import type { ICustomResourceType } from './custom-resource-type';

/*
 * Public options of the operator's admission webhooks. The enums carry the wire values of
 * `admissionregistration.k8s.io/v1`, so the pure model (`model/webhooks.ts`) renders and checks them as they are.
 * Type-only imports keep this file free of construct libraries at run time.
 */

/**
 * What the API server does when an admission webhook cannot be called or returns an error.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#failure-policy
 */
export enum FailurePolicy {
  /** Reject the request (safe: nothing bypasses the webhook). */
  FAIL = 'Fail',
  /** Let the request through unchecked. */
  IGNORE = 'Ignore',
}

/**
 * Whether an admission webhook has side effects outside the object it admits. `admissionregistration/v1`
 * accepts only these two (`Some` and `Unknown` were `v1beta1`'s).
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#side-effects
 */
export enum SideEffectClass {
  /** No side effects: dry-run requests may call it. */
  NONE = 'None',
  /** Side effects, skipped when the request is a dry run (the webhook must honour `dryRun`). */
  NONE_ON_DRY_RUN = 'NoneOnDryRun',
}

/**
 * How the API server matches requests for other versions of a resource than those in the webhook's rules.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-matchpolicy
 */
export enum MatchPolicy {
  /** Only requests for exactly the versions in the rules. */
  EXACT = 'Exact',
  /** Requests for any version of the resource, converted to a version in the rules. */
  EQUIVALENT = 'Equivalent',
}

/**
 * Whether a mutating webhook is called again when later mutations change the object.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#reinvocation-policy
 */
export enum ReinvocationPolicy {
  /** Called once per admission. */
  NEVER = 'Never',
  /** Called again (at most once more) when a later plugin changed the object. */
  IF_NEEDED = 'IfNeeded',
}

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
   * What the API server does when the webhook cannot be reached.
   *
   * @default FailurePolicy.FAIL
   */
  readonly failurePolicy?: FailurePolicy;
  /**
   * Whether the webhook has side effects.
   *
   * @default SideEffectClass.NONE
   */
  readonly sideEffects?: SideEffectClass;
  /**
   * How long the API server waits for the webhook (`timeoutSeconds`): whole seconds from 1 to 30, as the API
   * server validates it.
   *
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * How requests for other versions of the resource are matched.
   *
   * @default - the API server's default (`MatchPolicy.EQUIVALENT`)
   */
  readonly matchPolicy?: MatchPolicy;
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
   * Whether the webhook is called again when later mutations change the object.
   *
   * @default - the API server's default (`ReinvocationPolicy.NEVER`)
   */
  readonly reinvocationPolicy?: ReinvocationPolicy;
}
