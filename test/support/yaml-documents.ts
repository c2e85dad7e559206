import * as fc from 'fast-check';
import { cloneJson } from '../../src/operator/model/json-schema';

/**
 * Generated JSON documents for the YAML writer's differential tests, biased toward what YAML readers disagree
 * on: YAML 1.1 specials, numbers in disguise, indicators, line separators, controls, tabs, leading and trailing
 * spaces, multi-line text, odd keys, empty collections and extreme numbers.
 */

/** Texts that some reader resolves to something other than a string, or that break YAML structure. */
export const TRICKY_ATOMS: readonly string[] = [
  // YAML 1.1 / 1.2 booleans, nulls and values
  'y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'tRUE', 'null', 'Null', 'NULL', 'nULL', '~', '=', '<<',
  // numbers in disguise
  '0', '-0', '+0', '0755', '0o17', '0O17', '0x1F', '0X1f', '0b101', '-0b101', '+0x_1F', '1_000', '1__0', '_1',
  '1:20', '190:20:30', '-1:20', '1:20.5', '8080:80', '1e3', '1E3', '1e+3', '1.0e+21', '1e-7', '5.', '.5',
  '-.5', '+1', '-1', '+.5', '1.2.3', '.', '..', '.inf', '-.inf', '+.INF', '.Inf', '.nan', '.NaN', 'NaN',
  'inf', 'Infinity', '0x1p-2', '1_2.3_4', '12e', '3.14', '-3.14e-10', '9223372036854775808',
  '18446744073709551616', '99999999999999999999999',
  // timestamps and dates
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-1-2', '2024-01-01T00:00:00Z',
  '2001-12-14x', '1999-12',
  // indicators and structure
  '-', '--', '---', '--port=8080', '- x', '-x', '...', '....', '?', '? x', '?x', ':', ': x', ':9153', 'x:',
  'a: b', 'a:b', 'a :b', 'http://example.com:8080/x?y=z#f', '#', '#x', 'a #b', 'a#b', '@x', '`x', '%x', '!x',
  '!!str', '&a', '*a', '|', '|-', '>', '>-', '"', '\'', '"x"', '\'x\'', 'a\'b', 'a"b', '{', '}', '[', ']',
  ',', '{a: 1}', '[1, 2]', '{{ $labels.job }}', '{{ $value | humanize }}', 'sum(rate(x{job="a"}[5m])) > 0.5',
  '\\', '\\n', '\\u2028', '%{x}', '${x}', '&&', '||',
  // whitespace
  ' ', '  ', ' x', 'x ', ' x ', '\t', 'x\ty', '\tx', 'x\t', ' \t ',
  // line breaks and separators
  '\n', '\n\n', '\r', '\r\n', 'a\r\nb', '\u2028', '\u2029', '\u0085', 'a\u2028b', 'x\u2029', '\u0085x',
  // invisible and control characters
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F', '\u0080', '\u009F',
  '\u00A0', '\u00AD', '\u200B', '\u200E', '\u3000', '\uFEFF', '\uFFFE', '\uFFFF', '\uFFFD', '\uE000',
  // non-ASCII
  'é', 'ß', 'Ω', '中文', 'עברית', '😀', '👍🏽', '\u{10FFFF}', '\u{1F600}x',
];

const ATOM = fc.constantFrom(...TRICKY_ATOMS);

/** A short run of ordinary characters, so that atoms land inside words as well as alone. */
const WORD = fc.stringMatching(/^[a-z0-9._/-]{1,8}$/);

/** Any printable code point (no lone surrogates: the writer rejects those, tested apart). */
const ANY_CHAR = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 3 }),
);

const PIECE = fc.oneof({ weight: 5, arbitrary: ATOM }, { weight: 3, arbitrary: WORD }, { weight: 2, arbitrary: ANY_CHAR },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n', ': ', ' #', '\t') });

/** One line of tricky text. */
const LINE = fc.oneof(
  { weight: 3, arbitrary: ATOM },
  { weight: 4, arbitrary: fc.array(PIECE, { minLength: 1, maxLength: 4 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: WORD },
);

/** Multi-line text: lines with optional leading spaces, blank lines, and 0–3 trailing newlines. */
const MULTILINE = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom('', '', ' ', '  ', '    ', '\t'), LINE), { minLength: 1, maxLength: 5 }),
  fc.constantFrom('', '\n', '\n\n', '\n\n\n', ' ', '\n '),
  fc.constantFrom('', '', '\n', '\n\n', ' '),
).map(([lines, tail, head]) => head + lines.map(([indent, text]) => indent + text).join('\n') + tail);

