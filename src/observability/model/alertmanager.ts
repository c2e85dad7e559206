/**
 * The Alertmanager configuration model: the whole configuration as the model sees it, route defaults and
 * duration parsing. Pure: no construct, cdk8s or cdktn import, no file I/O. The public structs live in
 * `../alertmanager-types.ts` and are re-exported here for the model's use.
 *
 * @see https://prometheus.io/docs/alerting/latest/configuration/
 */
import {
  AlertmanagerGlobal, AlertmanagerReceiver, AlertmanagerRoute, AlertmanagerTimeInterval, InhibitRule,
} from '../alertmanager-types';

export * from '../alertmanager-types';

/** The whole Alertmanager configuration as the model sees it. */
export interface AlertmanagerSpec {
  readonly global?: AlertmanagerGlobal;
  readonly route: AlertmanagerRoute;
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
