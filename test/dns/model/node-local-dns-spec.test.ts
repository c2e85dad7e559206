import { ProxyMode } from '../../../src/dns';
import { renderCorefile } from '../../../src/dns/model/corefile';
import { corefileFor, kubeletClusterDnsFor, localIpsFor, nodeCacheArgs, NodeLocalDnsSpec } from '../../../src/dns/model/node-local-dns-spec';
import { resolveNodeLocalDnsSpec } from '../../../src/dns/node-local-dns-props';

const spec = (over: Partial<NodeLocalDnsSpec> = {}): NodeLocalDnsSpec => ({ ...resolveNodeLocalDnsSpec({ kubeDnsIp: '10.100.0.10' }), ...over });

describe('node-local-dns spec', () => {
  test.each([
    ['iptables', ['169.254.20.10', '10.100.0.10'], ['10.100.0.10']],
    ['ipvs', ['169.254.20.10'], ['169.254.20.10']],
    ['nftables', ['169.254.20.10', '10.100.0.10'], ['10.100.0.10']],
    ['cilium', ['169.254.20.10', '10.100.0.10'], ['10.100.0.10']],
    ['cilium-address', ['169.254.20.10', '10.100.0.10'], ['169.254.20.10']],
  ] as const)('%s: -localip %j, kubelet clusterDNS %j', (mode, localIps, kubelet) => {
    expect(localIpsFor(spec({ mode }))).toEqual(localIps);
    expect(kubeletClusterDnsFor(spec({ mode }))).toEqual(kubelet);
  });

  test.each([
    ['defaults', {}, 'primary', ['-localip', '169.254.20.10,10.100.0.10', '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream']],
    ['custom ports and sync interval', { healthPort: 8099, setupMetricsPort: 9400, syncIntervalSeconds: 30 }, 'primary',
      ['-localip', '169.254.20.10,10.100.0.10', '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream', '-health-port', '8099', '-metrics-listen-address', '0.0.0.0:9400', '-syncinterval', '30ns']],
    ['cilium', { mode: 'cilium' }, 'primary',
      ['-localip', '169.254.20.10,10.100.0.10', '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream', '-skipteardown=true', '-setupinterface=false', '-setupiptables=false']],
    ['the HA secondary', { secondary: { healthPort: 8081, metricsPort: 9254, setupMetricsPort: 9354, skewSeconds: 5 } }, 'secondary',
      ['-localip', '169.254.20.10,10.100.0.10', '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream', '-health-port', '8081', '-metrics-listen-address', '0.0.0.0:9354', '-skipteardown=true']],
  ] as const)('args: %s', (_n, over, instance, expected) => {
    expect(nodeCacheArgs(spec(over as any), instance)).toEqual(expected);
  });

  test('stub domains, AAAA suppression and logging in the Corefile', () => {
    // GIVEN
    const s = resolveNodeLocalDnsSpec({ kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS, suppressAaaa: true, log: true, stubDomains: [{ zone: 'corp.example', servers: ['10.0.0.2', '[fd00::2]:53'] }] });
    // WHEN
    const text = renderCorefile(corefileFor(s));
    // THEN
    expect(text).toContain('corp.example:53 {\n    log\n    errors\n    cache 30\n    reload\n    loop\n    bind 169.254.20.10\n    forward . 10.0.0.2 [fd00::2]:53\n    template IN AAAA {');
    expect(text.match(/template IN AAAA/g)).toHaveLength(5);
    expect(text.match(/^    log$/gm)).toHaveLength(3); // cluster zone, ".", stub
  });

  test('Cilium health listens on all addresses, without the default port', () => {
    expect(renderCorefile(corefileFor(spec({ mode: 'cilium' })))).toContain('    health\n');
    expect(renderCorefile(corefileFor(spec({ mode: 'cilium', healthPort: 8099 })))).toContain('    health :8099\n');
  });
});
