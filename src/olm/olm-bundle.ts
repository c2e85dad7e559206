import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { BundleFile, bundleFiles, clashingManifests } from './model/bundle-files';
import { bundleVersionProblems } from './model/bundle-props';
import { CatalogBundle } from './model/catalog';
import { buildBundleContent, BundleContent, INSTALL_MODE_TYPES } from './model/csv';
import { OlmBundleValidator, OlmFindingLevel, OlmValidationSuite } from './olm-bundle-validator';
import { InstallModeType, OlmCrdDescription, OlmIcon, OlmLink, OlmMaintainer, OlmProvider, OperatorCapability, OperatorCategory } from './olm-types';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { checkProps } from '../core/check-props';
import { Engine, placedIn } from '../core/placement';
import { Problem, problem } from '../core/problem';
import { reportPropsProblems } from '../core/props-problems';
import { SynthMemo, Validations } from '../core/validations';
import { Warnings } from '../core/warnings';
import { CustomResource } from '../operator/custom-resource';
import { ICustomResourceType } from '../operator/custom-resource-type';
import { imageProblems } from '../operator/model/image';
import { Operator } from '../operator/operator';

/** The scorecard test image operator-sdk v1.42.3 scaffolds (pinned). */
const SCORECARD_IMAGE = 'quay.io/operator-framework/scorecard-test:v1.42.3';
/**
 * Each bundle's content and files, built once per synth: its checks, its files, an `OlmCatalog` and each
 * `ClusterExtension` that installs it all read them (outside a synth, every read builds them again).
 */
const BUNDLE_CONTENT = new SynthMemo((bundle: OlmBundle) => bundle._buildContent());
const BUNDLE_FILES = new SynthMemo((bundle: OlmBundle) => bundle._buildFiles());

/** Props of `OlmBundle`. */
export interface OlmBundleProps {
  /** The operator to package: its Deployment, RBAC, webhooks and owned CRDs become the bundle. */
  readonly operator: Operator;
  /** The OLM package name. @default - the operator's name */
  readonly packageName?: string;
  /** The bundle's version (semver, no leading v); the CSV is `<package>.v<version>`. */
  readonly version: string;
  /** The channels this version is published in. */
  readonly channels: string[];
  /** The package's default channel. @default - the catalog's choice (the first channel in opskit's catalog) */
  readonly defaultChannel?: string;
  /** The version this one upgrades from (`spec.replaces`). @default - none (the first version of the package) */
  readonly replaces?: string;
  /** Versions this one can skip to (`spec.skips`). @default - none */
  readonly skips?: string[];
  /** The range of versions that upgrade straight to this one (`olm.skipRange`, e.g. `>=0.1.0 <0.3.1`). @default - none */
  readonly skipRange?: string;
  /** Name shown in the console and OperatorHub. */
  readonly displayName: string;
  /** Long description (markdown). @default - none */
  readonly description?: string;
  /** One-line summary (the CSV's `description` annotation). @default - none */
  readonly summary?: string;
  /** Icon. @default - none (OperatorHub warns) */
  readonly icon?: OlmIcon;
  /** Search keywords. @default - none */
  readonly keywords?: string[];
  /** Maintainers. @default - none */
  readonly maintainers?: OlmMaintainer[];
  /** Publisher. @default - none (OperatorHub requires one) */
  readonly provider?: OlmProvider;
  /** Links. @default - none */
  readonly links?: OlmLink[];
  /** Maturity, free text (alpha, beta, stable, …). @default - none */
  readonly maturity?: string;
  /** Capability level. @default OperatorCapability.BASIC_INSTALL */
  readonly capabilities?: OperatorCapability;
  /** OperatorHub categories. @default - none */
  readonly categories?: OperatorCategory[];
  /** Oldest Kubernetes version the operator supports (full semver, e.g. `1.28.0`). @default - none (validators warn) */
  readonly minKubeVersion?: string;
  /**
   * The install modes the operator supports.
   *
   * @default - from the operator: `AllNamespaces` when it watches the whole cluster, the other three when it
   * watches listed namespaces
   */
  readonly installModes?: InstallModeType[];
  /** Custom resources shown as examples (`alm-examples`); each must be of a CRD the operator owns. @default - none */
  readonly examples?: CustomResource[];
  /**
   * How the CSV describes owned CRDs (`customresourcedefinitions.owned`): display name, description, resources,
   * and spec and status descriptors replacing or adding to the derived ones (one per top-level field of `spec`
   * and `status`, with the schema's description). A descriptor path the schema does not have and an x-descriptor
   * outside `urn:alm:descriptor:` are warnings (`opskit:olm/descriptor-path`, `opskit:olm/x-descriptor`): OLM
   * accepts any descriptor, the console shows nothing for them.
   *
   * @default - derived from each owned CRD
   */
  readonly crdDescriptions?: OlmCrdDescription[];
  /** The CSV's `createdAt` annotation (RFC 3339); opskit never writes the current time, so output stays the same. @default - none */
  readonly createdAt?: string;
  /** Source repository URL (the `repository` annotation). @default - none */
  readonly repository?: string;
  /** Write the scorecard configuration (`tests/scorecard/config.yaml`). @default true */
  readonly scorecard?: boolean;
  /**
   * The bundle image this folder is built into and pushed as (pinned by tag or digest), e.g.
   * `ghcr.io/acme/backup-operator-bundle:v0.3.1`; an `OlmCatalog` lists the bundle under it.
   *
   * @default - none (the bundle cannot be listed in an `OlmCatalog`)
   */
  readonly image?: string;
}

