import fc from 'fast-check';
import { validateAgainstSchema } from '../../../src/operator/model/schema-validator';
import { differentialSeed } from '../../fixtures/operator/cel-cases';
import { widgetCrd } from '../../fixtures/operator/widget-crd';
import { kubeCheck } from '../../support/kube-check';
import { describeWithTool } from '../../support/tools';

const RUNS = Number(process.env.OPSKIT_FC_RUNS ?? 800);

/** Rules that call the Kubernetes library functions opskit evaluates offline. */
const RULES = ['self.l.isSorted()', 'self.li.sum() < 10', 'self.li.max() > 1', 'self.li.min() < 0', "self.s.find('[0-9]+') != ''", "self.s.findAll('[a-z]').size() < 3",
  "quantity(self.q).isLessThan(quantity('2'))", 'isQuantity(self.s)', 'quantity(self.q).isInteger()', "sets.contains(self.l, ['a'])", 'self.li.indexOf(2) == 1',
  "self.l.lastIndexOf('b') >= 0", "quantity(self.q).add(1).isGreaterThan(quantity('1500m'))", "quantity(self.q).compareTo(quantity('1')) > 0",
  'sign(quantity(self.q)) > 0', "self.s.lowerAscii().startsWith('a')", 'self.l.all(x, x.size() < 3)', 'quantity(self.q).asInteger() > 1'];

const spec = {
  type: 'object',
  properties: {
    l: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 10 } },
    li: { type: 'array', maxItems: 10, items: { type: 'integer' } },
    s: { type: 'string', maxLength: 10 },
    q: { type: 'string', maxLength: 10 },
  },
};

const valuesArb = fc.record({
  l: fc.array(fc.constantFrom('a', 'b', 'ab', 'abc')),
  li: fc.array(fc.integer({ min: -2, max: 6 }), { minLength: 1 }),
  s: fc.constantFrom('a1', 'ABC', '12x', '1Gi', '500m', 'x', '1.5', '3e2'),
  q: fc.constantFrom('1', '1500m', '2', '0.5', '1Ki', '3', '-1', '1e0'),
});

function schemaWith(rule: string): any {
  return { ...spec, 'x-kubernetes-validations': [{ rule }] };
}

function crd(rule: string): any {
  return widgetCrd({ spec: schemaWith(rule) });
}

describeWithTool('kube-check', 'Kubernetes CEL functions: opskit evaluates them as the API server does (differential)', () => {
  test(`${RUNS} generated objects get the API server's verdict`, () => {
    // GIVEN a rule calling a library function, and an object
    const seed = differentialSeed('cel-k8s-runtime.differential');
    const cases = fc.sample(fc.tuple(fc.nat({ max: RULES.length - 1 }), valuesArb), { seed, numRuns: RUNS });
    // WHEN the API server creates each object under its CRD, and opskit validates it against the same schema
    const objects = cases.flatMap(([r, v]) => [crd(RULES[r]), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: v }]);
    const verdicts = kubeCheck(objects);
    const disagreements = cases.filter(([r, v], i) => {
      const opskit = validateAgainstSchema(v, schemaWith(RULES[r]), 'spec').problems.length === 0;
      return verdicts[2 * i].allowed && verdicts[2 * i + 1].allowed !== opskit;
    });
    // THEN every CRD is accepted and every verdict agrees
    expect(verdicts.filter((_, i) => i % 2 === 0 && !verdicts[i].allowed)).toEqual([]);
    expect(disagreements.map(([r, v]) => `${RULES[r]} on ${JSON.stringify(v)}`)).toEqual([]);
    expect(verdicts.filter((v, i) => i % 2 === 1 && !v.allowed).length).toBeGreaterThan(RUNS / 5);
  });
});
