/**
 * What opskit warns about in a CRD although the API server accepts it (deliberate lints, never errors).
 *
 * - F3: no served version. The server accepts the CRD, but no custom resource can be created (controller-gen
 *   rejects it).
 * - status in the manifest: create resets status (the registry's PrepareForCreate), so a `status.storedVersions`
 *   written in the manifest is dropped; when it disagrees with spec.versions it is worth saying.
 */
import { isPlainObject } from './json-schema';
import { Problem, problem } from '../../core/problem';

/** The warning id of each lint's rule (stable: users acknowledge warnings by it). */
const LINT_WARNING_IDS: Readonly<Record<string, string>> = {
  F3: 'opskit:operator/no-served-version',
  R13: 'opskit:operator/status-stored-versions',
};

/** The warning id of a lint returned by `crdLints`. */
export function crdLintWarningId(lint: Problem): string {
  const id = LINT_WARNING_IDS[lint.rule ?? ''];
  if (id === undefined) throw new Error(`crd lint rule ${lint.rule} has no warning id: add it to LINT_WARNING_IDS`);
  return id;
}

/** The lints of a CRD object. Never throws. */
export function crdLints(crd: any): Problem[] {
  const out: Problem[] = [];
  const versions: any[] = Array.isArray(crd?.spec?.versions) ? crd.spec.versions : [];
  if (versions.length > 0 && !versions.some((v) => v?.served === true)) {
    out.push(problem('spec.versions', 'should have at least one served version (the API server accepts the CRD, but no object of it can be created)', versions.map((v) => v?.name), 'set served: true on a version', 'F3'));
  }
  const stored: unknown = isPlainObject(crd?.status) ? crd.status.storedVersions : undefined;
  if (Array.isArray(stored) && stored.length > 0) {
    const names = versions.map((v) => v?.name);
    const storage = versions.find((v) => v?.storage === true)?.name;
    const stale = stored.filter((s) => !names.includes(s));
    if (stale.length > 0 || (storage !== undefined && !stored.includes(storage))) {
      out.push(problem('status.storedVersions', `is ignored on create (the API server resets status) and disagrees with spec.versions (storage version ${JSON.stringify(storage)})`, stored, 'remove status from the manifest; on an existing cluster, keep every stored version in spec.versions until its objects are migrated', 'R13'));
    }
  }
  return out;
}
