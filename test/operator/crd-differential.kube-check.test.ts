import * as fc from 'fast-check';
import { CrdCase, crdCaseArb } from '../support/crd-arbitraries';
import { compareWithServer } from '../support/crd-verdicts';
import { describeWithTool } from '../support/tools';

/*
 * The differential property suite: generated CRDs and custom resources, valid and subtly invalid, go through
 * opskit and through the API server's create path (kube-check, one process for the whole batch); any
 * disagreement fails with fast-check's shrunk case. A fixed seed in CI (OPSKIT_FC_SEED), a random one printed
 * for reproduction with OPSKIT_FC_RANDOM=1; OPSKIT_FC_RUNS sets the number of cases (at least 5,000 in CI).
 */
const RANDOM = process.env.OPSKIT_FC_RANDOM === '1';
const SEED = RANDOM ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.OPSKIT_FC_SEED ?? 20260807);
const RUNS = Number(process.env.OPSKIT_FC_RUNS ?? 5000);

/** The disagreements of one batch of cases, by case. */
function disagreementsOf(cases: readonly CrdCase[]): Map<number, string[]> {
  const stream: any[] = [];
  const owner: number[] = [];
  cases.forEach((c, i) => {
    for (const o of [c.crd, ...c.crs]) {
      stream.push(o);
      owner.push(i);
    }
  });
  const { disagreements } = compareWithServer(stream, { paths: false, stored: true });
  const byCase = new Map<number, string[]>();
  for (const d of disagreements) {
    const list = byCase.get(owner[d.index]) ?? [];
    list.push(`${d.object.kind} ${d.object.metadata?.name ?? ''} [${d.kind}]\n  server ${d.server}\n  opskit ${d.opskit}`);
    byCase.set(owner[d.index], list);
  }
  return byCase;
}

describeWithTool('kube-check', 'differential: generated CRDs and custom resources, opskit against the API server', () => {
  test(`${RUNS} generated cases (seed ${SEED}) get the same verdicts`, () => {
    if (RANDOM) {
      // eslint-disable-next-line no-console
      console.log(`crd differential suite: OPSKIT_FC_SEED=${SEED} reproduces this run`);
    }
    // GIVEN the cases of this seed, judged in one batch
    const cases = fc.sample(crdCaseArb, { seed: SEED, numRuns: RUNS });
    const bad = disagreementsOf(cases);
    const verdict = new Map<string, boolean>(cases.map((c, i) => [JSON.stringify(c), !bad.has(i)]));
    // WHEN fast-check replays the same cases (answered from the batch) and shrinks a failing one (one process each)
    const out = fc.check(fc.property(crdCaseArb, (c) => {
      const known = verdict.get(JSON.stringify(c));
      return known === true || (known === undefined && !disagreementsOf([c]).has(0));
    }), { seed: SEED, numRuns: RUNS });
    const shrunk = out.counterexample ? out.counterexample[0] : undefined;
    const report = shrunk ? [`shrunk case (seed ${SEED}, path ${out.counterexamplePath}): ${JSON.stringify(shrunk)}`, ...(disagreementsOf([shrunk]).get(0) ?? [])] : [];
    // THEN
    expect(cases.length).toBeGreaterThanOrEqual(Math.min(RUNS, 5000));
    expect(report).toEqual([]);
    expect(bad.size).toBe(0);
  });
});
