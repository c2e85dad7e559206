import * as fs from 'fs';
import { parseYaml } from '../../src/core/yaml';
import { describeEachPromtool, ToolGeneration } from '../support/generations';
import { describeReference } from '../support/reference';
import { checkRules, rulesFound, testRules, writePrometheusFiles } from './support/promtool';
import { buildCase, exampleCases, integrationCases, SlothCase } from './support/sloth-cases';

/**
 * Proof by the real tool: every rule file opskit emits for the Sloth cases passes `promtool check rules`,
 * and every SLO's generated unit test passes `promtool test rules`.
 */
/**
 * SLOs whose SLI is outside what opskit synthesizes traffic for (a subquery over `count(x < 0.75)` joined
 * with `or on() vector(0)`): their generated test checks the metadata rules only.
 */
const METADATA_ONLY = new Set(['home-wifi-good-wifi-client-satisfaction', 'home-wifi-risk-wifi-client-satisfaction']);

function proveCase(promtool: ToolGeneration, c: SlothCase) {
  // GIVEN
  const { slos, out } = buildCase(c);
  const dir = writePrometheusFiles(out);

  for (const s of slos) {
    const name = s.construct.ruleSetName;
    expect({ name, limited: s.construct.unitTestLimitation !== undefined }).toEqual({ name, limited: METADATA_ONLY.has(name) });
    if (!METADATA_ONLY.has(name)) {
      const tests = parseYaml(out.file(`prometheus/${name}.test.yaml`)).tests;
      expect(tests).toHaveLength(2);
      const alerting = out.findObject('slos', 'PrometheusRule', name).spec.groups.some((g: any) => g.rules.some((r: any) => r.alert));
      if (alerting) {
        expect(tests[0].alert_rule_test.flatMap((t: any) => t.exp_alerts).length).toBeGreaterThan(0);
        expect(tests[1].alert_rule_test.flatMap((t: any) => t.exp_alerts)).toEqual([]);
      }
    }
    // WHEN
    const check = checkRules(promtool, dir, `${name}.rules.yaml`);
    // THEN
    expect({ name, status: check.status, output: check.stdout + check.stderr }).toEqual(expect.objectContaining({ status: 0 }));
    const ruleCount = out.findObject('slos', 'PrometheusRule', name).spec.groups.reduce((n: number, g: any) => n + g.rules.length, 0);
    expect(rulesFound(check)).toBe(ruleCount);

    // WHEN
    expect(fs.existsSync(`${dir}/${name}.test.yaml`)).toBe(true);
    const test = testRules(promtool, dir, `${name}.test.yaml`);
    // THEN
    expect({ name, status: test.status, output: test.stdout + test.stderr }).toEqual(expect.objectContaining({ status: 0 }));
    expect(test.stdout).toContain('SUCCESS');
  }
}

describeEachPromtool('promtool accepts the rules and unit tests of every Sloth case', (promtool) => {
  describeReference('Sloth core examples through promtool', 'observability/sloth/examples', (dir) => {
    test.each(exampleCases(dir).map((c) => [c.name, c] as const))('%s: check rules and test rules pass', (_n, c) => proveCase(promtool, c));
  });
  describeReference('Sloth integration cases through promtool', 'observability/sloth/integration', (dir) => {
    test.each(integrationCases(dir).map((c) => [c.name, c] as const))('%s: check rules and test rules pass', (_n, c) => proveCase(promtool, c));
  });
});
