import { definedFields } from '../../src/core/defined-fields';

describe('definedFields', () => {
  test('drops undefined fields and keeps the others in order (null, false, 0 and empty values too)', () => {
    expect(Object.entries(definedFields({ b: 1, a: undefined, c: null, d: false, e: 0, f: '', g: [] }))).toEqual([
      ['b', 1], ['c', null], ['d', false], ['e', 0], ['f', ''], ['g', []],
    ]);
  });

  test('a field named __proto__ stays a field', () => {
    const o = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}');
    const out: any = definedFields(o);
    expect(Object.keys(out)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
  });
});
