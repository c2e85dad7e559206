import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConstructTree } from './construct-tree';
import { OpsError } from './ops-error';

/*
 * The order in which cdk8s emits charts and objects, computed without `chart.toJson()`. cdk8s's `toJson()` infers
 * the app's dependencies, validates the whole app and sorts the chart with a `DependencyGraph` on every call; the
 * synth pipeline validates the app once itself, infers the dependencies once (`inferDependencies`) and reads each
 * scope in the same order (`dependencyOrder`), which is cdk8s's `DependencyGraph.topology()` computed in linear time.
 */

/**
 * Records the dependencies cdk8s infers before it renders a chart (its `resolveDependencies`): a chart depends on
 * the charts nested in it; a construct's dependency on a construct of another chart makes its chart depend on that
 * chart; and every ApiObject under a construct depends on every ApiObject of its chart under the construct it
 * depends on. Idempotent (dependencies are a set). `tree`: the app's tree when the caller walked it already.
 */
export function inferDependencies(app: IConstruct, tree: ConstructTree = ConstructTree.of(app)): void {
  const all = tree.all;
  // each chart nested in a chart, in pre-order (its parent's children in their order), found from the child's side:
  // listing a chart's children is slow for a chart of many objects
  for (const child of all) {
    const parent = child.node.scope;
    if (parent && Chart.isChart(child) && Chart.isChart(parent)) parent.node.addDependency(child);
  }
  for (const [source, target] of dependencyPairs(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) sourceChart.node.addDependency(targetChart);
  }
  // the chart dependencies just added count here too, as in cdk8s
  const objectsUnder = new Map<IConstruct, ApiObject[]>();
  const objectsOf = (scope: IConstruct): ApiObject[] => {
    let found = objectsUnder.get(scope);
    if (!found) {
      const chart = Chart.of(scope);
      found = tree.subtree(scope).filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
      objectsUnder.set(scope, found);
    }
    return found;
  };
  for (const [source, target] of dependencyPairs(all)) {
    const targets = objectsOf(target);
    if (targets.length === 0) continue;
    for (const s of objectsOf(source)) {
      for (const t of targets) if (s !== t) s.node.addDependency(t);
    }
  }
}

function dependencyPairs(all: readonly IConstruct[]): Array<[IConstruct, IConstruct]> {
  const pairs: Array<[IConstruct, IConstruct]> = [];
  for (const c of all) for (const d of c.node.dependencies) pairs.push([c, d]);
  return pairs;
}

/**
 * The constructs of `scope`'s subtree in cdk8s's dependency order (`new DependencyGraph(scope.node).topology()`):
 * dependencies within the subtree first, otherwise the tree's pre-order; dependencies outside the subtree are
 * ignored. A dependency cycle is an `OpsError` naming the constructs on it. `tree`: a walk of the app that holds
 * `scope`, when the caller has one.
 */
export function dependencyOrder(scope: IConstruct, tree?: ConstructTree): IConstruct[] {
  const nodes = tree ? tree.subtree(scope) : scope.node.findAll();
  const members = new Set<IConstruct>(nodes);
  const edges = new Map<IConstruct, IConstruct[]>();
  const depended = new Set<IConstruct>();
  for (const n of nodes) {
    const deps = n.node.dependencies;
    if (deps.length === 0) continue;
    const inside: IConstruct[] = [];
    for (const d of deps) {
      if (members.has(d) && !inside.includes(d)) {
        inside.push(d);
        depended.add(d);
      }
    }
    if (inside.length > 0) edges.set(n, inside);
  }
  if (edges.size === 0) return nodes;
  const done = new Set<IConstruct>();
  const active = new Set<IConstruct>();
  const order: IConstruct[] = [];
  const visit = (n: IConstruct): void => {
    if (done.has(n)) return;
    if (active.has(n)) throw cycleError(n, edges, done);
    active.add(n);
    for (const d of edges.get(n) ?? []) visit(d);
    active.delete(n);
    done.add(n);
    order.push(n);
  };
  for (const n of nodes) if (!depended.has(n)) visit(n);
  // a construct on a cycle has a dependant, so a cycle is left unvisited: visiting the rest finds it
  if (order.length < nodes.length) for (const n of nodes) visit(n);
  return order;
}

function cycleError(start: IConstruct, edges: Map<IConstruct, IConstruct[]>, done: ReadonlySet<IConstruct>): OpsError {
  // `start` is on the cycle: the route back to it through constructs not yet ordered
  const seen = new Set<IConstruct>();
  const route: IConstruct[] = [];
  const find = (n: IConstruct): boolean => {
    route.push(n);
    for (const d of edges.get(n) ?? []) {
      if (d === start) return true;
      if (done.has(d) || seen.has(d)) continue;
      seen.add(d);
      if (find(d)) return true;
    }
    route.pop();
    return false;
  };
  find(start);
  const cycle = [...route, start];
  return new OpsError([{
    field: 'dependencies',
    expected: 'must not form a cycle (cdk8s orders objects by their dependencies)',
    got: cycle.map((c) => c.node.path).join(' => '),
    fix: 'remove one of the addDependency() calls on the cycle',
    path: start.node.path || '<root>',
  }]);
}

/** The charts of an app in cdk8s's order (`App.charts`). */
export function chartsInOrder(app: IConstruct, tree?: ConstructTree): Chart[] {
  return dependencyOrder(app, tree).filter((c): c is Chart => Chart.isChart(c));
}

/** The ApiObjects of a chart (not of charts nested in it) in cdk8s's emit order. */
export function chartApiObjects(chart: Chart, tree?: ConstructTree): ApiObject[] {
  return dependencyOrder(chart, tree).filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}
