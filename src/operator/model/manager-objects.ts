import { MonitorModel, ScrapeEndpointModel } from '../../observability/model/monitor-manifest';
import { MANAGER, OperatorNames } from '../conventions';

/*
 * The objects around the controller manager: metrics and webhook Services, the ServiceMonitor, cert-manager
 * Issuer and Certificates, the NetworkPolicy. Plain Kubernetes JSON (specs only), pure.
 */

/** The metrics Service's `spec` (kubebuilder's `controller-manager-metrics-service`). */
export function renderMetricsServiceSpec(mode: string, port: number, selectorLabels: Record<string, string>): any {
  return {
    ports: [{ name: mode === 'secure' ? 'https' : 'http', port, protocol: 'TCP', targetPort: port }],
    selector: { ...selectorLabels },
  };
}

/** The webhook Service's `spec`: 443 → the manager's webhook port (kubebuilder's `webhook-service`). */
export function renderWebhookServiceSpec(webhookPort: number, selectorLabels: Record<string, string>): any {
  return {
    ports: [{ name: 'https', port: MANAGER.webhookServicePort, protocol: 'TCP', targetPort: webhookPort }],
    selector: { ...selectorLabels },
  };
}

/** What the ServiceMonitor is rendered from. */
export interface ServiceMonitorConfig {
  readonly names: OperatorNames;
  readonly namespace: string;
  readonly mode: string;
  readonly serviceLabels: Record<string, string>;
  /** Whether the metrics certificate is issued by cert-manager (then TLS is verified). */
  readonly certManagerCertificate: boolean;
  /** The ServiceMonitor's metadata (name, namespace, labels). */
  readonly metadata: object;
}

/**
 * The ServiceMonitor (kubebuilder's opt-in `config/prometheus/monitor.yaml` and its TLS patch), as the one monitor
 * model renders it (`monitorManifest`). With a cert-manager metrics certificate the scraper verifies the server name
 * and CA; otherwise, as in kubebuilder, it skips verification of the manager's self-signed certificate but still
 * authenticates with its service-account token.
 */
export function metricsServiceMonitor(config: ServiceMonitorConfig): MonitorModel {
  const secure = config.mode === 'secure';
  const secret = config.names.metricsCertSecret;
  const endpoint: ScrapeEndpointModel = {
    path: MANAGER.metricsPath,
    port: secure ? 'https' : 'http',
    scheme: secure ? 'https' : 'http',
    bearerTokenFile: secure ? MANAGER.serviceAccountTokenPath : undefined,
    tlsConfig: !secure ? undefined : config.certManagerCertificate
      ? {
        ca: { secret: { key: 'ca.crt', name: secret } },
        cert: { secret: { key: 'tls.crt', name: secret } },
        keySecret: { key: 'tls.key', name: secret },
        serverName: `${config.names.metricsService}.${config.namespace}.svc`,
      }
      : { insecureSkipVerify: true },
  };
  return {
    kind: 'ServiceMonitor',
    metadata: config.metadata,
    endpoints: [endpoint],
    namespaceSelector: { matchNames: [config.namespace] },
    selector: { matchLabels: { ...config.serviceLabels } },
  };
}

/** A self-signed cert-manager Issuer's `spec`. */
export function renderSelfSignedIssuerSpec(): any {
  return { selfSigned: {} };
}

/** A cert-manager Certificate's `spec` for a Service of the operator. */
export function renderServiceCertificateSpec(service: string, namespace: string, issuer: string, secretName: string): any {
  return {
    dnsNames: OperatorNames.serviceDnsNames(service, namespace),
    issuerRef: { kind: 'Issuer', name: issuer },
    secretName,
  };
}

/** What the NetworkPolicy admits. */
export interface NetworkPolicyConfig {
  /** The metrics port, when metrics are served. */
  readonly metricsPort?: number;
  /** Namespaces (by label) allowed to scrape metrics. */
  readonly metricsNamespaceSelector: Record<string, string>;
  /** The webhook port, when webhooks are served. */
  readonly webhookPort?: number;
}

/**
 * The NetworkPolicy's ingress rules. Only the ports the manager serves are open: metrics from namespaces
 * labelled for scraping, webhooks from anywhere (the API server calls them from the host network, which
 * namespace selectors cannot match; TLS protects the endpoint). No rule — the manager admits no traffic.
 */
export function renderNetworkPolicyIngress(config: NetworkPolicyConfig): any[] {
  const rules: any[] = [];
  if (config.metricsPort !== undefined) {
    rules.push({
      from: [{ namespaceSelector: { matchLabels: { ...config.metricsNamespaceSelector } } }],
      ports: [{ port: config.metricsPort, protocol: 'TCP' }],
    });
  }
  if (config.webhookPort !== undefined) {
    rules.push({ ports: [{ port: config.webhookPort, protocol: 'TCP' }] });
  }
  return rules;
}
