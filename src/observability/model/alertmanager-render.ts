/**
 * Renders a validated Alertmanager model as `alertmanager.yaml` (snake_case, Alertmanager's format) and as
 * the `spec` of a prometheus-operator `AlertmanagerConfig` (monitoring.coreos.com/v1alpha1, camelCase).
 * Pure; call `validateAlertmanagerSpec` first.
 */
import {
  AlertmanagerReceiver, AlertmanagerRouteSpec, AlertmanagerSecret, AlertmanagerSpec, AlertmanagerTimeInterval, TimePeriod,
} from './alertmanager';
import { formatMatcher, parseMatcher, ParsedMatcher } from './alertmanager-matchers';
import { definedFields } from '../../core/defined-fields';
import { Problem, problem } from '../../core/problem';

/** Options of the `alertmanager.yaml` rendering. */
export interface RenderOptions {
  /** Directory the inline template files are mounted in (their paths go under `templates`). */
  readonly templatesDirectory?: string;
  /** Template entries to list instead of files under `templatesDirectory` (AMP lists template names). */
  readonly templateNames?: string[];
}

/** The `alertmanager.yaml` document (plain object, keys in Alertmanager's documented order). */
export function renderAlertmanagerYamlObject(spec: AlertmanagerSpec, options: RenderOptions = {}): any {
  const templates = [...(spec.templates ?? [])];
  const files = Object.keys(spec.templateFiles ?? {}).sort();
  if (options.templateNames) {
    templates.push(...options.templateNames);
  } else if (files.length > 0) {
    const dir = (options.templatesDirectory ?? '/etc/alertmanager/config').replace(/\/+$/, '');
    templates.push(...files.map((f) => `${dir}/${f}`));
  }
  return definedFields({
    global: spec.global ? definedFields({
      resolve_timeout: spec.global.resolveTimeout,
      smtp_from: spec.global.smtpFrom,
      smtp_smarthost: spec.global.smtpSmarthost,
      smtp_require_tls: spec.global.smtpRequireTls,
    }) : undefined,
    templates: templates.length > 0 ? templates : undefined,
    route: renderRoute(spec.route),
    inhibit_rules: nonEmpty((spec.inhibitRules ?? []).map((r) => definedFields({
      source_matchers: canonical(r.sourceMatchers),
      target_matchers: canonical(r.targetMatchers),
      equal: nonEmpty(r.equal ?? []),
    }))),
    receivers: spec.receivers.map(renderReceiver),
    time_intervals: nonEmpty((spec.timeIntervals ?? []).map(renderTimeInterval)),
  });
}

function renderRoute(r: AlertmanagerRouteSpec): any {
  return definedFields({
    receiver: r.receiver,
    group_by: r.groupBy,
    continue: r.continue ? true : undefined,
    matchers: nonEmpty(canonical(r.matchers ?? [])),
    group_wait: r.groupWait,
    group_interval: r.groupInterval,
    repeat_interval: r.repeatInterval,
    mute_time_intervals: nonEmpty(r.muteTimeIntervals ?? []),
    active_time_intervals: nonEmpty(r.activeTimeIntervals ?? []),
    routes: nonEmpty((r.routes ?? []).map(renderRoute)),
  });
}

function renderReceiver(r: AlertmanagerReceiver): any {
  return definedFields({
    name: r.name,
    webhook_configs: nonEmpty((r.webhookConfigs ?? []).map((c) => definedFields({
      send_resolved: c.sendResolved,
      url: c.url,
      url_file: c.urlSecret?.filePath,
      max_alerts: c.maxAlerts,
    }))),
    slack_configs: nonEmpty((r.slackConfigs ?? []).map((c) => definedFields({
      send_resolved: c.sendResolved,
      api_url_file: c.apiUrl.filePath,
      channel: c.channel,
      title: c.title,
      text: c.text,
    }))),
    pagerduty_configs: nonEmpty((r.pagerdutyConfigs ?? []).map((c) => definedFields({
      send_resolved: c.sendResolved,
      routing_key_file: c.routingKey?.filePath,
      service_key_file: c.serviceKey?.filePath,
      severity: c.severity,
      description: c.description,
    }))),
    email_configs: nonEmpty((r.emailConfigs ?? []).map((c) => definedFields({
      send_resolved: c.sendResolved,
      to: c.to,
      from: c.from,
      smarthost: c.smarthost,
      auth_username: c.authUsername,
      auth_password_file: c.authPassword?.filePath,
      require_tls: c.requireTls,
    }))),
    sns_configs: nonEmpty((r.snsConfigs ?? []).map((c) => definedFields({
      send_resolved: c.sendResolved,
      topic_arn: c.topicArn,
      sigv4: c.sigv4Region || c.sigv4RoleArn ? definedFields({ region: c.sigv4Region, role_arn: c.sigv4RoleArn }) : undefined,
      subject: c.subject,
      message: c.message,
      attributes: sortedMap(c.attributes),
    }))),
  });
}

