import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { WARNING_RELEASE_NAMESPACE_OBJECT } from './conventions';
import { HelmValue } from './helm-value';
import type * as ChartFiles from './model/chart-files';
import { chartMetadataProblems, ChartMetadataSpec } from './model/chart-metadata';
import { CrdPlacement, WorkloadKnob } from './workload-knob';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { chartObjects, isNamespacedKind } from '../core/chart-objects';
import { checkProps } from '../core/check-props';
import { KindRegistry } from '../core/kind-registry';
import { namespaceProblems } from '../core/names';
import { OpsError } from '../core/ops-error';
import { Problem, problem } from '../core/problem';
import { reportPropsProblems } from '../core/props-problems';
import { TemplateValues } from '../core/template-values';
import { Validations } from '../core/validations';
import { Warnings } from '../core/warnings';

let chartFilesModule: typeof ChartFiles | undefined;

/** The chart's files (templates, values, schema, README), built by modules loaded at the first synth of a Helm chart. */
function chartFiles(): typeof ChartFiles {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  chartFilesModule ??= require('./model/chart-files') as typeof ChartFiles;
  return chartFilesModule;
}

/** A maintainer of a Helm chart (`Chart.yaml` `maintainers`). */
export interface HelmChartMaintainer {
  /** The maintainer's name. */
  readonly name: string;
  /** The maintainer's e-mail address. @default - none */
  readonly email?: string;
  /** The maintainer's web page (http or https). @default - none */
  readonly url?: string;
}

/** A value of a subchart imported into the chart's values (`Chart.yaml` `import-values`, the map form). */
export interface HelmChartImportValue {
  /** The path of the value in the subchart's values, e.g. `exports.config`. */
  readonly child: string;
  /** Where it goes in this chart's values, e.g. `imported.config` (declared in `values.schema.json` as any value). */
  readonly parent: string;
}

/**
 * A chart this chart depends on (`Chart.yaml` `dependencies`): Helm installs it as a subchart, after
 * `helm dependency update` (or `build`) has put it in `charts/`.
 *
 * @see https://helm.sh/docs/topics/charts/#chart-dependencies
 */
export interface HelmChartDependency {
  /** The subchart's name (its `Chart.yaml` `name`), e.g. `redis`. */
  readonly name: string;
  /**
   * The version, or a SemVer range as Helm reads it (Masterminds semver): `18.1.5`, `^18.1.0`, `~18.1`,
   * `>=18.0.0, <19.0.0`, `18.x`, `^1 || ^2`.
   */
  readonly version: string;
  /**
   * Where the subchart comes from: an `https://` chart repository, an `oci://` registry path (without the chart
   * name), or a `file://` folder relative to the chart (e.g. `file://../redis`).
   */
  readonly repository: string;
  /**
   * Another name for the subchart: its values key and release name part. Needed to depend on one chart twice.
   *
   * @default - the name
   */
  readonly alias?: string;
  /**
   * A boolean value that switches the subchart on and off, inside its values: `<alias or name>.<field>`, e.g.
   * `redis.enabled`. opskit adds it to `values.yaml` (default `true`) and `values.schema.json`.
   *
   * @default - always installed (unless a tag is off)
   */
  readonly condition?: string;
  /**
   * Tags that switch the subchart on and off together with others: `tags.<tag>` in the values, on by default; a
   * dependency is installed unless a tag of it is switched off. Not with `condition`: Helm ignores the tags of a
   * dependency whose condition is set, and opskit always sets it.
   *
   * @default - none
   */
  readonly tags?: string[];
  /**
   * Values of the subchart copied into this chart's values (`import-values`).
   *
   * @default - none
   */
  readonly importValues?: HelmChartImportValue[];
}

/** Settings of the values `HelmChart` gives each workload (with `workloadValues: true`). */
export interface WorkloadValuesOptions {
  /**
   * The knobs each Deployment, StatefulSet and DaemonSet gets, under its values key (its name in lowerCamelCase).
   *
   * @default - every `WorkloadKnob`
   */
  readonly knobs?: WorkloadKnob[];
}

