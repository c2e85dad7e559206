/**
 * Amazon Managed Service for Prometheus (AMP) alert manager definitions: the service's limits and the
 * definition document (`template_files` + `alertmanager_config` as one YAML string). Pure.
 *
 * @see https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-alertmanager-config.html
 * @see https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-alertmanager-receiver-config.html
 */
import { AlertmanagerRouteSpec, AlertmanagerSpec, parseDuration } from './alertmanager';
import { renderAlertmanagerYamlObject } from './alertmanager-render';
import { Problem, problem } from '../../core/problem';
import { toYaml } from '../../core/yaml';

/** AMP's cap on `repeat_interval`: larger values are silently treated as five days. */
export const AMP_MAX_REPEAT_INTERVAL_MS = 5 * 24 * 3600 * 1000;

/**
 * What AMP does not accept (or silently changes) in a configuration: receivers other than SNS, SNS configs
 * without `sigv4.region`, template file globs (AMP takes inline `template_files` only) and a
 * `repeat_interval` above five days.
 */
export function checkAmpLimits(spec: AlertmanagerSpec): Problem[] {
  const problems: Problem[] = [];
  spec.receivers.forEach((r, i) => {
    const f = `receivers[${i}]`;
    for (const key of ['webhookConfigs', 'slackConfigs', 'pagerdutyConfigs', 'emailConfigs'] as const) {
      if ((r[key] ?? []).length > 0) {
        problems.push(problem(`${f}.${key}`, 'must be empty for Amazon Managed Service for Prometheus (its only receiver type is SNS)',
          r.name, 'send to an SNS topic (snsConfigs) and subscribe the endpoint to the topic'));
      }
    }
    (r.snsConfigs ?? []).forEach((c, j) => {
      if (!c.sigv4Region) {
        problems.push(problem(`${f}.snsConfigs[${j}].sigv4Region`, 'must be set for Amazon Managed Service for Prometheus', c.sigv4Region,
          'give the topic\'s region, e.g. "us-east-1"'));
      }
    });
  });
  if ((spec.templates ?? []).length > 0) {
    problems.push(problem('templates', 'must be empty for Amazon Managed Service for Prometheus (it has no template files on disk)',
      spec.templates, 'give the template text in templateFiles instead'));
  }
  checkRepeat(spec.route, 'route', problems);
  return problems;
}

function checkRepeat(route: AlertmanagerRouteSpec | undefined, f: string, problems: Problem[]): void {
  if (!route) return;
  if (route.repeatInterval !== undefined) {
    const ms = parseDuration(route.repeatInterval);
    if (ms !== undefined && ms > AMP_MAX_REPEAT_INTERVAL_MS) {
      problems.push(problem(`${f}.repeatInterval`,
        'must be at most 5d for Amazon Managed Service for Prometheus (it treats longer intervals as 5d)',
        route.repeatInterval, 'use 5d or less, e.g. Duration.hours(4) or Duration.days(5)'));
    }
  }
  (route.routes ?? []).forEach((c, i) => checkRepeat(c, `${f}.routes[${i}]`, problems));
}

/**
 * The AMP definition document: `template_files` (file name → text, sorted) and `alertmanager_config` (the
 * Alertmanager configuration as a YAML string, listing the template files by name under `templates`).
 * The text is not escaped for Terraform; do that where it is embedded.
 */
export function renderAmpDefinition(spec: AlertmanagerSpec): string {
  const files = spec.templateFiles ?? {};
  const names = Object.keys(files).sort();
  const config = toYaml(renderAlertmanagerYamlObject(spec, { templateNames: names }));
  const doc: { [k: string]: any } = {};
  if (names.length > 0) {
    const templateFiles: { [k: string]: string } = {};
    for (const n of names) templateFiles[n] = files[n].endsWith('\n') ? files[n] : `${files[n]}\n`;
    doc.template_files = templateFiles;
  }
  doc.alertmanager_config = config;
  return toYaml(doc);
}
