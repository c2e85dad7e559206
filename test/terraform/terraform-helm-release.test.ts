import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { Testing, TerraformStack } from 'cdktn';
import { HelmRelease } from '../../src/helm/release/helm-release';
import { HelmProvider, TerraformHelmRelease } from '../../src/terraform';
import { describeWithTool, runTool } from '../support/tools';

function release(stack: TerraformStack, values: { [key: string]: any } = {}): HelmRelease {
  return new HelmRelease(stack, 'x', { chart: 'c', repository: 'oci://r.example/charts', version: '1.2.3', namespace: 'n', values, valuesFile: false });
}

describe('TerraformHelmRelease', () => {
  test('emits helm_release with the release\'s arguments, defaults, the values as one YAML document and the post-renderer as an object', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    const provider = new HelmProvider(stack, 'helm', { alias: 'prod' });
    // WHEN
    new TerraformHelmRelease(stack, 'r', {
      release: release(stack, { a: '${b}', c: '%{d}', e: 'yes' }),
      postrender: { binaryPath: 'sed', args: ['-e', 's/a/b/'] },
      provider,
    });
    const json = JSON.parse(Testing.synth(stack, true));
    // THEN
    const { ['//']: _meta, ...r } = json.resource.helm_release.r;
    expect(r).toEqual({
      name: 'x',
      chart: 'c',
      repository: 'oci://r.example/charts',
      version: '1.2.3',
      namespace: 'n',
      atomic: true,
      wait: true,
      timeout: 600,
      max_history: 5,
      values: ['a: $${b}\nc: "%%{d}"\ne: "yes"\n'],
      postrender: { binary_path: 'sed', args: ['-e', 's/a/b/'] },
      provider: 'helm.prod',
    });
  });

  test('createNamespace, atomic, maxHistory and timeout; no values document without values', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    new HelmProvider(stack, 'helm');
    // WHEN
    new TerraformHelmRelease(stack, 'r', { release: release(stack), createNamespace: true, atomic: false, maxHistory: 0, timeout: Duration.minutes(15) });
    // THEN
    const r = JSON.parse(Testing.synth(stack, true)).resource.helm_release.r;
    expect([r.create_namespace, r.atomic, r.max_history, r.timeout, r.values]).toEqual([true, false, 0, 900, []]);
  });

  test.each([
    ['the timeout is not whole seconds', { timeout: Duration.millis(1500) }, /timeout must be a positive whole number of seconds \(the provider takes seconds\), got "1\.5s"/],
    ['the timeout is a number (plain JavaScript)', { timeout: 600 }, /timeout must be a cdk8s Duration, got 600/],
    ['maxHistory is negative', { maxHistory: -1 }, /maxHistory must be a whole number ≥ 0/],
    ['the post-renderer is empty', { postrender: { binaryPath: '' } }, /postrender\.binaryPath must be a command/],
  ])('fails when %s, naming the construct path', (_name, change, message) => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new TerraformHelmRelease(stack, 'r', { release: release(stack), ...change } as any)).toThrow(new RegExp(`${message.source}[^]*at path \\[s\\/r\\]`));
  });

  test('fails when the release is not a HelmRelease', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new TerraformHelmRelease(stack, 'r', { release: { releaseName: 'x' } as any })).toThrow(/release must be a HelmRelease instance, got \{"releaseName":"x"\}[^]*at path \[s\/r\]/);
  });
});

describeWithTool('terraform', 'TerraformHelmRelease values, read back by Terraform', () => {
  test('the values document Terraform evaluates is the values file, byte for byte', () => {
    // GIVEN values with text Terraform would otherwise evaluate
    const stack = new TerraformStack(Testing.app(), 's');
    new HelmProvider(stack, 'helm');
    const r = release(stack, { annotations: { a: '${var.x}', b: '%{ if true }y%{ endif }', c: '$${kept}' }, list: ['{{ .Values.x }}'] });
    new TerraformHelmRelease(stack, 'r', { release: r });
    const values = JSON.parse(Testing.synth(stack, true)).resource.helm_release.r.values;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-tf-values-'));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ locals: { values } }));
    // WHEN
    const out = runTool('terraform', ['console'], { cwd: dir, input: 'jsonencode(local.values)\n', env: { ...process.env, TF_IN_AUTOMATION: '1' } });
    // THEN
    expect(out.status).toBe(0);
    expect(JSON.parse(JSON.parse(out.stdout.trim()))).toEqual([r.valuesYaml()]);
  });
});
