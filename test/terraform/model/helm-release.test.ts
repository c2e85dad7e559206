import { helmReleaseProblems, HelmReleaseSpec } from '../../../src/terraform/model/helm-release';

const VALID: HelmReleaseSpec = {
  name: 'node-local-dns',
  chart: 'node-local-dns',
  repository: 'oci://ghcr.io/deliveryhero/helm-charts',
  version: '2.9.2',
  namespace: 'kube-system',
  values: ['a: 1\n'],
  timeout: 600,
  maxHistory: 5,
  postrender: { binaryPath: 'sed', args: ['-e', 's/a/b/'] },
};

describe('helmReleaseProblems', () => {
  test('a complete, pinned release has no problems', () => {
    expect(helmReleaseProblems(VALID)).toEqual([]);
  });

  test('empty values and Terraform expressions (read at apply) are accepted', () => {
    expect(helmReleaseProblems({ ...VALID, values: ['', '# nothing\n', '${yamlencode(local.values)}'] })).toEqual([]);
  });

  test.each([
    ['an upper-case release name', { name: 'NodeLocalDns' }, 'name', /Helm release name/],
    ['a release name over 53 characters', { name: 'a'.repeat(54) }, 'name', /at most 53/],
    ['an empty chart', { chart: '' }, 'chart', /chart name/],
    ['a plain http repository', { repository: 'http://charts.example.com' }, 'repository', /https:\/\/ or oci:\/\//],
    ['a version range', { version: '^2.9.0' }, 'version', /exact chart version/],
    ['latest', { version: 'latest' }, 'version', /exact chart version/],
    ['a namespace with dots', { namespace: 'kube.system' }, 'namespace', /namespace name/],
    ['values that are not strings', { values: [{ a: 1 }] }, 'values', /YAML documents/],
    ['values that are a list, not a map', { values: ['- a\n- b\n'] }, 'values[0]', /YAML map of values/],
    ['values that are no YAML', { values: ['a: [1\n'] }, 'values[0]', /YAML map of values/],
    ['a zero timeout', { timeout: 0 }, 'timeout', /positive whole number/],
    ['a negative history', { maxHistory: -1 }, 'maxHistory', /≥ 0/],
    ['an empty post-renderer', { postrender: { binaryPath: '' } }, 'postrender.binaryPath', /command/],
  ])('rejects %s', (_name, change, field, expected) => {
    const problems = helmReleaseProblems({ ...VALID, ...change } as HelmReleaseSpec);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(field);
    expect(problems[0].expected).toMatch(expected);
    expect(problems[0].fix.length).toBeGreaterThan(0);
  });
});
