import { re2Error, re2Test } from '../../src/core/re2';

describe('re2', () => {
  test.each([
    ['^[a-z]+$', undefined],
    ['(?i)abc', undefined],
    ['\\p{Greek}+', undefined],
    ['^(?!foo)', 'invalid or unsupported Perl syntax'],
    ['(?<=a)b', 'invalid named capture'],
    ['(\\w)\\1', 'invalid escape sequence'],
    ['a{1001}', 'invalid repeat count'],
  ])('re2Error(%j) contains %j', (pattern, error) => {
    const e = re2Error(pattern);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(error);
  });

  test('matches unanchored like JSON Schema', () => {
    expect(re2Test('b', 'abc')).toBe(true);
    expect(re2Test('^b', 'abc')).toBe(false);
  });
});

describe('literal braces as Go reads them (found by the PromQL differential)', () => {
  test.each(['a{?', '{?', 'a{*', 'a{1,2}{+', '\\p{Greek}{?', '[{?]', 'a{,3}?'])('%p compiles, as in Go', (pattern) => {
    expect(re2Error(pattern)).toBeUndefined();
  });

  test('a literal brace still matches itself', () => {
    expect(re2Test('^a{?$', 'a{')).toBe(true);
    expect(re2Test('^a{?$', 'a')).toBe(true);
  });

  test.each(['x{2,1}', 'x{1001}', '\\p{Foo}'])('%p is still rejected', (pattern) => {
    expect(re2Error(pattern)).toBeDefined();
  });
});
