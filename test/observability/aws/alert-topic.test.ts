import { TerraformVariable, Token } from 'cdktn';
import { OpsTesting } from '../../../src/app/testing';
import { AlertTopic, SubscriptionProtocol } from '../../../src/observability/aws/alert-topic';

function stack() {
  const app = OpsTesting.app();
  return { app, stack: app.stack('aws', { aws: { region: 'eu-west-1' } }) };
}

describe('AlertTopic', () => {
  test('defaults: a topic named after its id with no subscriptions', () => {
    const { app, stack: s } = stack();
    new AlertTopic(s, 'slo-page');
    const out = OpsTesting.synth(app);
    expect(out.findResource('aws', 'aws_sns_topic', {}).name).toBe('slo-page');
    expect(out.findResources('aws', 'aws_sns_topic_subscription')).toEqual({});
  });

  test('subscribes endpoints', () => {
    const { app, stack: s } = stack();
    new AlertTopic(s, 'page', { topicName: 'slo-page', subscriptions: [{ protocol: SubscriptionProtocol.EMAIL, endpoint: 'oncall@example.com' }, { protocol: SubscriptionProtocol.HTTPS, endpoint: 'https://hooks.example.com/sns' }] });
    const subs = Object.values(OpsTesting.synth(app).findResources('aws', 'aws_sns_topic_subscription'));
    expect(subs.map((x: any) => [x.protocol, x.endpoint])).toEqual([['email', 'oncall@example.com'], ['https', 'https://hooks.example.com/sns']]);
    expect(subs[0].topic_arn).toMatch(/^\$\{aws_sns_topic\.[\w-]+\.arn\}$/);
  });

  test('escapes Terraform template syntax in the display name and endpoints', () => {
    // GIVEN
    const { app, stack: s } = stack();
    // WHEN
    new AlertTopic(s, 'page', { displayName: 'SLO ${env}', subscriptions: [{ protocol: SubscriptionProtocol.HTTPS, endpoint: 'https://hooks.example.com/sns?tag=%{x}' }] });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findResource('aws', 'aws_sns_topic', {}).display_name).toBe('SLO $${env}');
    expect(Object.values(out.findResources('aws', 'aws_sns_topic_subscription')).map((x: any) => x.endpoint)).toEqual(['https://hooks.example.com/sns?tag=%%{x}']);
  });

  test('fails when the display name is longer than 100 characters', () => {
    const { stack: s } = stack();
    expect(() => new AlertTopic(s, 'bad', { displayName: 'x'.repeat(101) })).toThrow(/displayName must be at most 100 characters[^]*at path \[aws\/bad\]/);
  });

  test.each([
    ['the protocol is unknown', { protocol: 'pager' as SubscriptionProtocol, endpoint: 'x' }, /subscriptions\[0\]\.protocol must be one of "sqs", "sms", .*"https" \(SubscriptionProtocol\), got "pager"/],
    ['an email endpoint is not an address', { protocol: SubscriptionProtocol.EMAIL, endpoint: 'oncall' }, /subscriptions\[0\]\.endpoint must be an email address/],
    ['a firehose subscription has no role', { protocol: SubscriptionProtocol.FIREHOSE, endpoint: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/x' }, /subscriptions\[0\]\.subscriptionRoleArn must be set for firehose/],
    ['raw delivery is asked for an email subscription', { protocol: SubscriptionProtocol.EMAIL, endpoint: 'oncall@example.com', rawMessageDelivery: true },
      /subscriptions\[0\]\.rawMessageDelivery must only be set for sqs, http, https or firehose subscriptions \(SNS rejects it otherwise\), got "email"/],
  ])('fails when %s', (_name, sub, message) => {
    const { stack: s } = stack();
    expect(() => new AlertTopic(s, 'bad', { subscriptions: [sub] })).toThrow(new RegExp(`${message.source}[^]*at path \\[aws\\/bad\\]`));
  });
});

describe('AlertTopic credentials', () => {
  test('fails when an https endpoint carries credentials in plain text, without showing them', () => {
    // GIVEN
    const app = OpsTesting.app();
    const s = app.stack('s', { aws: { region: 'eu-west-1' } });
    // WHEN / THEN
    expect(() => new AlertTopic(s, 'page', { subscriptions: [{ protocol: SubscriptionProtocol.HTTPS, endpoint: 'https://events.pagerduty.com/integration/SECRETKEY/enqueue' }] }))
      .toThrow(/subscriptions\[0\]\.endpoint must not carry credentials in plain Terraform JSON, got "<a URL with a PagerDuty integration key, not shown>" — pass the URL as a sensitive variable[^\n]*\n    at path \[s\/page\]/);
    expect(() => new AlertTopic(s, 'page2', { subscriptions: [{ protocol: SubscriptionProtocol.HTTPS, endpoint: 'https://events.pagerduty.com/integration/SECRETKEY/enqueue' }] }))
      .not.toThrow(/SECRETKEY/);
  });

  test('an endpoint from a sensitive Terraform variable is accepted and stays a reference', () => {
    // GIVEN
    const app = OpsTesting.app();
    const s = app.stack('s', { aws: { region: 'eu-west-1' } });
    const url = new TerraformVariable(s, 'pagerduty_url', { type: 'string', sensitive: true });
    // WHEN
    new AlertTopic(s, 'page', { subscriptions: [{ protocol: SubscriptionProtocol.HTTPS, endpoint: Token.asString(url.value) }] });
    // THEN
    const subscriptions = OpsTesting.synth(app).findResources('s', 'aws_sns_topic_subscription');
    expect(Object.values(subscriptions).map((sub: any) => sub.endpoint)).toEqual(['${var.pagerduty_url}']);
  });
});
