import { IConstruct } from 'constructs';
import { MONITORING_API_VERSION, POD_MONITOR_KIND, PROMETHEUS_RULE_KIND, SERVICE_MONITOR_KIND } from './conventions';
import { IObjectValidator, KindRegistry, KindScope } from '../core/kind-registry';
import { checkMonitorObject, checkPrometheusRuleObject } from './model/monitoring-objects';
import { promqlVerdicts } from './promql-verdicts';

// One validator object per kind (per app for PrometheusRule, which shares the app's PromQL verdicts), from the one
// monitor model: registering the same object again is a no-op, another built-in validator an error; a
// prometheus-operator CRD imported into the app (ValidatorSource.CUSTOM_RESOURCE_DEFINITION) checks these kinds
// instead, whichever was registered first.
const PROMETHEUS_RULE_VALIDATORS = new WeakMap<IConstruct, IObjectValidator>();
const SERVICE_MONITOR_VALIDATOR: IObjectValidator = { validateObject: (obj: any) => checkMonitorObject(obj, 'ServiceMonitor') };
const POD_MONITOR_VALIDATOR: IObjectValidator = { validateObject: (obj: any) => checkMonitorObject(obj, 'PodMonitor') };

/** The app's PrometheusRule validator: expressions its constructs checked already are not parsed again. */
function prometheusRuleValidator(scope: IConstruct): IObjectValidator {
  const root = scope.node.root;
  let validator = PROMETHEUS_RULE_VALIDATORS.get(root);
  if (!validator) {
    const verdicts = promqlVerdicts(root);
    validator = { validateObject: (obj: any) => checkPrometheusRuleObject(obj, verdicts) };
    PROMETHEUS_RULE_VALIDATORS.set(root, validator);
  }
  return validator;
}

/**
 * Registers the prometheus-operator kinds (PrometheusRule, ServiceMonitor, PodMonitor), so the synth pipeline checks
 * every such object (tier 3) — whichever construct emitted it (ServiceMonitor, PodMonitor, PrometheusRules,
 * ServiceLevelObjective, Operator, NodeLocalDns). Internal; called by the constructs that emit them.
 */
export function registerMonitoringKinds(scope: IConstruct): void {
  const registry = KindRegistry.of(scope);
  const kinds: Array<[string, IObjectValidator]> = [
    [PROMETHEUS_RULE_KIND, prometheusRuleValidator(scope)],
    [SERVICE_MONITOR_KIND, SERVICE_MONITOR_VALIDATOR],
    [POD_MONITOR_KIND, POD_MONITOR_VALIDATOR],
  ];
  for (const [kind, validator] of kinds) {
    registry.register({ apiVersion: MONITORING_API_VERSION, kind, scope: KindScope.NAMESPACED, validator }, scope);
  }
}
