import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { PROP_TYPES } from '../../src/core/generated/prop-types';
import { PropType } from '../../src/core/prop-type-descriptor';

/** Plausible strings (names, PromQL, durations, IPs, URLs) mixed with hostile text. */
const PLAUSIBLE = ['a', 'web', 'platform', 'checkout', 'up', 'http_requests_total', 'rate(x[5m])', '5m', '30d', '99.9', '10.96.0.10',
  '169.254.20.10', 'cluster.local', 'https://example.com', 'v1', 'example.com', 'Widget', 'widgets', 'metrics', 'us-east-1', '1.0.0'];
const HOSTILE = ['', ' ', 'a\u2028b', 'x\u2029y', 'a\u0085b', '${var.x}', '%{if x}', '{{ .Values.x }}', '{{', '}', '\n- evil: true', 'a: b',
  '\'abc', '"', '\\', '😀', 'é', '\u0000', 'a'.repeat(300), '../../etc', 'on', 'y', '0777', '1:30', '.', '*'];

/** Strings: mostly plausible, some hostile, some random unicode. */
export const fuzzString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** Numbers: small integers, ratios, huge and non-finite values. */
export const fuzzNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -2, max: 100 }) },
  { weight: 2, arbitrary: fc.constantFrom(0.5, 99.9, 65535, 65536, 1e308, -1e308, 2 ** 53, NaN, Infinity, -Infinity, -0, 1.5) },
  { weight: 1, arbitrary: fc.double() },
);

/** cdk8s Durations: plausible ones, zero, fractions of a millisecond, huge and non-finite amounts. */
export const fuzzDuration: fc.Arbitrary<Duration> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(Duration.seconds(30), Duration.minutes(5), Duration.hours(1), Duration.days(28), Duration.days(30)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      Duration.seconds(0), Duration.millis(0.5), Duration.hours(1.5), Duration.days(1e9), Duration.seconds(NaN), Duration.seconds(Infinity)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 ** 9 }).map((ms) => Duration.millis(ms)) },
);

/** Values of the wrong type, whatever is expected. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, 0, NaN, 'x', [], {}, [null], new Date(0), () => 1, Symbol('s'), 10n),
  fc.constant(new Map([['a', 'b']])),
);

/** Values of a declared type, each level replaced now and then by a wrong value. */
export function fuzzValue(type: PropType, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: wellTyped(type, depth) },
    { weight: 1, arbitrary: wrongValue },
  );
}

function wellTyped(type: PropType, depth: number): fc.Arbitrary<unknown> {
  if (typeof type === 'string') {
    switch (type) {
      case 'string': return fuzzString;
      case 'number': return fuzzNumber;
      case 'boolean': return fc.boolean();
      case 'function': return fc.constant(() => undefined);
      case 'object': return fc.oneof(fc.constant({}), fc.dictionary(fuzzString, fuzzString, { maxKeys: 2 }));
      case 'duration': return fuzzDuration;
      default: return fc.oneof(fuzzString, fuzzNumber, fc.boolean(), fc.dictionary(fuzzString, fuzzString, { maxKeys: 2 }));
    }
  }
  if ('literal' in type) return fc.constantFrom(...type.literal);
  if ('enum' in type) return fc.constantFrom(...(PROP_TYPES.enums[type.enum] ?? ['x']));
  if ('oneOf' in type) return fc.oneof(...type.oneOf.map((t) => wellTyped(t, depth)));
  if (depth > 3) return fc.constant(undefined);
  if ('list' in type) return fc.array(fuzzValue(type.list, depth + 1), { maxLength: 3 });
  if ('map' in type) return fc.dictionary(fuzzString, fuzzValue(type.map, depth + 1), { maxKeys: 3 });
  return fuzzStruct(type.struct, depth + 1);
}

/** A struct's props: each field left out, well typed, or wrong. */
export function fuzzStruct(struct: string, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = PROP_TYPES.structs[struct] ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, field] of Object.entries(fields)) model[name] = fuzzValue(field.t, depth);
  const required = Object.entries(fields).filter(([, f]) => !f.o).map(([n]) => n);
  return fc.record(model, { requiredKeys: required.filter(() => true) as never[] }) as fc.Arbitrary<Record<string, unknown>>;
}
