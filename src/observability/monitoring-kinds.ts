import { IConstruct } from 'constructs';
import { MONITORING_API_VERSION, POD_MONITOR_KIND, PROMETHEUS_RULE_KIND, SERVICE_MONITOR_KIND } from './conventions';
import { KindRegistry, KindScope } from '../core/kind-registry';
import { checkMonitorObject, checkPrometheusRuleObject } from './model/monitoring-objects';

/**
 * Registers the prometheus-operator kinds emitted by this domain, so the synth pipeline checks every
 * PrometheusRule, ServiceMonitor and PodMonitor object (tier 3). Internal; called by the constructs.
 */
export function registerMonitoringKinds(scope: IConstruct): void {
  const registry = KindRegistry.of(scope);
  if (registry.lookup(MONITORING_API_VERSION, PROMETHEUS_RULE_KIND)) return;
  registry.register({
    apiVersion: MONITORING_API_VERSION,
    kind: PROMETHEUS_RULE_KIND,
    scope: KindScope.NAMESPACED,
    validator: { validateObject: (obj: any) => checkPrometheusRuleObject(obj) },
  });
  registry.register({
    apiVersion: MONITORING_API_VERSION,
    kind: SERVICE_MONITOR_KIND,
    scope: KindScope.NAMESPACED,
    validator: { validateObject: (obj: any) => checkMonitorObject(obj, 'ServiceMonitor') },
  });
  registry.register({
    apiVersion: MONITORING_API_VERSION,
    kind: POD_MONITOR_KIND,
    scope: KindScope.NAMESPACED,
    validator: { validateObject: (obj: any) => checkMonitorObject(obj, 'PodMonitor') },
  });
}
