import * as fs from 'fs';
import * as path from 'path';
import { errorCode, fsCall, fsProblem } from './fs-errors';
import { OpsError } from '../core/ops-error';
import { Problem, problem } from '../core/problem';

/** An output folder as the app names it. */
export interface OutputFolderSpec {
  /** The prop that named it, for messages (`outdir`, `terraformOutdir (from CDKTF_OUTDIR)`, …). */
  readonly field: string;
  /** The folder, absolute or relative to the working directory. */
  readonly dir: string;
}

/** An output folder with symbolic links resolved: where its files really go. */
export interface ResolvedFolder extends OutputFolderSpec {
  /** The real absolute path of the folder (symbolic links followed); it may not exist yet. */
  readonly real: string;
  /** The real parent folder, which exists: the staging folders, the lock and the journal are made here. */
  readonly parent: string;
  /** The folder's own name in `parent`. */
  readonly base: string;
  /** The symbolic link the prop names, when the folder is reached through one (it is kept as it is). */
  readonly link?: string;
}

/** Longest folder name: opskit adds up to 45 bytes to it to name the staging folders, the lock and the journal. */
export const MAX_FOLDER_NAME_BYTES = 200;
/** Longest file or folder name most file systems allow (NAME_MAX). */
export const MAX_NAME_BYTES = 255;
/** Longest absolute path Linux allows (PATH_MAX, less the terminating NUL). */
export const MAX_PATH_BYTES = 4095;
const MAX_LINKS = 40;

/** Whether `inner` is `outer` or inside it (both absolute). */
export function isSameOrInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Finds where an output folder's files really go. A symbolic link is followed (the files are written into its
 * target, the link is kept); its missing parent folders are created. Fails with an `OpsError` when the path
 * names a file, a link loop, or a link to a folder that contains the link (e.g. `dist -> ..`).
 */
export function resolveOutputFolder(spec: OutputFolderSpec, cwd: string = process.cwd()): ResolvedFolder {
  let current = path.resolve(cwd, spec.dir);
  let link: string | undefined;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const parent = realParent(spec.field, path.dirname(current));
    const base = path.basename(current);
    const here = path.join(parent, base);
    const stat = fsCall({ field: spec.field, doing: 'reading the folder', path: here }, () => fs.lstatSync(here, { throwIfNoEntry: false }));
    if (stat?.isSymbolicLink()) {
      link ??= here;
      current = path.resolve(parent, fsCall({ field: spec.field, doing: 'reading the symbolic link', path: here }, () => fs.readlinkSync(here)));
      continue;
    }
    if (link && isSameOrInside(path.dirname(link), here)) {
      throw rootError(problem(spec.field, `must not be a symbolic link to a folder that contains the link (${link} -> ${here}): synth replaces the whole folder`,
        spec.dir, 'point the link at a dedicated folder such as "build/dist", or remove the link'));
    }
    if (stat && !stat.isDirectory()) {
      throw rootError(problem(spec.field, `must be a folder, but ${here} is a file`, spec.dir, 'remove the file or choose another folder'));
    }
    if (Buffer.byteLength(base) > MAX_FOLDER_NAME_BYTES) {
      throw rootError(problem(spec.field, `must have a folder name of at most ${MAX_FOLDER_NAME_BYTES} bytes (opskit names its staging folder after it), got ${Buffer.byteLength(base)} bytes`,
        spec.dir, 'choose a shorter folder name'));
    }
    return { ...spec, real: here, parent, base, link };
  }
  throw rootError(problem(spec.field, `must not be a loop of symbolic links (more than ${MAX_LINKS} links followed)`, spec.dir, 'fix the symbolic links'));
}

/**
 * Checks the resolved folders together: neither is the working directory or one of its parents, and they are
 * neither the same folder nor inside one another (each is replaced as a whole), once links are followed.
 */
export function resolvedFolderProblems(folders: readonly ResolvedFolder[], cwd: string = process.cwd()): Problem[] {
  const out: Problem[] = [];
  const realCwd = fs.realpathSync(cwd);
  for (const f of folders) {
    if (f.link && isSameOrInside(realCwd, f.real)) {
      out.push(problem(f.field, `must not be a symbolic link to the working directory or one of its parents (${f.link} -> ${f.real}): synth replaces the whole folder`,
        f.dir, 'point the link at a dedicated folder such as "build/dist"'));
    }
  }
  for (let i = 0; i < folders.length; i++) {
    for (let j = i + 1; j < folders.length; j++) {
      const [a, b] = [folders[i], folders[j]];
      if (!a.link && !b.link) continue; // the props check compared the paths as given
      if (a.real === b.real) {
        out.push(problem(b.field, `must not be the same folder as ${a.field} once symbolic links are followed (both are ${a.real})`, b.dir, 'use separate folders such as "dist" and "cdktf.out"'));
      } else if (isSameOrInside(a.real, b.real) || isSameOrInside(b.real, a.real)) {
        out.push(problem(b.field, `must not be inside ${a.field} or contain it once symbolic links are followed (${b.real}, ${a.real})`, b.dir,
          'use sibling folders such as "dist" and "cdktf.out"'));
      }
    }
  }
  return out;
}

/**
 * Checks the names of the files to write before anything is written: each name at most 255 bytes, and the
 * absolute path of each file in the staging folder within the system's limit.
 */
export function fileNameProblems(folder: ResolvedFolder, relPaths: Iterable<string>, stagingName: string): Problem[] {
  const out: Problem[] = [];
  const stagingBytes = Buffer.byteLength(path.join(folder.parent, stagingName)) + 1;
  for (const rel of relPaths) {
    const long = rel.split('/').find((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES);
    if (long !== undefined) {
      out.push(problem(folder.field, `must not receive a file or folder name longer than ${MAX_NAME_BYTES} bytes (most file systems refuse it), got ${Buffer.byteLength(long)} bytes in`,
        rel, 'shorten the chart id, stack id or artifact path that names it'));
    } else if (stagingBytes + Buffer.byteLength(rel) > MAX_PATH_BYTES) {
      out.push(problem(folder.field, `must not receive a file whose absolute path exceeds ${MAX_PATH_BYTES} bytes`, rel,
        `shorten the path, or choose a ${folder.field} with a shorter path`));
    }
  }
  return out;
}

/** The real path of a folder, created (with its parents) when missing. */
function realParent(field: string, dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT') throw rootError(fsProblem(e, { field, doing: 'resolving the parent folder', path: dir }));
  }
  fsCall({ field, doing: 'creating the parent folder', path: dir }, () => fs.mkdirSync(dir, { recursive: true }));
  return fsCall({ field, doing: 'resolving the parent folder', path: dir }, () => fs.realpathSync(dir));
}

function rootError(p: Problem): OpsError {
  return new OpsError([{ ...p, path: '<root>' }]);
}

/**
 * Makes sure an output folder exists (following symbolic links), for libraries that create it themselves with a
 * non-recursive `mkdir` after checking it is absent — which fails on a dangling link or when another synth
 * renames the folder in between.
 */
export function ensureOutputFolder(spec: OutputFolderSpec): void {
  const folder = resolveOutputFolder(spec);
  fsCall({ field: spec.field, doing: 'creating the folder', path: folder.real }, () => fs.mkdirSync(folder.real, { recursive: true }));
}
