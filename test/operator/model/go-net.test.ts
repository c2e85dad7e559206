import { isGoMAC, parseCIDRSloppy, parseIPSloppy, parseIPStrict, parseNetipAddr } from '../../../src/operator/model/go-net';

describe('Go IP parsing', () => {
  test.each([
    ['10.0.0.1', [10, 0, 0, 1]],
    ['010.0.0.1', undefined],
    ['1.2.3.256', undefined],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['1:2:3:4:5:6:7::', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['00001::', undefined],
    ['fe80::1%eth0', undefined],
  ])('net.ParseIP(%j)', (s, bytes) => {
    expect(parseIPStrict(s)).toEqual(bytes);
  });

  test('netip keeps the zone apart', () => {
    expect(parseNetipAddr('fe80::1%eth0')?.zone).toBe('eth0');
  });

  test.each([
    ['010.0.0.1', [10, 0, 0, 1]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]],
    ['00001::', [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  ])('ParseIPSloppy(%j)', (s, bytes) => {
    expect(parseIPSloppy(s)).toEqual(bytes);
  });

  test.each([
    ['10.0.0.0/8', 8],
    ['1.2.3.4/08', 8],
    ['10.0.0.0/33', undefined],
    ['fd00::/64', 64],
  ])('ParseCIDRSloppy(%j) has prefix %j', (s, bits) => {
    expect(parseCIDRSloppy(s)?.bits).toBe(bits);
  });

  test.each([
    ['00:1a:2b:3c:4d:5e', true],
    ['00-1a-2b-3c-4d-5e', true],
    ['001a.2b3c.4d5e', true],
    ['001a2b3c4d5e', true],
    ['00:1a-2b:3c:4d:5e', false],
    ['00:1a:2b:3c:4d', false],
  ])('net.ParseMAC(%j) succeeds: %s', (s, ok) => {
    expect(isGoMAC(s)).toBe(ok);
  });
});
