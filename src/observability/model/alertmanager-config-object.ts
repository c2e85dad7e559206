/**
 * Checks of an emitted `AlertmanagerConfig` object (monitoring.coreos.com/v1alpha1), run by the synth
 * pipeline on every such object (tier 3), so escape-hatch edits are checked too: what the CRD schema and
 * prometheus-operator's admission checks reject. Pure; returns problems with paths inside the object.
 */
import { Problem, problem } from '../../core/problem';

const MATCH_TYPES = ['=', '!=', '=~', '!~'];
const SECRET_FIELDS: Array<[string, string]> = [
  ['webhookConfigs', 'urlSecret'], ['slackConfigs', 'apiURL'], ['pagerdutyConfigs', 'routingKey'],
  ['pagerdutyConfigs', 'serviceKey'], ['emailConfigs', 'authPassword'],
];

/** Every problem of an AlertmanagerConfig object. */
export function checkAlertmanagerConfigObject(obj: any): Problem[] {
  const problems: Problem[] = [];
  const spec = obj?.spec ?? {};
  const receivers: any[] = Array.isArray(spec.receivers) ? spec.receivers : [];
  const names = new Set<string>();
  receivers.forEach((r, i) => {
    if (typeof r?.name !== 'string' || r.name === '') {
      problems.push(problem(`spec.receivers[${i}].name`, 'must be a non-empty string', r?.name, 'name the receiver'));
    } else if (names.has(r.name)) {
      problems.push(problem(`spec.receivers[${i}].name`, 'must be unique', r.name, 'rename one of the receivers'));
    }
    names.add(r?.name);
    for (const [list, field] of SECRET_FIELDS) {
      (Array.isArray(r?.[list]) ? r[list] : []).forEach((cfg: any, j: number) => {
        const ref = cfg?.[field];
        if (ref !== undefined && (typeof ref?.name !== 'string' || ref.name === '' || typeof ref?.key !== 'string' || ref.key === '')) {
          problems.push(problem(`spec.receivers[${i}].${list}[${j}].${field}`, 'must be a Secret key reference { name, key }', ref, 'name the Secret and its key'));
        }
      });
    }
  });
  const intervals = new Set<string>((Array.isArray(spec.muteTimeIntervals) ? spec.muteTimeIntervals : []).map((t: any) => t?.name));
  const walk = (route: any, f: string): void => {
    if (route === undefined || route === null) return;
    if (route.receiver !== undefined && !names.has(route.receiver)) {
      problems.push(problem(`${f}.receiver`, 'must name a receiver of this AlertmanagerConfig', route.receiver, 'add the receiver or fix the name'));
    }
    (Array.isArray(route.matchers) ? route.matchers : []).forEach((m: any, i: number) => checkMatcher(m, `${f}.matchers[${i}]`, problems));
    for (const key of ['muteTimeIntervals', 'activeTimeIntervals']) {
      (Array.isArray(route[key]) ? route[key] : []).forEach((n: any, i: number) => {
        if (!intervals.has(n)) problems.push(problem(`${f}.${key}[${i}]`, 'must name an entry of spec.muteTimeIntervals', n, 'define the time interval or fix the name'));
      });
    }
    (Array.isArray(route.routes) ? route.routes : []).forEach((c: any, i: number) => walk(c, `${f}.routes[${i}]`));
  };
  if (spec.route !== undefined && typeof spec.route?.receiver !== 'string') {
    problems.push(problem('spec.route.receiver', 'must be set on the top route', spec.route?.receiver, 'name the receiver of the top route'));
  }
  walk(spec.route, 'spec.route');
  (Array.isArray(spec.inhibitRules) ? spec.inhibitRules : []).forEach((rule: any, i: number) => {
    for (const side of ['sourceMatch', 'targetMatch']) {
      (Array.isArray(rule?.[side]) ? rule[side] : []).forEach((m: any, j: number) => checkMatcher(m, `spec.inhibitRules[${i}].${side}[${j}]`, problems));
    }
  });
  return problems;
}

function checkMatcher(m: any, f: string, problems: Problem[]): void {
  if (typeof m?.name !== 'string' || m.name === '') {
    problems.push(problem(`${f}.name`, 'must be a non-empty label name', m?.name, 'name the label to match'));
  }
  if (m?.matchType !== undefined && !MATCH_TYPES.includes(m.matchType)) {
    problems.push(problem(`${f}.matchType`, `must be one of ${MATCH_TYPES.join(' ')}`, m.matchType, 'use "=" for equality or "=~" for a regex'));
  }
}
