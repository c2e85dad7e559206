import { compareSemVer, formatSemVer, goTrimSpace, parseSemVer, parseSemVerTolerant } from '../../src/core/semver';

describe('semver (blang/semver v4, as OLM reads versions)', () => {
  test.each<[string, string | undefined]>([
    ['1.2.3', '1.2.3'],
    ['1.2.3-rc.1+build.5', '1.2.3-rc.1+build.5'],
    ['18446744073709551615.0.0', '18446744073709551615.0.0'], // uint64 max
    ['18446744073709551616.0.0', undefined],
    ['1.0.0-18446744073709551616', undefined],
    ['v1.2.3', undefined],
    ['01.2.3', undefined],
    ['1.2', undefined],
    ['1.0.0-01', undefined],
  ])('parseSemVer(%j) → %j', (text, expected) => {
    const v = parseSemVer(text);
    expect(v === undefined ? undefined : formatSemVer(v)).toBe(expected);
  });

  test.each<[string, string | undefined]>([
    ['1.25', '1.25.0'], [' v1.22.3 ', '1.22.3'], ['01.022', '1.22.0'], ['1', '1.0.0'], ['1.2.03-rc.1', '1.2.3-rc.1'],
    ['1.2-rc', undefined], ['1.2.3.4', undefined], ['', undefined], ['latest', undefined],
  ])('parseSemVerTolerant(%j) → %j', (text, expected) => {
    const v = parseSemVerTolerant(text);
    expect(v === undefined ? undefined : formatSemVer(v)).toBe(expected);
  });

  test.each<[string, string, number]>([
    ['1.0.0', '1.0.0+b', 0], ['1.0.0-rc.1', '1.0.0', -1], ['1.0.0-2', '1.0.0-10', -1], ['1.0.0-1', '1.0.0-a', -1],
    ['1.0.0-a', '1.0.0-a.1', -1], ['9007199254740993.0.0', '9007199254740992.0.0', 1], // beyond 2^53, still exact
  ])('compareSemVer(%s, %s) has the sign of %d', (a, b, sign) => {
    expect(Math.sign(compareSemVer(parseSemVer(a)!, parseSemVer(b)!))).toBe(sign);
  });

  test('goTrimSpace trims what Go trims, and keeps U+FEFF as Go does', () => {
    expect(goTrimSpace('\u00a0\t x \u3000')).toBe('x');
    expect(goTrimSpace('\ufeffx')).toBe('\ufeffx');
  });
});
