import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { parseYaml, toYaml } from '../../src/core/yaml';
import { PROMTOOL_GENERATIONS } from '../support/generations';
import { fcSeed } from '../support/property';
import { describeWithTools, runTool } from '../support/tools';
import { SlothSpecCase, slothSpecCase } from './support/sloth-arbitraries';
import { opskitVerdict, promtoolAccepts, promtoolVerdicts, slothGroups, SlothOracle, specText } from './support/sloth-oracle';

/**
 * Differential test against Sloth v0.16.0: generated SLO specs go through Sloth's generator and through
 * opskit's ServiceLevelObjective, and the verdicts and the rules must agree.
 *
 * - Sloth accepts and opskit accepts: the rule groups are equal after parsing (numbers as numbers).
 * - Sloth rejects: opskit rejects too.
 * - Sloth accepts and opskit rejects: allowed only when Prometheus itself rejects what Sloth wrote
 *   (`promtool check rules` of Prometheus 2.42, the oldest release opskit's rule files target): opskit never
 *   accepts what the consumer rejects, and never rejects what Sloth and the consumer both accept.
 *
 * Every rule file opskit accepts is then loaded by promtool 2.42 and 3.16 (one process each).
 */
const RUNS = 600;
const SEED = fcSeed('sloth differential');

interface Outcome {
  readonly agree: boolean;
  readonly why: string;
}

describeWithTools(['sloth-batch', ...PROMTOOL_GENERATIONS.map((g) => g.bin)], 'Sloth differential: generated SLO specs through Sloth and opskit', () => {
  const oracle = new SlothOracle();
  const consumerVerdicts = new Map<string, boolean>();

  /** The consumer's verdict on each Sloth output opskit refused, in one promtool process per batch. */
  function judgeByPromtool(outputs: string[]): void {
    const todo = [...new Set(outputs.filter((o) => !consumerVerdicts.has(o)))];
    promtoolAccepts('promtool', todo).forEach((ok, i) => consumerVerdicts.set(todo[i], ok));
  }

  function outcome(c: SlothSpecCase): Outcome {
    const sloth = oracle.verdict(c);
    const ours = opskitVerdict(c);
    if (sloth.ok && ours.ok) {
      const want = slothGroups(sloth.output!);
      const equal = JSON.stringify(ours.groups) === JSON.stringify(want);
      return { agree: equal, why: equal ? 'both accept, equal rules' : `rules differ:\nopskit ${JSON.stringify(ours.groups, undefined, 1)}\nsloth ${JSON.stringify(want, undefined, 1)}` };
    }
    if (!sloth.ok && !ours.ok) return { agree: true, why: 'both reject' };
    if (!sloth.ok) return { agree: false, why: `sloth rejects (${sloth.error}) but opskit accepts` };
    if (!consumerVerdicts.has(sloth.output!)) judgeByPromtool([sloth.output!]);
    const consumerRejects = consumerVerdicts.get(sloth.output!) === false;
    return { agree: consumerRejects, why: consumerRejects ? 'sloth accepts, promtool rejects its rules, opskit rejects' : `sloth and promtool accept but opskit rejects: ${ours.error}` };
  }

  test(`${RUNS} generated specs agree (seed ${SEED})`, () => {
    // GIVEN the cases fast-check will generate, judged by Sloth in one process and, where opskit refuses what
    // Sloth writes, by promtool in one more
    const cases = fc.sample(slothSpecCase, { seed: SEED, numRuns: RUNS });
    oracle.judge(cases);
    const refused = cases.filter((c) => oracle.verdict(c).ok && !opskitVerdict(c).ok).map((c) => oracle.verdict(c).output!);
    judgeByPromtool(refused);
    const tally = new Map<string, number>();
    const disagreements = new Map<string, number>();
    for (const c of cases) {
      const o = outcome(c);
      const k = o.agree ? o.why : 'disagree';
      tally.set(k, (tally.get(k) ?? 0) + 1);
      if (!o.agree) {
        const reason = o.why.replace(/could not generate SLOs: could not generate Prometheus SLO rules: could not generate "[^"]*" slo: slo processor failed: invalid slo "[^"]*": /, '')
          .replace(/\n\s+at path[^]*$/, '').replace(/, got [^—\n]*/g, '').slice(0, 300);
        disagreements.set(reason, (disagreements.get(reason) ?? 0) + 1);
      }
    }
    // eslint-disable-next-line no-console
    console.log(`sloth differential, seed ${SEED}: ${JSON.stringify(Object.fromEntries(tally))}`
      + (disagreements.size > 0 ? `\ndisagreements:\n${[...disagreements].map(([r, n]) => `${n}× ${r}`).join('\n')}` : ''));

    // WHEN / THEN: the property over the same cases; a disagreement is shrunk to a minimal spec
    fc.assert(fc.property(slothSpecCase, (c) => {
      const o = outcome(c);
      if (!o.agree) throw new Error(`${o.why}\nspec (default period ${c.period}):\n${specText(c)}`);
    }), { seed: SEED, numRuns: RUNS });

    // and every rule file opskit accepted loads in both generations of Prometheus
    const accepted = cases.map((c) => opskitVerdict(c)).filter((v) => v.ok).map((v) => toYaml({ groups: v.groups }));
    for (const g of PROMTOOL_GENERATIONS) {
      const verdicts = promtoolVerdicts(g.bin, accepted);
      const rejected = verdicts.filter((v) => !v.ok).map((v) => v.message).slice(0, 5);
      expect({ promtool: g.label, rejected }).toEqual({ promtool: g.label, rejected: [] });
    }

    // and the run covered every verdict
    expect(tally.get('both accept, equal rules') ?? 0).toBeGreaterThan(RUNS / 10);
    expect(tally.get('both reject') ?? 0).toBeGreaterThan(RUNS / 10);
    expect(oracle.invocations).toBeLessThan(RUNS / 10);
  });
});

describeWithTools(['sloth', 'sloth-batch'], 'sloth-batch answers as the sloth generate CLI', () => {
  test('the same rule files for a folder of accepted specs, in one CLI invocation per period', () => {
    // GIVEN accepted generated specs of both periods
    const oracle = new SlothOracle();
    const cases = fc.sample(slothSpecCase, { seed: SEED, numRuns: 200 });
    oracle.judge(cases);
    const accepted = cases.filter((c) => oracle.verdict(c).ok);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-sloth-cli-'));
    try {
      for (const period of ['30d', '28d'] as const) {
        const mine = accepted.filter((c) => c.period === period).slice(0, 25);
        const inDir = path.join(dir, `in-${period}`);
        const outDir = path.join(dir, `out-${period}`);
        fs.mkdirSync(inDir);
        fs.mkdirSync(outDir);
        mine.forEach((c, i) => fs.writeFileSync(path.join(inDir, `spec-${i}.yaml`), specText(c)));
        // WHEN
        const r = runTool('sloth', ['generate', '-i', inDir, '-o', outDir, '--default-slo-period', period]);
        // THEN
        expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
        expect(mine.length).toBeGreaterThan(5);
        mine.forEach((c, i) => {
          const cli = fs.readFileSync(path.join(outDir, `spec-${i}.yaml`), 'utf8');
          expect(cli).toBe(oracle.verdict(c).output);
        });
      }
      // and the version label is Sloth's module version
      expect(parseYaml(oracle.verdict(accepted[0]).output!.replace(/^[^]*?\ngroups:/, 'groups:')).groups[1].rules.at(-1).labels.sloth_version).toBe('v0.16.0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
