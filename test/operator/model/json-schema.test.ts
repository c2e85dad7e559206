import { closest, editDistance, jsonEqual, jsonTypeOf } from '../../../src/operator/model/json-schema';

describe('json-schema helpers', () => {
  test.each([
    ['shedule', ['schedule', 'target'], 'schedule'],
    ['Target', ['schedule', 'target'], 'target'],
    ['xyz', ['schedule', 'target'], undefined],
  ])('closest(%j) is %j', (name, candidates, expected) => {
    expect(closest(name, candidates)).toBe(expected);
  });

  test('edit distance and equality', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonTypeOf(1.5)).toBe('number');
    expect(jsonTypeOf(2)).toBe('integer');
  });
});
