import type { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import { Fn, Token } from 'cdktn';
import { Construct } from 'constructs';
import { OpsError } from '../../core/ops-error';
import { renderMimeUserData, renderNodeConfig, NODEADM_CONTENT_TYPE, validateNodeConfig } from '../model/node-config';
import { kubeletClusterDnsFor, kubeletMustUseLocalIp } from '../model/node-local-dns-spec';
import type { NodeLocalDnsProps } from '../node-local-dns';
import { resolveNodeLocalDnsSpec } from '../node-local-dns-props';

/** Provider submodules are loaded on first use, so that requiring opskit stays cheap. */
const aws = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  LaunchTemplate: (): typeof LaunchTemplate => require('@cdktn/provider-aws/lib/launch-template').LaunchTemplate,
};

/** The `spec.cluster` of a NodeConfig: needed for self-managed nodes, not for managed node groups. */
export interface EksNodeCluster {
  /** Cluster name. */
  readonly name: string;
  /** API server endpoint (`aws_eks_cluster.endpoint`). */
  readonly apiServerEndpoint: string;
  /** Base64 CA data (`aws_eks_cluster.certificate_authority[0].data`). */
  readonly certificateAuthority: string;
  /** Service CIDR. */
  readonly cidr: string;
}

/** A further user data part (e.g. a `text/x-shellscript`). */
export interface EksUserDataPart {
  /** MIME content type. */
  readonly contentType: string;
  /** Its text. */
  readonly content: string;
}

/** Props of `EksNodeConfig`. */
export interface EksNodeConfigProps {
  /** The same props as `NodeLocalDns`: the kubelet `clusterDNS` follows from its mode and IPs. */
  readonly nodeLocalDns: NodeLocalDnsProps;
  /**
   * The kubelet `clusterDNS`. IPVS and CILIUM_ADDRESS require `[localIp]`; with iptables either NodeLocalDns
   * address works (the kube-dns IP keeps DNS working through kube-proxy if the cache is down).
   * @default - what the mode needs: `[localIp]` for IPVS and CILIUM_ADDRESS, else `[kubeDnsIp]`
   */
  readonly clusterDns?: string[];
  /** Cluster settings, for self-managed nodes. @default - none (managed node groups add their own) */
  readonly cluster?: EksNodeCluster;
  /** Parts added after the NodeConfig. @default - none */
  readonly extraParts?: EksUserDataPart[];
  /** Whether to create an `aws_launch_template` with this user data. @default true */
  readonly createLaunchTemplate?: boolean;
  /** The launch template's name prefix. @default "node-local-dns-" */
  readonly launchTemplateNamePrefix?: string;
}

/**
 * The EKS node side of NodeLocal DNSCache: a nodeadm `NodeConfig` that sets the kubelet `clusterDNS`
 * to the cache's link-local IP, as the MIME multi-part user data Amazon Linux 2023 nodes read, and
 * (by default) an `aws_launch_template` carrying it for a managed node group.
 *
 * @see https://awslabs.github.io/amazon-eks-ami/nodeadm/doc/api/
 * @example
 * const nodes = new EksNodeConfig(stack, 'nodes', { nodeLocalDns: { kubeDnsIp: '10.100.0.10', mode: ProxyMode.IPVS } });
 * // aws_eks_node_group: launch_template { id = nodes.launchTemplate.id, version = nodes.launchTemplate.latestVersion }
 */
export class EksNodeConfig extends Construct {
  /** The kubelet `clusterDNS` written. */
  public readonly clusterDns: string[];
  /** The NodeConfig YAML document. */
  public readonly nodeConfig: string;
  /** The MIME multi-part user data (plain text). */
  public readonly userData: string;
  /** The launch template, unless `createLaunchTemplate` is false. */
  public readonly launchTemplate?: LaunchTemplate;

  public constructor(scope: Construct, id: string, props: EksNodeConfigProps) {
    super(scope, id);
    const spec = resolveNodeLocalDnsSpec(props.nodeLocalDns);
    this.clusterDns = props.clusterDns ?? kubeletClusterDnsFor(spec);
    const required = kubeletMustUseLocalIp(spec.mode) ? kubeletClusterDnsFor(spec) : undefined;
    const model = { clusterDns: this.clusterDns, cluster: props.cluster };
    const allowed = required ?? undefined;
    const problems = validateNodeConfig(model, allowed);
    if (!required && !this.clusterDns.every((ip) => ip === spec.localIp || ip === spec.kubeDnsIp)) {
      problems.push({ field: 'clusterDns', expected: `must be the local IP ${spec.localIp} or the kube-dns IP ${spec.kubeDnsIp}`, got: JSON.stringify(this.clusterDns), fix: 'use the NodeLocalDns addresses', rule: 'dns/ipvs-single-ip' });
    }
    OpsError.throwIfAny(this, problems);
    this.nodeConfig = renderNodeConfig(model);
    this.userData = renderMimeUserData([
      { contentType: NODEADM_CONTENT_TYPE, content: this.nodeConfig },
      ...(props.extraParts ?? []).map((p) => ({ contentType: p.contentType, content: p.content })),
    ]);
    if (props.createLaunchTemplate ?? true) {
      this.launchTemplate = new (aws.LaunchTemplate())(this, 'Resource', {
        namePrefix: props.launchTemplateNamePrefix ?? 'node-local-dns-',
        // Static text is encoded here (no Terraform escaping concerns); text with tokens is encoded by Terraform.
        userData: Token.isUnresolved(this.userData) ? Fn.base64encode(this.userData) : Buffer.from(this.userData, 'utf8').toString('base64'),
        updateDefaultVersion: true,
      });
    }
  }
}
