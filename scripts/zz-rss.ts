import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { addObjects } from './bench/objects';
import * as opskit from '../src';
const n = Number(process.argv[3] ?? 30000);
const mb = () => `rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} max ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rss-'));
console.log('start', mb());
if (process.argv[2] === 'opskit') {
  const app = new opskit.OpsApp({ outdir: path.join(dir, 'ops'), terraformOutdir: path.join(dir, 'tf') });
  addObjects(app.chart('bench', { namespace: 'bench' }), n);
  console.log('built', mb());
  app.synth();
  console.log('synth', mb());
} else {
  const plain = new cdk8s.App({ outdir: path.join(dir, 'plain') });
  const chart = new cdk8s.Chart(plain, 'bench', { namespace: 'bench' });
  addObjects(chart, n);
  console.log('built', mb());
  plain.synth();
  console.log('synth', mb());
}
fs.rmSync(dir, { recursive: true, force: true });
