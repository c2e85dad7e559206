// The charts a platform installs next to its own workloads, as typed releases that agree with the program:
// kube-prometheus-stack picks up the app's PrometheusRule, ServiceMonitor and dashboard (their labels are checked
// against its selectors at synth), and cert-manager is installed with its CRDs. Each release is defined once and
// delivered three ways: values files (dist/helm/releases/), Terraform helm_release resources
// (cdktf.out/stacks/cluster-addons/) and Argo CD Applications (dist/gitops.k8s.yaml).
import { ApiObject, Duration } from 'cdk8s';
import {
  ArgoCdApplication, CertManagerRelease, GrafanaDashboard, HelmProvider, KubePrometheusStackRelease, OpsApp, PrometheusRules, ServiceMonitor,
  TerraformHelmRelease,
} from 'opskit';

/** Defines the example's releases, app objects and deliveries in `app`. */
export function definePlatform(app: OpsApp): void {
  // the releases: typed values, exact chart versions
  const monitoring = new KubePrometheusStackRelease(app.k8s, 'monitoring', {
    namespace: 'monitoring',
    version: '79.5.0',
    values: {
      prometheus: { retention: Duration.days(15), replicas: 2 },
      grafana: { sidecarDashboardsSearchNamespaces: ['ALL'] },
      extraValues: { kubeEtcd: { enabled: false } },
    },
  });
  const certManager = new CertManagerRelease(app.k8s, 'cert-manager', {
    namespace: 'cert-manager',
    version: 'v1.19.1',
    values: { crds: true, replicaCount: 2, serviceMonitor: true, serviceMonitorLabels: { release: monitoring.releaseName } },
  });

  // the app's monitoring objects carry the label the release selects (`release: monitoring`, the chart's default)
  const api = app.chart('api', { namespace: 'api' });
  const service = new ApiObject(api, 'api-service', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', labels: { app: 'api' } }, spec: { selector: { app: 'api' }, ports: [{ name: 'metrics', port: 9090 }] },
  });
  const selected = { labels: { release: monitoring.releaseName } };
  new ServiceMonitor(api, 'api', { metadata: selected, service, endpoints: [{ port: 'metrics' }] });
  new PrometheusRules(api, 'api-rules', {
    metadata: selected,
    groups: [{ name: 'api', rules: [{ alert: 'ApiDown', expr: 'up{job="api"} == 0', for: Duration.minutes(5), labels: { severity: 'critical' }, annotations: { summary: 'the API is down' } }] }],
  });
  new GrafanaDashboard(api, 'api-dashboard', { title: 'API', rows: [{ title: 'Traffic', panels: [{ title: 'Up', queries: [{ expr: 'up{job="api"}' }] }] }] });

  // delivery by Terraform
  const addons = app.stack('cluster-addons');
  new HelmProvider(addons, 'helm', { kubernetes: { configPath: '~/.kube/config', configContext: 'prod' } });
  new TerraformHelmRelease(addons, 'monitoring', { release: monitoring, createNamespace: true });
  new TerraformHelmRelease(addons, 'cert-manager', { release: certManager, createNamespace: true });

  // delivery by Argo CD (the same releases; pick one delivery per cluster)
  const gitops = app.chart('gitops', { namespace: 'argocd' });
  new ArgoCdApplication(gitops, 'monitoring', { release: monitoring });
  new ArgoCdApplication(gitops, 'cert-manager', { release: certManager });
}
