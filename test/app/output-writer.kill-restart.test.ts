import * as fs from 'fs';
import * as path from 'path';
import { KILL_AT_STEP_ENV, TRACE_STEPS_ENV } from '../../src/app/commit-steps';
import { OpsApp } from '../../src/app/ops-app';
import { recoverOutputs } from '../../src/app/output-writer';
import { build } from '../fixtures/app/commit-crash/main';
import { tempDir } from '../support/files';
import { bundleProgram, checkOutput, runProgram } from '../support/synth-child';

// Issue 9, item 4: a synth killed (SIGKILL) right after any file-system step of its commit leaves folders from
// which the next run recovers one complete output — the old one before the commit was decided, the new one after.
const PROGRAM = path.resolve(__dirname, '..', 'fixtures', 'app', 'commit-crash', 'main.ts');

/** Files of the user's in the output folders, which every synth must keep. */
const USER_FILES: Record<string, string> = {
  'cdktf.out/stacks/aws/.terraform/providers/registry/aws': 'provider binary',
  'cdktf.out/stacks/aws/.terraform.lock.hcl': 'provider "aws" {}',
  'dist/js/opskit-0.0.0.tgz': 'a package',
};

const FOLDERS = [{ field: 'outdir', dir: 'dist' }, { field: 'terraformOutdir', dir: 'cdktf.out' }];

let bundle: string;
let template: string;
let indexA: string;
let indexB: string;
let steps: string[];

beforeAll(() => {
  const work = tempDir('opskit-kill-');
  bundle = bundleProgram(PROGRAM, work);
  // the old output (generation A) with the user's files
  template = path.join(work, 'template');
  fs.mkdirSync(template);
  const first = runProgram(bundle, template, { OPSKIT_FIXTURE_GENERATION: 'A' });
  expect(first.stderr).toBe('');
  for (const [p, content] of Object.entries(USER_FILES)) {
    fs.mkdirSync(path.dirname(path.join(template, p)), { recursive: true });
    fs.writeFileSync(path.join(template, p), content);
  }
  indexA = fs.readFileSync(path.join(template, 'dist', 'opskit.json'), 'utf8');
  // the steps of a commit of generation B over it
  const traced = copyOf(template);
  const run = runProgram(bundle, traced, { OPSKIT_FIXTURE_GENERATION: 'B', [TRACE_STEPS_ENV]: '1' });
  expect(run.status).toBe(0);
  steps = run.stderr.split('\n').filter((l) => l.startsWith('opskit-step ')).map((l) => l.replace(/^opskit-step \d+ /, ''));
  indexB = fs.readFileSync(path.join(traced, 'dist', 'opskit.json'), 'utf8');
}, 300_000);

function copyOf(dir: string): string {
  const copy = tempDir('opskit-kill-run-');
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

/** What must be true after recovery or a synth: one complete output, the user's files, nothing else beside. */
function expectOneCompleteOutput(dir: string): string {
  const { index, wrong } = checkOutput(dir, USER_FILES);
  expect(wrong).toEqual([]);
  expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out', 'dist']);
  return index!;
}

describe('kill and restart', () => {
  test('the synth has the expected file-system steps: locks (for the recovery when the stack is made, then for the commit), prepare journals, staging, the decision, renames, clean-up', () => {
    // THEN
    expect(steps[0]).toMatch(/^acquire lock .*\.cdktf\.out\.opskit-lock$/);
    expect(steps[1]).toMatch(/^acquire lock .*\.dist\.opskit-lock$/);
    expect(steps.filter((s) => /^acquire lock /.test(s))).toHaveLength(4);
    expect(steps.filter((s) => /^prepare /.test(s))).toHaveLength(2);
    expect(steps.filter((s) => /^commit /.test(s))).toHaveLength(1);
    expect(steps.filter((s) => /^rename /.test(s))).toHaveLength(4);
    expect(steps.filter((s) => /^release lock /.test(s))).toHaveLength(4);
    expect(steps.length).toBeGreaterThan(20);
    expect(indexA).not.toEqual(indexB);
  });

  test('killed after each step, recovery leaves the old output before the decision and the new one after; the next synth writes the new one', () => {
    const decision = steps.findIndex((s) => /^commit /.test(s)) + 1; // 1-based step number
    const outcomes: string[] = [];
    for (let step = 1; step <= steps.length; step++) {
      // GIVEN the old output, and a synth of the new one killed right after this step
      const dir = copyOf(template);
      const killed = runProgram(bundle, dir, { OPSKIT_FIXTURE_GENERATION: 'B', [KILL_AT_STEP_ENV]: String(step) });
      expect({ step, signal: killed.signal, stderr: killed.stderr }).toEqual({ step, signal: 'SIGKILL', stderr: '' });
      // WHEN only the recovery runs (as the first thing of any synth)
      recoverOutputs(FOLDERS, { cwd: dir, lockTimeoutMs: 0 });
      // THEN one complete output: the old one until the decision was written, the new one from then on
      const index = expectOneCompleteOutput(dir);
      outcomes.push(`${step} ${steps[step - 1]}: ${index === indexA ? 'old' : index === indexB ? 'new' : 'other'}`);
      expect(index).toBe(step < decision ? indexA : indexB);
      // WHEN the new program synthesizes again
      const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out'), validate: false });
      build(app, 'B');
      app.synth();
      // THEN the new output, complete
      expect(expectOneCompleteOutput(dir)).toBe(indexB);
    }
    expect(outcomes.filter((o) => o.endsWith(': old'))).toHaveLength(decision - 1);
  }, 900_000);

  test('killed after each step, the next synth of the new program (with no separate recovery) writes the new output', () => {
    // only every third step: the recovery inside synth is the same code as above
    for (let step = 1; step <= steps.length; step += 3) {
      // GIVEN
      const dir = copyOf(template);
      const killed = runProgram(bundle, dir, { OPSKIT_FIXTURE_GENERATION: 'B', [KILL_AT_STEP_ENV]: String(step) });
      expect(killed.signal).toBe('SIGKILL');
      // WHEN
      const app = new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out'), validate: false });
      build(app, 'B');
      app.synth();
      // THEN
      expect(expectOneCompleteOutput(dir)).toBe(indexB);
    }
  }, 900_000);
});
