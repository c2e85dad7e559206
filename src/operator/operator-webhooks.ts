import { ApiObject, Lazy } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { ANNOTATIONS } from './conventions';
import { toKubeServiceSpec } from './kube-props';
import { renderServiceCertificateSpec, renderWebhookServiceSpec } from './model/manager-objects';
import { AdmissionWebhookSpec, renderAdmissionWebhook } from './model/webhooks';
import type { Operator } from './operator';
import { CERT_MANAGER_API } from './operator-metrics-objects';

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

  public constructor(private readonly operator: Operator) {}

  /** The Service, Issuer and serving Certificate (once). */
  public ensureServer(): void {
    if (this.service) return;
    const op = this.operator;
    const names = op._names;
    this.service = new k8s.KubeService(op, 'WebhookService', {
      metadata: op._metadata(names.webhookService),
      spec: toKubeServiceSpec(renderWebhookServiceSpec(op._webhookPort, op._selectorLabels)),
    });
    op._registerKind(CERT_MANAGER_API, 'Certificate');
    this.certificate = new ApiObject(op, 'ServingCertificate', {
      apiVersion: CERT_MANAGER_API,
      kind: 'Certificate',
      metadata: op._metadata(names.servingCertificate),
      spec: renderServiceCertificateSpec(names.webhookService, op.namespaceName, op._ensureIssuer().name, names.webhookCertSecret),
    });
  }

  /** The ValidatingWebhookConfiguration (once); its webhooks render at synth. */
  public ensureValidating(specs: () => AdmissionWebhookSpec[]): void {
    this.ensureServer();
    if (this.validating) return;
    const op = this.operator;
    this.validating = new k8s.KubeValidatingWebhookConfiguration(op, 'ValidatingWebhooks', {
      metadata: this.metadata(op._names.validatingWebhookConfiguration),
      webhooks: Lazy.any({ produce: () => this.render(specs()) }),
    });
  }

  /** The MutatingWebhookConfiguration (once); its webhooks render at synth. */
  public ensureMutating(specs: () => AdmissionWebhookSpec[]): void {
    this.ensureServer();
    if (this.mutating) return;
    const op = this.operator;
    this.mutating = new k8s.KubeMutatingWebhookConfiguration(op, 'MutatingWebhooks', {
      metadata: this.metadata(op._names.mutatingWebhookConfiguration),
      webhooks: Lazy.any({ produce: () => this.render(specs()) }),
    });
  }

  private metadata(name: string): k8s.ObjectMeta {
    const op = this.operator;
    return {
      ...op._metadata(name, { clusterScoped: true }),
      annotations: { [ANNOTATIONS.injectCaFrom]: `${op.namespaceName}/${op._names.servingCertificate}` },
    };
  }

  private render(specs: AdmissionWebhookSpec[]): any[] {
    const op = this.operator;
    const service = { name: op._names.webhookService, namespace: op.namespaceName };
    return specs.map((s) => renderAdmissionWebhook(s, service, op.watchNamespaces));
  }
}
