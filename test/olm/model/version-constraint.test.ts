import { parseSemVer } from '../../../src/core/semver';
import { parseVersionConstraint } from '../../../src/olm/model/version-constraint';

function matches(range: string, version: string): boolean {
  const c = parseVersionConstraint(range);
  if (c.error !== undefined) throw new Error(c.error);
  return c.matches(parseSemVer(version)!);
}

describe('parseVersionConstraint (OLM v1, Masterminds/semver)', () => {
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
    ['a pre-release with a leading zero (the CRD accepts it)', '>=1.2.3-01', 'constraint parser error'],
    ['a "|" where the CRD allows it', '>=|', 'constraint parser error'],
    ['a hyphen-less garbage', 'latest', 'improper constraint'],
  ])('refuses %s', (_, range, error) => {
    expect(parseVersionConstraint(range).error).toContain(error);
  });
});
