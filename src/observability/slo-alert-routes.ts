import { Duration } from 'cdk8s';
import { AlertmanagerRoute } from './alertmanager-route-types';
import { InhibitRule } from './alertmanager-types';
import * as c from './conventions';
import { sloGroupBy, sloPageInhibitsTicket, sloRouteMatchers } from './model/alertmanager-slo';

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
  readonly groupWait?: Duration;
  /** How long to wait before notifying about new alerts of a group. @default - inherited from the parent route */
  readonly groupInterval?: Duration;
  /** How long to wait before re-sending a notification, e.g. `Duration.hours(1)`. @default - inherited from the parent route */
  readonly repeatInterval?: Duration;
  /** Let matching alerts also try later routes. @default false */
  readonly continue?: boolean;
  /** Names of time intervals (defined in the routing's `timeIntervals`) during which the route is muted. @default - none */
  readonly muteTimeIntervals?: string[];
  /** Names of time intervals (defined in the routing's `timeIntervals`) during which the route is active. @default - always active */
  readonly activeTimeIntervals?: string[];
}

/**
 * Routes and inhibit rules for the alerts `ServiceLevelObjective` emits (Sloth's labels: `sloth_severity`
 * `page`/`ticket`, `sloth_service`, `sloth_slo`, `sloth_id`), for `AlertmanagerRouting`.
 *
 * @example
 * new AlertmanagerRouting(chart, 'slo-alerts', {
 *   route: { receiver: 'default', groupBy: SloAlertRoutes.groupBy(), routes: [
 *     SloAlertRoutes.page('on-call'),
 *     SloAlertRoutes.ticket('tickets'),
 *   ] },
 *   inhibitRules: [SloAlertRoutes.pageInhibitsTicket()],
 *   receivers: [...],
 * });
 */
export class SloAlertRoutes {
  /** A route sending SLO page alerts (`sloth_severity="page"`) to a receiver. */
  public static page(receiver: string, options: SloRouteOptions = {}): AlertmanagerRoute {
    return sloRoute(c.PAGE_SEVERITY, receiver, options);
  }

  /** A route sending SLO ticket alerts (`sloth_severity="ticket"`) to a receiver. */
  public static ticket(receiver: string, options: SloRouteOptions = {}): AlertmanagerRoute {
    return sloRoute(c.TICKET_SEVERITY, receiver, options);
  }

  /** An inhibit rule muting an SLO's ticket alert while the same SLO (`sloth_id`) pages. */
  public static pageInhibitsTicket(): InhibitRule {
    return sloPageInhibitsTicket();
  }

  /** Grouping that gives one notification per SLO alert: `alertname`, `sloth_service`, `sloth_slo`. */
  public static groupBy(): string[] {
    return sloGroupBy();
  }

  private constructor() {}
}

/** A route for the SLO alerts of one severity; its durations are checked by the routing it is part of. */
function sloRoute(severity: string, receiver: string, options: SloRouteOptions): AlertmanagerRoute {
  return {
    receiver,
    matchers: sloRouteMatchers(severity, options),
    groupBy: options.groupBy,
    groupWait: options.groupWait,
    groupInterval: options.groupInterval,
    repeatInterval: options.repeatInterval,
    continue: options.continue,
    muteTimeIntervals: options.muteTimeIntervals,
    activeTimeIntervals: options.activeTimeIntervals,
  };
}