/**
 * An Operator Lifecycle Manager registry+v1 bundle of an `Operator`, written to `olm/<package>/<version>/`:
 * `manifests/` (the ClusterServiceVersion, the owned CRDs and the objects a bundle may carry, one per file),
 * `metadata/annotations.yaml`, `bundle.Dockerfile` (labels equal to the annotations) and
 * `tests/scorecard/config.yaml`. The CSV is derived as `operator-sdk generate bundle` derives it: deployments,
 * permissions and clusterPermissions from the RBAC bound to the operator's service account, webhook definitions
 * from its webhook configurations, one owned entry per served CRD version with descriptors from the schema, and
 * related images from every image the operator runs or names in `RELATED_IMAGE_*`.
 *
 * @example
 * new OlmBundle(chart, 'bundle', {
 *   operator,
 *   version: '0.3.1',
 *   channels: ['stable'],
 *   displayName: 'Backup Operator',
 *   provider: { name: 'Example Inc.' },
 *   minKubeVersion: '1.28.0',
 * });
 */
export class OlmBundle extends Construct implements IArtifact {
  /** The OLM package name. */
  public readonly packageName!: string;
  /** The bundle's version. */
  public readonly version!: string;
  /** The folder of the bundle in the output, `olm/<package>/<version>`. */
  public readonly directory!: string;

  private readonly props!: OlmBundleProps;

