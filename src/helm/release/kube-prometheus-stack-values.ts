import type { Duration } from 'cdk8s';
import { MonitorLabelSelector } from '../../observability/monitor-types';

/**
 * The Prometheus values of kube-prometheus-stack that decide what it picks up (`prometheus.prometheusSpec.*`).
 *
 * A selector left out (or empty) becomes `matchLabels: { release: <releaseName> }` while its
 * `…SelectorNilUsesHelmValues` is true (the chart's default), else every object; a namespace selector left out is
 * every namespace.
 *
 * @see https://github.com/prometheus-community/helm-charts/blob/main/charts/kube-prometheus-stack/values.yaml
 */
export interface KubePrometheusStackPrometheusValues {
  /** Deploy Prometheus (`prometheus.enabled`). @default true */
  readonly enabled?: boolean;
  /** Which PrometheusRules Prometheus loads. @default - `release: <releaseName>` (see ruleSelectorNilUsesHelmValues) */
  readonly ruleSelector?: MonitorLabelSelector;
  /** An unset ruleSelector selects `release: <releaseName>` (true) or every PrometheusRule (false). @default true */
  readonly ruleSelectorNilUsesHelmValues?: boolean;
  /** The namespaces PrometheusRules are loaded from. @default - every namespace */
  readonly ruleNamespaceSelector?: MonitorLabelSelector;
  /** Which ServiceMonitors Prometheus scrapes. @default - `release: <releaseName>` (see serviceMonitorSelectorNilUsesHelmValues) */
  readonly serviceMonitorSelector?: MonitorLabelSelector;
  /** An unset serviceMonitorSelector selects `release: <releaseName>` (true) or every ServiceMonitor (false). @default true */
  readonly serviceMonitorSelectorNilUsesHelmValues?: boolean;
  /** The namespaces ServiceMonitors are read from. @default - every namespace */
  readonly serviceMonitorNamespaceSelector?: MonitorLabelSelector;
  /** Which PodMonitors Prometheus scrapes. @default - `release: <releaseName>` (see podMonitorSelectorNilUsesHelmValues) */
  readonly podMonitorSelector?: MonitorLabelSelector;
  /** An unset podMonitorSelector selects `release: <releaseName>` (true) or every PodMonitor (false). @default true */
  readonly podMonitorSelectorNilUsesHelmValues?: boolean;
  /** The namespaces PodMonitors are read from. @default - every namespace */
  readonly podMonitorNamespaceSelector?: MonitorLabelSelector;
  /** Which Probes Prometheus runs. @default - `release: <releaseName>` (see probeSelectorNilUsesHelmValues) */
  readonly probeSelector?: MonitorLabelSelector;
  /** An unset probeSelector selects `release: <releaseName>` (true) or every Probe (false). @default true */
  readonly probeSelectorNilUsesHelmValues?: boolean;
  /** The namespaces Probes are read from. @default - every namespace */
  readonly probeNamespaceSelector?: MonitorLabelSelector;
  /** How long Prometheus keeps samples (`retention`, Prometheus duration syntax). @default - the chart's (10d) */
  readonly retention?: Duration;
  /** Prometheus replicas. @default - the chart's (1) */
  readonly replicas?: number;
}

/** The Alertmanager values of kube-prometheus-stack (`alertmanager.*`). */
export interface KubePrometheusStackAlertmanagerValues {
  /** Deploy Alertmanager (`alertmanager.enabled`). @default true */
  readonly enabled?: boolean;
  /** Which AlertmanagerConfigs Alertmanager merges (`alertmanagerSpec.alertmanagerConfigSelector`). @default - every AlertmanagerConfig */
  readonly alertmanagerConfigSelector?: MonitorLabelSelector;
  /** The namespaces AlertmanagerConfigs are read from. @default - every namespace */
  readonly alertmanagerConfigNamespaceSelector?: MonitorLabelSelector;
}

/** The Grafana values of kube-prometheus-stack that decide which dashboards its sidecar loads (`grafana.*`). */
export interface KubePrometheusStackGrafanaValues {
  /** Deploy Grafana (`grafana.enabled`). @default true */
  readonly enabled?: boolean;
  /** The ConfigMap label the dashboard sidecar watches (`grafana.sidecar.dashboards.label`). @default "grafana_dashboard" */
  readonly sidecarDashboardsLabel?: string;
  /** The value that label must have; empty: any value (`grafana.sidecar.dashboards.labelValue`). @default "1" */
  readonly sidecarDashboardsLabelValue?: string;
  /** The namespaces the sidecar searches, or `["ALL"]` (`grafana.sidecar.dashboards.searchNamespace`). @default ["ALL"] */
  readonly sidecarDashboardsSearchNamespaces?: string[];
}

/** Typed values of the kube-prometheus-stack chart: the fields that decide what it picks up, and an escape hatch. */
export interface KubePrometheusStackValues {
  /** Prometheus. @default - the chart's defaults */
  readonly prometheus?: KubePrometheusStackPrometheusValues;
  /** Alertmanager. @default - the chart's defaults */
  readonly alertmanager?: KubePrometheusStackAlertmanagerValues;
  /** Grafana. @default - the chart's defaults */
  readonly grafana?: KubePrometheusStackGrafanaValues;
  /**
   * Any other values, as the chart's values.yaml spells them, deep-merged with the typed ones (a value that a typed
   * prop sets is an error: set it there).
   *
   * @default - none
   */
  readonly extraValues?: { [key: string]: any };
}
