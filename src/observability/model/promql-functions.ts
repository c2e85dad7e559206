/**
 * The PromQL functions opskit accepts: those that both promtool generations opskit targets (Prometheus 2.42 and
 * 3.16, see docs/oracles.md) parse without a feature flag, with the argument types Prometheus checks.
 * `holt_winters` (removed in 3.0) and the functions added later or behind `--enable-feature` are left out, so a
 * rule file opskit accepts loads in both.
 *
 * @see https://prometheus.io/docs/prometheus/latest/querying/functions/
 */

/** A PromQL value type, as Prometheus names it in its errors. */
export type PromqlType = 'matrix' | 'vector' | 'scalar' | 'string';

/** What Prometheus calls a value type in its messages. */
export const PROMQL_TYPE_NAMES: Readonly<Record<PromqlType, string>> = {
  matrix: 'range vector', vector: 'instant vector', scalar: 'scalar', string: 'string',
};

/** One function's signature. */
export interface PromqlFunction {
  /** The types of the arguments, in order. */
  readonly args: readonly PromqlType[];
  /**
   * `0`: exactly `args`; `1`: the last argument is optional; `-1`: the last argument may repeat (Prometheus's
   * `Variadic`).
   */
  readonly variadic: 0 | 1 | -1;
  /** The type of the result. */
  readonly returns: PromqlType;
}

const fn = (args: PromqlType[], variadic: 0 | 1 | -1 = 0, returns: PromqlType = 'vector'): PromqlFunction => ({ args, variadic, returns });

const ON_VECTOR = ['abs', 'absent', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg', 'exp', 'floor',
  'histogram_count', 'histogram_sum', 'ln', 'log10', 'log2', 'rad', 'sgn', 'sin', 'sinh', 'sort', 'sort_desc', 'sqrt', 'tan', 'tanh',
  'timestamp'];
const ON_RANGE = ['absent_over_time', 'avg_over_time', 'changes', 'count_over_time', 'delta', 'deriv', 'idelta', 'increase', 'irate',
  'last_over_time', 'max_over_time', 'min_over_time', 'present_over_time', 'rate', 'resets', 'stddev_over_time', 'stdvar_over_time',
  'sum_over_time'];
const CALENDAR = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];

/** Every function opskit accepts, by name. */
export const PROMQL_FUNCTIONS: Readonly<Record<string, PromqlFunction>> = {
  ...Object.fromEntries(ON_VECTOR.map((name) => [name, fn(['vector'])])),
  ...Object.fromEntries(ON_RANGE.map((name) => [name, fn(['matrix'])])),
  ...Object.fromEntries(CALENDAR.map((name) => [name, fn(['vector'], 1)])),
  clamp: fn(['vector', 'scalar', 'scalar']),
  clamp_max: fn(['vector', 'scalar']),
  clamp_min: fn(['vector', 'scalar']),
  histogram_fraction: fn(['scalar', 'scalar', 'vector']),
  histogram_quantile: fn(['scalar', 'vector']),
  label_join: fn(['vector', 'string', 'string', 'string'], -1),
  label_replace: fn(['vector', 'string', 'string', 'string', 'string']),
  pi: fn([], 0, 'scalar'),
  predict_linear: fn(['matrix', 'scalar']),
  quantile_over_time: fn(['scalar', 'matrix']),
  round: fn(['vector', 'scalar'], 1),
  scalar: fn(['vector'], 0, 'scalar'),
  time: fn([], 0, 'scalar'),
  vector: fn(['scalar']),
};

/**
 * The argument-count error of a call, worded as Prometheus words it, or `undefined` when the count fits.
 */
export function arityError(name: string, f: PromqlFunction, count: number): string | undefined {
  const n = f.args.length;
  if (f.variadic === 0 && count !== n) return `expected ${n} argument(s) in call to "${name}", got ${count}`;
  if (f.variadic === 1 && (count < n - 1 || count > n)) {
    return count > n ? `expected at most ${n} argument(s) in call to "${name}", got ${count}`
      : `expected at least ${n - 1} argument(s) in call to "${name}", got ${count}`;
  }
  if (f.variadic === -1 && count < n - 1) return `expected at least ${n - 1} argument(s) in call to "${name}", got ${count}`;
  return undefined;
}

/** The expected type of argument `i` of a call. */
export function argumentType(f: PromqlFunction, i: number): PromqlType {
  return f.args[Math.min(i, f.args.length - 1)];
}
