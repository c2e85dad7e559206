import { Chart } from 'cdk8s';
import { chartApiObjects } from './dependency-order';
import { KindRegistry, KindScope } from './kind-registry';
import { ObjectResolution } from './object-resolution';
import { isBuiltinClusterScoped, sortForApply } from './schema/builtin-kinds';

/**
 * The objects of one chart as the chart's manifest holds them: resolved (as `toJson()` resolves them), `metadata.namespace`
 * removed from cluster-scoped kinds, in apply order. Reads them in the app's dependency order (inferred once at
 * the start of a synth, `inferDependencies`) without running cdk8s's app validation (which `chart.toJson()`
 * does), so a construct validation may call it. Used by the constructs that package charts (a Helm chart) to see
 * exactly what the plain manifests contain.
 */
export function chartObjects(chart: Chart): any[] {
  const registry = KindRegistry.of(chart.node.root);
  const resolution = ObjectResolution.of(chart);
  const objects = chartApiObjects(chart)
    .map((o) => resolution.json(o))
    .filter((o: any) => o !== undefined)
    .map((o: any) => stripClusterNamespace(o, registry));
  return sortForApply(objects);
}

/** An object without `metadata.namespace` when its kind is cluster-scoped (built-in, or by its CRD). */
export function stripClusterNamespace(obj: any, registry: KindRegistry): any {
  if (obj?.metadata?.namespace === undefined || isNamespacedKind(obj, registry)) return obj;
  const { namespace: _ignored, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** Whether an object's kind is namespaced (built-in, or by its CRD; unknown kinds count as namespaced). */
export function isNamespacedKind(obj: any, registry: KindRegistry): boolean {
  const custom = registry.lookup(String(obj?.apiVersion), String(obj?.kind));
  return custom ? custom.scope !== KindScope.CLUSTER : !isBuiltinClusterScoped(String(obj?.apiVersion), String(obj?.kind));
}
