import { compileRule } from '../../../src/operator/model/cel-compile';
import { schemaDeclType } from '../../../src/operator/model/cel-types';

const spec = {
  type: 'object',
  properties: {
    'a': { type: 'integer' },
    's': { type: 'string' },
    'l': { type: 'array', items: { type: 'string' } },
    'bl': { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 10 } },
    'd': { type: 'string', format: 'duration' },
    'i': { 'x-kubernetes-int-or-string': true },
    'm': { 'type': 'object', 'x-kubernetes-map-type': 'atomic', 'additionalProperties': { type: 'string' } },
    'a-b': { type: 'integer' },
  },
};
const self = schemaDeclType(spec, false)!;

describe('compileRule', () => {
  // verdicts taken from the API server (apiextensions-apiserver v0.37.2) for the same schema and rule
  test.each([
    ['self.a > 1', undefined],
    ['self.b > 1', "undefined field 'b'"],
    ['self.a + self.s', "found no matching overload for '_+_' applied to '(int, string)'"],
    ['self.a', 'cel expression must evaluate to a bool'],
    ['x > 1', "undeclared reference to 'x'"],
    ['self.l.sum() == ""', "found no matching overload for 'sum' applied to 'list(string).()'"],
    ['self.a == 1.0', "found no matching overload for '_==_' applied to '(int, double)'"],
    ['self.a < 1.0', undefined],
    ["[1, 'a'].size() > 0", "expected type 'int' but found 'string'"],
    ['self.?a.orValue(0) > 0', undefined],
    ["duration('1x') > duration('1s')", 'invalid duration argument'],
    ["self.d > duration('1s')", undefined],
    ['self.i == 1', undefined],
    ['self.i', 'cel expression must evaluate to a bool'],
    ['self.a__dash__b > 1', undefined],
    ['self.a == null', "found no matching overload for '_==_' applied to '(int, null_type)'"],
    ['type(self.a) == int', undefined],
    ["quantity('1').isLessThan(quantity('2'))", undefined],
    ["sets.contains(self.l, ['a'])", undefined],
    ["self.l.map(x, x.size()).sum() == 'a'", "found no matching overload for '_==_' applied to '(int, string)'"],
    ['self.s.reverse() == self.s', "found no matching overload for 'reverse' applied to 'string.()'"],
    ['self.m == oldSelf.m', undefined],
  ])('%s → %s', (rule, error) => {
    // WHEN
    const c = compileRule({ rule }, self);
    // THEN
    if (error === undefined) expect(c.error).toBeUndefined();
    else expect(c.error).toContain(error);
  });

  test('a messageExpression must evaluate to a string', () => {
    expect(compileRule({ rule: 'self.a > 1', messageExpression: 'self.a' }, self).messageExpressionError).toBe('messageExpression must evaluate to a string');
    expect(compileRule({ rule: 'self.a > 1', messageExpression: "'a is ' + string(self.a)" }, self).messageExpressionError).toBeUndefined();
  });

  test('oldSelf is optional with optionalOldSelf', () => {
    expect(compileRule({ rule: 'oldSelf.hasValue() && oldSelf.value().a > 0', optionalOldSelf: true }, self).error).toBeUndefined();
    expect(compileRule({ rule: 'oldSelf.hasValue()' }, self).error).toContain("found no matching overload for 'hasValue'");
    expect(compileRule({ rule: 'self.a == oldSelf.a' }, self).usesOldSelf).toBe(true);
  });

  test.each([
    // cost of one evaluation; the API server's figures (read back from its over-budget factor under a bounded list)
    ['self.a > 1', 3],
    ["self.bl.all(x, x == 'a')", 53],
    ["self.s.contains('a')", 314575],
  ])('estimates %s at %d', (rule, cost) => {
    expect(compileRule({ rule }, self).cost).toBe(cost);
  });

  test('optional indexes are not modelled: no verdict', () => {
    expect(compileRule({ rule: 'self.l[?0].hasValue()' }, self).unsupported).toBeDefined();
  });
});
