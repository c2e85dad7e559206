import { isDns1123Label, isDns1123Subdomain } from '../../core/names';
import { Problem, problem } from '../../core/problem';
import { parseYaml } from '../../core/yaml';

/** An exact chart version (SemVer 2): a range or `latest` would install whatever is newest at apply time. */
export const EXACT_CHART_VERSION = /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A chart source that can be trusted: https or an OCI registry (plain http can be tampered with). */
export const TRUSTED_CHART_REPOSITORY = /^(https|oci):\/\/[^\s]+$/;

/** Helm's release names (`chartutil.ValidateReleaseName`): DNS-1123 subdomains of at most 53 characters. */
const RELEASE_NAME_MAX_LENGTH = 53;

/** The `helm_release` arguments opskit checks. */
export interface HelmReleaseSpec {
  readonly name: unknown;
  readonly chart: unknown;
  readonly repository: unknown;
  readonly version: unknown;
  readonly namespace: unknown;
  readonly values: unknown;
  /** Seconds (the construct's `Duration`, converted; fractional when it is not whole seconds). */
  readonly timeout?: unknown;
  readonly maxHistory?: unknown;
  readonly postrender?: { readonly binaryPath?: unknown; readonly args?: unknown };
}

/** Whether a values text is what Helm reads as values: a YAML map, or nothing. */
function isValuesMap(text: string): boolean {
  try {
    const doc = parseYaml(text);
    return doc === null || doc === undefined || (typeof doc === 'object' && !Array.isArray(doc));
  } catch {
    return false;
  }
}

/** Problems of a `helm_release`'s arguments, as Helm and the provider would reject them, plus pinning. */
export function helmReleaseProblems(p: HelmReleaseSpec): Problem[] {
  const out: Problem[] = [];
  if (typeof p.name !== 'string' || p.name.length > RELEASE_NAME_MAX_LENGTH || !isDns1123Subdomain(p.name)) {
    out.push(problem('name', 'must be a Helm release name (a DNS-1123 subdomain of at most 53 characters)', p.name, 'use e.g. "node-local-dns"'));
  }
  if (typeof p.chart !== 'string' || p.chart.trim() === '' || /\s/.test(p.chart)) {
    out.push(problem('chart', 'must be a chart name', p.chart, 'give the chart\'s name in the repository, e.g. "node-local-dns"'));
  }
  if (typeof p.repository !== 'string' || !TRUSTED_CHART_REPOSITORY.test(p.repository)) {
    out.push(problem('repository', 'must be an https:// or oci:// URL (plain http cannot be trusted)', p.repository, 'use the chart repository\'s https or oci address'));
  }
  if (typeof p.version !== 'string' || !EXACT_CHART_VERSION.test(p.version)) {
    out.push(problem('version', 'must be an exact chart version (no range, not latest)', p.version, 'pin a released version such as "2.9.2"'));
  }
  if (!isDns1123Label(p.namespace)) {
    out.push(problem('namespace', 'must be a namespace name (a DNS-1123 label)', p.namespace, 'use e.g. "kube-system"'));
  }
  if (!Array.isArray(p.values) || p.values.some((v) => typeof v !== 'string')) {
    out.push(problem('values', 'must be a list of YAML documents (strings)', p.values, 'pass e.g. [toYaml(values)]'));
  } else {
    p.values.forEach((v: string, i) => {
      // Helm reads each values text as a map (an empty one is none); a Terraform expression (`${yamlencode(…)}`) is read at apply
      if (!v.includes('${') && !isValuesMap(v)) {
        out.push(problem(`values[${i}]`, 'must be a YAML map of values (what Helm reads from a values file)', v, 'pass e.g. toYaml({ replicas: 2 })'));
      }
    });
  }
  if (p.timeout !== undefined && (typeof p.timeout !== 'number' || !Number.isInteger(p.timeout) || p.timeout <= 0)) {
    out.push(problem('timeout', 'must be a positive whole number of seconds (the provider takes seconds)',
      typeof p.timeout === 'number' ? `${p.timeout}s` : p.timeout, 'use e.g. Duration.minutes(10)'));
  }
  if (p.maxHistory !== undefined && (typeof p.maxHistory !== 'number' || !Number.isInteger(p.maxHistory) || p.maxHistory < 0)) {
    out.push(problem('maxHistory', 'must be a whole number ≥ 0 (0 keeps every release)', p.maxHistory, 'use e.g. 5'));
  }
  if (p.postrender !== undefined) {
    if (typeof p.postrender.binaryPath !== 'string' || p.postrender.binaryPath.trim() === '') {
      out.push(problem('postrender.binaryPath', 'must be a command', p.postrender.binaryPath, 'give e.g. "sed"'));
    }
    if (p.postrender.args !== undefined && (!Array.isArray(p.postrender.args) || p.postrender.args.some((a) => typeof a !== 'string'))) {
      out.push(problem('postrender.args', 'must be a list of strings', p.postrender.args, 'pass each argument as a string'));
    }
  }
  return out;
}
