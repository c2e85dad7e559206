/**
 * Routing pieces for SLO alerts, from the label conventions of `conventions.ts` (Sloth's): SLO alerts carry
 * `sloth_severity` (`page` or `ticket`), `sloth_service`, `sloth_slo` and `sloth_id`. Pure.
 */
import * as c from '../conventions';
import { AlertmanagerRoute, InhibitRule } from './alertmanager';
import { formatMatcher } from './alertmanager-matchers';

/** Options of an SLO route. */
export interface SloRouteSpec {
  readonly service?: string;
  readonly slo?: string;
  readonly matchers?: string[];
  readonly groupBy?: string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly continue?: boolean;
  readonly muteTimeIntervals?: string[];
  readonly activeTimeIntervals?: string[];
}

/** The grouping that keeps one notification per SLO: alert name, service and SLO. */
export function sloGroupBy(): string[] {
  return ['alertname', c.SLO_SERVICE_LABEL, c.SLO_NAME_LABEL];
}

/** A route for the SLO alerts of one severity (`page` or `ticket`), optionally of one service or SLO. */
export function sloRoute(severity: string, receiver: string, spec: SloRouteSpec = {}): AlertmanagerRoute {
  const eq = (name: string, value: string) => formatMatcher({ name, type: '=', value });
  const matchers = [eq(c.SLO_SEVERITY_LABEL, severity)];
  if (spec.service !== undefined) matchers.push(eq(c.SLO_SERVICE_LABEL, spec.service));
  if (spec.slo !== undefined) matchers.push(eq(c.SLO_NAME_LABEL, spec.slo));
  matchers.push(...(spec.matchers ?? []));
  return {
    receiver,
    matchers,
    groupBy: spec.groupBy,
    groupWait: spec.groupWait,
    groupInterval: spec.groupInterval,
    repeatInterval: spec.repeatInterval,
    continue: spec.continue,
    muteTimeIntervals: spec.muteTimeIntervals,
    activeTimeIntervals: spec.activeTimeIntervals,
  };
}

/** While an SLO pages, its ticket alert is muted (same `sloth_id`). */
export function sloPageInhibitsTicket(): InhibitRule {
  return {
    sourceMatchers: [formatMatcher({ name: c.SLO_SEVERITY_LABEL, type: '=', value: c.PAGE_SEVERITY })],
    targetMatchers: [formatMatcher({ name: c.SLO_SEVERITY_LABEL, type: '=', value: c.TICKET_SEVERITY })],
    equal: [c.SLO_ID_LABEL],
  };
}
