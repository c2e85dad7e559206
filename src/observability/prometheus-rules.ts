import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as c from './conventions';
import { checkRuleTestCase, checkTestAlertNames, renderRuleTestFile, RuleTestCaseSpec } from './model/rule-test';
import { checkRuleGroups, ruleFileDocument, RuleGroupSpec } from './model/rules';
import { registerMonitoringKinds } from './monitoring-kinds';
import { promqlVerdicts } from './promql-verdicts';
import { IRuleSet } from './rule-set';
import { registerRuleSet, RuleFileText } from './rule-set-support';
import { toRuleGroupSpec, toRuleTestSpec } from './rule-spec';
import { PromRuleGroup, PromtoolTest } from './rule-types';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { checkProps } from '../core/check-props';
import { objectName } from '../core/object-name';
import { Engine, placedIn } from '../core/placement';
import { nestProblems, problem, Problem } from '../core/problem';
import { propTypeProblems } from '../core/prop-types';
import { reportPropsProblems } from '../core/props-problems';
import { Validations } from '../core/validations';

/** Props of `PrometheusRules`. */
export interface PrometheusRulesProps {
  /**
   * Rule groups.
   *
   * @default - none; add them with `addGroup`
   */
  readonly groups?: PromRuleGroup[];
  /**
   * Metadata of the PrometheusRule object. `metadata.name` (a DNS-1123 subdomain) also names the rule set and
   * its files, `prometheus/<name>.rules.yaml` and `prometheus/<name>.test.yaml`; add e.g. the labels your
   * Prometheus's `ruleSelector` matches (kube-prometheus-stack selects `release: <helm release>`).
   *
   * @default - name: the construct id; namespace: the chart's; labels `app.kubernetes.io/managed-by: opskit`
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * Hand-written Prometheus alerting and recording rules, checked at construction the way
 * `promtool check rules` checks them and more: every expression parses with Prometheus's own PromQL
 * grammar and type-checks the way Prometheus's parser does (range vs instant vectors; the error names line
 * and column), durations and label names are valid, annotation templates are
 * balanced, every alert has a `severity` label and a `summary` annotation, and rule names are unique per
 * group.
 *
 * Emits a `monitoring.coreos.com/v1` PrometheusRule (child `Resource`), the plain rule file
 * `prometheus/<name>.rules.yaml`, and — when tests are added — `prometheus/<name>.test.yaml` for
 * `promtool test rules`.
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule
 *
 * @example
 * const rules = new PrometheusRules(chart, 'api-rules', {
 *   groups: [{
 *     name: 'api',
 *     rules: [{
 *       alert: 'ApiDown',
 *       expr: 'up{job="api"} == 0',
 *       for: Duration.minutes(5),
 *       labels: { severity: 'critical' },
 *       annotations: { summary: 'API instance {{ $labels.instance }} is down' },
 *     }],
 *   }],
 * });
 * rules.addTest({
 *   inputSeries: [{ series: 'up{job="api", instance="a"}', values: '0x10' }],
 *   alertRuleTests: [{ evalTime: Duration.minutes(6), alertname: 'ApiDown', expAlerts: [{
 *     expLabels: { severity: 'critical', job: 'api', instance: 'a' },
 *     expAnnotations: { summary: 'API instance a is down' },
 *   }] }],
 * });
 */
export class PrometheusRules extends Construct implements IRuleSet, IArtifact {
  /** The rule set's name. */
  public readonly ruleSetName!: string;
  /** The PrometheusRule object (escape hatch). */
  public readonly apiObject!: ApiObject;

  private readonly groups: RuleGroupSpec[] = [];
  private readonly ruleFile = new RuleFileText(this.groups);
  private readonly tests: RuleTestCaseSpec[] = [];

  public constructor(scope: Construct, id: string, props: PrometheusRulesProps = {}) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'PrometheusRules'), id);
    if (!checkProps(this, 'PrometheusRulesProps', props)) return;
    const { name, problems } = objectName(this, props.metadata?.name);
    const groups = (props.groups ?? []).map((g, i) => toRuleGroupSpec(g, `groups[${i}]`, problems));
    problems.push(...checkRuleGroups(groups, { promql: promqlVerdicts(this) }));
    if (!reportPropsProblems(this, problems)) return;
    this.ruleSetName = name;
    this.groups.push(...groups);

    registerMonitoringKinds(this);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: c.MONITORING_API_VERSION,
      kind: c.PROMETHEUS_RULE_KIND,
      metadata: {
        ...props.metadata,
        name,
        labels: { ...c.RULES_PROMETHEUS_RULE_LABELS, ...props.metadata?.labels },
      },
      spec: Lazy.any({ produce: () => ruleFileDocument(this.groups) }),
    });
    Artifacts.mark(this);
    registerRuleSet(this);
    // Checked at synth, since groups may be added after the tests.
    Validations.add(this, {
      problems: () => [
        ...(this.groups.length === 0
          ? [problem('groups', 'must contain at least one rule group by synth (an empty rule set delivers nothing)', [], 'pass groups or call addGroup()')]
          : []),
        ...checkTestAlertNames(this.tests,
          this.groups.flatMap((g) => g.rules.map((r) => r.alert).filter((a): a is string => a !== undefined))),
      ],
    });
  }

  /** Adds a rule group; it is checked against the groups already present (names unique). */
  public addGroup(group: PromRuleGroup): void {
    const field = `groups[${this.groups.length}]`;
    if (!reportPropsProblems(this, propTypeProblems('PromRuleGroup', group, field))) return;
    const problems: Problem[] = [];
    const all = [...this.groups, toRuleGroupSpec(group, field, problems)];
    problems.push(...checkRuleGroups(all, { promql: promqlVerdicts(this) }).filter((p) => p.field === field || p.field.startsWith(`${field}.`)));
    if (!reportPropsProblems(this, problems)) return;
    this.groups.push(all[all.length - 1]);
  }

  /**
   * Adds a promtool unit test over this rule set; all tests go to `prometheus/<name>.test.yaml`, which CI
   * runs with `promtool test rules`.
   */
  public addTest(test: PromtoolTest): void {
    const field = `tests[${this.tests.length}]`;
    if (!reportPropsProblems(this, propTypeProblems('PromtoolTest', test, field))) return;
    const problems: Problem[] = [];
    const spec = toRuleTestSpec(test, problems);
    problems.push(...checkRuleTestCase(spec));
    if (!reportPropsProblems(this, nestProblems(field, problems))) return;
    this.tests.push(spec);
  }

  /** The rule file of this rule set (`groups:` YAML), identical to the artifact and the PrometheusRule's spec. */
  public renderRuleFile(): string {
    return this.ruleFile.render();
  }

  /** @internal */
  public _ruleGroups(): RuleGroupSpec[] {
    return [...this.groups];
  }

  /** The rule file, and the test file when tests were added. */
  public renderFiles(): ArtifactFile[] {
    const files: ArtifactFile[] = [{ path: c.ruleFilePath(this.ruleSetName), content: this.renderRuleFile() }];
    if (this.tests.length > 0) {
      files.push({ path: c.ruleTestFilePath(this.ruleSetName), content: renderRuleTestFile([c.ruleFileReference(this.ruleSetName)], this.tests) });
    }
    return files;
  }
}
