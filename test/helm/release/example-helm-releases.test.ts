import { definePlatform } from '../../../examples/helm-releases/platform';
import { OpsTesting } from '../../../src/app/testing';
import { parseYaml } from '../../../src/core/yaml';

describe('examples/helm-releases', () => {
  test('each release is delivered as a values file, a helm_release and an Application, and the selectors agree', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    definePlatform(app);
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.fileNames.filter((f) => f.startsWith('helm/releases/')).sort()).toEqual(['helm/releases/cert-manager.values.yaml', 'helm/releases/monitoring.values.yaml']);
    expect(parseYaml(out.file('helm/releases/monitoring.values.yaml')).prometheus.prometheusSpec).toEqual({ retention: '15d', replicas: 2 });
    expect(out.resource('cluster-addons', 'helm_release', 'monitoring')).toMatchObject({ chart: 'kube-prometheus-stack', version: '79.5.0', namespace: 'monitoring', create_namespace: true });
    expect(out.resource('cluster-addons', 'helm_release', 'cert-manager')).toMatchObject({ chart: 'cert-manager', version: 'v1.19.1', namespace: 'cert-manager' });
    expect(out.findObject('gitops', 'Application', 'cert-manager').spec.source.helm.valuesObject).toEqual({
      crds: { enabled: true }, replicaCount: 2, prometheus: { servicemonitor: { enabled: true, labels: { release: 'monitoring' } } },
    });
    expect(out.findObject('api', 'PrometheusRule', 'api-rules').metadata.labels.release).toBe('monitoring');
  });
});
