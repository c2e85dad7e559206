import { S3Backend, TerraformOutput } from 'cdktn';
import { OpsTesting } from '../../src';

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
});
