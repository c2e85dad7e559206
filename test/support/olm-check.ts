import { runTool } from './tools';

/**
 * The typed harness of `olm-check` (tools/olm): operator-framework/api's own validators (the default suite
 * operator-sdk always runs, plus operatorhub, capabilities, categories, good-practices, deprecated-APIs and
 * bundle-objects) on bundle folders. See docs/oracles.md.
 */

/** One finding of a validator. */
export interface OlmFinding {
  /** Which validator: csv, crd, bundle, operatorhub, capabilities, categories, good-practices, deprecated-apis, objects. */
  readonly validator: string;
  readonly level: 'Error' | 'Warning';
  readonly type: string;
  readonly field?: string;
  readonly value?: string;
  readonly detail: string;
  /** The text operator-sdk prints. */
  readonly message: string;
}

/** The verdict on one bundle folder. */
export interface OlmVerdict {
  readonly dir: string;
  /** Set when the folder does not load as a bundle at all. */
  readonly loadError?: string;
  readonly findings: OlmFinding[];
}

/** Runs olm-check on bundle folders, one verdict per folder, in order. */
export function olmCheck(dirs: readonly string[], options: { k8sVersion?: string } = {}): OlmVerdict[] {
  const args = [...(options.k8sVersion ? ['-k8s-version', options.k8sVersion] : []), ...dirs];
  const r = runTool('olm-check', args);
  if (r.status !== 0) throw new Error(`olm-check exited with ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as OlmVerdict);
}

/** The errors of a verdict, as operator-sdk prints them. */
export function olmErrors(v: OlmVerdict): string[] {
  return [...(v.loadError ? [v.loadError] : []), ...v.findings.filter((f) => f.level === 'Error').map((f) => `${f.validator}: ${f.message}`)];
}
