import { checkMonitorObject } from '../../src/observability/model/monitoring-objects';
import { OperatorMetrics } from '../../src/operator/operator-metrics';
import { expectOpsError, NS, setup } from '../fixtures/operator/operator-setup';

describe('Operator metrics', () => {
  test('plain HTTP metrics have no auth roles and an http port', () => {
    // GIVEN
    const { synth } = setup({ metrics: OperatorMetrics.http(), serviceMonitor: true });
    // WHEN
    const out = synth();
    // THEN
    expect(out.hasObject('test', 'ClusterRole', 'backup-operator-metrics-auth-role')).toBe(false);
    expect(out.hasObject('test', 'ClusterRole', 'backup-operator-metrics-reader')).toBe(false);
    expect(out.findObject('test', 'Service', 'backup-operator-controller-manager-metrics-service').spec.ports)
      .toEqual([{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }]);
    const manager = out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec.containers[0];
    expect(manager.args).toEqual(['--metrics-bind-address=:8080', '--metrics-secure=false', '--leader-elect', '--health-probe-bind-address=:8081']);
    expect(out.findObject('test', 'ServiceMonitor', 'backup-operator-controller-manager-metrics-monitor').spec.endpoints)
      .toEqual([{ path: '/metrics', port: 'http', scheme: 'http' }]);
  });

  test('a secure ServiceMonitor authenticates with the scraper\'s token', () => {
    const { operator, synth } = setup({ serviceMonitor: true });
    const monitor = synth().findObject('test', 'ServiceMonitor', 'backup-operator-controller-manager-metrics-monitor');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.namespace).toBe(NS);
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: 'https', scheme: 'https', bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token' });
    expect(monitor.spec.selector.matchLabels).toEqual({ 'control-plane': 'controller-manager', 'app.kubernetes.io/name': 'backup-operator' });
    expect(operator.serviceMonitor).toBeDefined();
  });

  test('a cert-manager metrics certificate is issued, mounted and verified', () => {
    const { synth } = setup({ metrics: OperatorMetrics.secure({ certManagerCertificate: true }), serviceMonitor: true });
    const out = synth();
    const cert = out.findObject('test', 'Certificate', 'backup-operator-metrics-certs');
    expect(cert.spec).toEqual({
      dnsNames: [
        `backup-operator-controller-manager-metrics-service.${NS}.svc`,
        `backup-operator-controller-manager-metrics-service.${NS}.svc.cluster.local`,
      ],
      issuerRef: { kind: 'Issuer', name: 'backup-operator-selfsigned-issuer' },
      secretName: 'backup-operator-metrics-server-cert',
    });
    expect(out.findObject('test', 'Issuer', 'backup-operator-selfsigned-issuer').spec).toEqual({ selfSigned: {} });
    const pod = out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec;
    expect(pod.containers[0].args).toContain('--metrics-cert-path=/tmp/k8s-metrics-server/metrics-certs');
    expect(pod.volumes).toEqual([{ name: 'metrics-certs', secret: { secretName: 'backup-operator-metrics-server-cert' } }]);
    const tls = out.findObject('test', 'ServiceMonitor', 'backup-operator-controller-manager-metrics-monitor').spec.endpoints[0].tlsConfig;
    expect(tls.insecureSkipVerify).toBeUndefined();
    expect(tls.serverName).toBe(`backup-operator-controller-manager-metrics-service.${NS}.svc`);
  });

  test('disabled metrics render no Service and no metrics port', () => {
    const { operator, synth } = setup({ metrics: OperatorMetrics.disabled() });
    const out = synth();
    expect(out.findObjects('test', 'Service')).toEqual([]);
    const manager = out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec.containers[0];
    expect(manager.args[0]).toBe('--metrics-bind-address=0');
    expect(manager.ports.map((p: any) => p.name)).toEqual(['health']);
    expect(operator.permissions.metricsAuthRules).toEqual([]);
  });

  test('metrics readers are bound to the metrics-reader role', () => {
    const { synth } = setup({ metricsReaders: [{ serviceAccountName: 'prometheus-k8s', namespace: 'monitoring' }] });
    const binding = synth().findObject('test', 'ClusterRoleBinding', 'backup-operator-metrics-reader-rolebinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'backup-operator-metrics-reader' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' }]);
  });

  test('fails when metrics readers are given for plain HTTP metrics or with a bad namespace', () => {
    expectOpsError(() => setup({ metrics: OperatorMetrics.http(), metricsReaders: [{ serviceAccountName: 'p', namespace: 'm' }] }), 'metricsReaders', 'test/backup-operator');
    expectOpsError(() => setup({ metricsReaders: [{ serviceAccountName: 'p', namespace: 'Monitoring' }] }), 'metricsReaders[0].namespace', 'test/backup-operator');
  });

  test.each([
    ['secure', OperatorMetrics.secure()],
    ['secure with cert-manager', OperatorMetrics.secure({ certManagerCertificate: true })],
    ['http', OperatorMetrics.http()],
  ])('the %s ServiceMonitor passes the observability domain\'s ServiceMonitor checks', (_name, metrics) => {
    const monitor = setup({ metrics, serviceMonitor: true }).synth().findObject('test', 'ServiceMonitor', 'backup-operator-controller-manager-metrics-monitor');
    expect(checkMonitorObject(monitor, 'ServiceMonitor')).toEqual([]);
  });

  test('fails when a ServiceMonitor is asked for without metrics', () => {
    expectOpsError(() => setup({ metrics: OperatorMetrics.disabled(), serviceMonitor: true }), 'serviceMonitor', 'test/backup-operator');
  });
});
