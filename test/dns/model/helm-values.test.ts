import { describeProblem } from '../../../src/core/problem';
import { escapeTerraformTemplate } from '../../../src/core/terraform-text';
import { deliveryheroValues, helmCorefile, ipvsPostRenderArgs, splitImage, validateHelmDelivery } from '../../../src/dns/model/helm-values';
import { NodeLocalDnsSpec } from '../../../src/dns/model/node-local-dns-spec';
import { resolveNodeLocalDnsSpec } from '../../../src/dns/node-local-dns-props';

const spec = (over: Partial<NodeLocalDnsSpec> = {}): NodeLocalDnsSpec => ({ ...resolveNodeLocalDnsSpec({ kubeDnsIp: '10.100.0.10' }), ...over });
const OPTIONS = { scrapeAnnotations: true, maxUnavailable: '10%', tolerations: [], securityContext: {} };

describe('helm values', () => {
  test.each([
    ['registry.k8s.io/dns/k8s-dns-node-cache:1.26.8', { repository: 'registry.k8s.io/dns/k8s-dns-node-cache', tag: '1.26.8' }],
    ['localhost:5000/node-cache:1.26.8', { repository: 'localhost:5000/node-cache', tag: '1.26.8' }],
    ['r/x:1@sha256:abc', { repository: 'r/x', tag: '1@sha256:abc' }],
    ['r/x', undefined],
  ])('splitImage(%s)', (image, expected) => expect(splitImage(image)).toEqual(expected));

  test('escapes both Terraform template sequences', () => {
    expect(escapeTerraformTemplate('a ${b} %{c} $d %e')).toBe('a $${b} %%{c} $d %e');
  });

  test('the chart\'s Corefile listens for health on all addresses', () => {
    expect(helmCorefile(spec())).toContain('    health :8080\n');
  });

  test('values: no limits removes the chart\'s default limit; serviceMonitor lands in the namespace', () => {
    const v = deliveryheroValues(spec(), { ...OPTIONS, requests: { cpu: '25m' }, serviceMonitor: { interval: '30s' } });
    expect(v.resources).toEqual({ requests: { cpu: '25m' }, limits: null });
    expect(v.serviceMonitor).toEqual({ enabled: true, labels: {}, prometheusNamespace: 'kube-system', interval: '30s' });
    expect(v.config.upstreamServers).toBe('__PILLAR__UPSTREAM__SERVERS__');
  });

  test('the IPVS post-renderer is a sed expression only in IPVS mode', () => {
    expect(ipvsPostRenderArgs(spec())).toBeUndefined();
    expect(ipvsPostRenderArgs(spec({ mode: 'ipvs' }))).toEqual(['-e', 's/"169\\.254\\.20\\.10,10\\.100\\.0\\.10"/"169\\.254\\.20\\.10"/']);
  });

  test.each([
    ['another namespace', { namespace: 'dns' }, 'metadata.namespace must be "kube-system" for the Helm chart'],
    ['another metrics port', { metricsPort: 9300 }, 'metricsPort must be 9253 for the Helm chart'],
    ['another setup metrics port', { setupMetricsPort: 9400 }, 'setupMetricsPort must be 9353 for the Helm chart'],
    ['a sync interval', { syncIntervalSeconds: 30 }, 'syncInterval cannot be set through the Helm chart'],
    ['the HA pair', { secondary: { healthPort: 1, metricsPort: 2, setupMetricsPort: 3, skewSeconds: 5 } }, 'highAvailability cannot be delivered by the Helm chart'],
    ['a digest-only image', { image: 'r/x@sha256:abc' }, 'image must be repository:tag for the Helm chart'],
    ['Cilium', { mode: 'cilium' }, 'mode cannot be delivered by the Helm chart (it emits no CiliumLocalRedirectPolicy)'],
    ['template braces', { extraServerBlocks: 'x:53 {\n    # {{ .Release.Name }}\n}' }, 'extraServerBlocks must not contain "{{"'],
  ])('the chart cannot deliver %s', (_n, over, message) => {
    const s = spec(over as any);
    const problems = validateHelmDelivery(s, deliveryheroValues(s, OPTIONS));
    expect(problems.map(describeProblem)).toEqual([expect.stringContaining(message)]);
    expect(problems[0].rule).toBe('dns/helm-delivery');
  });
});
