import { Duration } from 'cdk8s';
import {
  DurationSyntax, durationProblems, durationSeconds, formatGoDuration, formatPromDuration, isPromDuration, notDurationProblems, parseDuration,
  parseGoDuration, parsePromDuration,
} from '../../src/core/duration';

// Verdicts of Go's time.ParseDuration and Prometheus's model.ParseDuration (prometheus/common v0.74.0);
// test/core/primitives.oracle.test.ts checks the same parsers differentially.
describe('duration', () => {
  test.each([
    ['0', 0],
    ['-0', 0],
    ['30s', 30_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['1.s', 1000],
    ['.5s', 500],
    ['500ms', 500],
    ['2us', 0.002],
    ['2\u00b5s', 0.002],
    ['-2m', -120_000],
    ['+1h', 3_600_000],
    ['1m1m', 120_000],
    ['.s', undefined],
    ['1', undefined],
    ['1d', undefined],
    ['1h 30m', undefined],
    ['', undefined],
    ['-', undefined],
    ['1mss', undefined],
  ])('Go duration %p is %p ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  test.each([
    ['0', 0],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['4w', 28 * 86_400_000],
    ['1y', 365 * 86_400_000],
    ['100ms', 100],
    ['1.5s', undefined],
    ['30m1h', undefined],
    ['1m1m', undefined],
    ['-5m', undefined],
    ['', undefined],
    ['5', undefined],
  ])('Prometheus duration %p is %p ms', (text, ms) => {
    expect(parsePromDuration(text)).toBe(ms);
    expect(isPromDuration(text)).toBe(ms !== undefined);
  });

  test('parseDuration dispatches on the syntax', () => {
    expect(parseDuration('1.5s', DurationSyntax.GO)).toBe(1500);
    expect(parseDuration('1.5s', DurationSyntax.PROMETHEUS)).toBeUndefined();
  });

  test.each([
    [0, '0s'], [28 * 86_400_000, '4w'], [30 * 86_400_000, '30d'], [5_400_000, '1h30m'], [1500, '1s500ms'],
  ])('Prometheus text of %p ms is %p', (ms, text) => {
    expect(formatPromDuration(ms)).toBe(text);
  });

  test.each([
    [0, '0s'], [3_600_000, '1h'], [5_400_000, '90m'], [30_000, '30s'], [1500, '1500ms'],
  ])('Go text of %p ms is %p', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
    expect(parseGoDuration(text)).toBe(ms);
  });

  test('durationProblems wants whole, non-negative milliseconds', () => {
    expect(durationProblems('interval', 1000)).toEqual([]);
    expect(durationProblems('interval', 0.5)).toEqual([expect.objectContaining({ field: 'interval', expected: 'must be a whole number of milliseconds' })]);
    expect(durationProblems('interval', -1)).toEqual([expect.objectContaining({ expected: 'must not be negative' })]);
    expect(durationProblems('interval', 500, 1000)).toEqual([expect.objectContaining({ expected: 'must be at least 1s' })]);
  });
});

describe('Prometheus durations', () => {
  test.each([
    ['5m', 300000], ['1h30m', 5400000], ['30d', 2592000000], ['4w', 2419200000], ['1y', 31536000000], ['0', 0], ['250ms', 250], ['24h', 86400000],
  ])('%s parses to %d ms', (text, ms) => {
    expect(parsePromDuration(text)).toBe(ms);
  });

  test.each(['', '5', '5 m', '1m1h', '-5m', '1.5h', '5mins', '1d1d'])('%p is not a duration', (text) => {
    expect(isPromDuration(text)).toBe(false);
    expect(parsePromDuration(text)).toBeUndefined();
  });

  test.each([
    ['30d', '30d'], ['28d', '4w'], ['7d', '1w'], ['14d', '2w'], ['24h', '1d'], ['72h', '3d'], ['90m', '1h30m'], ['365d', '1y'], ['0', '0s'], ['36h', '1d12h'],
  ])('%s prints as %s (model.Duration.String)', (text, printed) => {
    expect(formatPromDuration(parsePromDuration(text)!)).toBe(printed);
  });
});

describe('duration props in seconds', () => {
  test.each<[string, Duration | undefined, number | undefined]>([
    ['minutes', Duration.minutes(5), 300],
    ['seconds', Duration.seconds(10), 10],
    ['a fraction of a second (reported by the caller, not thrown by cdk8s)', Duration.millis(1500), 1.5],
    ['half a millisecond', Duration.millis(0.5), 0.0005],
    ['a prop left out', undefined, undefined],
  ])('%s', (_name, d, seconds) => {
    expect(durationSeconds(d)).toBe(seconds);
  });

  test.each<[string, unknown, string[]]>([
    ['a Duration', Duration.minutes(1), []],
    ['a prop left out', undefined, []],
    ['a number of seconds', 60, ['period must be a cdk8s Duration, got 60 — use e.g. Duration.minutes(1)']],
    ['a text', '1m', ['period must be a cdk8s Duration, got "1m" — use e.g. Duration.minutes(1)']],
    ['a plain object', { minutes: 1 }, ['period must be a cdk8s Duration, got {"minutes":1} — use e.g. Duration.minutes(1)']],
  ])('notDurationProblems: %s', (_name, value, messages) => {
    expect(notDurationProblems('period', value).map((p) => `${p.field} ${p.expected}, got ${p.got} — ${p.fix}`)).toEqual(messages);
  });
});
