/**
 * The structs `AlertmanagerRouting` takes (public API) and `AlertmanagerSecret`. No functions or logic beyond
 * the secret's path; the rules live in `model/alertmanager*.ts`. The structs with durations (cdk8s `Duration`)
 * live in `alertmanager-route-types.ts`, which the model does not import.
 *
 * Field names are the camelCase forms of Alertmanager's own (`group_wait` → `groupWait`, `api_url` → `apiUrl`).
 *
 * @see https://prometheus.io/docs/alerting/latest/configuration/
 */

/** Where prometheus-operator mounts the Secrets listed in `Alertmanager.spec.secrets`. */
const OPERATOR_SECRETS_DIR = '/etc/alertmanager/secrets';

/**
 * A secret an Alertmanager receiver needs (a Slack webhook URL, a PagerDuty routing key, an SMTP
 * password). opskit never writes secret values into the files it emits: a receiver names where the secret
 * lives, and Alertmanager reads it at run time through the `*_file` fields.
 *
 * Literal secrets are rejected (decision): the generated `alertmanager/<name>.yaml` and the
 * `AlertmanagerConfig` object end up in Git and in ConfigMaps, where a secret does not belong.
 */
export class AlertmanagerSecret {
  /**
   * A secret Alertmanager reads from a file path (rendered as the receiver's `*_file` field, e.g.
   * `api_url_file`). Cannot be used in an `AlertmanagerConfig` object (it only takes Secret keys).
   *
   * @param path absolute path of the file inside the Alertmanager container
   */
  public static fromFile(path: string): AlertmanagerSecret {
    return new AlertmanagerSecret(path, undefined, undefined);
  }

  /**
   * A key of a Kubernetes Secret. In an `AlertmanagerConfig` object it becomes a `SecretKeySelector`
   * (the Secret must be in the object's namespace); in `alertmanager.yaml` it becomes the `*_file` path where
   * prometheus-operator mounts Secrets listed in `Alertmanager.spec.secrets`:
   * `<mountDirectory>/<secretName>/<key>`.
   *
   * @param secretName name of the Secret
   * @param key key inside the Secret
   * @param mountDirectory where the Secrets are mounted. @default '/etc/alertmanager/secrets'
   * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.AlertmanagerSpec
   */
  public static fromSecretKey(secretName: string, key: string, mountDirectory?: string): AlertmanagerSecret {
    return new AlertmanagerSecret(undefined, { name: secretName, key }, mountDirectory ?? OPERATOR_SECRETS_DIR);
  }

  /** Whether a value is an `AlertmanagerSecret` (also across copies of the library). */
  public static isAlertmanagerSecret(x: any): boolean {
    return x !== null && typeof x === 'object' && (x as any)[SECRET_MARKER] === true;
  }

  /** The file path for `alertmanager.yaml`. */
  public readonly filePath: string;
  /** The Secret key reference, when this secret comes from a Kubernetes Secret. @default - a file secret */
  public readonly secretKeyRef?: SecretKeyReference;

  private constructor(path: string | undefined, ref: SecretKeyReference | undefined, mountDirectory: string | undefined) {
    Object.defineProperty(this, SECRET_MARKER, { value: true, enumerable: false });
    this.secretKeyRef = ref;
    this.filePath = path ?? `${(mountDirectory ?? OPERATOR_SECRETS_DIR).replace(/\/+$/, '')}/${ref!.name}/${ref!.key}`;
  }
}

const SECRET_MARKER = Symbol.for('opskit.AlertmanagerSecret');

