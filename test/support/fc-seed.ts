/**
 * The fast-check seed of the differential tests: fixed in CI (`OPSKIT_FC_SEED`, default below) so a run is
 * reproducible; `OPSKIT_FC_RANDOM=1` draws a random seed once per test file and prints it, and
 * `OPSKIT_FC_SEED=<n>` replays it.
 */
const DEFAULT_SEED = 20260801;

let randomSeed: number | undefined;

/** The seed for `fc.assert` / `fc.sample` parameters (`{ seed }`). */
export function fcSeed(suite?: string): number {
  if (process.env.OPSKIT_FC_RANDOM === '1') {
    if (randomSeed === undefined) {
      randomSeed = Math.floor(Math.random() * 0x7fffffff);
      // eslint-disable-next-line no-console
      console.log(`${suite ? `${suite}: ` : ''}fast-check seed ${randomSeed} (replay with OPSKIT_FC_SEED=${randomSeed})`);
    }
    return randomSeed;
  }
  const fromEnv = Number(process.env.OPSKIT_FC_SEED);
  return process.env.OPSKIT_FC_SEED !== undefined && Number.isInteger(fromEnv) ? fromEnv : DEFAULT_SEED;
}
