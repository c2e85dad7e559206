import type { SnsTopic } from '@cdktn/provider-aws/lib/sns-topic';
import type { SnsTopicSubscription } from '@cdktn/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktn';
import { Construct } from 'constructs';
import { checkProps } from '../../core/check-props';
import { Engine, placedIn } from '../../core/placement';
import { problem, Problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';
import { urlCredentials } from '../model/url-credentials';

/** Provider submodules are loaded on first use, so that requiring opskit stays cheap. */
const aws = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  SnsTopic: (): typeof SnsTopic => require('@cdktn/provider-aws/lib/sns-topic').SnsTopic,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  SnsTopicSubscription: (): typeof SnsTopicSubscription => require('@cdktn/provider-aws/lib/sns-topic-subscription').SnsTopicSubscription,
};

/** One subscription of an alert topic. */
export interface AlertTopicSubscription {
  /**
   * How SNS delivers to the endpoint. `EMAIL` subscriptions must be confirmed by the recipient before they
   * receive anything.
   *
   * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_subscription
   */
  readonly protocol: SubscriptionProtocol;
  /** The endpoint: an address, URL, phone number or ARN, depending on the protocol. */
  readonly endpoint: string;
  /** Deliver the raw message (sqs, http, https, firehose). @default false */
  readonly rawMessageDelivery?: boolean;
  /** IAM role SNS uses to write to a Firehose stream (required for `firehose`). @default - none */
  readonly subscriptionRoleArn?: string;
}

/** Props of `AlertTopic`. */
export interface AlertTopicProps {
  /** The topic name (1-256 letters, digits, `-`, `_`). @default - the construct id */
  readonly topicName?: string;
  /** Display name (used as the sender of SMS and email). @default - none */
  readonly displayName?: string;
  /** KMS key for server-side encryption (the key policy must let `aps.amazonaws.com` use it). @default - not encrypted */
  readonly kmsMasterKeyId?: string;
  /** Who gets the alerts. @default - none (subscribe elsewhere) */
  readonly subscriptions?: AlertTopicSubscription[];
  /** Tags. @default - none */
  readonly tags?: { [key: string]: string };
}

/**
 * The delivery protocols of an SNS subscription (`aws_sns_topic_subscription.protocol`).
 *
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
 */
export enum SubscriptionProtocol {
  /** An Amazon SQS queue (endpoint: the queue ARN). */
  SQS = 'sqs',
  /** A text message (endpoint: a phone number). */
  SMS = 'sms',
  /** An AWS Lambda function (endpoint: the function ARN). */
  LAMBDA = 'lambda',
  /** An Amazon Data Firehose stream (endpoint: the stream ARN; needs `subscriptionRoleArn`). */
  FIREHOSE = 'firehose',
  /** A mobile push application (endpoint: the endpoint ARN). */
  APPLICATION = 'application',
  /** An email with the message text (endpoint: an address; the recipient confirms first). */
  EMAIL = 'email',
  /** An email with the JSON notification (endpoint: an address; the recipient confirms first). */
  EMAIL_JSON = 'email-json',
  /** An HTTP POST (endpoint: an `http://` URL). */
  HTTP = 'http',
  /** An HTTPS POST (endpoint: an `https://` URL), e.g. a PagerDuty or Opsgenie integration. */
  HTTPS = 'https',
}

/** The values of `SubscriptionProtocol`. */
const PROTOCOLS: readonly string[] = Object.values(SubscriptionProtocol);
/** The protocols SNS accepts `RawMessageDelivery` for. */
const RAW_DELIVERY_PROTOCOLS: readonly SubscriptionProtocol[] = [
  SubscriptionProtocol.SQS, SubscriptionProtocol.HTTP, SubscriptionProtocol.HTTPS, SubscriptionProtocol.FIREHOSE,
];

/**
 * An SNS topic that Amazon Managed Service for Prometheus publishes alerts to (`aws_sns_topic`), with its
 * subscriptions (`aws_sns_topic_subscription`). Use `topicArn` in an SNS receiver of the routing given to
 * `ManagedPrometheus`, which also grants the workspace permission to publish.
 *
 * @example
 * // the integration URL is a credential: it comes from a sensitive variable, never from the program's text
 * const pagerDutyUrl = new TerraformVariable(stack, 'pagerduty_url', { type: 'string', sensitive: true });
 * const page = new AlertTopic(stack, 'page', { subscriptions: [{ protocol: SubscriptionProtocol.HTTPS, endpoint: Token.asString(pagerDutyUrl.value) }] });
 */
