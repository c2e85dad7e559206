import { Duration } from 'cdk8s';
import {
  checkedPromDuration, DurationSyntax, durationExpression, durationFix, durationPropMs, durationPropSeconds, durationSeconds, durationValueProblems,
  formatGoDuration, formatGrafanaDuration, formatPromDuration, isPromDuration, parseDuration,
  parseGoDuration, parsePromDuration, promDuration,
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

  test.each([
    ['a Duration of whole milliseconds', Duration.seconds(1), {}, []],
    ['a zero Duration where zero is allowed', Duration.seconds(0), {}, []],
    ['an optional prop left out', undefined, { allowZero: false }, []],
    ['text (a JavaScript caller)', '5m', {}, ['must be a cdk8s Duration, got "5m" — use Duration.minutes(5) (a cdk8s Duration, imported from \'cdk8s\')']],
    ['Go text', '1.5s', {}, ['must be a cdk8s Duration, got "1.5s" — use Duration.millis(1500) (a cdk8s Duration, imported from \'cdk8s\')']],
    ['text opskit cannot read', 'five minutes', {}, ['must be a cdk8s Duration, got "five minutes" — use a cdk8s Duration (imported from \'cdk8s\'), e.g. Duration.minutes(5)']],
    ['a number', 30, {}, ['must be a cdk8s Duration, got 30 — use a cdk8s Duration, e.g. Duration.seconds(30) if the number is seconds']],
    ['a fraction of a millisecond', Duration.millis(0.5), {}, ['must be a whole number of milliseconds, got 0.5 ms — round it, e.g. Duration.minutes(5)']],
    ['not a number of milliseconds', Duration.seconds(NaN), {}, ['must be a whole number of milliseconds, got NaN — round it, e.g. Duration.minutes(5)']],
    ['a negative object', { toMilliseconds: () => -1 }, {}, ['must not be negative, got -1 ms — use e.g. Duration.minutes(5)']],
    ['an object whose conversion throws', { toMilliseconds: () => { throw new Error('no'); } }, {}, ['must be a whole number of milliseconds, got NaN — round it, e.g. Duration.minutes(5)']],
    ['zero where it is not allowed', Duration.minutes(0), { allowZero: false, zeroFix: 'leave it out' }, ['must be longer than 0, got 0 ms — leave it out']],
    ['milliseconds where the consumer counts seconds', Duration.millis(1500), { resolutionMs: 1000 as const }, ['must be a whole number of seconds, got 1500 ms — round it, e.g. Duration.minutes(5)']],
    ['more than Go\'s time.Duration holds', Duration.days(200_000), {}, ['must be at most 106751d (Go\'s time.Duration), got 17280000000000 ms — use e.g. Duration.minutes(5)']],
  ])('durationValueProblems: %s', (_name, value, check, messages) => {
    expect(durationValueProblems('interval', value, check).map((p) => `${p.expected}, got ${p.got} — ${p.fix}`)).toEqual(messages);
  });

  test.each([
    [Duration.minutes(90), '1h30m'], [Duration.days(28), '4w'], [Duration.days(30), '30d'], [Duration.days(365), '1y'],
    [Duration.millis(1500), '1s500ms'], [Duration.seconds(0), '0s'], [Duration.hours(36), '1d12h'],
  ])('promDuration(%s) is Prometheus\'s canonical %p', (d, text) => {
    expect(promDuration(d)).toBe(text);
    expect(parsePromDuration(text)).toBe(d.toMilliseconds());
  });

  test('checkedPromDuration gives the text, or nothing and the problem', () => {
    const out: any[] = [];
    expect(checkedPromDuration('for', Duration.minutes(5), out)).toBe('5m');
    expect(checkedPromDuration('for', undefined, out)).toBeUndefined();
    expect(out).toEqual([]);
    expect(checkedPromDuration('for', '5m', out)).toBeUndefined();
    expect(out).toEqual([expect.objectContaining({ field: 'for', expected: 'must be a cdk8s Duration' })]);
  });

  test.each([
    [86_400_000 * 7, '7d', 'Duration.days(7)'], [5_400_000, '90m', 'Duration.minutes(90)'], [3_600_000, '1h', 'Duration.hours(1)'],
    [45_000, '45s', 'Duration.seconds(45)'], [0, '0s', 'Duration.seconds(0)'],
  ])('%p ms is Grafana %p and %p', (ms, grafana, expression) => {
    expect(formatGrafanaDuration(ms)).toBe(grafana);
    expect(durationExpression(ms)).toBe(expression);
  });

  test('durationFix names the factory call for text it reads', () => {
    expect(durationFix('4w')).toBe('use Duration.days(28) (a cdk8s Duration, imported from \'cdk8s\')');
    expect(durationFix(null, 'Duration.hours(6)')).toBe('use a cdk8s Duration (imported from \'cdk8s\'), e.g. Duration.hours(6)');
  });
});

