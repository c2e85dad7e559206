/*
 * The seed of the property-based (fast-check) suites: fixed in CI so a run is reproducible
 * (`OPSKIT_FC_SEED`, default below), random with `OPSKIT_FC_RANDOM=1`, printed so a failure can be replayed with
 * `OPSKIT_FC_SEED=<seed>`.
 */

const DEFAULT_SEED = 20260807;

/** The seed for this run (printed when random). */
export function fcSeed(): number {
  if (process.env.OPSKIT_FC_RANDOM === '1') {
    const seed = Math.floor(Math.random() * 0x7fffffff);
    // eslint-disable-next-line no-console
    console.log(`fast-check seed ${seed} (random; replay with OPSKIT_FC_SEED=${seed})`);
    return seed;
  }
  const fromEnv = process.env.OPSKIT_FC_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed)) throw new Error(`OPSKIT_FC_SEED must be an integer, got ${JSON.stringify(fromEnv)}`);
    return seed;
  }
  return DEFAULT_SEED;
}
