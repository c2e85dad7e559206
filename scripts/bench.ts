/* eslint-disable no-console */
// Benchmarks, reported as ratios against a baseline measured in the same run (never absolute times):
//  (a) synth of N objects through OpsApp vs plain cdk8s.App synth of the same objects;
//  (b) require('opskit') time and memory vs requiring cdk8s + cdktn; and whether the
//      @cdktn/provider-aws barrel gets loaded (it must not).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { OpsApp } from '../src';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function addObjects(chart: cdk8s.Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `app-${i}`;
    const labels = { 'app.kubernetes.io/name': name };
    if (i % 2 === 0) {
      new k8s.KubeDeployment(chart, `d${i}`, {
        metadata: { name, labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.2.3', ports: [{ name: 'http', containerPort: 8080 }], args: ['--port=8080', '--log-level=info'] }] },
          },
        },
      });
    } else {
      new k8s.KubeService(chart, `s${i}`, { metadata: { name, labels }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromString('http') }] } });
    }
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function benchSynth(n: number): { baseline: number; opskit: number } {
  const baseline: number[] = [];
  const opskit: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-bench-'));
    // build each app outside the timed region: only synth is compared
    const plain = new cdk8s.App({ outdir: path.join(dir, 'plain') });
    addObjects(new cdk8s.Chart(plain, 'bench', { namespace: 'bench' }), n);
    baseline.push(timeIt(() => plain.synth()));
    const ops = new OpsApp({ outdir: path.join(dir, 'ops'), terraformOutdir: path.join(dir, 'tf') });
    addObjects(ops.chart('bench', { namespace: 'bench' }), n);
    opskit.push(timeIt(() => ops.synth()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { baseline: median(baseline), opskit: median(opskit) };
}

interface RequireCost { ms: number; rssMb: number; barrel: boolean }

function requireCost(modules: string[]): RequireCost {
  const script = `
    const before = process.memoryUsage().rss;
    const t = process.hrtime.bigint();
    for (const m of ${JSON.stringify(modules)}) require(m);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const rssMb = (process.memoryUsage().rss - before) / 1e6;
    const barrel = Object.keys(require.cache).some((k) => /@cdktn[\\\\/]provider-aws[\\\\/]lib[\\\\/]index\\.js$/.test(k));
    process.stdout.write(JSON.stringify({ ms, rssMb, barrel }));`;
  const samples: RequireCost[] = [];
  for (let i = 0; i < Math.max(RUNS, 3); i++) {
    samples.push(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
  }
  return { ms: median(samples.map((s) => s.ms)), rssMb: median(samples.map((s) => s.rssMb)), barrel: samples.some((s) => s.barrel) };
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
  fs.mkdirSync(path.join(out, 'core', 'schema', 'generated'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'src', 'core', 'schema', 'generated', 'k8s-validators.js'), path.join(out, 'core', 'schema', 'generated', 'k8s-validators.js'));
  fs.writeFileSync(path.join(ROOT, '.bench', 'package.json'), fs.readFileSync(path.join(ROOT, 'package.json')));
  return path.join(out, 'index.js');
}

function main(): void {
  console.log(`opskit benchmarks (node ${process.version}, median of ${RUNS} runs; ratios < 1 mean opskit is cheaper)`);
  for (const n of [1_000, 10_000]) {
    const r = benchSynth(n);
    const ratio = r.opskit / r.baseline;
    console.log(`synth ${n.toLocaleString('en')} objects: OpsApp / cdk8s.App = ${ratio.toFixed(2)}${n === 10_000 ? ` (target ≤ 1.20: ${ratio <= 1.2 ? 'met' : 'NOT met'})` : ''}`);
  }
  const lib = compileLibrary();
  const base = requireCost(['cdk8s', 'cdktn']);
  const ops = requireCost([lib]);
  console.log(`require('opskit') / require('cdk8s') + require('cdktn'): time ${(ops.ms / base.ms).toFixed(2)}, memory ${(ops.rssMb / base.rssMb).toFixed(2)}`);
  console.log(`@cdktn/provider-aws barrel loaded by require('opskit'): ${ops.barrel ? 'YES (regression)' : 'no'}`);
  if (ops.barrel) process.exitCode = 1;
}

main();
