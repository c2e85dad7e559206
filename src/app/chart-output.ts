import { ApiObject, App, Chart, Names } from 'cdk8s';
import { isNamespacedKind, stripClusterNamespace } from '../core/chart-objects';
import { ConstructTree } from '../core/construct-tree';
import { chartApiObjects, chartsInOrder } from '../core/dependency-order';
import { KindRegistry } from '../core/kind-registry';
import { objectMetaProblems, ObjectNameRule } from '../core/object-meta';
import { ObjectResolution } from '../core/object-resolution';
import { LocatedProblem, OpsError } from '../core/ops-error';
import { formatValue, Problem } from '../core/problem';
import { applyOrderRank, groupOf } from '../core/schema/builtin-kinds';
import { isBuiltinKind, validateBuiltinObject } from '../core/schema/builtin-validation';
import { KnownFields } from '../core/schema/unknown-fields';
import { yamlDocumentBytes, yamlDocumentWriter } from '../core/yaml';

/** The rendered manifests of one chart. */
export interface ChartOutput {
  /** The chart's file name, e.g. `platform.k8s.yaml`. */
  readonly fileName: string;
  /** The chart's construct id. */
  readonly chartId: string;
  /** The kind of each object, in apply order. */
  readonly kinds: readonly string[];
  /** The objects, in apply order, when the caller kept them (`OpsTesting`); a synth lets each go once written. */
  readonly objects: any[];
  /** The file: its YAML documents as UTF-8 bytes. */
  readonly content: Buffer;
}

/**
 * Resolves every chart of a cdk8s app into apply-ordered objects (the app's dependencies inferred and its
 * constructs validated already, by the synth pipeline), strips `metadata.namespace` from
 * cluster-scoped kinds, and (when `validate`) checks each object against its schema: built-in kinds
 * against the Kubernetes schema and API rules, custom kinds against the CRD registered in the app. `tree`: the app's
 * tree, walked once for the whole synth; `keepObjects`: whether the outputs hold the objects (else only their text).
 */
export function renderCharts(
  app: App, outputFileExtension: string, validate: boolean, problems: LocatedProblem[], tree: ConstructTree = ConstructTree.of(app),
  keepObjects = true,
): ChartOutput[] {
  const registry = KindRegistry.of(app);
  const resolution = ObjectResolution.of(app);
  const charts = chartsInOrder(app, tree);
  const outputs: ChartOutput[] = [];
  // a chart nested in a chart is one of the charts (its scope's children are not listed: a chart of many objects
  // lists them slowly)
  const indexed = charts.some((c) => c.node.dependencies.some((d) => d instanceof Chart) || c.node.scope instanceof Chart);
  const yaml = yamlDocumentWriter();
  const knownFields = new KnownFields();
  charts.forEach((chart, index) => {
    // Each object is resolved once, as its own toJson() resolves it (cdk8s's chart.toJson() would infer the
    // dependencies and validate the whole app again: the pipeline did both once), checked and written to YAML at
    // once, then let go unless the caller keeps the objects: a large chart's objects would otherwise all survive
    // to the end of the synth (most of its peak memory). The documents are then put in apply order.
    const entries: ChartEntry[] = [];
    for (const apiObject of chartApiObjects(chart, tree)) {
      const json = resolution.json(apiObject);
      if (json === undefined) continue;
      const obj = stripClusterNamespace(json, registry);
      const entry: ChartEntry = {
        owner: apiObject,
        rank: applyOrderRank(String(obj?.apiVersion ?? ''), String(obj?.kind ?? '')),
        kind: String(obj?.kind),
        identity: identityOf(obj),
        problems: validate ? objectProblems(obj, registry, apiObject, onlyDeclaredFields(resolution, apiObject, obj, knownFields)) : [],
        text: '',
        object: keepObjects ? obj : undefined,
      };
      try {
        entry.text = yaml.write(obj, () => apiObject.node.path);
      } catch (e) {
        // a value YAML cannot hold, reported at the construct that emitted the object, with the other problems
        if (!(e instanceof OpsError)) throw e;
        entry.problems.push(...e.problems);
      }
      entries.push(entry);
    }
    // a stable sort: objects of one rank keep the order in which they were defined (sortForApply's order)
    entries.sort((a, b) => a.rank - b.rank);
    problems.push(...duplicateProblems(entries), ...entries.flatMap((e) => e.problems));
    const base = Names.toDnsLabel(chart);
    const name = indexed ? `${String(index).padStart(4, '0')}-${base}` : base;
    outputs.push({
      fileName: `${name}${outputFileExtension}`,
      chartId: chart.node.id,
      kinds: entries.map((e) => e.kind),
      objects: keepObjects ? entries.map((e) => e.object) : [],
      content: yamlDocumentBytes(entries.map((e) => e.text)),
    });
  });
  return outputs;
}

