import { Duration } from 'cdk8s';
import { OpsTesting } from '../../../src/app/testing';
import { parseYaml } from '../../../src/core/yaml';
import { ArgoCdApplication } from '../../../src/helm/release/argo-cd-application';
import { HelmRelease } from '../../../src/helm/release/helm-release';
import { KubePrometheusStackRelease } from '../../../src/helm/release/kube-prometheus-stack-release';

const SOURCE = { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.19.1' };

describe('ArgoCdApplication', () => {
  test('defaults: named after the id, in the chart\'s namespace, project default, in-cluster, automated sync with CreateNamespace and ServerSideApply', () => {
    // GIVEN
    const app = OpsTesting.app();
    const release = new HelmRelease(app.k8s, 'cert-manager', { ...SOURCE, namespace: 'cert-manager', values: { crds: { enabled: true } } });
    // WHEN
    const a = new ArgoCdApplication(app.chart('gitops', { namespace: 'argocd' }), 'cert-manager', { release });
    const obj = OpsTesting.synth(app).findObject('gitops', 'Application', 'cert-manager');
    // THEN
    expect(a.apiObject.kind).toBe('Application');
    expect(obj).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'cert-manager', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: {
          repoURL: 'https://charts.jetstack.io',
          chart: 'cert-manager',
          targetRevision: 'v1.19.1',
          helm: { releaseName: 'cert-manager', valuesObject: { crds: { enabled: true } } },
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'cert-manager' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'] },
      },
    });
  });

  test('outside a namespaced chart it goes to argocd; a named cluster, values as text, retry, an oci repository', () => {
    // GIVEN
    const app = OpsTesting.app();
    const release = new HelmRelease(app.k8s, 'dns', {
      repository: 'oci://ghcr.io/deliveryhero/helm-charts', chart: 'node-local-dns', version: '2.9.2', namespace: 'kube-system', values: { a: 'yes' },
    });
    // WHEN
    new ArgoCdApplication(app.chart('gitops'), 'dns', {
      release,
      project: 'platform',
      destination: { name: 'prod' },
      valuesObject: false,
      syncPolicy: {
        automated: false,
        syncOptions: [],
        retry: { limit: 3, backoffDuration: Duration.seconds(10), backoffMaxDuration: Duration.minutes(5) },
      },
    });
    const obj = OpsTesting.synth(app).findObject('gitops', 'Application', 'dns');
    // THEN
    expect(obj.metadata.namespace).toBe('argocd');
    expect(obj.spec.source).toEqual({ repoURL: 'ghcr.io/deliveryhero/helm-charts', chart: 'node-local-dns', targetRevision: '2.9.2', helm: { releaseName: 'dns', values: 'a: "yes"\n' } });
    expect(parseYaml(obj.spec.source.helm.values)).toEqual({ a: 'yes' });
    expect(obj.spec.destination).toEqual({ name: 'prod', namespace: 'kube-system' });
    expect(obj.spec.syncPolicy).toEqual({ syncOptions: [], retry: { limit: 3, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } });
  });

  test.each([
    ['it is given no HelmRelease', { release: { releaseName: 'x' } }, /release must be a HelmRelease/],
    ['destination sets server and name', { destination: { server: 'https://k', name: 'prod' } }, /destination must set either server or name, not both/],
    ['prune is set without automated', { syncPolicy: { automated: false, prune: true } }, /syncPolicy must only set prune and selfHeal with automated on/],
    ['a back-off is no Duration', { syncPolicy: { retry: { backoffDuration: '5s' } } }, /syncPolicy\.retry\.backoffDuration must be a cdk8s Duration, got "5s"/],
  ])('fails when %s, naming the construct path', (_name, change, message) => {
    const app = OpsTesting.app();
    const release = new KubePrometheusStackRelease(app.k8s, 'kps', { version: '79.5.0' });
    expect(() => new ArgoCdApplication(app.chart('gitops'), 'kps', { release, ...change } as any)).toThrow(new RegExp(`${message.source}[^]*at path \\[gitops\\/kps\\]`));
  });

  test('fails in a Terraform stack, saying it belongs in a chart', () => {
    const app = OpsTesting.app();
    const release = new HelmRelease(app.k8s, 'r', SOURCE);
    expect(() => new ArgoCdApplication(app.stack('s') as any, 'r', { release })).toThrow(/ArgoCdApplication belongs in a Kubernetes chart/);
  });
});
