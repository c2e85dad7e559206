import { Problem, problem } from '../../core/problem';

/**
 * The `helm_release` arguments opskit checks beyond the release itself (whose name, chart, repository, version,
 * namespace and values `HelmRelease` checks, `helm/release/model/release.ts`).
 */
export interface HelmReleaseResourceSpec {
  /** Seconds (the construct's `Duration`, converted; fractional when it is not whole seconds). */
  readonly timeout?: unknown;
  readonly maxHistory?: unknown;
  readonly postrender?: { readonly binaryPath?: unknown; readonly args?: unknown };
}

/** Problems of a `helm_release`'s own arguments, as the provider would reject them. */
export function helmReleaseResourceProblems(p: HelmReleaseResourceSpec): Problem[] {
  const out: Problem[] = [];
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
