import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Replaces an output folder atomically: the new files are written into a temporary sibling folder, which is
 * then renamed into place, so a failure while writing leaves the previous folder exactly as it was.
 *
 * Files in the folder that opskit did not write (`isForeign` says which) are carried into the new folder —
 * e.g. the `.terraform/` folder and lock file `terraform init` leaves in a stack's working directory, or a
 * packaging output beside the manifests. They are hard-linked, not copied, where the file system allows it.
 */
export function replaceFolderAtomically(
  target: string,
  files: ReadonlyMap<string, Buffer | string>,
  isForeign: (relPath: string) => boolean = () => false,
): void {
  stageFolder(target, files, isForeign).commit();
}

/** A folder written into its temporary sibling, waiting to be renamed into place (or thrown away). */
export interface StagedFolder {
  /** Renames the staged folder into place (the previous folder is removed). */
  commit(): void;
  /** Removes the staged folder; the target is left as it was. */
  abort(): void;
}

/**
 * Writes the files (and carries the foreign ones) into a temporary sibling of `target` without touching
 * `target`. Stage every folder of a synth first and commit them only when all were staged, so a failure
 * while writing any of them leaves all of them as they were.
 */
export function stageFolder(
  target: string,
  files: ReadonlyMap<string, Buffer | string>,
  isForeign: (relPath: string) => boolean = () => false,
): StagedFolder {
  const absolute = path.resolve(target);
  const parent = path.dirname(absolute);
  fs.mkdirSync(parent, { recursive: true });
  const staging = makeStagingFolder(parent, path.basename(absolute));
  try {
    if (fs.existsSync(absolute)) {
      carryForeignFiles(absolute, staging, '', (rel) => !files.has(rel) && isForeign(rel));
    }
    for (const [rel, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const file = path.join(staging, ...rel.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  return {
    commit: () => swapInto(staging, absolute),
    abort: () => fs.rmSync(staging, { recursive: true, force: true }),
  };
}

/**
 * A new, empty sibling folder with normal permissions: `mkdtemp` would create it 0700, and it becomes the output
 * folder; `mkdir` gives 0777 less the umask (0755 under the usual umask 022), as plain cdk8s gives its outdir.
 */
function makeStagingFolder(parent: string, base: string): string {
  for (let attempt = 0; ; attempt++) {
    const candidate = path.join(parent, `.${base}.opskit-new-${randomBytes(6).toString('hex')}`);
    try {
      fs.mkdirSync(candidate);
      return candidate;
    } catch (e: any) {
      if (e?.code !== 'EEXIST' || attempt >= 10) throw e;
    }
  }
}

function carryForeignFiles(from: string, to: string, rel: string, carry: (rel: string) => boolean): void {
  for (const entry of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const source = path.join(from, relPath);
    const dest = path.join(to, relPath);
    if (entry.isDirectory()) {
      carryForeignFiles(from, to, relPath, carry);
    } else if (carry(relPath)) {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (entry.isSymbolicLink()) {
        fs.symlinkSync(fs.readlinkSync(source), dest);
      } else {
        try {
          fs.linkSync(source, dest);
        } catch {
          fs.copyFileSync(source, dest);
        }
      }
    }
  }
}

function swapInto(staging: string, target: string): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const old = `${staging}.old`;
  fs.renameSync(target, old);
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    fs.renameSync(old, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  fs.rmSync(old, { recursive: true, force: true });
}
