import { fsCall, fsError, fsProblem } from '../../src/app/fs-errors';
import { OpsError } from '../../src/core/ops-error';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, open '/x'`), { code });
}

const ACTION = { field: 'outdir', doing: 'writing a file', path: '/work/app/.dist.opskit-new-0123456789ab/app.k8s.yaml' };

describe('fsProblem', () => {
  test.each([
    ['EACCES', 'permission denied (EACCES)', 'give your user write permission on "/work/app/.dist.opskit-new-0123456789ab" (e.g. chmod u+w), or choose another outdir'],
    ['EPERM', 'operation not permitted (EPERM)', 'give your user write permission on "/work/app/.dist.opskit-new-0123456789ab" and check it is not immutable (chattr -i), or choose another outdir'],
    ['EROFS', 'the file system is read-only (EROFS)', 'set outdir to a folder on a writable file system, or remount it read-write'],
    ['ENOSPC', 'no space is left on the device (ENOSPC)', 'free space on the device that holds "/work/app/.dist.opskit-new-0123456789ab", or set outdir to a folder on another device'],
    ['EDQUOT', 'the disk quota is exceeded (EDQUOT)', 'free space within your quota, or set outdir to a folder elsewhere'],
    ['ENAMETOOLONG', 'a file name or the whole path is too long (ENAMETOOLONG)', 'shorten the outdir path or the names of the files written into it (at most 255 bytes a name)'],
    ['ENOTDIR', 'a part of the path is a file, not a folder (ENOTDIR)', 'remove or rename the file that stands where a folder is needed, or choose another outdir'],
    ['EISDIR', 'a folder stands where a file is needed (EISDIR)', 'remove or rename that folder, then synth again'],
    ['ELOOP', 'the path has too many symbolic links (a loop) (ELOOP)', 'fix the symbolic links on the path of outdir'],
    ['EBUSY', 'the folder is busy or a mount point (it cannot be renamed) (EBUSY)', 'mount the parent folder instead, or set outdir to a folder inside the mount point'],
    ['EMFILE', 'too many files are open (EMFILE)', 'raise the limit of open files (ulimit -n), then synth again'],
    ['EIO', 'an input/output error occurred (EIO)', 'check the disk that holds "/work/app/.dist.opskit-new-0123456789ab", then synth again'],
    ['ENOENT', 'a file or folder disappeared while opskit was writing (another program removed it) (ENOENT)', 'make sure no other program changes the output folders during synth, then synth again'],
    ['ENOTEMPTY', 'the folder is not empty (another program is writing into it) (ENOTEMPTY)', 'make sure no other program writes into the output folders during synth, then synth again'],
    ['EWHATEVER', 'EWHATEVER: EWHATEVER: something, open \'/x\'', 'check the path and the file system, then synth again'],
  ])('%s names the action, the path, the reason and the fix', (code, why, fix) => {
    // WHEN
    const p = fsProblem(errno(code), ACTION);
    // THEN
    expect(p).toEqual({
      field: 'outdir',
      expected: `could not be written: writing a file failed, ${why}`,
      got: JSON.stringify(ACTION.path),
      fix,
      rule: `fs/${code}`,
    });
  });

  test('the fix names the prop without the environment variable it came from', () => {
    // WHEN
    const p = fsProblem(errno('EROFS'), { ...ACTION, field: 'terraformOutdir (from CDKTF_OUTDIR)' });
    // THEN
    expect(p.field).toBe('terraformOutdir (from CDKTF_OUTDIR)');
    expect(p.fix).toBe('set terraformOutdir to a folder on a writable file system, or remount it read-write');
  });
});

describe('fsCall', () => {
  test('returns what the call returns', () => {
    expect(fsCall(ACTION, () => 42)).toBe(42);
  });

  test('turns a failed call into an OpsError at the root, with a lowercase message without a full stop', () => {
    // WHEN
    let error: unknown;
    try {
      fsCall(ACTION, () => {
        throw errno('ENOSPC');
      });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(OpsError);
    expect((error as OpsError).problems.map((p) => [p.path, p.rule])).toEqual([['<root>', 'fs/ENOSPC']]);
    expect((error as OpsError).message).toBe('outdir could not be written: writing a file failed, no space is left on the device (ENOSPC), '
      + 'got "/work/app/.dist.opskit-new-0123456789ab/app.k8s.yaml" — free space on the device that holds "/work/app/.dist.opskit-new-0123456789ab", '
      + 'or set outdir to a folder on another device [fs/ENOSPC]\n    at path [<root>]');
  });

  test('an OpsError passes through unchanged', () => {
    // GIVEN
    const original = new OpsError([{ field: 'x', expected: 'must be y', fix: 'use y', path: '<root>' }]);
    // THEN
    expect(fsError(original, ACTION)).toBe(original);
  });
});
