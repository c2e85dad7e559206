import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Every file under a folder, keyed by its path relative to the folder (with `/`), as text. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out[p] = fs.readFileSync(path.join(dir, p), 'utf8');
    }
  };
  walk('');
  return out;
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'opskit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
