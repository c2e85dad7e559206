/**
 * The Alertmanager configuration model: the whole configuration as the model sees it, route defaults and
 * duration parsing. Pure: no construct, cdk8s or cdktn import, no file I/O. The public structs without
 * durations live in `../alertmanager-types.ts` and are re-exported here for the model's use; the route and the
 * global section are the model's own (durations as text).
 *
 * @see https://prometheus.io/docs/alerting/latest/configuration/
 */
import { AlertmanagerReceiver, AlertmanagerTimeInterval, InhibitRule } from '../alertmanager-types';

export * from '../alertmanager-types';

/**
 * A route of the routing tree as the model sees it: the public `AlertmanagerRoute` with its durations as
 * Prometheus duration text (`30s`, `4h`).
 */
export interface AlertmanagerRouteSpec {
  readonly receiver?: string;
  readonly matchers?: string[];
  readonly groupBy?: string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly continue?: boolean;
  readonly muteTimeIntervals?: string[];
  readonly activeTimeIntervals?: string[];
  readonly routes?: AlertmanagerRouteSpec[];
}

/** The `global` section as the model sees it (`resolveTimeout` as Prometheus duration text). */
export interface AlertmanagerGlobalSpec {
  readonly resolveTimeout?: string;
  readonly smtpFrom?: string;
  readonly smtpSmarthost?: string;
  readonly smtpRequireTls?: boolean;
}

/** The whole Alertmanager configuration as the model sees it. */
export interface AlertmanagerSpec {
  readonly global?: AlertmanagerGlobalSpec;
  readonly route: AlertmanagerRouteSpec;
  readonly receivers: AlertmanagerReceiver[];
  readonly inhibitRules?: InhibitRule[];
  readonly timeIntervals?: AlertmanagerTimeInterval[];
  /** Template file globs to list under `templates`. */
  readonly templates?: string[];
  /** Inline template files: file name → text. */
  readonly templateFiles?: { [fileName: string]: string };
}

/** Route option defaults of Alertmanager's root route. */
export const ROUTE_DEFAULTS = { groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' } as const;

/** Prometheus durations (`model.ParseDuration`) in milliseconds; the one parser lives in core. */
export { parsePromDuration as parseDuration } from '../../core/duration';
