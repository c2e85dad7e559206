import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toYaml } from '../../../src/core/yaml';
import { AlertmanagerSecret, AlertmanagerSpec } from '../../../src/observability/model/alertmanager';
import { renderAlertmanagerYamlObject } from '../../../src/observability/model/alertmanager-render';
import { checkAlertmanagerVersion, OLDEST_ALERTMANAGER_VERSION, parseAlertmanagerVersion } from '../../../src/observability/model/alertmanager-version';
import { MINIMAL, SLO_ROUTING } from '../../fixtures/observability/alertmanager-specs';
import { describeEachAmtool } from '../../support/generations';
import { runTool } from '../../support/tools';

const URL_FILE: AlertmanagerSpec = {
  route: { receiver: 'hook' },
  receivers: [{ name: 'hook', webhookConfigs: [{ url: 'http://bridge:8080/' }, { urlSecret: AlertmanagerSecret.fromSecretKey('hook', 'url') }] }],
};

describe('parseAlertmanagerVersion', () => {
  test.each<[string, unknown, [number, number] | undefined]>([
    ['major.minor', '0.25', [0, 25]],
    ['major.minor.patch', '0.28.1', [0, 28]],
    ['a leading v', 'v0.35.0', [0, 35]],
    ['a name', 'latest', undefined],
    ['a number', 0.25, undefined],
    ['one part', '0', undefined],
  ])('%s', (_name, text, expected) => {
    expect(parseAlertmanagerVersion(text)).toEqual(expected);
  });
});

describe('checkAlertmanagerVersion', () => {
  test('the default target is the oldest release opskit verifies', () => {
    expect(OLDEST_ALERTMANAGER_VERSION).toBe('0.25');
  });

  test.each<[string, AlertmanagerSpec, string]>([
    ['the minimal configuration on the oldest release', MINIMAL, '0.25'],
    ['the SLO routing tree (file secrets for Slack and PagerDuty) on the oldest release', SLO_ROUTING, '0.25'],
    ['a webhook url_file on 0.26, which introduced it', URL_FILE, '0.26'],
    ['a webhook url_file on a newer release', URL_FILE, '0.35.0'],
  ])('accepts %s', (_name, spec, version) => {
    expect(checkAlertmanagerVersion(spec, version)).toEqual([]);
  });

  test('fails when a webhook urlSecret (url_file) targets 0.25', () => {
    // WHEN
    const problems = checkAlertmanagerVersion(URL_FILE, '0.25');
    // THEN
    expect(problems).toEqual([expect.objectContaining({
      field: 'receivers[0].webhookConfigs[1].urlSecret',
      expected: 'needs Alertmanager 0.26 or newer (it renders url_file), but alertmanagerVersion is 0.25',
      got: '"/etc/alertmanager/secrets/hook/url"',
      fix: 'set alertmanagerVersion to "0.26" or the newer release you run, or give the URL in url when it carries no secret',
    })]);
  });

  test.each<[string, unknown, string]>([
    ['not a release', 'latest', 'must be an Alertmanager release as "major.minor"'],
    ['older than the oldest verified release', '0.24', 'must be 0.25 or newer'],
  ])('fails when the version is %s', (_name, version, expected) => {
    // WHEN
    const problems = checkAlertmanagerVersion(MINIMAL, version);
    // THEN
    expect(problems.map((p) => p.field)).toEqual(['alertmanagerVersion']);
    expect(problems[0].expected).toContain(expected);
  });
});

/**
 * The version table is the oracles' verdict: a configuration with url_file is rejected by amtool 0.25 and
 * accepted by 0.35, so opskit's check must fail exactly where the target release's amtool fails.
 */
describeEachAmtool('the url_file verdict matches amtool', (amtool) => {
  test(`amtool ${amtool.version} ${amtool.version === '0.25' ? 'rejects' : 'accepts'} url_file, as checkAlertmanagerVersion says`, () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-amversion-'));
    try {
      const file = path.join(dir, 'alertmanager.yaml');
      fs.writeFileSync(file, toYaml(renderAlertmanagerYamlObject(URL_FILE)));
      // WHEN
      const r = runTool(amtool.bin, ['check-config', file]);
      // THEN
      const opskitAccepts = checkAlertmanagerVersion(URL_FILE, amtool.version).length === 0;
      expect({ amtool: r.status === 0, output: r.stdout + r.stderr }).toEqual({ amtool: opskitAccepts, output: expect.any(String) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
