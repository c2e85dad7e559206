import { ApiObject, App, Chart, DependencyGraph, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { stripClusterNamespace } from '../core/chart-objects';
import { KindRegistry, KindScope } from '../core/kind-registry';
import { objectMetaProblems, ObjectNameRule } from '../core/object-meta';
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
 * Resolves every chart of a cdk8s app into apply-ordered objects, strips `metadata.namespace` from
 * cluster-scoped kinds, and (when `validate`) checks each object against its schema: built-in kinds
 * against the Kubernetes schema and API rules, custom kinds against the CRD registered in the app.
 */
export function renderCharts(app: App, outputFileExtension: string, validate: boolean, problems: LocatedProblem[]): ChartOutput[] {
  const registry = KindRegistry.of(app);
  const charts = app.charts;
  const outputs: ChartOutput[] = [];
  // the objects are resolved first: it also records cdk8s's chart-to-chart dependencies used for naming
  const resolved = resolveCharts(charts);
  const indexed = charts.some((c) => c.node.dependencies.some((d) => d instanceof Chart) || c.node.children.some((d) => d instanceof Chart));
  charts.forEach((chart, index) => {
    // the same object twice in one chart file would silently overwrite itself at apply (charts may target
    // different clusters, so the same object in two charts is fine)
    const emitted = new Map<string, string>();
    const rawPaths = apiObjectPaths(chart, resolved[index]);
    const paths = new Map<any, string>();
    const emittedObjects = resolved[index].map((o: any) => {
      const stripped = stripClusterNamespace(o, registry);
      paths.set(stripped, rawPaths.get(o) ?? chart.node.path);
      return stripped;
    });
    const objects = sortForApply(emittedObjects);
    for (const obj of objects) {
      const name = obj?.metadata?.name;
      if (typeof name !== 'string' || name === '') continue;
      const key = `${groupOf(String(obj.apiVersion ?? ''))}|${obj.kind}|${obj.metadata.namespace ?? ''}|${name}`;
      const path = paths.get(obj) ?? chart.node.path;
      const first = emitted.get(key);
      if (first === undefined) {
        emitted.set(key, path);
      } else {
        const where = obj.metadata.namespace ? `${obj.metadata.namespace}/${name}` : name;
        problems.push({
          field: `${obj.kind}/${name}`,
          expected: `must be emitted once, but ${first} emits the same ${obj.kind} (same group, namespace and name)`,
          got: formatValue(where),
          fix: 'rename one of the objects, move it to another namespace, or emit it only once',
          path,
        });
      }
    }
    if (validate) {
      for (const obj of objects) {
        const path = paths.get(obj) ?? chart.node.path;
        const found = validateObject(obj, registry);
        const where = `${obj.kind}/${obj.metadata?.name ?? '?'}`;
        problems.push(...found.map((p) => ({ ...p, field: p.field ? `${where} ${p.field}` : where, path })));
      }
    }
    const base = Names.toDnsLabel(chart);
    const name = indexed ? `${String(index).padStart(4, '0')}-${base}` : base;
    // a value YAML cannot hold is reported at the construct that emitted the object
    const origins = objects.map((o) => paths.get(o) ?? chart.node.path);
    outputs.push({ fileName: `${name}${outputFileExtension}`, chartId: chart.node.id, objects, yaml: toYamlDocuments(objects, origins) });
  });
  return outputs;
}

/**
 * Each chart's objects, as `chart.toJson()` gives them, with one validation of the app instead of one per chart:
 * cdk8s's `toJson()` infers the app's dependencies and validates the whole app on every call. The first chart
 * does that once; the dependencies it recorded are the app's, so the other charts' objects are read in the same
 * dependency order without validating again.
 */
function resolveCharts(charts: readonly Chart[]): any[][] {
  return charts.map((chart, index) => {
    const objects = index === 0 ? chart.toJson() : new DependencyGraph(chart.node).topology()
      .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart)
      .map((o) => o.toJson());
    return objects.filter((o: any) => o !== undefined);
  });
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

function objectKey(obj: any): string {
  return `${obj.apiVersion}|${obj.kind}|${obj.metadata?.name}|${obj.metadata?.namespace ?? ''}`;
}

/**
 * Maps each object of a chart to the construct path of the ApiObject that emitted it. Objects with the same
 * apiVersion, kind, namespace and name (an error reported by the caller) are given their paths in emit order.
 */
function apiObjectPaths(chart: Chart, objects: readonly any[]): Map<any, string> {
  const byKey = new Map<string, string[]>();
  for (const c of chart.node.findAll() as IConstruct[]) {
    if (c instanceof ApiObject && Chart.of(c) === chart) {
      const key = `${c.apiVersion}|${c.kind}|${c.name}|${c.metadata.namespace ?? ''}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c.node.path]);
    }
  }
  const result = new Map<any, string>();
  for (const obj of objects) {
    const list = byKey.get(objectKey(obj)) ?? [];
    result.set(obj, (list.length > 1 ? list.shift() : list[0]) ?? chart.node.path);
  }
  return result;
}
