/**
 * Every Corefile NodeLocalDns renders loads in the real CoreDNS (tools/coredns: CoreDNS with the plugins
 * NodeLocal DNSCache uses, version pinned in tools/coredns/go.mod) and answers A queries on loopback, through a
 * stub upstream DNS server, for a name in the cluster zone and an external name. Bind addresses, ports and
 * forward targets are rewritten for loopback as test/support/coredns.ts documents; nothing else is changed.
 *
 * Cases: each proxy mode with defaults, the high-availability pair (both Corefiles), the props of
 * examples/node-local-dns, the all-plugins golden Corefile, and fast-check-generated NodeLocalDns props
 * (fixed seed; OPSKIT_FC_RANDOM=1 for a random one).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import fc from 'fast-check';
import { OpsTesting } from '../../src/app/testing';
import { NodeLocalDns } from '../../src/dns/node-local-dns';
import { NodeLocalDnsProps } from '../../src/dns/node-local-dns-props';
import { ForwardPolicy, ForwardTransport, ServeStaleRefresh } from '../../src/dns/options';
import { ProxyMode } from '../../src/dns/proxy-mode';
import { loopbackCorefile, runCoredns } from '../support/coredns';
import { startStub, stubAddressFor, StubServer } from '../support/dns-stub';
import { fcSeed } from '../support/fc-seed';
import { describeWithTool } from '../support/tools';

const GENERATED_CASES = 200;
const EXTERNAL_NAME = 'www.example.org';

/** The Corefiles (ConfigMap `Corefile` keys) NodeLocalDns renders for props. */
function corefilesOf(props: NodeLocalDnsProps): string[] {
  const app = OpsTesting.app();
  new NodeLocalDns(app.chart('dns'), 'node-local-dns', props);
  const result = OpsTesting.synth(app);
  return result.findObjects('dns', 'ConfigMap').map((cm: any) => cm.data?.Corefile).filter((t: any): t is string => typeof t === 'string');
}

/** Outcome of one Corefile: '' when it loaded and answered both names as the stub does, else why not. */
async function check(corefile: string, clusterDomain: string, stub: StubServer): Promise<string> {
  const loopback = await loopbackCorefile(corefile, stub.port);
  const port = loopback.dnsPorts.get(53);
  if (port === undefined) return 'no server block on port 53';
  const clusterName = `kubernetes.default.svc.${clusterDomain}`;
  const run = await runCoredns(loopback.text, port, [clusterName, EXTERNAL_NAME]);
  if (!run.loaded) return `CoreDNS did not load it:\n${run.output}\n--- Corefile (loopback) ---\n${loopback.text}`;
  const problems: string[] = [];
  for (const name of [clusterName, EXTERNAL_NAME]) {
    const a = run.answers.get(name);
    const expected = stubAddressFor(name, clusterDomain);
    if (!a || a.rcode !== 0 || a.addresses.join(',') !== expected) {
      problems.push(`${name}: expected NOERROR ${expected}, got ${a ? `rcode ${a.rcode} ${a.addresses.join(',')}` : 'no answer'}`);
    }
  }
  return problems.length === 0 ? '' : `${problems.join('; ')}\n--- Corefile (loopback) ---\n${loopback.text}`;
}

const blue: NodeLocalDnsProps = {
  kubeDnsIp: '10.100.0.10',
  serviceCidrs: ['10.100.0.0/16'],
  podCidrs: ['10.0.0.0/16'],
  upstreamServers: ['169.254.169.253'],
  cache: { prefetch: { amount: 3, duration: Duration.seconds(30), percentage: 20 } },
  serviceMonitor: true,
  serviceMonitorOptions: { labels: { release: 'kube-prometheus-stack' } },
  errorAlert: true,
  errorAlertOptions: { objective: 99.9 },
};