  public constructor(scope: Construct, id: string, props: OlmBundleProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'OlmBundle'), id);
    if (!checkProps(this, 'OlmBundleProps', props)) return;
    const packageName = props.packageName ?? props.operator.name;
    if (!reportPropsProblems(this, [
      ...bundleVersionProblems({ ...props, packageName }),
      ...(props.image === undefined ? [] : imageProblems('image', props.image)),
      ...crdDescriptionsProblems(props.crdDescriptions ?? [], props.operator.ownedTypes),
    ])) return;
    this.props = props;
    this.packageName = packageName;
    this.version = props.version;
    this.directory = `olm/${packageName}/${props.version}`;
    Validations.add(this, { problems: (): Problem[] => this.check() });
    Artifacts.mark(this);
  }

  /** @internal This version as an `OlmCatalog` lists it; `undefined` without an image. */
  public _catalogEntry(): CatalogBundle | undefined {
    if (this.props.image === undefined) return undefined;
    const owned = this.content().csv.spec.customresourcedefinitions.owned as any[];
    return {
      version: this.version,
      image: this.props.image,
      channels: this.props.channels,
      replaces: this.props.replaces,
      skips: this.props.skips ?? [],
      skipRange: this.props.skipRange,
      gvks: owned.map((o) => ({ group: String(o.name).split('.').slice(1).join('.'), version: o.version, kind: o.kind })),
    };
  }

  /** @internal The channels of this version. */
  public get _channels(): string[] {
    return [...this.props.channels];
  }

  /**
   * @internal What OLM v1 installs: the CSV, the other manifests and the bundle's files; `undefined` when the bundle
   * was not built or has problems of its own (it reports them itself).
   */
  public _installContent(): { csv: any; manifests: any[]; files: Map<string, string> } | undefined {
    if (this.props === undefined) return undefined;
    const content = this.content();
    if (content.problems.length > 0) return undefined;
    return { csv: content.csv, manifests: content.manifests, files: new Map(this.files().map((f) => [f.path, f.content])) };
  }

  /** @internal The package's default channel this bundle names, if any. */
  public get _defaultChannel(): string | undefined {
    return this.props.defaultChannel;
  }

  public renderFiles(): ArtifactFile[] {
    return this.files().map((f) => ({ path: `${this.directory}/${f.path}`, content: f.content }));
  }

  /**
   * The bundle's problems at synth: objects a bundle cannot carry, then the errors of `OlmBundleValidator`'s
   * default suite (what `operator-sdk bundle validate` and OLM reject), its opskit rules (errors only where a
   * consumer refuses the bundle) and its deprecated-API rules (an API removed by `minKubeVersion`) on the files it
   * would write. Findings of
   * the operatorhub and good-practices suites matter only for publishing to OperatorHub: they become warnings
   * with the id `opskit:<rule>`, as do the default suite's warnings.
   */
  private check(): Problem[] {
    const content = this.content();
    if (content.problems.length > 0) return content.problems;
    for (const note of content.notes) Warnings.add(this, `opskit:olm/${note.rule}`, note.message);
    const files = new Map(this.files().map((f) => [f.path, f.content]));
    const problems: Problem[] = [];
    for (const finding of OlmBundleValidator._validateFiles(files)) {
      const blocking = finding.suite === OlmValidationSuite.DEFAULT || finding.suite === OlmValidationSuite.OPSKIT
        || finding.suite === OlmValidationSuite.DEPRECATED_APIS;
      if (finding.level === OlmFindingLevel.WARNING || !blocking) {
        Warnings.add(this, `opskit:${finding.rule}`, finding.file ? `${finding.file}: ${finding.message}` : finding.message);
      } else {
        problems.push(problem(finding.file ?? 'bundle', `must pass OLM's ${finding.suite} validation: ${finding.message}`, undefined,
          'fix the prop or the operator that produces it', finding.rule));
      }
    }
    return problems;
  }

  /** @internal The bundle's files, built (`BUNDLE_FILES` keeps them for the synth). */
  public _buildFiles(): BundleFile[] {
    const content = this.content();
    return bundleFiles({
      packageName: this.packageName,
      channels: this.props.channels,
      defaultChannel: this.props.defaultChannel,
      scorecardImage: this.props.scorecard === false ? undefined : SCORECARD_IMAGE,
    }, content.csv, content.manifests);
  }

  private files(): BundleFile[] {
    return BUNDLE_FILES.get(this);
  }

  private content(): BundleContent {
    return BUNDLE_CONTENT.get(this);
  }

  /** @internal The bundle's content, built (`BUNDLE_CONTENT` keeps it for the synth). */
  public _buildContent(): BundleContent {
    const operator = this.props.operator;
    const owned = operator.ownedTypes.map(crdObject).filter((o): o is ApiObject => o !== undefined);
    const objects = [...owned, ...apiObjectsUnder(operator)].map((o) => o.toJson());
    const ownedCrds = objects.slice(0, owned.length);
    const content = buildBundleContent({
      packageName: this.packageName,
      version: this.props.version,
      replaces: this.props.replaces,
      skips: this.props.skips,
      skipRange: this.props.skipRange,
      displayName: this.props.displayName,
      description: this.props.description,
      summary: this.props.summary,
      icon: this.props.icon,
      keywords: this.props.keywords,
      maintainers: this.props.maintainers,
      provider: this.props.provider,
      links: this.props.links,
      maturity: this.props.maturity,
      capabilities: this.props.capabilities ?? OperatorCapability.BASIC_INSTALL,
      categories: this.props.categories,
      minKubeVersion: this.props.minKubeVersion,
      createdAt: this.props.createdAt,
      repository: this.props.repository,
      supported: new Set(this.props.installModes ?? defaultInstallModes(operator)),
      objects,
      ownedCrds,
      examples: (this.props.examples ?? []).map((e) => e.apiObject.toJson()),
      descriptions: (this.props.crdDescriptions ?? []).map((d) => ({
        crdName: `${d.crd.plural}.${d.crd.group}`,
        version: d.version,
        displayName: d.displayName,
        description: d.description,
        resources: d.resources?.map((r) => ({ kind: r.kind, name: r.name, version: r.version })),
        spec: d.specDescriptors,
        status: d.statusDescriptors,
        derive: d.deriveDescriptors ?? true,
      })),
    });
    const clashes = clashingManifests(content.manifests, this.packageName);
    const versions = (this.props.crdDescriptions ?? []).flatMap((d, i) => {
      if (d.version === undefined) return [];
      const crd = ownedCrds.find((c) => c.metadata?.name === `${d.crd.plural}.${d.crd.group}`);
      const served = (crd?.spec?.versions ?? []).filter((v: any) => v?.served === true).map((v: any) => v.name);
      return served.includes(d.version) ? [] : [problem(`crdDescriptions[${i}].version`, 'must be a served version of the CRD', d.version, `use one of ${JSON.stringify(served)}, or leave it out for every version`)];
    });
    const problems = [...content.problems, ...versions, ...clashes.map((name) => problem('operator', 'must not emit two objects that share a bundle file (same name, group, version and kind in two namespaces)', name,
      'rename one of them: a bundle has no namespaces'))];
    return { ...content, problems };
  }
}

