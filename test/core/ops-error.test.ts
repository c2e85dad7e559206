import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { OpsError } from '../../src/core/ops-error';
import { problem } from '../../src/core/problem';

describe('OpsError', () => {
  test('a single problem reads as one sentence with the construct path', () => {
    // GIVEN
    const chart = Testing.chart();
    const scope = new Construct(chart, 'checkout');
    // WHEN
    const error = OpsError.at(scope, [problem('objective', 'must be > 0 and < 100', 100, 'use e.g. 99.9 for "three nines"')]);
    // THEN
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(OpsError);
    expect(error.name).toBe('OpsError');
    expect(error.message).toBe('objective must be > 0 and < 100, got 100 — use e.g. 99.9 for "three nines"\n    at path [test/checkout]');
    expect(error.problems).toEqual([{ field: 'objective', expected: 'must be > 0 and < 100', got: '100', fix: 'use e.g. 99.9 for "three nines"', rule: undefined, path: 'test/checkout' }]);
  });

  test('several problems are numbered, each with its path', () => {
    const scope = new Construct(Testing.chart(), 'x');
    const error = OpsError.at(scope, [problem('a', 'is required', undefined, 'set a'), problem('b', 'is required', undefined, 'set b')]);
    expect(error.message).toBe('2 problems:\n1) a is required — set a\n    at path [test/x]\n2) b is required — set b\n    at path [test/x]');
  });

  test('throwIfAny throws only when there are problems', () => {
    const scope = new Construct(Testing.chart(), 'x');
    expect(() => OpsError.throwIfAny(scope, [])).not.toThrow();
    expect(() => OpsError.throwIfAny(scope, [problem('f', 'is bad', 1, 'fix it')])).toThrow(/f is bad, got 1 — fix it\n    at path \[test\/x\]/);
  });

  test('of() builds a single-problem error', () => {
    const scope = new Construct(Testing.chart(), 'x');
    expect(OpsError.of(scope, 'port', 'must be ≤ 65535', '70000', 'use a valid port').message).toMatch(/^port must be ≤ 65535, got 70000 — use a valid port/);
  });
});
