import { parseYaml, parseYamlDocuments, toYaml, toYamlDocuments } from '../../src/core/yaml';

describe('toYaml', () => {
  test.each([
    ['YAML 1.1 booleans stay strings', { a: 'on', b: 'yes', c: 'off' }, 'a: "on"\nb: "yes"\nc: "off"\n'],
    ['octal-looking strings stay strings', { mode: '0755' }, 'mode: "0755"\n'],
    ['long lines are not folded', { s: 'x '.repeat(100).trim() }, `s: ${'x '.repeat(100).trim()}\n`],
    ['undefined values are dropped', { a: 1, b: undefined }, 'a: 1\n'],
  ])('%s', (_name, doc, expected) => {
    expect(toYaml(doc)).toBe(expected);
  });

  test('round-trips through a YAML 1.1 parser', () => {
    const doc = { a: 'on', n: 1.5, list: ['0755', 'true', ''], multi: 'line one\nline two\n', nested: { k: null } };
    expect(parseYaml(toYaml(doc))).toEqual(doc);
  });
});

describe('toYamlDocuments', () => {
  test('joins documents with --- and ends with one newline', () => {
    const text = toYamlDocuments([{ a: 1 }, { b: 2 }]);
    expect(text).toBe('a: 1\n---\nb: 2\n');
    expect(parseYamlDocuments(text)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  test('no documents is an empty text', () => {
    expect(toYamlDocuments([])).toBe('');
  });

  test('parseYamlDocuments reports syntax errors', () => {
    expect(() => parseYamlDocuments('a: [1,\n')).toThrow();
  });
});

describe('errors', () => {
  test('fails when a document has a lone surrogate, naming each document\'s origin', () => {
    // WHEN / THEN
    expect(() => toYamlDocuments([{ a: 'ok' }, { b: '\uDC00' }], ['chart/first', 'chart/second']))
      .toThrow(/^b must be valid Unicode text[^\n]*\n {4}at path \[chart\/second\]$/);
  });
});
