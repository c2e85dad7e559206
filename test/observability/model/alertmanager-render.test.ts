import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYaml, toYaml } from '../../../src/core/yaml';
import { AlertmanagerSecret, AlertmanagerSpec } from '../../../src/observability/model/alertmanager';
import { renderAlertmanagerConfigSpec, renderAlertmanagerYamlObject } from '../../../src/observability/model/alertmanager-render';
import { MINIMAL, SLO_ROUTING } from '../../fixtures/observability/alertmanager-specs';
import { describeEachAmtool } from '../../support/generations';
import { runTool } from '../../support/tools';

describe('renderAlertmanagerYamlObject', () => {
  test('renders snake_case fields in Alertmanager\'s order with canonical matchers', () => {
    // WHEN
    const doc = renderAlertmanagerYamlObject(SLO_ROUTING);
    // THEN
    expect(Object.keys(doc)).toEqual(['global', 'route', 'inhibit_rules', 'receivers', 'time_intervals']);
    expect(doc.route.routes[2]).toEqual({
      receiver: 'tickets',
      matchers: ['sloth_severity="ticket"', 'team!~"lab.*"'],
      active_time_intervals: ['business-hours'],
    });
    expect(doc.route.routes[0].continue).toBe(true);
    expect(doc.route.routes[1]).not.toHaveProperty('continue');
    expect(doc.inhibit_rules).toEqual([{ source_matchers: ['sloth_severity="page"'], target_matchers: ['sloth_severity="ticket"'], equal: ['sloth_id'] }]);
  });

  test('secrets become *_file paths and never values', () => {
    // WHEN
    const doc = renderAlertmanagerYamlObject(SLO_ROUTING);
    const byName = (n: string) => doc.receivers.find((r: any) => r.name === n);
    // THEN
    expect(byName('on-call').pagerduty_configs[0]).toEqual({ routing_key_file: '/etc/alertmanager/secrets/pagerduty/routing-key', severity: 'critical' });
    expect(byName('db-on-call').pagerduty_configs[0]).toEqual({ service_key_file: '/etc/alertmanager/secrets/pd-db/key' });
    expect(byName('quiet').slack_configs[0].api_url_file).toBe('/etc/alertmanager/secrets/slack/url');
    expect(byName('email').email_configs[0].auth_password_file).toBe('/etc/alertmanager/secrets/smtp/password');
    expect(JSON.stringify(doc)).not.toMatch(/"(api_url|routing_key|service_key|auth_password)":/);
  });

  test('inline template files are listed under the templates directory', () => {
    // WHEN
    const doc = renderAlertmanagerYamlObject({ ...MINIMAL, templates: ['/etc/am/*.tmpl'], templateFiles: { 'b.tmpl': '', 'a.tmpl': '' } }, { templatesDirectory: '/t/' });
    // THEN
    expect(doc.templates).toEqual(['/etc/am/*.tmpl', '/t/a.tmpl', '/t/b.tmpl']);
  });

  test('is deterministic', () => {
    expect(toYaml(renderAlertmanagerYamlObject(SLO_ROUTING))).toBe(toYaml(renderAlertmanagerYamlObject(SLO_ROUTING)));
  });
});

