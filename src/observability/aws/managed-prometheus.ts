import type { PrometheusAlertManagerDefinition } from '@cdktn/provider-aws/lib/prometheus-alert-manager-definition';
import type { PrometheusRuleGroupNamespace } from '@cdktn/provider-aws/lib/prometheus-rule-group-namespace';
import type { PrometheusWorkspace } from '@cdktn/provider-aws/lib/prometheus-workspace';
import type { SnsTopicPolicy } from '@cdktn/provider-aws/lib/sns-topic-policy';
import { Lazy } from 'cdktn';
import { Construct } from 'constructs';
import { AlertTopic } from './alert-topic';
import { checkProps } from '../../core/check-props';
import { OpsError } from '../../core/ops-error';
import { Engine, placedIn } from '../../core/placement';
import { nestProblems, problem, Problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';
import { escapeTerraformTemplate } from '../../core/terraform-text';
import { AlertmanagerRouting } from '../alertmanager-routing';
import type * as AlertmanagerAmp from '../model/alertmanager-amp';
import { IRuleSet } from '../rule-set';

let alertmanagerAmpModule: typeof AlertmanagerAmp | undefined;

/** AMP's Alertmanager limits and definition, loaded when the first workspace takes an Alertmanager configuration. */
function alertmanagerAmp(): typeof AlertmanagerAmp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  alertmanagerAmpModule ??= require('../model/alertmanager-amp') as typeof AlertmanagerAmp;
  return alertmanagerAmpModule;
}

/** Provider submodules are loaded on first use, so that requiring opskit stays cheap. */
const aws = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PrometheusAlertManagerDefinition: (): typeof PrometheusAlertManagerDefinition => require('@cdktn/provider-aws/lib/prometheus-alert-manager-definition').PrometheusAlertManagerDefinition,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PrometheusRuleGroupNamespace: (): typeof PrometheusRuleGroupNamespace => require('@cdktn/provider-aws/lib/prometheus-rule-group-namespace').PrometheusRuleGroupNamespace,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PrometheusWorkspace: (): typeof PrometheusWorkspace => require('@cdktn/provider-aws/lib/prometheus-workspace').PrometheusWorkspace,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  SnsTopicPolicy: (): typeof SnsTopicPolicy => require('@cdktn/provider-aws/lib/sns-topic-policy').SnsTopicPolicy,
};

/** Props of `ManagedPrometheus`. */
export interface ManagedPrometheusProps {
  /** Alias of the workspace to create. @default - no alias */
  readonly alias?: string;
  /**
   * Use an existing workspace instead of creating one. Then `alias`, `kmsKeyArn`, `logGroupArn` and `tags`
   * must not be set.
   *
   * @default - a new workspace is created
   */
  readonly workspaceId?: string;
  /** ARN of the existing workspace, to scope the SNS topic policies to it. @default - topic policies allow any AMP workspace of the account */
  readonly workspaceArn?: string;
  /** KMS key to encrypt the workspace with. @default - an AWS owned key */
  readonly kmsKeyArn?: string;
  /** CloudWatch log group (ARN ending in `:*`) for the workspace's rule and alert manager logs. @default - no logging */
  readonly logGroupArn?: string;
  /** Tags of the workspace and the rule-group namespaces. @default - none */
  readonly tags?: { [key: string]: string };
  /**
   * The alert manager configuration (`aws_prometheus_alert_manager_definition`). AMP only delivers to SNS:
   * every receiver must be SNS with `sigv4Region`, `repeatInterval` at most 5d, templates given inline.
   * Create the routing with `artifact: false` when its topic ARNs are Terraform references.
   *
   * @default - no alert manager definition
   */
  readonly alertmanager?: AlertmanagerRouting;
  /**
   * SNS topics the workspace publishes to: each gets a topic policy allowing `aps.amazonaws.com` to publish
   * (scoped to this workspace).
   *
   * @default - none
   */
  readonly alertTopics?: AlertTopic[];
  /**
   * Rule sets (`ServiceLevelObjective`, `PrometheusRules`) to deliver, one rule-group namespace each, named
   * after the rule set and holding exactly the rule file the cluster gets.
   *
   * @default - none
   */
  readonly ruleSets?: IRuleSet[];
}

