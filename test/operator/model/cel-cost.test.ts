import { parseCel } from '../../../src/operator/model/cel';
import { checkCelAst } from '../../../src/operator/model/cel-check';
import { estimateCelCost } from '../../../src/operator/model/cel-cost';
import { schemaDeclType } from '../../../src/operator/model/cel-types';

const self = schemaDeclType({
  type: 'object',
  properties: {
    a: { type: 'integer' },
    s: { type: 'string' },
    bs: { type: 'string', maxLength: 10 },
    bl: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 10 } },
    m: { type: 'object', additionalProperties: { type: 'string' } },
  },
}, false)!;

function cost(rule: string): number {
  const ast = parseCel(rule).ast;
  return estimateCelCost(ast, checkCelAst(ast, new Map([['self', self.type], ['oldSelf', self.type]])), self);
}

describe('estimateCelCost', () => {
  // the API server's figures for the same rules (read back from its over-budget factor under a bounded list)
  test.each([
    ['self.a > 1', 3],
    ["self.bl.all(x, x == 'a')", 53],
    ["self.s.contains('a')", 314575],
    ['has(self.a)', 1],
    ["self.m.exists(k, k.matches('^a'))", 2359293],
    ["self.bs.matches('^[a-z]+$')", 12],
  ])('%s costs %d', (rule, expected) => {
    expect(cost(rule)).toBe(expected);
  });
});
