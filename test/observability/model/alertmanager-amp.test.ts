import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYaml } from '../../../src/core/yaml';
import { AlertmanagerSecret, AlertmanagerSpec } from '../../../src/observability/model/alertmanager';
import { checkAmpLimits, renderAmpDefinition } from '../../../src/observability/model/alertmanager-amp';
import { describeEachAmtool } from '../../support/generations';
import { runTool } from '../../support/tools';

const AMP: AlertmanagerSpec = {
  route: {
    receiver: 'tickets',
    groupBy: ['alertname', 'sloth_service', 'sloth_slo'],
    repeatInterval: '5d',
    routes: [{ receiver: 'page', matchers: ['sloth_severity="page"'], repeatInterval: '1h' }],
  },
  receivers: [
    { name: 'tickets', snsConfigs: [{ topicArn: 'arn:aws:sns:eu-west-1:123456789012:tickets', sigv4Region: 'eu-west-1' }] },
    { name: 'page', snsConfigs: [{ topicArn: 'arn:aws:sns:eu-west-1:123456789012:page', sigv4Region: 'eu-west-1', message: '{{ template "slo.message" . }}' }] },
  ],
  inhibitRules: [{ sourceMatchers: ['sloth_severity="page"'], targetMatchers: ['sloth_severity="ticket"'], equal: ['sloth_id'] }],
  templateFiles: { slo_message: '{{ define "slo.message" }}{{ .CommonAnnotations.summary }}{{ end }}' },
};

describe('checkAmpLimits', () => {
  test('accepts SNS receivers with a region and a 5d repeat interval', () => {
    expect(checkAmpLimits(AMP)).toEqual([]);
  });

  test.each<[string, AlertmanagerSpec, string, string]>([
    ['a repeat interval above 5 days', { ...AMP, route: { ...AMP.route, routes: [{ receiver: 'page', repeatInterval: '121h' }] } },
      'route.routes[0].repeatInterval', 'must be at most 5d for Amazon Managed Service for Prometheus (it treats longer intervals as 5d)'],
    ['a root repeat interval of a week', { ...AMP, route: { ...AMP.route, repeatInterval: '1w' } }, 'route.repeatInterval', 'must be at most 5d'],
    ['a Slack receiver', { ...AMP, receivers: [...AMP.receivers, { name: 's', slackConfigs: [{ apiUrl: AlertmanagerSecret.fromFile('/s') }] }] },
      'receivers[2].slackConfigs', 'its only receiver type is SNS'],
    ['a webhook receiver', { ...AMP, receivers: [{ name: 'tickets', webhookConfigs: [{ url: 'https://x.example.com' }] }] }, 'receivers[0].webhookConfigs', 'its only receiver type is SNS'],
    ['an SNS config without region', { ...AMP, receivers: [{ name: 'tickets', snsConfigs: [{ topicArn: 'arn:aws:sns:eu-west-1:123456789012:t' }] }] },
      'receivers[0].snsConfigs[0].sigv4Region', 'must be set for Amazon Managed Service for Prometheus'],
    ['template globs', { ...AMP, templates: ['/etc/*.tmpl'] }, 'templates', 'must be empty for Amazon Managed Service for Prometheus'],
  ])('fails for %s', (_name, spec, field, expected) => {
    // WHEN
    const problems = checkAmpLimits(spec);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(field);
    expect(problems[0].expected).toContain(expected);
  });
});

describe('renderAmpDefinition', () => {
  test('holds template_files and the whole configuration as one string listing the templates by name', () => {
    // WHEN
    const doc = parseYaml(renderAmpDefinition(AMP));
    // THEN
    expect(Object.keys(doc)).toEqual(['template_files', 'alertmanager_config']);
    expect(doc.template_files).toEqual({ slo_message: '{{ define "slo.message" }}{{ .CommonAnnotations.summary }}{{ end }}\n' });
    const inner = parseYaml(doc.alertmanager_config);
    expect(inner.templates).toEqual(['slo_message']);
    expect(inner.receivers[1].sns_configs[0]).toEqual({
      topic_arn: 'arn:aws:sns:eu-west-1:123456789012:page', sigv4: { region: 'eu-west-1' }, message: '{{ template "slo.message" . }}',
    });
  });

  test('omits template_files when there are none', () => {
    const doc = parseYaml(renderAmpDefinition({ ...AMP, templateFiles: undefined }));
    expect(Object.keys(doc)).toEqual(['alertmanager_config']);
    expect(parseYaml(doc.alertmanager_config)).not.toHaveProperty('templates');
  });
});

describeEachAmtool('the configuration inside an AMP definition passes amtool check-config', (amtool) => {
  test('with its template files beside it', () => {
    // GIVEN AMP resolves template names to its template_files; on disk the names are file names beside the config
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-amp-'));
    try {
      const doc = parseYaml(renderAmpDefinition(AMP));
      for (const [name, text] of Object.entries<string>(doc.template_files)) fs.writeFileSync(path.join(dir, name), text);
      fs.writeFileSync(path.join(dir, 'alertmanager.yaml'), doc.alertmanager_config);
      // WHEN
      const r = runTool(amtool.bin, ['check-config', path.join(dir, 'alertmanager.yaml')]);
      // THEN
      expect(r.stdout).toContain('SUCCESS');
      expect(r.stdout).toContain('1 templates');
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
