import { OperatorMetrics } from '../../src/operator/operator-metrics';

describe('OperatorMetrics', () => {
  test.each([
    ['secure() defaults to kubebuilder\'s 8443', OperatorMetrics.secure(), 'secure', 8443, false],
    ['secure() with a port and cert-manager', OperatorMetrics.secure({ port: 9443, certManagerCertificate: true }), 'secure', 9443, true],
    ['http() defaults to 8080', OperatorMetrics.http(), 'http', 8080, false],
    ['http() with a port', OperatorMetrics.http({ port: 9090 }), 'http', 9090, false],
    ['disabled()', OperatorMetrics.disabled(), 'disabled', 0, false],
  ])('%s', (_name, metrics, mode, port, cert) => {
    expect(metrics.mode).toBe(mode);
    expect(metrics.port).toBe(port);
    expect(metrics.certManagerCertificate).toBe(cert);
  });
});
