import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { OpsApp } from '../../src/app/ops-app';
import { chartApiObjects, chartsInOrder, dependencyOrder, inferDependencies } from '../../src/core/dependency-order';
import { OpsErrors } from '../../src/core/ops-error';
import { parseYamlDocuments } from '../../src/core/yaml';

/*
 * The synth pipeline orders charts and objects itself instead of calling cdk8s's chart.toJson(); these tests prove
 * the order is cdk8s's, on generated apps with nested charts and dependencies between constructs, objects and charts.
 */

/** One step of building an app: a node under an earlier node, or a dependency between two earlier nodes. */
type Step = { add: 'chart' | 'group' | 'object'; under: number } | { depend: number; on: number };

const STEPS = fc.array(fc.oneof(
  fc.record({ add: fc.constantFrom<'chart' | 'group' | 'object'>('chart', 'group', 'object', 'object'), under: fc.nat(40) }),
  fc.record({ depend: fc.nat(40), on: fc.nat(40) }),
), { minLength: 1, maxLength: 40 });

/** Builds the same app from the same steps (node 0 is a first chart; a chart is only nested under a chart). */
function build(steps: readonly Step[]): App {
  const app = new App();
  const nodes: IConstruct[] = [new Chart(app, 'c0')];
  steps.forEach((step, i) => {
    if ('add' in step) {
      const parent = nodes[step.under % nodes.length];
      const id = `n${i}`;
      if (step.add === 'chart') nodes.push(Chart.isChart(parent) ? new Chart(parent, id) : new Chart(app, id));
      else if (step.add === 'group') nodes.push(new Construct(parent, id));
      else nodes.push(new ApiObject(parent, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id }, data: { i: String(i) } }));
    } else {
      const [a, b] = [nodes[step.depend % nodes.length], nodes[step.on % nodes.length]];
      if (a !== b) a.node.addDependency(b);
    }
  });
  return app;
}

/**
 * cdk8s's own rendering, as its `App.synth()` does it: the dependencies inferred (here by a first chart.toJson()),
 * then the charts in order, each chart's objects by chart.toJson(); or the error.
 */
function cdk8sOutput(app: App): unknown {
  try {
    app.charts[0]?.toJson();
    return app.charts.map((c) => [c.node.path, c.toJson()]);
  } catch (e) {
    return (e as Error).message.startsWith('Dependency cycle detected') ? 'cycle' : (e as Error).message;
  }
}

function opskitOutput(app: App): unknown {
  try {
    inferDependencies(app);
    return chartsInOrder(app).map((c) => [c.node.path, chartApiObjects(c).map((o) => o.toJson())]);
  } catch (e) {
    return OpsErrors.isOpsError(e) ? 'cycle' : (e as Error).message;
  }
}

describe('dependency order', () => {
  test('charts and objects come in cdk8s\'s order, on 500 generated apps', () => {
    fc.assert(fc.property(STEPS, (steps) => {
      expect(opskitOutput(build(steps))).toEqual(cdk8sOutput(build(steps)));
    }), { seed: 20261206, numRuns: 500 });
  });

  test('dependencyOrder is DependencyGraph.topology() for every scope', () => {
    fc.assert(fc.property(STEPS, (steps) => {
      const app = build(steps);
      for (const scope of app.node.findAll()) {
        let expected: string[] | 'cycle';
        try {
          expected = new DependencyGraph(scope.node).topology().map((c) => c.node.path);
        } catch {
          expected = 'cycle';
        }
        let actual: string[] | 'cycle';
        try {
          actual = dependencyOrder(scope).map((c) => c.node.path);
        } catch (e) {
          if (!OpsErrors.isOpsError(e)) throw e;
          actual = 'cycle';
        }
        expect(actual).toEqual(expected);
      }
    }), { seed: 20261207, numRuns: 300 });
  });

  test('fails on a dependency cycle, naming the constructs on it', () => {
    // GIVEN
    const app = new App();
    const chart = new Chart(app, 'c');
    const a = new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap' });
    const b = new ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap' });
    const c = new ApiObject(chart, 'c', { apiVersion: 'v1', kind: 'ConfigMap' });
    a.node.addDependency(b);
    b.node.addDependency(c);
    c.node.addDependency(b);
    // WHEN
    let error: unknown;
    try {
      chartApiObjects(chart);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(OpsErrors.problemsOf(error)).toEqual([expect.objectContaining({ field: 'dependencies', got: 'c/b => c/c => c/b', path: 'c/b' })]);
  });

  test('inferring twice adds nothing', () => {
    // GIVEN
    const app = new App();
    const one = new Chart(app, 'one');
    const two = new Chart(app, 'two');
    new ApiObject(one, 'a', { apiVersion: 'v1', kind: 'ConfigMap' });
    new ApiObject(two, 'b', { apiVersion: 'v1', kind: 'ConfigMap' });
    one.addDependency(two);
    // WHEN
    inferDependencies(app);
    const first = app.node.findAll().map((c) => c.node.dependencies.length);
    inferDependencies(app);
    // THEN
    expect(app.node.findAll().map((c) => c.node.dependencies.length)).toEqual(first);
    expect(chartsInOrder(app).map((c) => c.node.id)).toEqual(['two', 'one']);
  });
});

describe('chart files in the order and with the names of cdk8s\'s synth', () => {
  /** Two top-level charts, one depending on the other through a construct, and a chart nested in the second. */
  function define(root: Construct): void {
    const base = new Chart(root, 'base');
    const baseCm = new ApiObject(base, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'base' } });
    const web = new Chart(root, 'web');
    const group = new Construct(web, 'group');
    new ApiObject(group, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } });
    group.node.addDependency(baseCm);
    const nested = new Chart(web, 'nested');
    new ApiObject(nested, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nested' } });
  }

  test('on the first synth of an app with nested and dependent charts', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-deps-'));
    const chartFiles = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.k8s.yaml')).sort()
      .map((f) => [f, parseYamlDocuments(fs.readFileSync(path.join(folder, f), 'utf8')).map((o) => o.metadata.name)]);
    try {
      const plain = new App({ outdir: path.join(dir, 'plain') });
      define(plain);
      plain.synth();
      const app = new OpsApp({ outdir: path.join(dir, 'ops'), terraformOutdir: path.join(dir, 'tf') });
      define(app.k8s);
      // WHEN
      app.synth();
      // THEN
      expect(chartFiles(path.join(dir, 'ops'))).toEqual(chartFiles(path.join(dir, 'plain')));
      expect(chartFiles(path.join(dir, 'ops')).map(([f]) => f)).toEqual(['0000-web-nested-c8d7ac44.k8s.yaml', '0001-base.k8s.yaml', '0002-web.k8s.yaml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
