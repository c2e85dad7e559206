import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommitPhase, writeJournal } from '../../src/app/commit-journal';
import { OutputLocks } from '../../src/app/output-lock';
import { commitOutputs, FolderWrite, recoverOutputs, replaceFolderAtomically } from '../../src/app/output-writer';
import { OpsError } from '../../src/core/ops-error';
import { readTree } from '../support/files';

function dir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-writer-'));
}

describe('replaceFolderAtomically', () => {
  test('creates the folder with the files, sorted paths, nested folders', () => {
    const target = path.join(dir(), 'out', 'dist');
    replaceFolderAtomically(target, new Map<string, string | Buffer>([['b/c.txt', 'c'], ['a.txt', Buffer.from('a')]]));
    expect(fs.readFileSync(path.join(target, 'a.txt'), 'utf8')).toBe('a');
    expect(fs.readFileSync(path.join(target, 'b', 'c.txt'), 'utf8')).toBe('c');
  });

  test('replaces previous files and keeps only the foreign ones it is told to keep', () => {
    const target = path.join(dir(), 'dist');
    replaceFolderAtomically(target, new Map([['old.yaml', 'old'], ['keep/me.txt', 'mine']]));
    replaceFolderAtomically(target, new Map([['new.yaml', 'new']]), (rel) => rel.startsWith('keep/'));
    expect(fs.readdirSync(target).sort()).toEqual(['keep', 'new.yaml']);
    expect(fs.readFileSync(path.join(target, 'keep', 'me.txt'), 'utf8')).toBe('mine');
  });

  test('a failure while writing leaves the previous folder exactly as it was and no staging folder behind', () => {
    // GIVEN
    const parent = dir();
    const target = path.join(parent, 'dist');
    replaceFolderAtomically(target, new Map([['a.txt', 'previous']]));
    // WHEN a file path collides with a folder of another file
    expect(() => replaceFolderAtomically(target, new Map([['x', 'file'], ['x/y', 'nested']]))).toThrow();
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['dist']);
    expect(fs.readdirSync(target)).toEqual(['a.txt']);
    expect(fs.readFileSync(path.join(target, 'a.txt'), 'utf8')).toBe('previous');
  });
});

describe('permissions', () => {
  test.each([
    [0o022, 0o755, 0o644],
    [0o027, 0o750, 0o640],
  ])('under umask %o the folders are %o and the files %o, as plain cdk8s writes them', (umask, dirMode, fileMode) => {
    // GIVEN
    const target = path.join(dir(), 'dist');
    const saved = process.umask(umask);
    try {
      // WHEN
      replaceFolderAtomically(target, new Map([['a.yaml', 'a'], ['helm/chart/Chart.yaml', 'c']]));
    } finally {
      process.umask(saved);
    }
    // THEN
    const mode = (p: string) => fs.statSync(path.join(target, p)).mode % 0o1000; // the permission bits
    expect(mode('.')).toBe(dirMode);
    expect(mode('helm')).toBe(dirMode);
    expect(mode('helm/chart')).toBe(dirMode);
    expect(mode('a.yaml')).toBe(fileMode);
    expect(mode('helm/chart/Chart.yaml')).toBe(fileMode);
  });
});

// the module object itself: `import * as fs` gives a copy whose properties cannot be spied on
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs: any = require('fs');

function errorOf(run: () => unknown): OpsError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return e as OpsError;
  }
  throw new Error('expected an OpsError');
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Two folders with a previous output, and the user's own file in the Terraform folder. */
function previousOutput(): { parent: string; writes: (tag: string) => FolderWrite[] } {
  const parent = fs.realpathSync(dir());
  const writes = (tag: string): FolderWrite[] => [
    { field: 'outdir', dir: path.join(parent, 'dist'), files: new Map([['app.k8s.yaml', tag], [`${tag}.md`, tag]]) },
    { field: 'terraformOutdir', dir: path.join(parent, 'cdktf.out'), files: new Map([['stacks/aws/cdk.tf.json', tag]]), isForeign: (rel) => rel.includes('.terraform') },
  ];
  commitOutputs(writes('old'));
  fs.writeFileSync(path.join(parent, 'cdktf.out', 'stacks', 'aws', '.terraform.lock.hcl'), 'mine');
  return { parent, writes };
}

