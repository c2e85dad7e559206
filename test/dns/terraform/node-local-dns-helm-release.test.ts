import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing as CdkTesting } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { Testing, TerraformStack } from 'cdktn';
import { IntOrPercent } from '../../../src/core/int-or-percent';
import { OpsError } from '../../../src/core/ops-error';
import { Warnings } from '../../../src/core/warnings';
import { parseYaml } from '../../../src/core/yaml';
import { NodeLocalDns, NodeLocalDnsHelmRelease, NodeLocalDnsProps, ProxyMode } from '../../../src/dns';
import { chartLocalIpArg } from '../../../src/dns/model/helm-values';
import { HelmProvider } from '../../../src/terraform';
import { describeReference } from '../../support/reference';

function synth(props: NodeLocalDnsProps) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'dns');
  new HelmProvider(stack, 'helm', { kubernetes: { host: 'https://example.eks.amazonaws.com', exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod'] } } });
  const release = new NodeLocalDnsHelmRelease(stack, 'node-local-dns', props);
  const json = JSON.parse(Testing.synth(stack, true));
  return { release, json, resource: Object.values(json.resource.helm_release)[0] as any };
}

/** The manifests NodeLocalDns emits for the same props. */
function manifests(props: NodeLocalDnsProps) {
  const chart = CdkTesting.chart();
  new NodeLocalDns(chart, 'dns', props);
  const objects = chart.toJson();
  const ds = objects.find((o: any) => o.kind === 'DaemonSet');
  return { objects, ds, pod: ds.spec.template.spec, container: ds.spec.template.spec.containers[0], corefile: objects.find((o: any) => o.kind === 'ConfigMap').data.Corefile };
}

describe('NodeLocalDnsHelmRelease', () => {
  test('defaults: a pinned deliveryhero release in kube-system with the Helm provider', () => {
    // WHEN
    const { release, json, resource } = synth({ kubeDnsIp: '10.100.0.10' });
    // THEN
    expect([release.mode, release.localIp, release.kubeDnsIp]).toEqual([ProxyMode.IPTABLES, '169.254.20.10', '10.100.0.10']);
    expect(release.resource.terraformResourceType).toBe('helm_release');
    expect(parseYaml(resource.values[0]).updateStrategy.rollingUpdate).toEqual({ maxUnavailable: '10%' });
    expect(json.terraform.required_providers.helm).toEqual({ source: 'hashicorp/helm', version: '~> 3.0' });
    expect(json.provider.helm[0].kubernetes).toEqual({
      host: 'https://example.eks.amazonaws.com',
      exec: { api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod'] },
    });
    expect(resource).toMatchObject({
      name: 'node-local-dns',
      chart: 'node-local-dns',
      repository: 'oci://ghcr.io/deliveryhero/helm-charts',
      version: '2.9.2',
      namespace: 'kube-system',
      atomic: true,
      wait: true,
      timeout: 600,
    });
    expect(resource.values).toHaveLength(1);
    expect(resource.postrender).toBeUndefined();
  });

  test('values are equivalent to the manifests\' settings (iptables)', () => {
    // GIVEN
    const props: NodeLocalDnsProps = { kubeDnsIp: '10.100.0.10', upstreamServers: ['10.0.0.2'], resources: { requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('300Mi') }, limits: { memory: k8s.Quantity.fromString('300Mi') } } };
    const m = manifests(props);
    // WHEN
    const values = parseYaml(synth(props).resource.values[0]);
    // THEN
    expect(`${values.image.repository}:${values.image.tag}`).toBe(m.container.image);
    expect(chartLocalIpArg(values)).toBe(m.container.args[1]);
    expect(values.config.setupIptables).toBe(m.pod.hostNetwork); // the chart ties hostNetwork to setupIptables
    expect(values.config.healthPort).toBe(m.container.livenessProbe.httpGet.port);
    expect(values.resources).toEqual(m.container.resources);
    expect(values.securityContext).toEqual(m.container.securityContext);
    expect(values.tolerations).toEqual(m.pod.tolerations);
    expect(values.updateStrategy.rollingUpdate).toEqual(m.ds.spec.updateStrategy.rollingUpdate);
    // the Corefile is the manifest's, except health on all addresses (the chart's probe has no host)
    expect(values.config.customConfig).toBe(m.corefile.replace('health 169.254.20.10:8080', 'health :8080'));
  });

  test('a maxUnavailable count reaches the chart as a number, as in the manifests', () => {
    // GIVEN
    const props: NodeLocalDnsProps = { kubeDnsIp: '10.100.0.10', maxUnavailable: IntOrPercent.of(2) };
    // WHEN
    const values = parseYaml(synth(props).resource.values[0]);
    // THEN
    expect(values.updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 2 });
    expect(values.updateStrategy.rollingUpdate).toEqual(manifests(props).ds.spec.updateStrategy.rollingUpdate);
  });

  test('IPVS adds a sed post-renderer that drops the kube-dns IP from -localip', () => {
    // GIVEN
    const props: NodeLocalDnsProps = { kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS, kubeletClusterDns: ['169.254.20.10'] };
    const { resource } = synth(props);
    const values = parseYaml(resource.values[0]);
    // WHEN the real sed runs on the chart's rendered args line
    const rendered = `          - "-localip"\n          - "${chartLocalIpArg(values)}"\n`;
    const sed = spawnSync(resource.postrender.binary_path, resource.postrender.args, { input: rendered, encoding: 'utf8' });
    // THEN
    expect(sed.status).toBe(0);
    expect(sed.stdout).toBe(`          - "-localip"\n          - "${manifests(props).container.args[1]}"\n`);
    expect(values.config.customConfig).toContain('forward . 10.100.0.10 {');
  });

  test('warns about props the chart does not deliver', () => {
    const { release } = synth({ kubeDnsIp: '10.100.0.10', errorAlert: true, egressPolicyNamespaces: ['app'] });
    expect(Warnings.collect(release)).toEqual([
      expect.objectContaining({ id: 'opskit:dns/helm-chart-without-error-alert', message: expect.stringContaining('errorAlert is not part of the Helm chart') }),
      expect.objectContaining({ id: 'opskit:dns/helm-chart-without-egress-policies', message: expect.stringContaining('egressPolicyNamespaces is not part of the Helm chart') }),
    ]);
  });

  test('escapes ${ and %{ in the values for Terraform', () => {
    const { resource } = synth({ kubeDnsIp: '10.100.0.10', extraServerBlocks: 'x.example:53 {\n    forward . 10.0.0.9\n    # ${var} %{if}\n}' });
    expect(resource.values[0]).toContain('# $${var} %%{if}');
  });

  test('metadata.name is the release name', () => {
    const { resource } = synth({ kubeDnsIp: '10.100.0.10', metadata: { name: 'dns-cache' } });
    expect(resource.name).toBe('dns-cache');
  });

  test('fails when metadata asks for another namespace, labels or annotations (the chart cannot deliver them)', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'dns');
    let error: OpsError | undefined;
    try {
      new NodeLocalDnsHelmRelease(stack, 'r', { kubeDnsIp: '10.100.0.10', metadata: { namespace: 'dns', labels: { team: 'x' }, annotations: { a: 'b' } } });
    } catch (e) { error = e as OpsError; }
    expect(error?.problems.map((p) => p.field)).toEqual(['metadata.labels', 'metadata.annotations']);
    expect(error?.message).toContain('metadata.labels cannot be delivered by the Helm chart');
    let namespaceError: OpsError | undefined;
    try {
      new NodeLocalDnsHelmRelease(stack, 'ns', { kubeDnsIp: '10.100.0.10', metadata: { namespace: 'dns' } });
    } catch (e) { namespaceError = e as OpsError; }
    expect(namespaceError?.problems.map((p) => p.field)).toEqual(['metadata.namespace']);
  });

  test('fails when the chart cannot express the props', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'dns');
    let error: OpsError | undefined;
    try {
      new NodeLocalDnsHelmRelease(stack, 'r', { kubeDnsIp: '10.100.0.10', metricsPort: 9300, highAvailability: {} });
    } catch (e) { error = e as OpsError; }
    expect(error?.problems.map((p) => p.field)).toEqual(['metricsPort', 'highAvailability']);
    expect(error?.message).toContain('at path [dns/r]');
  });

  test.each([
    ['the chart version is a range', { chartVersion: '^2.9.0' }, 'chartVersion', 'chartVersion must be an exact chart version (no range, not latest), got "^2.9.0" — pin a released version such as "2.9.2"'],
    ['the chart version is latest', { chartVersion: 'latest' }, 'chartVersion', 'chartVersion must be an exact chart version (no range, not latest), got "latest"'],
    ['the repository is plain http', { repository: 'http://charts.example.com' }, 'repository', 'repository must be an https:// or oci:// URL (plain http cannot be trusted), got "http://charts.example.com"'],
  ])('fails when %s, naming the field and the construct path', (_name, extra, field, message) => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 'dns');
    // WHEN
    let error: any;
    try {
      new NodeLocalDnsHelmRelease(stack, 'node-local-dns', { kubeDnsIp: '10.100.0.10', ...extra });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(OpsError);
    expect((error as OpsError).problems.map((p) => [p.field, p.path])).toEqual([[field, 'dns/node-local-dns']]);
    expect(error.message).toContain(message);
  });

  test('an exact chart version and an https repository are accepted', () => {
    const stack = new TerraformStack(Testing.app(), 'dns');
    new HelmProvider(stack, 'helm');
    const r = new NodeLocalDnsHelmRelease(stack, 'nld', { kubeDnsIp: '10.100.0.10', chartVersion: '2.10.0', repository: 'https://charts.deliveryhero.io/' });
    const resource = Object.values(JSON.parse(Testing.synth(stack, true)).resource.helm_release)[0] as any;
    expect([resource.version, resource.repository]).toEqual(['2.10.0', 'https://charts.deliveryhero.io/']);
    expect(r.resource.terraformResourceType).toBe('helm_release');
  });

  test('fails when the props are invalid, as NodeLocalDns does', () => {
    const stack = new TerraformStack(Testing.app(), 'dns');
    expect(() => new NodeLocalDnsHelmRelease(stack, 'r', { kubeDnsIp: 'nope' })).toThrow(/kubeDnsIp must be an IPv4 or IPv6 address[^]*at path \[dns\/r\]/);
  });

  test('fails when the local IP is IPv6 and the kube-dns IP IPv4, as NodeLocalDns does', () => {
    const stack = new TerraformStack(Testing.app(), 'dns');
    expect(() => new NodeLocalDnsHelmRelease(stack, 'r', { kubeDnsIp: '10.100.0.10', localIp: 'fd00::10', mode: ProxyMode.IPVS }))
      .toThrow(/localIp [^\n]*family[^]*at path \[dns\/r\]/);
  });
});

describeReference('Helm values use the chart\'s keys', 'nodelocaldns/helm/deliveryhero', (dir) => {
  test('every value opskit sets exists in the chart\'s values.yaml with the same type', () => {
    // GIVEN the chart's own values.yaml, read in place
    const chartValues = parseYaml(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8'));
    const chart = parseYaml(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
    const { release, resource } = synth({ kubeDnsIp: '10.100.0.10', serviceMonitor: true, cache: { prefetch: { amount: 3 } } });
    // WHEN
    const missing: string[] = [];
    const walk = (ours: any, theirs: any, at: string) => {
      for (const [k, v] of Object.entries(ours)) {
        const p = at ? `${at}.${k}` : k;
        if (!(k in (theirs ?? {}))) { missing.push(p); continue; }
        const t = theirs[k];
        if (v !== null && t !== null && typeof v === 'object' && !Array.isArray(v) && typeof t === 'object' && !Array.isArray(t)) walk(v, t, p);
        else if (v !== null && t !== null && typeof v !== typeof t) missing.push(`${p} (type ${typeof v}, chart has ${typeof t})`);
      }
    };
    walk(release.values, chartValues, '');
    // THEN
    expect(missing).toEqual([]);
    expect(resource.version).toBe(chart.version);
  });
});
