import { formatPromDuration, isPromDuration, parsePromDuration } from '../../../src/observability/model/duration';

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
