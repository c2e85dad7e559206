import { Problem, problem } from './problem';

/*
 * Durations in the two text syntaxes opskit reads and writes: Go's `time.ParseDuration` (CoreDNS, node-cache,
 * CEL, Helm) and Prometheus's `model.ParseDuration` (rules, scrape configs, Alertmanager). The one parser and
 * formatter of each; construct props take a cdk8s `Duration` and are rendered with these (docs/api-conventions.md).
 * Values are milliseconds (Go's nanosecond precision is kept as fractional milliseconds).
 */

/** The syntax a consumer reads durations in. */
export enum DurationSyntax {
  /** Go's `time.Duration`: `1h30m`, `1.5s`, `500ms`, `-2m`, `0`. */
  GO = 'go',
  /** Prometheus's `model.Duration`: `4w`, `1h30m`, `500ms` — integers, units `y w d h m s ms` largest first, each once. */
  PROMETHEUS = 'prometheus',
}

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const GO_COMPONENT = /([0-9]*)(\.([0-9]*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/y;
/** Go's limit: the nanoseconds of a duration fit a signed 64-bit integer. */
const GO_MAX_MS = (2 ** 63 - 1) / 1e6;

const PROM_UNITS: ReadonlyArray<[string, number]> = [
  ['y', 365 * 86_400_000], ['w', 7 * 86_400_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1],
];
const PROM_DURATION = /^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$/;

/** Milliseconds of a Go duration (`time.ParseDuration`), or `undefined` when Go rejects the text. */
export function parseGoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let pos = 0;
  let total = 0;
  while (pos < s.length) {
    GO_COMPONENT.lastIndex = pos;
    const m = GO_COMPONENT.exec(s);
    // a component needs a digit before or after the dot ("1.s" and ".5s" are fine, ".s" is not)
    if (!m || (m[1] === '' && (m[3] ?? '') === '')) return undefined;
    total += Number(`${m[1] || '0'}.${m[3] || '0'}`) * GO_UNITS[m[4]];
    pos = GO_COMPONENT.lastIndex;
  }
  if (total > GO_MAX_MS) return undefined;
  return negative ? -total : total;
}

/** Milliseconds of a Prometheus duration (`model.ParseDuration`), or `undefined` when Prometheus rejects it. */
export function parsePromDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  if (text === '0') return 0;
  const m = PROM_DURATION.exec(text);
  if (!m) return undefined;
  let ms = 0;
  PROM_UNITS.forEach(([, mult], i) => {
    if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * mult;
  });
  // model.ParseDuration rejects values whose nanoseconds overflow int64
  return ms > GO_MAX_MS ? undefined : ms;
}

/** Milliseconds of a duration in a syntax, or `undefined` when the consumer rejects it. */
export function parseDuration(text: unknown, syntax: DurationSyntax): number | undefined {
  return syntax === DurationSyntax.GO ? parseGoDuration(text) : parsePromDuration(text);
}

/** Whether the text is a valid Prometheus duration (`5m`, `1h30m`, `4w`, `0`). */
export function isPromDuration(text: unknown): boolean {
  return parsePromDuration(text) !== undefined;
}

/**
 * The canonical text of a duration as Prometheus's `model.Duration.String()` prints it: years and weeks only when
 * exact (`28d` → `4w`, `30d` stays `30d`), then days, hours, minutes, seconds, milliseconds; `0s` for zero.
 */
export function formatPromDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, mult] of PROM_UNITS) {
    if ((unit === 'y' || unit === 'w') && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return out;
}

/** A Go duration text of whole milliseconds, in the largest exact unit (`30s`, `500ms`, `1h`, `90m`, `0s`). */
export function formatGoDuration(ms: number): string {
  if (ms % 3_600_000 === 0 && ms !== 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms !== 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** Hours of a duration in milliseconds (Go's `time.Duration.Hours()`). */
export function durationHours(ms: number): number {
  return ms / 3_600_000;
}

/**
 * The problems of a duration prop's value in milliseconds: whole milliseconds, at least `minMs`
 * (default 0; Prometheus and Go texts opskit writes have millisecond precision).
 */
export function durationProblems(field: string, ms: number | undefined, minMs = 0, fix = 'use e.g. Duration.seconds(30)'): Problem[] {
  if (ms === undefined) return [];
  if (!Number.isFinite(ms) || !Number.isInteger(ms)) {
    return [problem(field, 'must be a whole number of milliseconds', `${ms} ms`, fix)];
  }
  if (ms < minMs) {
    return [problem(field, minMs === 0 ? 'must not be negative' : `must be at least ${formatPromDuration(minMs)}`, `${ms} ms`, fix)];
  }
  return [];
}

/** A cdk8s `Duration`, typed structurally so that this file stays pure. */
interface DurationLike {
  toMilliseconds(opts?: { integral?: boolean }): number;
}

/**
 * The problem of a duration prop that is not a cdk8s `Duration` (plain JavaScript and other jsii languages pass
 * anything, e.g. `60` or `'1m'`); none when it is one or is left out.
 */
export function notDurationProblems(field: string, value: unknown, fix = 'use e.g. Duration.minutes(1)'): Problem[] {
  if (value === undefined) return [];
  const ok = value !== null && typeof value === 'object' && typeof (value as DurationLike).toMilliseconds === 'function';
  return ok ? [] : [problem(field, 'must be a cdk8s Duration', value, fix)];
}

/**
 * The seconds of a duration prop (checked with `notDurationProblems` first), for consumers that take seconds
 * (CloudWatch periods, the Helm provider's timeout): fractional when the value is not whole seconds, which the
 * caller's check then reports instead of cdk8s throwing.
 */
export function durationSeconds(d: DurationLike | undefined): number | undefined {
  return d === undefined ? undefined : d.toMilliseconds({ integral: false }) / 1000;
}
