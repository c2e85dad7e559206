import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CommitPhase, FolderNames, Journal, leftoverKind, readJournal, removeJournal, syncFolder, writeJournal } from './commit-journal';
import { commitStep } from './commit-steps';
import { errorCode, fsCall, fsError } from './fs-errors';
import { fileNameProblems, OutputFolderSpec, resolvedFolderProblems, resolveOutputFolder, ResolvedFolder } from './output-folder';
import { LockHolder, LockRequest, lockTimeoutMs, OutputLocks } from './output-lock';
import { OpsError } from '../core/ops-error';
import { Problem, problem } from '../core/problem';

/** One output folder to replace, with its new files. */
export interface FolderWrite extends OutputFolderSpec {
  /** The new files, by path relative to the folder with `/` separators. */
  readonly files: ReadonlyMap<string, Buffer | string>;
  /**
   * Whether a file found in the folder that the new output does not contain is kept (carried into the new folder),
   * e.g. `.terraform/` that `terraform init` made. Called while the folder is locked and recovered.
   *
   * @default - none is kept
   */
  readonly isForeign?: (relPath: string) => boolean;
}

/** Options of `commitOutputs` and `recoverOutputs`. */
export interface CommitOptions {
  /** How long to wait for another synth writing the same folders. @default - `OPSKIT_LOCK_TIMEOUT` seconds, else 120 s */
  readonly lockTimeoutMs?: number;
  /** Called when a lock is held by another synth. @default - a line on standard error */
  readonly onWait?: (holder: LockHolder | undefined, request: LockRequest, timeoutMs: number) => void;
  /** The folder relative paths start from. @default - the working directory */
  readonly cwd?: string;
}

/**
 * Replaces output folders together, safe against crashes and concurrent synths.
 *
 * 1. Each folder is resolved (symbolic links followed) and every name checked before anything is written.
 * 2. Every folder is locked; a commit an earlier synth left unfinished is completed or rolled back, and stale
 *    staging folders are removed.
 * 3. A journal (phase `prepare`) is written beside each folder; each folder's new files are written, with the
 *    files the previous output did not own carried over, into a staging folder beside it.
 * 4. The primary journal (beside the first folder) is rewritten with phase `commit`: from here on an interrupted
 *    commit is completed, before it rolled back.
 * 5. For each folder, the previous folder is renamed aside and the staging folder into its place; then the
 *    previous folders are removed, the journals removed (the primary last) and the locks released.
 */
export function commitOutputs(writes: readonly FolderWrite[], options: CommitOptions = {}): void {
  const cwd = options.cwd ?? process.cwd();
  const folders = writes.map((w) => resolveOutputFolder(w, cwd));
  const id = randomBytes(6).toString('hex');
  const problems: Problem[] = [...resolvedFolderProblems(folders, cwd)];
  folders.forEach((f, i) => {
    problems.push(...fileNameProblems(f, writes[i].files.keys(), FolderNames.staging(f.base, id)));
    problems.push(...mountPointProblems(f));
  });
  if (problems.length > 0) throw rootError(problems);
  const locks = OutputLocks.acquire(folders.map(lockRequest), lockOptions(options));
  try {
    recoverLocked(folders, locks, options);
    commitLocked(folders, writes, id, locks);
  } finally {
    locks.release();
  }
}

/**
 * Completes or rolls back a commit an earlier synth left unfinished in these folders, and removes stale staging
 * folders (what every synth does first, under the lock).
 */
export function recoverOutputs(specs: readonly OutputFolderSpec[], options: CommitOptions = {}): void {
  const cwd = options.cwd ?? process.cwd();
  const folders = specs.map((s) => resolveOutputFolder(s, cwd));
  const locks = OutputLocks.acquire(folders.map(lockRequest), lockOptions(options));
  try {
    recoverLocked(folders, locks, options);
  } finally {
    locks.release();
  }
}

/**
 * Replaces one folder (see `commitOutputs`): the new files, plus the files of the previous folder that
 * `isForeign` says to keep (hard-linked, not copied, where the file system allows it).
 */
export function replaceFolderAtomically(
  target: string,
  files: ReadonlyMap<string, Buffer | string>,
  isForeign: (relPath: string) => boolean = () => false,
  options: CommitOptions = {},
): void {
  commitOutputs([{ field: 'outdir', dir: target, files, isForeign }], options);
}

/** Where a folder's staging and previous output go during a commit. */
interface Member {
  readonly field: string;
  readonly real: string;
  readonly parent: string;
  readonly base: string;
}