const OLD_TREE = { 'dist/app.k8s.yaml': 'old', 'dist/old.md': 'old', 'cdktf.out/stacks/aws/cdk.tf.json': 'old', 'cdktf.out/stacks/aws/.terraform.lock.hcl': 'mine' };
const NEW_TREE = { 'dist/app.k8s.yaml': 'new', 'dist/new.md': 'new', 'cdktf.out/stacks/aws/cdk.tf.json': 'new', 'cdktf.out/stacks/aws/.terraform.lock.hcl': 'mine' };

describe('commitOutputs', () => {
  test('replaces both folders, keeps the user\'s files, and leaves nothing beside them', () => {
    // GIVEN
    const { parent, writes } = previousOutput();
    // WHEN
    commitOutputs(writes('new'));
    // THEN
    expect(readTree(parent)).toEqual(NEW_TREE);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });

  test.each([
    ['ENOSPC', 'openSync', 'writing a file', 'no space is left on the device (ENOSPC)'],
    ['EROFS', 'mkdirSync', 'creating the staging folder', 'the file system is read-only (EROFS)'],
    ['EACCES', 'mkdirSync', 'creating the staging folder', 'permission denied (EACCES)'],
    ['EDQUOT', 'openSync', 'writing a file', 'the disk quota is exceeded (EDQUOT)'],
    ['EIO', 'openSync', 'writing a file', 'an input/output error occurred (EIO)'],
  ])('fails with an OpsError on %s from %s while staging, and leaves the previous output, and nothing else, as it was', (code, call, doing, why) => {
    // GIVEN
    const { parent, writes } = previousOutput();
    const original = nodeFs[call];
    const spy = jest.spyOn(nodeFs, call).mockImplementation((...args: any[]) => {
      if (String(args[0]).includes('.opskit-new-') && (call !== 'openSync' || args[1] === 'w')) throw errno(code);
      return original(...args);
    });
    // WHEN
    let error: OpsError;
    try {
      error = errorOf(() => commitOutputs(writes('new')));
    } finally {
      spy.mockRestore();
    }
    // THEN
    expect(error.problems).toEqual([expect.objectContaining({ field: 'outdir', expected: `could not be written: ${doing} failed, ${why}`, rule: `fs/${code}`, path: '<root>' })]);
    expect(error.problems[0].got).toMatch(/\.dist\.opskit-new-[0-9a-f]{12}/);
    expect(readTree(parent)).toEqual(OLD_TREE);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });

  test('fails with an OpsError when a rename is refused (EBUSY) and puts the previous output back', () => {
    // GIVEN
    const { parent, writes } = previousOutput();
    const original = nodeFs.renameSync;
    const spy = jest.spyOn(nodeFs, 'renameSync').mockImplementation((from: any, to: any) => {
      if (String(from).includes('.cdktf.out.opskit-new-')) throw errno('EBUSY');
      return original(from, to);
    });
    // WHEN
    let error: OpsError;
    try {
      error = errorOf(() => commitOutputs(writes('new')));
    } finally {
      spy.mockRestore();
    }
    // THEN
    expect(error.problems.map((p) => [p.field, p.rule])).toEqual([['terraformOutdir', 'fs/EBUSY']]);
    expect(error.message).toContain('mount the parent folder instead, or set terraformOutdir to a folder inside the mount point');
    expect(readTree(parent)).toEqual(OLD_TREE);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });

  test('fails before writing anything when a file name is 300 bytes long', () => {
    // GIVEN
    const { parent, writes } = previousOutput();
    const [outdir, tf] = writes('new');
    // WHEN
    const error = errorOf(() => commitOutputs([{ ...outdir, files: new Map([[`${'x'.repeat(300)}.k8s.yaml`, 'x']]) }, tf]));
    // THEN
    expect(error.message).toMatch(/^outdir must not receive a file or folder name longer than 255 bytes \(most file systems refuse it\), got 309 bytes in, got "x{300}\.k8s\.yaml" — shorten the chart id, stack id or artifact path that names it/);
    expect(readTree(parent)).toEqual(OLD_TREE);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });

  test('fails when a file of the user\'s stands where the new output needs a folder, naming it', () => {
    // GIVEN
    const { parent, writes } = previousOutput();
    fs.writeFileSync(path.join(parent, 'dist', 'docs'), 'mine');
    const [outdir, tf] = writes('new');
    // WHEN
    const error = errorOf(() => commitOutputs([{ ...outdir, files: new Map([['docs/runbook.md', 'x']]), isForeign: () => true }, tf]));
    // THEN
    expect(error.message).toBe(`outdir must not hold "docs", a file opskit did not write, where the new output needs a folder for "docs/runbook.md", got ${JSON.stringify(path.join(parent, 'dist', 'docs'))} — move or remove that file, then synth again\n    at path [<root>]`);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });

  test('fails with a clear OpsError when another synth holds the folders past the timeout', () => {
    // GIVEN
    const { parent, writes } = previousOutput();
    const held = OutputLocks.acquire([{ lockFile: path.join(parent, '.dist.opskit-lock'), field: 'outdir', folder: path.join(parent, 'dist') }], { timeoutMs: 0 });
    // WHEN
    const error = errorOf(() => commitOutputs(writes('new'), { lockTimeoutMs: 0, onWait: () => undefined }));
    held.release();
    // THEN
    expect(error.message).toMatch(/^outdir is being written by another synth \(pid \d+ on .+\), which still held .*\.dist\.opskit-lock after 0 s/);
    expect(readTree(parent)).toEqual(OLD_TREE);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });
});

