import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { Testing as CdkTesting } from 'cdk8s';
import { Testing, TerraformStack, TerraformVariable } from 'cdktn';
import { Construct } from 'constructs';
import { OpsTesting } from '../../../src/app/testing';
import { OpsError, OpsErrors } from '../../../src/core/ops-error';
import { parseYamlDocuments } from '../../../src/core/yaml';
import { EksNodeConfig, NodeLocalDns, NodeLocalDnsHelmRelease, NodeLocalDnsProps, ProxyMode } from '../../../src/dns';
import { MIME_BOUNDARY } from '../../../src/dns/model/node-config';

/** A NodeLocalDns in a chart of its own (the Kubernetes side EksNodeConfig refers to). */
function cache(props: NodeLocalDnsProps): NodeLocalDns {
  return new NodeLocalDns(CdkTesting.chart(), 'node-local-dns', props);
}

function synth(props: any) {
  const stack = new TerraformStack(Testing.app(), 'nodes');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const nodes = new EksNodeConfig(stack, 'nodes', props);
  return { nodes, json: JSON.parse(Testing.synth(stack, true)) };
}

describe('EksNodeConfig', () => {
  test('defaults: IPVS NodeConfig with clusterDNS = local IP, in MIME user data of a launch template', () => {
    // WHEN
    const { nodes, json } = synth({ nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS }) });
    // THEN
    const lt = Object.values(json.resource.aws_launch_template)[0] as any;
    const userData = Buffer.from(lt.user_data, 'base64').toString('utf8');
    expect(userData).toBe(nodes.userData);
    expect(userData.startsWith(`MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"\n\n--${MIME_BOUNDARY}\nContent-Type: application/node.eks.aws\n\n`)).toBe(true);
    expect(userData.endsWith(`--${MIME_BOUNDARY}--\n`)).toBe(true);
    const part = userData.split(`--${MIME_BOUNDARY}`)[1].split('\n\n').slice(1).join('\n\n');
    expect(parseYamlDocuments(part)).toEqual([{ apiVersion: 'node.eks.aws/v1alpha1', kind: 'NodeConfig', spec: { kubelet: { config: { clusterDNS: ['169.254.20.10'] } } } }]);
    expect(lt.name_prefix).toBe('node-local-dns-');
    expect(lt.update_default_version).toBe(true);
  });

  test('self-managed nodes get the cluster section and extra parts', () => {
    const { nodes } = synth({
      nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }),
      cluster: { name: 'prod', apiServerEndpoint: 'https://abc.eks.amazonaws.com', certificateAuthority: 'Q0E=', cidr: '10.100.0.0/16' },
      extraParts: [{ contentType: 'text/x-shellscript', content: '#!/bin/bash\necho hi\n' }],
      createLaunchTemplate: false,
    });
    expect(nodes.launchTemplate).toBeUndefined();
    expect(nodes.clusterDns).toEqual(['10.100.0.10']); // iptables: the kubelet may keep the kube-dns IP
    expect(parseYamlDocuments(nodes.nodeConfig)[0].spec.cluster).toEqual({ name: 'prod', apiServerEndpoint: 'https://abc.eks.amazonaws.com', certificateAuthority: 'Q0E=', cidr: '10.100.0.0/16' });
    expect(nodes.userData).toContain(`--${MIME_BOUNDARY}\nContent-Type: text/x-shellscript\n\n#!/bin/bash\necho hi\n`);
  });

  test('takes the mode and addresses of a NodeLocalDnsHelmRelease in the same stack', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 'nodes');
    const release = new NodeLocalDnsHelmRelease(stack, 'node-local-dns', { kubeDnsIp: 'fd00::a', localIp: 'fd00::10', mode: ProxyMode.IPVS });
    // WHEN
    const nodes = new EksNodeConfig(stack, 'nodes', { nodeLocalDns: release, createLaunchTemplate: false });
    // THEN
    expect(nodes.clusterDns).toEqual(['fd00::10']);
  });

  test.each([
    [ProxyMode.IPTABLES, ['10.100.0.10']],
    [ProxyMode.NFTABLES, ['10.100.0.10']],
    [ProxyMode.CILIUM, ['10.100.0.10']],
    [ProxyMode.IPVS, ['169.254.20.10']],
    [ProxyMode.CILIUM_ADDRESS, ['169.254.20.10']],
  ])('the kubelet clusterDNS follows the NodeLocalDns mode (%s)', (mode, clusterDns) => {
    const { nodes } = synth({ nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10', mode }), createLaunchTemplate: false });
    expect(nodes.clusterDns).toEqual(clusterDns);
  });

  test('a NodeLocalDns with invalid props is reported once, at itself; EksNodeConfig waits for the fix', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const dns = new NodeLocalDns(app.chart('dns'), 'node-local-dns', { kubeDnsIp: '10.100.0.10', localIp: 'fd00::10', mode: ProxyMode.IPVS });
    // WHEN
    const nodes = new EksNodeConfig(app.stack('nodes'), 'nodes', { nodeLocalDns: dns });
    let error: unknown;
    try {
      OpsTesting.synth(app);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(OpsError);
    expect(OpsErrors.problemsOf(error).map((p) => [p.path, p.field])).toEqual([['dns/node-local-dns', 'localIp']]);
    expect(nodes.launchTemplate).toBeUndefined();
  });

  test('fails when nodeLocalDns is a construct of another kind', () => {
    const stack = new TerraformStack(Testing.app(), 'nodes');
    expect(() => new EksNodeConfig(stack, 'nodes', { nodeLocalDns: new Construct(stack, 'other') as any }))
      .toThrow(/nodeLocalDns must be a NodeLocalDns or a NodeLocalDnsHelmRelease \(INodeLocalDns\), got an instance of Construct[^]*at path \[nodes\/nodes\]/);
  });

  test('output is deterministic', () => {
    expect(synth({ nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }) }).json).toEqual(synth({ nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }) }).json);
  });

  test('fails when IPVS nodes would keep the kube-dns IP', () => {
    expect(() => synth({ nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS }), clusterDns: ['10.100.0.10'] }))
      .toThrow(/clusterDns must be \["169.254.20.10"\] for the NodeLocalDns mode, got \["10.100.0.10"\][\s\S]*at path \[nodes\/nodes\]/);
  });

  test('fails when clusterDns is neither NodeLocalDns address', () => {
    expect(() => synth({ nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }), clusterDns: ['8.8.8.8'] })).toThrow(/clusterDns must be the local IP 169.254.20.10 or the kube-dns IP 10.100.0.10/);
  });

  test('fails when the cluster section is incomplete', () => {
    expect(() => synth({ nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }), cluster: { name: 'prod', apiServerEndpoint: 'http://x', certificateAuthority: 'Q0E=', cidr: 'x' } }))
      .toThrow(/cluster.apiServerEndpoint must be an https:\/\/ URL[\s\S]*cluster.cidr must be the service CIDR/);
  });

  test.each([
    ['nodeLocalDns is missing', {}, 'nodeLocalDns', /nodeLocalDns is required: a NodeLocalDns or a NodeLocalDnsHelmRelease \(INodeLocalDns\)/],
    ['nodeLocalDns is a copy of the NodeLocalDns props', { nodeLocalDns: { kubeDnsIp: '10.100.0.10' } }, 'nodeLocalDns',
      /nodeLocalDns must be a NodeLocalDns or a NodeLocalDnsHelmRelease \(INodeLocalDns\), got \{"kubeDnsIp":"10\.100\.0\.10"\} — pass the NodeLocalDns or NodeLocalDnsHelmRelease construct itself, not a copy of its props/],
    ['an extra part has a multi-line content type', { nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }), extraParts: [{ contentType: 'text/x-shellscript\nX-Injected: 1', content: 'echo' }] }, 'extraParts[0].contentType', /extraParts\[0\]\.contentType must be a MIME content type on one line/],
    ['an extra part contains the MIME boundary', { nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }), extraParts: [{ contentType: 'text/x-shellscript', content: `echo\n--${MIME_BOUNDARY}\n` }] }, 'extraParts[0].content', /extraParts\[0\]\.content must not contain the MIME boundary/],
  ])('fails when %s, naming the field and the construct path', (_name, props, field, message) => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 'nodes');
    // WHEN
    let error: any;
    try {
      new EksNodeConfig(stack, 'nodes', props as any);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(OpsErrors.problemsOf(error).map((p) => [p.field, p.path])).toEqual([[field, 'nodes/nodes']]);
    expect(error.message).toMatch(message);
  });

  test('user data with a Terraform reference (e.g. the cluster endpoint) goes through a local with its literal text escaped', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 'nodes');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const endpoint = new TerraformVariable(stack, 'endpoint', { type: 'string' });
    // WHEN
    new EksNodeConfig(stack, 'nodes', {
      nodeLocalDns: cache({ kubeDnsIp: '10.100.0.10' }),
      cluster: { name: 'prod', apiServerEndpoint: endpoint.stringValue, certificateAuthority: 'Q0E=', cidr: '10.100.0.0/16' },
      extraParts: [{ contentType: 'text/x-shellscript', content: 'printf "%{http_code}" ${HOME}' }],
    });
    // THEN
    const json = JSON.parse(Testing.synth(stack, true));
    const lt = Object.values(json.resource.aws_launch_template)[0] as any;
    const [localName, text] = Object.entries(json.locals)[0] as [string, string];
    expect(lt.user_data).toBe(`\${base64encode(local.${localName})}`);
    // the reference stays a reference; the literal text is escaped so Terraform renders it verbatim
    expect(text).toContain('apiServerEndpoint: "${var.endpoint}"');
    expect(text).toContain('printf "%%{http_code}" $${HOME}');
    expect(text.replace('${var.endpoint}', '').replace(/\$\$\{|%%\{/g, '')).not.toMatch(/\$\{|%\{/);
  });
});
