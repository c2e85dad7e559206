import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYaml, toYaml } from '../../../src/core/yaml';
import { AlertmanagerRouteSpec } from '../../../src/observability/model/alertmanager';
import { renderAlertmanagerYamlObject } from '../../../src/observability/model/alertmanager-render';
import { receiversFor, routeFor } from '../../../src/observability/model/alertmanager-route-for';
import { ROUTING_TABLE, SLO_ROUTING } from '../../fixtures/observability/alertmanager-specs';
import { describeEachAmtool, ToolGeneration } from '../../support/generations';
import { describeReference } from '../../support/reference';
import { runTool } from '../../support/tools';

/** Runs `amtool config routes test` and returns the receivers it prints. */
function amtoolRoutes(amtool: ToolGeneration, configFile: string, labels: { [k: string]: string }): string[] {
  const args = ['config', 'routes', 'test', `--config.file=${configFile}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
  const r = runTool(amtool.bin, args);
  if (r.status !== 0) throw new Error(`${amtool.label} ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
  return r.stdout.trim().split(',');
}

describe('routeFor', () => {
  test.each(ROUTING_TABLE)('$name', ({ labels, receivers }) => {
    // WHEN
    const got = receiversFor(SLO_ROUTING.route, labels);
    // THEN
    expect(got).toEqual(receivers);
  });

  test('children inherit grouping and timing, and time intervals are per route', () => {
    // WHEN
    const [m] = routeFor(SLO_ROUTING.route, { sloth_severity: 'page' });
    // THEN
    expect(m).toEqual({
      receiver: 'quiet',
      path: 'route.routes[1].routes[1]',
      groupBy: ['alertname', 'sloth_service', 'sloth_slo'],
      groupWait: '30s',
      groupInterval: '5m',
      repeatInterval: '1h',
      muteTimeIntervals: ['offhours'],
      activeTimeIntervals: [],
    });
  });

  test('the root route uses Alertmanager defaults when it sets no timing', () => {
    // WHEN
    const [m] = routeFor({ receiver: 'r' }, { a: 'b' });
    // THEN
    expect(m).toMatchObject({ receiver: 'r', path: 'route', groupBy: [], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' });
  });
});

describeEachAmtool('routeFor agrees with amtool config routes test', (amtool) => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-am-'));
    file = path.join(dir, 'alertmanager.yaml');
    fs.writeFileSync(file, toYaml(renderAlertmanagerYamlObject(SLO_ROUTING)));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(ROUTING_TABLE)('$name', ({ labels }) => {
    // WHEN
    const ours = receiversFor(SLO_ROUTING.route, labels);
    // THEN
    expect(ours).toEqual(amtoolRoutes(amtool, file, labels));
  });

  test('and on a deterministic sample of label combinations', () => {
    // GIVEN every combination of values the tree's matchers care about ('' = label absent), every 5th one
    const dims: Array<[string, string[]]> = [
      ['sloth_severity', ['page', 'ticket', '']], ['team', ['db', 'storage', 'dbx', 'lab-1', 'web', '']],
      ['env', ['prod', 'dev', '']], ['audit', ['true', '']], ['severity', ['warn', 'warning', 'WARNING', '']],
    ];
    let combos: Array<{ [k: string]: string }> = [{}];
    for (const [name, values] of dims) {
      combos = combos.flatMap((c) => values.map((v) => (v === '' ? { ...c } : { ...c, [name]: v })));
    }
    const sample = combos.filter((_, i) => i % 5 === 0);
    // WHEN / THEN
    const mismatches = sample
      .map((labels) => ({ labels, ours: receiversFor(SLO_ROUTING.route, labels), amtool: amtoolRoutes(amtool, file, labels) }))
      .filter((r) => r.ours.join(',') !== r.amtool.join(','));
    expect(sample.length).toBeGreaterThan(80);
    expect(mismatches).toEqual([]);
  });
});

/** Converts a reference configuration's route (deprecated `match`/`match_re` or `matchers`) to the model. */
function toModelRoute(r: any): AlertmanagerRouteSpec {
  const matchers: string[] = [...(r.matchers ?? [])];
  for (const [k, v] of Object.entries(r.match ?? {})) matchers.push(`${k}=${JSON.stringify(String(v))}`);
  for (const [k, v] of Object.entries(r.match_re ?? {})) matchers.push(`${k}=~${JSON.stringify(String(v))}`);
  return {
    receiver: r.receiver,
    continue: r.continue,
    matchers: matchers.length > 0 ? matchers : undefined,
    routes: r.routes?.map(toModelRoute),
  };
}

describeReference('routeFor on Alertmanager\'s own routing test cases', 'observability/alertmanager/cli-testdata', (dir) => {
  const cases: Array<{ configFile: string; labels: { [k: string]: string }; expectedReceivers: string[] }> =
    JSON.parse(fs.readFileSync(path.join(dir, 'routing-cases.json'), 'utf8')).cases;

  test.each(cases.map((c) => ({ ...c, name: `${c.configFile} ${JSON.stringify(c.labels)}` })))('$name', (c) => {
    // GIVEN
    const config = parseYaml(fs.readFileSync(path.join(dir, c.configFile), 'utf8'));
    // WHEN
    const got = receiversFor(toModelRoute(config.route), c.labels);
    // THEN
    expect(got).toEqual(c.expectedReceivers);
  });

  describeEachAmtool('and amtool agrees on the same files', (amtool) => {
    test.each(cases.map((c) => ({ ...c, name: `${c.configFile} ${JSON.stringify(c.labels)}` })))('$name', (c) => {
      expect(amtoolRoutes(amtool, path.join(dir, c.configFile), c.labels)).toEqual(c.expectedReceivers);
    });
  });
});
