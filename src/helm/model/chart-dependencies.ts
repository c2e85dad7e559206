import { leaf, ValueNode } from './values';
import { parseMastermindsConstraint } from '../../core/masterminds-constraint';
import { isDns1123Label } from '../../core/names';
import { Problem, problem } from '../../core/problem';

/** A value of a subchart imported into the parent's values (`import-values`, the map form). */
export interface ChartImportValueSpec {
  readonly child: string;
  readonly parent: string;
}

/** A dependency of a chart (`Chart.yaml` `dependencies`). */
export interface ChartDependencySpec {
  readonly name: string;
  readonly version: string;
  readonly repository: string;
  readonly alias?: string;
  readonly condition?: string;
  readonly tags?: readonly string[];
  readonly importValues?: readonly ChartImportValueSpec[];
}

/** Helm's alias rule (`aliasNameFormat`, helm.sh/helm/v4 pkg/chart/v2). */
const ALIAS = /^[a-zA-Z0-9_-]+$/;
/** A values path: dot-separated keys (Helm splits a condition or import path on "."). */
const VALUES_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const REPOSITORY = /^(https:\/\/[^\s/]+(\/\S*)?|oci:\/\/[^\s/]+\/\S+|file:\/\/\S+)$/;

/** The values key of a dependency: its alias, else its name (Helm gives the subchart the values under it). */
export function dependencyKey(d: ChartDependencySpec): string {
  return d.alias ?? d.name;
}

/**
 * Problems of the dependencies, as Helm finds them when it loads the chart (`Metadata.Validate`: the alias,
 * one dependency per name or alias), lints it and resolves them (`helm dependency update`: the version constraint,
 * the repository), and a few opskit's values need (conditions and import targets in the dependency's own values).
 */
export function chartDependencyProblems(deps: readonly ChartDependencySpec[]): Problem[] {
  const out: Problem[] = [];
  const keys = new Map<string, number>();
  deps.forEach((d, i) => {
    const f = `dependencies[${i}]`;
    if (!isDns1123Label(d.name)) {
      out.push(problem(`${f}.name`, 'must be the subchart\'s name (its Chart.yaml name): at most 63 lowercase letters, digits or "-"', d.name, 'use e.g. "redis"'));
    }
    const versionError = parseMastermindsConstraint(d.version).error;
    if (versionError !== undefined) {
      out.push(problem(`${f}.version`, `must be a SemVer version or constraint as Helm reads it (${versionError})`, d.version, 'pin a version ("18.1.5") or a range ("^18.1.0", "~18.1", ">=18.0.0, <19.0.0")'));
    }
    if (!REPOSITORY.test(d.repository)) {
      out.push(problem(`${f}.repository`, 'must be an https:// chart repository, an oci:// registry path or a file:// folder', d.repository, 'use e.g. "https://charts.bitnami.com/bitnami", "oci://registry-1.docker.io/bitnamicharts" or "file://../redis"'));
    }
    if (d.alias !== undefined && !ALIAS.test(d.alias)) {
      out.push(problem(`${f}.alias`, 'must be letters, digits, "_" or "-" (Helm\'s alias rule)', d.alias, 'use e.g. "cache"'));
    }
    const key = dependencyKey(d);
    const first = keys.get(key);
    if (first !== undefined) {
      out.push(problem(`${f}.${d.alias !== undefined ? 'alias' : 'name'}`, `must differ from dependencies[${first}]'s name or alias (Helm refuses two dependencies with one name or alias)`, key, 'set alias on one of them'));
    } else {
      keys.set(key, i);
    }
    if (d.condition !== undefined && (!VALUES_PATH.test(d.condition) || !d.condition.startsWith(`${key}.`))) {
      out.push(problem(`${f}.condition`, `must be a values path inside the subchart's values, "${key}.<name>" (opskit adds it to values.yaml, default true)`, d.condition, `use e.g. "${key}.enabled"`));
    }
    if (d.condition !== undefined && d.tags !== undefined && d.tags.length > 0) {
      out.push(problem(`${f}.tags`, 'must not be set with condition: opskit writes the condition\'s value, and Helm ignores the tags of a dependency whose condition is set', d.tags, 'keep either the condition or the tags'));
    }
    const tags = new Set<string>();
    d.tags?.forEach((t, j) => {
      if (!/^[A-Za-z0-9_-]+$/.test(t) || tags.has(t)) {
        out.push(problem(`${f}.tags[${j}]`, 'must be a values key (letters, digits, "_" or "-"), once per dependency', t, 'use e.g. "backend"'));
      }
      tags.add(t);
    });
    d.importValues?.forEach((iv, j) => {
      if (!VALUES_PATH.test(iv.child)) out.push(problem(`${f}.importValues[${j}].child`, 'must be a values path of the subchart', iv.child, 'use e.g. "exports.data" or "config"'));
      if (!VALUES_PATH.test(iv.parent)) out.push(problem(`${f}.importValues[${j}].parent`, 'must be a values path of this chart', iv.parent, 'use e.g. "imported.config"'));
    });
  });
  return out;
}

