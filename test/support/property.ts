/**
 * Seeds of the property-based (fast-check) differential tests. CI runs a fixed seed so a run is reproducible;
 * `OPSKIT_FC_SEED=<n>` replays a given seed, and `OPSKIT_FC_RANDOM=1` draws a random one and prints it so a
 * failure can be replayed with `OPSKIT_FC_SEED`.
 */

/** The seed used when neither variable is set. */
export const DEFAULT_FC_SEED = 20260806;

/** The seed of this run (printed when random). */
export function fcSeed(suite: string): number {
  if (process.env.OPSKIT_FC_RANDOM === '1') {
    const seed = Math.floor(Math.random() * 0x7fffffff);
    // eslint-disable-next-line no-console
    console.log(`${suite}: fast-check seed ${seed} (replay with OPSKIT_FC_SEED=${seed})`);
    return seed;
  }
  const given = process.env.OPSKIT_FC_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`OPSKIT_FC_SEED must be an integer, got ${JSON.stringify(given)}`);
    return seed;
  }
  return DEFAULT_FC_SEED;
}