/**
 * An Amazon Managed Service for Prometheus workspace with its rules and alert manager: one
 * `aws_prometheus_rule_group_namespace` per rule file (the same YAML the cluster gets), an
 * `aws_prometheus_alert_manager_definition` from an `AlertmanagerRouting`, and SNS topic policies that let
 * the workspace publish alerts. Every embedded text is escaped for Terraform (`${` → `$${`, `%{` → `%%{`).
 *
 * @example
 * const page = new AlertTopic(stack, 'page', { subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }] });
 * const routing = new AlertmanagerRouting(stack, 'amp-routing', {
 *   artifact: false,
 *   route: { receiver: 'page', groupBy: ['alertname', 'sloth_service', 'sloth_slo'] },
 *   receivers: [{ name: 'page', snsConfigs: [{ topicArn: page.topicArn, sigv4Region: 'eu-west-1' }] }],
 * });
 * new ManagedPrometheus(stack, 'amp', { alias: 'platform', alertmanager: routing, alertTopics: [page], ruleSets: [slo] });
 * @see https://docs.aws.amazon.com/prometheus/latest/userguide/what-is-Amazon-Managed-Service-Prometheus.html
 */
export class ManagedPrometheus extends Construct {
  /** The workspace id (a Terraform reference, or the given id). */
  public readonly workspaceId!: string;
  /** The workspace ARN. @default - unknown for an existing workspace given without workspaceArn */
  public readonly workspaceArn?: string;
  /** The created workspace. @default - none when an existing workspace is used */
  public readonly workspace?: PrometheusWorkspace;
  /** The alert manager definition. @default - none */
  public readonly alertManagerDefinition?: PrometheusAlertManagerDefinition;

  private readonly namespaces = new Map<string, PrometheusRuleGroupNamespace>();
  private readonly tags?: { [key: string]: string };

  public constructor(scope: Construct, id: string, props: ManagedPrometheusProps = {}) {
    super(placedIn(scope, id, Engine.TERRAFORM, 'ManagedPrometheus'), id);
    if (!checkProps(this, 'ManagedPrometheusProps', props)) return;
    const problems: Problem[] = [];
    if (props.workspaceId !== undefined) {
      for (const key of ['alias', 'kmsKeyArn', 'logGroupArn', 'tags'] as const) {
        if (props[key] !== undefined) {
          problems.push(problem(key, 'must not be set with workspaceId (the workspace exists already)', props[key], `remove ${key} or workspaceId`));
        }
      }
      if (typeof props.workspaceId !== 'string' || !/^(ws-[0-9a-f-]+|\$\{TfToken\[.*\]\})$/.test(props.workspaceId)) {
        problems.push(problem('workspaceId', 'must be a workspace id like ws-0123abcd-…', props.workspaceId, 'copy the id from the AMP console or a data source'));
      }
    } else if (props.workspaceArn !== undefined) {
      problems.push(problem('workspaceArn', 'must only be set with workspaceId', props.workspaceArn, 'remove workspaceArn (the created workspace\'s ARN is used)'));
    }
    if (props.alias !== undefined && !/^[\x20-\x7e]{1,100}$/.test(props.alias)) {
      problems.push(problem('alias', 'must be 1-100 printable ASCII characters', props.alias, 'use e.g. "platform"'));
    }
    if (props.logGroupArn !== undefined && !/:\*$/.test(props.logGroupArn) && !props.logGroupArn.includes('TfToken')) {
      problems.push(problem('logGroupArn', 'must end with ":*"', props.logGroupArn, 'append ":*" to the log group ARN'));
    }
    if (props.kmsKeyArn !== undefined && !props.kmsKeyArn.includes('TfToken') && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/+=,.@-]+$/.test(props.kmsKeyArn)) {
      problems.push(problem('kmsKeyArn', 'must be a KMS key ARN', props.kmsKeyArn, 'give e.g. "arn:aws:kms:eu-west-1:123456789012:key/0123abcd-…" or a key\'s .arn'));
    }
    if (props.workspaceArn !== undefined && props.workspaceId !== undefined && !props.workspaceArn.includes('TfToken')
      && !/^arn:aws[a-z-]*:aps:[a-z0-9-]+:\d{12}:workspace\/ws-[0-9a-f-]+$/.test(props.workspaceArn)) {
      problems.push(problem('workspaceArn', 'must be an AMP workspace ARN', props.workspaceArn, 'give e.g. "arn:aws:aps:eu-west-1:123456789012:workspace/ws-0123abcd-…"'));
    }
    (props.alertTopics ?? []).forEach((t, i) => {
      if (!(t as any).node) {
        problems.push(problem(`alertTopics[${i}]`, 'must be an AlertTopic construct', t, 'pass the AlertTopic construct'));
        return;
      }
      const first = (props.alertTopics ?? []).findIndex((o) => o.node.id === t.node.id);
      if (first !== i) {
        problems.push(problem(`alertTopics[${i}]`, `must not repeat a topic (or a topic with the same construct id as alertTopics[${first}])`, t.node.path,
          'list each topic once; give topics in different scopes distinct ids'));
      }
    });
    if (props.alertmanager && !props.alertmanager._spec) {
      problems.push(problem('alertmanager', 'must be an AlertmanagerRouting construct', props.alertmanager, 'pass the AlertmanagerRouting construct'));
    } else if (props.alertmanager) {
      problems.push(...nestProblems('alertmanager', alertmanagerAmp().checkAmpLimits(props.alertmanager._spec)));
    }
    if (!reportPropsProblems(this, problems)) return;
    // literal `${` / `%{` in tags and texts are escaped by the stack (core/terraform-safe-text.ts)
    this.tags = props.tags;