/** Props of `HelmChart`. */
export interface HelmChartProps {
  /**
   * The charts of the app whose objects the Helm chart installs (every object of each, in apply order).
   */
  readonly charts: Chart[];
  /**
   * The chart's name (`Chart.yaml` `name`, and its folder `helm/<name>/`): a DNS-1123 label.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /** The chart's version (`Chart.yaml` `version`), SemVer 2, e.g. `1.2.0`. */
  readonly version: string;
  /**
   * The version of the software the chart installs (`Chart.yaml` `appVersion`).
   *
   * @default - none
   */
  readonly appVersion?: string;
  /**
   * One sentence about the chart (`Chart.yaml` `description`).
   *
   * @default - "A Helm chart of <the charts' ids>, written by opskit."
   */
  readonly description?: string;
  /**
   * The Kubernetes versions the chart supports, a SemVer constraint (`Chart.yaml` `kubeVersion`), e.g. `>=1.28.0-0`.
   *
   * @default - none (any version)
   */
  readonly kubeVersion?: string;
  /** Search keywords (`Chart.yaml` `keywords`). @default - none */
  readonly keywords?: string[];
  /** The chart's maintainers (`Chart.yaml` `maintainers`). @default - none */
  readonly maintainers?: HelmChartMaintainer[];
  /** The project's home page (`Chart.yaml` `home`), an http(s) URL. @default - none */
  readonly home?: string;
  /** URLs of the project's source code (`Chart.yaml` `sources`). @default - none */
  readonly sources?: string[];
  /** URL of an SVG or PNG icon (`Chart.yaml` `icon`). @default - none */
  readonly icon?: string;
  /** Annotations of the chart (`Chart.yaml` `annotations`), e.g. Artifact Hub's. @default - none */
  readonly annotations?: { [key: string]: string };
  /**
   * Charts this chart installs as subcharts (`Chart.yaml` `dependencies`). Each gets its values key in
   * `values.yaml` and `values.schema.json` (its condition, default `true`; its tags under `tags`).
   *
   * @default - none
   */
  readonly dependencies?: HelmChartDependency[];
  /**
   * The namespace whose objects follow the release namespace (`helm install --namespace`): their
   * `metadata.namespace` and every reference to it (RoleBinding subjects, webhook services, namespace selectors,
   * in-cluster DNS names, cert-manager CA injection) become `{{ .Release.Namespace }}`. Objects in other
   * namespaces keep theirs (they are pinned). The Namespace object of this namespace is left out (Helm creates it
   * with `--create-namespace`), with warning `opskit:helm/release-namespace-object`.
   *
   * @default - the one namespace other than kube-system, kube-public and kube-node-lease that the packaged objects
   * use; none when they use only those (every object keeps its namespace); an error when they use several
   */
  readonly namespace?: string;
  /**
   * Where the CustomResourceDefinitions go: `crds/` (installed once, never upgraded nor deleted by Helm) or
   * templates behind the value `crds.install` (upgraded with the release, deleted on uninstall). See `CrdPlacement`.
   *
   * @default CrdPlacement.CRDS_FOLDER
   */
  readonly crds?: CrdPlacement;
  /**
   * Give each Deployment, StatefulSet and DaemonSet values for the usual knobs (image, replicas, resources,
   * scheduling, pod annotations and labels, security contexts); their defaults are what the program sets, so the
   * chart with its default values installs exactly the plain manifests.
   *
   * @default true
   */
  readonly workloadValues?: boolean;
  /**
   * Settings of the workload values; only with `workloadValues` on.
   *
   * @default - every knob
   */
  readonly workloadValuesOptions?: WorkloadValuesOptions;
}

/**
 * A Helm chart of one or more charts of the app, written as the folder `helm/<name>/`: `Chart.yaml`,
 * `values.yaml` (commented) and `values.schema.json` (Helm enforces it), one template per object with
 * `_helpers.tpl`, `NOTES.txt`, `.helmignore`, a README with the table of values, and the CRDs in `crds/`.
 *
 * Rendered by Helm with its default values, the chart gives exactly the objects of the plain manifests; every
 * literal `{{`/`}}` in them (Prometheus annotations, Alertmanager templates) is escaped so it renders back as it
 * is. Namespaced objects follow the release namespace; workloads get values for the usual knobs.
 *
 * @example
 * const chart = app.chart('backup-operator');
 * new Operator(chart, 'backup-operator', { image: 'ghcr.io/acme/backup-operator:v0.3.1' });
 * new HelmChart(app.k8s, 'backup-operator', { charts: [chart], version: '0.3.1', appVersion: 'v0.3.1' });
 * // → helm/backup-operator/ with values backupOperatorControllerManager.image.tag, .replicas, .resources, …
 * @see https://helm.sh/docs/topics/charts/
 */
export class HelmChart extends Construct implements IArtifact {
  /** The chart's name (`Chart.yaml` `name`). */
  public readonly chartName!: string;
  /** The chart's version. */
  public readonly version!: string;
  /** The chart's folder in the output, `helm/<name>`. */
  public readonly folder!: string;
  /** Where the CRDs go. */
  public readonly crds!: CrdPlacement;

