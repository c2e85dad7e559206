import { Duration } from 'cdk8s';
import { OpsTesting } from '../../../src/app/testing';
import { ArgoCdApplication } from '../../../src/helm/release/argo-cd-application';
import { CertManagerRelease } from '../../../src/helm/release/cert-manager-release';
import { HelmRelease } from '../../../src/helm/release/helm-release';
import { KubePrometheusStackRelease } from '../../../src/helm/release/kube-prometheus-stack-release';
import { LabelSelectorOperator } from '../../../src/observability/monitor-types';
import { argoCdApplicationCrd, describeWithArgoCdCrds } from '../../support/argocd-crds';
import { describeVerdict, kubeCheck } from '../../support/kube-check';
import { describeWithTool } from '../../support/tools';

/** Every shape of Application opskit writes: defaults, a named cluster, values as text, retry, oci, typed values. */
function applications(): any[] {
  const app = OpsTesting.app();
  const gitops = app.chart('gitops', { namespace: 'argocd' });
  const kps = new KubePrometheusStackRelease(app.k8s, 'monitoring', {
    namespace: 'monitoring',
    version: '79.5.0',
    values: {
      prometheus: { ruleSelector: { matchExpressions: [{ key: 'team', operator: LabelSelectorOperator.EXISTS }] }, retention: Duration.days(15) },
      extraValues: { grafana: { 'adminPassword': '${not-terraform}', 'grafana.ini': { server: { root_url: '%(protocol)s://%(domain)s/' } } } },
    },
  });
  const cm = new CertManagerRelease(app.k8s, 'cert-manager', { namespace: 'cert-manager', version: 'v1.19.1', values: { crds: true, replicaCount: 2 } });
  const dns = new HelmRelease(app.k8s, 'dns', { repository: 'oci://ghcr.io/deliveryhero/helm-charts', chart: 'node-local-dns', version: '2.9.2', namespace: 'kube-system' });
  new ArgoCdApplication(gitops, 'monitoring', { release: kps });
  new ArgoCdApplication(gitops, 'cert-manager', { release: cm, project: 'platform', destination: { name: 'prod' }, valuesObject: false });
  new ArgoCdApplication(gitops, 'dns', {
    release: dns,
    metadata: { labels: { team: 'platform' }, annotations: { 'argocd.argoproj.io/sync-wave': '-1' } },
    syncPolicy: {
      automated: false,
      retry: { limit: 3, backoffDuration: Duration.seconds(10), backoffFactor: 3, backoffMaxDuration: Duration.minutes(5) },
    },
  });
  return OpsTesting.synth(app).findObjects('gitops', 'Application');
}

describeWithTool('kube-check', 'ArgoCdApplication against Argo CD\'s Application CRD (kube-check)', () => {
  describeWithArgoCdCrds('Argo CD v3.5.8 manifests/crds/application-crd.yaml', (dir) => {
    test('the API server accepts every Application opskit writes, unchanged by pruning', () => {
      // GIVEN
      const crd = argoCdApplicationCrd(dir());
      const apps = applications();
      expect(apps).toHaveLength(3);
      // WHEN
      const [crdVerdict, ...verdicts] = kubeCheck([crd, ...apps]);
      // THEN
      expect(describeVerdict(crdVerdict)).toBe('allowed');
      verdicts.forEach((v, i) => {
        expect(`${apps[i].metadata.name}: ${describeVerdict(v)}`).toBe(`${apps[i].metadata.name}: allowed`);
        // nothing was pruned: every field opskit writes is in the schema
        expect(v.object.spec).toEqual(apps[i].spec);
      });
    });

    test('the check can fail: a misspelled field and a wrong type are rejected', () => {
      // GIVEN
      const crd = argoCdApplicationCrd(dir());
      const [good] = applications();
      const typo = { ...good, spec: { ...good.spec, source: { ...good.spec.source, targetRevison: '1.0.0' } } };
      const wrongType = { ...good, spec: { ...good.spec, syncPolicy: { ...good.spec.syncPolicy, automated: { prune: 'yes' } } } };
      // WHEN
      const [, a, b] = kubeCheck([crd, typo, wrongType]);
      // THEN
      expect(a.allowed).toBe(false);
      expect(b.allowed).toBe(false);
    });
  });
});