/** One object of a chart file while the file is built. */
interface ChartEntry {
  readonly owner: ApiObject;
  readonly rank: number;
  readonly kind: string;
  /** Group, kind, namespace and name (undefined without a name), for the duplicate check. */
  readonly identity?: { readonly group: string; readonly name: string; readonly namespace?: string };
  readonly problems: LocatedProblem[];
  text: string;
  readonly object?: any;
}

function identityOf(obj: any): ChartEntry['identity'] {
  const name = obj?.metadata?.name;
  if (typeof name !== 'string' || name === '') return undefined;
  return { group: groupOf(String(obj.apiVersion ?? '')), name, namespace: obj.metadata.namespace };
}

/**
 * The same object twice in one chart file would silently overwrite itself at apply (charts may target different
 * clusters, so the same object in two charts is fine): each repeat, in apply order, names the first.
 */
function duplicateProblems(entries: readonly ChartEntry[]): LocatedProblem[] {
  // keyed level by level on the object's own strings (a joined key per object is a new string to hash)
  const first = new Map<string, Map<string, Map<string, Map<string, ChartEntry>>>>();
  const level = <V>(map: Map<string, V>, key: string, make: () => V): V => {
    let found = map.get(key);
    if (found === undefined) {
      found = make();
      map.set(key, found);
    }
    return found;
  };
  const found: LocatedProblem[] = [];
  for (const entry of entries) {
    const id = entry.identity;
    if (!id) continue;
    const names = level(level(level(first, id.group, () => new Map()), entry.kind, () => new Map()), String(id.namespace ?? ''), () => new Map<string, ChartEntry>());
    const earlier = names.get(id.name);
    if (earlier === undefined) {
      names.set(id.name, entry);
      continue;
    }
    found.push({
      field: `${entry.kind}/${id.name}`,
      expected: `must be emitted once, but ${earlier.owner.node.path} emits the same ${entry.kind} (same group, namespace and name)`,
      got: formatValue(id.namespace ? `${id.namespace}/${id.name}` : id.name),
      fix: 'rename one of the objects, move it to another namespace, or emit it only once',
      path: entry.owner.node.path,
    });
  }
  return found;
}

/** Whether an object is proven to hold no field its kind does not declare (an L1 object: see KnownFields). */
function onlyDeclaredFields(resolution: ObjectResolution, apiObject: ApiObject, obj: any, known: KnownFields): boolean {
  const plan = resolution.propsPlan(apiObject);
  return plan !== undefined && known.l1Object(String(obj?.apiVersion), String(obj?.kind), plan);
}

/** An object's problems, located at the construct that emitted it, each field prefixed with the object. */
function objectProblems(obj: any, registry: KindRegistry, owner: ApiObject, declaredOnly: boolean): LocatedProblem[] {
  const found = validateObject(obj, registry, declaredOnly);
  if (found.length === 0) return [];
  const where = `${obj.kind}/${obj.metadata?.name ?? '?'}`;
  const path = owner.node.path;
  return found.map((p) => ({ ...p, field: p.field ? `${where} ${p.field}` : where, path }));
}

/**
 * An object's problems: a built-in kind's schema and value rules (its metadata among them), or, for any other kind
 * (custom resources, monitoring objects, kinds opskit does not know), the one ObjectMeta check and the kind's
 * registered validator; a problem both report is reported once.
 */
function validateObject(obj: any, registry: KindRegistry, declaredOnly: boolean): Problem[] {
  const custom = registry.lookup(String(obj.apiVersion), String(obj.kind));
  if (!custom && isBuiltinKind(String(obj.apiVersion), String(obj.kind))) return validateBuiltinObject(obj, declaredOnly);
  const clusterScoped = !isNamespacedKind(obj, registry);
  const meta = objectMetaProblems(obj.metadata, { name: ObjectNameRule.SUBDOMAIN, clusterScoped, unknownFields: true });
  const own = custom?.validator ? custom.validator.validateObject(obj) : [];
  const seen = new Set(own.map((p) => `${p.field}|${p.expected}|${p.got}`));
  return [...meta.filter((p) => !seen.has(`${p.field}|${p.expected}|${p.got}`)), ...own];
}