function renderTimeInterval(ti: AlertmanagerTimeInterval): any {
  return {
    name: ti.name,
    time_intervals: ti.timeIntervals.map((p: TimePeriod) => definedFields({
      times: nonEmpty((p.times ?? []).map((t) => ({ start_time: t.startTime, end_time: t.endTime }))),
      weekdays: nonEmpty(p.weekdays ?? []),
      days_of_month: nonEmpty(p.daysOfMonth ?? []),
      months: nonEmpty(p.months ?? []),
      years: nonEmpty(p.years ?? []),
      location: p.location,
    })),
  };
}

/** Result of rendering an `AlertmanagerConfig` spec. */
export interface AlertmanagerConfigRender {
  readonly spec: any;
  readonly problems: Problem[];
}

/**
 * The `spec` of a `monitoring.coreos.com/v1alpha1` `AlertmanagerConfig`. What that CRD cannot express is
 * reported as problems: file-based secrets, time-interval `location`, templates and the global section.
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1alpha1.AlertmanagerConfig
 */
export function renderAlertmanagerConfigSpec(spec: AlertmanagerSpec): AlertmanagerConfigRender {
  const problems: Problem[] = [];
  const secret = (s: AlertmanagerSecret | undefined, f: string): any => {
    if (!s) return undefined;
    if (!s.secretKeyRef) {
      problems.push(problem(f, 'must come from a Kubernetes Secret in an AlertmanagerConfig', s.filePath,
        'use AlertmanagerSecret.fromSecretKey(name, key), or set alertmanagerConfig: false'));
      return undefined;
    }
    return { name: s.secretKeyRef.name, key: s.secretKeyRef.key };
  };
  if ((spec.templates ?? []).length > 0 || Object.keys(spec.templateFiles ?? {}).length > 0) {
    problems.push(problem('templates', 'cannot be set in an AlertmanagerConfig (templates belong to the Alertmanager itself)',
      spec.templates ?? Object.keys(spec.templateFiles ?? {}), 'deliver templates with the Alertmanager\'s own configuration Secret, or set alertmanagerConfig: false'));
  }
  const receivers = spec.receivers.map((r, i) => {
    const f = `receivers[${i}]`;
    return definedFields({
      name: r.name,
      webhookConfigs: nonEmpty((r.webhookConfigs ?? []).map((c, j) => definedFields({
        sendResolved: c.sendResolved,
        url: c.url,
        urlSecret: secret(c.urlSecret, `${f}.webhookConfigs[${j}].urlSecret`),
        maxAlerts: c.maxAlerts,
      }))),
      slackConfigs: nonEmpty((r.slackConfigs ?? []).map((c, j) => definedFields({
        sendResolved: c.sendResolved,
        apiURL: secret(c.apiUrl, `${f}.slackConfigs[${j}].apiUrl`),
        channel: c.channel,
        title: c.title,
        text: c.text,
      }))),
      pagerdutyConfigs: nonEmpty((r.pagerdutyConfigs ?? []).map((c, j) => definedFields({
        sendResolved: c.sendResolved,
        routingKey: secret(c.routingKey, `${f}.pagerdutyConfigs[${j}].routingKey`),
        serviceKey: secret(c.serviceKey, `${f}.pagerdutyConfigs[${j}].serviceKey`),
        severity: c.severity,
        description: c.description,
      }))),
      emailConfigs: nonEmpty((r.emailConfigs ?? []).map((c, j) => definedFields({
        sendResolved: c.sendResolved,
        to: c.to,
        from: c.from ?? spec.global?.smtpFrom,
        smarthost: c.smarthost ?? spec.global?.smtpSmarthost,
        authUsername: c.authUsername,
        authPassword: secret(c.authPassword, `${f}.emailConfigs[${j}].authPassword`),
        requireTLS: c.requireTls ?? spec.global?.smtpRequireTls,
      }))),
      snsConfigs: nonEmpty((r.snsConfigs ?? []).map((c) => definedFields({
        sendResolved: c.sendResolved,
        topicARN: c.topicArn,
        sigv4: c.sigv4Region || c.sigv4RoleArn ? definedFields({ region: c.sigv4Region, roleArn: c.sigv4RoleArn }) : undefined,
        subject: c.subject,
        message: c.message,
        attributes: sortedMap(c.attributes),
      }))),
    });
  });
  (spec.timeIntervals ?? []).forEach((ti, i) => ti.timeIntervals.forEach((p, j) => {
    if (p.location !== undefined) {
      problems.push(problem(`timeIntervals[${i}].timeIntervals[${j}].location`, 'cannot be set in an AlertmanagerConfig v1alpha1', p.location,
        'express the times in UTC, or set alertmanagerConfig: false'));
    }
  }));
  const out = definedFields({
    route: renderCrRoute(spec.route),
    receivers,
    inhibitRules: nonEmpty((spec.inhibitRules ?? []).map((r) => definedFields({
      sourceMatch: crMatchers(r.sourceMatchers),
      targetMatch: crMatchers(r.targetMatchers),
      equal: nonEmpty(r.equal ?? []),
    }))),
    muteTimeIntervals: nonEmpty((spec.timeIntervals ?? []).map((ti) => ({
      name: ti.name,
      timeIntervals: ti.timeIntervals.map((p) => definedFields({
        times: nonEmpty((p.times ?? []).map((t) => ({ startTime: t.startTime, endTime: t.endTime }))),
        weekdays: nonEmpty(p.weekdays ?? []),
        daysOfMonth: nonEmpty((p.daysOfMonth ?? []).map(dayRange)),
        months: nonEmpty(p.months ?? []),
        years: nonEmpty(p.years ?? []),
      })),
    }))),
  });
  return { spec: out, problems };
}

