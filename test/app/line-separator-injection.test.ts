import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import * as YAML from 'yaml';
import { OpsTesting } from '../../src/app/testing';
import { PrometheusRules } from '../../src/observability/prometheus-rules';
import { Operator } from '../../src/operator/operator';
import { checkRules, rulesFound, testRules, writePrometheusFiles } from '../observability/support/promtool';
import { tempDir } from '../support/files';
import { PROMTOOL_GENERATIONS } from '../support/generations';
import { describeWithTool, describeWithTools } from '../support/tools';
import { jsonModel } from '../support/yaml-documents';
import { disagreements, readWithGo } from '../support/yaml-oracles';

// Issue 9's acceptance for text: a multi-line string with U+2028 (which Go's YAML readers treat as a line
// break) yields exactly the rules, objects and fields opskit validated, as read by promtool and by Go readers.

/** An annotation (the last field of the rule file) that, written raw in a block scalar, makes Go readers see a second alerting rule. */
const INJECTED_ANNOTATION = 'first line\nsecond line\u2028      - alert: Injected\u2028        expr: vector(1)';
/** An env value that, written raw in a block scalar, makes Go readers see a container field opskit never validated. */
const INJECTED_ENV = 'a\nb\u2028          workingDir: /injected';

function rulesApp() {
  const app = OpsTesting.app();
  const chart = app.chart('rules', { namespace: 'monitoring' });
  const rules = new PrometheusRules(chart, 'api-rules', {
    metadata: { name: 'api' },
    groups: [{
      name: 'api',
      rules: [{
        alert: 'ApiDown',
        expr: 'up{job="api"} == 0',
        for: Duration.minutes(5),
        labels: { severity: 'critical' },
        annotations: { description: 'API down', summary: INJECTED_ANNOTATION },
      }],
    }],
  });
  return { app, rules };
}

function operatorApp() {
  const app = OpsTesting.app();
  const chart = app.chart('test');
  new Operator(chart, 'backup-operator', { image: 'ghcr.io/acme/backup-operator:v0.3.1', env: { NOTE: INJECTED_ENV } });
  return app;
}

for (const promtool of PROMTOOL_GENERATIONS) {
  describeWithTools([promtool.bin, 'yamlcheck'], `a U+2028 in a rule annotation (${promtool.label})`, () => {
    test('promtool finds exactly the rules opskit validated, and the annotation arrives whole', () => {
    // GIVEN
      const { app, rules } = rulesApp();
      rules.addTest({
        inputSeries: [{ series: 'up{job="api", instance="a"}', values: '0x15' }],
        alertRuleTests: [{
          evalTime: Duration.minutes(10),
          alertname: 'ApiDown',
          expAlerts: [{ expLabels: { severity: 'critical', job: 'api', instance: 'a' }, expAnnotations: { description: 'API down', summary: INJECTED_ANNOTATION } }],
        }],
      });
      // WHEN
      const out = OpsTesting.synth(app);
      const dir = writePrometheusFiles(out);
      const check = checkRules(promtool, dir, 'api.rules.yaml');
      const test = testRules(promtool, dir, 'api.test.yaml');
      // THEN
      expect(check.status).toBe(0);
      expect(rulesFound(check)).toBe(1);
      expect(test.stdout + test.stderr).toContain('SUCCESS');
      expect(test.status).toBe(0);
    });

    test('Go readers read the rule file as the groups of the PrometheusRule opskit validated', () => {
    // GIVEN
      const { app } = rulesApp();
      // WHEN
      const out = OpsTesting.synth(app);
      const validated = out.findObject('rules', 'PrometheusRule', 'api').spec;
      const [read] = readWithGo([out.file('prometheus/api.rules.yaml')]);
      // THEN
      expect(disagreements([{ groups: validated.groups }], read)).toEqual([]);
      expect(validated.groups[0].rules).toHaveLength(1);
      expect(validated.groups[0].rules[0].annotations.summary).toBe(INJECTED_ANNOTATION);
    });

    test('the text is a real injection: written raw, as the yaml package wrote it, Go readers see another rule', () => {
    // GIVEN
      const { app } = rulesApp();
      const ruleFile = YAML.parse(OpsTesting.synth(app).file('prometheus/api.rules.yaml'), { version: '1.1' });
      // WHEN
      const raw = YAML.stringify(ruleFile, { version: '1.1', lineWidth: 0 });
      const [read] = readWithGo([raw]);
      const dir = tempDir('opskit-raw-rules-');
      fs.writeFileSync(path.join(dir, 'api.rules.yaml'), raw);
      const check = checkRules(promtool, dir, 'api.rules.yaml');
      // THEN
      const goGroups = (read['gopkg.in/yaml.v2'].docs as any[])[0].groups;
      expect(goGroups[0].rules.map((r: any) => r.alert)).toEqual(['ApiDown', 'Injected']);
      expect(rulesFound(check)).toBe(2);
    });
  });
}

describeWithTool('yamlcheck', 'a U+2028 in a container env value', () => {
  test('Go readers (kubectl\'s sigs.k8s.io/yaml among them) read exactly the objects opskit validated', () => {
    // GIVEN
    const app = operatorApp();
    // WHEN
    const out = OpsTesting.synth(app);
    const [read] = readWithGo([out.chartYaml('test')]);
    // THEN
    expect(disagreements(out.manifests('test').map(jsonModel), read)).toEqual([]);
    const deployment = (read['sigs.k8s.io/yaml'].docs as any[]).find((o) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].workingDir).toBeUndefined();
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({ name: 'NOTE', value: INJECTED_ENV });
  });

  test('the text is a real injection: written raw, as the yaml package wrote it, Go readers see an extra field', () => {
    // GIVEN
    const deployment = OpsTesting.synth(operatorApp()).findObjects('test', 'Deployment')[0];
    // WHEN
    const [read] = readWithGo([YAML.stringify(deployment, { version: '1.1', lineWidth: 0 })]);
    // THEN
    expect((read['gopkg.in/yaml.v2'].docs as any[])[0].spec.template.spec.containers[0].workingDir).toBe('/injected');
    expect((read['sigs.k8s.io/yaml'].docs as any[])[0].spec.template.spec.containers[0].workingDir).toBe('/injected');
  });
});
