import { formatGoFloat, formatGoFloatPlain } from '../../../src/observability/model/go-format';

describe('Go float formatting', () => {
  test.each([
    [(100 - 99.9) / 100, '0.0009999999999999432'],
    [99.9 / 100, '0.9990000000000001'],
    [(100 - 99.999) / 100, '1.0000000000047748e-05'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [14.4, '14.4'],
    [2 * 672 / 100 / 1, '13.44'],
    [5 * 672 / 100 / 6, '5.6000000000000005'],
    [30, '30'],
    [1e6, '1e+06'],
    [123456, '123456'],
    [1234567, '1.234567e+06'],
    [-0.5, '-0.5'],
    [0, '0'],
  ])('%p prints as %s (%%g)', (value, text) => {
    expect(formatGoFloat(value)).toBe(text);
  });

  test.each([[99.9, '99.9'], [99.999, '99.999'], [95, '95'], [1e-7, '0.0000001'], [1e21, '1000000000000000000000']])('%p prints as %s (%%f, shortest)', (v, t) => {
    expect(formatGoFloatPlain(v)).toBe(t);
  });
});
