import { Duration, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { Warnings } from '../../src/core/warnings';
import { NodeLocalDns, ProxyMode } from '../../src/dns';

function synth(props: any) {
  const app = OpsTesting.app();
  const dns = new NodeLocalDns(app.chart('dns'), 'dns', props);
  return { dns, out: OpsTesting.synth(app) };
}

function thrown(f: () => unknown): OpsError {
  try { f(); } catch (e) { if (e instanceof OpsError) return e; throw e; }
  throw new Error('expected an OpsError');
}

describe('NodeLocalDns', () => {
  test('defaults', () => {
    // GIVEN / WHEN
    const { dns, out } = synth({ kubeDnsIp: '10.100.0.10' });

    // THEN
    const ds = out.findObject('dns', 'DaemonSet', 'node-local-dns');
    const pod = ds.spec.template.spec;
    const c = pod.containers[0];
    expect(ds.metadata.namespace).toBe('kube-system');
    expect(c.image).toBe('registry.k8s.io/dns/k8s-dns-node-cache:1.26.8');
    expect(c.args).toEqual(['-localip', '169.254.20.10,10.100.0.10', '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream']);
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('Default');
    expect(pod.priorityClassName).toBe('system-node-critical');
    expect(c.resources).toEqual({ requests: { cpu: '25m', memory: '5Mi' } });
    expect(c.securityContext).toEqual({ capabilities: { add: ['NET_ADMIN'] } });
    expect(c.livenessProbe.httpGet).toEqual({ host: '169.254.20.10', path: '/health', port: 8080 });
    expect(ds.spec.updateStrategy).toEqual({ rollingUpdate: { maxUnavailable: '10%' } });
    const corefile = out.findObject('dns', 'ConfigMap', 'node-local-dns').data.Corefile;
    expect(corefile).toContain('cluster.local:53 {');
    expect(corefile).toContain('bind 169.254.20.10 10.100.0.10');
    expect(corefile).toContain('forward . __PILLAR__CLUSTER__DNS__ {');
    expect(out.findObject('dns', 'Service', 'kube-dns-upstream').spec.selector).toEqual({ 'k8s-app': 'kube-dns' });
    expect(out.findObject('dns', 'Service', 'node-local-dns').spec.clusterIP).toBe('None');
    expect(out.findObject('dns', 'ServiceAccount', 'node-local-dns').automountServiceAccountToken).toBe(false);
    expect(out.hasObject('dns', 'CiliumLocalRedirectPolicy', 'nodelocaldns')).toBe(false);
    expect(out.hasObject('dns', 'DaemonSet', 'node-local-dns-secondary')).toBe(false);
    expect(out.findObjects('dns', 'ServiceMonitor')).toEqual([]);
    expect(dns.kubeletClusterDns).toEqual(['10.100.0.10']);
    expect(dns.corefile.zones).toEqual(['cluster.local', 'in-addr.arpa', 'ip6.arpa', '.']);
    expect(Warnings.collect(dns).map((w) => w.id)).toEqual(['opskit:dns/forward-loop']); // the /etc/resolv.conf reminder
  });

  test('IPVS binds only the local IP and forwards cluster zones to kube-dns', () => {
    // WHEN
    const { dns, out } = synth({ kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] });
    // THEN
    expect(out.findObject('dns', 'DaemonSet', 'node-local-dns').spec.template.spec.containers[0].args.slice(0, 2)).toEqual(['-localip', '169.254.20.10']);
    expect(out.findObject('dns', 'ConfigMap', 'node-local-dns').data.Corefile).toContain('forward . 10.100.0.10 {');
    expect(dns.kubeletClusterDns).toEqual(['169.254.20.10']);
  });

  test('Cilium address mode matches the local IP and needs the kubelet there', () => {
    const { out } = synth({ kubeDnsIp: '10.100.0.10', mode: ProxyMode.CILIUM_ADDRESS, kubeletClusterDns: ['169.254.20.10'] });
    const lrp = out.findObject('dns', 'CiliumLocalRedirectPolicy', 'nodelocaldns');
    expect(lrp.spec.redirectFrontend.addressMatcher.ip).toBe('169.254.20.10');
    expect(out.findObject('dns', 'DaemonSet', 'node-local-dns').spec.template.spec.hostNetwork).toBeUndefined();
  });

  test('IPv6 local IP is bracketed in the Corefile', () => {
    const { out } = synth({ kubeDnsIp: 'fd00:100::10', localIp: 'fd00::10' });
    const corefile = out.findObject('dns', 'ConfigMap', 'node-local-dns').data.Corefile;
    expect(corefile).toContain('health [fd00::10]:8080');
    expect(corefile).toContain('bind fd00::10 fd00:100::10');
  });

  test('the high-availability pair uses its own ports, -skipteardown and a preStop skew', () => {
    // WHEN
    const { out } = synth({ kubeDnsIp: '10.100.0.10', highAvailability: { skew: Duration.seconds(7) } });
    // THEN
    const ds = out.findObject('dns', 'DaemonSet', 'node-local-dns-secondary');
    const c = ds.spec.template.spec.containers[0];
    expect(c.args).toEqual(expect.arrayContaining(['-health-port', '8081', '-metrics-listen-address', '0.0.0.0:9354', '-skipteardown=true']));
    expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 7 } } });
    // host-network ports are host ports: the secondary must not declare 53, or it could never run beside the primary
    expect(c.ports).toEqual([{ containerPort: 9254, name: 'metrics', protocol: 'TCP' }]);
    expect(out.findObject('dns', 'DaemonSet', 'node-local-dns').spec.template.spec.containers[0].ports.map((p: any) => `${p.containerPort}/${p.protocol}`))
      .toEqual(['53/UDP', '53/TCP', '9253/TCP']);
    expect(ds.spec.template.spec.terminationGracePeriodSeconds).toBe(37);
    expect(out.findObject('dns', 'ConfigMap', 'node-local-dns-secondary').data.Corefile).toContain('health 169.254.20.10:8081');
    expect(out.findObject('dns', 'Service', 'node-local-dns-secondary').spec.ports[0].targetPort).toBe(9254);
    // both keep the interface and rules while the other restarts
    expect(out.findObject('dns', 'DaemonSet', 'node-local-dns').spec.template.spec.containers[0].args).toContain('-skipteardown=true');
  });

  test('ServiceMonitor, error alert and DNS egress policies', () => {
    const { out } = synth({ kubeDnsIp: '10.100.0.10', serviceMonitor: true, serviceMonitorOptions: { labels: { release: 'kps' } }, errorAlert: true, errorAlertOptions: { objective: 99.5 }, egressPolicyNamespaces: ['payments'] });
    const sm = out.findObject('dns', 'ServiceMonitor', 'node-local-dns');
    expect(sm.metadata.labels.release).toBe('kps');
    expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics' }]);
    // scrape annotations are dropped when a ServiceMonitor scrapes (no double scraping)
    expect(out.findObject('dns', 'DaemonSet', 'node-local-dns').spec.template.metadata.annotations).toBeUndefined();
    const rule = out.findObject('dns', 'PrometheusRule', 'node-local-dns');
    expect(rule.spec.groups[0].rules[0].expr).toContain('> (14.4 * 0.005)');
    const np = out.findObjects('dns', 'NetworkPolicy').find((o) => o.metadata.namespace === 'payments');
    expect(np.spec.egress[0].to).toEqual([{ ipBlock: { cidr: '169.254.20.10/32' } }, { ipBlock: { cidr: '10.100.0.10/32' } }]);
  });

  test('exposes its main object as apiObject and the others by role and kind', () => {
    // GIVEN / WHEN
    const app = OpsTesting.app();
    const dns = new NodeLocalDns(app.chart('dns'), 'dns', {
      kubeDnsIp: '10.100.0.10', highAvailability: {}, serviceMonitor: true, errorAlert: true, egressPolicyNamespaces: ['payments', 'web'],
    });

    // THEN
    expect(dns.apiObject.node.id).toBe('Resource');
    expect(dns.apiObject.kind).toBe('DaemonSet');
    expect(dns.apiObject.name).toBe('node-local-dns');
    expect(dns.configMap.name).toBe('node-local-dns');
    expect(dns.serviceAccount.kind).toBe('ServiceAccount');
    expect(dns.upstreamService.name).toBe('kube-dns-upstream');
    expect(dns.metricsService.name).toBe('node-local-dns');
    expect(dns.secondaryDaemonSet?.name).toBe('node-local-dns-secondary');
    expect(dns.secondaryConfigMap?.name).toBe('node-local-dns-secondary');
    expect(dns.secondaryMetricsService?.name).toBe('node-local-dns-secondary');
    expect(dns.egressNetworkPolicies.map((np) => np.metadata.namespace)).toEqual(['payments', 'web']);
    expect(dns.serviceMonitor?.kind).toBe('ServiceMonitor');
    expect(dns.errorAlertPrometheusRule?.kind).toBe('PrometheusRule');
    expect(dns.localRedirectPolicy).toBeUndefined();
  });

  test('the objects it did not emit are undefined', () => {
    const { dns } = synth({ kubeDnsIp: '10.100.0.10' });
    const optional = [
      dns.secondaryDaemonSet, dns.secondaryConfigMap, dns.secondaryMetricsService,
      dns.serviceMonitor, dns.errorAlertPrometheusRule, dns.localRedirectPolicy,
    ];
    expect(optional).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(dns.egressNetworkPolicies).toEqual([]);
  });

  test('metadata: the name is the base of every node-local-dns object, labels and annotations go on every object', () => {
    // GIVEN / WHEN
    const { out } = synth({
      kubeDnsIp: '10.100.0.10',
      metadata: { name: 'dns-cache', namespace: 'dns-system', labels: { team: 'platform' }, annotations: { 'example.com/owner': 'sre' } },
      highAvailability: {},
      serviceMonitor: true,
      errorAlert: true,
      egressPolicyNamespaces: ['payments'],
    });

    // THEN
    const objects = out.manifests('dns');
    expect(objects.length).toBeGreaterThan(8);
    for (const o of objects) {
      expect(o.metadata.labels).toMatchObject({ team: 'platform' });
      expect(o.metadata.annotations).toMatchObject({ 'example.com/owner': 'sre' });
    }
    const ds = out.findObject('dns', 'DaemonSet', 'dns-cache');
    expect(ds.metadata.namespace).toBe('dns-system');
    expect(ds.spec.template.metadata.labels).toEqual({ 'k8s-app': 'dns-cache' });
    expect(ds.spec.template.spec.serviceAccountName).toBe('dns-cache');
    expect(out.findObject('dns', 'DaemonSet', 'dns-cache-secondary').metadata.namespace).toBe('dns-system');
    expect(out.findObject('dns', 'ConfigMap', 'dns-cache').metadata.namespace).toBe('dns-system');
    expect(out.findObject('dns', 'ServiceAccount', 'dns-cache').metadata.namespace).toBe('dns-system');
    expect(out.findObject('dns', 'Service', 'kube-dns-upstream').metadata.namespace).toBe('dns-system');
    expect(out.findObject('dns', 'ServiceMonitor', 'dns-cache').spec.selector).toEqual({ matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['dns-cache', 'dns-cache-secondary'] }] });
    const rule = out.findObject('dns', 'PrometheusRule', 'dns-cache');
    expect(rule.spec.groups[0].name).toBe('dns-cache.rules');
    expect(rule.spec.groups[0].rules[0].expr).toContain('job=~"dns-cache(-secondary)?"');
    expect(out.findObject('dns', 'NetworkPolicy', 'allow-dns-cache-egress').metadata.namespace).toBe('payments');
  });

  test('the chart namespace is not followed: a warning says so, metadata.namespace moves the objects', () => {
    // GIVEN
    const app = OpsTesting.app();
    const dns = new NodeLocalDns(app.chart('dns', { namespace: 'payments' }), 'dns', { kubeDnsIp: '10.100.0.10' });
    const moved = new NodeLocalDns(app.chart('other', { namespace: 'payments' }), 'dns', { kubeDnsIp: '10.100.0.10', metadata: { namespace: 'payments' } });
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findObject('dns', 'DaemonSet', 'node-local-dns').metadata.namespace).toBe('kube-system');
    expect(Warnings.collect(dns).map((w) => w.id)).toContain('opskit:dns/chart-namespace-ignored');
    expect(out.findObject('other', 'DaemonSet', 'node-local-dns').metadata.namespace).toBe('payments');
    expect(Warnings.collect(moved).map((w) => w.id)).not.toContain('opskit:dns/chart-namespace-ignored');
  });

  test('fails when metadata has a field of one object (ownerReferences)', () => {
    const app = OpsTesting.app();
    expect(() => new NodeLocalDns(app.chart('dns'), 'dns', { kubeDnsIp: '10.100.0.10', metadata: { ownerReferences: [] } }))
      .toThrow(/metadata\.ownerReferences is not supported on NodeLocalDns \(it emits many objects; the field belongs to one\)[^\n]*dns\.apiObject\.metadata[\s\S]*at path \[dns\/dns\]/);
  });

  test.each([
    ['iptables', ProxyMode.IPTABLES], ['ipvs', ProxyMode.IPVS], ['nftables', ProxyMode.NFTABLES],
    ['cilium', ProxyMode.CILIUM], ['cilium-address', ProxyMode.CILIUM_ADDRESS],
  ])('fails in %s mode when the local IP is IPv6 and the kube-dns IP IPv4 (and the other way round)', (_name, mode) => {
    for (const [kubeDnsIp, localIp, family] of [['10.100.0.10', 'fd00::10', 'IPv4'], ['fd00:10:96::a', '169.254.20.10', 'IPv6']]) {
      const app = OpsTesting.app();
      const props = { kubeDnsIp, localIp, mode, kubeletClusterDns: [mode === ProxyMode.IPVS ? localIp : kubeDnsIp] };
      expect(() => { new NodeLocalDns(app.chart('dns'), 'dns', props); OpsTesting.synth(app); })
        .toThrow(new RegExp(`localIp must be of the kube-dns IP's family \\(${family}\\)[\\s\\S]*at path \\[dns/dns\\]`));
    }
  });

  test('fails with a props problem, not a raw cdk8s error, on a Duration of a fraction of a millisecond', () => {
    const app = OpsTesting.app();
    const props = { kubeDnsIp: '10.100.0.10', cache: { servfail: Duration.millis(0.5) }, syncInterval: Duration.millis(0.5) };
    expect(() => new NodeLocalDns(app.chart('dns'), 'dns', props))
      .toThrow(/cache\.servfail must be a whole number of milliseconds, got 0\.5 ms[\s\S]*syncInterval must be a whole number of milliseconds, got 0\.5 ms/);
  });

  test('fails when ServiceMonitor options are given without the switch', () => {
    const app = OpsTesting.app();
    expect(() => new NodeLocalDns(app.chart('dns'), 'dns', { kubeDnsIp: '10.100.0.10', serviceMonitorOptions: { interval: Duration.seconds(30) } }))
      .toThrow(/serviceMonitorOptions must only be set with serviceMonitor on[^\n]*set serviceMonitor: true, or remove serviceMonitorOptions[\s\S]*at path \[dns\/dns\]/);
  });

  test('the error alert\'s for durations come from the rule model in Prometheus\'s canonical form', () => {
    const { out } = synth({ kubeDnsIp: '10.100.0.10', errorAlert: true });
    expect(out.findObject('dns', 'PrometheusRule', 'node-local-dns').spec.groups[0].rules.map((r: any) => r.for)).toEqual(['2m', '15m']);
  });

  test('fails when kubeDnsIp is missing', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', {} as any));
    expect(e.problems[0]).toMatchObject({ field: 'kubeDnsIp', path: 'test/dns' });
  });

  test('fails when mode is a plain string instead of a ProxyMode (it would silently fall back to iptables)', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', mode: 'ipvs' as any }));
    expect(e.problems).toEqual([expect.objectContaining({ field: 'mode', got: '"ipvs"', path: 'test/dns' })]);
  });

  test('fails when localIp is inside the pod CIDR, naming the path and field', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', localIp: '10.1.2.3', podCidrs: ['10.0.0.0/8'] }));
    expect(e.message).toContain('localIp must not be inside podCidrs[0] (10.0.0.0/8), got "10.1.2.3"');
    expect(e.message).toContain('at path [test/dns]');
  });

  test('fails when a port is out of range', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', healthPort: 70000 }));
    expect(e.problems[0]).toMatchObject({ field: 'healthPort', rule: 'dns/host-ports' });
  });

  test('fails when the health and metrics ports collide', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', healthPort: 9253 }));
    expect(e.message).toContain('port must differ from node-local-dns metrics port, got 9253');
  });

  test('fails when the prefetch percentage is out of range', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', cache: { prefetch: { amount: 3, percentage: 95 } } }));
    expect(e.problems[0]).toMatchObject({ field: 'cache.prefetch.percentage', rule: 'dns/cache' });
  });

  test('fails when IPVS is declared with the wrong kubelet clusterDNS', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS, kubeletClusterDns: ['10.100.0.10'] }));
    expect(e.problems[0]).toMatchObject({ field: 'kubeletClusterDns', rule: 'dns/ipvs-single-ip' });
  });

  test('fails when the image is not pinned', () => {
    const e = thrown(() => new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', image: 'registry.k8s.io/dns/k8s-dns-node-cache:latest' }));
    expect(e.problems[0]).toMatchObject({ field: 'image', rule: 'dns/image-pinned' });
  });

  test('warns when a memory limit is below the caches', () => {
    const chart = Testing.chart();
    const dns = new NodeLocalDns(chart, 'dns', { kubeDnsIp: '10.100.0.10', upstreamServers: ['10.0.0.2'], resources: { limits: { memory: k8s.Quantity.fromString('128Mi') } } });
    expect(Warnings.collect(dns)).toEqual([expect.objectContaining({ id: 'opskit:dns/memory', message: expect.stringContaining('should be at least 264Mi') })]);
    expect(Warnings.collect(dns)[0].message).not.toContain('[dns/memory]'); // the id says it
  });

  test('fails at synth when an escape-hatch edit breaks a rule', () => {
    // GIVEN
    const app = OpsTesting.app();
    const dns = new NodeLocalDns(app.chart('dns'), 'dns', { kubeDnsIp: '10.100.0.10' });
    // WHEN
    dns.apiObject.addJsonPatch(JsonPatch.replace('/spec/template/spec/dnsPolicy', 'ClusterFirst'));
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/dnsPolicy must be "Default", got "ClusterFirst"/);
  });

  test('fails at synth when another construct selects the host-network pods in a NetworkPolicy', () => {
    const app = OpsTesting.app();
    const chart = app.chart('dns');
    new NodeLocalDns(chart, 'dns', { kubeDnsIp: '10.100.0.10' });
    new k8s.KubeNetworkPolicy(chart, 'np', { metadata: { name: 'to-dns', namespace: 'app' }, spec: { podSelector: {}, egress: [{ to: [{ podSelector: { matchLabels: { 'k8s-app': 'node-local-dns' } } }] }] } });
    expect(() => OpsTesting.synth(app)).toThrow(/cannot select node-local-dns pods, which run with hostNetwork/);
  });

  test('fails when a second NodeLocalDns shares the chart and namespace (its objects would replace the first one\'s)', () => {
    // GIVEN e.g. an attempt at one cache per IP family
    const app = OpsTesting.app();
    const chart = app.chart('dns');
    new NodeLocalDns(chart, 'v4', { kubeDnsIp: '10.100.0.10' });
    // WHEN
    const e = thrown(() => new NodeLocalDns(chart, 'v6', { kubeDnsIp: 'fd00:100::10', localIp: 'fd00::10', healthPort: 8090, metricsPort: 9263, setupMetricsPort: 9363 }));
    // THEN
    expect(e.problems).toEqual([expect.objectContaining({ field: 'metadata.namespace', got: '"kube-system"', path: 'dns/v6' })]);
    expect(e.message).toContain('metadata.namespace must differ from that of dns/v4: both would emit Service/kube-dns-upstream and the cache\'s iptables rules on the same nodes, got "kube-system" — keep one NodeLocalDns per chart');
  });

  test('one NodeLocalDns per chart: two clusters\' charts in one app each get their own', () => {
    const app = OpsTesting.app();
    new NodeLocalDns(app.chart('blue'), 'dns', { kubeDnsIp: '10.100.0.10' });
    new NodeLocalDns(app.chart('green'), 'dns', { kubeDnsIp: '172.20.0.10' });
    const out = OpsTesting.synth(app);
    expect(out.findObject('green', 'DaemonSet', 'node-local-dns').spec.template.spec.containers[0].args[1]).toBe('169.254.20.10,172.20.0.10');
  });
});
