import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addObjects } from './bench/objects';
import * as opskit from '../src';
const n = Number(process.env.N ?? 10000);
for (let r = 0; r < Number(process.env.R ?? 6); r++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'));
  const app = new opskit.OpsApp({ outdir: path.join(dir, 'ops'), terraformOutdir: path.join(dir, 'tf') });
  addObjects(app.chart('bench', { namespace: 'bench' }), n);
  const t = process.hrtime.bigint();
  app.synth();
  console.log('synth ms', Number(process.hrtime.bigint() - t) / 1e6);
  fs.rmSync(dir, { recursive: true, force: true });
}