const NAMED: Array<[string, NodeLocalDnsProps, string]> = [
  ['iptables defaults', { kubeDnsIp: '10.96.0.10' }, 'cluster.local'],
  ['ipvs defaults', { kubeDnsIp: '10.96.0.10', mode: ProxyMode.IPVS }, 'cluster.local'],
  ['nftables defaults', { kubeDnsIp: '10.96.0.10', mode: ProxyMode.NFTABLES }, 'cluster.local'],
  ['cilium defaults', { kubeDnsIp: '10.96.0.10', mode: ProxyMode.CILIUM }, 'cluster.local'],
  ['cilium-address defaults', { kubeDnsIp: '10.96.0.10', mode: ProxyMode.CILIUM_ADDRESS }, 'cluster.local'],
  ['high availability (both processes)', { kubeDnsIp: '10.96.0.10', highAvailability: {} }, 'cluster.local'],
  ['examples/node-local-dns blue', blue, 'cluster.local'],
  ['examples/node-local-dns green', { ...blue, kubeDnsIp: '172.20.0.10', serviceCidrs: ['172.20.0.0/16'], mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] }, 'cluster.local'],
  ['stub domains, AAAA suppressed, query log, custom domain', {
    kubeDnsIp: '10.96.0.10',
    clusterDomain: 'k8s.internal',
    suppressAaaa: true,
    log: true,
    stubDomains: [{ zone: 'corp.example.com', servers: ['10.0.0.2', '10.0.0.3:5353'], forward: { transport: ForwardTransport.PREFER_UDP } }],
    extraServerBlocks: 'extra.example:53 {\n    errors\n    bind 169.254.20.10 10.96.0.10\n    forward . 10.0.0.9\n}\n',
  }, 'k8s.internal'],
];

/** Generated props: every option NodeLocalDns renders into the Corefile. */
const durationArb = (min: number, max: number) => fc.integer({ min, max }).map((s) => Duration.seconds(s));
const octet = (min: number, max: number) => fc.integer({ min, max });
const ipArb = fc.tuple(octet(1, 223), octet(0, 255), octet(0, 255), octet(1, 254))
  .map((o) => o.join('.'))
  .filter((ip) => !ip.startsWith('127.') && !ip.startsWith('169.254.'));
const serverArb = fc.oneof(ipArb, fc.tuple(ipArb, fc.integer({ min: 1, max: 65535 })).map(([ip, p]) => `${ip}:${p}`));
const cacheArb = fc.record({
  ttl: fc.option(durationArb(1, 3600), { nil: undefined }),
  successCapacity: fc.option(fc.integer({ min: 1, max: 100000 }), { nil: undefined }),
  successTtl: fc.option(durationArb(1, 3600), { nil: undefined }),
  denialCapacity: fc.option(fc.integer({ min: 1, max: 100000 }), { nil: undefined }),
  denialTtl: fc.option(durationArb(1, 3600), { nil: undefined }),
  prefetch: fc.option(fc.record({
    amount: fc.integer({ min: 1, max: 100 }),
    duration: fc.option(durationArb(1, 600), { nil: undefined }),
    percentage: fc.option(fc.integer({ min: 10, max: 90 }), { nil: undefined }),
  }), { nil: undefined }),
  serveStale: fc.option(fc.record({
    duration: fc.option(durationArb(1, 86400), { nil: undefined }),
    refreshMode: fc.option(fc.constantFrom(ServeStaleRefresh.IMMEDIATE, ServeStaleRefresh.VERIFY), { nil: undefined }),
  }), { nil: undefined }),
  servfail: fc.option(durationArb(0, 300), { nil: undefined }),
  keepTtl: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: [] });