    if (props.workspaceId !== undefined) {
      this.workspaceId = props.workspaceId;
      this.workspaceArn = props.workspaceArn;
    } else {
      this.workspace = new (aws.PrometheusWorkspace())(this, 'Resource', {
        alias: props.alias,
        kmsKeyArn: props.kmsKeyArn,
        loggingConfiguration: props.logGroupArn ? { logGroupArn: props.logGroupArn } : undefined,
        tags: this.tags,
      });
      this.workspaceId = this.workspace.id;
      this.workspaceArn = this.workspace.arn;
    }

    if (props.alertmanager) {
      this.alertManagerDefinition = new (aws.PrometheusAlertManagerDefinition())(this, 'AlertManager', {
        workspaceId: this.workspaceId,
        definition: alertmanagerAmp().renderAmpDefinition(props.alertmanager._spec),
      });
    }
    (props.alertTopics ?? []).forEach((topic) => this.allowPublishing(topic));
    (props.ruleSets ?? []).forEach((ruleSet) => this.addRuleSet(ruleSet));
  }

  /**
   * Delivers a rule set as an `aws_prometheus_rule_group_namespace` whose `data` is the rule set's rule file
   * (rendered at synth, so rules added later are included), escaped for Terraform.
   *
   * @param ruleSet the rules (a `ServiceLevelObjective`, a `PrometheusRules`)
   * @param namespaceName 1-64 of `A-Za-z0-9-_.`, starting with a letter or digit. @default - ruleSet.ruleSetName
   */
  public addRuleSet(ruleSet: IRuleSet, namespaceName?: string): PrometheusRuleGroupNamespace {
    const name = namespaceName ?? ruleSet.ruleSetName;
    this.checkNamespaceName(name);
    return this.addNamespace(name, Lazy.stringValue({
      // a token's value is not walked by the stack's escaping: the literal rule file is escaped here
      produce: () => escapeTerraformTemplate(ruleSet.renderRuleFile()),
    }));
  }

  /**
   * Delivers rule-file text (`groups:` YAML) as an `aws_prometheus_rule_group_namespace`.
   */
  public addRuleFileText(namespaceName: string, ruleFile: string): PrometheusRuleGroupNamespace {
    this.checkNamespaceName(namespaceName);
    if (typeof ruleFile !== 'string' || !/^groups:/m.test(ruleFile)) {
      // a method that returns what it creates cannot skip it: it throws at once
      throw OpsError.of(this, 'ruleFile', 'must be a Prometheus rule file with a top-level groups: key',
        typeof ruleFile === 'string' ? JSON.stringify(ruleFile.slice(0, 40)) : String(ruleFile), 'render the rule set\'s file');
    }
    return this.addNamespace(namespaceName, ruleFile);
  }

  private checkNamespaceName(name: string): void {
    const problems: Problem[] = [];
    if (typeof name !== 'string' || !/^[0-9A-Za-z][-.0-9A-Z_a-z]{0,63}$/.test(name)) {
      problems.push(problem('namespaceName', 'must be 1-64 letters, digits, "-", "_" or ".", starting with a letter or digit', name, 'use e.g. the rule set name "api-availability"'));
    } else if (this.namespaces.has(name)) {
      problems.push(problem('namespaceName', 'must be unique in the workspace', name, 'give each rule set its own namespace name'));
    }
    OpsError.throwIfAny(this, problems);
  }

  private addNamespace(name: string, data: string): PrometheusRuleGroupNamespace {
    const ns = new (aws.PrometheusRuleGroupNamespace())(this, `Rules-${name}`, {
      name,
      workspaceId: this.workspaceId,
      data,
      tags: this.tags,
    });
    this.namespaces.set(name, ns);
    return ns;
  }

  /** Lets this workspace publish to an SNS topic (an `aws_sns_topic_policy`; it replaces the topic's policy). */
  public allowPublishing(topic: AlertTopic): SnsTopicPolicy {
    const statement: any = {
      Sid: 'AllowAmpPublish',
      Effect: 'Allow',
      Principal: { Service: 'aps.amazonaws.com' },
      Action: ['sns:Publish', 'sns:GetTopicAttributes'],
      Resource: topic.topicArn,
    };
    if (this.workspaceArn) statement.Condition = { ArnEquals: { 'aws:SourceArn': this.workspaceArn } };
    return new (aws.SnsTopicPolicy())(this, `Publish-${topic.node.id}`, {
      arn: topic.topicArn,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
    });
  }
}
