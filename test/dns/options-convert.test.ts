import { Duration } from 'cdk8s';
import { ForwardPolicy, ForwardTransport, ServeStaleRefresh } from '../../src/dns';
import { DEFAULT_CLUSTER_ZONE_CACHE } from '../../src/dns/model/node-local-dns-spec';
import { goDuration, toCacheModel, toForwardModel } from '../../src/dns/options-convert';

describe('options-convert', () => {
  test.each([
    [Duration.seconds(30), '30s'], [Duration.minutes(5), '5m'], [Duration.hours(1), '1h'], [Duration.millis(500), '500ms'], [Duration.seconds(90), '90s'],
  ])('goDuration(%s) is %s', (d, expected) => expect(goDuration(d)).toBe(expected));

  test('cache options override the defaults field by field', () => {
    // WHEN
    const options = { denialTtl: Duration.seconds(10), prefetch: { amount: 3 }, serveStale: { refreshMode: ServeStaleRefresh.VERIFY } };
    const model = toCacheModel(options, DEFAULT_CLUSTER_ZONE_CACHE);
    // THEN
    expect(model).toEqual({
      ttl: undefined,
      success: { capacity: 9984, ttl: 30 },
      denial: { capacity: 9984, ttl: 10, minTtl: undefined },
      prefetch: { amount: 3, duration: undefined, percentage: undefined },
      serveStale: { duration: undefined, refreshMode: 'verify' },
      servfail: undefined,
      keepTtl: undefined,
    });
  });

  test('no cache options keep the base', () => {
    expect(toCacheModel(undefined, DEFAULT_CLUSTER_ZONE_CACHE)).toBe(DEFAULT_CLUSTER_ZONE_CACHE);
  });

  test('forward options: the default transport, CLIENT renders none', () => {
    expect(toForwardModel(undefined, ForwardTransport.FORCE_TCP)).toEqual({ transport: 'force_tcp' });
    expect(toForwardModel({ transport: ForwardTransport.CLIENT }, ForwardTransport.FORCE_TCP)).toEqual({});
    expect(toForwardModel({ policy: ForwardPolicy.ROUND_ROBIN, expire: Duration.seconds(10), maxConcurrent: 100 })).toEqual({ policy: 'round_robin', expire: '10s', maxConcurrent: 100 });
  });
});
