/**
 * The EKS node side of NodeLocal DNSCache (pure): a nodeadm `NodeConfig` pointing the kubelet's
 * `clusterDNS` at the cache, wrapped in the MIME multi-part user data Amazon Linux 2023 nodes expect.
 *
 * @see https://awslabs.github.io/amazon-eks-ami/nodeadm/doc/api/
 * @see https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html#launch-template-user-data
 */
import { parseCidr, parseIp } from './ip';
import { Problem, problem } from '../../core/problem';

/** The `spec.cluster` part, needed by self-managed nodes only (managed node groups merge their own). */
export interface NodeConfigClusterModel {
  readonly name: string;
  readonly apiServerEndpoint: string;
  readonly certificateAuthority: string;
  readonly cidr: string;
}

/** Input of the NodeConfig renderer. */
export interface NodeConfigModel {
  readonly clusterDns: string[];
  readonly cluster?: NodeConfigClusterModel;
}

/** One part of a MIME multi-part user data. */
export interface MimePart {
  readonly contentType: string;
  readonly content: string;
}

/** The fixed MIME boundary (deterministic output; checked not to occur in any part). */
export const MIME_BOUNDARY = '//opskit-nodeadm-boundary//';
/** Content type of nodeadm configuration parts. */
export const NODEADM_CONTENT_TYPE = 'application/node.eks.aws';

/** The NodeConfig object. */
export function nodeConfigObject(m: NodeConfigModel): any {
  return {
    apiVersion: 'node.eks.aws/v1alpha1',
    kind: 'NodeConfig',
    spec: {
      ...(m.cluster ? { cluster: { ...m.cluster } } : {}),
      kubelet: { config: { clusterDNS: [...m.clusterDns] } },
    },
  };
}

/** Checks the NodeConfig input; `expectedClusterDns` is what the NodeLocalDns mode requires, if anything. */
export function validateNodeConfig(m: NodeConfigModel, expectedClusterDns?: string[]): Problem[] {
  const out: Problem[] = [];
  if (m.clusterDns.length === 0) out.push(problem('clusterDns', 'must list at least one address', m.clusterDns, 'use the NodeLocalDns local IP', 'dns/ipvs-single-ip'));
  m.clusterDns.forEach((ip, i) => {
    if (!parseIp(ip)) out.push(problem(`clusterDns[${i}]`, 'must be an IP address', ip, 'e.g. "169.254.20.10"', 'dns/ipvs-single-ip'));
  });
  if (expectedClusterDns && JSON.stringify(m.clusterDns) !== JSON.stringify(expectedClusterDns)) {
    out.push(problem('clusterDns', `must be ${JSON.stringify(expectedClusterDns)} for the NodeLocalDns mode`, m.clusterDns,
      'point the kubelet at the link-local IP: in IPVS mode kube-ipvs0 owns the kube-dns IP and pods would bypass the cache', 'dns/ipvs-single-ip'));
  }
  if (m.cluster) {
    const c = m.cluster;
    if (!c.name) out.push(problem('cluster.name', 'must not be empty', c.name, 'use the EKS cluster name'));
    if (!/^(https:\/\/|\$\{)/.test(c.apiServerEndpoint)) out.push(problem('cluster.apiServerEndpoint', 'must be an https:// URL', c.apiServerEndpoint, 'use the cluster endpoint (aws_eks_cluster.endpoint)'));
    if (!c.certificateAuthority) out.push(problem('cluster.certificateAuthority', 'must not be empty', c.certificateAuthority, 'use the base64 CA data (aws_eks_cluster.certificate_authority[0].data)'));
    if (!c.cidr.startsWith('${') && !parseCidr(c.cidr)) out.push(problem('cluster.cidr', 'must be the service CIDR', c.cidr, 'e.g. "10.100.0.0/16"'));
  }
  return out;
}

/** Renders a NodeConfig as a YAML document (fixed key order, strings quoted where YAML needs it). */
export function renderNodeConfig(m: NodeConfigModel): string {
  const q = (s: string) => (/^[A-Za-z0-9._\/:-]+$/.test(s) && !/^[0-9.]+$/.test(s) ? s : JSON.stringify(s));
  const lines = ['---', 'apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:'];
  if (m.cluster) {
    lines.push('  cluster:',
      `    name: ${q(m.cluster.name)}`,
      `    apiServerEndpoint: ${q(m.cluster.apiServerEndpoint)}`,
      `    certificateAuthority: ${q(m.cluster.certificateAuthority)}`,
      `    cidr: ${q(m.cluster.cidr)}`);
  }
  lines.push('  kubelet:', '    config:', '      clusterDNS:', ...m.clusterDns.map((ip) => `        - ${q(ip)}`));
  return lines.join('\n') + '\n';
}

/** Renders MIME multi-part user data; throws when a part contains the boundary. */
export function renderMimeUserData(parts: readonly MimePart[]): string {
  const out = ['MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"`, ''];
  for (const p of parts) {
    if (p.content.includes(MIME_BOUNDARY)) throw new Error(`a user data part contains the MIME boundary ${MIME_BOUNDARY}`);
    out.push(`--${MIME_BOUNDARY}`, `Content-Type: ${p.contentType}`, '', p.content.replace(/\n$/, ''), '');
  }
  out.push(`--${MIME_BOUNDARY}--`, '');
  return out.join('\n');
}
