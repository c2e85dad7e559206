import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { IntOrPercent } from '../../src/core/int-or-percent';
import { describeProblem } from '../../src/core/problem';
import { propTypeProblems } from '../../src/core/prop-types';
import { ProxyMode } from '../../src/dns';
import { resolveNodeLocalDnsSpec, validateNodeLocalDnsProps } from '../../src/dns/node-local-dns-props';

describe('resolveNodeLocalDnsSpec', () => {
  test('defaults are the upstream manifest\'s', () => {
    const spec = resolveNodeLocalDnsSpec({ kubeDnsIp: '10.100.0.10' });
    expect(spec).toMatchObject({
      namespace: 'kube-system',
      mode: 'iptables',
      localIp: '169.254.20.10',
      clusterDomain: 'cluster.local',
      image: 'registry.k8s.io/dns/k8s-dns-node-cache:1.26.8',
      upstreamServiceName: 'kube-dns-upstream',
      healthPort: 8080,
      metricsPort: 9253,
      setupMetricsPort: 9353,
      clusterZoneCache: { success: { capacity: 9984, ttl: 30 }, denial: { capacity: 9984, ttl: 5 } },
      cache: { ttl: 30 },
      clusterForward: { transport: 'force_tcp' },
      upstreamForward: {},
      stubDomains: [],
      suppressAaaa: false,
      log: false,
      reservedHostPorts: [],
      dualStack: false,
    });
    expect(spec.secondary).toBeUndefined();
    expect(spec.syncIntervalSeconds).toBeUndefined();
  });

  test('high availability defaults to the next ports and a 5 s skew', () => {
    expect(resolveNodeLocalDnsSpec({ kubeDnsIp: '10.100.0.10', highAvailability: {} }).secondary).toEqual({ healthPort: 8081, metricsPort: 9254, setupMetricsPort: 9354, skewSeconds: 5 });
  });

  test('mode and memory limit', () => {
    const spec = resolveNodeLocalDnsSpec({ kubeDnsIp: '10.100.0.10', mode: ProxyMode.CILIUM, resources: { limits: { memory: k8s.Quantity.fromString('300Mi') } } });
    expect(spec.mode).toBe('cilium');
    expect(spec.memoryLimit).toBe('300Mi');
  });
});

