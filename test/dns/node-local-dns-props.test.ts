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
      name: 'node-local-dns',
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
    ['a bad namespace', { metadata: { namespace: 'Kube_System' } }, 'metadata.namespace must be a DNS-1123 label (lowercase letters, digits, -), got "Kube_System"'],
    ['a bad name', { metadata: { name: 'Node_Local' } }, 'metadata.name must be a DNS-1123 label of at most 53 characters'],
    ['a name too long for the HA pair', { metadata: { name: 'a'.repeat(60) } }, 'metadata.name must be a DNS-1123 label of at most 53 characters'],
    ['finalizers (they belong to one object)', { metadata: { finalizers: ['x'] } }, 'metadata.finalizers is not supported on NodeLocalDns (it emits many objects; the field belongs to one), got ["x"] — remove it, and set it on the one object, e.g. dns.apiObject.metadata'],
    ['a bad label value', { metadata: { labels: { team: 'a b' } } }, 'metadata.labels'],
    ['a bad cluster domain', { clusterDomain: 'cluster..local' }, 'clusterDomain must be a DNS domain, got "cluster..local"'],
    ['a port out of range', { metricsPort: 0 }, 'metricsPort must be a port number (an integer from 1 to 65535), got 0'],
    ['an HA port out of range', { highAvailability: { healthPort: 1.5 } }, 'highAvailability.healthPort must be a port number (an integer from 1 to 65535), got 1.5'],
    ['a fractional sync interval', { syncInterval: Duration.millis(1500) }, 'syncInterval must be whole seconds, at least 1 s, got "1.5 s" — use e.g. Duration.seconds(60) [dns/sync-interval]'],
    ['a maxUnavailable of 0%', { maxUnavailable: IntOrPercent.percent(0) }, 'maxUnavailable must be more than 0 (a rollout of a DaemonSet without maxSurge never starts), got "0%" — use e.g. IntOrPercent.percent(10)'],
    ['a maxUnavailable of 0', { maxUnavailable: IntOrPercent.of(0) }, 'maxUnavailable must be more than 0 (a rollout of a DaemonSet without maxSurge never starts), got 0'],
    ['a maxUnavailable above 100%', { maxUnavailable: IntOrPercent.percent(150) }, 'maxUnavailable must be a whole percentage from 0 to 100, got "150%"'],
    ['a bad memory limit', { resources: { limits: { memory: k8s.Quantity.fromString('lots') } } }, 'resources.limits.memory must be a Kubernetes quantity, got "lots"'],
    ['a bad egress namespace', { egressPolicyNamespaces: ['A'] }, 'egressPolicyNamespaces[0] must be a namespace name, got "A"'],
    ['an alert objective of 100%', { errorAlert: true, errorAlertOptions: { objective: 100 } }, 'errorAlertOptions.objective must be a percentage > 0 and < 100, got 100 — use e.g. 99.9'],
    ['an alert objective given as a fraction', { errorAlert: true, errorAlertOptions: { objective: 0 } }, 'errorAlertOptions.objective must be a percentage > 0 and < 100, got 0'],
    ['an alert selector with braces', { errorAlert: true, errorAlertOptions: { selector: '{job="dns"}' } }, 'errorAlertOptions.selector must be PromQL label matchers such as job="node-local-dns", got "{job=\\"dns\\"}"'],
    ['an alert selector without quotes', { errorAlert: true, errorAlertOptions: { selector: 'job=dns' } }, 'errorAlertOptions.selector must be PromQL label matchers'],
    ['a runbook that is no URL', { errorAlert: true, errorAlertOptions: { runbookUrl: 'see wiki' } }, 'errorAlertOptions.runbookUrl must be an http(s) URL, got "see wiki"'],
    ['a zero scrape interval', { serviceMonitor: true, serviceMonitorOptions: { interval: Duration.seconds(0) } }, 'serviceMonitorOptions.interval must be longer than 0, got 0 ms — use e.g. Duration.seconds(30)'],
    ['ServiceMonitor options without the switch', { serviceMonitorOptions: { labels: { release: 'kps' } } }, 'serviceMonitorOptions must only be set with serviceMonitor on, got {"labels":{"release":"kps"}}'],
    ['error alert options with the switch off', { errorAlert: false, errorAlertOptions: {} }, 'errorAlertOptions must only be set with errorAlert on, got {} — set errorAlert: true, or remove errorAlertOptions'],
    ['a cache TTL of a fraction of a millisecond', { cache: { ttl: Duration.millis(0.5) } }, 'cache.ttl must be a whole number of milliseconds, got 0.5 ms — round it, e.g. Duration.seconds(30)'],
    ['a forward health check of a fraction of a millisecond', { stubDomains: [{ zone: 'corp.example', servers: ['10.0.0.53'], forward: { healthCheck: Duration.millis(1.5) } }] },
      'stubDomains[0].forward.healthCheck must be a whole number of milliseconds, got 1.5 ms'],
    ['a prefetch window of a fraction of a millisecond', { clusterZoneCache: { prefetch: { amount: 2, duration: Duration.millis(0.5) } } }, 'clusterZoneCache.prefetch.duration must be a whole number of milliseconds'],
    ['a sync interval of a fraction of a millisecond', { syncInterval: Duration.millis(0.5) }, 'syncInterval must be a whole number of milliseconds, got 0.5 ms'],
    ['a skew of a fraction of a millisecond', { highAvailability: { skew: Duration.millis(0.5) } }, 'highAvailability.skew must be a whole number of milliseconds, got 0.5 ms'],
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
      errorAlert: true,
      errorAlertOptions: { objective: 99.95, selector: 'job=~"node-local-dns(-secondary)?", namespace!="x\\"y"', runbookUrl: 'https://runbooks.example.com/dns' },
      serviceMonitor: true,
      serviceMonitorOptions: { interval: Duration.seconds(30) },
    })).toEqual([]);
  });
});
