import { ApiObject, ApiObjectMetadata, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as c from './conventions';
import { registerMonitoringKinds } from './monitoring-kinds';
import { promqlVerdicts } from './promql-verdicts';
import { IRuleSet } from './rule-set';
import { toRuleTestSpec } from './rule-spec';
import { PromtoolTest } from './rule-types';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { checkProps } from '../core/check-props';
import { checkedPromDuration } from '../core/duration';
import { isDns1123Subdomain } from '../core/names';
import { Engine, placedIn } from '../core/placement';
import { nestProblems, problem, Problem } from '../core/problem';
import { propTypeProblems } from '../core/prop-types';
import { Validations } from '../core/validations';
import { checkRuleTestCase, checkTestAlertNames, renderRuleTestFile, RuleTestCaseSpec } from './model/rule-test';
import { checkRuleGroups, ruleFileDocument, RuleGroupSpec } from './model/rules';
import { checkSlo, SloSpec, sloLints, sloRuleGroups } from './model/slo';
import type * as SloTest from './model/slo-test';
import { AlertWindowsSpec, PAIR_NAMES, WindowPairSpec } from './model/windows';
import { RuleFileText, registerRuleSet } from './rule-set-support';
import { reportPropsProblems } from '../core/props-problems';
import { warnProblem, Warnings } from '../core/warnings';

let sloTestModule: typeof SloTest | undefined;

/** The generated promtool tests (and the SLI synthesis behind them), loaded when the first SLO is built. */
function sloTest(): typeof SloTest {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sloTestModule ??= require('./model/slo-test') as typeof SloTest;
  return sloTestModule;
}

/** An SLI from event counts: the error ratio is `errorQuery / totalQuery`. */
export interface EventsSli {
  /** Query counting bad events per second over `{{.window}}`, e.g. `sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))`. */
  readonly errorQuery: string;
  /** Query counting all events per second over `{{.window}}`, e.g. `sum(rate(http_requests_total[{{.window}}]))`. */
  readonly totalQuery: string;
}

/** An SLI from a query that already returns the error ratio (0..1) over `{{.window}}`. */
export interface RawSli {
  /** The error-ratio query. */
  readonly errorRatioQuery: string;
}

/** The service level indicator: set exactly one of `events` and `raw`. */
export interface SliProps {
  /**
   * Events SLI.
   *
   * @default - not an events SLI
   */
  readonly events?: EventsSli;
  /**
   * Raw error-ratio SLI.
   *
   * @default - not a raw SLI
   */
  readonly raw?: RawSli;
}

/** One alert (page or ticket) of an SLO. */
export interface SloAlertProps {
  /**
   * Drop this alert.
   *
   * @default false
   */
  readonly disable?: boolean;
  /**
   * Labels of this alert only (override `alerting.labels`).
   *
   * @default - none
   */
  readonly labels?: { [name: string]: string };
  /**
   * Annotations of this alert only (override `alerting.annotations`).
   *
   * @default - none
   */
  readonly annotations?: { [name: string]: string };
}

/** Alerting of an SLO: one page and one ticket alert (Sloth's), each configurable or disabled. */
export interface SloAlertingProps {
  /**
   * Name of both alerts.
   *
   * @default - `<Service><Name>ErrorBudgetBurn` in PascalCase
   */
  readonly name?: string;
  /**
   * Labels of both alerts (e.g. `team`). `sloth_severity` is set to `page` or `ticket`.
   *
   * @default - none
   */
  readonly labels?: { [name: string]: string };
  /**
   * Annotations of both alerts; they override the default `title` and `summary`.
   *
   * @default - Sloth's `title` and `summary`
   */
  readonly annotations?: { [name: string]: string };
  /**
   * The page alert (fast burn: 2% of the budget in 1h, or 5% in 6h, by default).
   *
   * @default - enabled
   */
  readonly pageAlert?: SloAlertProps;
  /**
   * The ticket alert (10% of the budget in 1d or 3d, by default).
   *
   * @default - enabled
   */
  readonly ticketAlert?: SloAlertProps;
  /**
   * Emit one rule per window pair (page quick, page slow, ticket quick, ticket slow) instead of one per
   * severity, with labels `sloth_short_window` and `sloth_long_window`, so on-call sees which window fired.
   * Not Sloth's layout.
   *
   * @default false
   */
  readonly alertPerWindowPair?: boolean;
}

/** One window pair of a multi-window multi-burn-rate alert. */
export interface SloWindowPair {
  /** Percent of the period's error budget consumed within `longWindow` that triggers the alert. */
  readonly errorBudgetPercent: number;
  /** Short window (lets the alert reset quickly), shorter than `longWindow`, e.g. `Duration.minutes(5)`. */
  readonly shortWindow: Duration;
  /** Long window, at most the SLO period, e.g. `Duration.hours(1)`. */
  readonly longWindow: Duration;
}

/**
 * Custom alert windows of an SLO (Sloth's `AlertWindows`).
 *
 * @see https://sre.google/workbook/alerting-on-slos/#recommended_parameters_for_an_slo_based_a
 */
export interface SloAlertWindows {
  /**
   * The period the windows are designed for; must equal the SLO's `period`.
   *
   * @default - the SLO's period
   */
  readonly sloPeriod?: Duration;
  /** Page, quick pair. */
  readonly pageQuick: SloWindowPair;
  /** Page, slow pair. */
  readonly pageSlow: SloWindowPair;
  /** Ticket, quick pair. */
  readonly ticketQuick: SloWindowPair;
  /** Ticket, slow pair. */
  readonly ticketSlow: SloWindowPair;
}

/** Labels of the `sloth_slo_info` series describing the generator. */
export interface SloInfo {
  /** `sloth_version`. @default 'opskit' */
  readonly version?: string;
  /** `sloth_mode`. @default 'opskit-synth' */
  readonly mode?: string;
  /** `sloth_spec`. @default 'opskit/v1' */
  readonly spec?: string;
}

/** Props of `ServiceLevelObjective`. */
export interface ServiceLevelObjectiveProps {
  /** The service the SLO belongs to (`sloth_service`). */
  readonly service: string;
  /** Name of the SLO (`sloth_slo`); the SLO id is `<service>-<name>`. */
  readonly name: string;
  /** Objective in percent, > 0 and < 100 (e.g. 99.9). */
  readonly objective: number;
  /**
   * What the SLO means, for people.
   *
   * @default - none
   */
  readonly description?: string;
  /** The service level indicator. */
  readonly sli: SliProps;
  /**
   * The SLO period. `Duration.days(30)` and `Duration.days(28)` have default alert windows; any other period
   * needs `alertWindows`. Rendered as a Prometheus duration (`30d`, `4w`).
   *
   * @default Duration.days(30)
   */
  readonly period?: Duration;
  /**
   * Custom alert windows for this SLO.
   *
   * @default - the Google SRE workbook windows of the period (Sloth's defaults)
   */
  readonly alertWindows?: SloAlertWindows;
  /**
   * Labels of every recording (and so of every alert), e.g. `owner`, `tier`.
   *
   * @default - none
   */
  readonly labels?: { [name: string]: string };
  /**
   * Alerting.
   *
   * @default - page and ticket alerts with default names and annotations
   */
  readonly alerting?: SloAlertingProps;
  /**
   * Emit the SLI and metadata recording rules. Turn off only when another Prometheus records them.
   *
   * @default true
   */
  readonly recordingRules?: boolean;
  /**
   * Labels of the `sloth_slo_info` series.
   *
   * @default - version `opskit`, mode `opskit-synth`, spec `opskit/v1`
   */
  readonly info?: SloInfo;
  /**
   * Extra metadata of the PrometheusRule object (e.g. labels your Prometheus's `ruleSelector` matches).
   *
   * @default - name `<service>-<name>`, labels `app.kubernetes.io/component: SLO` and
   * `app.kubernetes.io/managed-by: opskit`, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A service level objective and its Prometheus rules, generated exactly as Sloth generates them (record
 * names, labels, windows, burn factors, alert expressions), so Sloth dashboards keep working.
 *
 * Emits a `monitoring.coreos.com/v1` PrometheusRule (child `Resource`), the rule file
 * `prometheus/<id>.rules.yaml`, and a promtool unit test `prometheus/<id>.test.yaml` with synthetic traffic
 * showing the page alert firing at a high burn rate and no alert at a healthy error rate.
 *
 * @see https://sloth.dev/specs/prometheus/
 * @see https://sre.google/workbook/alerting-on-slos/
 *
 * @example
 * new ServiceLevelObjective(chart, 'availability', {
 *   service: 'checkout',
 *   name: 'requests-availability',
 *   objective: 99.9,
 *   sli: { events: {
 *     errorQuery: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))',
 *     totalQuery: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
 *   } },
 *   alerting: { name: 'CheckoutHighErrorRate', pageAlert: { labels: { severity: 'critical' } } },
 * });
 */
export class ServiceLevelObjective extends Construct implements IRuleSet, IArtifact {
  /** The SLO id (`<service>-<name>`), the value of `sloth_id`. */
  public readonly sloId!: string;
  /** The rule set's name (the SLO id). */
  public readonly ruleSetName!: string;
  /** The objective in percent. */
  public readonly objective!: number;
  /** The PrometheusRule object (escape hatch). */
  public readonly apiObject!: ApiObject;
  /**
   * Why the generated unit test checks only the metadata rules, when it does (the SLI queries are outside
   * the subset opskit can synthesize traffic for); add your own test with `addTest`.
   */
  public readonly unitTestLimitation?: string;

  private readonly spec!: SloSpec;
  private readonly groups!: RuleGroupSpec[];
  private readonly ruleFile!: RuleFileText;
  private readonly generatedTests!: RuleTestCaseSpec[];
  private readonly userTests: RuleTestCaseSpec[] = [];

  public constructor(scope: Construct, id: string, props: ServiceLevelObjectiveProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'ServiceLevelObjective'), id);
    if (!checkProps(this, 'ServiceLevelObjectiveProps', props)) return;
    const durationProblems: Problem[] = [];
    const period = checkedPromDuration('period', props.period ?? Duration.days(30), durationProblems, {
      allowZero: false, example: 'Duration.days(30)',
    });
    const alertWindows = props.alertWindows && toAlertWindowsSpec(props.alertWindows, durationProblems);
    const spec: SloSpec = {
      service: props.service,
      name: props.name,
      objective: props.objective,
      description: props.description,
      sli: props.sli,
      period,
      alertWindows: alertWindows && { ...alertWindows, sloPeriod: alertWindows.sloPeriod ?? period ?? '30d' },
      labels: props.labels,
      alerting: props.alerting,
      info: {
        version: props.info?.version ?? c.OPSKIT_SLO_VERSION,
        mode: props.info?.mode ?? c.OPSKIT_SLO_MODE,
        spec: props.info?.spec ?? c.OPSKIT_SLO_SPEC,
      },
      disableRecordings: props.recordingRules === false,
    };
    // an invalid duration is left unset in the spec: its problem is reported once, here
    const durationFields = new Set(durationProblems.map((p) => p.field));
    const sloProblems = checkSlo(spec, promqlVerdicts(this)).filter((p) => !durationFields.has(p.field));
    if (!reportPropsProblems(this, [...durationProblems, ...sloProblems])) return;
    for (const lint of sloLints(spec)) warnProblem(this, `opskit:observability/${lint.rule}`, lint);
    this.spec = spec;
    this.groups = sloRuleGroups(spec);
    this.ruleFile = new RuleFileText(this.groups);
    // The generated rules must pass the same checks as hand-written ones (labels, templates, PromQL).
    if (!reportPropsProblems(this, checkRuleGroups(this.groups, {
      severityLabels: [c.SLO_SEVERITY_LABEL], uniqueRuleNames: false, promql: promqlVerdicts(this),
    }).map((p) => ({ ...p, field: `rules.${p.field}` })))) return;
    this.sloId = c.sloId(spec.service, spec.name);
    this.ruleSetName = this.sloId;
    this.objective = spec.objective;
    const unit = sloTest().sloUnitTests(spec, this.groups);
    this.generatedTests = unit.tests;
    this.unitTestLimitation = unit.limitation;
    // An objective of 100 already has its warning (slo-no-error-budget), which is also why its test is limited.
    if (unit.limitation && spec.objective !== 100) {
      // Warn at synth, and only when no test of the user's own covers the alerts.
      let warned = false;
      Validations.add(this, {
        problems: () => {
          if (!warned && this.userTests.length === 0) {
            warned = true;
            Warnings.add(this, 'opskit:observability/slo-test-metadata-only', `the generated unit test ${c.ruleTestFilePath(this.sloId)} checks the metadata rules only (${unit.limitation}); `
              + 'add a test with your own series with addTest() to prove the alerts, which also silences this warning');
          }
          return [];
        },
      });
    }
    const objectName = props.metadata?.name ?? c.sloPrometheusRuleName(this.sloId);
    if (!isDns1123Subdomain(objectName)) {
      const nameProblem = problem('metadata.name', 'must be a DNS-1123 subdomain', objectName, 'set metadata.name to a lowercase name such as "checkout-availability"');
      if (!reportPropsProblems(this, [nameProblem])) return;
    }

    registerMonitoringKinds(this);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: c.MONITORING_API_VERSION,
      kind: c.PROMETHEUS_RULE_KIND,
      metadata: {
        ...props.metadata,
        name: objectName,
        labels: { ...c.SLO_PROMETHEUS_RULE_LABELS, ...props.metadata?.labels },
      },
      spec: Lazy.any({ produce: () => ruleFileDocument(this.groups) }),
    });
    Artifacts.mark(this);
    registerRuleSet(this);
  }

  /** Adds a promtool unit test of your own over this SLO's rule file (e.g. with your real metric series). */
  public addTest(test: PromtoolTest): void {
    const field = `tests[${this.userTests.length}]`;
    if (!reportPropsProblems(this, propTypeProblems('PromtoolTest', test, field))) return;
    const problems: Problem[] = [];
    const spec = toRuleTestSpec(test, problems);
    const alerts = this.groups.flatMap((g) => g.rules.map((r) => r.alert).filter((a): a is string => a !== undefined));
    if (!reportPropsProblems(this, [
      ...nestProblems(field, [...problems, ...checkRuleTestCase(spec)]),
      ...checkTestAlertNames([spec], alerts).map((p) => ({ ...p, field: p.field.replace(/^tests\[0\]/, field) })),
    ])) return;
    this.userTests.push(spec);
  }

  /** The rule file of this SLO (`groups:` YAML), identical to the artifact and the PrometheusRule's spec. */
  public renderRuleFile(): string {
    return this.ruleFile.render();
  }

  /** @internal */
  public _ruleGroups(): RuleGroupSpec[] {
    return [...this.groups];
  }

  /** @internal */
  public _spec(): SloSpec {
    return this.spec;
  }

  /** The rule file and the unit-test file. */
  public renderFiles(): ArtifactFile[] {
    const files: ArtifactFile[] = [{ path: c.ruleFilePath(this.ruleSetName), content: this.renderRuleFile() }];
    const tests = [...this.generatedTests, ...this.userTests];
    if (tests.length > 0) {
      files.push({ path: c.ruleTestFilePath(this.ruleSetName), content: renderRuleTestFile([c.ruleFileReference(this.ruleSetName)], tests) });
    }
    return files;
  }
}

