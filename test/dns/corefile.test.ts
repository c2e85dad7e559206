import { Duration } from 'cdk8s';
import { OpsErrors } from '../../src/core/ops-error';
import { Corefile, ForwardPolicy, ForwardTransport, ServeStaleRefresh } from '../../src/dns';

describe('Corefile', () => {
  test('renders typed server blocks', () => {
    // GIVEN
    const corefile = Corefile.fromServerBlocks([{
      zone: 'example.com',
      bind: ['fd00::10'],
      cache: {
        successCapacity: 5000,
        successTtl: Duration.seconds(60),
        serveStale: { duration: Duration.hours(1), refreshMode: ServeStaleRefresh.VERIFY },
        servfail: Duration.seconds(5),
      },
      forward: { to: ['[fd00::53]:53', '10.0.0.2'], transport: ForwardTransport.PREFER_UDP, policy: ForwardPolicy.SEQUENTIAL, healthCheck: Duration.millis(500) },
      health: { host: 'fd00::10', port: 8080 },
      prometheus: '[fd00::10]:9253',
      suppressAaaa: true,
    }]);
    // WHEN
    const text = corefile.render();
    // THEN
    expect(text).toBe([
      'example.com:53 {', '    errors', '    cache {', '            success 5000 60', '            serve_stale 1h verify', '            servfail 5s', '    }',
      '    reload', '    loop', '    bind fd00::10', '    forward . [fd00::53]:53 10.0.0.2 {', '            prefer_udp', '            policy sequential',
      '            health_check 500ms', '    }', '    template IN AAAA {', '            rcode NOERROR', '    }', '    prometheus [fd00::10]:9253',
      '    health [fd00::10]:8080', '    }', '',
    ].join('\n'));
    expect(corefile.zones).toEqual(['example.com']);
    expect(corefile.validate()).toEqual([]);
  });

  test('fails when options are out of range, listing every problem', () => {
    // GIVEN
    const corefile = Corefile.fromServerBlocks([{ zone: 'a', forward: { to: ['fd00::53:53x'], maxConcurrent: 0 }, cache: { prefetch: { amount: 1, percentage: 5 } } }]);
    // THEN
    expect(corefile.validate()).toEqual([
      'serverBlocks[0].cache.prefetch.percentage must be a whole percentage between 10 and 90, got 5 — e.g. 20 [dns/cache]',
      'serverBlocks[0].forward.to[0] must bracket an IPv6 address that has a port, got "fd00::53:53x" — write [fd00::53]:53 [dns/ipv6-brackets]',
      'serverBlocks[0].forward.maxConcurrent must be an integer > 0, got 0 — e.g. 1000 [dns/forward-options]',
    ]);
    let error: any;
    try {
      corefile.render();
    } catch (e) {
      error = e;
    }
    expect(OpsErrors.isOpsError(error)).toBe(true);
    expect(OpsErrors.problemsOf(error).map((p) => [p.field, p.path])).toEqual([
      ['serverBlocks[0].cache.prefetch.percentage', 'Corefile'], ['serverBlocks[0].forward.to[0]', 'Corefile'], ['serverBlocks[0].forward.maxConcurrent', 'Corefile'],
    ]);
    expect(error.message).toMatch(/^3 problems:\n1\) serverBlocks\[0\]\.cache\.prefetch\.percentage must be a whole percentage between 10 and 90, got 5 — e\.g\. 20 \[dns\/cache\]\n    at path \[Corefile\]/);
  });
});
