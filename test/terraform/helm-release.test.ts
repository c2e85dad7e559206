import { Duration } from 'cdk8s';
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

describe('HelmRelease timeout', () => {
  const release = { name: 'x', chart: 'c', repository: 'oci://r', version: '1.2.3', namespace: 'n', values: [] };

  test('is rendered as whole seconds for the provider', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    // WHEN
    new HelmProvider(stack, 'helm');
    new HelmRelease(stack, 'r', { ...release, timeout: Duration.minutes(15) });
    // THEN
    expect(JSON.parse(Testing.synth(stack, true)).resource.helm_release.r.timeout).toBe(900);
  });

  test.each([
    ['it is not whole seconds', Duration.millis(1500), /timeout must be a positive whole number of seconds \(the provider takes seconds\), got "1\.5s" — use e\.g\. Duration\.minutes\(10\)/],
    ['it is zero', Duration.seconds(0), /timeout must be a positive whole number of seconds \(the provider takes seconds\), got "0s"/],
    ['it is a number of seconds (plain JavaScript)', 600, /timeout must be a cdk8s Duration, got 600 — use a cdk8s Duration, e\.g\. Duration\.seconds\(600\) if the number is seconds/],
    ['it is an object that is no Duration', { seconds: 600 }, /timeout must be a cdk8s Duration, got \{"seconds":600\}/],
  ])('fails when %s, naming the construct path', (_name, timeout, message) => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new HelmRelease(stack, 'r', { ...release, timeout: timeout as any })).toThrow(new RegExp(`${message.source}[^]*at path \\[s\\/r\\]`));
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
