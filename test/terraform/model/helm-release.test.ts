import { helmReleaseResourceProblems } from '../../../src/terraform/model/helm-release';

describe('helmReleaseResourceProblems', () => {
  test('the provider\'s own arguments, when valid, have no problems', () => {
    expect(helmReleaseResourceProblems({ timeout: 600, maxHistory: 0, postrender: { binaryPath: 'sed', args: ['-e', 's/a/b/'] } })).toEqual([]);
  });

  test.each([
    ['a zero timeout', { timeout: 0 }, 'timeout'],
    ['a fractional timeout', { timeout: 1.5 }, 'timeout'],
    ['a negative history', { maxHistory: -1 }, 'maxHistory'],
    ['an empty post-renderer', { postrender: { binaryPath: ' ' } }, 'postrender.binaryPath'],
    ['post-renderer arguments that are not strings', { postrender: { binaryPath: 'sed', args: [1] } }, 'postrender.args'],
  ])('rejects %s', (_name, spec, field) => {
    expect(helmReleaseResourceProblems(spec).map((p) => p.field)).toEqual([field]);
  });
});
