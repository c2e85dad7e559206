/**
 * The names of the Helm domain, in one place: values keys, template file names, helper names, warning ids.
 * Pure (no construct imports): the model uses it too.
 */

/** Warning: the Namespace object of the release namespace is left out of the chart (Helm creates it). */
export const WARNING_RELEASE_NAMESPACE_OBJECT = 'opskit:helm/release-namespace-object';

/** Namespaces that are never the release namespace by default: objects in them keep their namespace. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

/**
 * The values key of a workload: its object name in lowerCamelCase (`backup-controller-manager` →
 * `backupControllerManager`), a Go template identifier, so templates read it as `.Values.<key>`.
 */
export function workloadValuesKey(objectName: string): string {
  const words = objectName.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const key = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[A-Za-z]/.test(key) ? key : `w${key}`;
}

/** The file of an object under `templates/` (or `crds/`): `<kind in lowercase>-<name>.yaml`. */
export function templateFileName(kind: string, name: string): string {
  return `${kind.toLowerCase()}-${name}.yaml`;
}

/** The name of a helper template of `_helpers.tpl`: `<chart>.<helper>` (Helm's convention). */
export function helperName(chartName: string, helper: string): string {
  return `${chartName}.${helper}`;
}
