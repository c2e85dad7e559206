import { Markers } from './markers';

/** Keys whose string value is a namespace name. */
const NAMESPACE_KEYS = new Set(['namespace', 'kubernetes.io/metadata.name']);
/** Keys whose list items are namespace names. */
const NAMESPACE_LIST_KEYS = new Set(['matchNames', 'namespaces']);
/** Annotations whose value starts with `<namespace>/` (cert-manager's CA injection). */
const NAMESPACED_REF_ANNOTATIONS = new Set(['cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret']);

/**
 * Makes an object follow the release namespace: every reference to `namespace` the object holds is replaced by
 * a marker for `.Release.Namespace` — `metadata.namespace` and every other `namespace` field (RoleBinding
 * subjects, webhook and conversion services), namespace selectors (`matchNames`, `namespaces`, the
 * `kubernetes.io/metadata.name` label), cert-manager's `<namespace>/<name>` CA-injection annotations, and the
 * namespace part of in-cluster DNS names (`<service>.<namespace>.svc…`). Other text is left as it is, so a
 * namespace that only happens to appear in other text is not rewritten. Mutates `obj` (the caller's copy).
 * Returns how many references were replaced.
 */
export function followReleaseNamespace(obj: any, namespace: string, markers: Markers): number {
  let count = 0;
  const whole = () => {
    count++;
    return markers.add({ kind: 'inline', code: '{{ .Release.Namespace | quote }}' });
  };
  const part = () => {
    count++;
    return markers.add({ kind: 'inline', code: '{{ .Release.Namespace }}' });
  };
  const dnsName = new RegExp(`(^|\\.)${namespace.replace(/[.]/g, '\\.')}(?=\\.svc(?![a-z0-9-]))`, 'g');
  const visitString = (value: string, key: string | undefined): string => {
    if (key !== undefined && NAMESPACE_KEYS.has(key) && value === namespace) return whole();
    if (key !== undefined && NAMESPACED_REF_ANNOTATIONS.has(key) && value.startsWith(`${namespace}/`)) {
      return `${part()}${value.slice(namespace.length)}`;
    }
    return value.replace(dnsName, (_m, dot: string) => `${dot}${part()}`);
  };
  const visit = (node: any, key: string | undefined): any => {
    if (typeof node === 'string') return visitString(node, key);
    if (Array.isArray(node)) {
      return node.map((item) => (typeof item === 'string' && key !== undefined && NAMESPACE_LIST_KEYS.has(key) && item === namespace ? whole() : visit(item, undefined)));
    }
    if (typeof node === 'object' && node !== null) {
      for (const k of Object.keys(node)) node[k] = visit(node[k], k);
      return node;
    }
    return node;
  };
  visit(obj, undefined);
  return count;
}
