/**
 * Routing pieces for SLO alerts, from the label conventions of `conventions.ts` (Sloth's): SLO alerts carry
 * `sloth_severity` (`page` or `ticket`), `sloth_service`, `sloth_slo` and `sloth_id`. Pure.
 */
import * as c from '../conventions';
import { AlertmanagerRoute, InhibitRule } from './alertmanager';
import { formatMatcher } from './alertmanager-matchers';

/** Narrows and tunes an SLO route. */
export interface SloRouteOptions {
  /** Only alerts of this service (`sloth_service`). @default - every service */
  readonly service?: string;
  /** Only alerts of this SLO (`sloth_slo`). @default - every SLO */
  readonly slo?: string;
  /** Further matchers in Alertmanager's syntax, e.g. `'team="payments"'`. @default - none */
  readonly matchers?: string[];
  /** Grouping labels. @default - inherited from the parent route */
  readonly groupBy?: string[];
  /** How long to wait before the first notification of a group. @default - inherited from the parent route */
  readonly groupWait?: string;
  /** How long to wait before notifying about new alerts of a group. @default - inherited from the parent route */
  readonly groupInterval?: string;
  /** How long to wait before re-sending a notification. @default - inherited from the parent route */
  readonly repeatInterval?: string;
  /** Let matching alerts also try later routes. @default false */
  readonly continue?: boolean;
  /** Names of time intervals (defined in the routing's `timeIntervals`) during which the route is muted. @default - none */
  readonly muteTimeIntervals?: string[];
  /** Names of time intervals (defined in the routing's `timeIntervals`) during which the route is active. @default - always active */
  readonly activeTimeIntervals?: string[];
}

/** The grouping that keeps one notification per SLO: alert name, service and SLO. */
export function sloGroupBy(): string[] {
  return ['alertname', c.SLO_SERVICE_LABEL, c.SLO_NAME_LABEL];
}

/** A route for the SLO alerts of one severity (`page` or `ticket`), optionally of one service or SLO. */
export function sloRoute(severity: string, receiver: string, spec: SloRouteOptions = {}): AlertmanagerRoute {
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
