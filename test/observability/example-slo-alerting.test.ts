import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defineSloAlerting } from '../../examples/slo-alerting/slo-alerting';
import { OpsTesting } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import { describeEachPromtool } from '../support/generations';
import { runTool } from '../support/tools';
import { checkRules, rulesFound, testRules, writePrometheusFiles } from './support/promtool';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'slo-alerting');

describe('examples/slo-alerting', () => {
  test('defines a ServiceMonitor, two SLOs and hand-written rules, with rule files and tests', () => {
    // GIVEN
    const app = OpsTesting.app();

    // WHEN
    const { availability, latency, rules } = defineSloAlerting(app);
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObjects('slo-alerting', 'PrometheusRule').map((o) => o.metadata.name).sort()).toEqual(['checkout', 'checkout-requests-availability', 'checkout-requests-latency']);
    expect(out.findObject('slo-alerting', 'ServiceMonitor', 'checkout').spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'checkout' } });
    for (const set of [availability, latency, rules]) {
      expect(out.file(`prometheus/${set.ruleSetName}.rules.yaml`)).toBe(set.renderRuleFile());
      expect(parseYaml(set.renderRuleFile())).toEqual(out.findObject('slo-alerting', 'PrometheusRule', set.ruleSetName).spec);
      expect(out.fileNames).toContain(`prometheus/${set.ruleSetName}.test.yaml`);
    }
    expect(availability.unitTestLimitation).toBeUndefined();
    expect(latency.unitTestLimitation).toBeUndefined();
    expect(out.warnings).toEqual([]);
  });

  test('main.ts runs as it is (the program synthesizes itself)', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-slo-example-'));

    // WHEN
    const r = runTool('npx', ['ts-node', 'main.ts'], {
      cwd: EXAMPLE, env: { ...process.env, CDK8S_OUTDIR: path.join(dir, 'dist'), CDKTF_OUTDIR: path.join(dir, 'cdktf.out') },
    });

    // THEN
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(fs.readdirSync(path.join(dir, 'dist', 'prometheus')).sort()).toEqual(expect.arrayContaining([
      'checkout-requests-availability.rules.yaml', 'checkout-requests-availability.test.yaml',
      'checkout-requests-latency.rules.yaml', 'checkout-requests-latency.test.yaml',
      'checkout.rules.yaml', 'checkout.test.yaml',
    ]));
  });
});

describeEachPromtool('examples/slo-alerting through promtool', (promtool) => {
  test('every rule file passes check rules and every test file passes test rules', () => {
    // GIVEN
    const app = OpsTesting.app();
    defineSloAlerting(app);
    const out = OpsTesting.synth(app);
    const dir = writePrometheusFiles(out);

    for (const f of out.fileNames.filter((n) => n.endsWith('.rules.yaml')).map((n) => path.basename(n))) {
      // WHEN
      const check = checkRules(promtool, dir, f);
      // THEN
      expect({ f, status: check.status }).toEqual({ f, status: 0 });
      expect(rulesFound(check)).toBeGreaterThan(0);
    }
    for (const f of out.fileNames.filter((n) => n.endsWith('.test.yaml')).map((n) => path.basename(n))) {
      // WHEN
      const test = testRules(promtool, dir, f);
      // THEN
      expect({ f, status: test.status, output: test.stdout + test.stderr }).toEqual({ f, status: 0, output: expect.stringContaining('SUCCESS') });
    }
  });
});
