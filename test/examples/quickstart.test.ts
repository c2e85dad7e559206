import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTree } from '../support/files';
import { runTool } from '../support/tools';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'quickstart');


describe('examples/quickstart', () => {
  test('`cdk8s synth` in the example folder writes the same files as running the program directly', () => {
    // GIVEN
    const viaCli = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-qs-cli-'));
    const direct = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-qs-direct-'));
    // WHEN
    const cli = runTool('npx', ['cdk8s', 'synth', '--output', path.join(viaCli, 'dist')], {
      cwd: EXAMPLE, env: { ...process.env, CDKTF_OUTDIR: path.join(viaCli, 'cdktf.out') },
    });
    const program = runTool('npx', ['ts-node', 'main.ts'], {
      cwd: EXAMPLE, env: { ...process.env, CDK8S_OUTDIR: path.join(direct, 'dist'), CDKTF_OUTDIR: path.join(direct, 'cdktf.out') },
    });
    // THEN
    expect(cli.stdout).toMatch(/Synthesizing application/);
    expect(cli.status).toBe(0);
    expect(program.status).toBe(0);
    const cliFiles = readTree(viaCli);
    expect(Object.keys(cliFiles).sort()).toEqual([
      'cdktf.out/manifest.json',
      'cdktf.out/stacks/quickstart-aws/cdk.tf.json',
      'dist/docs/quickstart-runbook.md',
      'dist/opskit.json',
      'dist/quickstart.k8s.yaml',
    ]);
    expect(readTree(direct)).toEqual(cliFiles);
    const tf = JSON.parse(cliFiles['cdktf.out/stacks/quickstart-aws/cdk.tf.json']);
    expect(tf.resource.aws_prometheus_workspace.workspace).toMatchObject({ alias: 'quickstart' });
    expect(cliFiles['dist/quickstart.k8s.yaml']).toMatch(/kind: Deployment/);
  });
});
