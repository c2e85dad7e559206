import { monitorManifest } from '../../../src/observability/model/monitor-manifest';
import { OperatorNames } from '../../../src/operator/conventions';
import {
  metricsServiceMonitor, renderMetricsServiceSpec, renderNetworkPolicyIngress, renderSelfSignedIssuerSpec, renderServiceCertificateSpec,
  renderWebhookServiceSpec,
} from '../../../src/operator/model/manager-objects';

const SELECTOR = { 'control-plane': 'controller-manager' };
const names = new OperatorNames('backup-operator');

describe('services', () => {
  test('the secure metrics service exposes port https', () => {
    expect(renderMetricsServiceSpec('secure', 8443, SELECTOR)).toEqual({
      ports: [{ name: 'https', port: 8443, protocol: 'TCP', targetPort: 8443 }],
      selector: SELECTOR,
    });
  });

  test('the plain metrics service exposes port http', () => {
    expect(renderMetricsServiceSpec('http', 8080, SELECTOR).ports[0].name).toBe('http');
  });

  test('the webhook service maps 443 to the manager\'s webhook port', () => {
    expect(renderWebhookServiceSpec(9443, SELECTOR).ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 9443 }]);
  });
});

describe('metricsServiceMonitor (rendered by the one monitor model)', () => {
  const base = { names, namespace: 'backup-operator-system', serviceLabels: SELECTOR, metadata: { name: 'sm' } };
  const renderServiceMonitorSpec = (config: Parameters<typeof metricsServiceMonitor>[0]) => monitorManifest(metricsServiceMonitor(config)).spec;

  test('the manifest is a monitoring.coreos.com/v1 ServiceMonitor with the given metadata', () => {
    expect(monitorManifest(metricsServiceMonitor({ ...base, mode: 'http', certManagerCertificate: false })))
      .toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'sm' } });
  });

  test('secure metrics without cert-manager skip TLS verification but send the token (kubebuilder)', () => {
    expect(renderServiceMonitorSpec({ ...base, mode: 'secure', certManagerCertificate: false })).toEqual({
      endpoints: [{
        bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
        path: '/metrics',
        port: 'https',
        scheme: 'https',
        tlsConfig: { insecureSkipVerify: true },
      }],
      namespaceSelector: { matchNames: ['backup-operator-system'] },
      selector: { matchLabels: SELECTOR },
    });
  });

  test('a cert-manager metrics certificate is verified by CA and server name', () => {
    const spec = renderServiceMonitorSpec({ ...base, mode: 'secure', certManagerCertificate: true });
    expect(spec.endpoints[0].tlsConfig).toEqual({
      ca: { secret: { key: 'ca.crt', name: 'backup-operator-metrics-server-cert' } },
      cert: { secret: { key: 'tls.crt', name: 'backup-operator-metrics-server-cert' } },
      keySecret: { key: 'tls.key', name: 'backup-operator-metrics-server-cert' },
      serverName: 'backup-operator-controller-manager-metrics-service.backup-operator-system.svc',
    });
  });

  test('plain metrics are scraped over http without a token', () => {
    const endpoint = renderServiceMonitorSpec({ ...base, mode: 'http', certManagerCertificate: false }).endpoints[0];
    expect(endpoint).toEqual({ path: '/metrics', port: 'http', scheme: 'http' });
  });
});

describe('cert-manager', () => {
  test('a self-signed issuer', () => {
    expect(renderSelfSignedIssuerSpec()).toEqual({ selfSigned: {} });
  });

  test('a service certificate covers both in-cluster DNS names', () => {
    expect(renderServiceCertificateSpec('svc', 'ns', 'issuer', 'secret')).toEqual({
      dnsNames: ['svc.ns.svc', 'svc.ns.svc.cluster.local'],
      issuerRef: { kind: 'Issuer', name: 'issuer' },
      secretName: 'secret',
    });
  });
});

describe('renderNetworkPolicyIngress', () => {
  test('opens metrics to labelled namespaces and webhooks to the API server', () => {
    expect(renderNetworkPolicyIngress({ metricsPort: 8443, metricsNamespaceSelector: { metrics: 'enabled' }, webhookPort: 9443 })).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { metrics: 'enabled' } } }], ports: [{ port: 8443, protocol: 'TCP' }] },
      { ports: [{ port: 9443, protocol: 'TCP' }] },
    ]);
  });

  test('admits nothing when the manager serves neither', () => {
    expect(renderNetworkPolicyIngress({ metricsNamespaceSelector: {} })).toEqual([]);
  });
});
