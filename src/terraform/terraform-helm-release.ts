import type { Duration } from 'cdk8s';
import { TerraformProvider, TerraformResource } from 'cdktn';
import { Construct } from 'constructs';
import { helmReleaseResourceProblems } from './model/helm-release';
import { checkProps } from '../core/check-props';
import { durationSeconds, durationValueProblems } from '../core/duration';
import { Engine, placedIn } from '../core/placement';
import { reportPropsProblems } from '../core/props-problems';
import { HelmRelease } from '../helm/release/helm-release';
import { unbuiltReleaseProblems } from '../helm/release/model/release';

/** Helm's own default wait, in seconds. */
const DEFAULT_TIMEOUT_SECONDS = 600;

/** A post-renderer run by Helm on the rendered manifests. */
export interface HelmPostRender {
  /** Command, found on the PATH of the machine running Terraform. */
  readonly binaryPath: string;
  /** Its arguments. @default - none */
  readonly args?: string[];
}

/** Props of `TerraformHelmRelease`. @see https://registry.terraform.io/providers/hashicorp/helm/latest/docs/resources/release */
export interface TerraformHelmReleaseProps {
  /** The release: chart, repository, exact version, release name, namespace and values. */
  readonly release: HelmRelease;
  /** Create the namespace if it does not exist (`create_namespace`). @default false */
  readonly createNamespace?: boolean;
  /** Post-renderer. @default - none */
  readonly postrender?: HelmPostRender;
  /** Roll back on failure (`atomic`). @default true */
  readonly atomic?: boolean;
  /** How long Helm waits for the release's objects to be ready (rendered as whole seconds). @default Duration.minutes(10) */
  readonly timeout?: Duration;
  /** Releases kept (`max_history`). @default 5 @integer */
  readonly maxHistory?: number;
  /** The Helm provider. @default - the stack's default `helm` provider */
  readonly provider?: TerraformProvider;
}

/**
 * A `HelmRelease` delivered by Terraform: a `helm_release` through cdktn's generic `TerraformResource` (no
 * prebuilt bindings exist for cdktn), with the arguments the helm provider 2.x and 3.x document (`name`,
 * `repository`, `chart`, `version`, `namespace`, `values` as one YAML document, `postrender` as an object). Every
 * literal `${` / `%{` in the values reaches Terraform escaped (`$${`, `%%{`), by the stack's one escaping path.
 *
 * @example
 * const dns = new HelmRelease(app.k8s, 'node-local-dns', {
 *   repository: 'oci://ghcr.io/deliveryhero/helm-charts', chart: 'node-local-dns', version: '2.9.2',
 *   namespace: 'kube-system', values: { config: { localDns: '169.254.20.10' } },
 * });
 * new TerraformHelmRelease(stack, 'node-local-dns', { release: dns });
 */
export class TerraformHelmRelease extends TerraformResource {
  private readonly props!: TerraformHelmReleaseProps;

  public constructor(scope: Construct, id: string, props: TerraformHelmReleaseProps) {
    super(placedIn(scope, id, Engine.TERRAFORM, 'TerraformHelmRelease'), id, {
      terraformResourceType: 'helm_release',
      terraformGeneratorMetadata: { providerName: 'helm', providerVersionConstraint: '~> 3.0' },
      provider: props?.provider,
    });
    if (!checkProps(this, 'TerraformHelmReleaseProps', props)) return;
    // a HelmRelease (the prop checker made sure) whose own props had problems, reported at its path
    if (!reportPropsProblems(this, unbuiltReleaseProblems(props.release))) return;
    if (!reportPropsProblems(this, durationValueProblems('timeout', props.timeout, { example: 'Duration.minutes(10)' }))) return;
    if (!reportPropsProblems(this, helmReleaseResourceProblems({ ...props, timeout: durationSeconds(props.timeout) }))) return;
    this.props = props;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    // props with problems: nothing was built (the problems are the synth's error), so nothing is written
    if (this.props === undefined) return {};
    const p = this.props;
    const r = p.release;
    return {
      name: r.releaseName,
      repository: r.repository,
      chart: r.chart,
      version: r.version,
      namespace: r.namespace,
      ...(p.createNamespace ? { create_namespace: true } : {}),
      atomic: p.atomic ?? true,
      wait: true,
      timeout: durationSeconds(p.timeout) ?? DEFAULT_TIMEOUT_SECONDS,
      max_history: p.maxHistory ?? 5,
      values: Object.keys(r.values).length > 0 ? [r.valuesYaml()] : [],
      ...(p.postrender ? { postrender: { binary_path: p.postrender.binaryPath, ...(p.postrender.args ? { args: p.postrender.args } : {}) } } : {}),
    };
  }
}