/**
 * The windows as the model sees them, with `sloPeriod` left unset when the props leave it out (the SLO's
 * period then applies). Pairs left out stay unset, for the model to report; so do invalid durations, whose
 * problems go to `out`.
 */
function toAlertWindowsSpec(w: SloAlertWindows, out: Problem[]): Omit<AlertWindowsSpec, 'sloPeriod'> & { sloPeriod?: string } {
  const pair = (name: typeof PAIR_NAMES[number]): WindowPairSpec => {
    const p = w[name];
    if (!p) return p;
    // an invalid window stays unset; the constructor reports its problem and not the model's
    const window = (k: 'shortWindow' | 'longWindow', example: string) =>
      checkedPromDuration(`alertWindows.${name}.${k}`, p[k], out, { allowZero: false, example }) as string;
    return { errorBudgetPercent: p.errorBudgetPercent, shortWindow: window('shortWindow', 'Duration.minutes(5)'), longWindow: window('longWindow', 'Duration.hours(1)') };
  };
  return {
    sloPeriod: checkedPromDuration('alertWindows.sloPeriod', w.sloPeriod, out, { allowZero: false, example: 'Duration.days(30)' }),
    pageQuick: pair('pageQuick'),
    pageSlow: pair('pageSlow'),
    ticketQuick: pair('ticketQuick'),
    ticketSlow: pair('ticketSlow'),
  };
}