/** A reference to one key of a Kubernetes Secret. */
export interface SecretKeyReference {
  /** Name of the Secret. */
  readonly name: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/** A webhook receiver configuration (`webhook_configs`). */
export interface WebhookConfig {
  /** The endpoint URL, when it carries no secret. Exactly one of `url` and `urlSecret`. @default - urlSecret */
  readonly url?: string;
  /**
   * The endpoint URL as a secret (rendered as `url_file`, which Alertmanager 0.25 does not know yet;
   * newer versions read it). @default - url
   */
  readonly urlSecret?: AlertmanagerSecret;
  /** Whether to notify about resolved alerts. @default true */
  readonly sendResolved?: boolean;
  /** Maximum number of alerts in one message (0 = all). @default 0 @integer */
  readonly maxAlerts?: number;
}

/** A Slack receiver configuration (`slack_configs`). */
export interface SlackConfig {
  /** The incoming-webhook URL (a secret, rendered as `api_url_file`). */
  readonly apiUrl: AlertmanagerSecret;
  /** The channel or user to send to. @default - the webhook's default channel */
  readonly channel?: string;
  /** Message title (a template). @default - Alertmanager's default template */
  readonly title?: string;
  /** Message text (a template). @default - Alertmanager's default template */
  readonly text?: string;
  /** Whether to notify about resolved alerts. @default false */
  readonly sendResolved?: boolean;
}

/** A PagerDuty receiver configuration (`pagerduty_configs`). */
export interface PagerdutyConfig {
  /** The Events API v2 integration key. Exactly one of `routingKey` and `serviceKey`. @default - serviceKey */
  readonly routingKey?: AlertmanagerSecret;
  /** The integration key of a "Prometheus" integration (Events API v1). @default - routingKey */
  readonly serviceKey?: AlertmanagerSecret;
  /** PagerDuty severity (a template). @default 'error' */
  readonly severity?: string;
  /** Incident description (a template). @default - Alertmanager's default template */
  readonly description?: string;
  /** Whether to notify about resolved alerts. @default true */
  readonly sendResolved?: boolean;
}

/** An email receiver configuration (`email_configs`). */
export interface EmailConfig {
  /** Recipient address(es). */
  readonly to: string;
  /** Sender address. @default - global smtpFrom */
  readonly from?: string;
  /** SMTP server as `host:port`. @default - global smtpSmarthost */
  readonly smarthost?: string;
  /** SMTP user name. @default - no authentication */
  readonly authUsername?: string;
  /** SMTP password (a secret, rendered as `auth_password_file`). @default - no password */
  readonly authPassword?: AlertmanagerSecret;
  /** Whether STARTTLS is required. @default true */
  readonly requireTls?: boolean;
  /** Whether to notify about resolved alerts. @default false */
  readonly sendResolved?: boolean;
}

/** An Amazon SNS receiver configuration (`sns_configs`). */
export interface SnsConfig {
  /** The topic ARN (may be a Terraform token, e.g. `topic.arn`). */
  readonly topicArn: string;
  /** AWS region for SigV4 signing (required by Amazon Managed Service for Prometheus). @default - the SDK's default */
  readonly sigv4Region?: string;
  /** IAM role to assume for publishing. @default - the Alertmanager's own credentials */
  readonly sigv4RoleArn?: string;
  /** Message subject (a template). @default - Alertmanager's default template */
  readonly subject?: string;
  /** Message body (a template). @default - Alertmanager's default template */
  readonly message?: string;
  /** SNS message attributes. @default - none */
  readonly attributes?: { [key: string]: string };
  /** Whether to notify about resolved alerts. @default true */
  readonly sendResolved?: boolean;
}

/** A named receiver; without configurations it drops alerts (a "blackhole"). */
export interface AlertmanagerReceiver {
  /** Unique name, referenced by routes. */
  readonly name: string;
  /**
   * Webhook endpoints (`webhook_configs`).
   * @default - none
   * @see https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
   */
  readonly webhookConfigs?: WebhookConfig[];
  /**
   * Slack incoming webhooks (`slack_configs`).
   * @default - none
   * @see https://prometheus.io/docs/alerting/latest/configuration/#slack_config
   */
  readonly slackConfigs?: SlackConfig[];
  /**
   * PagerDuty services (`pagerduty_configs`).
   * @default - none
   * @see https://prometheus.io/docs/alerting/latest/configuration/#pagerduty_config
   */
  readonly pagerdutyConfigs?: PagerdutyConfig[];
  /**
   * Email recipients (`email_configs`).
   * @default - none
   * @see https://prometheus.io/docs/alerting/latest/configuration/#email_config
   */
  readonly emailConfigs?: EmailConfig[];
  /**
   * Amazon SNS topics (`sns_configs`), the only receiver type of Amazon Managed Service for Prometheus.
   * @default - none
   * @see https://prometheus.io/docs/alerting/latest/configuration/#sns_config
   */
  readonly snsConfigs?: SnsConfig[];
}

/** Mutes alerts matching `targetMatchers` while an alert matching `sourceMatchers` fires. */
export interface InhibitRule {
  /** Matchers an alert must satisfy to inhibit others (e.g. `['sloth_severity="page"']`). */
  readonly sourceMatchers: string[];
  /** Matchers of the alerts that get muted (e.g. `['sloth_severity="ticket"']`). */
  readonly targetMatchers: string[];
  /** Labels that must have equal values in source and target (e.g. `['sloth_id']`). @default - none */
  readonly equal?: string[];
}

/** A start and end time of day, `HH:MM` (end exclusive, `24:00` allowed). */
export interface TimeRange {
  /** e.g. `'09:00'` */
  readonly startTime: string;
  /** e.g. `'17:00'` */
  readonly endTime: string;
}

/** One period of a time interval; all given fields must hold at once. */
export interface TimePeriod {
  /** Times of day. @default - all day */
  readonly times?: TimeRange[];
  /** Weekdays or ranges, e.g. `['monday:friday', 'sunday']`. @default - every day */
  readonly weekdays?: string[];
  /** Days of month or ranges, negative counting from the end, e.g. `['1:5', '-3:-1']`. @default - every day */
  readonly daysOfMonth?: string[];
  /** Months by name or number, or ranges, e.g. `['january:march', '12']`. @default - every month */
  readonly months?: string[];
  /** Years or ranges, e.g. `['2026:2027']`. @default - every year */
  readonly years?: string[];
  /** IANA time zone, e.g. `'Europe/Berlin'`. @default 'UTC' */
  readonly location?: string;
}

/** A named time interval, used by routes' `muteTimeIntervals` and `activeTimeIntervals`. */
export interface AlertmanagerTimeInterval {
  /** Unique name. */
  readonly name: string;
  /** Periods; the interval is active when any period holds. */
  readonly timeIntervals: TimePeriod[];
}
