import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { OpsTesting } from '../../../src/app/testing';
import { unescapeTerraformTemplate } from '../../../src/core/terraform-text';
import { parseYaml } from '../../../src/core/yaml';
import { AlertmanagerRouting } from '../../../src/observability/alertmanager-routing';
import { AlertTopic, SubscriptionProtocol } from '../../../src/observability/aws/alert-topic';
import { ManagedPrometheus } from '../../../src/observability/aws/managed-prometheus';
import { PrometheusRules } from '../../../src/observability/prometheus-rules';
import { ServiceLevelObjective } from '../../../src/observability/service-level-objective';
import { describeEachAmtool } from '../../support/generations';
import { runTool } from '../../support/tools';

const RULES = `groups:
- name: api
  rules:
  - alert: ApiDown
    expr: up{job="api"} == 0
    labels:
      severity: page
    annotations:
      summary: "\${job} is down (%{literal}) {{ $labels.instance }}"
`;

/** A hand-written rule set whose annotation holds Terraform syntax that must stay literal. */
function apiRules(app: ReturnType<typeof OpsTesting.app>): PrometheusRules {
  return new PrometheusRules(app.chart('k8s'), 'api-rules', {
    metadata: { name: 'api' },
    groups: [{
      name: 'api',
      rules: [{
        alert: 'ApiDown',
        expr: 'up{job="api"} == 0',
        labels: { severity: 'page' },
        annotations: { summary: '${job} is down (%{literal}) {{ $labels.instance }}' },
      }],
    }],
  });
}

function setup(routingChange: any = {}) {
  const app = OpsTesting.app();
  const stack = app.stack('aws', { aws: { region: 'eu-west-1' } });
  const page = new AlertTopic(stack, 'page', { subscriptions: [{ protocol: SubscriptionProtocol.EMAIL, endpoint: 'oncall@example.com' }] });
  const routing = new AlertmanagerRouting(stack, 'amp-routing', {
    artifact: false,
    route: { receiver: 'page', groupBy: ['alertname', 'sloth_service', 'sloth_slo'], repeatInterval: Duration.hours(4) },
    receivers: [{ name: 'page', snsConfigs: [{ topicArn: page.topicArn, sigv4Region: 'eu-west-1', subject: '${not-terraform} {{ .CommonLabels.alertname }}' }] }],
    templateFiles: { default_template: '{{ define "sns.default.message" }}{{ .CommonAnnotations.summary }} %{x}{{ end }}' },
    ...routingChange,
  });
  return { app, stack, page, routing };
}

