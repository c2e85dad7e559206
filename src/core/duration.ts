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

/**
 * The milliseconds of a duration prop and its problems (`durationValueProblems`: not a cdk8s `Duration`, not whole
 * milliseconds, negative, zero or shorter than `check.minMs` where refused, beyond Go's `time.Duration`). `ms` is
 * set only when the prop is given and has no problem.
 */
export function durationPropMs(field: string, value: unknown, check: DurationCheck = {}): { ms?: number; problems: Problem[] } {
  const problems = durationValueProblems(field, value, check);
  if (problems.length > 0 || value === undefined) return { problems };
  return { ms: durationMillis(value as DurationValue), problems };
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
 * What opskit reads of a cdk8s `Duration`. Structural, so this file (which pure model code imports) needs no
 * cdk8s import; every cdk8s `Duration` is one.
 */
export interface DurationValue {
  toMilliseconds(opts?: { readonly integral?: boolean }): number;
}

/** Whether a value given at run time is a cdk8s `Duration` (or any object that converts to milliseconds). */
export function isDurationValue(value: unknown): value is DurationValue {
  return typeof value === 'object' && value !== null && typeof (value as { toMilliseconds?: unknown }).toMilliseconds === 'function';
}

/**
 * Milliseconds of a `Duration`, fractional ones kept (cdk8s's own `toMilliseconds()` throws on them);
 * `NaN` when the object does not convert.
 */
export function durationMillis(d: DurationValue): number {
  try {
    const ms = d.toMilliseconds({ integral: false });
    return typeof ms === 'number' ? ms : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The one conversion of a `Duration` into Prometheus text (`model.Duration` canonical form: `1h30m`, `4w`, `0s`),
 * used for rules, promtool tests and Alertmanager. Check the value with `durationValueProblems` first: a
 * duration that is not whole milliseconds has no Prometheus text.
 */
export function promDuration(d: DurationValue): string {
  return formatPromDuration(durationMillis(d));
}

/** A duration as Grafana relative-time text in its largest exact unit of d, h, m, s (`6h`, `90m`, `7d`). */
export function formatGrafanaDuration(ms: number): string {
  for (const [unit, mult] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) {
    if (ms !== 0 && ms % mult === 0) return `${ms / mult}${unit}`;
  }
  return `${ms / 1000}s`;
}

/** The TypeScript expression of a duration in its largest exact cdk8s unit (`Duration.minutes(90)`). */
export function durationExpression(ms: number): string {
  for (const [factory, mult] of [['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000], ['seconds', 1000]] as const) {
    if (ms !== 0 && ms % mult === 0) return `Duration.${factory}(${ms / mult})`;
  }
  return ms === 0 ? 'Duration.seconds(0)' : `Duration.millis(${ms})`;
}

/**
 * How to fix a duration prop given as something else than a `Duration`: a text opskit can read (Prometheus or
 * Go syntax) becomes the matching factory call (`'5m'` → `Duration.minutes(5)`).
 */
export function durationFix(value: unknown, example = 'Duration.minutes(5)'): string {
  const ms = typeof value === 'string' ? parsePromDuration(value) ?? parseGoDuration(value) : undefined;
  if (ms !== undefined && Number.isInteger(ms) && ms >= 0) return `use ${durationExpression(ms)} (a cdk8s Duration, imported from 'cdk8s')`;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    return `use a cdk8s Duration, e.g. Duration.seconds(${value}) if the number is seconds`;
  }
  return `use a cdk8s Duration (imported from 'cdk8s'), e.g. ${example}`;
}

/** What a duration prop must be, as the `expected` phrase of its problems. */
export const DURATION_EXPECTED = 'must be a cdk8s Duration';

/** Options of `durationValueProblems`. */
export interface DurationCheck {
  /** Zero is a valid value. @default true */
  readonly allowZero?: boolean;
  /** The factory call shown in fixes. @default 'Duration.minutes(5)' */
  readonly example?: string;
  /** Why zero is refused, shown in the fix. @default - the example */
  readonly zeroFix?: string;
  /** The consumer's resolution: 1000 for a syntax without milliseconds (Grafana). @default 1 */
  readonly resolutionMs?: 1 | 1000;
  /** The shortest value allowed, in milliseconds. @default - no minimum beyond `allowZero` */
  readonly minMs?: number;
}

/**
 * The one check of a duration prop's value given at run time (every domain's, whatever syntax it renders to):
 * not a `Duration` at all (a string such as `'5m'`
 * from JavaScript gets the factory call to use), not whole milliseconds, negative, zero where zero is not
 * allowed, or longer than Go's `time.Duration` (what Prometheus and Alertmanager parse into) holds.
 * `undefined` (an optional prop left out) has none.
 */
export function durationValueProblems(field: string, value: unknown, check: DurationCheck = {}): Problem[] {
  if (value === undefined) return [];
  const example = check.example ?? 'Duration.minutes(5)';
  if (!isDurationValue(value)) return [problem(field, DURATION_EXPECTED, value, durationFix(value, example))];
  const ms = durationMillis(value);
  const got = Number.isFinite(ms) ? `${ms} ms` : String(ms);
  const unit = check.resolutionMs === 1000 ? 'seconds' : 'milliseconds';
  if (!Number.isFinite(ms) || !Number.isInteger(ms / (check.resolutionMs ?? 1))) {
    return [{ field, expected: `must be a whole number of ${unit}`, got, fix: `round it, e.g. ${example}` }];
  }
  if (ms < 0) return [{ field, expected: 'must not be negative', got, fix: `use e.g. ${example}` }];
  if (ms === 0 && check.allowZero === false) {
    return [{ field, expected: 'must be longer than 0', got: '0 ms', fix: check.zeroFix ?? `use e.g. ${example}` }];
  }
  if (check.minMs !== undefined && ms < check.minMs) {
    return [{ field, expected: `must be at least ${formatPromDuration(check.minMs)}`, got, fix: `use e.g. ${example}` }];
  }
  if (ms > GO_MAX_MS) return [{ field, expected: 'must be at most 106751d (Go\'s time.Duration)', got, fix: `use e.g. ${example}` }];
  return [];
}

/**
 * The Prometheus text of a duration prop (`promDuration`), or `undefined` when it is unset or has problems,
 * which are added to `out`. Callers turn a required prop's `undefined` into a placeholder: its problem is
 * already reported.
 */
export function checkedPromDuration(field: string, value: unknown, out: Problem[], check: DurationCheck = {}): string | undefined {
  const problems = durationValueProblems(field, value, check);
  out.push(...problems);
  return problems.length === 0 && value !== undefined ? promDuration(value as DurationValue) : undefined;
}

/**
 * The whole seconds of a duration prop rendered into a Kubernetes `…Seconds` field (`timeoutSeconds`,
 * `terminationGracePeriodSeconds`), and its problems: not a cdk8s `Duration`, not whole seconds, or outside
 * `min`..`max` seconds (as the API server validates the field). `seconds` is set only when there is no problem.
 */
export function durationPropSeconds(field: string, value: unknown, range: { readonly min?: number; readonly max?: number }, example = 'Duration.seconds(10)'): { seconds?: number; problems: Problem[] } {
  const fix = `use e.g. ${example}`;
  const { ms, problems } = durationPropMs(field, value, { example });
  if (ms === undefined) return { problems };
  const min = range.min ?? 0;
  const bounds = range.max === undefined ? `at least ${min} s` : `between ${min} s and ${range.max} s`;
  if (ms % 1000 !== 0 || ms < min * 1000 || (range.max !== undefined && ms > range.max * 1000)) {
    return { problems: [problem(field, `must be whole seconds, ${bounds}`, `${ms / 1000} s`, fix)] };
  }
  return { seconds: ms / 1000, problems: [] };
}

/**
 * The seconds of a duration prop (checked with `durationValueProblems` first), for consumers that take seconds
 * (CloudWatch periods, the Helm provider's timeout, Corefile TTLs): fractional when the value is not whole seconds, which the
 * caller's check then reports instead of cdk8s throwing.
 */
export function durationSeconds(d: DurationValue | undefined): number | undefined {
  return d === undefined ? undefined : durationMillis(d) / 1000;
}
