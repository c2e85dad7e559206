import * as c from './conventions';
import { AlertmanagerRoute, InhibitRule } from './model/alertmanager';
import { sloGroupBy, sloPageInhibitsTicket, sloRoute, SloRouteOptions } from './model/alertmanager-slo';


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
