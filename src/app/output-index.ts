import { createHash } from 'crypto';

/** Which output folder a file was written to. */
export enum OutputRoot {
  /** The Kubernetes and artifact folder (`outdir`, default `dist`). */
  OUTDIR = 'outdir',
  /** The Terraform folder (`terraformOutdir`, default `cdktf.out`). */
  TERRAFORM_OUTDIR = 'terraformOutdir',
}

/** One file written by a synth. */
export interface SynthesizedFile {
  /** The folder the path is relative to. */
  readonly root: OutputRoot;
  /** Path relative to that folder, with `/` separators. */
  readonly path: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/** Describes a file for the index. */
export function describeFile(root: OutputRoot, filePath: string, content: Buffer | string): SynthesizedFile {
  // a string is hashed and measured as its UTF-8 bytes without copying it into a Buffer first
  const hash = createHash('sha256');
  if (typeof content === 'string') hash.update(content, 'utf8');
  else hash.update(content);
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
  return { root, path: filePath, sha256: hash.digest('hex'), bytes };
}

/** The text of `opskit.json`: every file written with its hash, and the opskit version. Deterministic. */
export function renderIndex(opskitVersion: string, files: readonly SynthesizedFile[]): string {
  const sorted = [...files].sort((a, b) => (a.root + a.path < b.root + b.path ? -1 : a.root + a.path > b.root + b.path ? 1 : 0));
  return `${JSON.stringify({
    opskitVersion,
    files: sorted.map((f) => ({ root: f.root, path: f.path, sha256: f.sha256, bytes: f.bytes })),
  }, null, 2)}\n`;
}

/** The name of the index file in `outdir`. */
export const INDEX_FILE = 'opskit.json';

/**
 * The files a previous synth wrote into each folder, read from the `opskit.json` it left; empty sets when
 * there is none (or it is unreadable), so nothing found there is treated as opskit's.
 */
export function previousOutputs(indexText: string | undefined): { outdir: Set<string>; terraformOutdir: Set<string> } {
  const result = { outdir: new Set<string>(), terraformOutdir: new Set<string>() };
  if (!indexText) return result;
  try {
    const index = JSON.parse(indexText);
    for (const f of Array.isArray(index.files) ? index.files : []) {
      if (f?.root === OutputRoot.OUTDIR) result.outdir.add(String(f.path));
      if (f?.root === OutputRoot.TERRAFORM_OUTDIR) result.terraformOutdir.add(String(f.path));
    }
    result.outdir.add(INDEX_FILE);
  } catch {
    // an index that is not JSON was not written by opskit: its folder's files are all kept
  }
  return result;
}
