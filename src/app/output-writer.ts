import * as fs from 'fs';
import * as path from 'path';

/**
 * Replaces a whole output folder atomically: the files are written into a temporary sibling folder, which is
 * then renamed into place. A failure while writing leaves the previous folder exactly as it was.
 */
export function replaceFolderAtomically(target: string, files: ReadonlyMap<string, Buffer | string>): void {
  const absolute = path.resolve(target);
  const parent = path.dirname(absolute);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(absolute)}.opskit-new-`));
  try {
    for (const [rel, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const file = path.join(staging, ...rel.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  swapInto(staging, absolute);
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
