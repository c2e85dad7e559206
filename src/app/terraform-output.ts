import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Manifest, TerraformStack } from 'cdktn';

/**
 * Synthesizes every stack of a cdktn app with cdktn's own synthesizer (so the layout, `manifest.json` and
 * assets are exactly cdktn's) into a private temporary folder, and returns the files read back into memory,
 * keyed by their path relative to the Terraform output folder. Returns an empty map when the app has no stack.
 */
export function renderStacks(app: App): Map<string, Buffer> {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  const files = new Map<string, Buffer>();
  if (stacks.length === 0) return files;
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-tf-'));
  try {
    const manifest = new Manifest(cdktnVersion(), staging, false);
    stacks.forEach((stack) => stack.prepareStack());
    for (const stack of stacks) {
      stack.synthesizer.synthesize({ outdir: staging, skipValidation: true, manifest, stacksPrepared: true } as any);
    }
    manifest.writeToFile();
    readTree(staging, '', files);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return files;
}

function readTree(root: string, rel: string, into: Map<string, Buffer>): void {
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) readTree(root, relPath, into);
    else into.set(relPath, fs.readFileSync(path.join(root, relPath)));
  }
}

function cdktnVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdktn/package.json').version;
}
