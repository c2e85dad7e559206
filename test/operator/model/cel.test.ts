import { parseGoDuration } from '../../../src/core/duration';
import { calledFunctions, CelPrograms, evaluateCel, isStandardCel, parseCel, referencesIdent, toCelValue } from '../../../src/operator/model/cel';

describe('cel', () => {
  test.each([
    ['self.a > 1', undefined],
    ['self.a >', 'expecting'],
    ["self.?a.orValue('')", undefined],
  ])('parseCel(%j) error contains %j', (expr, error) => {
    const parsed = parseCel(expr);
    if (error === undefined) expect(parsed.ast).toBeDefined();
    else expect(parsed.error).toContain(error);
  });

  test('marks optional syntax, which is not evaluated offline', () => {
    const parsed = parseCel("self.?a.orValue('x') == 'x'");
    expect(parsed.optionalSyntax).toBe(true);
    expect(isStandardCel(parsed)).toBe(false);
  });

  test.each([
    ['self.all(x, x.startsWith("a")) && size(self) < 3', true],
    ["self.lowerAscii().split('.').size() > 1", true],
    ["quantity(self).isLessThan(quantity('1Gi'))", true],
    ['self.isSorted()', true],
    ['ip(self).family() == 4', false],
    ["url(self).getHost() == 'x'", false],
  ])('isStandardCel(%j) is %s', (expr, standard) => {
    expect(isStandardCel(parseCel(expr))).toBe(standard);
  });

  test('finds oldSelf and the called functions', () => {
    const ast = parseCel('self.a == oldSelf.a && self.b.matches("x")').ast;
    expect(referencesIdent(ast, 'oldSelf')).toBe(true);
    expect([...calledFunctions(ast)].sort()).toEqual(['_&&_', '_==_', 'matches']);
  });

  test('evaluates with integers as int and objects as maps', () => {
    const self = toCelValue({ n: 2, f: 1.5, l: [1, 2], m: { k: 'v' } }, {
      type: 'object',
      properties: { n: { type: 'integer' }, f: { type: 'number' }, l: { type: 'array', items: { type: 'integer' } }, m: { type: 'object', additionalProperties: { type: 'string' } } },
    });
    expect(evaluateCel('self.n + 1 == 3 && self.f > 1.0 && self.l.exists(x, x == 2) && self.m.k == "v"', { self }).value).toBe(true);
  });

  test('reports a missing key as an error, and an unknown function as unsupported', () => {
    expect(evaluateCel('self.x > 1', { self: new Map() }).error).toBe('no such key: x');
    expect(evaluateCel('ip(self).family() == 4', { self: '10.0.0.1' }).unsupported).toBe(true);
  });
});

describe('typed values', () => {
  const schema = {
    type: 'object',
    properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, every: { type: 'string', format: 'duration' } },
  };

  test('date-time strings are timestamps and duration strings are durations, as in the API server', () => {
    const self = toCelValue({ start: '2026-01-31T23:00:00Z', end: '2026-02-01T00:30:00+01:00', every: '1h30m' }, schema);
    expect(evaluateCel("self.start < self.end && self.end - self.start == duration('30m') && self.every > duration('1h') && self.start.getFullYear() == 2026", { self }).value).toBe(true);
  });

  test.each([
    ['1h30m', 5400000],
    ['-1.5s', -1500],
    ['250ms', 250],
    ['0', 0],
    ['1d', undefined],
  ])('parseGoDuration(%j) is %j', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
});

describe('CelPrograms', () => {
  test('evaluates a compiled program again with new bindings', () => {
    // GIVEN
    const programs = new CelPrograms();
    const schema = { type: 'object', properties: { x: { type: 'integer' } } };
    // WHEN
    const missing = programs.evaluate('self.x > 1', { self: toCelValue({}, schema) });
    const small = programs.evaluate('self.x > 1', { self: toCelValue({ x: 1 }, schema) });
    const large = programs.evaluate('self.x > 1', { self: toCelValue({ x: 2 }, schema) });
    // THEN
    expect(missing).toEqual({ error: 'no such key: x' });
    expect(small).toEqual({ value: false });
    expect(large).toEqual({ value: true });
  });

  test('gives the same outcome every time for an expression that does not parse or is not evaluable', () => {
    // GIVEN
    const programs = new CelPrograms();
    // WHEN
    const outcomes = [1, 2].map(() => [programs.evaluate('self.a >', { self: 1 }), programs.evaluate('ip(self).family() == 4', { self: '10.0.0.1' })]);
    // THEN
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[0].map((o) => o.value)).toEqual([undefined, undefined]);
    expect(outcomes[0][1].unsupported).toBe(true);
    expect(outcomes[0]).toEqual([evaluateCel('self.a >', { self: 1 }), evaluateCel('ip(self).family() == 4', { self: '10.0.0.1' })]);
  });
});
