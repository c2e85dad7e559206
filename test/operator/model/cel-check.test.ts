import { parseCel } from '../../../src/operator/model/cel';
import { checkCelAst } from '../../../src/operator/model/cel-check';
import { T, formatType } from '../../../src/operator/model/cel-types';

function check(expr: string, vars = new Map([['x', T.int], ['s', T.string], ['l', T.list(T.int)], ['m', T.map(T.string, T.int)]])) {
  return checkCelAst(parseCel(expr).ast, vars);
}

describe('checkCelAst', () => {
  test.each([
    ['x + 1', 'int'],
    ['[x, 2]', 'list(int)'],
    ['[]', 'list(dyn)'],
    ['l.map(v, v * 2)', 'list(int)'],
    ['l.map(v, string(v))', 'list(string)'],
    ['m.filter(k, m[k] > 1)', 'list(string)'],
    ["{'a': 1}", 'map(string, int)'],
    ['x > 1 ? s : "b"', 'string'],
    ['dyn(x) + 1', 'int'],
    ['optional.of(x).orValue(2)', 'int'],
    ['l.sort().first()', 'optional_type(int)'],
    ['type(x)', 'type(int)'],
    ["duration('1h') + timestamp('2026-01-01T00:00:00Z')", 'google.protobuf.Timestamp'],
  ])('%s has type %s', (expr, type) => {
    const c = check(expr);
    expect(c.errors).toEqual([]);
    expect(formatType(c.type!)).toBe(type);
  });

  test.each([
    ['x + s', "found no matching overload for '_+_' applied to '(int, string)'"],
    ['s.size(1)', "found no matching overload for 'size' applied to 'string.(int)'"],
    ['y', "undeclared reference to 'y' (in container '')"],
    ['x.y', "type 'int' does not support field selection"],
    ['x && true', "expected type 'bool' but found 'int'"],
    ['x.all(v, v)', "expression of type 'int' cannot be range of a comprehension (must be list, map, or dynamic)"],
    ['[1, "a"]', "expected type 'int' but found 'string'"],
    ["s.matches('(')", 'invalid matches argument'],
    ['nope(1)', "undeclared reference to 'nope' (in container '')"],
  ])('%s is a type error: %s', (expr, error) => {
    expect(check(expr).errors[0]).toContain(error);
  });

  test('records overloads and the use of oldSelf', () => {
    const c = checkCelAst(parseCel('self.size() == oldSelf.size()').ast, new Map([['self', T.string], ['oldSelf', T.string]]));
    expect(c.usesOldSelf).toBe(true);
    expect([...c.overloads.values()]).toEqual([['string_size'], ['string_size'], ['equals']]);
    expect(checkCelAst(parseCel('[1].all(oldSelf, oldSelf > 0)').ast, new Map([['oldSelf', T.string]])).usesOldSelf).toBe(false);
  });
});
