import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYaml, parseYamlDocuments } from '../../src/core/yaml';
import { runTool } from '../support/tools';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'node-local-dns');
describe('examples/node-local-dns', () => {
  test('synthesizes manifests and Terraform JSON with the node configuration and the Helm release', () => {
    // GIVEN
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-nld-'));
    // WHEN
    const run = runTool('npx', ['ts-node', 'main.ts'], {
      cwd: EXAMPLE, env: { ...process.env, CDK8S_OUTDIR: path.join(out, 'dist'), CDKTF_OUTDIR: path.join(out, 'cdktf.out') },
    });
    // THEN
    expect(run.stderr.replace(/npm warn.*\n?/g, '')).toBe('');
    expect(run.status).toBe(0);
    const blue = parseYamlDocuments(fs.readFileSync(path.join(out, 'dist', 'blue.k8s.yaml'), 'utf8'));
    const green = parseYamlDocuments(fs.readFileSync(path.join(out, 'dist', 'green.k8s.yaml'), 'utf8'));
    const args = (objs: any[]) => objs.find((o) => o.kind === 'DaemonSet').spec.template.spec.containers[0].args;
    expect(args(blue).slice(0, 2)).toEqual(['-localip', '169.254.20.10,10.100.0.10']);
    expect(args(green).slice(0, 2)).toEqual(['-localip', '169.254.20.10']);
    const tf = JSON.parse(fs.readFileSync(path.join(out, 'cdktf.out', 'stacks', 'green-dns', 'cdk.tf.json'), 'utf8'));
    const lt = Object.values(tf.resource.aws_launch_template)[0] as any;
    expect(Buffer.from(lt.user_data, 'base64').toString('utf8')).toContain('clusterDNS:\n        - "169.254.20.10"');
    const release = Object.values(tf.resource.helm_release)[0] as any;
    const values = parseYaml(release.values[0]);
    expect(values.config.customConfig).toBe(green.find((o) => o.kind === 'ConfigMap').data.Corefile.replace('health 169.254.20.10:8080', 'health :8080'));
    expect(release.postrender.binary_path).toBe('sed');
    const blueTf = JSON.parse(fs.readFileSync(path.join(out, 'cdktf.out', 'stacks', 'blue-dns', 'cdk.tf.json'), 'utf8'));
    expect(blueTf.resource.aws_launch_template).toBeUndefined();
    expect(Object.values(blueTf.resource.helm_release)).toHaveLength(1);
  });
});