describe('symbolic links', () => {
  test('a linked output folder is written through: the files go to its target, the link stays a link', () => {
    // GIVEN
    const parent = fs.realpathSync(dir());
    fs.mkdirSync(path.join(parent, 'build', 'dist'), { recursive: true });
    fs.writeFileSync(path.join(parent, 'build', 'dist', 'old.yaml'), 'old');
    fs.symlinkSync(path.join('build', 'dist'), path.join(parent, 'dist'));
    // WHEN
    replaceFolderAtomically(path.join(parent, 'dist'), new Map([['new.yaml', 'new']]));
    // THEN
    expect(fs.lstatSync(path.join(parent, 'dist')).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(path.join(parent, 'dist'))).toBe(path.join('build', 'dist'));
    expect(readTree(path.join(parent, 'build'))).toEqual({ 'dist/new.yaml': 'new' });
    expect(fs.readdirSync(parent).sort()).toEqual(['build', 'dist']);
  });

  test('a dangling link is followed: its target is created', () => {
    // GIVEN
    const parent = fs.realpathSync(dir());
    fs.symlinkSync(path.join('build', 'dist'), path.join(parent, 'dist'));
    // WHEN
    replaceFolderAtomically(path.join(parent, 'dist'), new Map([['new.yaml', 'new']]));
    // THEN
    expect(fs.lstatSync(path.join(parent, 'dist')).isSymbolicLink()).toBe(true);
    expect(readTree(path.join(parent, 'build'))).toEqual({ 'dist/new.yaml': 'new' });
  });

  test('fails when the output folder is a link to its own parent, and writes nothing', () => {
    // GIVEN
    const parent = fs.realpathSync(dir());
    fs.mkdirSync(path.join(parent, 'out'));
    fs.writeFileSync(path.join(parent, 'out', 'keep.txt'), 'mine');
    fs.symlinkSync('..', path.join(parent, 'out', 'dist'));
    const before = fs.readdirSync(parent).sort();
    // WHEN
    const error = errorOf(() => replaceFolderAtomically(path.join(parent, 'out', 'dist'), new Map([['new.yaml', 'new']])));
    // THEN
    expect(error.problems.map((p) => p.expected)).toEqual([`must not be a symbolic link to a folder that contains the link (${parent}/out/dist -> ${parent}): synth replaces the whole folder`]);
    expect(fs.readdirSync(parent).sort()).toEqual(before);
    expect(fs.readdirSync(path.join(parent, 'out')).sort()).toEqual(['dist', 'keep.txt']);
  });
});

