import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { Testing, TerraformStack, TerraformVariable } from 'cdktn';
import { OpsErrors } from '../../../src/core/ops-error';
import { parseYamlDocuments } from '../../../src/core/yaml';
import { EksNodeConfig, ProxyMode } from '../../../src/dns';
import { MIME_BOUNDARY } from '../../../src/dns/model/node-config';

function synth(props: any) {
  const stack = new TerraformStack(Testing.app(), 'nodes');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const nodes = new EksNodeConfig(stack, 'nodes', props);
  return { nodes, json: JSON.parse(Testing.synth(stack, true)) };
}

describe('EksNodeConfig', () => {
  test('defaults: IPVS NodeConfig with clusterDNS = local IP, in MIME user data of a launch template', () => {
    // WHEN
    const { nodes, json } = synth({ nodeLocalDns: { kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS } });
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
      nodeLocalDns: { kubeDnsIp: '10.100.0.10' },
      cluster: { name: 'prod', apiServerEndpoint: 'https://abc.eks.amazonaws.com', certificateAuthority: 'Q0E=', cidr: '10.100.0.0/16' },
      extraParts: [{ contentType: 'text/x-shellscript', content: '#!/bin/bash\necho hi\n' }],
      createLaunchTemplate: false,
    });
    expect(nodes.launchTemplate).toBeUndefined();
    expect(nodes.clusterDns).toEqual(['10.100.0.10']); // iptables: the kubelet may keep the kube-dns IP
    expect(parseYamlDocuments(nodes.nodeConfig)[0].spec.cluster).toEqual({ name: 'prod', apiServerEndpoint: 'https://abc.eks.amazonaws.com', certificateAuthority: 'Q0E=', cidr: '10.100.0.0/16' });
    expect(nodes.userData).toContain(`--${MIME_BOUNDARY}\nContent-Type: text/x-shellscript\n\n#!/bin/bash\necho hi\n`);
  });

  test('output is deterministic', () => {
    expect(synth({ nodeLocalDns: { kubeDnsIp: '10.100.0.10' } }).json).toEqual(synth({ nodeLocalDns: { kubeDnsIp: '10.100.0.10' } }).json);
  });

  test('fails when IPVS nodes would keep the kube-dns IP', () => {
    expect(() => synth({ nodeLocalDns: { kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS }, clusterDns: ['10.100.0.10'] }))
      .toThrow(/clusterDns must be \["169.254.20.10"\] for the NodeLocalDns mode, got \["10.100.0.10"\][\s\S]*at path \[nodes\/nodes\]/);
  });

  test('fails when clusterDns is neither NodeLocalDns address', () => {
    expect(() => synth({ nodeLocalDns: { kubeDnsIp: '10.100.0.10' }, clusterDns: ['8.8.8.8'] })).toThrow(/clusterDns must be the local IP 169.254.20.10 or the kube-dns IP 10.100.0.10/);
  });

  test('fails when the cluster section is incomplete', () => {
    expect(() => synth({ nodeLocalDns: { kubeDnsIp: '10.100.0.10' }, cluster: { name: 'prod', apiServerEndpoint: 'http://x', certificateAuthority: 'Q0E=', cidr: 'x' } }))
      .toThrow(/cluster.apiServerEndpoint must be an https:\/\/ URL[\s\S]*cluster.cidr must be the service CIDR/);
  });

  test.each([
    ['kubeDnsIp is missing', { nodeLocalDns: {} }, 'nodeLocalDns.kubeDnsIp', /nodeLocalDns\.kubeDnsIp is required: a string/],
    ['localIp is no IP address', { nodeLocalDns: { kubeDnsIp: '10.100.0.10', localIp: '169.254.20' } }, 'nodeLocalDns.localIp', /nodeLocalDns\.localIp must be an IPv4 or IPv6 address, got "169\.254\.20"/],
    ['an extra part has a multi-line content type', { nodeLocalDns: { kubeDnsIp: '10.100.0.10' }, extraParts: [{ contentType: 'text/x-shellscript\nX-Injected: 1', content: 'echo' }] }, 'extraParts[0].contentType', /extraParts\[0\]\.contentType must be a MIME content type on one line/],
    ['an extra part contains the MIME boundary', { nodeLocalDns: { kubeDnsIp: '10.100.0.10' }, extraParts: [{ contentType: 'text/x-shellscript', content: `echo\n--${MIME_BOUNDARY}\n` }] }, 'extraParts[0].content', /extraParts\[0\]\.content must not contain the MIME boundary/],
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
      nodeLocalDns: { kubeDnsIp: '10.100.0.10' },
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
