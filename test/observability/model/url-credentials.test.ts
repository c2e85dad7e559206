import { urlCredentials } from '../../../src/observability/model/url-credentials';

describe('urlCredentials', () => {
  test.each([
    ['user info', 'https://user:pass@hooks.example.com/x', 'user info'],
    ['a token query parameter', 'https://hooks.example.com/x?token=abc', 'a "token=" query parameter'],
    ['an api_key query parameter', 'https://hooks.example.com/x?api_key=abc', 'a "api_key=" query parameter'],
    ['a PagerDuty integration URL', 'https://events.pagerduty.com/integration/abc123/enqueue', 'a PagerDuty integration key'],
    ['a Slack webhook URL', 'https://hooks.slack.com/services/T000/B000/XXXX', 'a Slack webhook secret'],
  ])('finds %s', (_name, url, expected) => {
    expect(urlCredentials(url)).toBe(expected);
  });

  test.each([
    ['a plain URL', 'https://hooks.example.com/alerts'],
    ['a harmless query', 'https://hooks.example.com/alerts?team=payments'],
    ['not a URL', 'not a url'],
  ])('finds nothing in %s', (_name, url) => {
    expect(urlCredentials(url)).toBeUndefined();
  });
});
