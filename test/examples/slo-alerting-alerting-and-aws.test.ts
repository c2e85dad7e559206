import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defineAlertingAndAws } from '../../examples/slo-alerting/alerting-and-aws';
import { defineSloAlerting } from '../../examples/slo-alerting/slo-alerting';
import { OpsTesting, SynthResult } from '../../src/app/testing';
import { unescapeTerraformTemplate } from '../../src/core/terraform-text';
import { parseYaml } from '../../src/core/yaml';
import { describeEachAmtool } from '../support/generations';
import { runTool } from '../support/tools';

const STACK = 'slo-alerting-aws';

function synth(): { out: SynthResult; parts: ReturnType<typeof defineAlertingAndAws>; slos: ReturnType<typeof defineSloAlerting> } {
  const app = OpsTesting.app();
  const slos = defineSloAlerting(app);
  const parts = defineAlertingAndAws(app, slos);
  return { out: OpsTesting.synth(app), parts, slos };
}

describe('examples/slo-alerting: alerting and AWS', () => {
  const { out, parts, slos } = synth();

  test('every rule set reaches AMP with exactly the text of its rule file', () => {
    for (const ruleSet of [slos.availability, slos.latency, slos.rules]) {
      const ns = out.findResource(STACK, 'aws_prometheus_rule_group_namespace', { name: ruleSet.ruleSetName });
      expect(unescapeTerraformTemplate(ns.data)).toBe(out.file(`prometheus/${ruleSet.ruleSetName}.rules.yaml`));
    }
  });

  test('SLO alerts reach on-call and the ticket queue in the cluster, and the SNS topics in AMP', () => {
    const alerts = [slos.availability, slos.latency].flatMap((slo) => slo._ruleGroups().flatMap((g) => g.rules)
      .filter((r) => r.alert !== undefined)
      .map((r): { [k: string]: string } => ({ alertname: r.alert!, sloth_id: slo.sloId, sloth_service: 'checkout', ...r.labels })));
    const page = alerts.filter((a) => a.sloth_severity === 'page');
    const ticket = alerts.filter((a) => a.sloth_severity === 'ticket');
    expect(page.length).toBeGreaterThan(0);
    expect(ticket.length).toBeGreaterThan(0);
    for (const a of page) {
      expect(parts.routing.routeFor(a)).toEqual(['on-call']);
      expect(parts.ampRouting.routeFor(a)).toEqual(['page']);
    }
    for (const a of ticket) {
      expect(parts.routing.routeFor(a)).toEqual(['ticket-queue']);
      expect(parts.ampRouting.routeFor(a)).toEqual(['ticket']);
    }
    expect(parts.routing.routeFor({ alertname: 'CheckoutTargetDown', severity: 'critical' })).toEqual(['on-call']);
  });

  test('dashboards are delivered to the Grafana sidecar and as files', () => {
    const maps = out.findObjects('slo-alerting', 'ConfigMap').filter((m: any) => m.metadata.labels?.grafana_dashboard === '1');
    expect(maps.map((m: any) => Object.keys(m.data)[0]).sort()).toEqual(['slo-checkout-requests-availability.json', 'slo-checkout-requests-latency.json']);
    for (const m of maps) {
      const [file, json] = Object.entries<string>(m.data)[0];
      expect(json).toBe(out.file(`grafana/${file}`));
    }
  });

  test('no Terraform string evaluates anything but references', () => {
    const tf = out.terraform(STACK);
    const texts = [
      ...Object.values<any>(tf.resource.aws_prometheus_rule_group_namespace).map((r) => r.data),
      ...Object.values<any>(tf.resource.aws_prometheus_alert_manager_definition).map((r) => r.definition.replace(/\$\{aws_sns_topic\.[\w-]+\.arn\}/g, 'arn')),
    ];
    // unescapeTerraformTemplate returns undefined for text with an unescaped `${` or `%{`
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.filter((t) => unescapeTerraformTemplate(t) === undefined)).toEqual([]);
  });
});

describeEachAmtool('examples/slo-alerting: Alertmanager files pass amtool', (amtool) => {
  test('alertmanager/slo-alerts.yaml passes check-config and routes like routeFor', () => {
    const { out, parts } = synth();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-example-am-'));
    try {
      const file = path.join(dir, 'slo-alerts.yaml');
      fs.writeFileSync(file, out.file('alertmanager/slo-alerts.yaml'));
      const check = runTool(amtool.bin, ['check-config', file]);
      expect(check.stdout).toContain('SUCCESS');
      expect(check.status).toBe(0);
      const table: Array<{ [k: string]: string }> = [{ sloth_severity: 'page' }, { sloth_severity: 'ticket' }, { severity: 'critical' }, { severity: 'warning' }];
      for (const labels of table) {
        const r = runTool(amtool.bin, ['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
        expect(r.stdout.trim().split(',')).toEqual(parts.routing.routeFor(labels));
      }
      // the AMP definition's inner configuration, with the topic references resolved to example ARNs
      const def = Object.values<any>(out.findResources(STACK, 'aws_prometheus_alert_manager_definition'))[0].definition as string;
      const doc = parseYaml(unescapeTerraformTemplate(def.replace(/\$\{aws_sns_topic\.[\w-]+\.arn\}/g, 'arn:aws:sns:eu-west-1:123456789012:t'))!);
      for (const [n, t] of Object.entries<string>(doc.template_files)) fs.writeFileSync(path.join(dir, n), t);
      fs.writeFileSync(path.join(dir, 'amp.yaml'), doc.alertmanager_config);
      const amp = runTool(amtool.bin, ['check-config', path.join(dir, 'amp.yaml')]);
      expect(amp.stdout).toContain('SUCCESS');
      expect(amp.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
