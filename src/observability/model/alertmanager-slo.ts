/**
 * Routing pieces for SLO alerts, from the label conventions of `conventions.ts` (Sloth's): SLO alerts carry
 * `sloth_severity` (`page` or `ticket`), `sloth_service`, `sloth_slo` and `sloth_id`. Pure.
 */
import * as c from '../conventions';
import { InhibitRule } from './alertmanager';
import { formatMatcher } from './alertmanager-matchers';

/** Which SLO alerts a route takes (`SloRouteOptions` without the route's own options). */
export interface SloRouteMatch {
  /** Only alerts of this service (`sloth_service`). */
  readonly service?: string;
  /** Only alerts of this SLO (`sloth_slo`). */
  readonly slo?: string;
  /** Further matchers in Alertmanager's syntax. */
  readonly matchers?: string[];
}

/** The grouping that keeps one notification per SLO: alert name, service and SLO. */
export function sloGroupBy(): string[] {
  return ['alertname', c.SLO_SERVICE_LABEL, c.SLO_NAME_LABEL];
}

/** The matchers of a route for the SLO alerts of one severity (`page` or `ticket`), optionally of one service or SLO. */
export function sloRouteMatchers(severity: string, match: SloRouteMatch = {}): string[] {
  const eq = (name: string, value: string) => formatMatcher({ name, type: '=', value });
  const matchers = [eq(c.SLO_SEVERITY_LABEL, severity)];
  if (match.service !== undefined) matchers.push(eq(c.SLO_SERVICE_LABEL, match.service));
  if (match.slo !== undefined) matchers.push(eq(c.SLO_NAME_LABEL, match.slo));
  matchers.push(...(match.matchers ?? []));
  return matchers;
}

/** While an SLO pages, its ticket alert is muted (same `sloth_id`). */
export function sloPageInhibitsTicket(): InhibitRule {
  return {
    sourceMatchers: [formatMatcher({ name: c.SLO_SEVERITY_LABEL, type: '=', value: c.PAGE_SEVERITY })],
    targetMatchers: [formatMatcher({ name: c.SLO_SEVERITY_LABEL, type: '=', value: c.TICKET_SEVERITY })],
    equal: [c.SLO_ID_LABEL],
  };
}
