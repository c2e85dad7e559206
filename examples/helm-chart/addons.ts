// The charts installed next to the operator, as typed releases that agree with it: kube-prometheus-stack picks up
// the operator's ServiceMonitor and PrometheusRule (their labels are checked against its selectors at synth), and
// cert-manager issues the webhook's serving certificate. Their values files land in dist/helm/releases/.
import { Duration } from 'cdk8s';
import { CertManagerRelease, KubePrometheusStackRelease, OpsApp } from 'opskit';
import { BackupOperatorChart } from './backup-operator-chart';

/** The releases the example installs beside the operator's chart. */
export interface BackupOperatorAddons {
  readonly monitoring: KubePrometheusStackRelease;
  readonly certManager: CertManagerRelease;
}

/** Defines kube-prometheus-stack and cert-manager, and labels the operator's monitoring objects for the first. */
export function defineAddons(app: OpsApp, chart: BackupOperatorChart): BackupOperatorAddons {
  const monitoring = new KubePrometheusStackRelease(app.k8s, 'monitoring', {
    namespace: 'monitoring',
    version: '79.5.0',
    values: { prometheus: { retention: Duration.days(15) } },
  });
  // the chart's default selectors (…SelectorNilUsesHelmValues) pick objects labelled `release: <release name>`
  chart.operator.serviceMonitor!.metadata.addLabel('release', monitoring.releaseName);
  chart.alerts.apiObject.metadata.addLabel('release', monitoring.releaseName);
  const certManager = new CertManagerRelease(app.k8s, 'cert-manager', {
    namespace: 'cert-manager',
    version: 'v1.19.1',
    values: { crds: true },
  });
  return { monitoring, certManager };
}
