/**
 * A File-Based Catalog for one package (operator-registry's declarative config: `olm.package`, one `olm.channel`
 * per channel with the upgrade edges, one `olm.bundle` per version) and the checks of its upgrade graph that
 * `opm validate` applies: one head per channel, no cycle, no stranded bundle; plus opskit's: edges to versions
 * the catalog does not know are warnings, `olm.skipRange` must parse as a blang/semver range.
 */
import { csvName } from './csv';
import { Problem, problem } from '../../core/problem';
import { compareSemVer, parseSemVer } from '../../core/semver';
import { isSemVerRange } from '../../core/semver-range';

/** One version of the package, as the catalog sees it. */
export interface CatalogBundle {
  readonly version: string;
  /** The bundle image (a pinned reference). */
  readonly image: string;
  readonly channels: readonly string[];
  readonly replaces?: string;
  readonly skips: readonly string[];
  readonly skipRange?: string;
  /** The group/version/kind of every owned CRD version. */
  readonly gvks: ReadonlyArray<{ readonly group: string; readonly version: string; readonly kind: string }>;
}

/** The package-level fields. */
export interface CatalogPackage {
  readonly name: string;
  readonly defaultChannel: string;
  readonly description?: string;
}

function sortedByVersion(bundles: readonly CatalogBundle[]): CatalogBundle[] {
  return [...bundles].sort((a, b) => compareSemVer(parseSemVer(a.version)!, parseSemVer(b.version)!));
}

function channelsOf(bundles: readonly CatalogBundle[]): string[] {
  return [...new Set(bundles.flatMap((b) => b.channels))].sort();
}

/** The catalog's documents, in the order `opm render` writes them: package, channels, bundles. */
export function catalogDocuments(pkg: CatalogPackage, bundles: readonly CatalogBundle[]): any[] {
  const ordered = sortedByVersion(bundles);
  const docs: any[] = [{ schema: 'olm.package', name: pkg.name, defaultChannel: pkg.defaultChannel, ...(pkg.description ? { description: pkg.description } : {}) }];
  for (const channel of channelsOf(ordered)) {
    docs.push({
      schema: 'olm.channel',
      package: pkg.name,
      name: channel,
      entries: ordered.filter((b) => b.channels.includes(channel)).map((b) => ({
        name: csvName(pkg.name, b.version),
        ...(b.replaces ? { replaces: csvName(pkg.name, b.replaces) } : {}),
        ...(b.skips.length > 0 ? { skips: b.skips.map((s) => csvName(pkg.name, s)) } : {}),
        ...(b.skipRange ? { skipRange: b.skipRange } : {}),
      })),
    });
  }
  for (const b of ordered) {
    docs.push({
      schema: 'olm.bundle',
      package: pkg.name,
      name: csvName(pkg.name, b.version),
      image: b.image,
      properties: [
        ...b.gvks.map((g) => ({ type: 'olm.gvk', value: { group: g.group, kind: g.kind, version: g.version } })),
        { type: 'olm.package', value: { packageName: pkg.name, version: b.version } },
      ],
    });
  }
  return docs;
}

/** Problems of the upgrade graph: errors `opm validate` would report, and warnings. */
export function upgradeGraphProblems(pkg: CatalogPackage, bundles: readonly CatalogBundle[]): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const known = new Set(bundles.map((b) => b.version));
  const seen = new Set<string>();
  for (const b of bundles) {
    if (seen.has(b.version)) errors.push(problem('bundles', 'must hold each version once', b.version, 'remove the second bundle of that version'));
    seen.add(b.version);
    for (const [field, target] of [['replaces', b.replaces], ...b.skips.map((s) => ['skips', s])] as Array<[string, string | undefined]>) {
      if (target !== undefined && !known.has(target)) {
        warnings.push(problem(`${b.version}.${field}`, 'should name a version of this catalog (an edge from a version no catalog serves is never taken)', target,
          'add that version\'s bundle to the catalog, or check the version for a typo'));
      }
    }
    if (b.skipRange !== undefined && !isSemVerRange(b.skipRange)) {
      errors.push(problem(`${b.version}.skipRange`, 'must be a semver range as OLM parses it (blang/semver: ">=1.0.0 <1.2.0", "<0.3.1", "1.x", joined by || )', b.skipRange,
        'write comparisons of full versions, e.g. ">=0.1.0 <0.3.1"'));
    }
  }
  const channels = channelsOf(bundles);
  if (!channels.includes(pkg.defaultChannel)) {
    errors.push(problem('defaultChannel', 'must be a channel of one of the bundles', pkg.defaultChannel, `use one of ${JSON.stringify(channels)}`));
  }
  for (const channel of channels) {
    const members = bundles.filter((b) => b.channels.includes(channel));
    const inChannel = new Set(members.map((b) => b.version));
    const edges = members.flatMap((b) => [b.replaces, ...b.skips]);
    const replacedOrSkipped = new Set(edges.filter((v): v is string => v !== undefined && inChannel.has(v)));
    const heads = members.filter((b) => !replacedOrSkipped.has(b.version)).map((b) => b.version);
    if (heads.length !== 1) {
      errors.push(problem(`channels.${channel}`, 'must have exactly one head (one version no other version of the channel replaces or skips)', heads,
        'set replaces on the newer versions so they form one upgrade chain'));
      continue;
    }
    // walk from the head along replaces; skipped versions are reachable too; a cycle or a stranded version is an error
    const byVersion = new Map(members.map((b) => [b.version, b]));
    const reached = new Set<string>();
    const chain = new Set<string>();
    let current: CatalogBundle | undefined = byVersion.get(heads[0]);
    while (current && !chain.has(current.version)) {
      chain.add(current.version);
      reached.add(current.version);
      current.skips.forEach((s) => { if (inChannel.has(s)) reached.add(s); });
      current = current.replaces ? byVersion.get(current.replaces) : undefined;
    }
    if (current) {
      errors.push(problem(`channels.${channel}`, 'must not have a cycle of replaces', current.version, 'make every replaces point to an older version'));
    }
    const stranded = members.map((b) => b.version).filter((v) => !reached.has(v));
    if (stranded.length > 0) {
      errors.push(problem(`channels.${channel}`, 'must not strand a version (one that no upgrade path from the head reaches)', stranded,
        'chain it with replaces, or list it in skips of a newer version'));
    }
  }
  return { errors, warnings };
}

/** A short text of the graph: one line per channel, newest first, with each version's edges. */
export function upgradeGraphSummary(pkg: CatalogPackage, bundles: readonly CatalogBundle[]): string {
  const lines = [`package ${pkg.name} (default channel ${pkg.defaultChannel})`];
  for (const channel of channelsOf(bundles)) {
    lines.push(`channel ${channel}:`);
    for (const b of sortedByVersion(bundles.filter((x) => x.channels.includes(channel))).reverse()) {
      const edges = [
        ...(b.replaces ? [`replaces ${b.replaces}`] : []),
        ...(b.skips.length > 0 ? [`skips ${b.skips.join(', ')}`] : []),
        ...(b.skipRange ? [`skipRange ${b.skipRange}`] : []),
      ];
      lines.push(`  ${b.version}${edges.length > 0 ? ` — ${edges.join('; ')}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
