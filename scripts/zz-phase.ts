import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addObjects } from './bench/objects';
import * as opskit from '../src';
for (let r = 0; r < 4; r++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'));
  const app = new opskit.OpsApp({ outdir: path.join(dir, 'ops'), terraformOutdir: path.join(dir, 'tf') });
  addObjects(app.chart('bench', { namespace: 'bench' }), 10000);
  let t = process.hrtime.bigint();
  const rendered = (app as any)._render();
  const a = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  app.synth();
  const b = Number(process.hrtime.bigint() - t) / 1e6;
  console.log('render', a.toFixed(0), 'synth (render again? + write)', b.toFixed(0), rendered.files.length);
  fs.rmSync(dir, { recursive: true, force: true });
}
