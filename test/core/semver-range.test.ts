import { parseSemVer } from '../../src/core/semver';
import { blangRange, isSemVerRange, parseSemVerRange } from '../../src/core/semver-range';

const v = (s: string) => parseSemVer(s)!;

describe('semver ranges (blang/semver, as OLM reads olm.skipRange)', () => {
  test.each([
    ['<0.2.0', true], ['>=0.1.0 <0.3.1', true], ['>1.0.0 <2.0.0 || >=3.0.0', true], ['1.x', true], ['>=1.2.x', true],
    ['>= 1.0.0', true], ['~1.x', true], ['>=1.0.0 a', true],
    ['', false], ['<0.2', false], ['~1.2.0', false], ['1.X', false], ['1.*', false], ['|| 1.0.0', false], ['1.0.0 ||', false],
    ['1.0.0 || a || 2.0.0', false],
  ])('%j parses: %s', (range, ok) => {
    expect(isSemVerRange(range)).toBe(ok);
  });

  test.each<[string, string, boolean]>([
    ['>=0.1.0 <0.3.1', '0.3.0', true],
    ['>=0.1.0 <0.3.1', '0.3.1', false],
    ['<0.3.1', '0.3.1-rc.1', true],
    ['1.x', '1.9.9', true],
    ['1.x', '2.0.0', false],
    ['<=1.2.x', '1.2.9', true],
    ['<=1.2.x', '1.3.0', false],
    ['1.x.x', '1.1.0', false], // blang expands 1.x.x to >=1.0.0 <1.1.0
    ['~1.x', '1.0.0', true], // an unknown operator on a wildcard is an equality
    ['~1.x', '1.0.1', false],
    ['!=1.x', '1.5.0', false],
    ['>1.0.0 <2.0.0 || >=3.0.0', '2.5.0', false],
    ['18446744073709551615.0.0', '18446744073709551615.0.0', true],
  ])('%j holds for %s: %s', (range, version, holds) => {
    expect(parseSemVerRange(range).range!(v(version))).toBe(holds);
  });

  test('an empty alternative parses in blang but panics once the alternatives before it fail', () => {
    const r = blangRange('1.0.0 || a || 2.0.0');
    expect(r.evaluate!(v('1.0.0'))).toBe(true);
    expect(r.evaluate!(v('2.0.0'))).toBe('panic');
    expect(parseSemVerRange('1.0.0 || a || 2.0.0').error).toMatch(/alternative between two \|\| is empty/);
  });

  test('numbers beyond uint64 are refused', () => {
    expect(isSemVerRange('18446744073709551616.0.0')).toBe(false);
  });
});