export class AlertTopic extends Construct {
  /** The topic's ARN (a Terraform reference). */
  public readonly topicArn!: string;
  /** The topic name. */
  public readonly topicName!: string;
  /** The underlying `aws_sns_topic`. */
  public readonly resource!: SnsTopic;

  public constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(placedIn(scope, id, Engine.TERRAFORM, 'AlertTopic'), id);
    if (!checkProps(this, 'AlertTopicProps', props)) return;
    const problems: Problem[] = [];
    this.topicName = props.topicName ?? id;
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(this.topicName)) {
      problems.push(problem('topicName', 'must be 1-256 letters, digits, "-" or "_"', this.topicName, 'use e.g. "slo-page"'));
    }
    (props.subscriptions ?? []).forEach((s, i) => {
      const f = `subscriptions[${i}]`;
      if (!PROTOCOLS.includes(s.protocol)) {
        problems.push(problem(`${f}.protocol`, `must be one of ${PROTOCOLS.join(', ')}`, s.protocol, 'use a SubscriptionProtocol, e.g. SubscriptionProtocol.HTTPS'));
      }
      if (typeof s.endpoint !== 'string' || s.endpoint.trim() === '') {
        problems.push(problem(`${f}.endpoint`, 'must be a non-empty endpoint', s.endpoint, 'give an address, URL or ARN'));
      } else if ((s.protocol === SubscriptionProtocol.EMAIL || s.protocol === SubscriptionProtocol.EMAIL_JSON) && !/^[^@\s]+@[^@\s]+$/.test(s.endpoint)) {
        problems.push(problem(`${f}.endpoint`, 'must be an email address', s.endpoint, 'give e.g. "oncall@example.com"'));
      } else if ((s.protocol === SubscriptionProtocol.HTTP || s.protocol === SubscriptionProtocol.HTTPS) && !Token.isUnresolved(s.endpoint)) {
        const credentials = urlCredentials(s.endpoint);
        if (!s.endpoint.startsWith(`${s.protocol}://`)) {
          problems.push(problem(`${f}.endpoint`, `must be an ${s.protocol}:// URL`, s.endpoint, `give a URL starting with ${s.protocol}://`));
        } else if (credentials !== undefined) {
          problems.push(problem(`${f}.endpoint`, 'must not carry credentials in plain Terraform JSON', `<a URL with ${credentials}, not shown>`,
            'pass the URL as a sensitive variable: Token.asString(new TerraformVariable(stack, "pagerduty_url", { type: "string", sensitive: true }).value)'));
        }
      }
      if (s.rawMessageDelivery && !RAW_DELIVERY_PROTOCOLS.includes(s.protocol)) {
        problems.push(problem(`${f}.rawMessageDelivery`, 'must only be set for sqs, http, https or firehose subscriptions (SNS rejects it otherwise)', s.protocol,
          'remove rawMessageDelivery for this protocol'));
      }
      if (s.protocol === SubscriptionProtocol.FIREHOSE && !s.subscriptionRoleArn) {
        problems.push(problem(`${f}.subscriptionRoleArn`, 'must be set for firehose subscriptions', s.subscriptionRoleArn, 'give an IAM role SNS can assume to write to the stream'));
      }
    });
    if (props.displayName !== undefined && (typeof props.displayName !== 'string' || props.displayName.length > 100)) {
      problems.push(problem('displayName', 'must be at most 100 characters', props.displayName, 'shorten it; SMS and email show it as the sender'));
    }
    if (!reportPropsProblems(this, problems)) return;

    this.resource = new (aws.SnsTopic())(this, 'Resource', {
      name: this.topicName,
      // literal `${` / `%{` are escaped by the stack (core/terraform-safe-text.ts)
      displayName: props.displayName,
      kmsMasterKeyId: props.kmsMasterKeyId,
      tags: props.tags,
    });
    this.topicArn = this.resource.arn;
    (props.subscriptions ?? []).forEach((s, i) => {
      new (aws.SnsTopicSubscription())(this, `Subscription${i}`, {
        topicArn: this.resource.arn,
        protocol: s.protocol,
        endpoint: s.endpoint,
        rawMessageDelivery: s.rawMessageDelivery,
        subscriptionRoleArn: s.subscriptionRoleArn,
      });
    });
  }
}
