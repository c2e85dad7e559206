import { cidrContains, formatHostPort, ipEquals, isLoopback, isRecommendedLocalIp, parseCidr, parseIp, parseIpPort } from '../../../src/dns/model/ip';

describe('ip', () => {
  test.each([
    ['169.254.20.10', 4], ['fd00::10', 6], ['::1', 6], ['::ffff:10.0.0.1', 6], ['2001:db8:0:0:0:0:0:1', 6],
  ])('parses %s as IPv%s', (text, family) => {
    expect(parseIp(text)?.family).toBe(family);
  });

  test.each(['169.254.20', '256.1.1.1', '01.2.3.4', 'fd00::10::1', 'fe80::1%eth0', '', '169.254.20.10,'])('rejects %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  test.each([
    ['10.100.0.0/16', '10.100.3.3', true], ['10.100.0.0/16', '10.101.0.1', false], ['fd00::/8', 'fd00::10', true],
    ['169.254.0.0/16', 'fd00::10', false], ['0.0.0.0/0', '8.8.8.8', true],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(parseCidr(cidr)!, parseIp(ip)!)).toBe(expected);
  });

  test.each([['10.0.0.0/33'], ['10.0.0.0'], ['x/8']])('rejects the CIDR %s', (c) => expect(parseCidr(c)).toBeUndefined());

  test('equality, loopback and the recommended ranges', () => {
    expect(ipEquals('fd00::10', 'fd00:0:0::10')).toBe(true);
    expect(isLoopback(parseIp('127.0.0.53')!)).toBe(true);
    expect(isLoopback(parseIp('::1')!)).toBe(true);
    expect(isRecommendedLocalIp(parseIp('169.254.20.10')!)).toBe(true);
    expect(isRecommendedLocalIp(parseIp('10.0.0.1')!)).toBe(false);
  });

  test.each([
    ['169.254.20.10', 8080, '169.254.20.10:8080'], ['fd00::10', 8080, '[fd00::10]:8080'], ['', 9253, ':9253'],
  ])('formats %s with port %s', (host, port, expected) => expect(formatHostPort(host, port)).toBe(expected));

  test.each([
    ['10.0.0.2', true], ['10.0.0.2:5353', true], ['[fd00::53]:53', true], ['fd00::53', true], ['dns://10.0.0.2', true],
    ['[10.0.0.2]:53', false], ['10.0.0.2:70000', false], ['corp-dns:53', false],
  ])('parses the target %s: %s', (t, ok) => expect(!!parseIpPort(t)).toBe(ok));
});
