import fc from 'fast-check';
import { parseSemVer } from '../../src/core/semver';
import { blangRange, parseSemVerRange } from '../../src/core/semver-range';
import { fcSeed } from '../support/fc-seed';
import { describeWithTool, runTool } from '../support/tools';

/**
 * opskit's range parser (`olm.skipRange`) against blang/semver v4, the parser OLM and opm use, through
 * `olm-check ranges` (tools/olm, blang/semver pinned at v4.0.0): for generated ranges biased toward blang's
 * quirks (spaces after operators, one-byte words, lowercase-x wildcards with every operator, unknown operators,
 * pre-releases, numbers at the uint64 and int64 limits), both give the same parse verdict, and for every range
 * both accept, the same answer for each generated version.
 */

const RUNS = Number(process.env.OPSKIT_FC_RUNS ?? 5000);

interface Verdict {
  readonly range: string;
  readonly error?: string;
  readonly versions: Array<{ version: string; error?: string; satisfies: boolean; panics?: boolean }>;
}

const number = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('0', '1', '2', '3', '10') },
  { weight: 1, arbitrary: fc.constantFrom('01', '00', '18446744073709551615', '18446744073709551616', '9223372036854775807', '9223372036854775806', '-1', '+1') },
);
const prerelease = fc.constantFrom('', '', '', '', '', '', '-rc.1', '-rc.2', '-alpha', '-1', '-01', '-x', '-rc.x', '-');
const build = fc.constantFrom('', '', '', '', '', '', '+b1', '+x', '+');
const version = fc.tuple(number, number, number, prerelease, build).map(([a, b, c, p, m]) => `${a}.${b}.${c}${p}${m}`);
const wildcard = fc.oneof(
  fc.tuple(number, number).map(([a, b]) => `${a}.${b}.x`),
  number.map((a) => `${a}.x`),
  number.map((a) => `${a}.x.x`),
  fc.tuple(number, number).map(([a, b]) => `${a}.x.${b}`),
  fc.constantFrom('x', '1.X', '1.2.*', '1.x.x.x', '1.2', '1', 'x.1.0', '1.2.xy'),
);
const operator = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', '=', '==', '!', '!=', '>', '>=', '<', '<=') },
  { weight: 1, arbitrary: fc.constantFrom('~', '^', 'v', '=>', '>>') },
);
const comparison = fc.tuple(operator, fc.constantFrom('', '', '', ' ', '  '), fc.oneof({ weight: 4, arbitrary: version }, { weight: 2, arbitrary: wildcard }))
  .map(([op, space, v]) => `${op}${space}${v}`);
const joiner = fc.constantFrom(' ', ' ', ' ', '  ', ' || ', ' || ', '||', ' ||', '|| ', ' a ', ' | ', '\t');
const range = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.tuple(fc.array(fc.tuple(comparison, joiner), { maxLength: 3 }), comparison)
      .map(([pairs, lastOne]) => `${pairs.map(([c, j]) => c + j).join('')}${lastOne}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '||', '|| 1.0.0', '1.0.0 ||', '1.0.0 || || 2.0.0') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const versions = fc.array(fc.tuple(fc.constantFrom('0', '1', '2', '3', '10', '18446744073709551615'), fc.constantFrom('0', '1', '2', '3'), fc.constantFrom('0', '1', '5'), fc.constantFrom('', '', '-rc.1', '-rc.2', '-alpha', '-1', '-x'))
  .map(([a, b, c, p]) => `${a}.${b}.${c}${p}`), { minLength: 4, maxLength: 8 });

function blang(cases: Array<[string, string[]]>): Verdict[] {
  const input = cases.map(([r, vs]) => JSON.stringify({ range: r, versions: vs })).join('\n') + '\n';
  const r = runTool('olm-check', ['ranges'], { input });
  if (r.status !== 0) throw new Error(`olm-check ranges exited with ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Verdict);
}

/** opskit's model of blang (versions are all valid semver by construction; checked below). */
function opskit(r: string, vs: string[]): { parses: boolean; results: Array<boolean | 'panic'> } {
  const parsed = blangRange(r);
  return { parses: parsed.evaluate !== undefined, results: parsed.evaluate ? vs.map((v) => parsed.evaluate(parseSemVer(v)!)) : [] };
}

const theirResult = (v: Verdict['versions'][number]): boolean | 'panic' => (v.panics ? 'panic' : v.satisfies);

describeWithTool('olm-check', 'olm.skipRange: opskit parses and evaluates ranges as blang/semver does (differential)', () => {
  test(`${RUNS} generated ranges: same parse verdict, same answer for every version`, () => {
    // GIVEN generated ranges and versions
    const seed = fcSeed('semver-range.oracle');
    const cases = fc.sample(fc.tuple(range, versions), { seed, numRuns: RUNS });
    // WHEN blang/semver and opskit parse each range and evaluate it for each version
    const theirs = blang(cases);
    let evaluations = 0;
    const disagreements: string[] = [];
    cases.forEach(([r, vs], i) => {
      const t = theirs[i];
      const o = opskit(r, vs);
      if (o.parses !== (t.error === undefined)) {
        disagreements.push(`${JSON.stringify(r)}: blang ${t.error ? `refuses (${t.error})` : 'accepts'}, opskit ${o.parses ? 'accepts' : `refuses (${parseSemVerRange(r).error})`}`);
        return;
      }
      t.versions.forEach((v, j) => {
        if (v.error) throw new Error(`generated version ${v.version} is not semver for blang: ${v.error}`);
        evaluations++;
        if (theirResult(v) !== o.results[j]) disagreements.push(`${JSON.stringify(r)} for ${v.version}: blang ${theirResult(v)}, opskit ${o.results[j]}`);
      });
      // what OLM can use: opskit refuses exactly the ranges blang refuses or crashes on (for some version)
      if (t.versions.some((v) => v.panics) && parseSemVerRange(r).range !== undefined) disagreements.push(`${JSON.stringify(r)}: blang panics, opskit accepts it`);
    });
    // THEN they agree on every case, and the cases cover both verdicts
    expect(disagreements.slice(0, 20)).toEqual([]);
    const accepted = theirs.filter((t) => t.error === undefined).length;
    const held = theirs.reduce((n, t) => n + t.versions.filter((v) => v.satisfies).length, 0);
    const panics = theirs.reduce((n, t) => n + t.versions.filter((v) => v.panics).length, 0);
    // eslint-disable-next-line no-console
    console.log(`semver ranges (seed ${seed}): ${RUNS} ranges, ${accepted} parsed by blang, ${RUNS - accepted} refused; `
      + `${evaluations} version evaluations, ${held} satisfied, ${panics} panics; 0 disagreements`);
    expect(accepted).toBeGreaterThan(RUNS / 5);
    expect(RUNS - accepted).toBeGreaterThan(RUNS / 5);
    expect(held).toBeGreaterThan(evaluations / 10);
    expect(evaluations - held).toBeGreaterThan(evaluations / 10);
  });
});