const forwardArb = fc.record({
  transport: fc.option(fc.constantFrom(ForwardTransport.FORCE_TCP, ForwardTransport.PREFER_UDP), { nil: undefined }),
  maxConcurrent: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  maxFails: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  policy: fc.option(fc.constantFrom(ForwardPolicy.RANDOM, ForwardPolicy.ROUND_ROBIN, ForwardPolicy.SEQUENTIAL), { nil: undefined }),
  healthCheck: fc.option(durationArb(1, 60), { nil: undefined }),
  expire: fc.option(durationArb(1, 600), { nil: undefined }),
}, { requiredKeys: [] });
const propsArb: fc.Arbitrary<NodeLocalDnsProps> = fc.record({
  kubeDnsIp: fc.constantFrom('10.96.0.10', '10.100.0.10', '172.20.0.10'),
  mode: fc.constantFrom(ProxyMode.IPTABLES, ProxyMode.IPVS, ProxyMode.NFTABLES, ProxyMode.CILIUM, ProxyMode.CILIUM_ADDRESS),
  clusterDomain: fc.constantFrom('cluster.local', 'k8s.internal', 'prod.example.net'),
  localIp: fc.constantFrom('169.254.20.10', '169.254.25.10'),
  clusterZoneCache: cacheArb,
  cache: cacheArb,
  clusterForward: forwardArb,
  upstreamServers: fc.option(fc.array(serverArb, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  upstreamForward: forwardArb,
  stubDomains: fc.array(fc.record({
    zone: fc.constantFrom('corp.example.com', 'consul', 'svc.example.org', '10.in-addr.arpa'),
    servers: fc.array(serverArb, { minLength: 1, maxLength: 2 }),
    forward: forwardArb,
  }), { maxLength: 2 }).map((s) => s.filter((d, i) => s.findIndex((x) => x.zone === d.zone) === i)),
  suppressAaaa: fc.boolean(),
  log: fc.boolean(),
  healthPort: fc.constantFrom(8080, 8085, 9090),
  metricsPort: fc.constantFrom(9253, 9300),
  highAvailability: fc.option(fc.constant({}), { nil: undefined }),
}, { requiredKeys: ['kubeDnsIp'] })
  // NodeLocalDns rejects the HA pair in Cilium modes (a deployment rule, not a Corefile one)
  .filter((p) => !(p.highAvailability && (p.mode === ProxyMode.CILIUM || p.mode === ProxyMode.CILIUM_ADDRESS)));

describeWithTool('coredns', 'NodeLocalDns Corefiles in the real CoreDNS', () => {
  let stubs: Map<string, StubServer>;
  const stubFor = async (domain: string) => {
    if (!stubs.has(domain)) stubs.set(domain, await startStub(domain));
    return stubs.get(domain)!;
  };
  beforeAll(() => { stubs = new Map(); });
  afterAll(async () => { for (const s of stubs.values()) await s.close(); });

  test.each(NAMED)('%s: every Corefile loads and answers through the stub upstream', async (_name, props, domain) => {
    // GIVEN
    const corefiles = corefilesOf(props);
    const clusterDomain = domain;
    // WHEN
    const outcomes = [];
    for (const c of corefiles) outcomes.push(await check(c, clusterDomain, await stubFor(clusterDomain)));
    // THEN
    expect(corefiles.length).toBe(props.highAvailability ? 2 : 1);
    expect(outcomes).toEqual(corefiles.map(() => ''));
  });

  test('the all-plugins golden Corefile loads; its "." block without bind does not serve the bound address', async () => {
    // GIVEN the renderer's golden file (IPv6 binds and listeners, except, every cache and forward option); its
    // "." block has no bind, which NodeLocalDns rejects (dns/iptables-bind) because of what CoreDNS does here
    const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'dns', 'corefile-all-plugins.golden'), 'utf8');
    const stub = await stubFor('cluster.local');
    const loopback = await loopbackCorefile(text, stub.port);
    // WHEN
    const run = await runCoredns(loopback.text, loopback.dnsPorts.get(53)!, ['kubernetes.default.svc.cluster.local', EXTERNAL_NAME]);
    // THEN the cluster zone is answered; the external name reaches the listener bound to the address, which
    // serves only the blocks that bind it: REFUSED
    expect(run.output).not.toMatch(/\[ERROR\]|panic/);
    expect(run.loaded).toBe(true);
    expect(run.answers.get('kubernetes.default.svc.cluster.local')).toEqual({ rcode: 0, addresses: ['10.1.2.3'] });
    expect(run.answers.get(EXTERNAL_NAME)).toEqual({ rcode: 5, addresses: [] });
  });

  test(`${GENERATED_CASES} generated NodeLocalDns configurations load and answer`, async () => {
    // GIVEN generated props (fast-check shrinks a failing case and reports it with the seed)
    let corefiles = 0;
    const property = fc.asyncProperty(propsArb, async (props) => {
      // WHEN each Corefile NodeLocalDns renders for them runs in CoreDNS
      const domain = props.clusterDomain ?? 'cluster.local';
      for (const text of corefilesOf(props)) {
        corefiles++;
        const outcome = await check(text, domain, await stubFor(domain));
        // THEN it loads and answers both names
        if (outcome !== '') throw new Error(outcome);
      }
    });
    await fc.assert(property, { numRuns: GENERATED_CASES, seed: fcSeed() });
    expect(corefiles).toBeGreaterThanOrEqual(GENERATED_CASES);
  }, 900_000);
});
