import { inspect } from 'util';
import { describeUncaught } from '../../src/app/error-printer';
import { OpsError } from '../../src/core/ops-error';

const error = new OpsError([{ field: 'objective', expected: 'must be below 100', got: '100', fix: 'use e.g. 99.9', path: 'app/slo' }]);

describe('describeUncaught', () => {
  test('an OpsError prints its message once, without a stack trace', () => {
    // WHEN
    const text = describeUncaught(error, false);
    // THEN
    expect(text).toBe('error: objective must be below 100, got 100 — use e.g. 99.9\n    at path [app/slo]\n(set OPSKIT_DEBUG=1 for the stack trace)');
  });

  test('with debug, the full stack trace', () => {
    expect(describeUncaught(error, true)).toMatch(/^OpsError: objective must be below 100[^]*\n    at .*error-printer\.test\.ts/);
  });

  test('other errors print as Node prints them', () => {
    const other = new TypeError('boom');
    expect(describeUncaught(other, false)).toBe(inspect(other));
  });

  test('inspecting an OpsError shows the message, not the problems a second time', () => {
    // WHEN
    const text = inspect(error);
    // THEN
    expect(text).toBe(`OpsError: ${error.message}`);
    expect(Object.keys(error)).not.toContain('problems');
    expect(error.problems).toHaveLength(1);
  });
});
