import { Construct } from 'constructs';
import { bundleVersionProblems } from './model/bundle-props';
import { CatalogBundle, catalogDocuments, upgradeGraphProblems, upgradeGraphSummary } from './model/catalog';
import { OlmBundle } from './olm-bundle';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { checkProps } from '../core/check-props';
import { Engine, placedIn } from '../core/placement';
import { describeProblem, Problem, problem } from '../core/problem';
import { reportPropsProblems } from '../core/props-problems';
import { compareSemVer, parseSemVer } from '../core/semver';
import { Validations } from '../core/validations';
import { Warnings } from '../core/warnings';
import { toYamlDocuments } from '../core/yaml';
import { imageProblems } from '../operator/model/image';

/** A version of the package already published as a bundle image (built by an earlier program or release). */
export interface OlmPublishedBundle {
  /** Its version. */
  readonly version: string;
  /** Its bundle image (pinned by tag or digest). */
  readonly image: string;
  /** Its channels. */
  readonly channels: string[];
  /** The version it replaces. @default - none */
  readonly replaces?: string;
  /** The versions it skips. @default - none */
  readonly skips?: string[];
  /** Its `olm.skipRange`. @default - none */
  readonly skipRange?: string;
}

/** Props of `OlmCatalog`. */
export interface OlmCatalogProps {
  /** The versions this program builds, each an `OlmBundle` with its `image`. */
  readonly bundles: OlmBundle[];
  /** Versions published before, which the upgrade graph continues from. @default - none */
  readonly publishedBundles?: OlmPublishedBundle[];
  /** The package's default channel. @default - the default channel the newest bundle names, else its first channel */
  readonly defaultChannel?: string;
  /** The package description shown in catalogs. @default - none */
  readonly description?: string;
}

/**
 * A File-Based Catalog for one package, written to `olm/<package>/catalog/catalog.yaml`: the `olm.package`
 * blob, one `olm.channel` per channel with the upgrade edges (`replaces`, `skips`, `skipRange`) and one
 * `olm.bundle` per version (its image, `olm.package` and, for the versions built here, `olm.gvk` properties;
 * `opm render` of a published image adds the rest). Versions published earlier come in as `publishedBundles`.
 * The upgrade graph is checked as
 * `opm validate` checks it (one head per channel, no cycle, no stranded version) and summarized in
 * `olm/<package>/catalog/upgrade-graph.txt`. Build the catalog image from the folder with
 * `opm generate dockerfile`.
 *
 * @example
 * new OlmCatalog(chart, 'catalog', {
 *   bundles: [bundle], // 0.3.1, replaces 0.3.0
 *   publishedBundles: [{ version: '0.3.0', image: 'ghcr.io/acme/backup-operator-bundle:v0.3.0', channels: ['stable'] }],
 * });
 */
export class OlmCatalog extends Construct implements IArtifact {
  /** The package name. */
  public readonly packageName!: string;
  /** The folder of the catalog in the output, `olm/<package>/catalog`. */
  public readonly directory!: string;

  private readonly props!: OlmCatalogProps;

  public constructor(scope: Construct, id: string, props: OlmCatalogProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'OlmCatalog'), id);
    if (!checkProps(this, 'OlmCatalogProps', props)) return;
    const bundles = props.bundles ?? [];
    const problems: Problem[] = [];
    if (bundles.length === 0) problems.push(problem('bundles', 'must list at least one OlmBundle', bundles, 'pass the bundles of every published version'));
    bundles.forEach((b, i) => {
      if (b.packageName !== bundles[0]?.packageName) {
        problems.push(problem(`bundles[${i}]`, `must be of package ${JSON.stringify(bundles[0].packageName)} like the first bundle (one catalog per package)`, b.packageName, 'use one OlmCatalog per package'));
      }
    });
    (props.publishedBundles ?? []).forEach((p, i) => {
      const versionProps = {
        packageName: bundles[0]?.packageName, version: p?.version, replaces: p?.replaces, skips: p?.skips, channels: p?.channels,
      };
      problems.push(...bundleVersionProblems(versionProps)
        .filter((x) => x.field !== 'packageName')
        .map((x) => ({ ...x, field: `publishedBundles[${i}].${x.field}` })));
      problems.push(...imageProblems(`publishedBundles[${i}].image`, p?.image));
    });
    if (!reportPropsProblems(this, problems)) return;
    this.props = props;
    this.packageName = bundles[0].packageName;
    this.directory = `olm/${this.packageName}/catalog`;
    Validations.add(this, { problems: (): Problem[] => this.check() });
    Artifacts.mark(this);
  }

  public renderFiles(): ArtifactFile[] {
    const { pkg, entries } = this.model();
    return [
      { path: `${this.directory}/catalog.yaml`, content: toYamlDocuments(catalogDocuments(pkg, entries)) },
      { path: `${this.directory}/upgrade-graph.txt`, content: upgradeGraphSummary(pkg, entries) },
    ];
  }

  private check(): Problem[] {
    const missing = this.props.bundles.filter((b) => b._catalogEntry() === undefined);
    if (missing.length > 0) {
      return missing.map((b) => problem(`bundles[${this.props.bundles.indexOf(b)}].image`, 'must be set for the bundle to be listed in a catalog', undefined,
        `set image on ${b.node.path}, e.g. "ghcr.io/acme/${b.packageName}-bundle:v${b.version}"`));
    }
    const { pkg, entries } = this.model();
    const { errors, warnings } = upgradeGraphProblems(pkg, entries);
    for (const w of warnings) Warnings.add(this, 'opskit:olm/upgrade-edge-unknown', describeProblem(w));
    return errors;
  }

  private model(): { pkg: { name: string; defaultChannel: string; description?: string }; entries: CatalogBundle[] } {
    const entries = [
      ...(this.props.publishedBundles ?? []).map((p): CatalogBundle => ({
        version: p.version, image: p.image, channels: p.channels, replaces: p.replaces, skips: p.skips ?? [], skipRange: p.skipRange, gvks: [],
      })),
      ...this.props.bundles.map((b) => b._catalogEntry()).filter((e): e is CatalogBundle => e !== undefined),
    ];
    const newest = [...this.props.bundles].sort((a, b) => compareSemVer(parseSemVer(a.version)!, parseSemVer(b.version)!)).pop();
    const newestEntry = entries.find((e) => e.version === newest?.version);
    const defaultChannel = this.props.defaultChannel ?? newest?._defaultChannel ?? newestEntry?.channels[0] ?? '';
    return { pkg: { name: this.packageName, defaultChannel, description: this.props.description }, entries };
  }
}
