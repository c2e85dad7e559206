import * as fc from 'fast-check';
import { checkedScalarStyle, doubleQuoted, formatNumber, hasLoneSurrogate, literalBlock, resolvesAsNonString, ScalarStyle, scalarStyle } from '../../src/core/yaml-scalar';

describe('resolvesAsNonString', () => {
  test.each([
    'y', 'N', 'yes', 'No', 'ON', 'off', 'true', 'FALSE', 'null', 'Null', '~', '=', '<<', '.inf', '-.Inf', '.NaN',
    '0755', '0o17', '0x1F', '0b101', '+0x_1F', '1_000', '_1', '-_', '1:20', '190:20:30', '1e3', 'e3', '.5', '5.', '+1',
    '-1', '.', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '99999999999999999999999',
  ])('%j is read as something else by some reader', (s) => {
    expect(resolvesAsNonString(s)).toBe(true);
  });

  test.each(['yeah', 'nope', 'e', 'NaN', 'inf', '1.2.3', '10m', '1d', 'v1', 'x1', 'a-b', '1999-12', 'Infinity'])('%j stays a string for every reader', (s) => {
    expect(resolvesAsNonString(s)).toBe(false);
  });
});

describe('scalarStyle', () => {
  test.each([
    ['a plain name', 'app.kubernetes.io/name', ScalarStyle.PLAIN],
    ['a YAML 1.1 boolean', 'on', ScalarStyle.DOUBLE_QUOTED],
    ['an empty string', '', ScalarStyle.DOUBLE_QUOTED],
    ['a flag', '--port=8080', ScalarStyle.PLAIN],
    ['a port address', ':9153', ScalarStyle.PLAIN],
    ['PromQL with quotes', 'up{job="api"} == 0', ScalarStyle.PLAIN],
    ['a template', '{{ $labels.job }}', ScalarStyle.DOUBLE_QUOTED],
    ['a leading indicator and a double quote', '"quoted"', ScalarStyle.SINGLE_QUOTED],
    ['": " inside', 'a: b', ScalarStyle.DOUBLE_QUOTED],
    ['" #" inside', 'a #b', ScalarStyle.DOUBLE_QUOTED],
    ['a trailing colon', 'a:', ScalarStyle.DOUBLE_QUOTED],
    ['a leading space', ' x', ScalarStyle.DOUBLE_QUOTED],
    ['a tab', 'a\tb', ScalarStyle.DOUBLE_QUOTED],
    ['a document marker', '---x', ScalarStyle.DOUBLE_QUOTED],
    ['multi-line text', 'a\nb\n', ScalarStyle.LITERAL],
    ['multi-line text with U+2028', 'a\u2028b\nc', ScalarStyle.DOUBLE_QUOTED],
    ['multi-line text with NEL', 'a\u0085b\nc', ScalarStyle.DOUBLE_QUOTED],
    ['multi-line text with a carriage return', 'a\r\nb', ScalarStyle.DOUBLE_QUOTED],
    ['multi-line text with a whitespace-only line', 'a\n  \nb', ScalarStyle.DOUBLE_QUOTED],
    ['only newlines', '\n\n', ScalarStyle.DOUBLE_QUOTED],
    ['a byte order mark', '\uFEFFx', ScalarStyle.DOUBLE_QUOTED],
    ['an emoji', 'ok 👍', ScalarStyle.PLAIN],
  ])('%s', (_name, s, style) => {
    expect(scalarStyle(s, true)).toBe(style);
  });

  test('keys never get block scalars', () => {
    expect(scalarStyle('a\nb', false)).toBe(ScalarStyle.DOUBLE_QUOTED);
  });
});

describe('doubleQuoted', () => {
  test.each([
    ['plain text', 'abc', '"abc"'],
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['line breaks and tabs', 'a\nb\tc\rd', '"a\\nb\\tc\\rd"'],
    ['controls', '\u0000\u0007\u007F\u0085\u009F', '"\\0\\x07\\x7F\\x85\\x9F"'],
    ['separators and non-characters', '\u2028\u2029\uFEFF\uFFFE\uFFFF', '"\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF"'],
    ['non-ASCII stays raw', 'é😀', '"é😀"'],
  ])('%s', (_name, s, expected) => {
    expect(doubleQuoted(s)).toBe(expected);
  });
});

describe('literalBlock', () => {
  test.each([
    ['one trailing newline: clip', 'a\nb\n', '|', '  a\n  b\n'],
    ['no trailing newline: strip', 'a\nb', '|-', '  a\n  b\n'],
    ['several trailing newlines: keep', 'a\nb\n\n', '|+', '  a\n  b\n\n'],
    ['a leading space: indentation indicator', ' a\nb', '|2-', '   a\n  b\n'],
    ['a leading empty line: indentation indicator', '\na', '|2-', '\n  a\n'],
    ['a leading tab: indentation indicator', '\ta\nb', '|2-', '  \ta\n  b\n'],
    ['empty lines inside stay empty', 'a\n\nb', '|-', '  a\n\n  b\n'],
  ])('%s', (_name, s, header, body) => {
    expect(literalBlock(s, '  ')).toEqual({ header, body });
  });
});

describe('formatNumber', () => {
  test.each([
    [0, '0'], [-0, '0'], [42, '42'], [-7, '-7'], [0.1, '0.1'], [1.5e-7, '1.5e-7'], [1e-7, '1.0e-7'], [1e21, '1.0e+21'],
    [1e20, '100000000000000000000'], [2 ** 60, '1152921504606846976'], [2 ** 64, '18446744073709551616'],
    [Infinity, '.inf'], [-Infinity, '-.inf'], [NaN, '.nan'],
  ])('%p is written %s', (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });
});

describe('hasLoneSurrogate', () => {
  test.each([
    ['a high surrogate alone', 'x\uD800', true],
    ['a low surrogate alone', '\uDC00x', true],
    ['a pair', '😀', false],
    ['no surrogate', 'abc', false],
  ])('%s', (_name, s, expected) => {
    expect(hasLoneSurrogate(s)).toBe(expected);
  });
});

describe('checkedScalarStyle', () => {
  test('is scalarStyle, or undefined exactly for a string with a lone surrogate', () => {
    const piece = fc.oneof(fc.constantFrom('\uD800', '\uDC00', '😀', 'a', '0', '-', ' ', ':', '\n', 'yes', '/x', '_'), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }), fc.boolean(), (pieces, blockAllowed) => {
      const s = pieces.join('');
      expect(checkedScalarStyle(s, blockAllowed)).toBe(hasLoneSurrogate(s) ? undefined : scalarStyle(s, blockAllowed));
    }), { numRuns: 5000 });
  });
});
