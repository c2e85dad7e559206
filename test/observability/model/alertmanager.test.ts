import { AlertmanagerSecret, parseDuration } from '../../../src/observability/model/alertmanager';

describe('parseDuration', () => {
  test.each<[string, number | undefined]>([
    ['0', 0],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['5d', 432_000_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['100ms', 100],
    ['1h1m1s1ms', 3_661_001],
    ['', undefined],
    ['1.5h', undefined],
    ['30m1h', undefined],
    ['5 m', undefined],
    ['-5m', undefined],
    ['1H', undefined],
  ])('%s → %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
});

describe('AlertmanagerSecret', () => {
  test('a file secret renders its path and has no Secret reference', () => {
    const s = AlertmanagerSecret.fromFile('/etc/alertmanager/slack-url');
    expect(s.filePath).toBe('/etc/alertmanager/slack-url');
    expect(s.secretKeyRef).toBeUndefined();
  });

  test.each<[string | undefined, string]>([
    [undefined, '/etc/alertmanager/secrets/slack/url'],
    ['/mnt/secrets/', '/mnt/secrets/slack/url'],
  ])('a Secret key mounted under %s is read from %s', (dir, path) => {
    const s = AlertmanagerSecret.fromSecretKey('slack', 'url', dir);
    expect(s.filePath).toBe(path);
    expect(s.secretKeyRef).toEqual({ name: 'slack', key: 'url' });
  });

  test('isAlertmanagerSecret tells secrets from strings', () => {
    expect(AlertmanagerSecret.isAlertmanagerSecret(AlertmanagerSecret.fromFile('/x'))).toBe(true);
    expect(AlertmanagerSecret.isAlertmanagerSecret('https://hooks.slack.com/x')).toBe(false);
    expect(AlertmanagerSecret.isAlertmanagerSecret(null)).toBe(false);
  });
});
