import { durationHours, formatPromDuration, isPromDuration, parsePromDuration } from '../../core/duration';
import { Problem, problem } from '../../core/problem';

/**
 * Multi-window, multi-burn-rate alert windows (Google SRE Workbook ch. 5, as Sloth's `AlertWindows`).
 *
 * @see https://sre.google/workbook/alerting-on-slos/#recommended_parameters_for_an_slo_based_a
 * @see https://github.com/slok/sloth/blob/main/internal/alert/window.go
 */

/** One window pair: the share of the budget it detects being consumed, and its short and long windows. */
export interface WindowPairSpec {
  /** Percent of the period's error budget consumed within `longWindow` that triggers the alert. */
  readonly errorBudgetPercent: number;
  /** Short window (resets the alert quickly once burning stops), a Prometheus duration. */
  readonly shortWindow: string;
  /** Long window, a Prometheus duration. */
  readonly longWindow: string;
}

/** The four window pairs of an SLO period. */
export interface AlertWindowsSpec {
  /** The SLO period they are designed for. */
  readonly sloPeriod: string;
  /** Page alert, fast burn. */
  readonly pageQuick: WindowPairSpec;
  /** Page alert, slower burn. */
  readonly pageSlow: WindowPairSpec;
  /** Ticket alert, quick pair. */
  readonly ticketQuick: WindowPairSpec;
  /** Ticket alert, slow pair. */
  readonly ticketSlow: WindowPairSpec;
}

const GOOGLE_PAIRS = {
  pageQuick: { errorBudgetPercent: 2, shortWindow: '5m', longWindow: '1h' },
  pageSlow: { errorBudgetPercent: 5, shortWindow: '30m', longWindow: '6h' },
  ticketQuick: { errorBudgetPercent: 10, shortWindow: '2h', longWindow: '1d' },
  ticketSlow: { errorBudgetPercent: 10, shortWindow: '6h', longWindow: '3d' },
};

/** Sloth's default windows for a 30-day period (factors 14.4, 6, 3, 1). */
export const GOOGLE_30D: AlertWindowsSpec = { sloPeriod: '30d', ...GOOGLE_PAIRS };
/** Sloth's default windows for a 28-day period (factors 13.44, 5.6, 2.8, 0.93). */
export const GOOGLE_28D: AlertWindowsSpec = { sloPeriod: '28d', ...GOOGLE_PAIRS };

/** The default windows of a period, when there are some (30d and 28d, in any spelling such as `4w`). */
export function defaultAlertWindows(period: string): AlertWindowsSpec | undefined {
  const ms = parsePromDuration(period);
  if (ms === parsePromDuration('30d')) return GOOGLE_30D;
  if (ms === parsePromDuration('28d')) return GOOGLE_28D;
  return undefined;
}

/** The pair names in Sloth's order. */
export const PAIR_NAMES: ReadonlyArray<'pageQuick' | 'pageSlow' | 'ticketQuick' | 'ticketSlow'> = ['pageQuick', 'pageSlow', 'ticketQuick', 'ticketSlow'];

/**
 * The burn-rate factor of a pair: how many times faster than "exactly on budget" the error budget burns
 * when `errorBudgetPercent` of it is consumed within `longWindow` (`percent × periodHours / 100 / longHours`,
 * in Sloth's operation order so the float result is identical).
 */
export function burnRateFactor(periodMs: number, errorBudgetPercent: number, longWindowMs: number): number {
  const hoursRequired = errorBudgetPercent * durationHours(periodMs) / 100;
  return hoursRequired / durationHours(longWindowMs);
}

/** Problems of a windows spec (fields `pageQuick.shortWindow`, …). */
export function checkAlertWindows(w: AlertWindowsSpec): Problem[] {
  const out: Problem[] = [];
  const period = parsePromDuration(w.sloPeriod);
  if (period === undefined || period <= 0) {
    out.push(problem('sloPeriod', 'must be a positive Prometheus duration', w.sloPeriod, 'use e.g. "30d"'));
  }
  for (const name of PAIR_NAMES) {
    const p = w[name];
    if (!p) {
      out.push(problem(name, 'must be set', p, 'give { errorBudgetPercent, shortWindow, longWindow }'));
      continue;
    }
    if (typeof p.errorBudgetPercent !== 'number' || !(p.errorBudgetPercent > 0 && p.errorBudgetPercent <= 100)) {
      out.push(problem(`${name}.errorBudgetPercent`, 'must be > 0 and <= 100', p.errorBudgetPercent, 'use e.g. 2 (the Google default for the quick page pair)'));
    }
    const s = isPromDuration(p.shortWindow) ? parsePromDuration(p.shortWindow)! : undefined;
    const l = isPromDuration(p.longWindow) ? parsePromDuration(p.longWindow)! : undefined;
    if (s === undefined || s <= 0) out.push(problem(`${name}.shortWindow`, 'must be a positive Prometheus duration', p.shortWindow, 'use e.g. "5m"'));
    if (l === undefined || l <= 0) out.push(problem(`${name}.longWindow`, 'must be a positive Prometheus duration', p.longWindow, 'use e.g. "1h"'));
    if (s !== undefined && l !== undefined && s > 0 && l > 0 && s >= l) {
      out.push(problem(`${name}.shortWindow`, `must be shorter than longWindow (${p.longWindow})`, p.shortWindow, 'use about 1/12 of the long window, e.g. 5m for 1h'));
    }
    if (l !== undefined && period !== undefined && period > 0 && l > period) {
      out.push(problem(`${name}.longWindow`, `must not exceed the SLO period (${w.sloPeriod})`, p.longWindow, 'use a shorter window'));
    }
  }
  return out;
}

/** A resolved pair: windows in ms and canonical text, and its burn factor. */
export interface ResolvedPair {
  readonly name: 'pageQuick' | 'pageSlow' | 'ticketQuick' | 'ticketSlow';
  readonly shortMs: number;
  readonly longMs: number;
  readonly short: string;
  readonly long: string;
  readonly factor: number;
}

/** Resolves a checked windows spec for a period (the factors use the spec's own `sloPeriod`). */
export function resolvePairs(w: AlertWindowsSpec): ResolvedPair[] {
  const period = parsePromDuration(w.sloPeriod)!;
  return PAIR_NAMES.map((name) => {
    const p = w[name];
    const shortMs = parsePromDuration(p.shortWindow)!;
    const longMs = parsePromDuration(p.longWindow)!;
    return {
      name,
      shortMs,
      longMs,
      short: formatPromDuration(shortMs),
      long: formatPromDuration(longMs),
      factor: burnRateFactor(period, p.errorBudgetPercent, longMs),
    };
  });
}
