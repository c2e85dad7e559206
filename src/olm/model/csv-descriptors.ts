/**
 * Spec and status descriptors derived from a CRD version's schema: the console shows each top-level field of
 * `spec` and `status` that the schema describes, with the field's description. `conditions` gets the
 * conditions x-descriptor the console renders as a table. Descriptors given for a CRD replace the derived one of
 * their path or add to them (`applyDescriptors`).
 */

/** One descriptor of the CSV's owned CRD entry. */
export interface Descriptor {
  readonly 'path': string;
  readonly 'displayName': string;
  readonly 'description'?: string;
  readonly 'x-descriptors'?: string[];
}

const CONDITIONS_DESCRIPTOR = 'urn:alm:descriptor:io.kubernetes.conditions';

/** The descriptors of a version's `openAPIV3Schema`. */
export function crdDescriptors(schema: any): { spec: Descriptor[]; status: Descriptor[] } {
  return { spec: fieldDescriptors(schema?.properties?.spec), status: fieldDescriptors(schema?.properties?.status) };
}

function fieldDescriptors(schema: any): Descriptor[] {
  const properties = schema?.properties;
  if (properties === null || typeof properties !== 'object') return [];
  return Object.keys(properties).sort().map((path) => {
    const field = properties[path] ?? {};
    const description = typeof field.description === 'string' && field.description !== '' ? field.description : undefined;
    return {
      path,
      displayName: fieldDisplayName(path),
      ...(description ? { description } : {}),
      ...(path === 'conditions' ? { 'x-descriptors': [CONDITIONS_DESCRIPTOR] } : {}),
    };
  });
}

/** `BackupPlan` → `Backup Plan`, `lastSuccessfulTime` → `last Successful Time`. */
export function displayNameOf(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

/** `lastSuccessfulTime` → `Last Successful Time`. */
function fieldDisplayName(path: string): string {
  const words = displayNameOf(path);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What is given for an owned CRD entry (all versions, or one): fields in place of the derived ones. */
export interface CrdDescriptionInput {
  /** The CRD's name, `<plural>.<group>`. */
  readonly crdName: string;
  /** The version, or every served version. */
  readonly version?: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly resources?: ReadonlyArray<{ readonly kind: string; readonly name: string; readonly version: string }>;
  readonly spec?: readonly DescriptorInput[];
  readonly status?: readonly DescriptorInput[];
  /** Keep the derived descriptors (a given one replaces the derived one with its path). */
  readonly derive: boolean;
}

/** A descriptor as given: `displayName` defaults to the last path segment's words. */
export interface DescriptorInput {
  readonly path: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly xDescriptors?: readonly string[];
}

/** A finding about a given descriptor that OLM accepts but that shows nothing or nothing special in the console. */
export interface DescriptorNote {
  readonly rule: 'descriptor-path' | 'x-descriptor';
  readonly message: string;
}

/** The prefix the console recognizes in `x-descriptors` (others are ignored). */
const X_DESCRIPTOR_PREFIX = 'urn:alm:descriptor:';

/**
 * The descriptors of one block (`spec` or `status`) with the given ones applied: derived ones kept (unless
 * `derive` is false) in their order with a given descriptor of the same path in place, then the other given ones.
 * Notes for given paths the schema does not have and x-descriptors the console does not know; OLM validates
 * neither (no validator of operator-framework/api looks at descriptors), so they are warnings.
 */
export function applyDescriptors(block: 'spec' | 'status', schema: any, derived: readonly Descriptor[], given: readonly DescriptorInput[] | undefined,
  derive: boolean, where: string): { descriptors: Descriptor[]; notes: DescriptorNote[] } {
  const notes: DescriptorNote[] = [];
  const resolved = (given ?? []).map((g): Descriptor => {
    if (!schemaHasPath(schema?.properties?.[block], g.path)) {
      notes.push({ rule: 'descriptor-path', message: `${where}: ${block}Descriptors path "${g.path}" is not a field of the schema's ${block}; the console shows nothing for it` });
    }
    for (const x of g.xDescriptors ?? []) {
      if (!x.startsWith(X_DESCRIPTOR_PREFIX)) notes.push({ rule: 'x-descriptor', message: `${where}: x-descriptor "${x}" of ${block}Descriptors path "${g.path}" does not start with ${X_DESCRIPTOR_PREFIX}; the console ignores it` });
    }
    return {
      path: g.path,
      displayName: g.displayName ?? fieldDisplayName(g.path.split('.').pop()!.replace(/\[[^\]]*\]$/, '')),
      ...(g.description !== undefined ? { description: g.description } : {}),
      ...(g.xDescriptors !== undefined ? { 'x-descriptors': [...g.xDescriptors] } : {}),
    };
  });
  const byPath = new Map(resolved.map((d) => [d.path, d]));
  const kept = derive ? derived.map((d) => byPath.get(d.path) ?? d) : [];
  const keptPaths = new Set(kept.map((d) => d.path));
  return { descriptors: [...kept, ...resolved.filter((d) => !keptPaths.has(d.path))], notes };
}

/**
 * Whether a descriptor path names a field of a structural schema: dot-separated property names, each optionally
 * indexed (`targets[0].name`) into an array's items. A field under `x-kubernetes-preserve-unknown-fields` or a map
 * (`additionalProperties`) may be anything.
 */
export function schemaHasPath(schema: any, path: string): boolean {
  if (typeof path !== 'string' || path === '') return false;
  let node = schema;
  for (const segment of path.split('.')) {
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(segment);
    if (!m || node === null || typeof node !== 'object') return false;
    if (node['x-kubernetes-preserve-unknown-fields'] === true && !node.properties?.[m[1]]) return true;
    const next = node.properties?.[m[1]] ?? (node.additionalProperties && typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    if (next === undefined) return false;
    node = next;
    for (let i = 0; i < (m[2].match(/\[/g) ?? []).length; i++) {
      if (node?.items === undefined) return false;
      node = node.items;
    }
  }
  return true;
}