function paths(m: Member, id: string): { target: string; staging: string; old: string; journal: string } {
  return {
    target: m.real,
    staging: path.join(m.parent, FolderNames.staging(m.base, id)),
    old: path.join(m.parent, FolderNames.old(m.base, id)),
    journal: path.join(m.parent, FolderNames.journal(m.base)),
  };
}

function journalFor(members: readonly Member[], at: Member, id: string, phase: CommitPhase): Journal {
  return { id, phase, folders: members.map((m) => ({ field: m.field, target: path.relative(at.parent, m.real) || '.' })) };
}

function commitLocked(folders: readonly ResolvedFolder[], writes: readonly FolderWrite[], id: string, locks: OutputLocks): void {
  try {
    folders.forEach((f) => writeJournal(paths(f, id).journal, journalFor(folders, f, id, CommitPhase.PREPARE), f.field));
    folders.forEach((f, i) => stage(f, writes[i], paths(f, id).staging));
    locks.assertHeld();
    writeJournal(paths(folders[0], id).journal, journalFor(folders, folders[0], id, CommitPhase.COMMIT), folders[0].field);
  } catch (e) {
    rollBack(folders, id);
    throw e;
  }
  try {
    folders.forEach((f) => rollForward(f, id));
  } catch (e) {
    // e.g. a rename refused: put the previous output back when that still works; else the next synth completes it
    try {
      undoRenames(folders, id);
    } catch {
      throw e;
    }
    rollBack(folders, id);
    throw e;
  }
  finish(folders, id);
}

/** Writes a folder's new files into its staging folder, carrying over the files the previous output did not own. */
function stage(folder: ResolvedFolder, write: FolderWrite, staging: string): void {
  const act = (doing: string, p: string) => ({ field: folder.field, doing, path: p });
  fsCall(act('creating the staging folder', staging), () => fs.mkdirSync(staging));
  commitStep(`mkdir ${staging}`);
  const isForeign = write.isForeign ?? (() => false);
  if (fs.existsSync(folder.real)) {
    const carried = fsCall(act('reading the previous output', folder.real), () => listFiles(folder, '').filter((rel) => !write.files.has(rel) && isForeign(rel)));
    const conflicts = carryConflicts([...write.files.keys()], carried);
    if (conflicts.length > 0) {
      throw rootError(conflicts.map(([keep, need]) => problem(folder.field,
        `must not hold "${keep}", a file opskit did not write, where the new output needs ${keep.startsWith(`${need}/`) ? `the file "${need}"` : `a folder for "${need}"`}`,
        path.join(folder.real, keep), 'move or remove that file, then synth again')));
    }
    for (const rel of carried) carry(folder, rel, staging);
    commitStep(`carry ${carried.length} files into ${staging}`);
  }
  const folders = new Set<string>([staging]);
  for (const [rel, content] of [...write.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = path.join(staging, ...rel.split('/'));
    const dir = path.dirname(file);
    if (!folders.has(dir)) {
      fsCall(act('creating a folder', dir), () => fs.mkdirSync(dir, { recursive: true }));
      for (let d = dir; !folders.has(d); d = path.dirname(d)) folders.add(d);
    }
    fsCall(act('writing a file', file), () => {
      const fd = fs.openSync(file, 'w');
      try {
        fs.writeFileSync(fd, content);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
    commitStep(`write ${file}`);
  }
  folders.forEach(syncFolder);
  commitStep(`staged ${staging}`);
}

/** Every file (not folder) under the folder, by relative path. */
function listFiles(folder: ResolvedFolder, rel: string): string[] {
  const dir = path.join(folder.real, rel);
  const entries = fsCall({ field: folder.field, doing: 'reading the previous output', path: dir }, () => fs.readdirSync(dir, { withFileTypes: true }));
  return entries.flatMap((e) => {
    const relPath = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(folder, relPath) : [relPath];
  });
}

/** Pairs of a kept file and a new file that cannot both exist: one names a folder the other needs. */
export function carryConflicts(newFiles: readonly string[], kept: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const newSet = new Set(newFiles);
  const newFolders = new Set(newFiles.flatMap((f) => f.split('/').slice(0, -1).map((_, i, s) => s.slice(0, i + 1).join('/'))));
  for (const k of kept) {
    if (newFolders.has(k)) {
      out.push([k, newFiles.find((f) => f.startsWith(`${k}/`))!]);
      continue;
    }
    const segments = k.split('/');
    for (let i = 1; i < segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      if (newSet.has(prefix)) {
        out.push([k, prefix]);
        break;
      }
    }
  }
  return out;
}

/** Carries one file: a hard link (the same file, not a copy) where the file system allows it. */
function carry(folder: ResolvedFolder, rel: string, staging: string): void {
  const source = path.join(folder.real, ...rel.split('/'));
  const dest = path.join(staging, ...rel.split('/'));
  fsCall({ field: folder.field, doing: 'keeping a file opskit did not write', path: source }, () => {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.lstatSync(source).isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(source), dest);
      return;
    }
    try {
      fs.linkSync(source, dest);
    } catch {
      fs.copyFileSync(source, dest);
    }
  });
}

/** Puts one folder's staged output in place (idempotent: completes whatever an interrupted run left). */
function rollForward(m: Member, id: string): void {
  const p = paths(m, id);
  const act = (doing: string, at: string) => ({ field: m.field, doing, path: at });
  if (exists(m, p.staging)) {
    if (exists(m, p.target)) {
      if (!exists(m, p.old)) {
        fsCall(act('moving the previous output aside', p.target), () => fs.renameSync(p.target, p.old));
        commitStep(`rename ${p.target} -> ${p.old}`);
      }
    }
    moveIntoPlace(m, p.staging, p.target, p.old);
    syncFolder(m.parent);
    commitStep(`rename ${p.staging} -> ${p.target}`);
  } else if (!exists(m, p.target) && exists(m, p.old)) {
    fsCall(act('restoring the previous output', p.target), () => fs.renameSync(p.old, p.target));
    syncFolder(m.parent);
    throw rootError([problem(m.field, `could not be completed: the new output staged in ${p.staging} was removed by another program; the previous output was restored`,
      p.target, 'synth again')]);
  }
}

/**
 * Renames the staging folder into place. A folder that appeared there meanwhile without a file in it (cdktn's
 * `App` makes its outdir and `stacks/` when they are missing — in another synth of the same folders, too) is
 * removed first; one with files is another program's, and is left alone.
 */
function moveIntoPlace(m: Member, staging: string, target: string, old: string): void {
  const act = { field: m.field, doing: 'moving the new output into place', path: target };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(staging, target);
      return;
    } catch (e) {
      const code = errorCode(e);
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR') || attempt >= 5) throw fsError(e, act);
      if (!holdsNoFiles(m, target)) {
        throw rootError([problem(m.field, `could not be completed: ${target} was created by another program while opskit replaced it`, target,
          `move ${target} away, then synth again (the previous output is in ${old})`)]);
      }
      fsCall({ ...act, doing: 'removing an empty folder in the way' }, () => fs.rmSync(target, { recursive: true, force: true }));
    }
  }
}

