import { boolFlag, parseFlags } from '../../../src/dns/model/rule-support';

describe('rule support', () => {
  test('parses Go flags in every form', () => {
    const f = parseFlags(['-localip', '1.2.3.4', '--conf=/etc/Corefile', '-skipteardown', '-setupiptables=false', 'stray']);
    expect([...f.entries()]).toEqual([['localip', '1.2.3.4'], ['conf', '/etc/Corefile'], ['skipteardown', 'true'], ['setupiptables', 'false']]);
    expect(boolFlag(f, 'setupiptables', true)).toBe(false);
    expect(boolFlag(f, 'setupinterface', true)).toBe(true);
  });
});
