/* eslint-disable no-console */
// Benchmark of opskit's YAML writer: the time to write N Kubernetes-like documents with toYamlDocuments, as
// a ratio to JSON.stringify of the same documents and to the `yaml` package's stringify (the writer opskit
// used before), measured in this process: warm-up, rotated repetitions, medians. Goal: ≤ 10× JSON.stringify.
//
//   node scripts/bench-yaml.mjs            (BENCH_RUNS=7 repetitions, 1k/10k/30k documents)
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
require('ts-node').register({ transpileOnly: true, project: join(ROOT, 'tsconfig.dev.json') });
const { toYamlDocuments } = require(join(ROOT, 'src', 'core', 'yaml.ts'));
const YAML = require('yaml');

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOAL = 10;

function objects(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const name = `app-${i}`;
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'bench', tier: i % 3 === 0 ? 'on' : 'web' };
    if (i % 3 === 0) {
      out.push({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'bench', labels },
        spec: {
          replicas: 2, selector: { matchLabels: labels },
          template: {
            metadata: { labels, annotations: { 'prometheus.io/port': '8080', description: `serves ${name}\nsecond line\n` } },
            spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.2.3', args: ['--port=8080', '--log-level=info'],
              ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'MODE', value: 'yes' }, { name: 'MASK', value: '0755' }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
          },
        },
      });
    } else if (i % 3 === 1) {
      out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'bench', labels },
        spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    } else {
      out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'bench', labels },
        data: { 'Corefile': `.:53 {\n    errors\n    cache 30\n    forward . /etc/resolv.conf\n}\n`, 'ratio': '1:20', 'empty': '' } });
    }
  }
  return out;
}

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const WRITERS = {
  'JSON.stringify': (docs) => docs.map((d) => JSON.stringify(d)).join('\n'),
  'opskit toYamlDocuments': (docs) => toYamlDocuments(docs),
  'yaml.stringify (previous)': (docs) => docs.map((d) => YAML.stringify(d, { version: '1.1', lineWidth: 0 })).join('---\n'),
};

console.log(`YAML writer benchmark (node ${process.version}, median of ${RUNS} rotated runs after a warm-up)`);
let met = true;
for (const n of [1_000, 10_000, 30_000]) {
  const docs = objects(n);
  const names = Object.keys(WRITERS);
  for (const name of names) WRITERS[name](docs.slice(0, Math.min(n, 2_000)));
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) {
    // rotate the order so that no writer always runs first (GC, caches)
    for (let j = 0; j < names.length; j++) {
      const name = names[(run + j) % names.length];
      samples[name].push(time(() => WRITERS[name](docs)));
    }
  }
  const json = median(samples['JSON.stringify']);
  const ours = median(samples['opskit toYamlDocuments']);
  const previous = median(samples['yaml.stringify (previous)']);
  const ratio = ours / json;
  met &&= ratio <= GOAL;
  console.log(`${n.toLocaleString('en')} documents: JSON.stringify ${json.toFixed(1)} ms, opskit ${ours.toFixed(1)} ms `
    + `(${ratio.toFixed(2)}× JSON, goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'NOT met'}), yaml.stringify ${previous.toFixed(1)} ms `
    + `(${(previous / ours).toFixed(1)}× slower than opskit)`);
}
if (!met) process.exitCode = 1;
