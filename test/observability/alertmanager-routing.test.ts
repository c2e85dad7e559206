import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RE2JS } from '@bufbuild/re2';
import Ajv from 'ajv';
import { Duration, JsonPatch } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import { AlertmanagerRouting } from '../../src/observability/alertmanager-routing';
import { AlertmanagerSecret } from '../../src/observability/model/alertmanager';
import { ROUTING_TABLE, SLO_ROUTING, SLO_ROUTING_PROPS } from '../fixtures/observability/alertmanager-specs';
import { describeEachAmtool } from '../support/generations';
import { describeReference } from '../support/reference';
import { runTool } from '../support/tools';

const SIMPLE = {
  route: { receiver: 'tickets', routes: [{ receiver: 'on-call', matchers: ['sloth_severity="page"'] }] },
  receivers: [
    { name: 'tickets', webhookConfigs: [{ url: 'http://ticket-bridge.ops:8080/alerts' }] },
    { name: 'on-call', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromSecretKey('pagerduty', 'routing-key') }] },
  ],
};

describe('AlertmanagerRouting', () => {
  test('defaults: writes alertmanager/<id>.yaml and no AlertmanagerConfig object', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    const routing = new AlertmanagerRouting(chart, 'slo-alerts', SIMPLE);
    const out = OpsTesting.synth(app);
    // THEN
    expect(routing.filePath).toBe('alertmanager/slo-alerts.yaml');
    expect(out.fileNames).toContain('alertmanager/slo-alerts.yaml');
    const doc = parseYaml(out.file('alertmanager/slo-alerts.yaml'));
    expect(doc.route).toEqual({ receiver: 'tickets', routes: [{ receiver: 'on-call', matchers: ['sloth_severity="page"'] }] });
    expect(doc.receivers[1].pagerduty_configs[0]).toEqual({ routing_key_file: '/etc/alertmanager/secrets/pagerduty/routing-key' });
    expect(out.findObjects('test', 'AlertmanagerConfig')).toEqual([]);
  });

  test('routeFor answers like amtool config routes test', () => {
    // GIVEN
    const app = OpsTesting.app();
    const routing = new AlertmanagerRouting(app.chart('test'), 'r', SLO_ROUTING_PROPS);
    // THEN
    for (const row of ROUTING_TABLE) expect(routing.routeFor(row.labels)).toEqual(row.receivers);
    expect(routing.matchingRoutes({ sloth_severity: 'page', team: 'db' })[0].path).toBe('route.routes[1].routes[0]');
  });

  test('matchingRoutes gives the effective timing as Durations, inherited or Alertmanager\'s defaults', () => {
    // GIVEN
    const app = OpsTesting.app();
    const routing = new AlertmanagerRouting(app.chart('test'), 'r', {
      ...SIMPLE,
      route: { ...SIMPLE.route, repeatInterval: Duration.hours(12), routes: [{ ...SIMPLE.route.routes[0], groupWait: Duration.seconds(10) }] },
    });
    // WHEN
    const [m] = routing.matchingRoutes({ sloth_severity: 'page' });
    // THEN
    expect(m.receiver).toBe('on-call');
    expect(m.groupWait.toSeconds()).toBe(10);
    expect(m.groupInterval.toMinutes()).toBe(5);
    expect(m.repeatInterval.toHours()).toBe(12);
  });

  test('renders Durations in Prometheus\'s canonical form', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    new AlertmanagerRouting(app.chart('test'), 'r', {
      ...SIMPLE,
      global: { resolveTimeout: Duration.minutes(90) },
      route: { ...SIMPLE.route, groupWait: Duration.millis(1500), groupInterval: Duration.days(7), repeatInterval: Duration.hours(36) },
    });
    const doc = parseYaml(OpsTesting.synth(app).file('alertmanager/r.yaml'));
    // THEN
    expect(doc.global.resolve_timeout).toBe('1h30m');
    expect(doc.route).toMatchObject({ group_wait: '1s500ms', group_interval: '1w', repeat_interval: '1d12h' });
  });

  test.each([
    ['a duration given as text (JavaScript)', { route: { receiver: 'tickets', groupWait: '30s' } }, 'route.groupWait must be a cdk8s Duration, got "30s" — use Duration.seconds(30)'],
    ['a nested duration given as text', { route: { receiver: 'tickets', routes: [{ receiver: 'on-call', repeatInterval: '1h' }] } },
      'route.routes[0].repeatInterval must be a cdk8s Duration, got "1h" — use Duration.hours(1)'],
    ['a zero repeat interval', { route: { receiver: 'tickets', repeatInterval: Duration.hours(0) } }, 'route.repeatInterval must be greater than zero, got "0s"'],
    ['a fraction of a millisecond', { route: { receiver: 'tickets', groupInterval: Duration.millis(0.25) } }, 'route.groupInterval must be a whole number of milliseconds, got 0.25 ms'],
    ['a zero resolve timeout', { global: { resolveTimeout: Duration.minutes(0) } }, 'global.resolveTimeout must be a positive duration, got "0s"'],
  ])('fails when given %s', (_name, props, message) => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN / THEN
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { ...SIMPLE, ...(props as any) })).toThrow(message);
  });

  test('writes inline templates beside the configuration and lists them', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    new AlertmanagerRouting(app.chart('test'), 'r', { ...SIMPLE, metadata: { name: 'team' }, templateFiles: { 'slo.tmpl': '{{ define "x" }}{{ end }}' } });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.file('alertmanager/team/slo.tmpl')).toBe('{{ define "x" }}{{ end }}\n');
    expect(parseYaml(out.file('alertmanager/team.yaml')).templates).toEqual(['/etc/alertmanager/config/slo.tmpl']);
  });

  test('emits an AlertmanagerConfig object when asked', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    // WHEN
    new AlertmanagerRouting(chart, 'slo-alerts', { ...SIMPLE, alertmanagerConfig: true, metadata: { namespace: 'monitoring', labels: { alertmanagerConfig: 'platform' } } });
    const out = OpsTesting.synth(app);
    // THEN
    const obj = out.findObject('test', 'AlertmanagerConfig', 'slo-alerts');
    expect(obj.apiVersion).toBe('monitoring.coreos.com/v1alpha1');
    expect(obj.metadata).toEqual({ name: 'slo-alerts', namespace: 'monitoring', labels: { alertmanagerConfig: 'platform' } });
    expect(obj.spec.route.routes[0].matchers).toEqual([{ name: 'sloth_severity', value: 'page', matchType: '=' }]);
    expect(obj.spec.receivers[1].pagerdutyConfigs[0].routingKey).toEqual({ name: 'pagerduty', key: 'routing-key' });
  });

  test('fails when a route names an unknown receiver', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { ...SIMPLE, route: { receiver: 'nobody' } }))
      .toThrow(/route\.receiver must name a receiver \(on-call, tickets\), got "nobody"[^]*at path \[test\/bad\]/);
  });

  test('fails when a secret is a literal string', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', {
      route: { receiver: 's' }, receivers: [{ name: 's', slackConfigs: [{ apiUrl: 'https://hooks.slack.com/x' as any }] }],
    })).toThrow(/receivers\[0\]\.slackConfigs\[0\]\.apiUrl must be an AlertmanagerSecret instance, got "https:\/\/hooks.slack.com\/x" — use AlertmanagerSecret.fromFile[^]*at path \[test\/bad\]/);
  });

  test('fails when a notification template is unbalanced (amtool check-config does not parse inline templates)', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', {
      route: { receiver: 's' },
      receivers: [{ name: 's', slackConfigs: [{ apiUrl: AlertmanagerSecret.fromFile('/etc/am/slack'), text: '{{ range .Alerts }}{{ .Annotations.summary }' }] }],
    })).toThrow(/receivers\[0\]\.slackConfigs\[0\]\.text must have balanced \{\{ \}\} actions[^]*— close every \{\{ with \}\}\n {4}at path \[test\/bad\]/);
  });

  test('fails with an OpsError, not a TypeError, when a time interval lacks its periods', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', {
      ...SIMPLE, timeIntervals: [{ name: 'weekends' } as any],
    })).toThrow(/timeIntervals\[0\]\.timeIntervals is required: a list of TimePeriod objects[^]*at path \[test\/bad\]/);
  });

  test('fails when the root route has continue (a file amtool check-config would reject)', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { ...SIMPLE, route: { ...SIMPLE.route, continue: true } }))
      .toThrow(/route\.continue must not be set on the root route \(Alertmanager rejects it: it has no siblings\), got true[^]*at path \[test\/bad\]/);
  });

  test('fails when the AlertmanagerConfig namespace is not a namespace name', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { ...SIMPLE, alertmanagerConfig: true, metadata: { namespace: 'ops_team' } }))
      .toThrow(/metadata\.namespace must be a namespace name \(a DNS-1123 label[^]*got "ops_team"[^]*at path \[test\/bad\]/);
  });

  test('fails when metadata other than the name is set without an AlertmanagerConfig (it would be dropped)', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { ...SIMPLE, metadata: { namespace: 'monitoring', labels: { a: 'b' } } }))
      .toThrow(/metadata\.namespace must only be set with alertmanagerConfig: true[^]*metadata\.labels must only be set with alertmanagerConfig: true[^]*at path \[test\/bad\]/);
  });

  test('fails when an AlertmanagerConfig is asked for with a file secret', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', {
      route: { receiver: 's' }, receivers: [{ name: 's', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromFile('/k') }] }], alertmanagerConfig: true,
    })).toThrow(/receivers\[0\]\.pagerdutyConfigs\[0\]\.routingKey must come from a Kubernetes Secret[^]*at path \[test\/bad\]/);
  });

  test('fails when an SNS topic is a Terraform reference and the file is written', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', {
      route: { receiver: 's' }, receivers: [{ name: 's', snsConfigs: [{ topicArn: '${TfToken[TOKEN.1]}', sigv4Region: 'us-east-1' }] }],
    })).toThrow(/receivers\[0\]\.snsConfigs\[0\]\.topicArn must be a literal ARN when the configuration is written as a file[^]*at path \[test\/bad\]/);
  });

  test('fails when the name is not a DNS-1123 subdomain (it names the file and the AlertmanagerConfig)', () => {
    const chart = OpsTesting.app().chart('test');
    expect(() => new AlertmanagerRouting(chart, 'bad', { ...SIMPLE, metadata: { name: 'slo_alerts' } }))
      .toThrow(/metadata\.name must be a DNS-1123 subdomain[^]*got "slo_alerts"[^]*at path \[test\/bad\]/);
    expect(() => new AlertmanagerRouting(chart, 'Slo_Alerts', SIMPLE))
      .toThrow(/metadata\.name must be a DNS-1123 subdomain[^]*got "Slo_Alerts" — it defaults to the construct id: use a lowercase id such as "slo-alerts", or set metadata\.name/);
  });

  test('defaults: targets Alertmanager 0.25', () => {
    // WHEN
    const routing = new AlertmanagerRouting(OpsTesting.app().chart('test'), 'slo-alerts', SIMPLE);
    // THEN
    expect(routing.alertmanagerVersion).toBe('0.25');
  });

  test('fails when a webhook urlSecret (url_file) needs a newer Alertmanager than the target', () => {
    // GIVEN
    const app = OpsTesting.app();
    const receivers = [{ name: 'tickets', webhookConfigs: [{ urlSecret: AlertmanagerSecret.fromSecretKey('bridge', 'url') }] }];
    // THEN
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { route: { receiver: 'tickets' }, receivers }))
      .toThrow(/receivers\[0\]\.webhookConfigs\[0\]\.urlSecret needs Alertmanager 0\.26 or newer \(it renders url_file\), but alertmanagerVersion is 0\.25[^]*set alertmanagerVersion to "0\.26"[^]*at path \[test\/bad\]/);
  });

  test('renders url_file when the target release knows it', () => {
    // GIVEN
    const app = OpsTesting.app();
    const receivers = [{ name: 'tickets', webhookConfigs: [{ urlSecret: AlertmanagerSecret.fromSecretKey('bridge', 'url') }] }];
    // WHEN
    new AlertmanagerRouting(app.chart('test'), 'hook', { route: { receiver: 'tickets' }, receivers, alertmanagerVersion: '0.26' });
    // THEN
    expect(parseYaml(OpsTesting.synth(app).file('alertmanager/hook.yaml')).receivers[0].webhook_configs).toEqual([{ url_file: '/etc/alertmanager/secrets/bridge/url' }]);
  });

  test('an AlertmanagerConfig-only routing (no file) may use urlSecret on any target', () => {
    // GIVEN
    const app = OpsTesting.app();
    const receivers = [{ name: 'tickets', webhookConfigs: [{ urlSecret: AlertmanagerSecret.fromSecretKey('bridge', 'url') }] }];
    // WHEN
    const routing = new AlertmanagerRouting(app.chart('test'), 'hook', { route: { receiver: 'tickets' }, receivers, alertmanagerConfig: true, artifact: false });
    // THEN
    expect(routing.alertmanagerConfig?.kind).toBe('AlertmanagerConfig');
  });

  test('fails when the target release is not one', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { ...SIMPLE, alertmanagerVersion: 'latest' }))
      .toThrow(/alertmanagerVersion must be an Alertmanager release as "major\.minor"[^]*at path \[test\/bad\]/);
  });

  test('fails when the name is not a plain name', () => {
    const app = OpsTesting.app();
    expect(() => new AlertmanagerRouting(app.chart('test'), 'bad', { ...SIMPLE, metadata: { name: '../x' } }))
      .toThrow(/metadata\.name must be a DNS-1123 subdomain[^]*at path \[test\/bad\]/);
  });
});

