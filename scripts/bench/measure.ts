// Timing helpers: warm-up, rotated repetitions, medians.

/** The median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Milliseconds `fn` takes. */
export function timeIt(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One contender: `prepare` builds its input outside the timed region, `run` is what is timed. */
export interface Contender {
  readonly name: string;
  prepare(): () => void;
}

/**
 * Runs every contender `warmup + runs` times, rotating their order each round so none always runs first (on a
 * cold heap) or last (after the others' garbage); returns each one's median over the measured rounds.
 */
export function rotated(contenders: readonly Contender[], runs: number, warmup: number): Map<string, number[]> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(round + k) % contenders.length];
      const run = c.prepare();
      (global as any).gc?.();
      const ms = timeIt(run);
      if (round >= warmup) samples.get(c.name)!.push(ms);
    }
  }
  return samples;
}

/** A figure against its goal, as one line: `name: value (goal ≤ x: met)`. */
export function verdict(name: string, value: number, goal: number, unit = '×'): { line: string; met: boolean } {
  const met = value <= goal;
  const show = (v: number) => (unit === '×' ? `${v.toFixed(2)}×` : `${v.toFixed(0)} ${unit}`);
  return { line: `${name}: ${show(value)} (goal ≤ ${show(goal)}: ${met ? 'met' : 'NOT met'})`, met };
}
