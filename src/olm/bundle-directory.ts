import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/**
 * Reads a bundle folder from disk: every file by its path relative to the folder (with `/`), and the sum of
 * base64(gzip()) of the files api's bundle validator counts towards the size limit. Internal: the one reader of
 * `OlmBundleValidator` and `OlmV1Installability`.
 */
export function readBundleDirectory(directory: string): { files: Map<string, string>; compressedSize: number } {
  const files = new Map<string, string>();
  let compressedSize = 0;
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(directory, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        walk(p);
      } else {
        const bytes = fs.readFileSync(path.join(directory, p));
        files.set(p, bytes.toString('utf8'));
        if (p.startsWith('manifests/') || p.startsWith('metadata/') || !p.includes('/')) compressedSize += zlib.gzipSync(bytes).toString('base64').length;
      }
    }
  };
  walk('');
  return { files, compressedSize };
}
