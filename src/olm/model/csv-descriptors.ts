/**
 * Spec and status descriptors derived from a CRD version's schema: the console shows each top-level field of
 * `spec` and `status` that the schema describes, with the field's description. `conditions` gets the
 * conditions x-descriptor the console renders as a table.
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