describeEachAmtool('AlertmanagerRouting files pass amtool check-config', (amtool) => {
  test('the synthesized SLO routing file and its templates', () => {
    // GIVEN
    const app = OpsTesting.app();
    new AlertmanagerRouting(app.chart('test'), 'slo', { ...SLO_ROUTING_PROPS, templateFiles: { 'a.tmpl': '{{ define "a" }}{{ .Status }}{{ end }}' }, templatesDirectory: 'slo' });
    const out = OpsTesting.synth(app);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-amr-'));
    try {
      for (const f of out.fileNames.filter((n) => n.startsWith('alertmanager/'))) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), out.file(f));
      }
      // WHEN
      const r = runTool(amtool.bin, ['check-config', path.join(dir, 'alertmanager/slo.yaml')]);
      // THEN
      expect(r.stdout).toContain('SUCCESS');
      expect(r.stdout).toContain('1 templates');
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** ajv with RE2 patterns (CRD patterns are Go RE2: `(?i)` and friends), as the API server evaluates them. */
function crdValidator(dir: string): ReturnType<Ajv['compile']> {
  const crd = parseYaml(fs.readFileSync(path.join(dir, 'monitoring.coreos.com_alertmanagerconfigs.yaml'), 'utf8'));
  const version = crd.spec.versions.find((v: any) => v.name === 'v1alpha1');
  const regExp = Object.assign((pattern: string) => {
    const re = new RE2JS(pattern);
    // ajv keys compiled patterns by toString(): give each its own key
    return { test: (s: string) => re.test(s), toString: () => pattern };
  }, { code: 'RE2JS' });
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp } }).compile(version.schema.openAPIV3Schema);
}