/** The dependencies as `Chart.yaml` holds them (`import-values` in the map form). */
export function renderDependencies(deps: readonly ChartDependencySpec[]): unknown[] | undefined {
  if (deps.length === 0) return undefined;
  return deps.map((d) => ({
    'name': d.name,
    'version': d.version,
    'repository': d.repository,
    'alias': d.alias,
    'condition': d.condition,
    'tags': d.tags && d.tags.length > 0 ? d.tags : undefined,
    'import-values': d.importValues && d.importValues.length > 0 ? d.importValues.map((iv) => ({ child: iv.child, parent: iv.parent })) : undefined,
  }));
}

/**
 * The values the dependencies add to the parent chart, so its closed `values.schema.json` accepts what Helm puts
 * there: each subchart's values under its key (an open object: the subchart's own schema checks them; its
 * condition with default `true`), `tags.<tag>` (default `true`: Helm installs a tagged dependency unless a tag
 * of it is false), and the first key of each import target. Returns the values and which dependency owns each key.
 */
export function dependencyValues(
  deps: readonly ChartDependencySpec[],
): { children: Array<readonly [string, ValueNode]>; owners: Map<string, string> } {
  const children: Array<readonly [string, ValueNode]> = [];
  const owners = new Map<string, string>();
  const tagged = new Map<string, string[]>();
  for (const d of deps) {
    const key = dependencyKey(d);
    const what = `the dependency ${key === d.name ? `"${d.name}"` : `"${d.name}" (alias "${key}")`}`;
    const enabled = d.condition?.slice(key.length + 1);
    children.push([key, leaf(
      `Values of the subchart ${d.name} ${d.version} (${d.repository}); see its own values.yaml.${enabled !== undefined ? ` ${key}.${enabled}: install it.` : ''}`,
      enabled !== undefined ? nested(enabled.split('.'), true) : {},
      enabled !== undefined ? nestedSchema(enabled.split('.')) : { type: 'object' },
    )]);
    owners.set(key, what);
    for (const t of d.tags ?? []) tagged.set(t, [...(tagged.get(t) ?? []), key]);
    for (const iv of d.importValues ?? []) {
      const first = iv.parent.split('.')[0];
      if (!owners.has(first)) {
        children.push([first, leaf(`Values imported from the subchart ${key} (${iv.child}).`, {}, {})]);
        owners.set(first, `the import-values of ${what}`);
      }
    }
  }
  if (tagged.size > 0) {
    const tags = [...tagged.entries()].map(([t, ks]) => [t, leaf(`Install the dependencies tagged "${t}" (${ks.join(', ')}).`, true, { type: 'boolean' })] as const);
    children.push(['tags', leaf('Dependency tags: a dependency is installed unless one of its tags is false.',
      Object.fromEntries(tags.map(([t]) => [t, true])),
      { type: 'object', properties: Object.fromEntries(tags.map(([t, v]) => [t, { description: v.description, ...v.schema }])), additionalProperties: false })]);
    owners.set('tags', 'the dependency tags');
  }
  return { children, owners };
}

function nested(path: readonly string[], value: unknown): Record<string, unknown> {
  return { [path[0]]: path.length === 1 ? value : nested(path.slice(1), value) };
}

function nestedSchema(path: readonly string[]): Record<string, unknown> {
  return {
    type: 'object',
    properties: { [path[0]]: path.length === 1 ? { type: 'boolean' } : nestedSchema(path.slice(1)) },
    required: [path[0]],
  };
}
