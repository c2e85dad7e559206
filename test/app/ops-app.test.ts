import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { TerraformOutput } from 'cdktn';
import { Construct } from 'constructs';
import { FileArtifact, OpsApp, OpsErrors, OpsTesting } from '../../src';
import { Artifacts } from '../../src/core/artifact';
import { OpsError } from '../../src/core/ops-error';
import { parseYamlDocuments } from '../../src/core/yaml';
import { readTree, tempDir as makeTempDir } from '../support/files';

const tempDir = () => makeTempDir('opskit-app-');


/** A small program: a namespace-scoped chart with RBAC, a Service and a Deployment, and a Terraform stack. */
function buildProgram(app: OpsApp, opts: { badPort?: boolean } = {}): void {
  const chart = app.chart('platform', { namespace: 'platform' });
  new k8s.KubeDeployment(chart, 'web', {
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27.3', ports: [{ containerPort: opts.badPort ? ('abc' as any) : 8080 }] }] },
      },
    },
  });
  new k8s.KubeService(chart, 'svc', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] } });
  new k8s.KubeClusterRole(chart, 'reader', { metadata: { name: 'platform-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
  new k8s.KubeServiceAccount(chart, 'sa', { metadata: { name: 'web' } });
  new k8s.KubeNamespace(chart, 'ns', { metadata: { name: 'platform' } });
  new FileArtifact(chart, 'runbook', { path: 'docs/runbook.md', content: '# Runbook' });
  const stack = app.stack('aws', { aws: { region: 'eu-west-1', defaultTags: { team: 'platform', app: 'web' } } });
  new TerraformOutput(stack, 'region', { value: 'eu-west-1' });
}

describe('OpsApp', () => {
  test('defaults: outdir from CDK8S_OUTDIR else dist, terraformOutdir from CDKTF_OUTDIR else cdktf.out, validation on', () => {
    // GIVEN
    const saved = { k: process.env.CDK8S_OUTDIR, t: process.env.CDKTF_OUTDIR };
    delete process.env.CDK8S_OUTDIR;
    delete process.env.CDKTF_OUTDIR;
    try {
      // WHEN
      const plain = new OpsApp();
      process.env.CDK8S_OUTDIR = 'out/k8s';
      process.env.CDKTF_OUTDIR = 'out/tf';
      const fromEnv = new OpsApp();
      // THEN
      expect([plain.outdir, plain.terraformOutdir, plain.validate]).toEqual(['dist', 'cdktf.out', true]);
      expect([fromEnv.outdir, fromEnv.terraformOutdir]).toEqual(['out/k8s', 'out/tf']);
    } finally {
      process.env.CDK8S_OUTDIR = saved.k;
      process.env.CDKTF_OUTDIR = saved.t;
      if (saved.k === undefined) delete process.env.CDK8S_OUTDIR;
      if (saved.t === undefined) delete process.env.CDKTF_OUTDIR;
    }
  });

  test('synth writes <chart>.k8s.yaml, cdktn layout, artifacts and opskit.json with sha256 of every file', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    buildProgram(app);
    // WHEN
    const summary = app.synth();
    // THEN
    const dist = readTree(path.join(dir, 'dist'));
    const tf = readTree(path.join(dir, 'cdktf.out'));
    expect(Object.keys(dist).sort()).toEqual(['docs/runbook.md', 'opskit.json', 'platform.k8s.yaml']);
    expect(Object.keys(tf).sort()).toEqual(['manifest.json', 'stacks/aws/cdk.tf.json']);
    const index = JSON.parse(dist['opskit.json']);
    expect(index.opskitVersion).toBe(OpsApp.VERSION);
    for (const f of index.files) {
      const text = f.root === 'outdir' ? dist[f.path] : tf[f.path];
      expect(crypto.createHash('sha256').update(text).digest('hex')).toBe(f.sha256);
    }
    expect(index.files.map((f: any) => `${f.root}:${f.path}`)).toEqual([
      'outdir:docs/runbook.md', 'outdir:platform.k8s.yaml', 'terraformOutdir:manifest.json', 'terraformOutdir:stacks/aws/cdk.tf.json',
    ]);
    expect(summary.objectCounts).toEqual({ ClusterRole: 1, Deployment: 1, Namespace: 1, Service: 1, ServiceAccount: 1 });
    expect(summary.files.map((f) => f.path)).toContain('opskit.json');
  });

  test('objects are ordered for apply and cluster-scoped kinds carry no namespace', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    buildProgram(app);
    // WHEN
    app.synth();
    // THEN
    const docs = parseYamlDocuments(fs.readFileSync(path.join(dir, 'dist', 'platform.k8s.yaml'), 'utf8'));
    expect(docs.map((d) => d.kind)).toEqual(['Namespace', 'ClusterRole', 'ServiceAccount', 'Service', 'Deployment']);
    const byKind = Object.fromEntries(docs.map((d) => [d.kind, d]));
    expect(byKind.Namespace.metadata.namespace).toBeUndefined();
    expect(byKind.ClusterRole.metadata.namespace).toBeUndefined();
    expect(byKind.Deployment.metadata.namespace).toBe('platform');
    expect(byKind.ServiceAccount.metadata.namespace).toBe('platform');
  });

  test('stacks get a relative local backend and the AWS provider settings', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    buildProgram(app);
    // WHEN
    app.synth();
    // THEN
    const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'aws', 'cdk.tf.json'), 'utf8'));
    expect(tf.terraform.backend.local.path).toBe('../../../terraform.aws.tfstate');
    expect(tf.provider.aws).toEqual([{ region: 'eu-west-1', default_tags: [{ tags: { app: 'web', team: 'platform' } }] }]);
    expect(tf.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });

  test('two synths of the same program in different folders give byte-identical files without absolute paths', () => {
    // GIVEN
    const a = tempDir();
    const b = tempDir();
    const build = (dir: string) => {
      const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
      buildProgram(app);
      app.synth();
      return { ...readTree(path.join(dir, 'dist')), ...prefixKeys('tf/', readTree(path.join(dir, 'cdktf.out'))) };
    };
    // WHEN
    const first = build(a);
    const second = build(b);
    // THEN
    expect(second).toEqual(first);
    for (const text of Object.values(first)) {
      expect(text).not.toContain(a);
      expect(text).not.toContain(os.tmpdir());
      expect(text).not.toContain(process.cwd());
    }
  });

  test('fails when an object breaks its schema, naming the construct path and field, and leaves the previous output intact', () => {
    // GIVEN
    const dir = tempDir();
    const good = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    buildProgram(good);
    good.synth();
    const before = readTree(dir);
    const bad = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    buildProgram(bad, { badPort: true });
    new k8s.KubeService(bad.k8s.node.findChild('platform') as Chart, 'noports', { metadata: { name: 'empty' }, spec: { selector: { app: 'web' } } });
    // WHEN
    let error: unknown;
    try {
      bad.synth();
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(OpsError);
    expect(OpsErrors.isOpsError(error)).toBe(true);
    expect(OpsErrors.problemsOf(error)).toHaveLength(2);
    expect(OpsErrors.problemsOf(new Error('x'))).toEqual([]);
    const message = (error as Error).message;
    expect(message).toMatch(/Deployment\/web spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort must be of type integer, got "abc"/);
    expect(message).toMatch(/at path \[platform\/web\]/);
    expect(message).toMatch(/Service\/empty spec\.ports must list at least one port/);
    expect(message).toMatch(/at path \[platform\/noports\]/);
    expect((error as OpsError).problems).toHaveLength(2);
    expect(readTree(dir)).toEqual(before);
  });

  test('a value YAML cannot hold is reported with the schema problems of the same run, at its construct', () => {
    // GIVEN a ConfigMap whose data holds a lone UTF-16 surrogate, and a Service without ports
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    const chart = app.chart('platform');
    new k8s.KubeConfigMap(chart, 'broken', { metadata: { name: 'broken' }, data: { text: 'a\uD800b' } });
    new k8s.KubeService(chart, 'noports', { metadata: { name: 'empty' }, spec: { selector: { app: 'web' } } });
    // WHEN
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    // THEN both, each at its construct, and nothing written
    const problems = OpsErrors.problemsOf(error);
    expect(problems.map((p) => p.path).sort()).toEqual(['platform/broken', 'platform/noports']);
    expect((error as Error).message).toMatch(/data\.text .*surrogate[\s\S]*at path \[platform\/broken\]/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('validate: false turns the schema tier off', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out'), validate: false });
    buildProgram(app, { badPort: true });
    // WHEN / THEN
    expect(() => app.synth()).not.toThrow();
  });

  test('construct validations of both trees are reported together with their paths', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    const chart = app.chart('c');
    const obj = new ApiObject(chart, 'thing', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    obj.node.addValidation({ validate: () => ['first problem'] });
    const stack = app.stack('s');
    stack.node.addValidation({ validate: () => ['second problem'] });
    // WHEN
    const run = () => app.synth();
    // THEN
    expect(run).toThrow(/first problem\n    at path \[c\/thing\]/);
    expect(run).toThrow(/second problem\n    at path \[s\]/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('a program without stacks leaves no Terraform folder', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    new k8s.KubeConfigMap(app.chart('c'), 'cm', { metadata: { name: 'x' }, data: { a: 'b' } });
    // WHEN
    app.synth();
    // THEN
    expect(fs.existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist', 'c.k8s.yaml'))).toBe(true);
  });

  test('fails when two artifacts write the same path, or a path escapes the output folder', () => {
    // GIVEN
    const app = new OpsApp({ outdir: path.join(tempDir(), 'dist') });
    const chart = app.chart('c');
    new FileArtifact(chart, 'a', { path: 'x/readme.md', content: 'a' });
    new FileArtifact(chart, 'b', { path: 'x/readme.md', content: 'b' });
    // a custom artifact: FileArtifact already rejects the path at construction
    const evil = new Construct(chart, 'evil') as any;
    evil.renderFiles = () => [{ path: '../outside.txt', content: 'c' }];
    Artifacts.mark(evil);
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/path must be unique, but c\/a writes the same file, got "x\/readme.md"[^\n]*\n    at path \[c\/b\]/);
    expect(() => app.synth()).toThrow(/path must be a relative path[^\n]*got "..\/outside.txt"[^\n]*\n    at path \[c\/evil\]/);
  });
});

describe('OpsApp atomic writes', () => {
  test('a failure while writing outdir leaves the Terraform folder as it was too (both are staged first)', () => {
    // GIVEN a previous synth, and a file of the user's where the next synth needs a folder
    const dir = tempDir();
    const props = { outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') };
    const first = new OpsApp(props);
    new k8s.KubeConfigMap(first.chart('c'), 'cm', { metadata: { name: 'x' } });
    new TerraformOutput(first.stack('aws'), 'version', { value: 'one' });
    first.synth();
    fs.writeFileSync(path.join(dir, 'dist', 'docs'), 'a file of the user');
    const before = readTree(dir);
    const second = new OpsApp(props);
    new k8s.KubeConfigMap(second.chart('c'), 'cm', { metadata: { name: 'x' } });
    new FileArtifact(second.chart('d'), 'runbook', { path: 'docs/runbook.md', content: '# Runbook' });
    new TerraformOutput(second.stack('aws'), 'version', { value: 'two' });
    // WHEN
    expect(() => second.synth()).toThrow();
    // THEN
    expect(readTree(dir)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out', 'dist']);
  });
});

describe('OpsApp props', () => {
  const withEnv = (vars: Record<string, string | undefined>, run: () => void) => {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    const apply = (v: Record<string, string | undefined>) => Object.entries(v).forEach(([k, x]) => {
      if (x === undefined) delete process.env[k]; else process.env[k] = x;
    });
    apply(vars);
    try {
      run();
    } finally {
      apply(saved);
    }
  };

  test.each([
    ['outdir is empty', { outdir: '', terraformOutdir: 'cdktf.out' }, 'outdir', /outdir must be a non-empty folder path, got "" — use a dedicated folder such as "dist"/],
    ['outdir is the working directory', { outdir: '.', terraformOutdir: 'cdktf.out' }, 'outdir', /outdir must not be the working directory or one of its parents \(synth replaces the whole folder\), got "\."/],
    ['outdir equals terraformOutdir', { outdir: 'out', terraformOutdir: 'out' }, 'terraformOutdir', /terraformOutdir must differ from outdir [^\n]*, got "out" — use separate folders/],
    ['terraformOutdir is inside outdir', { outdir: 'out', terraformOutdir: 'out/tf' }, 'terraformOutdir', /terraformOutdir must not be inside outdir "out"[^\n]*, got "out\/tf"/],
    ['outdir is inside terraformOutdir', { outdir: 'tf/k8s', terraformOutdir: 'tf' }, 'outdir', /outdir must not be inside terraformOutdir "tf"[^\n]*, got "tf\/k8s"/],
    ['validate is not a boolean', { outdir: 'dist', terraformOutdir: 'cdktf.out', validate: 'no' }, 'validate', /validate must be true or false, got "no"/],
  ])('fails when %s, naming the field, the value and the fix', (_name, props, field, message) => {
    // GIVEN / WHEN
    let error: any;
    try {
      new OpsApp(props as any);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(OpsErrors.problemsOf(error).map((p) => [p.field, p.path])).toEqual([[field, '<root>']]);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('\n    at path [<root>]');
  });

  test('fails at synth when outdir is an existing file, and leaves the file as it was', () => {
    // GIVEN
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'dist'), 'not a folder');
    const app = new OpsApp({ outdir: path.join(dir, 'dist') });
    new k8s.KubeConfigMap(app.chart('c'), 'cm', { metadata: { name: 'x' } });
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/^outdir must be a folder, but a file of that name exists, got "[^"]*dist" — remove the file or choose another folder\n    at path \[<root>\]$/);
    expect(fs.readFileSync(path.join(dir, 'dist'), 'utf8')).toBe('not a folder');
  });

  test('fails when CDK8S_OUTDIR is set but empty, naming the variable (an empty folder would replace the working directory)', () => {
    withEnv({ CDK8S_OUTDIR: '', CDKTF_OUTDIR: undefined }, () => {
      expect(() => new OpsApp()).toThrow(/^outdir \(from CDK8S_OUTDIR\) must be a non-empty folder path, got ""/);
    });
  });

  test('fails when CDKTF_OUTDIR points inside the manifests folder', () => {
    withEnv({ CDK8S_OUTDIR: 'dist', CDKTF_OUTDIR: 'dist/terraform' }, () => {
      expect(() => new OpsApp()).toThrow(/^terraformOutdir \(from CDKTF_OUTDIR\) must not be inside outdir \(from CDK8S_OUTDIR\) "dist"/);
    });
  });

  test('an explicit prop wins over the environment and is checked as the prop', () => {
    withEnv({ CDK8S_OUTDIR: '', CDKTF_OUTDIR: undefined }, () => {
      expect(new OpsApp({ outdir: 'out/k8s' }).outdir).toBe('out/k8s');
    });
  });

  test('fails when a chart namespace is not a DNS label, naming the chart path, and the app stays usable', () => {
    // GIVEN
    const app = new OpsApp({ outdir: path.join(tempDir(), 'dist') });
    // WHEN / THEN
    expect(() => app.chart('platform', { namespace: 'Platform_NS' }))
      .toThrow(/^namespace must be a DNS-1123 label [^\n]*, got "Platform_NS" — use a namespace such as "platform"\n    at path \[platform\]$/);
    expect(app.chart('platform', { namespace: 'platform' }).namespace).toBe('platform');
  });
});

describe('OpsApp duplicate objects', () => {
  test('fails when a chart emits the same object twice, naming both construct paths (kubectl apply would silently keep one)', () => {
    // GIVEN
    const app = new OpsApp({ outdir: path.join(tempDir(), 'dist') });
    const chart = app.chart('a', { namespace: 'team' });
    new k8s.KubeConfigMap(chart, 'settings', { metadata: { name: 'settings' } });
    new k8s.KubeConfigMap(chart, 'copy', { metadata: { name: 'settings', namespace: 'team' } });
    // WHEN
    let error: any;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    // THEN
    expect(OpsErrors.problemsOf(error).map((p) => [p.field, p.path])).toEqual([['ConfigMap/settings', 'a/copy']]);
    expect(error.message).toMatch(/ConfigMap\/settings must be emitted once, but a\/settings emits the same ConfigMap \(same group, namespace and name\), got "team\/settings" — rename one/);
  });

  test('the same object is the same group, kind, namespace and name, whatever the version', () => {
    // GIVEN one chart with a Widget in two versions of one group, and Widgets that differ in group, kind or namespace
    const app = new OpsApp({ outdir: path.join(tempDir(), 'dist'), failFast: false });
    const chart = app.chart('a', { namespace: 'team' });
    const widget = (id: string, apiVersion: string, kind = 'Widget', namespace = 'team') =>
      new ApiObject(chart, id, { apiVersion, kind, metadata: { name: 'w', namespace } });
    widget('v1', 'example.com/v1');
    widget('v2', 'example.com/v2');
    widget('other-group', 'other.example.com/v1');
    widget('other-kind', 'example.com/v1', 'Gadget');
    widget('other-namespace', 'example.com/v1', 'Widget', 'elsewhere');
    // WHEN
    let error: any;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    // THEN only the second version repeats the first
    expect(OpsErrors.problemsOf(error).filter((p) => /emitted once/.test(p.expected)).map((p) => [p.field, p.path])).toEqual([['Widget/w', 'a/v2']]);
  });

  test('two charts may emit the same object (each chart file may go to another cluster)', () => {
    // GIVEN
    const app = OpsTesting.app();
    new k8s.KubeConfigMap(app.chart('blue'), 'settings', { metadata: { name: 'settings', namespace: 'team' } });
    new k8s.KubeConfigMap(app.chart('green'), 'settings', { metadata: { name: 'settings', namespace: 'team' } });
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect([out.findObject('blue', 'ConfigMap', 'settings'), out.findObject('green', 'ConfigMap', 'settings')]).toHaveLength(2);
  });

  test('fails when one chart emits a cluster-scoped object twice, even though their chart namespaces differ', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c', { namespace: 'one' });
    new k8s.KubeClusterRole(chart, 'first', { metadata: { name: 'reader' } });
    new k8s.KubeClusterRole(chart, 'second', { metadata: { name: 'reader', namespace: 'two' } });
    // WHEN / THEN
    expect(() => OpsTesting.synth(app)).toThrow(/ClusterRole\/reader must be emitted once, but c\/first emits the same ClusterRole[^\n]*got "reader"[^\n]*\n    at path \[c\/second\]/);
  });

  test('the same name in other namespaces, kinds or API groups is fine', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c');
    new k8s.KubeConfigMap(chart, 'a', { metadata: { name: 'x', namespace: 'one' } });
    new k8s.KubeConfigMap(chart, 'b', { metadata: { name: 'x', namespace: 'two' } });
    new k8s.KubeSecret(chart, 's', { metadata: { name: 'x', namespace: 'one' } });
    new ApiObject(chart, 'custom', { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'one' } });
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.manifests('c')).toHaveLength(4);
  });
});