describe('validateNodeLocalDnsProps', () => {
  test.each([
    ['kubeDnsIp missing', { kubeDnsIp: undefined }, 'kubeDnsIp is required (the ClusterIP of the kube-dns Service) — read it with kubectl'],
    ['localIp is a number', { localIp: 169 }, 'localIp must be an IP address string, got 169'],
    ['log is a string', { log: 'false' }, 'log must be true or false, got "false" — pass a boolean, or omit log for its default'],
    ['upstreamServers is one string', { upstreamServers: '10.0.0.2' }, 'upstreamServers must be a list, got "10.0.0.2"'],
    ['a bad namespace', { namespace: 'Kube_System' }, 'namespace must be a DNS label (lowercase letters, digits, -), got "Kube_System"'],
    ['a bad cluster domain', { clusterDomain: 'cluster..local' }, 'clusterDomain must be a DNS domain, got "cluster..local"'],
    ['a port out of range', { metricsPort: 0 }, 'metricsPort must be a port number (1-65535), got 0'],
    ['an HA port out of range', { highAvailability: { healthPort: 1.5 } }, 'highAvailability.healthPort must be a port number (1-65535), got 1.5'],
    ['a fractional sync interval', { syncInterval: Duration.millis(1500) }, 'syncInterval must be a whole number of seconds > 0, got "1500ms"'],
    ['a maxUnavailable of 0%', { maxUnavailable: IntOrPercent.percent(0) }, 'maxUnavailable must be more than 0 (a rollout of a DaemonSet without maxSurge never starts), got "0%" — use e.g. IntOrPercent.percent(10)'],
    ['a maxUnavailable of 0', { maxUnavailable: IntOrPercent.of(0) }, 'maxUnavailable must be more than 0 (a rollout of a DaemonSet without maxSurge never starts), got 0'],
    ['a maxUnavailable above 100%', { maxUnavailable: IntOrPercent.percent(150) }, 'maxUnavailable must be a whole percentage from 0 to 100, got "150%"'],
    ['a bad memory limit', { resources: { limits: { memory: k8s.Quantity.fromString('lots') } } }, 'resources.limits.memory must be a Kubernetes quantity, got "lots"'],
    ['a bad egress namespace', { egressPolicyNamespaces: ['A'] }, 'egressPolicyNamespaces[0] must be a namespace name, got "A"'],
    ['an alert objective of 100%', { errorAlert: { objective: 100 } }, 'errorAlert.objective must be a percentage > 0 and < 100, got 100 — use e.g. 99.9'],
    ['an alert objective given as a fraction', { errorAlert: { objective: 0 } }, 'errorAlert.objective must be a percentage > 0 and < 100, got 0'],
    ['an alert selector with braces', { errorAlert: { selector: '{job="dns"}' } }, 'errorAlert.selector must be PromQL label matchers such as job="node-local-dns", got "{job=\\"dns\\"}"'],
    ['an alert selector without quotes', { errorAlert: { selector: 'job=dns' } }, 'errorAlert.selector must be PromQL label matchers'],
    ['a runbook that is no URL', { errorAlert: { runbookUrl: 'see wiki' } }, 'errorAlert.runbookUrl must be an http(s) URL, got "see wiki"'],
    ['a zero scrape interval', { serviceMonitor: { interval: Duration.seconds(0) } }, 'serviceMonitor.interval must be longer than 0, got "0ms"'],
    ['a servfail above 5 minutes', { cache: { servfail: Duration.minutes(10) } }, 'cache.servfail must be at most 5 minutes, got "10m"'],
    ['a zero success capacity', { clusterZoneCache: { successCapacity: 0 } }, 'clusterZoneCache.successCapacity must be an integer > 0, got 0'],
    ['16 upstream servers', { upstreamServers: Array.from({ length: 16 }, (_, i) => `10.0.0.${i + 1}`) }, 'upstreamServers must list between 1 and 15 servers'],
    ['an unbracketed IPv6 upstream with a port', { upstreamServers: ['fd00::53:53:53:53:53:53:53'] }, 'upstreamServers[0] must bracket an IPv6 address that has a port'],
    ['max_concurrent 0 on a stub domain', { stubDomains: [{ zone: 'corp.example', servers: ['10.0.0.2'], forward: { maxConcurrent: 0 } }] }, 'stubDomains[0].forward.maxConcurrent must be an integer > 0, got 0'],
  ])('fails when %s', (_name, props, message) => {
    const problems = validateNodeLocalDnsProps({ kubeDnsIp: '10.100.0.10', ...props } as any);
    expect(problems.map(describeProblem)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  // class-typed props given as text from JavaScript are the props' type check's (one mechanism for every construct)
  test.each([
    ['mode is a string (JavaScript), not a ProxyMode', { mode: 'ipvs' }, 'mode must be a ProxyMode instance, got "ipvs" — use ProxyMode.IPTABLES, ProxyMode.IPVS'],
    ['a maxUnavailable given as text (plain JavaScript)', { maxUnavailable: '10%' }, 'maxUnavailable must be an IntOrPercent instance, got "10%" — use IntOrPercent.of(…), IntOrPercent.percent(…), IntOrPercent.parse(…) (an IntOrPercent, not text or a plain object)'],
  ])('the props type check fails when %s', (_name, props, message) => {
    const problems = propTypeProblems('NodeLocalDnsProps', { kubeDnsIp: '10.100.0.10', ...props });
    expect(problems.map(describeProblem)).toEqual([expect.stringContaining(message)]);
  });

  test('valid props have no problems', () => {
    expect(validateNodeLocalDnsProps({ kubeDnsIp: '10.100.0.10', highAvailability: {}, syncInterval: Duration.seconds(60), maxUnavailable: IntOrPercent.of(1) })).toEqual([]);
    expect(validateNodeLocalDnsProps({
      kubeDnsIp: '10.100.0.10',
      errorAlert: { objective: 99.95, selector: 'job=~"node-local-dns(-secondary)?", namespace!="x\\"y"', runbookUrl: 'https://runbooks.example.com/dns' },
      serviceMonitor: { interval: Duration.seconds(30) },
    })).toEqual([]);
  });
});
