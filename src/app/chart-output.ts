import { ApiObject, App, Chart, Names } from 'cdk8s';
import { stripClusterNamespace } from '../core/chart-objects';
import { ConstructTree } from '../core/construct-tree';
import { chartApiObjects, chartsInOrder } from '../core/dependency-order';
import { KindRegistry, KindScope } from '../core/kind-registry';
import { objectMetaProblems, ObjectNameRule } from '../core/object-meta';
import { ObjectResolution } from '../core/object-resolution';
import { LocatedProblem } from '../core/ops-error';
import { formatValue, Problem } from '../core/problem';
import { groupOf, sortForApply } from '../core/schema/builtin-kinds';
import { isBuiltinKind, validateBuiltinObject } from '../core/schema/builtin-validation';
import { toYamlDocuments } from '../core/yaml';

/** The rendered manifests of one chart. */
export interface ChartOutput {
  /** The chart's file name, e.g. `platform.k8s.yaml`. */
  readonly fileName: string;
  /** The chart's construct id. */
  readonly chartId: string;
  /** The objects, in apply order. */
  readonly objects: any[];
  /** The YAML text of the file. */
  readonly yaml: string;
}

/**
 * Resolves every chart of a cdk8s app into apply-ordered objects (the app's dependencies inferred and its
 * constructs validated already, by the synth pipeline), strips `metadata.namespace` from
 * cluster-scoped kinds, and (when `validate`) checks each object against its schema: built-in kinds
 * against the Kubernetes schema and API rules, custom kinds against the CRD registered in the app. `tree`: the app's
 * tree, walked once for the whole synth.
 */
export function renderCharts(
  app: App, outputFileExtension: string, validate: boolean, problems: LocatedProblem[], tree: ConstructTree = ConstructTree.of(app),
): ChartOutput[] {
  const registry = KindRegistry.of(app);
  const resolution = ObjectResolution.of(app);
  const charts = chartsInOrder(app, tree);
  const outputs: ChartOutput[] = [];
  const indexed = charts.some((c) => c.node.dependencies.some((d) => d instanceof Chart) || c.node.children.some((d) => d instanceof Chart));
  charts.forEach((chart, index) => {
    // each object is resolved once, as its own toJson() resolves it (cdk8s's chart.toJson() would infer the
    // dependencies and validate the whole app again: the pipeline did both once)
    // the construct that emitted each object; its path (built from the scopes on every read) only when needed
    const owners = new Map<any, ApiObject>();
    const pathOf = (obj: any): string => owners.get(obj)?.node.path ?? chart.node.path;
    const emittedObjects: any[] = [];
    for (const apiObject of chartApiObjects(chart, tree)) {
      const json = resolution.json(apiObject);
      if (json === undefined) continue;
      const stripped = stripClusterNamespace(json, registry);
      owners.set(stripped, apiObject);
      emittedObjects.push(stripped);
    }
    const objects = sortForApply(emittedObjects);
    // the same object twice in one chart file would silently overwrite itself at apply (charts may target
    // different clusters, so the same object in two charts is fine)
    const emitted = new Map<string, any>();
    for (const obj of objects) {
      const name = obj?.metadata?.name;
      if (typeof name !== 'string' || name === '') continue;
      const key = `${groupOf(String(obj.apiVersion ?? ''))}|${obj.kind}|${obj.metadata.namespace ?? ''}|${name}`;
      const first = emitted.get(key);
      if (first === undefined) {
        emitted.set(key, obj);
      } else {
        const where = obj.metadata.namespace ? `${obj.metadata.namespace}/${name}` : name;
        problems.push({
          field: `${obj.kind}/${name}`,
          expected: `must be emitted once, but ${pathOf(first)} emits the same ${obj.kind} (same group, namespace and name)`,
          got: formatValue(where),
          fix: 'rename one of the objects, move it to another namespace, or emit it only once',
          path: pathOf(obj),
        });
      }
    }
    if (validate) {
      for (const obj of objects) {
        const found = validateObject(obj, registry);
        if (found.length === 0) continue;
        const where = `${obj.kind}/${obj.metadata?.name ?? '?'}`;
        const path = pathOf(obj);
        for (const p of found) problems.push({ ...p, field: p.field ? `${where} ${p.field}` : where, path });
      }
    }
    const base = Names.toDnsLabel(chart);
    const name = indexed ? `${String(index).padStart(4, '0')}-${base}` : base;
    // a value YAML cannot hold is reported at the construct that emitted the object
    outputs.push({ fileName: `${name}${outputFileExtension}`, chartId: chart.node.id, objects, yaml: toYamlDocuments(objects, (i) => pathOf(objects[i])) });
  });
  return outputs;
}

/**
 * An object's problems: a built-in kind's schema and value rules (its metadata among them), or, for any other kind
 * (custom resources, monitoring objects, kinds opskit does not know), the one ObjectMeta check and the kind's
 * registered validator; a problem both report is reported once.
 */
function validateObject(obj: any, registry: KindRegistry): Problem[] {
  const custom = registry.lookup(String(obj.apiVersion), String(obj.kind));
  if (!custom && isBuiltinKind(String(obj.apiVersion), String(obj.kind))) return validateBuiltinObject(obj);
  const clusterScoped = custom?.scope === KindScope.CLUSTER;
  const meta = objectMetaProblems(obj.metadata, { name: ObjectNameRule.SUBDOMAIN, clusterScoped, unknownFields: true });
  const own = custom?.validator ? custom.validator.validateObject(obj) : [];
  const seen = new Set(own.map((p) => `${p.field}|${p.expected}|${p.got}`));
  return [...meta.filter((p) => !seen.has(`${p.field}|${p.expected}|${p.got}`)), ...own];
}
