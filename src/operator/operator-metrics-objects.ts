import { ApiObject, Lazy } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { MANAGER } from './conventions';
import { toKubeIngressRules, toKubeServiceSpec } from './kube-props';
import {
  metricsServiceMonitor, renderMetricsServiceSpec, renderNetworkPolicyIngress, renderSelfSignedIssuerSpec, renderServiceCertificateSpec,
} from './model/manager-objects';
import { metricsAuthRules, metricsReaderRules } from './model/rbac-derive';
import { OperatorContext } from './operator-context';
import { OperatorRbacObjects } from './operator-rbac';
import { PolicyRule } from './policy-rule';
import { kube } from '../core/lazy-modules';
import { monitorManifest } from '../observability/model/monitor-manifest';
import { registerMonitoringKinds } from '../observability/monitoring-kinds';

/** What the metrics objects need beyond the operator. @internal */
export interface MetricsObjectsOptions {
  readonly serviceMonitor: boolean;
  readonly networkPolicy: boolean;
  readonly metricsNamespaceSelector: Record<string, string>;
  /** Service accounts bound to the metrics-reader role. */
  readonly metricsReaders: ReadonlyArray<{ readonly serviceAccountName: string; readonly namespace: string }>;
  /** The webhook port, once the operator serves webhooks (read at synth). */
  readonly webhookPort: () => number | undefined;
  /** The RBAC helper that creates the metrics roles. */
  readonly rbac: OperatorRbacObjects;
}

export const CERT_MANAGER_API = 'cert-manager.io/v1';

/**
 * The metrics side of the operator: the metrics Service, the secure endpoint's auth and reader roles, the
 * optional ServiceMonitor and metrics certificate, and the NetworkPolicy.
 *
 * @internal
 */
export class OperatorMetricsObjects {
  public readonly service?: k8s.KubeService;
  public readonly serviceMonitor?: ApiObject;
  public readonly networkPolicy?: k8s.KubeNetworkPolicy;
  public readonly authRules: PolicyRule[];
  private issuer?: ApiObject;

  public constructor(private readonly operator: OperatorContext, options: MetricsObjectsOptions) {
    const op = operator;
    const names = op.names;
    const metrics = op.metrics;
    const serviceLabels = { ...op.selectorLabels };
    this.authRules = metrics.mode === 'secure' ? metricsAuthRules() : [];
    if (metrics.mode !== 'disabled') {
      this.service = new (kube().KubeService)(op.scope, 'MetricsService', {
        metadata: op.metadata(names.metricsService, { labels: serviceLabels }),
        spec: toKubeServiceSpec(renderMetricsServiceSpec(metrics.mode, metrics.port, op.selectorLabels)),
      });
    }
    if (metrics.mode === 'secure') {
      options.rbac.createBoundClusterRole('MetricsAuthRole', names.metricsAuthRole, names.metricsAuthRoleBinding, this.authRules);
      options.rbac.createClusterRole('MetricsReaderRole', names.metricsReaderRole, metricsReaderRules(MANAGER.metricsPath));
      if (options.metricsReaders.length > 0) {
        new (kube().KubeClusterRoleBinding)(op.scope, 'MetricsReaderRoleBinding', {
          metadata: op.metadata(names.metricsReaderRoleBinding, { clusterScoped: true }),
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: names.metricsReaderRole },
          subjects: options.metricsReaders.map((r) => ({ kind: 'ServiceAccount', name: r.serviceAccountName, namespace: r.namespace })),
        });
      }
      if (metrics.certManagerCertificate) {
        op.registerKind(CERT_MANAGER_API, 'Certificate');
        new ApiObject(op.scope, 'MetricsCertificate', {
          apiVersion: CERT_MANAGER_API,
          kind: 'Certificate',
          metadata: op.metadata(names.metricsCertificate),
          spec: renderServiceCertificateSpec(names.metricsService, op.namespaceName, this.ensureIssuer().name, names.metricsCertSecret),
        });
      }
    }
    if (options.serviceMonitor && metrics.mode !== 'disabled') {
      // checked like every ServiceMonitor: by an imported prometheus-operator CRD when the app has one, else by
      // opskit's monitor validator
      registerMonitoringKinds(op.scope);
      this.serviceMonitor = new ApiObject(op.scope, 'ServiceMonitor', monitorManifest(metricsServiceMonitor({
        names,
        namespace: op.namespaceName,
        mode: metrics.mode,
        serviceLabels,
        certManagerCertificate: metrics.certManagerCertificate,
        metadata: op.metadata(names.serviceMonitor, { labels: serviceLabels }),
      })));
    }
    if (options.networkPolicy) {
      this.networkPolicy = new (kube().KubeNetworkPolicy)(op.scope, 'NetworkPolicy', {
        metadata: op.metadata(names.networkPolicy),
        spec: {
          podSelector: { matchLabels: { ...op.selectorLabels } },
          policyTypes: ['Ingress'],
          ingress: Lazy.any({
            produce: () => toKubeIngressRules(renderNetworkPolicyIngress({
              metricsPort: metrics.mode === 'disabled' ? undefined : metrics.port,
              metricsNamespaceSelector: options.metricsNamespaceSelector,
              webhookPort: options.webhookPort(),
            })),
          }),
        },
      });
    }
  }

  /** The self-signed Issuer shared by the metrics and webhook certificates (created on first use). */
  public ensureIssuer(): ApiObject {
    if (!this.issuer) {
      const op = this.operator;
      op.registerKind(CERT_MANAGER_API, 'Issuer');
      this.issuer = new ApiObject(op.scope, 'Issuer', {
        apiVersion: CERT_MANAGER_API,
        kind: 'Issuer',
        metadata: op.metadata(op.names.issuer),
        spec: renderSelfSignedIssuerSpec(),
      });
    }
    return this.issuer;
  }
}
