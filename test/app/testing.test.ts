import { PrometheusWorkspace } from '@cdktn/provider-aws/lib/prometheus-workspace';
import { k8s } from 'cdk8s-plus-33';
import { TerraformOutput } from 'cdktn';
import { FileArtifact, OpsTesting } from '../../src';

function program() {
  const app = OpsTesting.app();
  const chart = app.chart('web');
  new k8s.KubeConfigMap(chart, 'a', { metadata: { name: 'a' }, data: { k: 'v' } });
  new k8s.KubeConfigMap(chart, 'b', { metadata: { name: 'b' } });
  new k8s.KubeNamespace(chart, 'ns', { metadata: { name: 'web' } });
  new FileArtifact(chart, 'note', { path: 'notes/a.txt', content: 'hello' });
  const stack = app.stack('aws');
  new TerraformOutput(stack, 'out', { value: 'x' });
  return app;
}

describe('OpsTesting', () => {
  test('the app writes to a temporary folder, not the project', () => {
    const app = OpsTesting.app();
    expect(app.outdir).toMatch(/opskit-test-/);
    expect(app.terraformOutdir).toMatch(/opskit-test-/);
  });

  test('reads back manifests, objects, files and Terraform JSON', () => {
    // WHEN
    const out = OpsTesting.synth(program());
    // THEN
    expect(out.chartIds).toEqual(['web']);
    expect(out.manifests('web').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/web', 'ConfigMap/a', 'ConfigMap/b']);
    expect(out.findObject('web', 'ConfigMap', 'a').data).toEqual({ k: 'v' });
    expect(out.findObjects('web', 'ConfigMap')).toHaveLength(2);
    expect(out.hasObject('web', 'Secret', 'a')).toBe(false);
    expect(out.file('notes/a.txt')).toBe('hello\n');
    expect(out.fileNames).toEqual(['notes/a.txt']);
    expect(out.terraform('aws').output.out.value).toBe('x');
    expect(out.terraformFileNames).toEqual(['manifest.json', 'stacks/aws/cdk.tf.json']);
    expect(out.chartYaml('web')).toMatch(/^apiVersion: v1\nkind: Namespace\n/);
    expect(JSON.parse(out.file('opskit.json')).files).toHaveLength(4);
  });

  test('fileNames lists an artifact whose text equals a chart file (e.g. a bundled copy of the manifests)', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('web');
    new k8s.KubeConfigMap(chart, 'a', { metadata: { name: 'a' } });
    new FileArtifact(chart, 'copy', { path: 'bundle/web.yaml', content: OpsTesting.yaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }]) });
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.file('bundle/web.yaml')).toBe(out.chartYaml('web'));
    expect(out.fileNames).toEqual(['bundle/web.yaml']);
  });

  test('lookups that find nothing say what exists', () => {
    const out = OpsTesting.synth(program());
    expect(() => out.manifests('nope')).toThrow('no chart "nope"; charts: web');
    expect(() => out.findObject('web', 'ConfigMap', 'zzz')).toThrow('no ConfigMap named "zzz" in chart "web"; it has: Namespace/web, ConfigMap/a, ConfigMap/b');
    expect(() => out.terraform('gcp')).toThrow('no stack "gcp"; stacks: aws');
    expect(() => out.file('x')).toThrow(/no file "x"; files: /);
  });

  test('findResource matches a resource by partial properties', () => {
    // GIVEN
    const app = OpsTesting.app();
    const stack = app.stack('s', { aws: { region: 'eu-west-1' } });
    new PrometheusWorkspace(stack, 'one', { alias: 'one', tags: { team: 'a' } });
    new PrometheusWorkspace(stack, 'two', { alias: 'two', tags: { team: 'a' } });
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(Object.keys(out.findResources('s', 'aws_prometheus_workspace'))).toEqual(['one', 'two']);
    expect(out.findResource('s', 'aws_prometheus_workspace', { alias: 'two' }).tags).toEqual({ team: 'a' });
    expect(() => out.findResource('s', 'aws_prometheus_workspace', { tags: { team: 'a' } })).toThrow(/found 2/);
    expect(out.findResources('s', 'aws_sns_topic')).toEqual({});
    expect(out.resource('s', 'aws_prometheus_workspace', 'two').alias).toBe('two');
    expect(() => out.resource('s', 'aws_prometheus_workspace', 'three')).toThrow('no aws_prometheus_workspace.three in stack "s"; aws_prometheus_workspace: one, two');
  });

  test('the snapshot form is stable and contains every output', () => {
    const first = OpsTesting.synth(program()).toSnapshot();
    const second = OpsTesting.synth(program()).toSnapshot();
    expect(second).toBe(first);
    expect(first).toMatch(/^# notes\/a.txt\nhello\n/);
    expect(first).toContain('# web.k8s.yaml\n');
    expect(first).toContain('# terraform: stacks/aws/cdk.tf.json\n');
    expect(first).not.toContain('opskit.json');
  });

  test('yaml() renders objects as opskit writes them', () => {
    expect(OpsTesting.yaml([{ a: 'on' }, { b: 1 }])).toBe('a: "on"\n---\nb: 1\n');
  });
});
