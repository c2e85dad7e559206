import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYaml, parseYamlDocuments } from '../../src/core/yaml';
import { runTool } from '../support/tools';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'node-local-dns');
describe('examples/node-local-dns', () => {
  test('synthesizes the Helm release of blue, the manifests of green and the node configuration green\'s IPVS needs', () => {
    // GIVEN
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-nld-'));
    // WHEN
    const run = runTool('npx', ['ts-node', 'main.ts'], {
      cwd: EXAMPLE, env: { ...process.env, CDK8S_OUTDIR: path.join(out, 'dist'), CDKTF_OUTDIR: path.join(out, 'cdktf.out') },
    });
    // THEN
    expect(run.stderr.replace(/npm warn.*\n?/g, '')).toBe('');
    expect(run.status).toBe(0);
    // blue: one delivery path, the Helm release (iptables: no post-renderer, no node change)
    expect(fs.existsSync(path.join(out, 'dist', 'blue.k8s.yaml'))).toBe(false);
    const blueTf = JSON.parse(fs.readFileSync(path.join(out, 'cdktf.out', 'stacks', 'blue-dns', 'cdk.tf.json'), 'utf8'));
    const release = Object.values(blueTf.resource.helm_release)[0] as any;
    const values = parseYaml(release.values[0]);
    expect([values.config.localDns, values.config.dnsServer, values.config.setupIptables]).toEqual(['169.254.20.10', '10.100.0.10', true]);
    expect(values.config.customConfig).toContain('forward . 169.254.169.253');
    expect(release.postrender).toBeUndefined();
    expect(blueTf.resource.aws_launch_template).toBeUndefined();
    // green: the manifests, and the nodes' kubelet pointed at the link-local IP of that NodeLocalDns
    const green = parseYamlDocuments(fs.readFileSync(path.join(out, 'dist', 'green.k8s.yaml'), 'utf8'));
    const args = green.find((o) => o.kind === 'DaemonSet').spec.template.spec.containers[0].args;
    expect(args.slice(0, 2)).toEqual(['-localip', '169.254.20.10']);
    const greenTf = JSON.parse(fs.readFileSync(path.join(out, 'cdktf.out', 'stacks', 'green-nodes', 'cdk.tf.json'), 'utf8'));
    const lt = Object.values(greenTf.resource.aws_launch_template)[0] as any;
    expect(Buffer.from(lt.user_data, 'base64').toString('utf8')).toContain('clusterDNS:\n        - "169.254.20.10"');
    expect(greenTf.resource.helm_release).toBeUndefined();
  });
});
