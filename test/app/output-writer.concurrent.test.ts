import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/files';
import { bundleProgram, checkOutput, runProgram, startProgram } from '../support/synth-child';

// Issue 9, item 4: synths of different programs into the same folders at once never fail with a raw error and
// never interleave: the folders end as one complete output.
const PROGRAM = path.resolve(__dirname, '..', 'fixtures', 'app', 'commit-crash', 'main.ts');
const USER_FILES: Record<string, string> = { 'cdktf.out/stacks/aws/.terraform.lock.hcl': 'provider "aws" {}' };
const GENERATIONS = ['C', 'D', 'E', 'F', 'G', 'H'];

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

describe('concurrent synths', () => {
  test('six synths of different programs into the same folders all succeed and leave one complete output', async () => {
    // GIVEN a previous output with a file of the user's
    const dir = tempDir('opskit-concurrent-run-');
    expect(runProgram(bundle, dir, { OPSKIT_FIXTURE_GENERATION: 'B' }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'cdktf.out', 'stacks', 'aws', '.terraform.lock.hcl'), USER_FILES['cdktf.out/stacks/aws/.terraform.lock.hcl']);
    const outputs: string[] = [];
    // WHEN they all start at once, twice over
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all(GENERATIONS.map((g) => startProgram(bundle, dir, { OPSKIT_FIXTURE_GENERATION: g })));
      // THEN none fails; the only output is the message of one waiting for another
      expect(runs.map((r) => r.code)).toEqual(GENERATIONS.map(() => 0));
      for (const r of runs) {
        expect(r.stderr.split('\n').filter((l) => l !== '' && !/^opskit: waiting for another synth \(pid \d+ on .+\) to finish writing /.test(l))).toEqual([]);
      }
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