function renderCrRoute(r: AlertmanagerRouteSpec): any {
  return definedFields({
    receiver: r.receiver,
    groupBy: r.groupBy,
    continue: r.continue ? true : undefined,
    matchers: nonEmpty(crMatchers(r.matchers ?? [])),
    groupWait: r.groupWait,
    groupInterval: r.groupInterval,
    repeatInterval: r.repeatInterval,
    muteTimeIntervals: nonEmpty(r.muteTimeIntervals ?? []),
    activeTimeIntervals: nonEmpty(r.activeTimeIntervals ?? []),
    routes: nonEmpty((r.routes ?? []).map(renderCrRoute)),
  });
}

function dayRange(v: string): any {
  const [start, end] = v.split(':').map((x) => Number(x.trim()));
  return { start, end: end ?? start };
}

function parsed(texts: readonly string[]): ParsedMatcher[] {
  return texts.map((t) => parseMatcher(t, '').matcher).filter((m): m is ParsedMatcher => m !== undefined);
}

function canonical(texts: readonly string[]): string[] {
  return parsed(texts).map(formatMatcher);
}

function crMatchers(texts: readonly string[]): any[] {
  return parsed(texts).map((m) => ({ name: m.name, value: m.value, matchType: m.type }));
}

function sortedMap(m: { [k: string]: string } | undefined): { [k: string]: string } | undefined {
  if (!m || Object.keys(m).length === 0) return undefined;
  const out: { [k: string]: string } = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

function nonEmpty<T>(a: T[]): T[] | undefined {
  return a.length > 0 ? a : undefined;
}