/** Descriptions must be of owned CRDs and descriptors have a path: anything else would be dropped without a word. */
function crdDescriptionsProblems(descriptions: readonly OlmCrdDescription[], owned: readonly ICustomResourceType[]): Problem[] {
  return descriptions.flatMap((d, i) => [
    ...(owned.includes(d.crd) ? [] : [problem(`crdDescriptions[${i}].crd`, 'must be a custom resource type the operator owns', d.crd?.node?.path ?? d.crd,
      'add it to the operator\'s owns, or describe one of its owned types')]),
    ...(['specDescriptors', 'statusDescriptors'] as const).flatMap((block) => (d[block] ?? []).flatMap((x, j) => (typeof x.path === 'string' && x.path.trim() !== '' ? []
      : [problem(`crdDescriptions[${i}].${block}[${j}].path`, 'must name a field below ' + block.replace('Descriptors', ''), x.path, 'use e.g. "schedule" or "retention.days"')]))),
  ]);
}

function defaultInstallModes(operator: Operator): string[] {
  const modes: string[] = operator.watchNamespaces === undefined
    ? [InstallModeType.ALL_NAMESPACES]
    : [InstallModeType.OWN_NAMESPACE, InstallModeType.SINGLE_NAMESPACE, InstallModeType.MULTI_NAMESPACE];
  return INSTALL_MODE_TYPES.filter((m) => modes.includes(m));
}

function apiObjectsUnder(scope: IConstruct): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

/** The CustomResourceDefinition object a CRD construct renders. */
function crdObject(type: ICustomResourceType): ApiObject | undefined {
  return apiObjectsUnder(type).find((o) => o.kind === 'CustomResourceDefinition');
}
