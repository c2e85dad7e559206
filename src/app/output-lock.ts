import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import { commitStep } from './commit-steps';
import { errorCode, fsCall, fsError } from './fs-errors';
import { OpsError } from '../core/ops-error';
import { problem } from '../core/problem';

/** How long a synth waits for another one to finish writing the same folders, in seconds. */
export const LOCK_TIMEOUT_ENV = 'OPSKIT_LOCK_TIMEOUT';
/** The wait when `OPSKIT_LOCK_TIMEOUT` is not set, in seconds. */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 120;

/** Who holds a lock: written into the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** Identifies this acquisition (a process may lock again after releasing). */
  readonly token: string;
  /** When the process started, as the kernel counts it (Linux), to tell a reused process id from the holder. */
  readonly processStart?: string;
}

/** One lock to take: the lock file and the output folder it guards (for messages). */
export interface LockRequest {
  readonly lockFile: string;
  readonly field: string;
  readonly folder: string;
}

/** Options of `acquireLocks`. */
export interface LockOptions {
  /** How long to wait for a live holder, in milliseconds. */
  readonly timeoutMs: number;
  /** How often to look again, in milliseconds. @default 50 */
  readonly pollMs?: number;
  /** Called once per lock when it has to wait, e.g. to print a message. @default - a line on standard error */
  readonly onWait?: (holder: LockHolder | undefined, request: LockRequest, timeoutMs: number) => void;
}

/** Tokens of the locks this process holds. */
const held = new Set<string>();

/**
 * Locks on output folders, one lock file per folder (`.<folder>.opskit-lock` beside it, naming the holder's pid
 * and host). Taken in a fixed order (sorted by path) so two synths never wait for each other in a circle.
 */
export class OutputLocks {
  /**
   * Takes every lock: waits for a live holder (bounded by `timeoutMs`, saying so once on standard error), takes
   * over a lock whose holder is dead (a process of this host that no longer runs), and fails with an `OpsError`
   * naming the holder when the wait runs out.
   */
  public static acquire(requests: readonly LockRequest[], options: LockOptions): OutputLocks {
    const locks = new OutputLocks();
    const sorted = [...requests].sort((a, b) => (a.lockFile < b.lockFile ? -1 : a.lockFile > b.lockFile ? 1 : 0));
    try {
      for (const r of sorted) locks.add(r, options);
    } catch (e) {
      locks.release();
      throw e;
    }
    return locks;
  }

  private readonly owned: Array<{ request: LockRequest; token: string; ino: number }> = [];

  private constructor() {}

  /** Whether this holds the lock file. */
  public holds(lockFile: string): boolean {
    return this.owned.some((o) => o.request.lockFile === lockFile);
  }

  /** Takes one more lock (e.g. of a folder an interrupted commit also wrote). */
  public add(request: LockRequest, options: LockOptions): void {
    if (this.holds(request.lockFile)) return;
    this.owned.push(takeLock(request, options));
  }

  /** Fails with an `OpsError` when a lock was taken over by another process (it wrongly judged this one dead). */
  public assertHeld(): void {
    for (const o of this.owned) {
      const now = readLock(o.request.lockFile, o.request.field);
      if (!now || now.holder?.token !== o.token || now.ino !== o.ino) {
        throw new OpsError([{
          ...problem(o.request.field, 'must stay locked while opskit writes it, but another process took the lock over', o.request.lockFile,
            'make sure every synth into this folder runs on this host, then synth again'),
          path: '<root>',
        }]);
      }
    }
  }

  /** Releases every lock this still holds (a lock taken over by another process is left to it). */
  public release(): void {
    for (const o of this.owned.splice(0).reverse()) {
      held.delete(o.token);
      const now = readLock(o.request.lockFile, o.request.field);
      if (now?.holder?.token === o.token) {
        fsCall({ field: o.request.field, doing: 'removing the lock file', path: o.request.lockFile }, () => fs.rmSync(o.request.lockFile, { force: true }));
        commitStep(`release lock ${o.request.lockFile}`);
      }
    }
  }
}

function takeLock(request: LockRequest, options: LockOptions): { request: LockRequest; token: string; ino: number } {
  const token = randomBytes(8).toString('hex');
  const me: LockHolder = { pid: process.pid, host: os.hostname(), token, processStart: processStart(process.pid) };
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  for (;;) {
    const ino = tryCreate(request, me);
    if (ino !== undefined) {
      held.add(token);
      commitStep(`acquire lock ${request.lockFile}`);
      return { request, token, ino };
    }
    const current = readLock(request.lockFile, request.field);
    if (!current) continue; // released meanwhile
    if (isStale(current)) {
      fsCall({ field: request.field, doing: 'taking over a stale lock', path: request.lockFile }, () => breakStale(request.lockFile, current.ino));
      continue;
    }
    if (Date.now() >= deadline) {
      throw new OpsError([{
        ...problem(request.field, `is being written by another synth (${describeHolder(current.holder)}), which still held ${request.lockFile} after ${options.timeoutMs / 1000} s`,
          request.folder, `wait for it to finish, or raise ${LOCK_TIMEOUT_ENV} (seconds); if no synth is running, remove ${request.lockFile}`),
        path: '<root>',
      }]);
    }
    if (!announced) {
      announced = true;
      (options.onWait ?? printWait)(current.holder, request, options.timeoutMs);
    }
    sleep(options.pollMs ?? 50);
  }
}

