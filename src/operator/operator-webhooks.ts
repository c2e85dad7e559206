import { ApiObject, Lazy } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { ANNOTATIONS } from './conventions';
import { toKubeServiceSpec } from './kube-props';
import { renderServiceCertificateSpec, renderWebhookServiceSpec } from './model/manager-objects';
import { AdmissionWebhookSpec, renderAdmissionWebhook } from './model/webhooks';
import { OperatorContext } from './operator-context';
import { CERT_MANAGER_API } from './operator-metrics-objects';
import { kube } from '../core/lazy-modules';

/**
 * The webhook side of the operator, created on the first webhook: the webhook Service (443 → the manager's
 * webhook port), the serving Certificate from the self-signed Issuer, and the Validating/Mutating
 * WebhookConfigurations with `cert-manager.io/inject-ca-from` (kubebuilder's `config/webhook`,
 * `config/certmanager` and its kustomize replacements).
 *
 * @internal
 */
export class OperatorWebhookObjects {
  public service?: k8s.KubeService;
  public certificate?: ApiObject;
  public validating?: k8s.KubeValidatingWebhookConfiguration;
  public mutating?: k8s.KubeMutatingWebhookConfiguration;

  public constructor(private readonly operator: OperatorContext) {}

  /** The Service, Issuer and serving Certificate (once). */
  public ensureServer(): void {
    if (this.service) return;
    const op = this.operator;
    const names = op.names;
    this.service = new (kube().KubeService)(op.scope, 'WebhookService', {
      metadata: op.metadata(names.webhookService),
      spec: toKubeServiceSpec(renderWebhookServiceSpec(op.webhookPort, op.selectorLabels)),
    });
    op.registerKind(CERT_MANAGER_API, 'Certificate');
    this.certificate = new ApiObject(op.scope, 'ServingCertificate', {
      apiVersion: CERT_MANAGER_API,
      kind: 'Certificate',
      metadata: op.metadata(names.servingCertificate),
      spec: renderServiceCertificateSpec(names.webhookService, op.namespaceName, op.ensureIssuer().name, names.webhookCertSecret),
    });
  }

  /** The ValidatingWebhookConfiguration (once); its webhooks render at synth. */
  public ensureValidating(specs: () => AdmissionWebhookSpec[]): void {
    this.ensureServer();
    if (this.validating) return;
    const op = this.operator;
    this.validating = new (kube().KubeValidatingWebhookConfiguration)(op.scope, 'ValidatingWebhooks', {
      metadata: this.metadata(op.names.validatingWebhookConfiguration),
      webhooks: Lazy.any({ produce: () => this.render(specs()) }),
    });
  }

  /** The MutatingWebhookConfiguration (once); its webhooks render at synth. */
  public ensureMutating(specs: () => AdmissionWebhookSpec[]): void {
    this.ensureServer();
    if (this.mutating) return;
    const op = this.operator;
    this.mutating = new (kube().KubeMutatingWebhookConfiguration)(op.scope, 'MutatingWebhooks', {
      metadata: this.metadata(op.names.mutatingWebhookConfiguration),
      webhooks: Lazy.any({ produce: () => this.render(specs()) }),
    });
  }

  private metadata(name: string): k8s.ObjectMeta {
    const op = this.operator;
    return op.metadata(name, {
      clusterScoped: true,
      annotations: { [ANNOTATIONS.injectCaFrom]: `${op.namespaceName}/${op.names.servingCertificate}` },
    });
  }

  private render(specs: AdmissionWebhookSpec[]): any[] {
    const op = this.operator;
    const service = { name: op.names.webhookService, namespace: op.namespaceName };
    return specs.map((s) => renderAdmissionWebhook(s, service, op.watchNamespaces));
  }
}