describe('recoverOutputs', () => {
  test('removes staging folders and temporary files that crashed synths left, and nothing else', () => {
    // GIVEN
    const { parent } = previousOutput();
    fs.mkdirSync(path.join(parent, '.dist.opskit-new-0123456789ab', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(parent, '.dist.opskit-journal.json.0123456789ab0.tmp'), '{');
    fs.mkdirSync(path.join(parent, '.cdktf.out.opskit-new-abcdefabcdef'));
    fs.mkdirSync(path.join(parent, '.other.opskit-new-0123456789ab'));
    // WHEN
    recoverOutputs([{ field: 'outdir', dir: path.join(parent, 'dist') }, { field: 'terraformOutdir', dir: path.join(parent, 'cdktf.out') }]);
    // THEN
    expect(fs.readdirSync(parent).sort()).toEqual(['.other.opskit-new-0123456789ab', 'cdktf.out', 'dist']);
    expect(readTree(parent)).toEqual(OLD_TREE);
  });

  test('puts back the previous output the writer before the journal left aside when it was killed between its renames', () => {
    // GIVEN
    const { parent } = previousOutput();
    fs.renameSync(path.join(parent, 'dist'), path.join(parent, '.dist.opskit-new-0123456789ab.old'));
    fs.mkdirSync(path.join(parent, '.dist.opskit-new-0123456789ab'));
    // WHEN
    recoverOutputs([{ field: 'outdir', dir: path.join(parent, 'dist') }]);
    // THEN
    expect(readTree(parent)).toEqual(OLD_TREE);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });

  test('completes a decided commit found beside the Terraform folder alone, locking the other folder too', () => {
    // GIVEN a commit killed after its decision and its first rename
    const { parent } = previousOutput();
    const id = '0123456789ab';
    fs.cpSync(path.join(parent, 'dist'), path.join(parent, `.dist.opskit-new-${id}`), { recursive: true });
    fs.writeFileSync(path.join(parent, `.dist.opskit-new-${id}`, 'app.k8s.yaml'), 'new');
    fs.cpSync(path.join(parent, 'cdktf.out'), path.join(parent, `.cdktf.out.opskit-new-${id}`), { recursive: true });
    fs.writeFileSync(path.join(parent, `.cdktf.out.opskit-new-${id}`, 'stacks', 'aws', 'cdk.tf.json'), 'new');
    const journal = (phase: CommitPhase) => ({ id, phase, folders: [{ field: 'outdir', target: 'dist' }, { field: 'terraformOutdir', target: 'cdktf.out' }] });
    writeJournal(path.join(parent, '.dist.opskit-journal.json'), journal(CommitPhase.COMMIT), 'outdir');
    writeJournal(path.join(parent, '.cdktf.out.opskit-journal.json'), journal(CommitPhase.PREPARE), 'terraformOutdir');
    fs.renameSync(path.join(parent, 'dist'), path.join(parent, `.dist.opskit-old-${id}`));
    // WHEN
    recoverOutputs([{ field: 'terraformOutdir', dir: path.join(parent, 'cdktf.out') }]);
    // THEN
    expect(readTree(parent)).toEqual({ ...OLD_TREE, 'dist/app.k8s.yaml': 'new', 'cdktf.out/stacks/aws/cdk.tf.json': 'new' });
    expect(fs.readdirSync(parent).sort()).toEqual(['cdktf.out', 'dist']);
  });

  test('fails when the journal beside a folder is not one opskit can read, and touches nothing', () => {
    // GIVEN
    const { parent } = previousOutput();
    fs.writeFileSync(path.join(parent, '.dist.opskit-journal.json'), 'garbage');
    // WHEN
    const error = errorOf(() => recoverOutputs([{ field: 'outdir', dir: path.join(parent, 'dist') }]));
    // THEN
    expect(error.message).toBe(`outdir has a commit journal beside it that opskit cannot read, got ${JSON.stringify(path.join(parent, '.dist.opskit-journal.json'))} — `
      + `check that ${path.join(parent, 'dist')} is complete, then remove the journal and synth again\n    at path [<root>]`);
    expect(readTree(parent)).toEqual({ ...OLD_TREE, '.dist.opskit-journal.json': 'garbage' });
  });
});
