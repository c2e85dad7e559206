import { OpsTesting } from '../../../src/app/testing';
import { parseYaml } from '../../../src/core/yaml';
import { CertManagerRelease } from '../../../src/helm/release/cert-manager-release';

describe('CertManagerRelease', () => {
  test('defaults: Jetstack\'s chart, the chart\'s values', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    const cm = new CertManagerRelease(app.k8s, 'cert-manager', { namespace: 'cert-manager', version: 'v1.19.1' });
    // THEN
    expect([cm.chart, cm.repository, cm.version, cm.namespace]).toEqual(['cert-manager', 'https://charts.jetstack.io', 'v1.19.1', 'cert-manager']);
    expect(OpsTesting.synth(app).file('helm/releases/cert-manager.values.yaml')).toBe('{}\n');
  });

  test('typed values land at the chart\'s paths (crds.enabled from v1.15)', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    new CertManagerRelease(app.k8s, 'cert-manager', {
      version: 'v1.19.1',
      values: {
        crds: true,
        keepCrds: false,
        replicaCount: 2,
        resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
        webhookReplicaCount: 3,
        cainjectorReplicaCount: 1,
        serviceMonitor: true,
        serviceMonitorLabels: { release: 'monitoring' },
        extraValues: { global: { leaderElection: { namespace: 'cert-manager' } } },
      },
    });
    // THEN
    expect(parseYaml(OpsTesting.synth(app).file('helm/releases/cert-manager.values.yaml'))).toEqual({
      crds: { enabled: true, keep: false },
      replicaCount: 2,
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
      webhook: { replicaCount: 3 },
      cainjector: { replicaCount: 1 },
      prometheus: { servicemonitor: { enabled: true, labels: { release: 'monitoring' } } },
      global: { leaderElection: { namespace: 'cert-manager' } },
    });
  });

  test('charts before v1.15 get installCRDs', () => {
    const app = OpsTesting.app();
    const cm = new CertManagerRelease(app.k8s, 'cert-manager', { version: 'v1.14.5', values: { crds: true } });
    expect(cm.values).toEqual({ installCRDs: true });
  });

  test.each([
    ['a quantity is invalid', { resources: { requests: { cpu: 'lots' } } }, /values\.resources\.requests\.cpu must be a Kubernetes quantity|values\.resources\.requests\.cpu/],
    ['replicas are negative', { replicaCount: -1 }, /values\.replicaCount must be a whole number >= 0, got -1/],
    ['serviceMonitorLabels come without serviceMonitor', { serviceMonitorLabels: { a: 'b' } }, /values\.serviceMonitorLabels must only be set with serviceMonitor on/],
    ['extraValues repeat a typed value', { crds: true, extraValues: { crds: { enabled: false } } }, /values\.extraValues\.crds\.enabled must not set a value a typed prop already sets/],
    ['extraValues hold what is not JSON data (named where the user wrote it)', { extraValues: { a: NaN } }, /values\.extraValues\.a must be JSON data/],
  ])('fails when %s, naming the construct path', (_name, values, message) => {
    const app = OpsTesting.app();
    expect(() => new CertManagerRelease(app.k8s, 'cm', { version: 'v1.19.1', values: values as any })).toThrow(new RegExp(`${message.source}[^]*at path \\[cm\\]`));
  });

  test('fails when keepCrds is set for a chart before v1.15', () => {
    const app = OpsTesting.app();
    expect(() => new CertManagerRelease(app.k8s, 'cm', { version: 'v1.14.5', values: { keepCrds: true } })).toThrow(/values\.keepCrds must only be set for chart v1\.15 and later/);
  });
});
