import * as fc from 'fast-check';
import { parseGoDuration, parsePromDuration } from '../../src/core/duration';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from '../../src/core/names';
import { isPortName, isPortNumber } from '../../src/core/ports';
import { parseQuantity } from '../../src/core/quantity';
import { describeWithTool, runTool } from '../support/tools';

/*
 * Differential test of the core primitives against the real functions (tools/k8s-primitives: k8s.io/apimachinery
 * v0.37.2 validation and resource.ParseQuantity, Go's time.ParseDuration, prometheus/common v0.74.0
 * model.ParseDuration). Every generated case goes to one oracle process as a JSON line.
 */

const SEED = process.env.OPSKIT_FC_RANDOM === '1' ? Date.now() : Number(process.env.OPSKIT_FC_SEED ?? 1312);
if (process.env.OPSKIT_FC_RANDOM === '1') {
  // eslint-disable-next-line no-console
  console.log(`primitives.oracle: fast-check seed ${SEED} (rerun with OPSKIT_FC_SEED=${SEED})`);
}
const RUNS = 2000;

type Op = 'dns1123Label' | 'dns1123Subdomain' | 'dns1035Label' | 'qualifiedName' | 'labelValue' | 'portName' | 'quantity' | 'goDuration' | 'promDuration';

const OURS: Record<Op, (v: string) => { ok: boolean; value?: number }> = {
  dns1123Label: (v) => ({ ok: isDns1123Label(v) }),
  dns1123Subdomain: (v) => ({ ok: isDns1123Subdomain(v) }),
  dns1035Label: (v) => ({ ok: isDns1035Label(v) }),
  qualifiedName: (v) => ({ ok: isQualifiedName(v) }),
  labelValue: (v) => ({ ok: isLabelValue(v) }),
  portName: (v) => ({ ok: isPortName(v) }),
  quantity: (v) => { const q = parseQuantity(v); return { ok: q !== undefined, value: q }; },
  goDuration: (v) => { const d = parseGoDuration(v); return { ok: d !== undefined, value: d }; },
  promDuration: (v) => { const d = parsePromDuration(v); return { ok: d !== undefined, value: d }; },
};

/** Strings built from the characters that matter to each syntax, so valid and invalid values are both common. */
function textOf(chars: string, maxPieces: number): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...chars.split('')), fc.constantFrom('a'.repeat(63), 'a'.repeat(64), '0'.repeat(20)));
  return fc.array(piece, { maxLength: maxPieces }).map((p) => p.join(''));
}

const NAME_CHARS = 'abcz09-._/A_ é';
const ARBITRARIES: Record<Op, fc.Arbitrary<string>> = {
  dns1123Label: textOf(NAME_CHARS, 8),
  dns1123Subdomain: fc.oneof(textOf(NAME_CHARS, 8), fc.array(fc.constantFrom('a'.repeat(63), 'b', ''), { maxLength: 6 }).map((l) => l.join('.'))),
  dns1035Label: textOf(NAME_CHARS, 8),
  qualifiedName: textOf(NAME_CHARS, 10),
  labelValue: textOf(NAME_CHARS, 8),
  portName: textOf('ab09--.A', 18),
  quantity: fc.oneof(textOf('0159.+-eEKMGiunmkTP ', 8), fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.constantFrom('', 'm', 'Ki', 'Mi', 'Gi', 'k', 'M', 'e3', 'E-2', 'n', 'u')).map(([n, s]) => `${n}${s}`)),
  goDuration: fc.oneof(textOf('019.+-hmsnuµdw ', 8), fc.array(fc.tuple(fc.nat(999), fc.constantFrom('h', 'm', 's', 'ms', 'us', 'ns', '.5s')), { maxLength: 4 }).map((p) => p.map(([n, u]) => `${n}${u}`).join(''))),
  promDuration: fc.oneof(textOf('019.-ywdhms ', 8), fc.array(fc.tuple(fc.nat(999), fc.constantFrom('y', 'w', 'd', 'h', 'm', 's', 'ms')), { maxLength: 4 }).map((p) => p.map(([n, u]) => `${n}${u}`).join(''))),
};

interface OracleAnswer { readonly ok: boolean; readonly value: number; readonly errors?: string[] }

function oracle(cases: Array<{ op: string; value?: string; number?: number }>): OracleAnswer[] {
  const r = runTool('k8s-primitives', [], { input: cases.map((c) => JSON.stringify(c)).join('\n') + '\n' });
  if (r.status !== 0) throw new Error(`k8s-primitives failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

function agrees(op: Op, value: string, theirs: OracleAnswer): boolean {
  const ours = OURS[op](value);
  if (ours.ok !== theirs.ok) return false;
  if (!ours.ok || ours.value === undefined) return true;
  // quantities and durations: the same value (the oracle's float64 approximation)
  return Math.abs(ours.value - theirs.value) <= Math.max(1e-9, Math.abs(theirs.value) * 1e-9);
}

describeWithTool('k8s-primitives', 'core primitives against apimachinery, Go and Prometheus', () => {
  test.each(Object.keys(ARBITRARIES) as Op[])('%s agrees with the real function', (op) => {
    // GIVEN: the generated values, answered by the oracle in one run
    const values = fc.sample(ARBITRARIES[op], { seed: SEED, numRuns: RUNS });
    const answers = oracle(values.map((value) => ({ op, value })));
    const verdicts = new Map(values.map((v, i) => [v, answers[i]]));
    // WHEN / THEN: every value gets the same verdict; fast-check shrinks a disagreement to a small counterexample
    fc.assert(fc.property(fc.constantFrom(...values), (v) => agrees(op, v, verdicts.get(v)!)), { seed: SEED, numRuns: RUNS });
    const disagreements = values.filter((v) => !agrees(op, v, verdicts.get(v)!));
    expect(disagreements.slice(0, 5).map((v) => ({ value: v, ours: OURS[op](v), theirs: verdicts.get(v) }))).toEqual([]);
  });

  test('port numbers agree with IsValidPortNum', () => {
    // GIVEN
    const numbers = fc.sample(fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.double({ min: -2, max: 70000, noNaN: true })),
      { seed: SEED, numRuns: RUNS });
    // WHEN
    const answers = oracle(numbers.map((number) => ({ op: 'portNumber', number })));
    // THEN
    const disagreements = numbers.filter((n, i) => isPortNumber(n) !== answers[i].ok);
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
