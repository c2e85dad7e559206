// One build + synth in a fresh process, then the process's peak RSS as JSON on stdout. `npm run bench` runs it
// compiled (in .bench/, beside the compiled library), so that the process holds no TypeScript compiler: ts-node's
// would be most of the figure, the same for both contenders.
//
//   node .bench/child.js objects <opskit|cdk8s> <n>     node .bench/child.js platform <scale>
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { addObjects } from './objects';
import { definePlatform } from './platform';
import type * as Opskit from '../../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const opskit = require('./lib/index.js') as typeof Opskit;

const [what, a, b] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-bench-'));
const opsApp = (): Opskit.OpsApp => new opskit.OpsApp({ outdir: path.join(dir, 'ops'), terraformOutdir: path.join(dir, 'tf') });
if (what === 'objects' && a === 'opskit') {
  const app = opsApp();
  addObjects(app.chart('bench', { namespace: 'bench' }), Number(b));
  app.synth();
} else if (what === 'objects' && a === 'cdk8s') {
  const plain = new cdk8s.App({ outdir: path.join(dir, 'plain') });
  addObjects(new cdk8s.Chart(plain, 'bench', { namespace: 'bench' }), Number(b));
  plain.synth();
} else if (what === 'platform') {
  const app = opsApp();
  definePlatform(opskit, app, Number(a));
  app.synth();
} else {
  throw new Error(`usage: child.js objects <opskit|cdk8s> <n> | platform <scale>, got ${process.argv.slice(2).join(' ')}`);
}
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
