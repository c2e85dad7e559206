import fc from 'fast-check';
import { checkFormat } from '../../../src/operator/model/formats';
import { FORMATS, differentialSeed, formatValueArb } from '../../fixtures/operator/cel-cases';
import { widgetCrd } from '../../fixtures/operator/widget-crd';
import { describeWithTool, runTool } from '../../support/tools';

const RUNS = Number(process.env.OPSKIT_FC_RUNS ?? 1600);

/** A CRD with one string field per format (`f0` is FORMATS[0], ...). */
function formatsCrd(): any {
  const properties = Object.fromEntries(FORMATS.map((f, i) => [`f${i}`, { type: 'string', format: f }]));
  return widgetCrd({ spec: { type: 'object', properties } });
}

function widget(format: number, value: string): any {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { [`f${format}`]: value } };
}

function serverAccepts(cases: [number, string][]): boolean[] {
  const input = [formatsCrd(), ...cases.map(([f, v]) => widget(f, v))].map((o) => JSON.stringify(o)).join('\n') + '\n';
  const r = runTool('kube-check', [], { input });
  if (r.status !== 0) throw new Error(`kube-check exited with ${r.status}: ${r.stderr}`);
  const verdicts = r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  if (!verdicts[0].allowed) throw new Error(`kube-check rejected the formats CRD: ${JSON.stringify(verdicts[0].errors)}`);
  return verdicts.slice(1).map((v) => v.allowed);
}

const opskitAccepts = ([f, v]: [number, string]) => checkFormat(FORMATS[f], v) !== false;

describeWithTool('kube-check', 'string formats: opskit and the API server agree (differential)', () => {
  test(`${RUNS} values near each format's edge get the API server's verdict`, () => {
    // GIVEN values near the edges of every format the server checks (and of formats it ignores)
    const seed = differentialSeed('formats.differential');
    const arb = fc.tuple(fc.nat({ max: FORMATS.length - 1 }), formatValueArb);
    const cases = fc.sample(arb, { seed, numRuns: RUNS });
    // WHEN the API server validates a custom resource with each value, and opskit checks the value
    const server = serverAccepts(cases);
    const disagreements = cases.map((c, i) => ({ i, c, server: server[i], opskit: opskitAccepts(c) })).filter((d) => d.server !== d.opskit);
    // THEN they agree; a disagreement is replayed and shrunk against the server
    if (disagreements.length > 0) {
      const agrees = (c: [number, string]) => serverAccepts([c])[0] === opskitAccepts(c);
      const shrunk = fc.check(fc.property(arb, agrees), { seed, path: String(disagreements[0].i), numRuns: RUNS });
      const [f, v] = shrunk.counterexample?.[0] ?? disagreements[0].c;
      throw new Error(`${disagreements.length} of ${RUNS} values disagree (seed ${seed}); shrunk counterexample: format ${FORMATS[f]}, value ${JSON.stringify(v)}, `
        + `server accepts: ${serverAccepts([[f, v]])[0]}, opskit accepts: ${opskitAccepts([f, v])}`);
    }
    expect(server.filter((a) => !a).length).toBeGreaterThan(RUNS / 10);
    expect(server.filter((a) => a).length).toBeGreaterThan(RUNS / 10);
  });
});
