/* eslint-disable no-console */
// `npm run bench`: the figures of issue 10's "Done when", each printed with its goal and whether it is met.
//  (a) OpsApp synth vs plain cdk8s synth vs JSON.stringify of the same documents, side by side in one process
//      (warm-up, rotated rounds, medians), at 1k/10k/30k objects with all validation on; peak RSS of each synth
//      in a fresh process;
//  (b) the platform program at ×1, ×2, ×4: construction + synth time, the ratios ×2/×1 and ×4/×2, peak RSS;
//  (c) require('opskit') and reading the exports a program uses vs require('cdk8s') + require('cdktn') in fresh
//      processes (the package index is lazy); the provider barrel and cdk8s-plus-33's k8s module stay unloaded.
// Environment: BENCH_RUNS (measured rounds, default 5), BENCH_WARMUP (default 1), BENCH_SIZES (default
// 1000,10000,30000), BENCH_SCALES (default 1,2,4), BENCH_PLATFORM_RUNS (default 2), BENCH_RSS_RUNS (fresh processes
// per peak RSS figure, default 3), BENCH_ONLY (objects, platform, require; default all). No figure here is asserted
// by a test.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { median, rotated, timeIt, verdict } from './bench/measure';
import { addObjects } from './bench/objects';
import { definePlatform } from './bench/platform';
import * as opskit from '../src';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,30000').split(',').map(Number);
const SCALES = (process.env.BENCH_SCALES ?? '1,2,4').split(',').map(Number);
const PLATFORM_RUNS = Number(process.env.BENCH_PLATFORM_RUNS ?? 2);
const ONLY = process.env.BENCH_ONLY?.split(',');
let failed = 0;

function report(name: string, value: number, goal: number, unit?: string): void {
  const v = verdict(name, value, goal, unit);
  if (!v.met) failed++;
  console.log(`  ${v.line}`);
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-bench-'));
}

function opsApp(dir: string): opskit.OpsApp {
  return new opskit.OpsApp({ outdir: path.join(dir, 'ops'), terraformOutdir: path.join(dir, 'tf') });
}

/** Builds one contender's app outside the timed region; the returned function is the timed synth. */
function prepareObjects(kind: string, n: number): () => void {
  const dir = tempDir();
  const done = () => fs.rmSync(dir, { recursive: true, force: true });
  if (kind === 'opskit') {
    const app = opsApp(dir);
    addObjects(app.chart('bench', { namespace: 'bench' }), n);
    return () => { app.synth(); done(); };
  }
  const plain = new cdk8s.App({ outdir: path.join(dir, 'plain') });
  const chart = new cdk8s.Chart(plain, 'bench', { namespace: 'bench' });
  addObjects(chart, n);
  if (kind === 'cdk8s') return () => { plain.synth(); done(); };
  const docs = chart.toJson();
  done();
  return () => { fs.writeFileSync(path.join(os.tmpdir(), `opskit-bench-${process.pid}.json`), docs.map((d: any) => JSON.stringify(d)).join('\n')); };
}

const RSS_RUNS = Number(process.env.BENCH_RSS_RUNS ?? 3);

/**
 * The peak RSS (MB) of one build + synth in a fresh process (`scripts/bench/child.ts`, compiled): the median of
 * `RSS_RUNS` processes for each contender, run in turn.
 */
