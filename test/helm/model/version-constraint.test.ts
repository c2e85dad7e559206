import { versionConstraintError } from '../../../src/helm/model/version-constraint';

describe('versionConstraintError', () => {
  test.each([
    '1.2.3', '^18.1.0', '~18.1', '>=18.0.0, <19.0.0', '>= 1.0.0 < 2.0.0', '1.2.x', '*', '1.0 - 2.0', '^1 || ^2', '1.2.3-rc.1+build.5', '^01.2.3',
  ])('Helm reads %j', (c) => {
    // THEN
    expect(versionConstraintError(c)).toBeUndefined();
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
  ])('Helm refuses %j', (c, message) => {
    // THEN
    expect(versionConstraintError(c)).toMatch(message);
  });
});
