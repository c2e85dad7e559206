import { runTool } from './tools';

/**
 * The typed harness of `kube-check` (tools/kube): the API server's own verdict on CRDs and custom resources,
 * from the real apiextensions-apiserver create path. One process per batch: objects go in as JSON lines,
 * verdicts come back one per object, in order. See docs/oracles.md.
 */

/** One error the API server reports, with its field path (`spec.versions[0].name`, `properties[spec]`). */
export interface KubeCheckError {
  /** The server's field path (empty for errors that are not about one field). */
  readonly field: string;
  /**
   * The field.ErrorType without its "FieldValue" prefix (Invalid, Required, Forbidden, NotSupported, Duplicate,
   * TooLong, TooMany, TypeInvalid, InternalError), or UnknownField / DuplicateField / StrictDecoding (strict
   * field validation), BadRequest (undecodable body), NotFound (a kind no CRD serves).
   */
  readonly type: string;
  /** What is wrong, without the field. */
  readonly detail: string;
  /** The whole message the server answers with. */
  readonly message: string;
}

/** The verdict on one object. */
export interface KubeCheckVerdict {
  readonly index: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Whether the server accepts the create. */
  readonly allowed: boolean;
  readonly errors: KubeCheckError[];
  /** Warnings the server answers with (unrecognized formats, deprecated versions, ...). */
  readonly warnings: string[];
  /** Set for built-in kinds, which kube-check does not check (then `allowed` is true). */
  readonly skipped?: string;
  /**
   * For an accepted custom resource: the object as stored (pruned, defaulted, status dropped under a status
   * subresource), without uid, creationTimestamp and generation.
   */
  readonly object?: any;
}

/** Options of a batch. */
export interface KubeCheckOptions {
  /** The namespace of namespaced objects that set none. @default "default" */
  readonly namespace?: string;
}

/**
 * Runs one kube-check process on a batch of objects (CRDs first: a custom resource is checked against the
 * CRDs accepted before it in the batch; a later CRD of the same name replaces an earlier one).
 */
export function kubeCheck(objects: readonly unknown[], options: KubeCheckOptions = {}): KubeCheckVerdict[] {
  if (objects.length === 0) return [];
  const input = objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
  const args = options.namespace ? ['--namespace', options.namespace] : [];
  const r = runTool('kube-check', args, { input });
  if (r.status !== 0) throw new Error(`kube-check exited with ${r.status}: ${r.stderr}`);
  const verdicts = r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as KubeCheckVerdict);
  if (verdicts.length !== objects.length) {
    throw new Error(`kube-check answered ${verdicts.length} verdicts for ${objects.length} objects: ${r.stderr}`);
  }
  return verdicts;
}

/**
 * A server field path in opskit's notation: `properties[spec]` → `properties.spec`, `[name]` map keys of
 * schema maps as dotted names; list indexes stay `[0]`.
 */
export function normalizeServerPath(path: string): string {
  return path.replace(/\[([^\]\d][^\]]*)\]/g, '.$1').replace(/^\./, '');
}

/** One line per error, for failure messages. */
export function describeVerdict(v: KubeCheckVerdict): string {
  if (v.allowed) return `allowed${v.warnings.length > 0 ? ` (warnings: ${v.warnings.join('; ')})` : ''}`;
  return `rejected: ${v.errors.map((e) => e.message).join(' | ')}`;
}
