import { App, Chart, ApiObject } from 'cdk8s';
import { addObjects } from './bench/objects';
import { ObjectResolution } from '../src/core/object-resolution';
import { TEMPLATE_VALUE_RESOLVER } from '../src/core/template-values';
const app = new App({ resolvers: [TEMPLATE_VALUE_RESOLVER] });
const chart = new Chart(app, 'bench', { namespace: 'bench' });
addObjects(chart, 10000);
const objs = chart.node.children as ApiObject[];
const mode = process.argv[2];
for (let r = 0; r < 8; r++) {
  const res = ObjectResolution.of(app);
  const t = process.hrtime.bigint();
  let n = 0;
  if (mode === 'slow') for (const o of objs) n += Object.keys(o.toJson()).length;
  else if (mode === 'walkonly') for (const o of objs) n += Object.keys((res as any).walkOnly(o)).length;
  else for (const o of objs) n += Object.keys(res.json(o)).length;
  console.log(mode, Number(process.hrtime.bigint() - t) / 1e6);
}
