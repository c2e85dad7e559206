import * as fc from 'fast-check';
import { OpsError } from '../../src/core/ops-error';
import { writeYaml, YAML_DOCUMENT_SEPARATOR, yamlDocumentBytes } from '../../src/core/yaml-writer';

describe('writeYaml', () => {
  test.each([
    ['keys in insertion order, sequences indented under their key',
      { b: 1, a: ['x', 'y'] }, 'b: 1\na:\n  - x\n  - "y"\n'],
    ['nested mappings and sequences of mappings',
      { spec: { containers: [{ name: 'app', ports: [{ containerPort: 80 }] }] } },
      'spec:\n  containers:\n    - name: app\n      ports:\n        - containerPort: 80\n'],
    ['sequences of sequences', [[1, 2], [3]], '- - 1\n  - 2\n- - 3\n'],
    ['empty collections inline', { m: {}, l: [] }, 'm: {}\nl: []\n'],
    ['null, booleans, numbers', { a: null, b: true, c: false, d: 1.5, e: -0 }, 'a: null\nb: true\nc: false\nd: 1.5\ne: 0\n'],
    ['undefined, functions and symbols dropped from mappings', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }, 'd: 1\n'],
    ['undefined in a sequence is null, as in JSON', [undefined, 1], '- null\n- 1\n'],
    ['toJSON honoured', { at: new Date(0) }, 'at: "1970-01-01T00:00:00.000Z"\n'],
    ['a block scalar under a key', { text: 'a\nb\n' }, 'text: |\n  a\n  b\n'],
    ['a block scalar in a sequence', ['a\nb'], '- |-\n  a\n  b\n'],
    ['a block scalar in a mapping in a sequence', [{ k: ' a\nb\n' }], '- k: |2\n     a\n    b\n'],
    ['a multi-line key is double-quoted', { 'a\nb': 1 }, '"a\\nb": 1\n'],
    ['a scalar document', 'on', '"on"\n'],
    ['an empty mapping document', {}, '{}\n'],
    ['a multi-line top-level string is double-quoted', 'a\nb', '"a\\nb"\n'],
  ])('%s', (_name, doc, expected) => {
    // WHEN
    const text = writeYaml(doc, 'test');
    // THEN
    expect(text).toBe(expected);
  });

  test('a key too long for an implicit key is written explicit', () => {
    // GIVEN
    const key = 'k'.repeat(1100);
    // WHEN
    const text = writeYaml({ [key]: { a: 1 } }, 'test');
    // THEN
    expect(text).toBe(`? ${key}\n:\n  a: 1\n`);
  });

  test('fails when a string has a lone surrogate, naming the field and the origin', () => {
    // WHEN
    let error: unknown;
    try {
      writeYaml({ spec: { env: [{ value: 'x\uD800' }] } }, 'chart/deployment');
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(OpsError);
    const [p] = (error as OpsError).problems;
    expect(p.field).toBe('spec.env[0].value');
    expect(p.path).toBe('chart/deployment');
    expect(p.expected).toMatch(/must be valid Unicode text/);
    expect(p.got).toBe('"x\\ud800"');
  });

  test('fails when a document contains itself', () => {
    // GIVEN
    const doc: any = { a: [{}] };
    doc.a[0].back = doc;
    // WHEN / THEN
    expect(() => writeYaml(doc, 'x')).toThrow(/a\[0\]\.back must not contain itself/);
  });

  test('fails on a cycle deeper than the depth collections are checked from, naming its first repeat', () => {
    // GIVEN a chain 80 mappings deep whose last mapping holds the 70th
    const doc: any = {};
    let cur = doc;
    const chain: any[] = [];
    for (let i = 0; i < 80; i++) {
      chain.push(cur);
      cur.n = {};
      cur = cur.n;
    }
    cur.back = chain[70];
    // WHEN / THEN
    expect(() => writeYaml(doc, 'x')).toThrow(new RegExp(`^${'n\\.'.repeat(80)}back must not contain itself`, 'm'));
  });

  test('a deep document without a cycle is written', () => {
    // GIVEN
    const doc: any = {};
    let cur = doc;
    for (let i = 0; i < 100; i++) {
      cur.k = i < 99 ? {} : 'end';
      cur = cur.k;
    }
    // WHEN
    const text = writeYaml(doc, 'x');
    // THEN
    expect(text.split('\n')).toHaveLength(101);
    expect(text).toContain(`${' '.repeat(198)}k: end`);
  });

  test('the same object twice (not a cycle) is written twice', () => {
    // GIVEN
    const shared = { k: 'v' };
    // WHEN / THEN
    expect(writeYaml({ a: shared, b: shared }, 'x')).toBe('a:\n  k: v\nb:\n  k: v\n');
  });
});

describe('yamlDocumentBytes', () => {
  test('is the UTF-8 encoding of the texts joined by the separator', () => {
    // any UTF-16 text, lone surrogates too (each is three bytes, the most a unit takes), and none at all
    const piece = fc.oneof(fc.constantFrom('\uD800', '\uDFFF', '\n', 'é', '€'), fc.string({ unit: 'binary', maxLength: 4 }));
    const text = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));
    fc.assert(fc.property(fc.array(text, { maxLength: 6 }), (texts) => {
      expect(yamlDocumentBytes(texts).equals(Buffer.from(texts.join(YAML_DOCUMENT_SEPARATOR), 'utf8'))).toBe(true);
    }), { numRuns: 2000 });
  });

  test('a large file of documents', () => {
    const texts = Array.from({ length: 3000 }, (_, i) => writeYaml({ metadata: { name: `app-${i}`, note: 'ünïcødé 😀' } }, 'test'));
    const bytes = yamlDocumentBytes(texts);
    expect(bytes.toString('utf8')).toBe(texts.join('---\n'));
    expect(bytes.length).toBe(Buffer.byteLength(texts.join('---\n')));
    // sized exactly: no spare memory held behind the file
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });
});
