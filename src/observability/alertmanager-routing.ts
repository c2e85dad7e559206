import { ApiObject, ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { toGlobalSpec, toMatchedRoute, toRouteSpec } from './alertmanager-route-spec';
import { AlertmanagerGlobal, AlertmanagerRoute, MatchedRoute } from './alertmanager-route-types';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { IObjectValidator, KindRegistry, KindScope } from '../core/kind-registry';
import { problem, Problem } from '../core/problem';
import { toYaml } from '../core/yaml';
import { AlertmanagerReceiver, AlertmanagerSpec, AlertmanagerTimeInterval, InhibitRule } from './model/alertmanager';
import { checkAlertmanagerConfigObject } from './model/alertmanager-config-object';
import { renderAlertmanagerConfigSpec, renderAlertmanagerYamlObject } from './model/alertmanager-render';
import { receiversFor, routeFor } from './model/alertmanager-route-for';
import { checkProps } from '../core/check-props';
import { namespaceProblems } from '../core/names';
import { objectName } from '../core/object-name';
import { reportPropsProblems } from '../core/props-problems';
import type * as AlertmanagerValidate from './model/alertmanager-validate';
import { checkAlertmanagerVersion, OLDEST_ALERTMANAGER_VERSION } from './model/alertmanager-version';

let alertmanagerValidateModule: typeof AlertmanagerValidate | undefined;

/** amtool's checks of an Alertmanager configuration, loaded when the first routing is checked. */
function alertmanagerValidate(): typeof AlertmanagerValidate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  alertmanagerValidateModule ??= require('./model/alertmanager-validate') as typeof AlertmanagerValidate;
  return alertmanagerValidateModule;
}

/** The one validator of the AlertmanagerConfig kind (registered once per app). */
const ALERTMANAGER_CONFIG_VALIDATOR: IObjectValidator = { validateObject: (obj: any) => checkAlertmanagerConfigObject(obj) };

/** Props of `AlertmanagerRouting`. */
export interface AlertmanagerRoutingProps {
  /**
   * Metadata of the routing. `metadata.name` (a DNS-1123 subdomain) names the configuration file,
   * `alertmanager/<name>.yaml`, and the `AlertmanagerConfig` object; the namespace, labels and annotations go
   * on the `AlertmanagerConfig` object, so they need `alertmanagerConfig: true`.
   *
   * @default - name: the construct id; namespace: the chart's
   */
  readonly metadata?: ApiObjectMetadata;
  /** The `global` section (non-secret fields only). @default - Alertmanager's defaults */
  readonly global?: AlertmanagerGlobal;
  /**
   * The root route. It needs a `receiver` and must not have matchers or time intervals.
   *
   * @see https://prometheus.io/docs/alerting/latest/configuration/#route
   */
  readonly route: AlertmanagerRoute;
  /**
   * The receivers; routes refer to them by name. Secrets (Slack URLs, PagerDuty keys, SMTP passwords) are
   * `AlertmanagerSecret` references, never literal values.
   *
   * @see https://prometheus.io/docs/alerting/latest/configuration/#receiver
   */
  readonly receivers: AlertmanagerReceiver[];
  /**
   * Inhibit rules, e.g. a page for an SLO mutes the ticket for the same SLO:
   * `{ sourceMatchers: ['sloth_severity="page"'], targetMatchers: ['sloth_severity="ticket"'], equal: ['sloth_id'] }`.
   *
   * @default - none
   * @see https://prometheus.io/docs/alerting/latest/configuration/#inhibit_rule
   */
  readonly inhibitRules?: InhibitRule[];
  /**
   * Named time intervals for routes' `muteTimeIntervals` / `activeTimeIntervals`.
   *
   * @default - none
   * @see https://prometheus.io/docs/alerting/latest/configuration/#time_interval
   */
  readonly timeIntervals?: AlertmanagerTimeInterval[];
  /** Template file paths or globs to load, e.g. `/etc/alertmanager/templates/*.tmpl`. @default - none */
  readonly templates?: string[];
  /**
   * Inline template files (file name → Go template text). Each is written next to the configuration as
   * `alertmanager/<name>/<file>` and listed under `templates` as `<templatesDirectory>/<file>`; for
   * Amazon Managed Service for Prometheus they become the definition's `template_files`.
   *
   * @default - none
   */
  readonly templateFiles?: { [fileName: string]: string };
  /**
   * Where the inline template files are found at run time. A relative path is resolved against the
   * configuration file's folder by Alertmanager.
   *
   * @default '/etc/alertmanager/config' (where prometheus-operator mounts the configuration Secret)
   */
  readonly templatesDirectory?: string;
  /**
   * Also emit the routing as a prometheus-operator `AlertmanagerConfig` (monitoring.coreos.com/v1alpha1)
   * object; the construct must then be inside a cdk8s Chart. The operator scopes it to its namespace (a
   * `namespace="<ns>"` matcher is added to the top route). Every secret must then come from
   * `AlertmanagerSecret.fromSecretKey`, and templates, the global section and time-interval locations are
   * not expressible (they belong to the Alertmanager's own configuration).
   *
   * @default false
   * @see https://prometheus-operator.dev/docs/developer/alerting/
   */
  readonly alertmanagerConfig?: boolean;
  /**
   * Write `alertmanager/<name>.yaml` (and the template files). Set `false` for a routing used only by
   * `ManagedPrometheus` whose SNS topic ARNs are Terraform references (`topic.arn`): those resolve inside
   * Terraform, never in a file.
   *
   * @default true
   */
  readonly artifact?: boolean;
  /**
   * The Alertmanager release that loads `alertmanager/<name>.yaml`, as `major.minor` (e.g. `'0.28'`).
   * A feature that needs a newer release (a webhook's `urlSecret`, rendered as `url_file`, needs 0.26) fails
   * at construction naming the field and the release that introduced it, instead of a configuration the
   * Alertmanager refuses to load at run time.
   *
   * The default is the oldest release opskit verifies its output against (Alertmanager 0.25, as packaged by
   * Debian 12), so that a configuration that synthesizes loads in every Alertmanager from 0.25 on: a
   * newer-only feature is an explicit choice, stated once here.
   *
   * @default '0.25'
   * @see https://github.com/prometheus/alertmanager/blob/main/CHANGELOG.md
   */
  readonly alertmanagerVersion?: string;
}

