import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { Warnings } from '../../src/core/warnings';
import { build } from '../fixtures/app/six-mistakes/main';
import { runTool } from '../support/tools';

// Issue 13's acceptance test: one program with six typical mistakes made at once.
const PROGRAM = path.resolve(__dirname, '..', 'fixtures', 'app', 'six-mistakes');

/** Each expected problem: the construct that made it, the field, and a phrase of its message. */
const EXPECTED = [
  { path: 'platform/backup-plans', field: 'spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.keep.default', text: 'default must be an integer, got "seven"' },
  { path: 'platform/nightly', field: 'spec.keeep', text: 'did you mean "keep"?' },
  { path: 'platform/checkout-availability', field: 'objective', text: 'must be > 0 and <= 100, got 999' },
  { path: 'platform/backup-operator', field: 'image', text: 'must be pinned to a version tag or a digest' },
  { path: 'dns/node-local-dns', field: 'localIp', text: 'must be of the kube-dns IP\'s family (IPv4)' },
];
const WARNINGS = [
  { path: 'platform/checkout-perfect', id: 'opskit:observability/slo-no-error-budget', text: '100 allows no error, so every burn-rate alert fires on the first failed request' },
  { path: 'platform/checkout-monitor', id: 'opskit:observability/selector-matches-nothing', text: 'matches no Service of this app in namespace platform' },
];

/** The environment of a program run by a user: no Jest, no fail-fast, output in a fresh folder. */
function userEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), CDK8S_CHECK_UPGRADE: 'false' };
  delete env.JEST_WORKER_ID;
  delete env.OPSKIT_FAIL_FAST;
  delete env.OPSKIT_DEBUG;
  return env;
}

/** Asserts that output shows each problem exactly once, the warning once, and no stack frame of the program. */
function expectEachOnce(output: string): void {
  for (const p of EXPECTED) {
    expect(output.split(p.text).length - 1).toBe(1);
    expect(output.split(`at path [${p.path}]`).length - 1).toBe(1);
  }
  expect(output).toMatch(/error: 5 problems:\n1\) /);
  for (const w of WARNINGS) expect(output.split(w.text).length - 1).toBe(1);
  expect(output).not.toMatch(/platform\/hourly/);
  // no stack trace: no frame of the program, of opskit or of Node's module loader, no source excerpt
  expect(output).not.toMatch(/^\s+at .*(main\.ts|\/src\/|node:internal|Module\._compile)/m);
  expect(output).not.toMatch(/^\s*\^\s*$/m);
  expect(output).not.toMatch(/problems: \[/);
}

describe('every problem in one run', () => {
  test('in process: five errors and two warnings, each once, each at the construct that made it', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    build(app);
    // WHEN
    let error: unknown;
    try {
      OpsTesting.synth(app);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(OpsError);
    const problems = (error as OpsError).problems;
    expect(problems.map((p) => [p.path, p.field])).toEqual(EXPECTED.map((p) => [p.path, p.field]));
    EXPECTED.forEach((p, i) => expect(error instanceof OpsError && (error.message.split('\n').filter((l) => /^\d+\) /.test(l))[i])).toContain(p.text));
    const warnings = [...Warnings.collect(app.k8s)];
    expect(warnings).toEqual(WARNINGS.map((w) => ({ path: w.path, id: w.id, message: expect.stringContaining(w.text) })));
  });

  test('with fail-fast, the first construct with invalid props throws at once', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: true });
    // WHEN / THEN
    expect(() => build(app)).toThrow(/^objective must be > 0 and <= 100, got 999[^]*at path \[platform\/checkout-availability\]$/);
  });

  test('run as a program with node: printed once, readably, no stack trace, exit code 1', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-six-node-'));
    // WHEN
    const run = runTool('npx', ['ts-node', 'main.ts'], { cwd: PROGRAM, env: { ...userEnv(dir), CDK8S_OUTDIR: path.join(dir, 'dist') } });
    // THEN
    expect(run.status).toBe(1);
    expectEachOnce(run.stderr);
    expect(run.stderr).toMatch(/\(set OPSKIT_DEBUG=1 for the stack trace\)\n$/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('OPSKIT_DEBUG=1 prints the stack trace', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-six-debug-'));
    // WHEN
    const run = runTool('npx', ['ts-node', 'main.ts'], { cwd: PROGRAM, env: { ...userEnv(dir), CDK8S_OUTDIR: path.join(dir, 'dist'), OPSKIT_DEBUG: '1' } });
    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^OpsError: 5 problems:/m);
    expect(run.stderr).toMatch(/^\s+at .*main\.ts/m);
  });

  test('under the real `cdk8s synth`: each problem once, no stack trace of the program', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-six-cdk8s-'));
    // WHEN
    const run = runTool('npx', ['cdk8s', 'synth', '--output', path.join(dir, 'dist')], { cwd: PROGRAM, env: userEnv(dir) });
    // THEN
    expect(run.status).not.toBe(0);
    // cdk8s-cli adds one line of its own saying the program failed (with the CLI's own trace); the program's part
    // is everything before it
    const [program] = run.stderr.split(/^Error: command .* returned a non-zero exit code/m);
    expectEachOnce(program);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
