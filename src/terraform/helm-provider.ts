import { TerraformProvider, Token } from 'cdktn';
import { Construct } from 'constructs';
import { checkProps } from '../core/check-props';
import { Engine, placedIn } from '../core/placement';
import { reportPropsProblems } from '../core/props-problems';
import { helmProviderProblems } from './model/helm-provider';

/** The `exec` credential plugin of the Helm provider's Kubernetes connection. */
export interface HelmKubernetesExec {
  /** The ExecCredential version: `client.authentication.k8s.io/v1beta1` or `client.authentication.k8s.io/v1`. */
  readonly apiVersion: string;
  /** e.g. `aws`. */
  readonly command: string;
  /** e.g. `["eks", "get-token", "--cluster-name", "prod"]`. @default - none */
  readonly args?: string[];
}

/**
 * How the Helm provider reaches the cluster. Literal values are checked as the provider reads them (a Terraform
 * reference, such as an EKS cluster's endpoint, is the provider's to check at apply).
 *
 * @see https://registry.terraform.io/providers/hashicorp/helm/latest/docs#authentication
 */
export interface HelmKubernetesConnection {
  /** API server URL (`https://host[:port]`, or `host[:port]`), e.g. `aws_eks_cluster.this.endpoint`. @default - from the kubeconfig */
  readonly host?: string;
  /** PEM CA certificate, decoded (`-----BEGIN CERTIFICATE-----…`). @default - from the kubeconfig */
  readonly clusterCaCertificate?: string;
  /** Credential plugin. @default - none */
  readonly exec?: HelmKubernetesExec;
  /** Path of a kubeconfig. @default - none */
  readonly configPath?: string;
  /** kubeconfig context. @default - the current context */
  readonly configContext?: string;
}

/** Props of `HelmProvider`. */
export interface HelmProviderProps {
  /** The cluster connection. @default - the provider's defaults (KUBECONFIG) */
  readonly kubernetes?: HelmKubernetesConnection;
  /** Provider version constraint (Terraform syntax, e.g. `~> 3.0` or `>= 3.1.0, < 4.0.0`). @default "~> 3.0" */
  readonly version?: string;
  /** Provider alias (a Terraform name). @default - none */
  readonly alias?: string;
}

/**
 * The `hashicorp/helm` Terraform provider, through cdktn's generic `TerraformProvider` (no prebuilt
 * bindings exist for cdktn). The `kubernetes` connection is emitted as a JSON object, which both the 2.x
 * block and the 3.x nested attribute accept.
 *
 * @see https://registry.terraform.io/providers/hashicorp/helm/latest/docs
 *
 * @example
 * new HelmProvider(stack, 'helm', {
 *   kubernetes: {
 *     host: cluster.endpoint,
 *     clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
 *     exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod'] },
 *   },
 * });
 */
export class HelmProvider extends TerraformProvider {
  private readonly props!: HelmProviderProps;
  private providerAlias?: string;

  public constructor(scope: Construct, id: string, props: HelmProviderProps = {}) {
    // read before the props' run-time check (super comes first): a props value that is not a string is the check's to report
    super(placedIn(scope, id, Engine.TERRAFORM, 'HelmProvider'), id, {
      terraformResourceType: 'helm',
      terraformProviderSource: 'hashicorp/helm',
      terraformGeneratorMetadata: { providerName: 'helm', providerVersionConstraint: typeof props?.version === 'string' ? props.version : '~> 3.0' },
    });
    if (!checkProps(this, 'HelmProviderProps', props)) return;
    if (!reportPropsProblems(this, helmProviderProblems(props, (text) => Token.isUnresolved(text)))) return;
    this.props = props;
    if (props.alias) this.alias = props.alias;
  }

  /** The provider alias, if any. */
  public get alias(): string | undefined {
    return this.providerAlias;
  }

  public set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    // props with problems: nothing was built (the problems are the synth's error), so nothing is written
    if (this.props === undefined) return {};
    const k = this.props.kubernetes;
    const alias = this.providerAlias !== undefined ? { alias: this.providerAlias } : {};
    if (!k) return alias;
    // snake_case keys: cdktn snake-cases provider keys anyway (terraform-delivery.md, cdktn trap 1)
    const kubernetes: { [key: string]: any } = {};
    if (k.host !== undefined) kubernetes.host = k.host;
    if (k.clusterCaCertificate !== undefined) kubernetes.cluster_ca_certificate = k.clusterCaCertificate;
    if (k.configPath !== undefined) kubernetes.config_path = k.configPath;
    if (k.configContext !== undefined) kubernetes.config_context = k.configContext;
    if (k.exec) kubernetes.exec = { api_version: k.exec.apiVersion, command: k.exec.command, ...(k.exec.args ? { args: k.exec.args } : {}) };
    return { ...alias, kubernetes };
  }
}
