import { S3Backend, TerraformOutput } from 'cdktn';
import { OpsErrors, OpsTesting } from '../../src';

describe('OpsStack', () => {
  test('defaults: a local backend with a relative state path beside the Terraform folder, no provider', () => {
    const app = OpsTesting.app();
    new TerraformOutput(app.stack('net'), 'o', { value: 1 });
    const tf = OpsTesting.synth(app).terraform('net');
    expect(tf.terraform.backend).toEqual({ local: { path: '../../../terraform.net.tfstate' } });
    expect(tf.provider).toBeUndefined();
  });

  test('localStatePath overrides the state path', () => {
    const app = OpsTesting.app();
    const stack = app.stack('net', { localStatePath: 'state/net.tfstate' });
    new TerraformOutput(stack, 'o', { value: 1 });
    expect(stack.localStatePath).toBe('state/net.tfstate');
    expect(OpsTesting.synth(app).terraform('net').terraform.backend.local.path).toBe('state/net.tfstate');
  });

  test('a backend the stack declares itself is kept', () => {
    const app = OpsTesting.app();
    const stack = app.stack('net');
    new S3Backend(stack, { bucket: 'state', key: 'net.tfstate', region: 'eu-west-1' });
    new TerraformOutput(stack, 'o', { value: 1 });
    const tf = OpsTesting.synth(app).terraform('net');
    expect(Object.keys(tf.terraform.backend)).toEqual(['s3']);
  });

  test('AWS provider settings: region, profile and sorted default tags', () => {
    const app = OpsTesting.app();
    new TerraformOutput(app.stack('aws', { aws: { region: 'us-east-1', profile: 'ops', defaultTags: { z: '1', a: '2' } } }), 'o', { value: 1 });
    const tf = OpsTesting.synth(app).terraform('aws');
    expect(tf.provider.aws).toEqual([{ region: 'us-east-1', profile: 'ops', default_tags: [{ tags: { a: '2', z: '1' } }] }]);
    expect(Object.keys(tf.provider.aws[0].default_tags[0].tags)).toEqual(['a', 'z']);
  });

  test.each([
    ['the id escapes the stacks folder', '..', {}, 'id'],
    ['the id is a Windows path', 'a\\b', {}, 'id'],
    ['the region is an availability zone', 'aws', { aws: { region: 'eu-west-1a' } }, 'aws.region'],
    ['the region is upper case', 'aws', { aws: { region: 'EU-WEST-1' } }, 'aws.region'],
    ['a default tag key is reserved by AWS', 'aws', { aws: { region: 'eu-west-1', defaultTags: { 'aws:team': 'x' } } }, 'aws.defaultTags["aws:team"]'],
    ['the local state path is absolute', 'net', { localStatePath: '/var/lib/terraform.tfstate' }, 'localStatePath'],
  ])('fails when %s, naming the field and the stack path', (_name, id, props, field) => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    let error: any;
    try {
      app.stack(id, props as any);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(OpsErrors.problemsOf(error).map((p) => [p.field, p.path])).toEqual([[field, id]]);
    expect(error.message).toMatch(new RegExp(`^${field.replace(/[[\]\\."]/g, '\\$&')} [^\\n]*must `));
    expect(error.message).toContain(`\n    at path [${id}]`);
  });

  test('fails when two stacks differ only in letter case, and the app stays usable', () => {
    // GIVEN
    const app = OpsTesting.app();
    new TerraformOutput(app.stack('aws'), 'o', { value: 1 });
    // WHEN / THEN
    expect(() => app.stack('AWS')).toThrow(/id must differ from the stack "aws" in more than letter case[^\n]*got "AWS"[^\n]*\n    at path \[AWS\]/);
    expect(OpsTesting.synth(app).terraformFileNames).toEqual(['manifest.json', 'stacks/aws/cdk.tf.json']);
  });
});
