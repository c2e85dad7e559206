import * as fc from 'fast-check';
import { fcSeed } from './fc-seed';

export { fcSeed };

/** The run's fast-check seed (one policy for every suite: see `fc-seed.ts`). */
export function propertySeed(): number {
  return fcSeed();
}

/** Parameters for `fc.assert`/`fc.sample` with the run's seed. */
export function propertyParameters<T>(numRuns: number): fc.Parameters<T> {
  return { seed: propertySeed(), numRuns, endOnFailure: false };
}