function peakRss(...contenders: string[][]): number[] {
  const child = compiledBench().child;
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < RSS_RUNS; round++) {
    contenders.forEach((args, i) => {
      const out = execFileSync(process.execPath, [child, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
      samples[i].push(JSON.parse(out.trim().split('\n').pop()!).maxRssMb);
    });
  }
  return samples.map(median);
}

function benchObjects(): void {
  console.log(`\n(a) N objects, side by side in one process (median of ${RUNS} rotated rounds after ${WARMUP} warm-up; ${4 * RUNS} for JSON.stringify)`);
  for (const n of SIZES) {
    const samples = rotated(['opskit', 'cdk8s', 'json'].map((name) => ({ name, prepare: () => prepareObjects(name, n) })), RUNS, WARMUP);
    // the JSON baseline takes a few ms, where one slow file write moves its median (and the ratio) by a third:
    // it gets four times the samples
    for (let i = 0; i < 3 * RUNS; i++) {
      const run = prepareObjects('json', n);
      (global as any).gc?.();
      samples.get('json')!.push(timeIt(run));
    }
    const [ops, plain, json] = ['opskit', 'cdk8s', 'json'].map((k) => median(samples.get(k)!));
    console.log(`  ${n.toLocaleString('en')} objects: OpsApp ${ops.toFixed(0)} ms, cdk8s ${plain.toFixed(0)} ms, JSON.stringify ${json.toFixed(1)} ms`);
    const goal = n >= 10_000;
    if (goal) {
      report(`${n.toLocaleString('en')} objects OpsApp / cdk8s`, ops / plain, 0.33);
      report(`${n.toLocaleString('en')} objects OpsApp / JSON.stringify`, ops / json, 10);
      const [rssOps, rssPlain] = peakRss(['objects', 'opskit', String(n)], ['objects', 'cdk8s', String(n)]);
      console.log(`  ${n.toLocaleString('en')} objects peak RSS (fresh processes, build + synth, median of ${RSS_RUNS}): OpsApp ${rssOps.toFixed(0)} MB, cdk8s ${rssPlain.toFixed(0)} MB`);
      report(`${n.toLocaleString('en')} objects peak RSS OpsApp / cdk8s`, rssOps / rssPlain, 1);
    } else {
      console.log(`  ${n.toLocaleString('en')} objects OpsApp / cdk8s: ${(ops / plain).toFixed(2)}×, OpsApp / JSON.stringify: ${(ops / json).toFixed(1)}× (no goal at this size)`);
    }
  }
}

/** Construction + synth of the platform program at `scale`, and the synth alone. */
function platformOnce(scale: number): { total: number; synth: number } {
  const dir = tempDir();
  let app!: opskit.OpsApp;
  const build = timeIt(() => { app = opsApp(dir); definePlatform(opskit, app, scale); });
  const synth = timeIt(() => app.synth());
  fs.rmSync(dir, { recursive: true, force: true });
  return { total: build + synth, synth };
}

function benchPlatform(): void {
  console.log(`\n(b) the platform program (construction + synth; median of ${PLATFORM_RUNS} rotated rounds after a ×1 warm-up)`);
  if (WARMUP > 0) platformOnce(1);
  const totals = new Map<number, number[]>(SCALES.map((s) => [s, []]));
  const synths = new Map<number, number[]>(SCALES.map((s) => [s, []]));
  for (let round = 0; round < PLATFORM_RUNS; round++) {
    for (let k = 0; k < SCALES.length; k++) {
      const scale = SCALES[(round + k) % SCALES.length];
      (global as any).gc?.();
      const r = platformOnce(scale);
      totals.get(scale)!.push(r.total);
      synths.get(scale)!.push(r.synth);
    }
  }
  for (const scale of SCALES) {
    const [rss] = peakRss(['platform', String(scale)]);
    console.log(`  ×${scale}: ${median(totals.get(scale)!).toFixed(0)} ms (synth ${median(synths.get(scale)!).toFixed(0)} ms), peak RSS ${rss.toFixed(0)} MB`);
  }
  for (let i = 1; i < SCALES.length; i++) {
    const [a, b] = [SCALES[i - 1], SCALES[i]];
    report(`platform ×${b} / ×${a} time`, median(totals.get(b)!) / median(totals.get(a)!), 2.2 * (b / a) / 2);
  }
}

/**
 * The exports programs read, each against the goal: the quickstart's, and an operator platform's with SLOs and a
 * Helm chart; and every export (what the eager index used to load), for the record.
 */
const REALISTIC_IMPORTS: ReadonlyArray<readonly [string, string[] | 'all', boolean]> = [
  ['the quickstart\'s exports', ['FileArtifact', 'OpsApp'], true],
  ['an operator platform\'s exports', ['OpsApp', 'Operator', 'CustomResourceDefinition', 'Schema', 'ServiceLevelObjective', 'HelmChart', 'HelmValue'], true],
  ['every export', 'all', false],
];

interface RequireCost { ms: number; rssMb: number; barrel: boolean; k8sModule: boolean }

/** `read`: exports read after the require (what a program's `import { … }` makes it load), or all of them. */
function requireCost(modules: string[], read: string[] | 'all' = []): RequireCost {
  const script = `
    const before = process.memoryUsage().rss;
    const t = process.hrtime.bigint();
    for (const m of ${JSON.stringify(modules)}) {
      const mod = require(m);
      const read = ${JSON.stringify(read)};
      for (const name of read === 'all' ? Object.keys(mod) : read) void mod[name];
    }
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const rssMb = (process.memoryUsage().rss - before) / 1e6;
    const keys = Object.keys(require.cache);
    const barrel = keys.some((k) => /@cdktn[\\\\/]provider-aws[\\\\/]lib[\\\\/]index\\.js$/.test(k));
    const k8sModule = keys.some((k) => /cdk8s-plus-33[\\\\/]lib[\\\\/]imports[\\\\/]k8s\\.js$/.test(k));
    process.stdout.write(JSON.stringify({ ms, rssMb, barrel, k8sModule }));`;
  const samples: RequireCost[] = [];
  for (let i = 0; i < Math.max(RUNS, 5); i++) {
    samples.push(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
  }
  return {
    ms: median(samples.map((s) => s.ms)),
    rssMb: median(samples.map((s) => s.rssMb)),
    barrel: samples.some((s) => s.barrel),
    k8sModule: samples.some((s) => s.k8sModule),
  };
}

let compiled: { lib: string; child: string } | undefined;

/** The library and the bench's child program compiled to JavaScript in .bench/ (once per run). */
function compiledBench(): { lib: string; child: string } {
  if (compiled) return compiled;
  const lib = compileLibrary();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  for (const name of ['objects', 'platform', 'child']) {
    const source = fs.readFileSync(path.join(__dirname, 'bench', `${name}.ts`), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    fs.writeFileSync(path.join(ROOT, '.bench', `${name}.js`), js);
  }
  compiled = { lib, child: path.join(ROOT, '.bench', 'child.js') };
  return compiled;
}

function compileLibrary(): string {
  // a plain tsc build of the library (the same JavaScript jsii emits), so require() measures real code
  const out = path.join(ROOT, '.bench', 'lib');
  fs.rmSync(path.join(ROOT, '.bench'), { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', out, '--noEmitOnError', 'false', '--declaration', 'false', '--inlineSourceMap', 'false', '--inlineSources', 'false'], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    // type errors are the test suite's business; the emitted JavaScript is what is measured
    if (!fs.existsSync(path.join(out, 'index.js'))) throw e;
  }
  fs.cpSync(path.join(ROOT, 'src', 'core', 'schema', 'generated'), path.join(out, 'core', 'schema', 'generated'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.bench', 'package.json'), fs.readFileSync(path.join(ROOT, 'package.json')));
  // the lazy package index, as `npx projen compile` makes it
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'lazy-index.js'), out], { cwd: ROOT, stdio: 'pipe' });
  return path.join(out, 'index.js');
}

function benchRequire(): void {
  console.log('\n(c) require cost in fresh processes (median of 5 or more)');
  const lib = compiledBench().lib;
  const base = requireCost(['cdk8s', 'cdktn']);
  const ops = requireCost([lib]);
  console.log(`  require('cdk8s') + require('cdktn'): ${base.ms.toFixed(0)} ms, +${base.rssMb.toFixed(0)} MB`);
  // the package index is lazy (scripts/lazy-index.js): require('opskit') alone loads nothing, so the goal is measured
  // on what a program pays, the modules of the exports it reads
  console.log(`  require('opskit') alone: ${ops.ms.toFixed(1)} ms, +${ops.rssMb.toFixed(0)} MB (the index loads a module when one of its exports is first read)`);
  for (const [what, names, goal] of REALISTIC_IMPORTS) {
    const used = requireCost([lib], names);
    const line = `require('opskit') reading ${what}${names === 'all' ? '' : ` (${names.join(', ')})`} / require('cdk8s') + require('cdktn') time`;
    if (goal) {
      report(line, used.ms / base.ms, 1.3);
    } else {
      console.log(`  ${line}: ${(used.ms / base.ms).toFixed(2)}× (${used.ms.toFixed(0)} ms, +${used.rssMb.toFixed(0)} MB; for the record)`);
    }
  }
  console.log(`  cdk8s-plus-33's k8s module loaded by require('opskit'): ${ops.k8sModule ? 'yes' : 'no'}`);
  console.log(`  @cdktn/provider-aws barrel loaded by require('opskit'): ${ops.barrel ? 'YES (regression)' : 'no'}`);
  if (ops.barrel) process.exitCode = 1;
}

function main(): void {
  console.log(`opskit benchmarks: node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('ratios compare contenders measured in the same run; absolute times depend on the machine and its load');
  if (!ONLY || ONLY.includes('objects')) benchObjects();
  if (!ONLY || ONLY.includes('platform')) benchPlatform();
  if (!ONLY || ONLY.includes('require')) benchRequire();
  console.log(`\n${failed === 0 ? 'every goal met' : `${failed} goal(s) NOT met`}`);
}

main();
