import { ApiObject, App, Chart, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KindRegistry, KindScope } from '../core/kind-registry';
import { LocatedProblem } from '../core/ops-error';
import { isBuiltinClusterScoped, sortForApply } from '../core/schema/builtin-kinds';
import { validateBuiltinObject } from '../core/schema/builtin-validation';
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
  const resolved = charts.map((chart) => chart.toJson().filter((o: any) => o !== undefined));
  const indexed = charts.some((c) => c.node.dependencies.some((d) => d instanceof Chart) || c.node.children.some((d) => d instanceof Chart));
  charts.forEach((chart, index) => {
    const paths = apiObjectPaths(chart);
    const objects = sortForApply(resolved[index].map((o: any) => stripClusterNamespace(o, registry)));
    if (validate) {
      for (const obj of objects) {
        const path = paths.get(objectKey(obj)) ?? chart.node.path;
        const found = validateObject(obj, registry);
        const where = `${obj.kind}/${obj.metadata?.name ?? '?'}`;
        problems.push(...found.map((p) => ({ ...p, field: p.field ? `${where} ${p.field}` : where, path })));
      }
    }
    const base = Names.toDnsLabel(chart);
    const name = indexed ? `${String(index).padStart(4, '0')}-${base}` : base;
    outputs.push({ fileName: `${name}${outputFileExtension}`, chartId: chart.node.id, objects, yaml: toYamlDocuments(objects) });
  });
  return outputs;
}

function validateObject(obj: any, registry: KindRegistry) {
  const custom = registry.lookup(String(obj.apiVersion), String(obj.kind));
  if (custom) {
    return custom.validator ? custom.validator.validateObject(obj) : [];
  }
  return validateBuiltinObject(obj);
}

function stripClusterNamespace(obj: any, registry: KindRegistry): any {
  if (obj?.metadata?.namespace === undefined) return obj;
  const custom = registry.lookup(String(obj.apiVersion), String(obj.kind));
  const cluster = custom ? custom.scope === KindScope.CLUSTER : isBuiltinClusterScoped(String(obj.apiVersion), String(obj.kind));
  if (!cluster) return obj;
  const { namespace: _ignored, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

function objectKey(obj: any): string {
  return `${obj.apiVersion}|${obj.kind}|${obj.metadata?.name}`;
}

/** Maps each object of a chart to the construct path of the ApiObject that emitted it. */
function apiObjectPaths(chart: Chart): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of chart.node.findAll() as IConstruct[]) {
    if (c instanceof ApiObject && Chart.of(c) === chart) {
      map.set(`${c.apiVersion}|${c.kind}|${c.name}`, c.node.path);
    }
  }
  return map;
}