/** A string biased toward what YAML readers disagree on. */
export const trickyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: ATOM },
  { weight: 4, arbitrary: LINE },
  { weight: 3, arbitrary: MULTILINE },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: WORD },
);

/** Numbers, including the extremes: huge and tiny magnitudes, integers past 2^53, -0. */
export const trickyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.1, 1e21, 1e-7, 1e20, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -(2 ** 63), 1.7976931348623157e308,
    5e-324, -5e-324, 123456789012345680000, 1.5e-7, 0.000001, 1e300),
  fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((n) => n * 2 ** 33),
);

/** Mapping keys: tricky strings, and now and then a key too long to be an implicit key. */
const KEY = fc.oneof(
  { weight: 10, arbitrary: trickyString },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(1100), `${'é'.repeat(600)}: y`, 'k'.repeat(1024)) },
).filter((k) => k !== '__proto__');

const SCALAR = fc.oneof(
  { weight: 6, arbitrary: trickyString },
  { weight: 2, arbitrary: trickyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A JSON document: nested mappings and sequences (empty ones included) of tricky scalars. */
export const jsonDocument: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, SCALAR, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(KEY, tie('value'), { maxKeys: 5, noNullPrototype: true }),
})).value;

/** Top-level documents as opskit writes them: mostly mappings, sometimes a sequence or a scalar. */
export const yamlDocument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(KEY, jsonDocument, { maxKeys: 6, noNullPrototype: true }) },
  { weight: 2, arbitrary: fc.array(jsonDocument, { maxLength: 4 }) },
  { weight: 1, arbitrary: SCALAR },
);

/** What a reader must give back for a document: its JSON value (`-0` is `0`, as JSON writes it). */
export function jsonModel(doc: unknown): unknown {
  // not JSON.parse(JSON.stringify(doc)): Node 24's JSON.parse misreads some escaped keys (see cloneJson)
  return cloneJson(doc);
}

/** Whether a string has a lone UTF-16 surrogate (documents with one are rejected by the writer, by design). */
export function hasLoneSurrogateDeep(doc: unknown): boolean {
  if (typeof doc === 'string') return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(doc);
  if (Array.isArray(doc)) return doc.some(hasLoneSurrogateDeep);
  if (doc !== null && typeof doc === 'object') return Object.entries(doc).some(([k, v]) => hasLoneSurrogateDeep(k) || hasLoneSurrogateDeep(v));
  return false;
}

/** The first place two JSON values differ, as a path and both values, or `undefined` when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (typeof expected === 'number' && typeof actual === 'number' && expected === actual) return undefined;
  const bothArrays = Array.isArray(expected) && Array.isArray(actual);
  const bothObjects = !Array.isArray(expected) && !Array.isArray(actual) && expected !== null && actual !== null
    && typeof expected === 'object' && typeof actual === 'object';
  if (bothArrays) {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length !== a.length) return `${path}: length ${e.length} expected, got ${a.length} (${JSON.stringify(actual)})`;
    for (let i = 0; i < e.length; i++) {
      const d = firstDifference(e[i], a[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (bothObjects) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const ek = Object.keys(e).sort();
    const ak = Object.keys(a).sort();
    if (JSON.stringify(ek) !== JSON.stringify(ak)) return `${path}: keys ${JSON.stringify(ek)} expected, got ${JSON.stringify(ak)}`;
    for (const k of ek) {
      const d = firstDifference(e[k], a[k], `${path}[${JSON.stringify(k)}]`);
      if (d) return d;
    }
    return undefined;
  }
  return `${path}: ${JSON.stringify(expected)} expected, got ${JSON.stringify(actual)}`;
}
