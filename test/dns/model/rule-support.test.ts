import { boolFlag, parseFlags, parseGoDuration, parseQuantity } from '../../../src/dns/model/rule-support';

describe('rule support', () => {
  test('parses Go flags in every form', () => {
    const f = parseFlags(['-localip', '1.2.3.4', '--conf=/etc/Corefile', '-skipteardown', '-setupiptables=false', 'stray']);
    expect([...f.entries()]).toEqual([['localip', '1.2.3.4'], ['conf', '/etc/Corefile'], ['skipteardown', 'true'], ['setupiptables', 'false']]);
    expect(boolFlag(f, 'setupiptables', true)).toBe(false);
    expect(boolFlag(f, 'setupinterface', true)).toBe(true);
  });

  test.each([['30s', 30], ['1h30m', 5400], ['500ms', 0.5], ['0', 0], ['5', undefined], ['', undefined], ['1d', undefined]])('parseGoDuration(%j) = %s', (t, v) => {
    expect(parseGoDuration(t)).toBe(v);
  });

  test('nanoseconds', () => expect(parseGoDuration('60ns')).toBeCloseTo(60e-9, 15));

  test.each([['5Mi', 5 * 1024 * 1024], ['128M', 128e6], ['1Gi', 1024 ** 3], ['100m', 0.1], ['1e3', 1000], ['lots', undefined]])('parseQuantity(%j) = %s', (t, v) => {
    expect(parseQuantity(t)).toBe(v);
  });
});
