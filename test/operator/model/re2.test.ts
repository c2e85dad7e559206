import { re2Error, re2Test } from '../../../src/operator/model/re2';

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