/** Removes the previous outputs, then the journals (the primary last). */
function finish(members: readonly Member[], id: string): void {
  for (const m of members) {
    const old = paths(m, id).old;
    if (fs.existsSync(old)) {
      fsCall({ field: m.field, doing: 'removing the previous output', path: old }, () => fs.rmSync(old, { recursive: true, force: true }));
      commitStep(`remove ${old}`);
    }
  }
  for (const m of [...members.slice(1), members[0]]) removeJournal(paths(m, id).journal, m.field);
}

/** Moves the new outputs back to staging and the previous ones back into place, after a failed rename. */
function undoRenames(members: readonly Member[], id: string): void {
  for (const m of members) {
    const p = paths(m, id);
    if (!fs.existsSync(p.staging) && fs.existsSync(p.old)) {
      if (fs.existsSync(p.target)) fs.renameSync(p.target, p.staging);
      fs.renameSync(p.old, p.target);
      syncFolder(m.parent);
    }
  }
}

/** Abandons a commit whose new output was not completely staged: the staging folders and journals are removed. */
function rollBack(members: readonly Member[], id: string): void {
  for (const m of members) {
    const p = paths(m, id);
    if (fs.existsSync(p.staging)) {
      fsCall({ field: m.field, doing: 'removing an unfinished staging folder', path: p.staging }, () => fs.rmSync(p.staging, { recursive: true, force: true }));
      commitStep(`remove ${p.staging}`);
    }
    if (!fs.existsSync(p.target) && fs.existsSync(p.old)) {
      fsCall({ field: m.field, doing: 'restoring the previous output', path: p.target }, () => fs.renameSync(p.old, p.target));
      commitStep(`rename ${p.old} -> ${p.target}`);
    }
  }
  for (const m of [...members.slice(1), members[0]]) {
    const journal = readJournal(paths(m, id).journal, m.field);
    if (journal?.id === id) removeJournal(paths(m, id).journal, m.field);
  }
}

