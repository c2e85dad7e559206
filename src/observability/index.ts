// SLOs, Prometheus rules, monitors (ServiceLevelObjective, PrometheusRules, ServiceMonitor, PodMonitor)
export * from './rule-set';
export * from './rule-types';
export * from './prometheus-rules';
export * from './service-level-objective';

// Alertmanager routing, Grafana dashboards, AWS side (AlertmanagerRouting, GrafanaDashboard, ManagedPrometheus,
// AlertTopic, MetricAlarm, SloAlertRoutes). Their structs live in *-types.ts; the model files stay internal.
export * from './alertmanager-types';
export * from './alertmanager-route-types';
export * from './alertmanager-routing';
export * from './dashboard-types';
export * from './grafana-dashboard';
export * from './aws/alert-topic';
export * from './aws/managed-prometheus';
export * from './aws/metric-alarm';
export { ComparisonOperator, TreatMissingData } from './model/cloudwatch-alarm';
export * from './monitor-types';
export * from './service-monitor';
export * from './pod-monitor';
export * from './slo-alert-routes';
