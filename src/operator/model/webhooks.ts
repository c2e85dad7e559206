import { isDns1035Label, isDns1123Subdomain } from '../../core/names';
import { Problem, problem } from '../../core/problem';
import { LABELS, MANAGER } from '../conventions';
import { FailurePolicy, MatchPolicy, ReinvocationPolicy, SideEffectClass } from '../webhook-options';

/*
 * Admission and conversion webhooks of an operator, as controller-gen's `+kubebuilder:webhook` marker
 * and kubebuilder's `config/webhook`, `config/crd/patches` render them. Pure.
 */

/** One admission webhook, defaults resolved. */
export interface AdmissionWebhookSpec {
  readonly mutating: boolean;
  readonly name: string;
  readonly path: string;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  /** `Namespaced` or `Cluster`: the scope of the resource. */
  readonly scope: string;
  readonly operations: readonly string[];
  readonly failurePolicy: FailurePolicy;
  readonly sideEffects: SideEffectClass;
  /** Whole seconds, 1–30 (checked where the `timeout` Duration is converted). */
  readonly timeoutSeconds: number;
  readonly matchPolicy?: MatchPolicy;
  readonly reinvocationPolicy?: ReinvocationPolicy;
}

/** Where the API server reaches the webhook server. */
export interface WebhookService {
  readonly name: string;
  readonly namespace: string;
}

const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'];
const FAILURE_POLICIES: string[] = Object.values(FailurePolicy);
const SIDE_EFFECTS: string[] = Object.values(SideEffectClass);
const MATCH_POLICIES: string[] = Object.values(MatchPolicy);
const REINVOCATION_POLICIES: string[] = Object.values(ReinvocationPolicy);

function oneOf(field: string, value: string | undefined, allowed: string[], fix: string): Problem[] {
  if (value === undefined || allowed.includes(value)) return [];
  return [problem(field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value, fix)];
}

/** The problems of one admission webhook (the API server's `ValidatingWebhookConfiguration` validation). */
export function admissionWebhookProblems(spec: AdmissionWebhookSpec): Problem[] {
  const problems: Problem[] = [];
  // IsFullyQualifiedName: a DNS-1123 subdomain of at least three segments
  if (!isDns1123Subdomain(spec.name) || spec.name.split('.').length < 3) {
    problems.push(problem('name', 'must be a fully qualified DNS name with at least three segments (e.g. "vbackupplan-v1.backup.example.com")', spec.name, 'use a name such as "v<kind>-<version>.<group>"'));
  }
  if (typeof spec.version !== 'string' || !isDns1035Label(spec.version)) {
    problems.push(problem('version', 'must be an API version name (a DNS-1035 label such as "v1" or "v1beta1")', spec.version, 'use the name of a served version of the CRD, e.g. "v1"'));
  }
  if (!spec.path.startsWith('/')) {
    problems.push(problem('path', 'must start with "/"', spec.path, `use e.g. "/${spec.path}"`));
  }
  if (spec.operations.length === 0) {
    problems.push(problem('operations', 'must list at least one operation', spec.operations, 'use e.g. ["CREATE", "UPDATE"]'));
  }
  spec.operations.forEach((op, i) => problems.push(...oneOf(`operations[${i}]`, op, OPERATIONS, 'use CREATE, UPDATE, DELETE or CONNECT')));
  problems.push(...oneOf('failurePolicy', spec.failurePolicy, FAILURE_POLICIES, 'use FailurePolicy.FAIL (safe) or FailurePolicy.IGNORE'));
  problems.push(...oneOf('sideEffects', spec.sideEffects, SIDE_EFFECTS, 'use SideEffectClass.NONE unless the webhook writes elsewhere, then SideEffectClass.NONE_ON_DRY_RUN and honour dryRun'));
  problems.push(...oneOf('matchPolicy', spec.matchPolicy, MATCH_POLICIES, 'use MatchPolicy.EQUIVALENT or MatchPolicy.EXACT'));
  if (spec.reinvocationPolicy !== undefined && !spec.mutating) {
    problems.push(problem('reinvocationPolicy', 'is only valid for mutating webhooks', spec.reinvocationPolicy, 'remove it from the validating webhook'));
  }
  problems.push(...oneOf('reinvocationPolicy', spec.reinvocationPolicy, REINVOCATION_POLICIES, 'use ReinvocationPolicy.NEVER or ReinvocationPolicy.IF_NEEDED'));
  return problems;
}

/** Problems across the webhooks of one configuration: names must be unique. */
export function webhookSetProblems(specs: readonly AdmissionWebhookSpec[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  specs.forEach((s, i) => {
    if (seen.has(s.name)) {
      problems.push(problem(`webhooks[${i}].name`, 'must be unique within the webhook configuration', s.name, 'give each webhook its own name'));
    }
    seen.add(s.name);
  });
  return problems;
}

/**
 * One entry of a Validating/MutatingWebhookConfiguration. A namespaced install only intercepts the
 * namespaces it watches (kubebuilder intercepts every namespace and fails requests when the operator is
 * down).
 */
export function renderAdmissionWebhook(spec: AdmissionWebhookSpec, service: WebhookService, watchNamespaces?: readonly string[]): any {
  return {
    admissionReviewVersions: ['v1'],
    clientConfig: {
      service: { name: service.name, namespace: service.namespace, path: spec.path, port: MANAGER.webhookServicePort },
    },
    failurePolicy: spec.failurePolicy,
    ...(spec.matchPolicy ? { matchPolicy: spec.matchPolicy } : {}),
    name: spec.name,
    ...(watchNamespaces && spec.scope === 'Namespaced' ? {
      namespaceSelector: { matchExpressions: [{ key: LABELS.namespaceName, operator: 'In', values: [...watchNamespaces].sort() }] },
    } : {}),
    ...(spec.mutating && spec.reinvocationPolicy ? { reinvocationPolicy: spec.reinvocationPolicy } : {}),
    rules: [{
      apiGroups: [spec.group],
      apiVersions: [spec.version],
      operations: [...spec.operations],
      resources: [spec.plural],
      scope: spec.scope,
    }],
    sideEffects: spec.sideEffects,
    timeoutSeconds: spec.timeoutSeconds,
  };
}

/** A CRD's `spec.conversion` that sends conversion reviews to the operator (kubebuilder's `webhook_in_<kind>.yaml`). */
export function renderConversionWebhook(service: WebhookService): any {
  return {
    strategy: 'Webhook',
    webhook: {
      clientConfig: {
        service: { name: service.name, namespace: service.namespace, path: MANAGER.conversionPath, port: MANAGER.webhookServicePort },
      },
      conversionReviewVersions: ['v1'],
    },
  };
}
