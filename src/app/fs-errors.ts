import * as path from 'path';
import { OpsError } from '../core/ops-error';
import { Problem, problem } from '../core/problem';

/** What opskit was doing when a file-system call failed, for the message. */
export interface FsAction {
  /** The output folder's prop, as named in messages (`outdir`, `terraformOutdir`, or with its environment variable). */
  readonly field: string;
  /** What was being done, as a gerund phrase, e.g. `creating the folder` or `renaming the previous output`. */
  readonly doing: string;
  /** The absolute path the call was made on. */
  readonly path: string;
}

/** Why a file-system call failed, and how to fix it, by error code. */
interface Reason {
  readonly why: string;
  readonly fix: (a: FsAction, folder: string) => string;
}

const REASONS: { [code: string]: Reason } = {
  EACCES: { why: 'permission denied', fix: (a, folder) => `give your user write permission on "${folder}" (e.g. chmod u+w), or choose another ${baseField(a)}` },
  EPERM: { why: 'operation not permitted', fix: (a, folder) => `give your user write permission on "${folder}" and check it is not immutable (chattr -i), or choose another ${baseField(a)}` },
  EROFS: { why: 'the file system is read-only', fix: (a) => `set ${baseField(a)} to a folder on a writable file system, or remount it read-write` },
  ENOSPC: { why: 'no space is left on the device', fix: (a, folder) => `free space on the device that holds "${folder}", or set ${baseField(a)} to a folder on another device` },
  EDQUOT: { why: 'the disk quota is exceeded', fix: (a) => `free space within your quota, or set ${baseField(a)} to a folder elsewhere` },
  ENAMETOOLONG: { why: 'a file name or the whole path is too long', fix: (a) => `shorten the ${baseField(a)} path or the names of the files written into it (at most 255 bytes a name)` },
  ENOTDIR: { why: 'a part of the path is a file, not a folder', fix: (a) => `remove or rename the file that stands where a folder is needed, or choose another ${baseField(a)}` },
  EISDIR: { why: 'a folder stands where a file is needed', fix: () => 'remove or rename that folder, then synth again' },
  ELOOP: { why: 'the path has too many symbolic links (a loop)', fix: (a) => `fix the symbolic links on the path of ${baseField(a)}` },
  EBUSY: { why: 'the folder is busy or a mount point (it cannot be renamed)', fix: (a) => `mount the parent folder instead, or set ${baseField(a)} to a folder inside the mount point` },
  EMFILE: { why: 'too many files are open', fix: () => 'raise the limit of open files (ulimit -n), then synth again' },
  ENFILE: { why: 'too many files are open on the system', fix: () => 'close other programs or raise the system limit of open files, then synth again' },
  EIO: { why: 'an input/output error occurred', fix: (_a, folder) => `check the disk that holds "${folder}", then synth again` },
  EXDEV: { why: 'the rename crosses file systems', fix: (a) => `keep ${baseField(a)} and its parent folder on one file system` },
  ENOENT: { why: 'a file or folder disappeared while opskit was writing (another program removed it)', fix: () => 'make sure no other program changes the output folders during synth, then synth again' },
  ENOTEMPTY: { why: 'the folder is not empty (another program is writing into it)', fix: () => 'make sure no other program writes into the output folders during synth, then synth again' },
  EEXIST: { why: 'a file or folder of that name already exists (another program is writing there)', fix: () => 'make sure no other program writes into the output folders during synth, then synth again' },
};

/** The prop name without the `(from CDK8S_OUTDIR)` note. */
function baseField(a: FsAction): string {
  return a.field.replace(/ \(from .*\)$/, '');
}

/** The error code of a Node.js file-system error, or `undefined` for anything else. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The problem a failed file-system call causes: the output folder's prop, what was being done on which path, why it
 * failed (the error code in words) and how to fix it.
 *
 * @param folder the folder whose permissions or device the fix refers to (by default the path's parent)
 */
export function fsProblem(e: unknown, action: FsAction, folder: string = path.dirname(action.path)): Problem {
  const code = errorCode(e) ?? 'UNKNOWN';
  const reason = REASONS[code];
  const why = reason ? `${reason.why} (${code})` : `${code}: ${(e as Error)?.message ?? String(e)}`;
  const fix = reason ? reason.fix(action, folder) : 'check the path and the file system, then synth again';
  return problem(action.field, `could not be written: ${action.doing} failed, ${why}`, action.path, fix, `fs/${code}`);
}

/** An `OpsError` at the app's root for a failed file-system call. */
export function fsError(e: unknown, action: FsAction): OpsError {
  if (e instanceof OpsError) return e;
  return new OpsError([{ ...fsProblem(e, action), path: '<root>' }]);
}

/** Runs a file-system call; a failure becomes an `OpsError` naming the path and what to do. */
export function fsCall<T>(action: FsAction, call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw fsError(e, action);
  }
}
