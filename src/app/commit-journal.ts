import * as fs from 'fs';
import * as path from 'path';
import { commitStep } from './commit-steps';
import { errorCode, fsCall } from './fs-errors';

/**
 * The names opskit uses beside an output folder `<base>` in its parent folder. They start with a dot and name
 * the folder, so each folder's own leftovers are found and nothing else is touched.
 */
export const FolderNames = {
  /** The lock file, naming the synth that writes the folder. */
  lock: (base: string) => `.${base}.opskit-lock`,
  /** The intent journal of the commit in progress. */
  journal: (base: string) => `.${base}.opskit-journal.json`,
  /** The folder the new output is written into. */
  staging: (base: string, id: string) => `.${base}.opskit-new-${id}`,
  /** The previous output, moved aside until the new one is in place. */
  old: (base: string, id: string) => `.${base}.opskit-old-${id}`,
};

/** Recognises opskit's leftovers beside the folder `base`: what they are and their commit id. */
export function leftoverKind(base: string, name: string): { kind: 'staging' | 'old' | 'legacy-old' | 'temp'; id?: string } | undefined {
  const prefix = `.${base}.opskit-`;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  let m = /^new-([0-9a-f]{12})$/.exec(rest);
  if (m) return { kind: 'staging', id: m[1] };
  m = /^old-([0-9a-f]{12})$/.exec(rest);
  if (m) return { kind: 'old', id: m[1] };
  // the writer before the journal moved the previous output to `<staging>.old`
  if (/^new-[0-9a-f]{12}\.old$/.test(rest)) return { kind: 'legacy-old' };
  if (/^(journal\.json\.[0-9a-f]+\.tmp|lock\.[0-9a-f]+\.tmp|lock\.stale-[0-9a-f]+)$/.test(rest)) return { kind: 'temp' };
  return undefined;
}

/** The phase of a commit, as recorded in its primary journal. */
export enum CommitPhase {
  /** The new output is being staged: an interrupted commit is rolled back. */
  PREPARE = 'prepare',
  /** Every new folder is staged: an interrupted commit is rolled forward. */
  COMMIT = 'commit',
}

/** One folder of a commit, as a journal records it. */
export interface JournalFolder {
  /** The prop that names the folder, for messages. */
  readonly field: string;
  /** The folder, relative to the folder that holds the journal (so a moved project stays recoverable). */
  readonly target: string;
}

/**
 * The intent journal of a commit. A copy lies beside every folder of the commit; the copy beside the first
 * folder (the primary) alone decides: `prepare` rolls back, `commit` rolls forward.
 */
export interface Journal {
  readonly id: string;
  readonly phase: CommitPhase;
  /** Every folder of the commit; the first is the primary. */
  readonly folders: readonly JournalFolder[];
}

const FORMAT = 'opskit-commit-journal/v1';

/** The text of a journal file. */
export function renderJournal(journal: Journal): string {
  return `${JSON.stringify({ format: FORMAT, id: journal.id, phase: journal.phase, folders: journal.folders })}\n`;
}

/** Reads a journal's text; `undefined` when it is not one of opskit's. */
export function parseJournal(text: string): Journal | undefined {
  try {
    const j = JSON.parse(text);
    const phases: string[] = [CommitPhase.PREPARE, CommitPhase.COMMIT];
    if (j?.format !== FORMAT || typeof j.id !== 'string' || !/^[0-9a-f]{12}$/.test(j.id) || !phases.includes(j.phase)) return undefined;
    if (!Array.isArray(j.folders) || j.folders.length === 0) return undefined;
    if (!j.folders.every((f: any) => typeof f?.field === 'string' && typeof f?.target === 'string' && f.target.length > 0)) return undefined;
    return { id: j.id, phase: j.phase, folders: j.folders.map((f: any) => ({ field: f.field, target: f.target })) };
  } catch {
    return undefined;
  }
}

/**
 * Writes a journal durably: into a temporary file that is flushed to disk, then renamed over the journal, then
 * the folder is flushed, so a crash leaves either the previous journal or the new one, complete.
 */
export function writeJournal(file: string, journal: Journal, field: string): void {
  const temp = `${file}.${journal.id}${journal.phase === CommitPhase.COMMIT ? '1' : '0'}.tmp`;
  const action = { field, doing: 'writing the commit journal', path: temp };
  fsCall(action, () => {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeFileSync(fd, renderJournal(journal));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
  commitStep(`write ${temp}`);
  fsCall({ ...action, path: file }, () => fs.renameSync(temp, file));
  syncFolder(path.dirname(file));
  commitStep(`${journal.phase} ${file}`);
}

/** Reads the journal file; `undefined` when there is none, `null` when it is not a journal opskit can read. */
export function readJournal(file: string, field: string): Journal | undefined | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return undefined;
    return fsCall({ field, doing: 'reading the commit journal', path: file }, () => {
      throw e;
    });
  }
  return parseJournal(text) ?? null;
}

/** Removes a journal file (a missing one is fine) and flushes its folder. */
export function removeJournal(file: string, field: string): void {
  fsCall({ field, doing: 'removing the commit journal', path: file }, () => fs.rmSync(file, { force: true }));
  syncFolder(path.dirname(file));
  commitStep(`remove ${file}`);
}

/** Flushes a folder's entries (renames, new and removed files) to disk; a no-op where folders cannot be opened. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open folders; some file systems refuse fsync on them: the rename is then as durable as they make it
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
