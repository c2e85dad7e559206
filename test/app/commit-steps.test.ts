import { spawnSync } from 'child_process';
import * as path from 'path';

// commitStep is the kill-and-restart test's hook (test/app/output-writer.kill-restart.test.ts runs it on a real synth)
const SCRIPT = `
require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(path.resolve(__dirname, '..', '..', 'tsconfig.dev.json'))} });
const { commitStep } = require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'src', 'app', 'commit-steps.ts'))});
commitStep('one'); commitStep('two'); commitStep('three');
process.stdout.write('finished');
`;

function run(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['-e', SCRIPT], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('commitStep', () => {
  test('does nothing without the test variables', () => {
    // WHEN
    const r = run({ OPSKIT_TEST_KILL_AT_STEP: undefined, OPSKIT_TEST_TRACE_STEPS: undefined });
    // THEN
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'finished', '']);
  });

  test('traces each step and kills the process right after the chosen one', () => {
    // WHEN
    const r = run({ OPSKIT_TEST_KILL_AT_STEP: '2', OPSKIT_TEST_TRACE_STEPS: '1' });
    // THEN
    expect([r.signal, r.stdout, r.stderr]).toEqual(['SIGKILL', '', 'opskit-step 1 one\nopskit-step 2 two\n']);
  });
});