/**
 * An Alertmanager routing configuration: route tree, receivers, inhibit rules, time intervals and
 * templates, written as `alertmanager/<name>.yaml` (accepted by `amtool check-config`), optionally as an
 * `AlertmanagerConfig` object, and reusable by `ManagedPrometheus` for Amazon Managed Service for Prometheus.
 *
 * `routeFor(labels)` tells which receivers an alert with those labels reaches, exactly as
 * `amtool config routes test` does.
 *
 * @example
 * new AlertmanagerRouting(chart, 'slo-alerts', {
 *   route: {
 *     receiver: 'tickets',
 *     groupBy: ['alertname', 'sloth_service', 'sloth_slo'],
 *     routes: [{ receiver: 'on-call', matchers: ['sloth_severity="page"'] }],
 *   },
 *   receivers: [
 *     { name: 'tickets', webhookConfigs: [{ url: 'http://ticket-bridge.ops:8080/alerts' }] },
 *     { name: 'on-call', pagerdutyConfigs: [{ routingKey: AlertmanagerSecret.fromSecretKey('pagerduty', 'routing-key') }] },
 *   ],
 *   inhibitRules: [{ sourceMatchers: ['sloth_severity="page"'], targetMatchers: ['sloth_severity="ticket"'], equal: ['sloth_id'] }],
 * });
 */
export class AlertmanagerRouting extends Construct implements IArtifact {
  /** The routing's name: the base name of its files and the `AlertmanagerConfig`'s `metadata.name`. */
  public readonly name!: string;
  /** The path of the configuration relative to the app's outdir, `alertmanager/<name>.yaml`. */
  public readonly filePath!: string;
  /** Whether `alertmanager/<name>.yaml` is written. */
  public readonly artifact!: boolean;
  /** The Alertmanager release the configuration is written for (`major.minor`). */
  public readonly alertmanagerVersion!: string;
  /** The `AlertmanagerConfig` object, when `alertmanagerConfig` is set; `undefined` otherwise. */
  public readonly alertmanagerConfig?: ApiObject;

  /** @internal */
  public readonly _spec!: AlertmanagerSpec;
  private readonly templatesDirectory?: string;

