import * as fc from 'fast-check';

/**
 * fast-check settings for property-based and differential tests: a fixed seed in CI (`OPSKIT_FC_SEED`, default
 * 20240611), or a random one printed for reproduction when `OPSKIT_FC_RANDOM=1`.
 */
export function propertySeed(): number {
  if (process.env.OPSKIT_FC_RANDOM === '1') {
    const seed = Math.floor(Math.random() * 0x7fffffff);
    // eslint-disable-next-line no-console
    console.log(`fast-check seed ${seed} (reproduce with OPSKIT_FC_SEED=${seed})`);
    return seed;
  }
  const fromEnv = process.env.OPSKIT_FC_SEED;
  return fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : 20240611;
}

/** Parameters for `fc.assert`/`fc.sample` with the run's seed. */
export function propertyParameters<T>(numRuns: number): fc.Parameters<T> {
  return { seed: propertySeed(), numRuns, endOnFailure: false };
}
