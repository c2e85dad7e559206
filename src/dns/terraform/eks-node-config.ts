import type { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import { Fn, TerraformLocal, Token } from 'cdktn';
import { Construct } from 'constructs';
import { checkProps } from '../../core/check-props';
import { Engine, placedIn } from '../../core/placement';
import { Problem, problem } from '../../core/problem';
import { PropsProblems, reportPropsProblems } from '../../core/props-problems';
import { MIME_BOUNDARY, renderMimeUserData, renderNodeConfig, NODEADM_CONTENT_TYPE, validateNodeConfig } from '../model/node-config';
import { DnsMode, kubeletClusterDnsFor, kubeletMustUseLocalIp } from '../model/node-local-dns-spec';
import type { INodeLocalDns } from '../node-local-dns';
import { ProxyMode } from '../proxy-mode';

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

/** The mode and addresses of the cache, or why the value given is none. */
function nodeLocalDnsSpec(dns: INodeLocalDns): { spec?: { mode: DnsMode; localIp: string; kubeDnsIp: string }; problems: Problem[] } {
  if (!(dns.mode instanceof ProxyMode) || typeof dns.localIp !== 'string' || typeof dns.kubeDnsIp !== 'string') {
    const got = dns.node?.path !== undefined ? `${dns.constructor?.name ?? 'a construct'} at ${dns.node.path || '<root>'}` : dns;
    return {
      problems: [problem('nodeLocalDns', 'must be a NodeLocalDns or a NodeLocalDnsHelmRelease (mode, localIp and kubeDnsIp set)', got,
        'pass the construct that delivers the cache')],
    };
  }
  return { spec: { mode: dns.mode.name as DnsMode, localIp: dns.localIp, kubeDnsIp: dns.kubeDnsIp }, problems: [] };
}

/** Props of `EksNodeConfig`. */
export interface EksNodeConfigProps {
  /**
   * The DNS cache the nodes use: a `NodeLocalDns` (manifests, in a chart) or a `NodeLocalDnsHelmRelease`. The
   * kubelet `clusterDNS` follows from its mode and addresses.
   */
  readonly nodeLocalDns: INodeLocalDns;
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
 * const dns = new NodeLocalDns(app.chart('dns'), 'node-local-dns', { kubeDnsIp: '172.20.0.10', mode: ProxyMode.IPVS });
 * const nodes = new EksNodeConfig(app.stack('nodes'), 'nodes', { nodeLocalDns: dns });
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
    // the cache checked its own props (addresses, families, mode); one that recorded problems built nothing, and
    // this construct waits for them to be fixed rather than report what follows from them
    if (PropsProblems.of(props.nodeLocalDns).length > 0) return;
    const dns = nodeLocalDnsSpec(props.nodeLocalDns);
    if (!reportPropsProblems(this, [...dns.problems, ...userDataPartProblems(props.extraParts ?? [])])) return;
    const spec = dns.spec!;
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
