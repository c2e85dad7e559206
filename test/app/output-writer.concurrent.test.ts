import * as fs from 'fs';
import * as path from 'path';
import { FolderNames } from '../../src/app/commit-journal';
import { OutputLocks } from '../../src/app/output-lock';
import { tempDir } from '../support/files';
import { bundleProgram, checkOutput, runProgram, startProgram } from '../support/synth-child';

// Issue 9, item 4: synths of different programs into the same folders at once never fail with a raw error and
// never interleave: the folders end as one complete output.
const PROGRAM = path.resolve(__dirname, '..', 'fixtures', 'app', 'commit-crash', 'main.ts');
const USER_FILES: Record<string, string> = { 'cdktf.out/stacks/aws/.terraform.lock.hcl': 'provider "aws" {}' };
const GENERATIONS = ['C', 'D', 'E', 'F', 'G', 'H'];
const WAITING = /^opskit: waiting for another synth \(pid \d+ on .+\) to finish writing .+ \(lock .+; waiting up to 120 s, set OPSKIT_LOCK_TIMEOUT to change\)$/;

let bundle: string;

beforeAll(() => {
  bundle = bundleProgram(PROGRAM, tempDir('opskit-concurrent-'));
}, 120_000);

/** The index each generation writes, from a synth of its own. */
function indexOf(generation: string): string {
  const dir = tempDir('opskit-concurrent-alone-');
  const run = runProgram(bundle, dir, { OPSKIT_FIXTURE_GENERATION: generation });
  expect(run.stderr).toBe('');
  return fs.readFileSync(path.join(dir, 'dist', 'opskit.json'), 'utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('concurrent synths', () => {
  test('six synths of different programs into the same folders all succeed and leave one complete output', async () => {
    // GIVEN a previous output with a file of the user's
    const dir = tempDir('opskit-concurrent-run-');
    expect(runProgram(bundle, dir, { OPSKIT_FIXTURE_GENERATION: 'B' }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'cdktf.out', 'stacks', 'aws', '.terraform.lock.hcl'), USER_FILES['cdktf.out/stacks/aws/.terraform.lock.hcl']);
    const outputs: string[] = [];
    for (let round = 0; round < 2; round++) {
      // GIVEN the folders locked (by this process), so every synth has to wait for them
      const locks = OutputLocks.acquire(['dist', 'cdktf.out'].map((base) => ({ lockFile: path.join(dir, FolderNames.lock(base)), field: base, folder: path.join(dir, base) })),
        { timeoutMs: 0 });
      const started = GENERATIONS.map((g) => startProgram(bundle, dir, { OPSKIT_FIXTURE_GENERATION: g }));
      while (!started.every((s) => /waiting for another synth/.test(s.stderr()))) await sleep(50);
      // WHEN the lock is released and all of them go at once
      locks.release();
      const runs = await Promise.all(started.map((s) => s.done));
      // THEN none fails; the only output is a message for each wait
      expect(runs.map((r) => r.code)).toEqual(GENERATIONS.map(() => 0));
      for (const r of runs) expect(r.stderr.split('\n').filter((l) => l !== '' && !WAITING.test(l))).toEqual([]);
      // THEN the folders are exactly one program's output, with the user's file, and nothing beside them
      const { index, wrong } = checkOutput(dir, USER_FILES);
      expect(wrong).toEqual([]);
      outputs.push(index!);
      expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out', 'dist']);
    }
    // THEN each time it is the output of one of the programs, as it writes it alone
    const alone = GENERATIONS.map(indexOf);
    expect(outputs.filter((o) => !alone.includes(o))).toEqual([]);
  }, 600_000);
});
