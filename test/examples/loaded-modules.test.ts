import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/files';

// What real programs load, run as users run them (a fresh process through ts-node), with `opskit` resolved to the
// package's lazy index (scripts/lazy-index.js) over the sources: a program of charts only — an operator with its
// CRD, SLO rules, a Helm chart of both — never loads cdktn (stacks, the Terraform output and the placement checks
// load it on first use) or the @cdktn/provider-aws barrel.

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const PRELOAD = path.join(ROOT, 'test', 'support', 'report-loaded-modules.js');
/* eslint-disable @typescript-eslint/no-require-imports */
const { lazyIndexEntries, lazyIndexText } = require('../../scripts/lazy-index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs an example's main.ts in a fresh process; the modules it loaded. */
function loadedBy(example: string): string[] {
  const dir = tempDir(`opskit-loaded-${example}-`);
  const report = path.join(dir, 'loaded.json');
  const index = path.join(dir, 'index.js');
  const entries = (lazyIndexEntries(SRC, '.ts') as Array<{ name: string; module: string }>).map((e) => ({ ...e, module: path.join(SRC, e.module) }));
  fs.writeFileSync(index, lazyIndexText(entries));
  const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '-T', '-r', PRELOAD, 'main.ts'], {
    cwd: path.join(ROOT, 'examples', example),
    env: {
      ...process.env,
      TS_NODE_PROJECT: 'tsconfig.json',
      CDK8S_OUTDIR: path.join(dir, 'dist'),
      CDKTF_OUTDIR: path.join(dir, 'cdktf.out'),
      OPSKIT_INDEX: index,
      OPSKIT_LOADED_MODULES_FILE: report,
    },
    encoding: 'utf8',
  });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  const loaded = JSON.parse(fs.readFileSync(report, 'utf8')) as string[];
  fs.rmSync(dir, { recursive: true, force: true });
  return loaded;
}

const isModule = (name: string) => (file: string): boolean => file.split(path.sep).join('/').includes(`/node_modules/${name}/`);

describe('modules a program loads', () => {
  test('examples/helm-chart (charts only) synthesizes without loading cdktn or the provider barrel', () => {
    // WHEN
    const loaded = loadedBy('helm-chart');
    // THEN
    expect(loaded.filter(isModule('cdk8s')).length).toBeGreaterThan(0);
    expect(loaded.filter(isModule('cdktn'))).toEqual([]);
    expect(loaded.filter(isModule('@cdktn/provider-aws'))).toEqual([]);
  });

  test('examples/node-local-dns (with a Terraform stack) loads cdktn, and the provider\'s resources one by one', () => {
    // WHEN
    const loaded = loadedBy('node-local-dns');
    // THEN
    expect(loaded.filter(isModule('cdktn')).length).toBeGreaterThan(0);
    expect(loaded.filter((f) => /@cdktn[\\/]provider-aws[\\/]lib[\\/]index\.js$/.test(f))).toEqual([]);
  });
});
