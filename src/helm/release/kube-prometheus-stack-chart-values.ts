import { KubePrometheusStackValues } from './kube-prometheus-stack-values';
import { pruneUndefined } from './model/release';
import { checkedPromDuration } from '../../core/duration';
import { Problem } from '../../core/problem';

// Internal: the translation of KubePrometheusStackValues into the chart's values (not part of the public API).

export const SELECTOR_FIELDS = [
  'ruleSelector', 'ruleSelectorNilUsesHelmValues', 'ruleNamespaceSelector',
  'serviceMonitorSelector', 'serviceMonitorSelectorNilUsesHelmValues', 'serviceMonitorNamespaceSelector',
  'podMonitorSelector', 'podMonitorSelectorNilUsesHelmValues', 'podMonitorNamespaceSelector',
  'probeSelector', 'probeSelectorNilUsesHelmValues', 'probeNamespaceSelector',
] as const;

/** The chart values of the typed props (before the escape hatch), and the problems of the props it converts. */
export function kubePrometheusStackChartValues(v: KubePrometheusStackValues): { values: { [key: string]: any }; problems: Problem[] } {
  const problems: Problem[] = [];
  const p = v.prometheus ?? {};
  const spec: { [key: string]: unknown } = {};
  for (const f of SELECTOR_FIELDS) spec[f] = p[f];
  spec.retention = checkedPromDuration('prometheus.retention', p.retention, problems, { allowZero: false, example: 'Duration.days(15)' });
  spec.replicas = p.replicas;
  const a = v.alertmanager ?? {};
  const g = v.grafana ?? {};
  const values = pruneUndefined({
    prometheus: { enabled: p.enabled, prometheusSpec: spec },
    alertmanager: {
      enabled: a.enabled,
      alertmanagerSpec: {
        alertmanagerConfigSelector: a.alertmanagerConfigSelector,
        alertmanagerConfigNamespaceSelector: a.alertmanagerConfigNamespaceSelector,
      },
    },
    grafana: {
      enabled: g.enabled,
      sidecar: {
        dashboards: {
          label: g.sidecarDashboardsLabel,
          labelValue: g.sidecarDashboardsLabelValue,
          searchNamespace: g.sidecarDashboardsSearchNamespaces?.join(','),
        },
      },
    },
  });
  return { values, problems };
}
