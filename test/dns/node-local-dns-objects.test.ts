import { Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { IntOrPercent } from '../../src/core/int-or-percent';
import { NodeLocalDnsSpec } from '../../src/dns/model/node-local-dns-spec';
import {
  buildConfigMap, buildDaemonSet, buildEgressPolicy, buildLocalRedirectPolicy, buildMetricsService, buildServiceAccount, instanceName, ObjectOptions,
} from '../../src/dns/node-local-dns-objects';
import { resolveNodeLocalDnsSpec } from '../../src/dns/node-local-dns-props';

const OPTIONS: ObjectOptions = {
  addonManagerLabels: false,
  scrapeAnnotations: false,
  resources: { requests: { cpu: k8s.Quantity.fromString('25m') } },
  tolerations: [],
  maxUnavailable: IntOrPercent.of(1),
};
const spec = (over: Partial<NodeLocalDnsSpec> = {}): NodeLocalDnsSpec => ({ ...resolveNodeLocalDnsSpec({ kubeDnsIp: '10.100.0.10' }), ...over });

describe('node-local-dns objects', () => {
  test('instance names', () => {
    expect(instanceName(spec(), 'primary')).toBe('node-local-dns');
    expect(instanceName(spec(), 'secondary')).toBe('node-local-dns-secondary');
    expect(instanceName(spec({ name: 'dns-cache' }), 'secondary')).toBe('dns-cache-secondary');
  });

  test('without addon-manager labels and scrape annotations', () => {
    // GIVEN
    const chart = Testing.chart();
    // WHEN
    const sa = buildServiceAccount(chart, spec(), OPTIONS).toJson();
    const cm = buildConfigMap(chart, 'cm', spec(), 'primary', OPTIONS).toJson();
    const ds = buildDaemonSet(chart, 'ds', spec(), 'primary', OPTIONS).toJson();
    const svc = buildMetricsService(chart, 'svc', spec(), 'primary', OPTIONS).toJson();
    // THEN
    expect(sa.metadata.labels).toBeUndefined();
    expect(cm.metadata.labels).toBeUndefined();
    expect(ds.metadata.labels).toEqual({ 'k8s-app': 'node-local-dns' });
    expect(ds.spec.template.metadata.annotations).toBeUndefined();
    expect(ds.spec.updateStrategy.rollingUpdate.maxUnavailable).toBe(1); // a count is a number: the API server reads "1" as a malformed percentage
    expect(svc.metadata.annotations).toBeUndefined();
  });

  test('Cilium pods have no host network, no xtables lock and no NET_ADMIN', () => {
    const ds = buildDaemonSet(Testing.chart(), 'ds', spec({ mode: 'cilium' }), 'primary', OPTIONS).toJson();
    const pod = ds.spec.template.spec;
    expect(pod.hostNetwork).toBeUndefined();
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['kube-dns-config', 'config-volume']);
    expect(pod.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
    expect(pod.containers[0].livenessProbe.httpGet.host).toBeUndefined();
  });

  test('the address-matching LRP lists the DNS ports on the frontend', () => {
    const lrp = buildLocalRedirectPolicy(Testing.chart(), spec({ mode: 'cilium-address' })).toJson();
    expect(lrp.spec.redirectFrontend).toEqual({
      addressMatcher: { ip: '169.254.20.10', toPorts: [{ port: '53', name: 'dns', protocol: 'UDP' }, { port: '53', name: 'dns-tcp', protocol: 'TCP' }] },
    });
  });

  test('the DNS egress policy uses /128 blocks for IPv6', () => {
    const np = buildEgressPolicy(Testing.chart(), 'np', spec({ localIp: 'fd00::10', kubeDnsIp: 'fd00:100::10' }), 'app').toJson();
    expect(np.metadata).toEqual({ name: 'allow-node-local-dns-egress', namespace: 'app', labels: { 'k8s-app': 'node-local-dns' } });
    expect(np.spec.egress[0].to).toEqual([{ ipBlock: { cidr: 'fd00::10/128' } }, { ipBlock: { cidr: 'fd00:100::10/128' } }]);
    expect(np.spec.policyTypes).toEqual(['Egress']);
  });
});
