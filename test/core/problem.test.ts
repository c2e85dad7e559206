import { describeProblem, formatValue, nestProblems, problem } from '../../src/core/problem';

describe('formatValue', () => {
  test.each([
    ['a string is quoted', 'abc', '"abc"'],
    ['a number is shown as is', 42, '42'],
    ['a boolean is shown as is', false, 'false'],
    ['null is shown as null', null, 'null'],
    ['undefined is "nothing"', undefined, 'nothing'],
    ['an object is compact JSON', { a: [1, 2] }, '{"a":[1,2]}'],
  ])('%s', (_name, value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  test('long values are cut to 200 characters', () => {
    expect(formatValue({ s: 'x'.repeat(500) })).toHaveLength(200);
  });
});

describe('describeProblem', () => {
  test.each([
    ['with a value and a rule', problem('objective', 'must be > 0 and < 100', 100, 'use e.g. 99.9', 'slo/objective'),
      'objective must be > 0 and < 100, got 100 — use e.g. 99.9 [slo/objective]'],
    ['without a value', problem('spec.selector', 'is required', undefined, 'set a selector'), 'spec.selector is required — set a selector'],
    ['a plain message of another library', { field: '', expected: 'something failed', fix: '' }, 'something failed'],
  ])('%s', (_name, p, expected) => {
    expect(describeProblem(p)).toBe(expected);
  });
});

describe('nestProblems', () => {
  test('prefixes each field, and stands in for an empty field', () => {
    const nested = nestProblems('spec.forward', [problem('to[0]', 'must be an IP', 'x', 'fix'), problem('', 'is bad', 1, 'fix')]);
    expect(nested.map((p) => p.field)).toEqual(['spec.forward.to[0]', 'spec.forward']);
  });
});