describe('durationPropSeconds (Kubernetes …Seconds fields)', () => {
  test.each<[string, unknown, number]>([
    ['whole seconds in range', Duration.seconds(10), 10],
    ['minutes are converted', Duration.minutes(0.5), 30],
    ['the lower bound', Duration.seconds(1), 1],
  ])('accepts %s', (_name, value, seconds) => {
    expect(durationPropSeconds('timeout', value, { min: 1, max: 30 })).toEqual({ seconds, problems: [] });
  });

  test('leaves an unset prop alone', () => {
    expect(durationPropSeconds('timeout', undefined, { min: 1, max: 30 })).toEqual({ problems: [] });
  });

  test.each<[string, unknown, string, string]>([
    ['a number of seconds (plain JavaScript)', 10, 'must be a cdk8s Duration', '10'],
    ['a text', '10s', 'must be a cdk8s Duration', '"10s"'],
    ['a fraction of a second', Duration.millis(1500), 'must be whole seconds, between 1 s and 30 s', '"1.5 s"'],
    ['above the maximum', Duration.minutes(1), 'must be whole seconds, between 1 s and 30 s', '"60 s"'],
    ['below the minimum', Duration.seconds(0), 'must be whole seconds, between 1 s and 30 s', '"0 s"'],
  ])('reports %s', (_name, value, expected, got) => {
    const { seconds, problems } = durationPropSeconds('timeout', value, { min: 1, max: 30 });
    expect(seconds).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ field: 'timeout', expected, got })]);
  });

  test('without a maximum, only the minimum applies', () => {
    expect(durationPropSeconds('terminationGracePeriod', Duration.hours(1), { min: 0 }).seconds).toBe(3600);
    expect(durationPropSeconds('terminationGracePeriod', Duration.seconds(0), { min: 0 }).seconds).toBe(0);
    expect(durationPropSeconds('interval', Duration.seconds(2), { min: 5 }).problems[0].expected).toBe('must be whole seconds, at least 5 s');
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

describe('cdk8s Duration props', () => {
  test.each([
    [Duration.seconds(30), '30s'],
    [Duration.minutes(1.5), '1m30s'],
    [Duration.days(28), '4w'],
    [Duration.millis(1500), '1s500ms'],
    [Duration.seconds(0), '0s'],
  ])('promDuration(%p) is %p', (d, text) => {
    expect(promDuration(d)).toBe(text);
  });

  test.each([
    ['a Duration', Duration.seconds(30), 0, 30_000, []],
    ['nothing', undefined, 0, undefined, []],
    ['a text', '30s', 0, undefined, ['interval must be a cdk8s Duration']],
    ['a plain object', { seconds: 30 }, 0, undefined, ['interval must be a cdk8s Duration']],
    ['a fraction of a millisecond', Duration.millis(0.5), 0, undefined, ['interval must be a whole number of milliseconds']],
    ['a duration below the minimum', Duration.seconds(0), 1000, undefined, ['interval must be at least 1s']],
    ['a negative object', { toMilliseconds: () => -1 }, 0, undefined, ['interval must not be negative']],
  ])('durationPropMs of %s', (_name, value, minMs, ms, problems) => {
    const r = durationPropMs('interval', value, { minMs });
    expect(r.ms).toBe(ms);
    expect(r.problems.map((p) => `${p.field} ${p.expected}`)).toEqual(problems);
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
});
