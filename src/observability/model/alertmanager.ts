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

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86400000, 7 * 86400000, 86400000, 3600000, 60000, 1000, 1];

/**
 * Parses a Prometheus duration (`model.ParseDuration`: units y w d h m s ms, largest first, each at most once)
 * into milliseconds; `undefined` when it is not a valid duration.
 */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  if (text === '0') return 0;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNIT_MS[i];
  }
  return ms;
}