  public constructor(scope: Construct, id: string, props: AlertmanagerRoutingProps) {
    super(scope, id);
    if (!checkProps(this, 'AlertmanagerRoutingProps', props)) return;
    const { name, problems } = objectName(this, props.metadata?.name);
    this.name = name;
    const durationProblems: Problem[] = [];
    this._spec = {
      global: props.global && toGlobalSpec(props.global, durationProblems),
      route: toRouteSpec(props.route, 'route', durationProblems),
      receivers: props.receivers,
      inhibitRules: props.inhibitRules,
      timeIntervals: props.timeIntervals,
      templates: props.templates,
      templateFiles: props.templateFiles,
    };
    problems.push(...durationProblems, ...alertmanagerValidate().validateAlertmanagerSpec(this._spec));
    this.templatesDirectory = props.templatesDirectory;
    if (props.templatesDirectory !== undefined && (props.templatesDirectory.trim() === '' || props.templatesDirectory.includes('*'))) {
      problems.push(problem('templatesDirectory', 'must be a directory path without wildcards', props.templatesDirectory, 'give e.g. "/etc/alertmanager/config"'));
    }
    for (const f of ['namespace', 'labels', 'annotations'] as const) {
      if (props.metadata?.[f] !== undefined && !props.alertmanagerConfig) {
        problems.push(problem(`metadata.${f}`, 'must only be set with alertmanagerConfig: true (it goes on the AlertmanagerConfig object)', props.metadata[f],
          `remove metadata.${f} or set alertmanagerConfig: true`));
      }
    }
    problems.push(...namespaceProblems('metadata.namespace', props.metadata?.namespace));
    this.artifact = props.artifact ?? true;
    this.alertmanagerVersion = props.alertmanagerVersion ?? OLDEST_ALERTMANAGER_VERSION;
    // the file is what the Alertmanager loads (an AlertmanagerConfig object is rendered by the operator instead)
    problems.push(...checkAlertmanagerVersion(this.artifact ? this._spec : { route: this._spec.route, receivers: [] }, this.alertmanagerVersion));
    if (this.artifact) {
      props.receivers?.forEach((r, i) => r?.snsConfigs?.forEach((c, j) => {
        if (typeof c?.topicArn === 'string' && alertmanagerValidate().isToken(c.topicArn)) {
          problems.push(problem(`receivers[${i}].snsConfigs[${j}].topicArn`, 'must be a literal ARN when the configuration is written as a file',
            '<a Terraform reference>', 'set artifact: false for a routing used only by ManagedPrometheus, or give the ARN as text'));
        }
      }));
    }
    let crSpec: any;
    if (props.alertmanagerConfig && problems.length === 0) {
      const rendered = renderAlertmanagerConfigSpec(this._spec);
      problems.push(...rendered.problems);
      crSpec = rendered.spec;
      if (!Chart.isChart(findChart(this))) {
        problems.push(problem('alertmanagerConfig', 'needs the construct to be inside a cdk8s Chart', true, 'create it under app.chart(...) or set alertmanagerConfig: false'));
      }
    }
    if (!reportPropsProblems(this, problems)) return;
    this.filePath = `alertmanager/${this.name}.yaml`;

    if (props.alertmanagerConfig) {
      KindRegistry.of(this).register({
        apiVersion: 'monitoring.coreos.com/v1alpha1',
        kind: 'AlertmanagerConfig',
        scope: KindScope.NAMESPACED,
        validator: ALERTMANAGER_CONFIG_VALIDATOR,
      }, this);
      this.alertmanagerConfig = new ApiObject(this, 'Resource', {
        apiVersion: 'monitoring.coreos.com/v1alpha1',
        kind: 'AlertmanagerConfig',
        metadata: { ...props.metadata, name },
        spec: crSpec,
      });
    }
    Artifacts.mark(this);
  }

  /**
   * The receivers an alert with these labels is sent to, in routing-tree order, as
   * `amtool config routes test --config.file=<file> k=v ...` prints them (a receiver reached through two
   * routes appears twice).
   */
  public routeFor(labels: { [name: string]: string }): string[] {
    return receiversFor(this._spec.route, labels);
  }

  /**
   * The routes an alert with these labels reaches, with each route's path in the tree and its effective
   * (inherited) grouping and timing, in tree order.
   */
  public matchingRoutes(labels: { [name: string]: string }): MatchedRoute[] {
    return routeFor(this._spec.route, labels).map(toMatchedRoute);
  }

  /** The text of `alertmanager/<name>.yaml`. */
  public renderYaml(): string {
    return toYaml(renderAlertmanagerYamlObject(this._spec, { templatesDirectory: this.templatesDirectory }));
  }

  /** The files this routing writes: `alertmanager/<name>.yaml` and its inline template files (none when `artifact` is false). */
  public renderFiles(): ArtifactFile[] {
    if (!this.artifact) return [];
    const files: ArtifactFile[] = [{ path: this.filePath, content: this.renderYaml() }];
    const templates = this._spec.templateFiles ?? {};
    for (const name of Object.keys(templates).sort()) {
      const text = templates[name];
      files.push({ path: `alertmanager/${this.name}/${name}`, content: text.endsWith('\n') ? text : `${text}\n` });
    }
    return files;
  }
}

function findChart(c: Construct): Construct | undefined {
  for (const s of c.node.scopes) if (Chart.isChart(s)) return s;
  return undefined;
}
