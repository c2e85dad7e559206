import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { releaseValuesFile } from './conventions';
import { ReleaseSpec, releaseSourceProblems } from './model/release';
import { ArtifactFile, Artifacts, IArtifact } from '../../core/artifact';
import { checkProps } from '../../core/check-props';
import { reportPropsProblems } from '../../core/props-problems';
import { toYaml } from '../../core/yaml';

/** Where a release installs and whether it writes its values file: the props every release shares. */
export interface HelmReleaseOptions {
  /**
   * The release name (`helm install <releaseName>`, Terraform's `name`, Argo CD's `helm.releaseName`): a DNS-1123
   * subdomain of at most 53 characters.
   *
   * @default - the construct id
   */
  readonly releaseName?: string;
  /**
   * The namespace the release installs into.
   *
   * @default - the namespace of the enclosing chart, else "default" (Helm's default)
   */
  readonly namespace?: string;
  /**
   * Write the values as the artifact `helm/releases/<releaseName>.values.yaml` (for `helm install -f`).
   *
   * @default true
   */
  readonly valuesFile?: boolean;
}

/** Props of `HelmRelease`. */
export interface HelmReleaseProps extends HelmReleaseOptions {
  /** The chart repository: an `https://` chart repository or an `oci://` registry path. */
  readonly repository: string;
  /** The chart's name in the repository. */
  readonly chart: string;
  /** The chart version, exact (SemVer; ranges and `latest` are rejected). */
  readonly version: string;
  /**
   * The release's values, a JSON object (plain data). Typed releases (`KubePrometheusStackRelease`,
   * `CertManagerRelease`) build it from typed props; interfaces for other charts are generated from the chart with
   * `opskit-helm-values` (see docs/helm-releases.md).
   *
   * @default - none (the chart's defaults)
   */
  readonly values?: { [key: string]: any };
}

/**
 * A release of a third-party Helm chart, defined once and delivered in any of three ways: as a values file (this
 * construct's artifact, `helm/releases/<releaseName>.values.yaml`), as a Terraform `helm_release`
 * (`TerraformHelmRelease`, in a stack) and as an Argo CD `Application` (`ArgoCdApplication`, in a chart). The
 * chart comes from an https or oci repository at an exact version.
 *
 * Create it in the app's cdk8s tree (`app.k8s` or a chart, whose namespace it then takes); the deliveries take
 * the construct.
 *
 * @example
 * const ingress = new HelmRelease(app.k8s, 'ingress-nginx', {
 *   repository: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.12.1',
 *   namespace: 'ingress', values: { controller: { replicaCount: 2 } },
 * });
 * new TerraformHelmRelease(app.stack('cluster'), 'ingress-nginx', { release: ingress });
 */
export class HelmRelease extends Construct implements IArtifact {
  /** The release name. */
  public readonly releaseName!: string;
  /** The namespace the release installs into. */
  public readonly namespace!: string;
  /** The chart repository. */
  public readonly repository!: string;
  /** The chart's name. */
  public readonly chart!: string;
  /** The exact chart version. */
  public readonly version!: string;
  /** The values (plain data). */
  public readonly values!: { [key: string]: any };
  /** The values file's path in the output, `undefined` without `valuesFile`. */
  public readonly valuesFilePath?: string;

  public constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id);
    if (!checkProps(this, 'HelmReleaseProps', props)) return;
    const spec = {
      name: props.releaseName ?? id,
      namespace: props.namespace ?? enclosingChart(this)?.namespace ?? 'default',
      chart: props.chart,
      repository: props.repository,
      version: props.version,
      values: props.values ?? {},
    };
    if (!reportPropsProblems(this, releaseSourceProblems(spec).map((p) => (p.field === 'name' ? { ...p, field: 'releaseName' } : p)))) return;
    this.releaseName = spec.name;
    this.namespace = spec.namespace;
    this.repository = spec.repository;
    this.chart = spec.chart;
    this.version = spec.version;
    this.values = spec.values;
    this.valuesFilePath = props.valuesFile ?? true ? releaseValuesFile(spec.name) : undefined;
    Artifacts.mark(this);
  }

  /** The values as one YAML document (through opskit's YAML writer). */
  public valuesYaml(): string {
    return toYaml(this.values, this.node.path);
  }

  /** The values file, when `valuesFile` is on. */
  public renderFiles(): ArtifactFile[] {
    return this.valuesFilePath === undefined ? [] : [{ path: this.valuesFilePath, content: this.valuesYaml() }];
  }

  /** @internal The release as the pure model sees it. */
  public _spec(): ReleaseSpec {
    return {
      name: this.releaseName, namespace: this.namespace, chart: this.chart, repository: this.repository, version: this.version, values: this.values,
    };
  }
}

function enclosingChart(c: IConstruct): Chart | undefined {
  return c.node.scopes.slice().reverse().find((s): s is Chart => Chart.isChart(s));
}
