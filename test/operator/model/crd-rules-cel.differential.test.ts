import fc from 'fast-check';
import { checkCelRules } from '../../../src/operator/model/crd-rules-cel';
import { CelCase, celCaseArb, celCaseCrd, differentialSeed } from '../../fixtures/operator/cel-cases';
import { describeWithTool, runTool } from '../../support/tools';

/** Cases per run (CI runs them with a fixed seed; OPSKIT_FC_RANDOM=1 picks and prints a random one). */
const RUNS = Number(process.env.OPSKIT_FC_RUNS ?? 1600);

/** kube-check's verdicts on a stream of objects (JSON lines in, one verdict line out per object). */
function serverVerdicts(objects: unknown[]): { allowed: boolean; errors: { message: string }[] }[] {
  const r = runTool('kube-check', [], { input: objects.map((o) => JSON.stringify(o)).join('\n') + '\n' });
  if (r.status !== 0) throw new Error(`kube-check exited with ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

/** opskit's verdict: no R40–R42 problem on the case's only version. */
function opskitAccepts(c: CelCase): boolean {
  const crd = celCaseCrd(c);
  return checkCelRules(crd.spec.versions[0].schema.openAPIV3Schema, 'spec.versions[0].schema.openAPIV3Schema', { cost: 0 }).length === 0;
}

describeWithTool('kube-check', 'CEL rules: opskit and the API server agree (differential)', () => {
  test(`${RUNS} generated rules get the API server's verdict`, () => {
    // GIVEN generated rules: well-typed, ill-typed, undeclared names, non-bool results, costly, transition rules
    const seed = differentialSeed('crd-rules-cel.differential');
    const cases = fc.sample(celCaseArb, { seed, numRuns: RUNS });
    // WHEN the API server (one kube-check process for the whole batch) and opskit judge each
    const verdicts = serverVerdicts(cases.map(celCaseCrd));
    const disagreements = cases
      .map((c, i) => ({ i, c, server: verdicts[i].allowed, opskit: opskitAccepts(c) }))
      .filter((d) => d.server !== d.opskit);
    // THEN they agree; on a disagreement, fast-check replays that run and shrinks it against the server
    if (disagreements.length > 0) {
      const first = disagreements[0];
      const agrees = (c: CelCase) => serverVerdicts([celCaseCrd(c)])[0].allowed === opskitAccepts(c);
      const shrunk = fc.check(fc.property(celCaseArb, agrees), { seed, path: String(first.i), numRuns: RUNS });
      const example = shrunk.counterexample?.[0] ?? first.c;
      throw new Error(`${disagreements.length} of ${RUNS} cases disagree (seed ${seed}); shrunk counterexample: ${JSON.stringify(example)}; `
        + `server ${JSON.stringify(serverVerdicts([celCaseCrd(example)])[0])}, opskit accepts: ${opskitAccepts(example)}`);
    }
    expect(verdicts.filter((v) => !v.allowed).length).toBeGreaterThan(RUNS / 5);
    expect(verdicts.filter((v) => v.allowed).length).toBeGreaterThan(RUNS / 5);
  });
});
