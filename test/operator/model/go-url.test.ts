import { isRequestURI } from '../../../src/operator/model/go-url';

describe('url.ParseRequestURI', () => {
  // verdicts of the API server's uri format (Go 1.26) for the same strings
  test.each([
    ['https://a:80/x?y#z', true],
    ['http://a#b', false],
    ['/abs', true],
    ['rel/x', false],
    ['mailto:x@y', true],
    ['http://[::1]:80/', true],
    ['http://[1.2.3.4]/', false],
    ['http://a b/', false],
    ['http://a%41/', false],
    ['http://a%2g/', false],
    ['*', true],
    ['http://u:p@h/', true],
    ['http://u^p@h/', false],
    ['x://a:b:c/', false],
    ['http://a:b:c/', false],
    ['', false],
    ['http://a/\u0001', false],
  ])('%j → %s', (s, ok) => {
    expect(isRequestURI(s)).toBe(ok);
  });
});
