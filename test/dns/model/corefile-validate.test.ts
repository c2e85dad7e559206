import { describeProblem } from '../../../src/core/problem';
import { validateCacheModel, validateForwardModel, validateServerBlockModel } from '../../../src/dns/model/corefile-validate';

describe('corefile-validate', () => {
  test.each([
    ['a fractional TTL', { ttl: 1.5 }, 'c.ttl must be a whole number of seconds > 0, got 1.5'],
    ['a min TTL without TTL', { success: { capacity: 1, minTtl: 5 } }, 'c.successMinTtl needs successTtl, got 5'],
    ['a negative min TTL', { denial: { capacity: 1, ttl: 5, minTtl: -1 } }, 'c.denialMinTtl must be a whole number of seconds >= 0, got -1'],
    ['a zero prefetch amount', { prefetch: { amount: 0 } }, 'c.prefetch.amount must be an integer > 0, got 0'],
    ['an unknown refresh mode', { serveStale: { refreshMode: 'later' } }, 'c.serveStale.refreshMode must be immediate or verify, got "later"'],
  ])('cache: fails on %s', (_n, model, message) => {
    expect(validateCacheModel('c', model as any).map(describeProblem)).toEqual([expect.stringContaining(message)]);
  });

  test.each([
    ['no targets', { to: [] }, 'f.to must list between 1 and 15 servers'],
    ['a host name', { to: ['dns.example'] }, 'f.to[0] must be ip[:port], got "dns.example"'],
    ['negative max_fails', { to: ['10.0.0.1'], maxFails: -1 }, 'f.maxFails must be an integer >= 0, got -1'],
    ['a bad except zone', { to: ['10.0.0.1'], except: ['a b'] }, 'f.except[0] must be a DNS zone, got "a b"'],
  ])('forward: fails on %s', (_n, model, message) => {
    expect(validateForwardModel('f', model as any, true).map(describeProblem)).toEqual([expect.stringContaining(message)]);
  });

  test.each([
    ['a bad zone', { zone: 'a b', port: 53 }, 'b.zone must be a DNS zone or "."'],
    ['a bad port', { zone: 'a', port: 0 }, 'b.port must be a port number (an integer from 1 to 65535), got 0'],
    ['a bad bind address', { zone: 'a', port: 53, bind: ['localhost'] }, 'b.bind[0] must be an IP address, got "localhost"'],
    ['a bad health host', { zone: 'a', port: 53, health: { host: 'node', port: 8080 } }, 'b.health.host must be an IP address, got "node"'],
  ])('server block: fails on %s', (_n, model, message) => {
    expect(validateServerBlockModel('b', model as any).map(describeProblem)).toEqual([expect.stringContaining(message)]);
  });
});
