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

/**
 * Stands for "the construct the baseline gives this field" (an `Operator`, a CRD, a chart, …): a generated value
 * cannot hold a construct of the run's app, so the run puts the baseline's value in its place (`withDependencies`).
 */
export const DEPENDENCY = Symbol('fuzz-dependency');

/** Kubernetes name-like text: valid names and every way to get one wrong. */
const NAMES = ['web', 'a', 'checkout-api', 'x.y', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(254), 'Web', 'a_b', '-a', 'a-', 'a: b', 'a b', '',
  '1abc', 'a..b', '😀', 'a\u2028b'];
const LABEL_KEYS = ['app', 'app.kubernetes.io/name', 'team', 'example.com/tier', 'a b', 'x/', '/x', 'a/b/c', 'a'.repeat(64), 'Éq', '${var.x}',
  'kubernetes.io/x', 'a:b'];
const LABEL_VALUES = ['v', '', 'with space', 'a'.repeat(63), 'a'.repeat(64), '-a', 'a.b_c-d', 'a: b', '{{ x }}', '\u2028', 'on', '0777'];

/** `ApiObjectMetadata` as a user might write it: valid fields, bad names, labels, annotations and unknown keys. */
export const fuzzMetadata: fc.Arbitrary<Record<string, unknown>> = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fuzzString),
  namespace: fc.oneof(fc.constantFrom('default', 'team-a', 'Bad_NS', 'a b', 'a'.repeat(64)), fuzzString),
  labels: fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.oneof(fc.constantFrom(...LABEL_VALUES), fuzzString), { maxKeys: 2 }),
  annotations: fc.dictionary(fc.oneof(fc.constantFrom(...LABEL_KEYS), fuzzString), fuzzString, { maxKeys: 2 }),
  finalizers: fc.array(fc.constantFrom('example.com/cleanup', 'bad finalizer', 'kubernetes'), { maxLength: 1 }),
  uid: fc.constant('0000'),
  labelz: fc.constant({ a: 'b' }),
  generateName: fc.constantFrom('web-', 'Bad_'),
}, { requiredKeys: [] });

/** Values of a declared type (field name `field` picks a realistic generator where one exists), now and then a wrong value. */
export function fuzzValue(type: PropType, depth = 0, field?: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: wellTyped(type, depth, field) },
    { weight: 1, arbitrary: wrongValue },
  );
}

/** Values of a declared type at this level (deeper levels are now and then wrong, as with `fuzzValue`). */
export function wellTyped(type: PropType, depth: number, field?: string): fc.Arbitrary<unknown> {
  if (field === 'metadata') return fuzzMetadata;
  if (typeof type === 'object' && ('instance' in type || 'iface' in type)) {
    // a class instance or an interface implementation: the baseline's (a construct of the run's app), or a look-alike
    return fc.oneof({ weight: 3, arbitrary: fc.constant(DEPENDENCY) }, { weight: 1, arbitrary: fc.constantFrom({}, { node: {} }, 'x') });
  }
  if (typeof type === 'object' && 'list' in type && typeof type.list === 'object' && ('instance' in type.list || 'iface' in type.list)) {
    return fc.oneof({ weight: 3, arbitrary: fc.constant(DEPENDENCY) }, { weight: 1, arbitrary: fc.array(fc.constantFrom({}, 'x'), { maxLength: 1 }) });
  }
  if (typeof type === 'string') {
    switch (type) {
      case 'object': return fc.oneof({ weight: 3, arbitrary: fc.constant(DEPENDENCY) }, { weight: 1, arbitrary: fc.constant({}) });
      case 'string': return fuzzString;
      case 'number': return fuzzNumber;
      case 'integer': return fuzzNumber;
      case 'boolean': return fc.boolean();
      case 'function': return fc.constant(() => undefined);
      case 'duration': return fuzzDuration;
      default: return fc.oneof(fuzzString, fuzzNumber, fc.boolean(), fc.dictionary(fuzzString, fuzzString, { maxKeys: 2 }));
    }
  }
  if ('literal' in type) return fc.constantFrom(...type.literal);
  if ('enum' in type) return fc.constantFrom(...(PROP_TYPES.enums[type.enum] ?? ['x']));
  if ('oneOf' in type) return fc.oneof(...type.oneOf.map((t) => wellTyped(t, depth, field)));
  if (depth > 3) return fc.constant(undefined);
  if ('list' in type) return fc.array(fuzzValue(type.list, depth + 1), { maxLength: 3 });
  if ('map' in type) return fc.dictionary(fuzzString, fuzzValue(type.map, depth + 1), { maxKeys: 3 });
  return fuzzStruct(type.struct, depth + 1);
}

