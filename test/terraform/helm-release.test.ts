import { Testing, TerraformStack } from 'cdktn';
import { HelmProvider, HelmRelease } from '../../src/terraform';

describe('HelmRelease', () => {
  test('emits helm_release with defaults, values and the post-renderer as an object', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    const provider = new HelmProvider(stack, 'helm', { alias: 'prod' });
    new HelmRelease(stack, 'r', {
      name: 'x',
      chart: 'c',
      repository: 'oci://r',
      version: '1.2.3',
      namespace: 'n',
      values: ['a: ${b}\n'],
      postrender: { binaryPath: 'sed', args: ['-e', 's/a/b/'] },
      provider,
    });
    // WHEN
    const json = JSON.parse(Testing.synth(stack, true));
    // THEN
    const { ['//']: _meta, ...release } = json.resource.helm_release.r;
    expect(release).toEqual({
      name: 'x',
      chart: 'c',
      repository: 'oci://r',
      version: '1.2.3',
      namespace: 'n',
      atomic: true,
      wait: true,
      timeout: 600,
      max_history: 5,
      values: ['a: $${b}\n'],
      postrender: { binary_path: 'sed', args: ['-e', 's/a/b/'] },
      provider: 'helm.prod',
    });
  });
});

describe('HelmRelease validation', () => {
  test('fails when the version is a range and the repository plain http, naming the construct path', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new HelmRelease(stack, 'r', {
      name: 'x', chart: 'c', repository: 'http://charts.example.com', version: '~2.9', namespace: 'n', values: [],
    })).toThrow(/2 problems:\n1\) repository must be an https:\/\/ or oci:\/\/ URL[^\n]*\n    at path \[s\/r\]\n2\) version must be an exact chart version \(no range, not latest\), got "~2.9"/);
  });
});