  private readonly charts!: readonly Chart[];
  private readonly metadata!: ChartMetadataSpec;
  private readonly namespace?: string;
  private readonly knobs?: ReadonlySet<WorkloadKnob>;

  public constructor(scope: Construct, id: string, props: HelmChartProps) {
    super(scope, id);
    if (!checkProps(this, 'HelmChartProps', props)) return;
    const problems: Problem[] = [];
    if (props.charts.length === 0) {
      problems.push(problem('charts', 'must list at least one chart', [], 'pass the charts to package, e.g. charts: [chart]'));
    }
    props.charts.forEach((c, i) => {
      if (c.node.root !== this.node.root) {
        problems.push(problem(`charts[${i}]`, 'must be a chart of the same app as the HelmChart', c.node.path, 'create the HelmChart in the app that holds the chart (e.g. under app.k8s)'));
      }
    });
    const workloadValues = props.workloadValues ?? true;
    if (!workloadValues && props.workloadValuesOptions !== undefined) {
      problems.push(problem('workloadValuesOptions', 'must only be set with workloadValues on', props.workloadValuesOptions, 'remove workloadValuesOptions or set workloadValues: true'));
    }
    if (props.namespace !== undefined) problems.push(...namespaceProblems('namespace', props.namespace));
    const metadata: ChartMetadataSpec = {
      name: props.name ?? id,
      version: props.version,
      appVersion: props.appVersion,
      description: props.description ?? `A Helm chart of ${props.charts.map((c) => c?.node?.id).join(', ')}, written by opskit.`,
      kubeVersion: props.kubeVersion,
      keywords: props.keywords,
      maintainers: props.maintainers,
      home: props.home,
      sources: props.sources,
      icon: props.icon,
      annotations: props.annotations,
      dependencies: props.dependencies,
    };
    problems.push(...chartMetadataProblems(metadata));
    if (!reportPropsProblems(this, problems)) return;
    this.chartName = metadata.name;
    this.version = metadata.version;
    this.folder = `helm/${metadata.name}`;
    this.crds = props.crds ?? CrdPlacement.CRDS_FOLDER;
    this.charts = [...props.charts];
    this.metadata = metadata;
    this.namespace = props.namespace;
    this.knobs = workloadValues ? new Set(props.workloadValuesOptions?.knobs ?? Object.values(WorkloadKnob)) : undefined;
    // what the charts hold is known only at synth (constructs may be added after this one)
    Validations.add(this, { problems: () => this.synthProblems() });
    Artifacts.mark(this);
  }

  /** The files of the chart, under `helm/<name>/`. */
  public renderFiles(): ArtifactFile[] {
    const built = this.build();
    if (built.problems.length > 0) throw OpsError.at(this, built.problems);
    return built.files.map((f) => ({ path: `${this.folder}/${f.path}`, content: f.content }));
  }

  private synthProblems(): Problem[] {
    const built = this.build();
    if (built.droppedNamespaceObject !== undefined) {
      Warnings.add(this, WARNING_RELEASE_NAMESPACE_OBJECT,
        `the Namespace "${built.releaseNamespace}" (${built.droppedNamespaceObject}) is left out of Helm chart "${this.chartName}": `
        + 'Helm creates the release namespace (helm install --create-namespace); acknowledge this warning, or give the chart that namespace so the Namespace object is not emitted');
    }
    return built.problems.map((p) => ({ ...p, field: p.path ? `${p.field} (${p.path})` : p.field }));
  }

  private build(): ChartFiles.BuiltChart {
    const registry = KindRegistry.of(this.node.root);
    const values = TemplateValues.of(this);
    // the objects with their HelmValue tokens kept (every other reader sees the defaults)
    const objects = values.withTokensKept(() => this.charts.flatMap((chart) => chartObjects(chart).map((object) => ({
      object, namespaced: isNamespacedKind(object, registry), path: `${chart.node.path}/${object?.kind}/${object?.metadata?.name}`,
    }))));
    const refs = values.all().length === 0 ? undefined : {
      ofWord: (word: string) => HelmValue._specOf(values.ofWord(word)),
      ofNumber: (n: number) => HelmValue._specOf(values.ofNumber(n)),
    };
    return chartFiles().buildChart({ metadata: this.metadata, objects, namespace: this.namespace, crds: this.crds, knobs: this.knobs, refs });
  }
}
