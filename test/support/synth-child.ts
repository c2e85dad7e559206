import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Bundles a test program (TypeScript, with opskit's sources) into one JavaScript file with esbuild, so a child
 * process starts in about a second instead of compiling with ts-node; packages stay external and are found
 * through NODE_PATH.
 */
export function bundleProgram(entry: string, outDir: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild');
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.js`);
  esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', packages: 'external', outfile, logLevel: 'error', target: 'node20' });
  return outfile;
}

/** The environment of a bundled program writing into `dir`: no Jest, folders `dir/dist` and `dir/cdktf.out`. */
export function childEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_PATH: path.join(ROOT, 'node_modules'),
    CDK8S_OUTDIR: path.join(dir, 'dist'),
    CDKTF_OUTDIR: path.join(dir, 'cdktf.out'),
    ...extra,
  };
  delete env.JEST_WORKER_ID;
  delete env.OPSKIT_FAIL_FAST;
  return env;
}

/** Runs a bundled program to its end (or its kill). */
export function runProgram(bundle: string, dir: string, extra: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bundle], { cwd: dir, env: childEnv(dir, extra), encoding: 'utf8', timeout: 120_000 });
}

/** A program started without waiting: its standard error so far, and its end. */
export interface StartedProgram {
  readonly stderr: () => string;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts a bundled program without waiting. */
export function startProgram(bundle: string, dir: string, extra: NodeJS.ProcessEnv = {}): StartedProgram {
  const child: ChildProcess = spawn(process.execPath, [bundle], { cwd: dir, env: childEnv(dir, extra), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { stderr: () => stderr, done };
}

/** Every file under a folder with its sha256, keyed by relative path (`/` separators); symbolic links followed. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out[p] = createHash('sha256').update(fs.readFileSync(path.join(dir, p))).digest('hex');
    }
  };
  walk('');
  return out;
}

/**
 * Checks that `dist` and `cdktf.out` under `dir` are one complete output: exactly the files `dist/opskit.json`
 * lists, with its hashes, plus the given files of the user. Returns the index text (which identifies the output),
 * or a description of what is wrong.
 */
export function checkOutput(dir: string, userFiles: Record<string, string>): { index?: string; wrong: string[] } {
  const wrong: string[] = [];
  const indexFile = path.join(dir, 'dist', 'opskit.json');
  if (!fs.existsSync(indexFile)) return { wrong: ['dist/opskit.json is missing'] };
  const index = fs.readFileSync(indexFile, 'utf8');
  const expected: Record<string, string> = { 'dist/opskit.json': createHash('sha256').update(index).digest('hex') };
  for (const f of JSON.parse(index).files) expected[`${f.root === 'outdir' ? 'dist' : 'cdktf.out'}/${f.path}`] = f.sha256;
  for (const [p, content] of Object.entries(userFiles)) expected[p] = createHash('sha256').update(content).digest('hex');
  const actual: Record<string, string> = {};
  for (const folder of ['dist', 'cdktf.out']) {
    if (!fs.existsSync(path.join(dir, folder))) continue;
    for (const [p, h] of Object.entries(hashTree(path.join(dir, folder)))) actual[`${folder}/${p}`] = h;
  }
  for (const p of Object.keys(expected)) {
    if (!(p in actual)) wrong.push(`${p} is missing`);
    else if (actual[p] !== expected[p]) wrong.push(`${p} does not match the index`);
  }
  for (const p of Object.keys(actual)) if (!(p in expected)) wrong.push(`${p} is not in the index`);
  return { index, wrong };
}
