/**
 * Which routes (and so which receivers) an alert reaches, with Alertmanager's semantics
 * (`dispatch/route.go` `Route.Match`): a route that matches tries its children depth-first in order; a
 * matching child without `continue` stops the search among its siblings; when no child matches, the route
 * itself is the match. The root route matches every alert. Options are inherited from the parent.
 *
 * `amtool config routes test` prints the receivers of these matches in order, joined by `,`.
 */
import { AlertmanagerRouteSpec, ROUTE_DEFAULTS } from './alertmanager';
import { matchersMatch, parseMatchers } from './alertmanager-matchers';

/**
 * One route an alert reaches, with its effective (inherited) options, durations as Prometheus text (the public
 * `MatchedRoute` of `AlertmanagerRouting.matchingRoutes` carries them as `Duration`s).
 */
export interface MatchedRouteSpec {
  /** The receiver notified. */
  readonly receiver: string;
  /** Where the route is in the tree, e.g. `route.routes[1].routes[0]`. */
  readonly path: string;
  /** Effective grouping labels. */
  readonly groupBy: string[];
  /** Effective group wait. */
  readonly groupWait: string;
  /** Effective group interval. */
  readonly groupInterval: string;
  /** Effective repeat interval. */
  readonly repeatInterval: string;
  /** Effective mute time intervals. */
  readonly muteTimeIntervals: string[];
  /** Effective active time intervals. */
  readonly activeTimeIntervals: string[];
}

interface Effective {
  readonly receiver: string;
  readonly groupBy: string[];
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly muteTimeIntervals: string[];
  readonly activeTimeIntervals: string[];
}

/** The routes an alert with these labels reaches, in tree order (a valid route tree is assumed). */
export function routeFor(root: AlertmanagerRouteSpec, labels: { readonly [name: string]: string }): MatchedRouteSpec[] {
  const base: Effective = {
    receiver: root.receiver ?? '',
    groupBy: root.groupBy ?? [],
    groupWait: root.groupWait ?? ROUTE_DEFAULTS.groupWait,
    groupInterval: root.groupInterval ?? ROUTE_DEFAULTS.groupInterval,
    repeatInterval: root.repeatInterval ?? ROUTE_DEFAULTS.repeatInterval,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
  };
  return match(root, 'route', base, labels, true) ?? [];
}

/** The receivers an alert reaches, as `amtool config routes test` prints them (tree order, repeats kept). */
export function receiversFor(root: AlertmanagerRouteSpec, labels: { readonly [name: string]: string }): string[] {
  return routeFor(root, labels).map((m) => m.receiver);
}

function match(
  route: AlertmanagerRouteSpec, path: string, eff: Effective, labels: { readonly [name: string]: string }, isRoot: boolean,
): MatchedRouteSpec[] | undefined {
  if (!isRoot && !matchersMatch(parseMatchers(route.matchers, path).matchers, labels)) return undefined;
  const all: MatchedRouteSpec[] = [];
  for (const [i, child] of (route.routes ?? []).entries()) {
    const childEff = inherit(eff, child);
    const matches = match(child, `${path}.routes[${i}]`, childEff, labels, false);
    if (matches === undefined) continue;
    all.push(...matches);
    if (!child.continue) break;
  }
  if (all.length === 0) all.push({ ...eff, path });
  return all;
}

function inherit(parent: Effective, r: AlertmanagerRouteSpec): Effective {
  return {
    receiver: r.receiver ?? parent.receiver,
    groupBy: r.groupBy ?? parent.groupBy,
    groupWait: r.groupWait ?? parent.groupWait,
    groupInterval: r.groupInterval ?? parent.groupInterval,
    repeatInterval: r.repeatInterval ?? parent.repeatInterval,
    // Alertmanager does not inherit time intervals: each route lists its own.
    muteTimeIntervals: r.muteTimeIntervals ?? [],
    activeTimeIntervals: r.activeTimeIntervals ?? [],
  };
}
