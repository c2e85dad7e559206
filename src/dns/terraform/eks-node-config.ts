import type { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import { Fn, TerraformLocal, Token } from 'cdktn';
import { Construct } from 'constructs';
import { checkProps } from '../../core/check-props';
import { Engine, placedIn } from '../../core/placement';
import { Problem, problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';
import { MIME_BOUNDARY, renderMimeUserData, renderNodeConfig, NODEADM_CONTENT_TYPE, validateNodeConfig } from '../model/node-config';
import { kubeletClusterDnsFor, kubeletMustUseLocalIp } from '../model/node-local-dns-spec';
import { checkNodeLocalDns } from '../model/rules';
import { NodeLocalDnsProps, resolveNodeLocalDnsSpec, validateNodeLocalDnsProps } from '../node-local-dns-props';

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

/** A MIME content type such as `text/x-shellscript` or `text/cloud-config; charset="us-ascii"`. */
const CONTENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9_.-]+=("[^"\r\n]*"|[A-Za-z0-9_.-]+))*$/;

function userDataPartProblems(parts: readonly EksUserDataPart[]): Problem[] {
  const out: Problem[] = [];
  parts.forEach((part, i) => {
    if (typeof part?.contentType !== 'string' || !CONTENT_TYPE.test(part.contentType)) {
      out.push(problem(`extraParts[${i}].contentType`, 'must be a MIME content type on one line', part?.contentType,
        'use e.g. "text/x-shellscript" or "text/cloud-config"'));
    }
    if (typeof part?.content !== 'string') {
      out.push(problem(`extraParts[${i}].content`, 'must be a string', part?.content, 'pass the part\'s text'));
    } else if (part.content.includes(MIME_BOUNDARY)) {
      out.push(problem(`extraParts[${i}].content`, `must not contain the MIME boundary ${MIME_BOUNDARY}`, MIME_BOUNDARY,
        'remove that line from the part'));
    }
  });
  return out;
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
  public readonly clusterDns!: string[];
  /** The NodeConfig YAML document. */
  public readonly nodeConfig!: string;
  /** The MIME multi-part user data (plain text). */
  public readonly userData!: string;
  /** The launch template, unless `createLaunchTemplate` is false. */
  public readonly launchTemplate?: LaunchTemplate;

  public constructor(scope: Construct, id: string, props: EksNodeConfigProps) {
    super(placedIn(scope, id, Engine.TERRAFORM, 'EksNodeConfig'), id);
    if (!checkProps(this, 'EksNodeConfigProps', props)) return;
    // the NodeLocalDns props are checked as NodeLocalDns checks them: a missing or malformed kubeDnsIp or
    // localIp would otherwise be written into the kubelet configuration of every node
    const dnsProps = props?.nodeLocalDns ?? ({} as NodeLocalDnsProps);
    const nested = (list: Problem[]) => list.map((p) => ({ ...p, field: `nodeLocalDns.${p.field}` }));
    if (!reportPropsProblems(this, nested(validateNodeLocalDnsProps(dnsProps)))) return;
    const spec = resolveNodeLocalDnsSpec(dnsProps);
    if (!reportPropsProblems(this, [
      ...nested(checkNodeLocalDns({ spec, objects: [] }).errors.filter((p) => p.rule === 'dns/local-ip')),
      ...userDataPartProblems(props.extraParts ?? []),
    ])) return;
    this.clusterDns = props.clusterDns ?? kubeletClusterDnsFor(spec);
    const required = kubeletMustUseLocalIp(spec.mode) ? kubeletClusterDnsFor(spec) : undefined;
    const model = { clusterDns: this.clusterDns, cluster: props.cluster };
    const allowed = required ?? undefined;
    const problems = validateNodeConfig(model, allowed);
    if (!required && !this.clusterDns.every((ip) => ip === spec.localIp || ip === spec.kubeDnsIp)) {
      problems.push({ field: 'clusterDns', expected: `must be the local IP ${spec.localIp} or the kube-dns IP ${spec.kubeDnsIp}`, got: JSON.stringify(this.clusterDns), fix: 'use the NodeLocalDns addresses', rule: 'dns/ipvs-single-ip' });
    }
    if (!reportPropsProblems(this, problems)) return;
    this.nodeConfig = renderNodeConfig(model);
    this.userData = renderMimeUserData([
      { contentType: NODEADM_CONTENT_TYPE, content: this.nodeConfig },
      ...(props.extraParts ?? []).map((p) => ({ contentType: p.contentType, content: p.content })),
    ]);
    if (props.createLaunchTemplate ?? true) {
      this.launchTemplate = new (aws.LaunchTemplate())(this, 'Resource', {
        namePrefix: props.launchTemplateNamePrefix ?? 'node-local-dns-',
        // Static text is encoded here (no Terraform escaping concerns); text with tokens is encoded by Terraform.
        // Text with Terraform references goes through a local (the path verified to survive cdktn): cdktn
        // rejects double quotes in Fn arguments and escapes neither "%{" nor backslashes there. A local's
        // string is a JSON-syntax template, so only its literal segments need `${` → `$${`, `%{` → `%%{`.
        userData: Token.isUnresolved(this.userData)
          ? Fn.base64encode(new TerraformLocal(this, 'UserData', this.userData).asString)
          : Buffer.from(this.userData, 'utf8').toString('base64'),
        updateDefaultVersion: true,
      });
    }
  }
}