/** A struct's props: each field left out, well typed, or wrong. */
export function fuzzStruct(struct: string, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = PROP_TYPES.structs[struct] ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, field] of Object.entries(fields)) model[name] = fuzzValue(field.t, depth, name);
  const required = Object.entries(fields).filter(([, f]) => !f.o).map(([n]) => n);
  return fc.record(model, { requiredKeys: required.filter(() => true) as never[] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A place in a baseline's props where a mutation can put a value: its path and declared type. */
export interface Slot {
  readonly path: readonly (string | number)[];
  readonly type: PropType;
  readonly field?: string;
}

/** Every place of a valid props value a mutation can change: each declared field (set or not), list element and map entry. */
export function slotsOf(type: PropType, value: unknown, path: readonly (string | number)[] = [], out: Slot[] = []): Slot[] {
  if (typeof type === 'string' || path.length > 8) return out;
  if ('struct' in type && isPlain(value)) {
    for (const [name, spec] of Object.entries(PROP_TYPES.structs[type.struct] ?? {})) {
      out.push({ path: [...path, name], type: spec.t, field: name });
      slotsOf(spec.t, value[name], [...path, name], out);
    }
  } else if ('list' in type && Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ path: [...path, i], type: type.list });
      slotsOf(type.list, v, [...path, i], out);
    });
  } else if ('map' in type && isPlain(value)) {
    for (const key of Object.keys(value)) {
      out.push({ path: [...path, key], type: type.map });
      slotsOf(type.map, value[key], [...path, key], out);
    }
    out.push({ path: [...path, 'fuzz/key'], type: type.map });
  }
  return out;
}

/** A change of a baseline: the value to put at a path. */
export interface Mutation {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

/** One to three mutations of a baseline with these slots: well-typed values of the slot's type, and wrong ones. */
export function fuzzMutations(slots: readonly Slot[]): fc.Arbitrary<Mutation[]> {
  const one = fc.constantFrom(...slots).chain((s) => fc.oneof(
    { weight: 3, arbitrary: fuzzValue(s.type, 1, s.field) },
    { weight: 1, arbitrary: wrongValue },
  ).map((value) => ({ path: s.path, value })));
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** One mutation of a baseline with a value of the slot's declared type: the valid neighbourhood of the baseline. */
export function fuzzGentleMutation(slots: readonly Slot[]): fc.Arbitrary<Mutation[]> {
  return fc.constantFrom(...slots).chain((s) => wellTyped(s.type, 1, s.field).map((value) => [{ path: s.path, value }]));
}

/** The baseline with the mutations applied (copies along each path: the baseline itself is never changed). */
export function applyMutations(baseline: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  let out: unknown = baseline;
  for (const m of mutations) out = setAt(out, m.path, m.value);
  return out as Record<string, unknown>;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  if (isPlain(root)) return { ...root, [head]: setAt(root[head], rest, value) };
  return root; // an earlier mutation replaced a parent: this one no longer applies
}

/** Replaces each `DEPENDENCY` by the baseline's value at the same place (`undefined` when the baseline has none). */
export function withDependencies(value: unknown, baseline: unknown): unknown {
  if (value === DEPENDENCY) return baseline;
  if (Array.isArray(value)) return value.map((v, i) => withDependencies(v, Array.isArray(baseline) ? baseline[i] : undefined));
  if (isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withDependencies(v, isPlain(baseline) ? baseline[k] : undefined);
    return out;
  }
  return value;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