/**
 * Completes or rolls back the commit recorded beside each locked folder, then removes the folder's leftovers.
 * A commit that also wrote a folder this synth does not write locks that folder too.
 */
function recoverLocked(folders: readonly ResolvedFolder[], locks: OutputLocks, options: CommitOptions): void {
  for (const f of folders) {
    const journalFile = path.join(f.parent, FolderNames.journal(f.base));
    const journal = readJournal(journalFile, f.field);
    if (journal === null) {
      throw rootError([problem(f.field, 'has a commit journal beside it that opskit cannot read', journalFile,
        `check that ${f.real} is complete, then remove the journal and synth again`)]);
    }
    if (journal) {
      const members: Member[] = journal.folders.map((jf) => {
        const real = path.resolve(f.parent, jf.target);
        return { field: jf.field, real, parent: path.dirname(real), base: path.basename(real) };
      });
      for (const m of members) locks.add(lockRequest(m), lockOptions(options));
      const primary = members[0];
      const decision = primary.real === f.real ? journal : readJournal(paths(primary, journal.id).journal, primary.field);
      if (decision && decision.id === journal.id && decision.phase === CommitPhase.COMMIT) {
        members.forEach((m) => rollForward(m, journal.id));
        finish(members, journal.id);
      } else {
        rollBack(members, journal.id);
      }
    }
    removeLeftovers(f);
  }
}

/**
 * Removes what interrupted synths left beside a locked folder that no journal refers to any more: staging
 * folders, temporary files, and previous outputs — a previous output is put back when the folder is missing.
 */
function removeLeftovers(f: ResolvedFolder): void {
  const names = fsCall({ field: f.field, doing: 'reading the parent folder', path: f.parent }, () => fs.readdirSync(f.parent));
  for (const name of names) {
    const kind = leftoverKind(f.base, name)?.kind;
    if (!kind) continue;
    const leftover = path.join(f.parent, name);
    const act = (doing: string) => ({ field: f.field, doing, path: leftover });
    if ((kind === 'old' || kind === 'legacy-old') && !fs.existsSync(f.real)) {
      fsCall(act('restoring the previous output'), () => fs.renameSync(leftover, f.real));
    } else if (kind !== 'temp' || name.includes('journal.json.') || isOlderThanAMinute(leftover)) {
      fsCall(act('removing a leftover of an interrupted synth'), () => fs.rmSync(leftover, { recursive: true, force: true }));
    }
  }
}

function isOlderThanAMinute(file: string): boolean {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs > 60_000;
}

function exists(m: Member, p: string): boolean {
  return fsCall({ field: m.field, doing: 'reading the folder', path: p }, () => fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined);
}

/** Whether a path is a folder with no file anywhere inside (only folders, or nothing). */
function holdsNoFiles(m: Member, p: string): boolean {
  const stat = fsCall({ field: m.field, doing: 'reading the folder', path: p }, () => fs.lstatSync(p, { throwIfNoEntry: false }));
  if (!stat) return true;
  if (!stat.isDirectory()) return false;
  const entries = fsCall({ field: m.field, doing: 'reading the folder', path: p }, () => fs.readdirSync(p));
  return entries.every((name) => holdsNoFiles(m, path.join(p, name)));
}

/** A folder that is a mount point cannot be renamed (EBUSY): found before anything is written. */
function mountPointProblems(f: ResolvedFolder): Problem[] {
  const stat = (p: string) => fsCall({ field: f.field, doing: 'reading the folder', path: p }, () => fs.statSync(p, { throwIfNoEntry: false }));
  const own = stat(f.real);
  if (!own || own.dev === stat(f.parent)?.dev) return [];
  return [problem(f.field, `must not be a mount point (synth replaces the folder by renaming it), but ${f.real} is one`, f.dir,
    `set ${f.field.replace(/ \(from .*\)$/, '')} to a folder inside the mount point, or mount its parent folder instead`)];
}

function lockRequest(m: Member): LockRequest {
  return { lockFile: path.join(m.parent, FolderNames.lock(m.base)), field: m.field, folder: m.real };
}

function lockOptions(options: CommitOptions): { timeoutMs: number; onWait?: CommitOptions['onWait'] } {
  return { timeoutMs: options.lockTimeoutMs ?? lockTimeoutMs(), onWait: options.onWait };
}

function rootError(problems: Problem[]): OpsError {
  return new OpsError(problems.map((p) => ({ ...p, path: '<root>' })));
}
