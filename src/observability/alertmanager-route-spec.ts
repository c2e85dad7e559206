import { Duration } from 'cdk8s';
import { AlertmanagerGlobal, AlertmanagerRoute, MatchedRoute } from './alertmanager-route-types';
import { AlertmanagerGlobalSpec, AlertmanagerRouteSpec } from './model/alertmanager';
import { MatchedRouteSpec } from './model/alertmanager-route-for';
import { checkedPromDuration, parsePromDuration } from '../core/duration';
import { Problem } from '../core/problem';

/*
 * The public route and global structs (cdk8s `Duration`s) as the Alertmanager model sees them (Prometheus
 * duration text), and back for `matchingRoutes`. A duration with problems (added to `out`) is left unset, so the
 * model does not report it again; zero is the model's to judge (Alertmanager accepts a zero group wait only).
 * Internal.
 */

/** The model of a route given at `field` (e.g. `route`, `route.routes[0]`), with its children. */
export function toRouteSpec(r: AlertmanagerRoute, field: string, out: Problem[]): AlertmanagerRouteSpec {
  return {
    receiver: r.receiver,
    matchers: r.matchers,
    groupBy: r.groupBy,
    groupWait: checkedPromDuration(`${field}.groupWait`, r.groupWait, out, { example: 'Duration.seconds(30)' }),
    groupInterval: checkedPromDuration(`${field}.groupInterval`, r.groupInterval, out, { example: 'Duration.minutes(5)' }),
    repeatInterval: checkedPromDuration(`${field}.repeatInterval`, r.repeatInterval, out, { example: 'Duration.hours(4)' }),
    continue: r.continue,
    muteTimeIntervals: r.muteTimeIntervals,
    activeTimeIntervals: r.activeTimeIntervals,
    routes: r.routes?.map((child, i) => toRouteSpec(child, `${field}.routes[${i}]`, out)),
  };
}

/** The model of the `global` section. */
export function toGlobalSpec(g: AlertmanagerGlobal, out: Problem[]): AlertmanagerGlobalSpec {
  return {
    resolveTimeout: checkedPromDuration('global.resolveTimeout', g.resolveTimeout, out, { example: 'Duration.minutes(5)' }),
    smtpFrom: g.smtpFrom,
    smtpSmarthost: g.smtpSmarthost,
    smtpRequireTls: g.smtpRequireTls,
  };
}

/** A matched route with its durations as `Duration`s. */
export function toMatchedRoute(m: MatchedRouteSpec): MatchedRoute {
  const duration = (text: string) => Duration.millis(parsePromDuration(text) ?? 0);
  return {
    ...m,
    groupWait: duration(m.groupWait),
    groupInterval: duration(m.groupInterval),
    repeatInterval: duration(m.repeatInterval),
  };
}
