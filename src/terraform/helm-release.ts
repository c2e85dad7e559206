import type { Duration } from 'cdk8s';
import { TerraformProvider, TerraformResource } from 'cdktn';
import { Construct } from 'constructs';
import { durationSeconds, notDurationProblems } from '../core/duration';
import { Engine, placedIn } from '../core/placement';
import { reportPropsProblems } from '../core/props-problems';
import { helmReleaseProblems } from './model/helm-release';
import { checkProps } from '../core/check-props';

/** Helm's own default wait, in seconds. */
const DEFAULT_TIMEOUT_SECONDS = 600;


/** A post-renderer run by Helm on the rendered manifests. */
export interface HelmPostRender {
  /** Command, found on the PATH of the machine running Terraform. */
  readonly binaryPath: string;
  /** Its arguments. @default - none */
  readonly args?: string[];
}

/** Props of `HelmRelease`. @see https://registry.terraform.io/providers/hashicorp/helm/latest/docs/resources/release */
export interface HelmReleaseProps {
  /** Release name. */
  readonly name: string;
  /** Chart name. */
  readonly chart: string;
  /** Repository URL or `oci://` registry. */
  readonly repository: string;
  /** Chart version, pinned. */
  readonly version: string;
  /** Namespace. */
  readonly namespace: string;
  /** Values documents as literal YAML text; a literal `${` / `%{` reaches Terraform escaped (`$${`, `%%{`). */
  readonly values: string[];
  /** Post-renderer. @default - none */
  readonly postrender?: HelmPostRender;
  /** Roll back on failure. @default true */
  readonly atomic?: boolean;
  /** How long Helm waits for the release's objects to be ready (rendered as whole seconds). @default Duration.minutes(10) */
  readonly timeout?: Duration;
  /** Releases kept. @default 5 @integer */
  readonly maxHistory?: number;
  /** The Helm provider. @default - the stack's default `helm` provider */
  readonly provider?: TerraformProvider;
}

/**
 * `helm_release` through cdktn's generic `TerraformResource` (no prebuilt bindings exist for cdktn).
 * Emits JSON accepted by provider 2.x and 3.x (`postrender` as an object). The arguments are checked at
 * construction: a Helm release name, an https/oci repository, an exact (pinned) chart version, a namespace name.
 *
 * @example
 * new HelmRelease(stack, 'dns', {
 *   name: 'node-local-dns', chart: 'node-local-dns', repository: 'oci://ghcr.io/deliveryhero/helm-charts',
 *   version: '2.9.2', namespace: 'kube-system', values: [valuesYaml],
 * });
 */
export class HelmRelease extends TerraformResource {
  private readonly props!: HelmReleaseProps;

  public constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(placedIn(scope, id, Engine.TERRAFORM, 'HelmRelease'), id, {
      terraformResourceType: 'helm_release',
      terraformGeneratorMetadata: { providerName: 'helm', providerVersionConstraint: '~> 3.0' },
      provider: props.provider,
    });
    if (!checkProps(this, 'HelmReleaseProps', props)) return;
    if (!reportPropsProblems(this, notDurationProblems('timeout', props.timeout, 'use e.g. Duration.minutes(10)'))) return;
    if (!reportPropsProblems(this, helmReleaseProblems({ ...props, timeout: durationSeconds(props.timeout) }))) return;
    this.props = props;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    // props with problems: nothing was built (the problems are the synth's error), so nothing is written
    if (this.props === undefined) return {};
    const p = this.props;
    return {
      name: p.name,
      repository: p.repository,
      chart: p.chart,
      version: p.version,
      namespace: p.namespace,
      atomic: p.atomic ?? true,
      wait: true,
      timeout: durationSeconds(p.timeout) ?? DEFAULT_TIMEOUT_SECONDS,
      max_history: p.maxHistory ?? 5,
      values: p.values,
      ...(p.postrender ? { postrender: { binary_path: p.postrender.binaryPath, ...(p.postrender.args ? { args: p.postrender.args } : {}) } } : {}),
    };
  }
}
