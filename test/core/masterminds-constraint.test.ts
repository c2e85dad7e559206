import { parseMastermindsConstraint } from '../../src/core/masterminds-constraint';
import { parseSemVer } from '../../src/core/semver';

function matches(range: string, version: string): boolean {
  const c = parseMastermindsConstraint(range);
  if (c.error !== undefined) throw new Error(c.error);
  return c.matches(parseSemVer(version)!);
}

describe('parseMastermindsConstraint: matching (OLM v1 ranges)', () => {
  // the equivalences operator-controller's API documentation gives for spec.source.catalog.version
  test.each([
    ['1.2.x', '1.2.0', true], ['1.2.x', '1.2.9', true], ['1.2.x', '1.3.0', false],
    ['>= 1.2.x', '1.2.0', true], ['>= 1.2.x', '7.0.0', true], ['>= 1.2.x', '1.1.9', false],
    ['<= 2.x', '2.9.9', true], ['<= 2.x', '3.0.0', false],
    ['*', '0.0.0', true], ['x', '9.9.9', true],
    ['~1.2.3', '1.2.3', true], ['~1.2.3', '1.2.9', true], ['~1.2.3', '1.3.0', false], ['~1.2.3', '1.2.2', false],
    ['~1', '1.9.0', true], ['~1', '2.0.0', false], ['~2.3', '2.3.9', true], ['~2.3', '2.4.0', false],
    ['^1.2.3', '1.9.9', true], ['^1.2.3', '2.0.0', false], ['^1.2.3', '1.2.2', false],
    ['^0.2.3', '0.2.9', true], ['^0.2.3', '0.3.0', false], ['^0.0.3', '0.0.3', true], ['^0.0.3', '0.0.4', false],
    ['^0.0', '0.0.9', true], ['^0.0', '0.1.0', false], ['^0', '0.9.0', true], ['^0', '1.0.0', false],
    ['>=3.0, <3.6', '3.5.0', true], ['>=3.0, <3.6', '3.6.0', false],
    ['>=1.2.3, <2.0.0 || >3.0.0', '3.0.1', true], ['>=1.2.3, <2.0.0 || >3.0.0', '2.5.0', false],
    ['^0 || ^3 || ^5', '5.1.0', true], ['^0 || ^3 || ^5', '4.0.0', false],
    ['0.6.0', '0.6.0', true], ['0.6.0', '0.6.1', false], ['0.6.0', '0.6.0+build.1', true],
    ['!=1.2.3', '1.2.4', true], ['!=1.2.3', '1.2.3', false],
  ])('%s against %s → %s', (range, version, expected) => {
    expect(matches(range, version)).toBe(expected);
  });

  test.each([
    ['a pre-release is excluded unless the range names one', '>=1.0.0', '1.2.3-alpha.1', false],
    ['a range naming a pre-release admits pre-releases', '>=1.2.3-alpha.0', '1.2.3-alpha.1', true],
    ['pre-releases sort below their release', '<1.2.3-beta', '1.2.3-alpha.1', true],
  ])('%s', (_, range, version, expected) => {
    expect(matches(range, version)).toBe(expected);
  });

  test.each([
    ['a pre-release with a leading zero (the CRD accepts it)', '>=1.2.3-01', '">=1.2.3-01" is not a version'],
    ['a "|" where the CRD allows it', '>=|', '">=|" is not a version'],
    ['a hyphen-less garbage', 'latest', '"latest" is not a constraint'],
  ])('refuses %s', (_, range, error) => {
    expect(parseMastermindsConstraint(range).error).toContain(error);
  });
});

describe('parseMastermindsConstraint: what Helm reads as a dependency version', () => {
  test.each([
    '1.2.3', '^18.1.0', '~18.1', '>=18.0.0, <19.0.0', '>= 1.0.0 < 2.0.0', '1.2.x', '*', '1.0 - 2.0', '^1 || ^2', '1.2.3-rc.1+build.5', '^01.2.3',
  ])('reads %j', (c) => {
    expect(parseMastermindsConstraint(c).error).toBeUndefined();
  });

  // the answers of Masterminds itself (tools/bin/mm-check): `a - b` is `>= a, <= b`, and `<= 2.0` leaves the patch open
  test.each([
    ['1.0 - 2.0', '2.0.0', true], ['1.0 - 2.0', '2.0.1', true], ['1.0 - 2.0', '2.1.0', false], ['1.0 - 2.0', '0.9.9', false],
    ['1.2.3 - 1.4.5', '1.4.5', true], ['1.2.3 - 1.4.5', '1.4.6', false],
  ])('the hyphen range %s against %s → %s', (range, version, expected) => {
    expect(matches(range, version)).toBe(expected);
  });

  test.each<[string, RegExp]>([
    ['', /"" is not a constraint/],
    ['latest', /"latest" is not a constraint/],
    ['1.2.3.4', /is not a constraint/],
    ['1|2', /"1\|2" is not a version/],
    ['1.2.3-01', /is not a version/],
    ['99999999999999999999.0.0', /is not a version/],
    ['^1.2.0 ||', /"" is not a constraint/],
    [`${'1.0.0 || '.repeat(32)}1.0.0`, /more than 32 groups/],
    ['>=1.0.0 '.repeat(70), /longer than 512 characters/],
  ])('refuses %j', (c, message) => {
    expect(parseMastermindsConstraint(c).error).toMatch(message);
  });
});