describe('ManagedPrometheus', () => {
  test('defaults: creates a workspace and nothing else', () => {
    // GIVEN
    const app = OpsTesting.app();
    const stack = app.stack('aws', { aws: { region: 'eu-west-1' } });
    // WHEN
    new ManagedPrometheus(stack, 'amp');
    const out = OpsTesting.synth(app);
    // THEN
    expect(Object.keys(out.findResources('aws', 'aws_prometheus_workspace'))).toHaveLength(1);
    expect(out.findResources('aws', 'aws_prometheus_rule_group_namespace')).toEqual({});
    expect(out.findResources('aws', 'aws_prometheus_alert_manager_definition')).toEqual({});
  });

  test('escapes Terraform template syntax in the alias and tags of the workspace and its namespaces', () => {
    // GIVEN
    const app = OpsTesting.app();
    const stack = app.stack('aws', { aws: { region: 'eu-west-1' } });
    const rules = new PrometheusRules(app.chart('k8s'), 'api', { metadata: { name: 'api' }, groups: [{ name: 'g', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] }] });
    // WHEN
    new ManagedPrometheus(stack, 'amp', { alias: 'platform ${env}', tags: { owner: 'team %{x}' }, ruleSets: [rules] });
    const out = OpsTesting.synth(app);
    // THEN
    const ws = out.findResource('aws', 'aws_prometheus_workspace', {});
    expect(ws.alias).toBe('platform $${env}');
    expect(ws.tags).toEqual({ owner: 'team %%{x}' });
    expect(out.findResource('aws', 'aws_prometheus_rule_group_namespace', { name: 'api' }).tags).toEqual({ owner: 'team %%{x}' });
  });

  test('delivers rules, the alert manager definition and topic policies, escaped for Terraform', () => {
    // GIVEN
    const { app, stack, page, routing } = setup();
    const rules = apiRules(app);
    // WHEN
    new ManagedPrometheus(stack, 'amp', { alias: 'platform', alertmanager: routing, alertTopics: [page], ruleSets: [rules] });
    const out = OpsTesting.synth(app);
    // THEN the rule namespace holds the rule file, escaped, and reads back identical to the cluster's file
    const ns = out.findResource('aws', 'aws_prometheus_rule_group_namespace', { name: 'api' });
    expect(ns.workspace_id).toMatch(/^\$\{aws_prometheus_workspace\.[\w-]+\.id\}$/);
    expect(ns.data).toContain('$${job} is down (%%{literal})');
    expect(unescapeTerraformTemplate(ns.data)).toBe(out.file('prometheus/api.rules.yaml'));
    expect(parseYaml(unescapeTerraformTemplate(ns.data)!)).toEqual(parseYaml(RULES));
    // AND the definition is escaped except for the topic reference
    const def = out.findResource('aws', 'aws_prometheus_alert_manager_definition', {});
    const topicRef = def.definition.match(/\$\{aws_sns_topic\.[\w-]+\.arn\}/g);
    expect(topicRef).toHaveLength(1);
    const literal = unescapeTerraformTemplate(def.definition.replace(topicRef[0], 'arn:aws:sns:eu-west-1:123456789012:page'));
    expect(literal).toBeDefined();
    const doc = parseYaml(literal!);
    expect(doc.template_files.default_template).toContain('%{x}');
    const inner = parseYaml(doc.alertmanager_config);
    expect(inner.templates).toEqual(['default_template']);
    expect(inner.receivers[0].sns_configs[0]).toEqual({
      topic_arn: 'arn:aws:sns:eu-west-1:123456789012:page', sigv4: { region: 'eu-west-1' }, subject: '${not-terraform} {{ .CommonLabels.alertname }}',
    });
    // AND the topic lets this workspace publish
    const policy = JSON.parse(out.findResource('aws', 'aws_sns_topic_policy', {}).policy);
    expect(policy.Statement[0]).toMatchObject({ Principal: { Service: 'aps.amazonaws.com' }, Action: ['sns:Publish', 'sns:GetTopicAttributes'] });
    expect(policy.Statement[0].Condition.ArnEquals['aws:SourceArn']).toMatch(/^\$\{aws_prometheus_workspace\.[\w-]+\.arn\}$/);
    // AND the routing wrote no file (its topic ARN is a Terraform reference)
    expect(out.fileNames.filter((f) => f.startsWith('alertmanager/'))).toEqual([]);
  });

  test('uses an existing workspace by id', () => {
    // GIVEN
    const app = OpsTesting.app();
    const stack = app.stack('aws', { aws: { region: 'eu-west-1' } });
    // WHEN
    new ManagedPrometheus(stack, 'amp', { workspaceId: 'ws-0123abcd-4567-89ef-0123-456789abcdef', ruleSets: [apiRules(app)] });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findResources('aws', 'aws_prometheus_workspace')).toEqual({});
    expect(out.findResource('aws', 'aws_prometheus_rule_group_namespace', { name: 'api' }).workspace_id).toBe('ws-0123abcd-4567-89ef-0123-456789abcdef');
  });

  test('fails when the repeat interval is longer than AMP allows', () => {
    const { stack, routing } = setup({ route: { receiver: 'page', repeatInterval: Duration.days(6) } });
    expect(() => new ManagedPrometheus(stack, 'amp', { alertmanager: routing }))
      .toThrow(/alertmanager\.route\.repeatInterval must be at most 5d for Amazon Managed Service for Prometheus \(it treats longer intervals as 5d\), got "6d" — use 5d or less, e.g. Duration.hours\(4\)[^]*at path \[aws\/amp\]/);
  });

  test('fails when a receiver is not SNS', () => {
    const { stack } = setup();
    const slackish = new AlertmanagerRouting(stack, 'r2', { artifact: false, route: { receiver: 'w' }, receivers: [{ name: 'w', webhookConfigs: [{ url: 'https://x.example.com/' }] }] });
    expect(() => new ManagedPrometheus(stack, 'amp', { alertmanager: slackish }))
      .toThrow(/alertmanager\.receivers\[0\]\.webhookConfigs must be empty for Amazon Managed Service for Prometheus \(its only receiver type is SNS\)[^]*at path \[aws\/amp\]/);
  });

  test('fails when an existing workspace is combined with creation settings', () => {
    const { stack } = setup();
    expect(() => new ManagedPrometheus(stack, 'amp', { workspaceId: 'ws-0123abcd', alias: 'x' }))
      .toThrow(/alias must not be set with workspaceId[^]*at path \[aws\/amp\]/);
  });

  test.each<[string, (page: AlertTopic) => any, RegExp]>([
    ['the KMS key is not a key ARN', () => ({ kmsKeyArn: 'my-key' }), /kmsKeyArn must be a KMS key ARN, got "my-key"/],
    ['the workspace ARN is not a workspace ARN', () => ({ workspaceId: 'ws-0123abcd', workspaceArn: 'arn:aws:aps:eu-west-1:123456789012:ws-0123abcd' }), /workspaceArn must be an AMP workspace ARN/],
    ['a topic is listed twice (a construct id clash before)', (page) => ({ alertTopics: [page, page] }), /alertTopics\[1\] must not repeat a topic \(or a topic with the same construct id as alertTopics\[0\]\), got "aws\/page"/],
  ])('fails when %s', (_name, props, message) => {
    const { stack, page } = setup();
    expect(() => new ManagedPrometheus(stack, 'amp', props(page))).toThrow(new RegExp(`${message.source}[^]*at path \\[aws\\/amp\\]`));
  });

  test('fails when two rule sets share a namespace name', () => {
    const { app, stack } = setup();
    const rules = apiRules(app);
    const amp = new ManagedPrometheus(stack, 'amp', { ruleSets: [rules] });
    expect(() => amp.addRuleSet(rules)).toThrow(/namespaceName must be unique in the workspace, got "api"[^]*at path \[aws\/amp\]/);
  });

  test('fails when a namespace name has a slash', () => {
    const { app, stack } = setup();
    const amp = new ManagedPrometheus(stack, 'amp');
    expect(() => amp.addRuleSet(apiRules(app), 'team/api')).toThrow(/namespaceName must be 1-64 letters[^]*at path \[aws\/amp\]/);
  });

  test('fails when the rule text is not a rule file', () => {
    const { stack } = setup();
    const amp = new ManagedPrometheus(stack, 'amp');
    expect(() => amp.addRuleFileText('x', 'alert: A')).toThrow(/ruleFile must be a Prometheus rule file with a top-level groups: key[^]*at path \[aws\/amp\]/);
  });

  test('the same SLO yields identical rule YAML in the PrometheusRule and in the AMP rule-group namespace', () => {
    // GIVEN
    const { app, stack } = setup();
    const slo = new ServiceLevelObjective(app.chart('k8s'), 'availability', {
      service: 'api',
      name: 'availability',
      objective: 99.9,
      sli: { events: { errorQuery: 'sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(http_requests_total{job="api"}[{{.window}}]))' } },
      alerting: { name: 'ApiAvailability', pageAlert: { annotations: { summary: 'budget burn \${too_fast} %{x}' } } },
    });
    // WHEN
    new ManagedPrometheus(stack, 'amp', { ruleSets: [slo] });
    const out = OpsTesting.synth(app);
    // THEN
    const ns = out.findResource('aws', 'aws_prometheus_rule_group_namespace', { name: slo.ruleSetName });
    const amp = unescapeTerraformTemplate(ns.data)!;
    expect(amp).toBe(out.file(`prometheus/${slo.ruleSetName}.rules.yaml`));
    const prometheusRule = out.findObjects('k8s', 'PrometheusRule').find((o: any) => o.spec.groups.some((g: any) => g.name.endsWith(slo.sloId)));
    expect(parseYaml(amp)).toEqual(prometheusRule.spec);
  });
});

describeEachAmtool('the AMP alert manager definition passes amtool check-config', (amtool) => {
  test('after Terraform would resolve and unescape it', () => {
    // GIVEN
    const { app, stack, page, routing } = setup();
    new ManagedPrometheus(stack, 'amp', { alertmanager: routing, alertTopics: [page] });
    const def = OpsTesting.synth(app).findResource('aws', 'aws_prometheus_alert_manager_definition', {}).definition as string;
    const doc = parseYaml(unescapeTerraformTemplate(def.replace(/\$\{aws_sns_topic\.[\w-]+\.arn\}/, 'arn:aws:sns:eu-west-1:123456789012:page'))!);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-ampdef-'));
    try {
      for (const [n, t] of Object.entries<string>(doc.template_files)) fs.writeFileSync(path.join(dir, n), t);
      fs.writeFileSync(path.join(dir, 'am.yaml'), doc.alertmanager_config);
      // WHEN
      const r = runTool(amtool.bin, ['check-config', path.join(dir, 'am.yaml')]);
      // THEN
      expect(r.stdout).toContain('SUCCESS');
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