function printWait(holder: LockHolder | undefined, request: LockRequest, timeoutMs: number): void {
  process.stderr.write(`opskit: waiting for another synth (${describeHolder(holder)}) to finish writing ${request.folder} `
    + `(lock ${request.lockFile}; waiting up to ${timeoutMs / 1000} s, set ${LOCK_TIMEOUT_ENV} to change)\n`);
}

function describeHolder(holder: LockHolder | undefined): string {
  return holder ? `pid ${holder.pid} on ${holder.host}` : 'a process that is still writing the lock';
}

/** Creates the lock file with the holder's record in one step (a hard link of a complete file); its inode, or `undefined` when it exists. */
function tryCreate(request: LockRequest, me: LockHolder): number | undefined {
  const action = { field: request.field, doing: 'creating the lock file', path: request.lockFile };
  const temp = `${request.lockFile}.${me.token}.tmp`;
  fsCall(action, () => fs.writeFileSync(temp, `${JSON.stringify(me)}\n`));
  try {
    fs.linkSync(temp, request.lockFile);
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return undefined;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errorCode(e) ?? '')) throw fsError(e, action);
    // a file system without hard links: create the file exclusively instead
    try {
      fs.writeFileSync(request.lockFile, `${JSON.stringify(me)}\n`, { flag: 'wx' });
    } catch (e2) {
      if (errorCode(e2) === 'EEXIST') return undefined;
      throw fsError(e2, action);
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return fs.statSync(request.lockFile).ino;
}

/** The lock file's holder and inode; `undefined` when there is no lock file. */
function readLock(lockFile: string, field: string): { holder?: LockHolder; ino: number; ageMs: number } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(lockFile, 'r');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return undefined;
    throw fsError(e, { field, doing: 'reading the lock file', path: lockFile });
  }
  try {
    const stat = fs.fstatSync(fd);
    const text = fs.readFileSync(fd, 'utf8');
    let holder: LockHolder | undefined;
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed?.pid === 'number' && typeof parsed?.host === 'string' && typeof parsed?.token === 'string') holder = parsed;
    } catch {
      // still being written (file systems without hard links), or not opskit's
    }
    return { holder, ino: stat.ino, ageMs: Date.now() - stat.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether the holder is a process of this host that is gone (or a lock file nobody completed for a minute). */
function isStale(lock: { holder?: LockHolder; ageMs: number }): boolean {
  const holder = lock.holder;
  if (!holder) return lock.ageMs > 60_000;
  if (holder.host !== os.hostname()) return false; // cannot tell: wait, then name the host
  if (holder.pid === process.pid) return !held.has(holder.token); // an earlier process with the same pid (containers)
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if (errorCode(e) === 'ESRCH') return true;
  }
  const start = processStart(holder.pid);
  return holder.processStart !== undefined && start !== undefined && start !== holder.processStart;
}

/**
 * Removes a stale lock without removing a fresh one another process made meanwhile: the lock file is renamed
 * aside, and put back if it turns out not to be the stale one.
 */
function breakStale(lockFile: string, staleIno: number): void {
  const aside = `${lockFile}.stale-${randomBytes(6).toString('hex')}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return;
    throw e;
  }
  try {
    if (fs.statSync(aside).ino !== staleIno) {
      try {
        fs.linkSync(aside, lockFile);
      } catch (e) {
        if (errorCode(e) !== 'EEXIST') throw e;
      }
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/** The start time of a process in clock ticks since boot (Linux), or `undefined` where unknown. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The lock timeout from `OPSKIT_LOCK_TIMEOUT` (seconds), in milliseconds. */
export function lockTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[LOCK_TIMEOUT_ENV];
  if (text === undefined || text === '') return DEFAULT_LOCK_TIMEOUT_SECONDS * 1000;
  const seconds = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !Number.isFinite(seconds)) {
    throw new OpsError([{
      ...problem(LOCK_TIMEOUT_ENV, 'must be a number of seconds (0 or more)', text,
        `unset it to wait up to ${DEFAULT_LOCK_TIMEOUT_SECONDS} s, or use e.g. 300`),
      path: '<root>',
    }]);
  }
  return seconds * 1000;
}
