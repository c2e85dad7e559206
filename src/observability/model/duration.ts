/**
 * Prometheus durations (`model.Duration`): parsing and the canonical string form.
 *
 * @see https://github.com/prometheus/common/blob/main/model/time.go
 */

const UNITS: ReadonlyArray<[string, number]> = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

/** Prometheus's duration syntax: units in descending order, each at most once, or `0`. */
export const PROM_DURATION_PATTERN = /^(?:0|(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?)$/;

/** Whether `text` is a valid Prometheus duration (`5m`, `1h30m`, `4w`, `0`). */
export function isPromDuration(text: string): boolean {
  return typeof text === 'string' && text !== '' && PROM_DURATION_PATTERN.test(text);
}

/** Milliseconds of a Prometheus duration, or `undefined` when the text is not one. */
export function parsePromDuration(text: string): number | undefined {
  if (!isPromDuration(text)) return undefined;
  if (text === '0') return 0;
  const m = PROM_DURATION_PATTERN.exec(text)!;
  let ms = 0;
  for (let i = 0; i < UNITS.length; i++) {
    const part = m[i + 1];
    if (part) ms += parseInt(part, 10) * UNITS[i][1];
  }
  return ms;
}

/**
 * The canonical text of a duration as Prometheus's `model.Duration.String()` prints it: years and weeks
 * only when exact (`28d` → `4w`, `7d` → `1w`, `30d` stays `30d`), then days, hours, minutes, seconds, ms.
 */
export function formatPromDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, mult] of UNITS) {
    const exactOnly = unit === 'y' || unit === 'w';
    if (exactOnly && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return out;
}

/** Hours of a duration in milliseconds (Go's `time.Duration.Hours()`). */
export function durationHours(ms: number): number {
  return ms / 3600000;
}
