import { AlertmanagerSecret, AlertmanagerSpec } from '../../../src/observability/model/alertmanager';
import { checkTemplateBraces, validateAlertmanagerSpec } from '../../../src/observability/model/alertmanager-validate';
import { MINIMAL, SLO_ROUTING } from '../../fixtures/observability/alertmanager-specs';

function withChange(change: Partial<AlertmanagerSpec>): AlertmanagerSpec {
  return { ...MINIMAL, ...change };
}

describe('validateAlertmanagerSpec', () => {
  test('accepts the fixtures', () => {
    expect(validateAlertmanagerSpec(MINIMAL)).toEqual([]);
    expect(validateAlertmanagerSpec(SLO_ROUTING)).toEqual([]);
  });

  test.each<[string, Partial<AlertmanagerSpec>, string, string]>([
    ['the root route has no receiver', { route: {} }, 'route.receiver', 'must be set on the root route'],
    ['the root route has matchers', { route: { receiver: 'default', matchers: ['a="b"'] } }, 'route.matchers', 'must be empty on the root route'],
    ['the root route has mute intervals', { route: { receiver: 'default', muteTimeIntervals: ['x'] } }, 'route.muteTimeIntervals', 'must be empty on the root route'],
    ['the root route continues (amtool: cannot have continue in root route)', { route: { receiver: 'default', continue: true } }, 'route.continue', 'must not be set on the root route'],
    ['the global smarthost has no port', { global: { smtpSmarthost: 'smtp.example.com' } }, 'global.smtpSmarthost', 'must be host:port'],
    ['the global sender is not an address', { global: { smtpFrom: 'alertmanager' } }, 'global.smtpFrom', 'must be an email address'],
    ['a route names an unknown receiver', { route: { receiver: 'default', routes: [{ receiver: 'nobody' }] } }, 'route.routes[0].receiver', 'must name a receiver (default)'],
    ['a matcher is malformed', { route: { receiver: 'default', routes: [{ matchers: ['sev'] }] } }, 'route.routes[0].matchers[0]', 'must be a matcher'],
    ['a duration is malformed', { route: { receiver: 'default', groupWait: '30 seconds' } }, 'route.groupWait', 'must be a duration'],
    ['units are out of order', { route: { receiver: 'default', repeatInterval: '30m1h' } }, 'route.repeatInterval', 'must be a duration'],
    ['a group interval is zero', { route: { receiver: 'default', groupInterval: '0' } }, 'route.groupInterval', 'must be greater than zero'],
    ['group by all labels is mixed with labels', { route: { receiver: 'default', groupBy: ['...', 'job'] } }, 'route.groupBy', 'must be [\'...\'] alone'],
    ['a group-by label is invalid', { route: { receiver: 'default', groupBy: ['a-b'] } }, 'route.groupBy[0]', 'must be a label name'],
    ['a mute interval is undefined', { route: { receiver: 'default', routes: [{ muteTimeIntervals: ['nights'] }] } }, 'route.routes[0].muteTimeIntervals[0]', 'must name a time interval'],
    ['receiver names repeat', { receivers: [{ name: 'default' }, { name: 'default' }] }, 'receivers[1].name', 'must be unique'],
    ['there are no receivers', { receivers: [] }, 'receivers', 'must list at least one receiver'],
    ['a webhook has neither url nor urlSecret', { receivers: [{ name: 'default', webhookConfigs: [{}] }] }, 'receivers[0].webhookConfigs[0]', 'exactly one of url and urlSecret'],
    ['sendResolved is the string \'false\' (amtool: cannot unmarshal !!str into bool)', { receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://x.example.com/', sendResolved: 'false' as any }] }] }, 'receivers[0].webhookConfigs[0].sendResolved', 'must be a boolean'],
    ['maxAlerts is 1e308 (amtool: does not fit a uint64)', { receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://x.example.com/', maxAlerts: 1e308 }] }] }, 'receivers[0].webhookConfigs[0].maxAlerts', 'between 0 and 2^64 - 1'],
    ['a webhook URL carries credentials', { receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://u:p@x.example.com/' }] }] }, 'receivers[0].webhookConfigs[0].url', 'must not carry credentials'],
    ['a webhook URL carries a token parameter', { receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://x.example.com/hook?team=a&api_key=abc' }] }] }, 'receivers[0].webhookConfigs[0].url', 'must not carry credentials'],
    ['a webhook URL is a Slack webhook', { receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://hooks.slack.com/services/T/B/X' }] }] }, 'receivers[0].webhookConfigs[0].url', 'must not carry credentials'],
    ['a webhook URL is not http', { receivers: [{ name: 'default', webhookConfigs: [{ url: 'ftp://x.example.com/' }] }] }, 'receivers[0].webhookConfigs[0].url', 'must use http or https'],
    ['a Slack URL is a literal string', { receivers: [{ name: 'default', slackConfigs: [{ apiUrl: 'https://hooks.slack.com/services/T/B/X' as any }] }] }, 'receivers[0].slackConfigs[0].apiUrl', 'must be an AlertmanagerSecret'],
    ['a PagerDuty config has both keys', { receivers: [{ name: 'default', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromFile('/a'), serviceKey: AlertmanagerSecret.fromFile('/b') }] }] }, 'receivers[0].pagerdutyConfigs[0]', 'exactly one of routingKey and serviceKey'],
    ['a secret file path is relative', { receivers: [{ name: 'default', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromFile('key') }] }] }, 'receivers[0].pagerdutyConfigs[0].routingKey', 'must be an absolute file path'],
    ['an email has no smarthost', { receivers: [{ name: 'default', emailConfigs: [{ to: 'a@example.com', from: 'b@example.com' }] }] }, 'receivers[0].emailConfigs[0].smarthost', 'must be set here or as global.smtpSmarthost'],
    ['an email smarthost has no port', { receivers: [{ name: 'default', emailConfigs: [{ to: 'a@example.com', from: 'b@example.com', smarthost: 'smtp.example.com' }] }] }, 'receivers[0].emailConfigs[0].smarthost', 'must be host:port'],
    ['an SNS topic ARN is malformed', { receivers: [{ name: 'default', snsConfigs: [{ topicArn: 'alerts' }] }] }, 'receivers[0].snsConfigs[0].topicArn', 'must be an SNS topic ARN'],
    ['an SNS region is malformed', { receivers: [{ name: 'default', snsConfigs: [{ topicArn: 'arn:aws:sns:us-east-1:123456789012:a', sigv4Region: 'useast1' }] }] }, 'receivers[0].snsConfigs[0].sigv4Region', 'must be an AWS region'],
    ['an SNS role is not a role ARN', { receivers: [{ name: 'default', snsConfigs: [{ topicArn: 'arn:aws:sns:us-east-1:123456789012:a', sigv4RoleArn: 'alertmanager' }] }] }, 'receivers[0].snsConfigs[0].sigv4RoleArn', 'must be an IAM role ARN'],
    ['an SNS subject template is unclosed', { receivers: [{ name: 'default', snsConfigs: [{ topicArn: 'arn:aws:sns:us-east-1:123456789012:a', subject: '{{ .CommonLabels.alertname' }] }] }, 'receivers[0].snsConfigs[0].subject', 'must have balanced {{ }} actions'],
    ['an SNS attribute template is unclosed', { receivers: [{ name: 'default', snsConfigs: [{ topicArn: 'arn:aws:sns:us-east-1:123456789012:a', attributes: { slo: '{{ .CommonLabels.sloth_slo' } }] }] }, 'receivers[0].snsConfigs[0].attributes.slo', 'must have balanced {{ }} actions'],
    ['a Slack title template is unclosed', { receivers: [{ name: 'default', slackConfigs: [{ apiUrl: AlertmanagerSecret.fromFile('/s'), title: '{{ .CommonLabels.alertname' }] }] }, 'receivers[0].slackConfigs[0].title', 'must have balanced {{ }} actions'],
    ['a PagerDuty description template has a stray close', { receivers: [{ name: 'default', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromFile('/k'), description: '.CommonLabels.alertname }}' }] }] }, 'receivers[0].pagerdutyConfigs[0].description', 'must have balanced {{ }} actions'],
    ['a time interval has no periods list', { timeIntervals: [{ name: 'n', timeIntervals: undefined as any }] }, 'timeIntervals[0].timeIntervals', 'must be a list of time periods'],
    ['an inhibit rule has no source', { inhibitRules: [{ sourceMatchers: [], targetMatchers: ['a="b"'] }] }, 'inhibitRules[0].sourceMatchers', 'must have at least one matcher'],
    ['an inhibit equal label is invalid', { inhibitRules: [{ sourceMatchers: ['a="b"'], targetMatchers: ['a="c"'], equal: ['1x'] }] }, 'inhibitRules[0].equal[0]', 'must be a label name'],
    ['a time range ends before it starts', { timeIntervals: [{ name: 'n', timeIntervals: [{ times: [{ startTime: '17:00', endTime: '09:00' }] }] }] }, 'timeIntervals[0].timeIntervals[0].times[0]', 'must end after it starts'],
    ['a time is not HH:MM', { timeIntervals: [{ name: 'n', timeIntervals: [{ times: [{ startTime: '9:00', endTime: '17:00' }] }] }] }, 'timeIntervals[0].timeIntervals[0].times[0].startTime', 'must be HH:MM'],
    ['a weekday is misspelled', { timeIntervals: [{ name: 'n', timeIntervals: [{ weekdays: ['mon:fri'] }] }] }, 'timeIntervals[0].timeIntervals[0].weekdays[0]', 'must be a value or a start:end range'],
    ['a weekday range is reversed', { timeIntervals: [{ name: 'n', timeIntervals: [{ weekdays: ['friday:monday'] }] }] }, 'timeIntervals[0].timeIntervals[0].weekdays[0]', 'must have start <= end'],
    ['a day of month is zero', { timeIntervals: [{ name: 'n', timeIntervals: [{ daysOfMonth: ['0:5'] }] }] }, 'timeIntervals[0].timeIntervals[0].daysOfMonth[0]', 'must be a value or a start:end range'],
    ['a location is not a zone name', { timeIntervals: [{ name: 'n', timeIntervals: [{ location: 'Berlin time' }] }] }, 'timeIntervals[0].timeIntervals[0].location', 'must be an IANA time zone name'],
    ['a location is not a known zone (amtool: unknown time zone)', { timeIntervals: [{ name: 'n', timeIntervals: [{ location: 'Mars/Olympus' }] }] }, 'timeIntervals[0].timeIntervals[0].location', 'must be an IANA time zone name'],
    ['a day range starts negative and ends positive', { timeIntervals: [{ name: 'n', timeIntervals: [{ daysOfMonth: ['-1:5'] }] }] }, 'timeIntervals[0].timeIntervals[0].daysOfMonth[0]', 'must end on a negative day when it starts on one'],
    ['time interval names repeat', { timeIntervals: [{ name: 'n', timeIntervals: [] }, { name: 'n', timeIntervals: [] }] }, 'timeIntervals[1].name', 'must be unique'],
    ['a template file name has a slash', { templateFiles: { 'a/b.tmpl': '{{ define "x" }}{{ end }}' } }, 'templateFiles.a/b.tmpl', 'must be a plain file name'],
    ['a template has an unclosed action', { templateFiles: { 'a.tmpl': '{{ define "x" }}{{ end ' } }, 'templateFiles.a.tmpl', 'must have balanced {{ }} actions'],
  ])('fails when %s', (_name, change, field, expected) => {
    // WHEN
    const problems = validateAlertmanagerSpec(withChange(change));
    // THEN
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)!.expected).toContain(expected);
  });

  test.each(['UTC', 'Local', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('accepts the time zone %s', (location) => {
    expect(validateAlertmanagerSpec(withChange({ timeIntervals: [{ name: 'n', timeIntervals: [{ location }] }] }))).toEqual([]);
  });

  test.each([0, 9007199254740993, 1e19, 18446744073709549568])('accepts maxAlerts %d (amtool decodes it as a uint64)', (maxAlerts) => {
    // WHEN
    const problems = validateAlertmanagerSpec(withChange({ receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://x.example.com/', maxAlerts, sendResolved: false }] }] }));
    // THEN
    expect(problems).toEqual([]);
  });

  test('accepts webhook URLs whose query carries no secret', () => {
    expect(validateAlertmanagerSpec(withChange({ receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://x.example.com/hook?team=a&priority=p1' }] }] }))).toEqual([]);
  });

  test('a literal secret is never echoed in the message', () => {
    // WHEN
    const [p] = validateAlertmanagerSpec(withChange({ receivers: [{ name: 'default', slackConfigs: [{ apiUrl: 'https://hooks.slack.com/services/SECRET' as any }] }] }));
    // THEN
    expect(JSON.stringify(p)).not.toContain('SECRET');
    expect(p.fix).toContain('AlertmanagerSecret.fromSecretKey');
  });

  test('reports every problem at once', () => {
    const problems = validateAlertmanagerSpec({ route: { receiver: 'x', groupWait: 'soon' }, receivers: [{ name: 'default' }] });
    expect(problems.map((p) => p.field).sort()).toEqual(['route.groupWait', 'route.receiver']);
  });
});

describe('checkTemplateBraces', () => {
  test.each([
    ['{{ define "a" }}x{{ end }}', true],
    ['no actions', true],
    ['{{ .A }', false],
    ['}} {{', false],
  ])('%s balanced: %s', (text, ok) => {
    expect(checkTemplateBraces(text, 'f').length === 0).toBe(ok);
  });
});