describe('OpsApp artifact paths', () => {
  const synthError = (build: (app: OpsApp) => void): any => {
    const app = new OpsApp({ outdir: path.join(tempDir(), 'dist') });
    build(app);
    try {
      app.synth();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  test('fails when an artifact differs from a chart file only in letter case (they collide on macOS and Windows)', () => {
    // GIVEN / WHEN
    const error = synthError((app) => {
      const chart = app.chart('platform');
      new k8s.KubeConfigMap(chart, 'cm', { metadata: { name: 'x' } });
      new FileArtifact(chart, 'copy', { path: 'Platform.k8s.yaml', content: 'x' });
    });
    // THEN
    expect(OpsErrors.problemsOf(error).map((p) => [p.field, p.path])).toEqual([['path', 'platform/copy']]);
    expect(error.message).toMatch(/path must be unique, but chart platform writes "platform.k8s.yaml", which differs only in letter case, got "Platform.k8s.yaml"/);
  });

  test('fails when an artifact is written where another artifact needs a folder, and the reverse', () => {
    // GIVEN / WHEN
    const error = synthError((app) => {
      const chart = app.chart('c');
      new FileArtifact(chart, 'file', { path: 'docs', content: 'x' });
      new FileArtifact(chart, 'nested', { path: 'docs/runbook.md', content: 'y' });
      new FileArtifact(chart, 'deep', { path: 'rules/a/b.yaml', content: 'y' });
      new FileArtifact(chart, 'folder', { path: 'rules/a', content: 'x' });
    });
    // THEN
    expect(OpsErrors.problemsOf(error).map((p) => p.path)).toEqual(['c/nested', 'c/folder']);
    expect(error.message).toMatch(/path must not be inside "docs", which c\/file writes as a file, got "docs\/runbook.md"/);
    expect(error.message).toMatch(/path must not name a folder that holds "rules\/a\/b.yaml" of c\/deep, got "rules\/a"/);
  });

  test('fails when a custom artifact renders content that is not a string, before anything is written', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist') });
    const chart = app.chart('c');
    const custom = new Construct(chart, 'custom') as any;
    custom.renderFiles = () => [{ path: 'data.bin', content: Buffer.from('x') }];
    Artifacts.mark(custom);
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/files\["data.bin"\]\.content must be a string, got [^\n]* — return the file's text from renderFiles\(\)\n    at path \[c\/custom\]/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

function prefixKeys(prefix: string, map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [prefix + k, v]));
}

describe('OpsApp output folders', () => {
  test('files opskit did not write survive a new synth; files it wrote before and no longer writes are removed', () => {
    // GIVEN
    const dir = tempDir();
    const props = { outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') };
    const first = new OpsApp(props);
    buildProgram(first);
    first.synth();
    fs.mkdirSync(path.join(dir, 'cdktf.out', 'stacks', 'aws', '.terraform'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdktf.out', 'stacks', 'aws', '.terraform', 'plugin'), 'binary');
    fs.writeFileSync(path.join(dir, 'cdktf.out', 'stacks', 'aws', '.terraform.lock.hcl'), 'lock');
    fs.mkdirSync(path.join(dir, 'dist', 'js'));
    fs.writeFileSync(path.join(dir, 'dist', 'js', 'opskit-0.0.0.tgz'), 'package');
    // WHEN
    const second = new OpsApp(props);
    new k8s.KubeConfigMap(second.chart('other'), 'cm', { metadata: { name: 'x' } });
    second.stack('aws');
    second.synth();
    // THEN
    expect(Object.keys(readTree(path.join(dir, 'dist'))).sort()).toEqual(['js/opskit-0.0.0.tgz', 'opskit.json', 'other.k8s.yaml']);
    expect(Object.keys(readTree(path.join(dir, 'cdktf.out'))).sort()).toEqual([
      'manifest.json', 'stacks/aws/.terraform.lock.hcl', 'stacks/aws/.terraform/plugin', 'stacks/aws/cdk.tf.json',
    ]);
  });
});

describe('OpsApp output folders behind symbolic links', () => {
  test('linked output folders are written through and stay links', () => {
    // GIVEN
    const dir = fs.realpathSync(tempDir());
    fs.mkdirSync(path.join(dir, 'build'));
    fs.symlinkSync(path.join('build', 'manifests'), path.join(dir, 'dist'));
    fs.symlinkSync(path.join('build', 'terraform'), path.join(dir, 'cdktf.out'));
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    buildProgram(app);
    // WHEN
    app.synth();
    // THEN
    expect(fs.lstatSync(path.join(dir, 'dist')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(dir, 'cdktf.out')).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'build')).sort()).toEqual(['manifests', 'terraform']);
    expect(fs.existsSync(path.join(dir, 'dist', 'platform.k8s.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'aws', 'cdk.tf.json'))).toBe(true);
  });

  test('fails when outdir is a link to its own parent folder, and writes nothing', () => {
    // GIVEN
    const dir = fs.realpathSync(tempDir());
    fs.mkdirSync(path.join(dir, 'out'));
    fs.symlinkSync('..', path.join(dir, 'out', 'dist'));
    const app = new OpsApp({ outdir: path.join(dir, 'out', 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    new k8s.KubeConfigMap(app.chart('c'), 'cm', { metadata: { name: 'x' } });
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/^outdir must not be a symbolic link to a folder that contains the link \(.*\/out\/dist -> .*\): synth replaces the whole folder/);
    expect(fs.readdirSync(dir).sort()).toEqual(['out']);
  });

  test('fails when an artifact name is 300 bytes long, naming the artifact, before anything is written', () => {
    // GIVEN
    const dir = tempDir();
    const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out') });
    const chart = app.chart('c');
    // WHEN / THEN (at construction under fail-fast, else at synth)
    expect(() => {
      new FileArtifact(chart, 'long', { path: `docs/${'n'.repeat(300)}.md`, content: 'x' });
      app.synth();
    }).toThrow(/^path must have file and folder names of at most 255 bytes \(most file systems refuse longer ones\), got 303 bytes in, got "docs\/n{300}\.md" — shorten the name\n {4}at path \[c\/long\]$/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