describeReference('AlertmanagerConfig objects validate against the prometheus-operator CRD', 'observability/crds', (dir) => {
  test('the SLO routing tree as an AlertmanagerConfig (v1alpha1 schema, checked with ajv)', () => {
    // GIVEN the CRD's own schema, read in place
    const validate = crdValidator(dir);
    const app = OpsTesting.app();
    const receivers = SLO_ROUTING.receivers.map((r) => r.name === 'db-on-call'
      ? { name: r.name, pagerdutyConfigs: [{ serviceKey: AlertmanagerSecret.fromSecretKey('pd-db', 'key') }] } : r);
    const timeIntervals = SLO_ROUTING.timeIntervals!.map((ti) => ({ ...ti, timeIntervals: ti.timeIntervals.map(({ location, ...p }) => p) }));
    new AlertmanagerRouting(app.chart('test'), 'slo', { ...SLO_ROUTING_PROPS, global: undefined, receivers, timeIntervals, alertmanagerConfig: true, metadata: { namespace: 'monitoring' } });
    // WHEN
    const obj = OpsTesting.synth(app).findObject('test', 'AlertmanagerConfig', 'slo');
    // THEN
    const ok = validate(obj);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the check is real: a wrong matchType fails the schema', () => {
    const validate = crdValidator(dir);
    expect(validate({
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: 'x' },
      spec: { route: { receiver: 'a', matchers: [{ name: 'a', value: 'b', matchType: '==' }] }, receivers: [{ name: 'a' }] },
    })).toBe(false);
  });
});

describe('AlertmanagerRouting synth checks', () => {
  test('fails at synth when the AlertmanagerConfig is edited into an inconsistent state', () => {
    // GIVEN
    const app = OpsTesting.app();
    const routing = new AlertmanagerRouting(app.chart('test'), 'slo-alerts', { ...SIMPLE, alertmanagerConfig: true });
    // WHEN an escape-hatch edit points the top route at a receiver that does not exist
    routing.alertmanagerConfig!.addJsonPatch(JsonPatch.replace('/spec/route/receiver', 'nobody'));
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/spec\.route\.receiver must name a receiver of this AlertmanagerConfig, got "nobody"/);
  });
});
