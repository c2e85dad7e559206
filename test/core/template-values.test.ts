import { ApiObject } from 'cdk8s';
import * as fc from 'fast-check';
import { OpsTesting } from '../../src/app/testing';
import { formatValue } from '../../src/core/problem';
import { firstTemplateValueWord, isTemplateValueNumber, TemplateValues, TemplateValueToken } from '../../src/core/template-values';

describe('TemplateValues', () => {
  test('each value gets its own word and number; objects resolve to the defaults unless tokens are kept', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c', { namespace: 'ns' });
    const values = TemplateValues.of(chart);
    const a = values.register({ path: 'a', default: 'A' });
    const b = values.register({ path: 'b', default: 3 });
    const c = values.register({ path: 'c', default: { k: 'v' } });
    const obj = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: `x-${a.word}-${b.word}` }, spec: { n: b.number, o: values.token(c) } });
    // WHEN
    const plain = obj.toJson();
    const kept = values.withTokensKept(() => obj.toJson());
    // THEN
    expect(TemplateValues.of(app.k8s)).toBe(values);
    expect(new Set([a.word, b.word, c.word]).size).toBe(3);
    expect(b.number).not.toBe(c.number);
    expect(plain.data.a).toBe('x-A-3');
    expect(plain.spec).toEqual({ n: 3, o: { k: 'v' } });
    expect(kept.data.a).toBe(`x-${a.word}-${b.word}`);
    expect(kept.spec).toEqual({ n: b.number, o: c.wholeWord });
    expect(values.keepingTokens).toBe(false);
    expect(values.ofWord(c.wholeWord)).toBe(c);
    expect(values.resolveTextDefaults(`${c.word}!`)).toBe('{"k":"v"}!');
    expect(TemplateValueToken.isToken({ ...values.token(c) })).toBe(false);
  });
});

describe('isTemplateValueNumber', () => {
  test('only the stand-ins are template value numbers, and problems name them as such', () => {
    // GIVEN
    const values = TemplateValues.of(OpsTesting.app().k8s);
    const n = values.register({ path: 'n', default: 1 }).number;
    // THEN
    const numbers = [n, 0, -1, 1e300, -1e300, Number.NaN, Number.MIN_VALUE];
    expect(numbers.map(isTemplateValueNumber)).toEqual([true, false, false, false, false, false, false]);
    expect(formatValue(n)).toBe('a HelmValue (construct props are checked with its stand-in number, not its default)');
  });
});

describe('TemplateValueToken', () => {
  test('a JSON copy of a token keeps the value: the manifest has the default, the template writer the word', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c', { namespace: 'ns' });
    const values = TemplateValues.of(chart);
    const flag = values.register({ path: 'flag', default: true });
    const copied = JSON.parse(JSON.stringify({ immutable: values.token(flag) }));
    const obj = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, ...copied });
    // WHEN / THEN
    expect(copied.immutable).toBe(flag.wholeWord);
    expect(obj.toJson().immutable).toBe(true);
    expect(values.withTokensKept(() => obj.toJson()).immutable).toBe(flag.wholeWord);
  });
});

describe('firstTemplateValueWord', () => {
  test.each([
    ['a word', 'level: opskithv12z\n', 'opskithv12z'],
    ['a whole word', 'x: opskithw3z', 'opskithw3z'],
    ['the first of two, after a partial one', 'opskithvz opskithq1z opskithv1 opskithw7z opskithv8z', 'opskithw7z'],
    ['none', 'opskith opskithv opskithv12 plain', undefined],
    ['after multi-byte text', 'ünïcødé 😀opskithv0z', 'opskithv0z'],
  ])('%s', (_, text, word) => {
    expect(firstTemplateValueWord(text)).toBe(word);
    expect(firstTemplateValueWord(Buffer.from(text, 'utf8'))).toBe(word);
  });

  test('finds the same word in a text and in its UTF-8 bytes', () => {
    const piece = fc.constantFrom('opskith', 'v', 'w', 'z', '0', '42', 'x', ' ', 'é', '😀', 'opskithv', 'opskithw1');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const text = pieces.join('');
      expect(firstTemplateValueWord(Buffer.from(text, 'utf8'))).toBe(firstTemplateValueWord(text));
    }), { numRuns: 5000 });
  });
});
