import { isDns1123Label, isDns1123Subdomain } from '../../../core/names';
import { formatValue, Problem, problem } from '../../../core/problem';
import { jsonDataProblemsAt } from '../../../core/prop-types';

/**
 * A Helm release of a chart from a repository, as every delivery sees it (values file, Terraform `helm_release`,
 * Argo CD `Application`). Pure: checked and rendered here, delivered by the constructs.
 */
export interface ReleaseSpec {
  /** The release name. */
  readonly name: string;
  /** The namespace the release installs into. */
  readonly namespace: string;
  /** The chart's name in its repository. */
  readonly chart: string;
  /** The repository: `https://…` (a chart repository) or `oci://…` (a registry path). */
  readonly repository: string;
  /** The exact chart version. */
  readonly version: string;
  /** The values, a JSON object. */
  readonly values: { readonly [key: string]: unknown };
}

/** An exact chart version (SemVer 2, Helm accepts a leading `v`): a range or `latest` installs whatever is newest at apply time. */
export const EXACT_CHART_VERSION = /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A chart source that can be trusted: https or an OCI registry (plain http can be tampered with). */
export const TRUSTED_CHART_REPOSITORY = /^(https|oci):\/\/[^\s/]+(\/[^\s]*)?$/;

/** Helm's release names (`chartutil.ValidateReleaseName`): DNS-1123 subdomains of at most 53 characters. */
export const RELEASE_NAME_MAX_LENGTH = 53;

/** Problems of a release's identity and source, as Helm would reject them, plus pinning. */
export function releaseSourceProblems(p: { [K in keyof ReleaseSpec]?: unknown }): Problem[] {
  const out: Problem[] = [];
  if (typeof p.name !== 'string' || p.name.length > RELEASE_NAME_MAX_LENGTH || !isDns1123Subdomain(p.name)) {
    out.push(problem('name', 'must be a Helm release name (a DNS-1123 subdomain of at most 53 characters)', p.name, 'use e.g. "monitoring"'));
  }
  if (typeof p.chart !== 'string' || p.chart.trim() === '' || /[\s/]/.test(p.chart)) {
    out.push(problem('chart', 'must be a chart name (no spaces, no "/")', p.chart, 'give the chart\'s name in the repository, e.g. "kube-prometheus-stack"'));
  }
  if (typeof p.repository !== 'string' || !TRUSTED_CHART_REPOSITORY.test(p.repository)) {
    out.push(problem('repository', 'must be an https:// or oci:// URL (plain http cannot be trusted)', p.repository, 'use the chart repository\'s https or oci address'));
  }
  if (typeof p.version !== 'string' || !EXACT_CHART_VERSION.test(p.version)) {
    out.push(problem('version', 'must be an exact chart version (no range, not latest)', p.version, 'pin a released version such as "2.9.2"'));
  }
  if (!isDns1123Label(p.namespace)) {
    out.push(problem('namespace', 'must be a namespace name (a DNS-1123 label)', p.namespace, 'use e.g. "monitoring"'));
  }
  if (p.values !== undefined) out.push(...jsonObjectProblems('values', p.values));
  return out;
}

/**
 * A delivery's problem with a `HelmRelease` whose own props had problems (it built nothing: its release name is
 * unset), pointing at the release's path.
 */
export function unbuiltReleaseProblems(release: { readonly releaseName?: string; readonly node: { readonly path: string } }): Problem[] {
  return release.releaseName === undefined
    ? [problem('release', 'must be a HelmRelease built without problems', release.node.path, 'fix the problems of the release first')]
    : [];
}

/** Whether a value is a plain object (`{…}`, not an array, a class instance or null). */
export function isPlainObject(v: unknown): v is { [key: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Problems of a values tree: a JSON object of JSON values (what a values file can hold). */
export function jsonObjectProblems(field: string, v: unknown): Problem[] {
  if (!isPlainObject(v)) return [problem(field, 'must be an object of values (a map)', v, 'pass e.g. { replicaCount: 2 }')];
  return jsonDataProblemsAt(field, v);
}

/**
 * Deep-merges `extra` (the escape hatch) into `typed` (what typed props produced). A leaf that both set is a
 * problem (the typed prop is the place for it), so an override never passes silently. An `extra` that is not a
 * JSON object is left out (the caller reports it under its own field, `jsonObjectProblems(field, extra)`), so the
 * merged values never carry its problems to a field the user did not write.
 */
export function mergeValues(typed: { [key: string]: unknown }, extra: { [key: string]: unknown } | undefined, field = 'extraValues'):
{ values: { [key: string]: unknown }; problems: Problem[] } {
  const problems: Problem[] = [];
  const merge = (a: { [key: string]: unknown }, b: { [key: string]: unknown }, path: string): { [key: string]: unknown } => {
    const out: { [key: string]: unknown } = { ...a };
    for (const [k, v] of Object.entries(b)) {
      if (v === undefined) continue;
      const here = `${path}.${k}`;
      if (!(k in out) || out[k] === undefined) {
        out[k] = v;
      } else if (isPlainObject(out[k]) && isPlainObject(v)) {
        out[k] = merge(out[k] as { [key: string]: unknown }, v, here);
      } else {
        problems.push(problem(here, 'must not set a value a typed prop already sets', v, `set it through the typed prop (it gives ${formatValue(out[k])}), and remove it from ${field}`));
      }
    }
    return out;
  };
  return { values: extra === undefined || jsonObjectProblems(field, extra).length > 0 ? typed : merge(typed, extra, field), problems };
}

/** Drops `undefined` members, recursively (a typed prop left out writes nothing). */
export function pruneUndefined<T>(v: T): T {
  if (Array.isArray(v)) return v.map(pruneUndefined) as unknown as T;
  if (!isPlainObject(v)) return v;
  const out: { [key: string]: unknown } = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    const p = pruneUndefined(x);
    if (isPlainObject(p) && Object.keys(p).length === 0 && isPlainObject(x) && Object.keys(x).length > 0) continue;
    out[k] = p;
  }
  return out as T;
}