describe('renderAlertmanagerConfigSpec', () => {
  test('renders camelCase fields, structured matchers and Secret key references', () => {
    // GIVEN
    const spec: AlertmanagerSpec = {
      ...SLO_ROUTING,
      receivers: SLO_ROUTING.receivers.map((r) => r.name === 'db-on-call'
        ? { name: r.name, pagerdutyConfigs: [{ serviceKey: AlertmanagerSecret.fromSecretKey('pd-db', 'key') }] } : r),
      timeIntervals: [{ name: 'offhours', timeIntervals: [{ weekdays: ['saturday'], daysOfMonth: ['1:5', '7'] }] }, { name: 'business-hours', timeIntervals: [{ weekdays: ['monday:friday'] }] }],
    };
    // WHEN
    const { spec: out, problems } = renderAlertmanagerConfigSpec(spec);
    // THEN
    expect(problems).toEqual([]);
    expect(out.route.routes[2].matchers).toEqual([
      { name: 'sloth_severity', value: 'ticket', matchType: '=' },
      { name: 'team', value: 'lab.*', matchType: '!~' },
    ]);
    expect(out.receivers.find((r: any) => r.name === 'on-call').pagerdutyConfigs[0].routingKey).toEqual({ name: 'pagerduty', key: 'routing-key' });
    expect(out.receivers.find((r: any) => r.name === 'quiet').slackConfigs[0].apiURL).toEqual({ name: 'slack', key: 'url' });
    expect(out.inhibitRules[0]).toEqual({
      sourceMatch: [{ name: 'sloth_severity', value: 'page', matchType: '=' }],
      targetMatch: [{ name: 'sloth_severity', value: 'ticket', matchType: '=' }],
      equal: ['sloth_id'],
    });
    expect(out.muteTimeIntervals[0].timeIntervals[0].daysOfMonth).toEqual([{ start: 1, end: 5 }, { start: 7, end: 7 }]);
  });

  test.each([
    ['a file secret', { ...MINIMAL, receivers: [{ name: 'default', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromFile('/k') }] }] }, 'receivers[0].pagerdutyConfigs[0].routingKey'],
    ['templates', { ...MINIMAL, templateFiles: { 'a.tmpl': '' } }, 'templates'],
    ['a time-interval location', { ...MINIMAL, timeIntervals: [{ name: 'n', timeIntervals: [{ location: 'UTC' }] }] }, 'timeIntervals[0].timeIntervals[0].location'],
  ])('fails for what AlertmanagerConfig cannot express: %s', (_name, spec, field) => {
    const { problems } = renderAlertmanagerConfigSpec(spec as AlertmanagerSpec);
    expect(problems.map((p) => p.field)).toEqual([field]);
  });
});

describeEachAmtool('every rendered configuration passes amtool check-config', (amtool) => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-amcheck-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const SNS: AlertmanagerSpec = {
    route: { receiver: 'sns', repeatInterval: '5d' },
    receivers: [{ name: 'sns', snsConfigs: [{ topicArn: 'arn:aws:sns:us-east-1:123456789012:alerts', sigv4Region: 'us-east-1', subject: '{{ .CommonLabels.alertname }}', attributes: { severity: 'page' } }] }],
  };
  const GLOBAL_SMTP: AlertmanagerSpec = {
    global: { smtpFrom: 'am@example.com', smtpSmarthost: 'smtp.example.com:25', smtpRequireTls: false },
    route: { receiver: 'mail', groupBy: ['...'] },
    receivers: [{ name: 'mail', emailConfigs: [{ to: 'team@example.com' }] }],
  };
  const TEMPLATES: AlertmanagerSpec = {
    route: { receiver: 'default' },
    receivers: [{ name: 'default', slackConfigs: [{ apiUrl: AlertmanagerSecret.fromFile('/etc/am/slack'), text: '{{ template "slo.text" . }}' }] }],
    templateFiles: { 'slo.tmpl': '{{ define "slo.text" }}{{ .CommonLabels.sloth_slo }} ${not-terraform}{{ end }}\n' },
  };

  test.each([
    ['the minimal configuration', MINIMAL],
    ['the SLO routing tree', SLO_ROUTING],
    ['an SNS receiver', SNS],
    ['email with global SMTP settings', GLOBAL_SMTP],
    ['inline templates (parsed by amtool)', TEMPLATES],
  ])('%s', (name, spec) => {
    // GIVEN
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    const tplDir = `${path.basename(file, '.yaml')}.d`;
    fs.mkdirSync(path.join(dir, tplDir), { recursive: true });
    for (const [f, text] of Object.entries(spec.templateFiles ?? {})) fs.writeFileSync(path.join(dir, tplDir, f), text);
    fs.writeFileSync(file, toYaml(renderAlertmanagerYamlObject(spec, { templatesDirectory: tplDir })));
    // WHEN
    const r = runTool(amtool.bin, ['check-config', file]);
    // THEN
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${Object.keys(spec.templateFiles ?? {}).length} templates`);
    expect(parseYaml(fs.readFileSync(file, 'utf8')).route.receiver).toBe(spec.route.receiver);
  });

  test('amtool rejects a broken template, so the template check is real', () => {
    // GIVEN
    const file = path.join(dir, 'broken.yaml');
    fs.mkdirSync(path.join(dir, 'broken.d'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'broken.d', 'x.tmpl'), '{{ define "x" }}{{ if }}{{ end }}');
    fs.writeFileSync(file, toYaml(renderAlertmanagerYamlObject({ ...MINIMAL, templateFiles: { 'x.tmpl': '' } }, { templatesDirectory: 'broken.d' })));
    // WHEN
    const r = runTool(amtool.bin, ['check-config', file]);
    // THEN
    expect(r.status).not.toBe(0);
  });
});
