/**
 * Builds the `apiextensions.k8s.io/v1` CustomResourceDefinition object from plain inputs, with the
 * controller-gen defaults (plural, singular, listKind, scope, single version = storage, sorted versions).
 */
import { CRD_API_VERSION } from './crd-rules';
import { JsonSchema, isPlainObject } from './json-schema';
import { defaultPlural } from './pluralize';
import { validateAgainstSchema } from './schema-validator';
import { Problem, problem } from '../../core/problem';
import { isDnsLabel, labelProblems, qualifiedNameProblems } from '../../core/schema/api-rules';

/** A version, with its schema already rendered to JSON. */
export interface CrdVersionInput {
  readonly name: string;
  readonly served?: boolean;
  readonly storage?: boolean;
  readonly deprecated?: boolean;
  readonly deprecationWarning?: string;
  readonly schema: JsonSchema;
  readonly additionalPrinterColumns?: JsonSchema[];
  readonly status?: boolean;
  readonly scale?: JsonSchema;
  readonly selectableFields?: string[];
}

/** Everything a CRD is made of. */
export interface CrdInput {
  readonly group: string;
  readonly kind: string;
  readonly plural?: string;
  readonly singular?: string;
  readonly listKind?: string;
  readonly shortNames?: string[];
  readonly categories?: string[];
  readonly scope?: string;
  readonly versions: readonly CrdVersionInput[];
  readonly conversion?: JsonSchema;
  readonly labels?: { [k: string]: string };
  readonly annotations?: { [k: string]: string };
}

/** Names with defaults applied. */
export interface CrdNames {
  readonly plural: string;
  readonly singular: string;
  readonly listKind: string;
  readonly kind: string;
}

/** The names controller-gen would give (`plural = lower(pluralize(kind))`, `singular = lower(kind)`). */
export function crdNames(input: Pick<CrdInput, 'kind' | 'plural' | 'singular' | 'listKind'>): CrdNames {
  return {
    kind: input.kind,
    plural: input.plural ?? defaultPlural(input.kind),
    singular: input.singular ?? input.kind.toLowerCase(),
    listKind: input.listKind ?? `${input.kind}List`,
  };
}

/** The root schema of a version built from spec and status schemas, as controller-gen lays it out. */
export function rootSchema(spec: JsonSchema | undefined, status: JsonSchema | undefined, description: string | undefined): JsonSchema {
  const properties: JsonSchema = {
    apiVersion: {
      description: 'APIVersion of this representation of the object (group/version).',
      type: 'string',
    },
    kind: {
      description: 'Kind of the REST resource this object represents, in CamelCase.',
      type: 'string',
    },
    metadata: { type: 'object' },
  };
  if (spec) properties.spec = spec;
  if (status) properties.status = status;
  const root: JsonSchema = { properties, type: 'object' };
  if (description !== undefined) root.description = description;
  if (spec) root.required = ['spec'];
  return root;
}

/** Renders the CRD object. */
export function renderCrd(input: CrdInput): any {
  const names = crdNames(input);
  // like controller-gen's single-version rule, generalized: the one version without a storage setting is
  // the storage version when no version is explicitly marked
  const unset = input.versions.filter((v) => v.storage === undefined);
  const implicitStorage = unset.length === 1 && !input.versions.some((v) => v.storage === true) ? unset[0].name : undefined;
  const versions = [...input.versions]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((v) => {
      const out: JsonSchema = { name: v.name };
      if (v.additionalPrinterColumns && v.additionalPrinterColumns.length > 0) out.additionalPrinterColumns = v.additionalPrinterColumns;
      if (v.deprecated) out.deprecated = true;
      if (v.deprecationWarning !== undefined) out.deprecationWarning = v.deprecationWarning;
      out.schema = { openAPIV3Schema: v.schema };
      if (v.selectableFields && v.selectableFields.length > 0) out.selectableFields = v.selectableFields.map((jsonPath) => ({ jsonPath }));
      out.served = v.served ?? true;
      out.storage = v.storage ?? v.name === implicitStorage;
      if (v.status || v.scale) {
        out.subresources = {};
        if (v.scale) out.subresources.scale = v.scale;
        if (v.status) out.subresources.status = {};
      }
      return out;
    });
  const spec: JsonSchema = {};
  if (input.conversion) spec.conversion = input.conversion;
  spec.group = input.group;
  const n: JsonSchema = {};
  if (input.categories && input.categories.length > 0) n.categories = [...input.categories];
  n.kind = names.kind;
  n.listKind = names.listKind;
  n.plural = names.plural;
  if (input.shortNames && input.shortNames.length > 0) n.shortNames = [...input.shortNames];
  n.singular = names.singular;
  spec.names = n;
  spec.scope = input.scope ?? 'Namespaced';
  spec.versions = versions;
  const metadata: JsonSchema = { name: `${names.plural}.${input.group}` };
  if (input.annotations && Object.keys(input.annotations).length > 0) metadata.annotations = { ...input.annotations };
  if (input.labels && Object.keys(input.labels).length > 0) metadata.labels = { ...input.labels };
  return { apiVersion: CRD_API_VERSION, kind: 'CustomResourceDefinition', metadata, spec };
}

/** The root schema of a version of a CRD object (undefined when the version does not exist). */
export function versionSchema(crd: any, version: string): JsonSchema | undefined {
  const versions: any[] = Array.isArray(crd?.spec?.versions) ? crd.spec.versions : [];
  const v = versions.find((x) => x?.name === version);
  const s = v?.schema?.openAPIV3Schema;
  return isPlainObject(s) ? s : undefined;
}

/**
 * Validates a custom resource against the root schema of its version, with defaults applied as the API server
 * applies them; returns the object with defaults applied and the problems (paths inside the object).
 *
 * A problem inside a field that a default added is not the object's: it is the CRD's invalid default, which the
 * CRD's own rules report once, at the CRD. Such problems are left out, so every custom resource that never set
 * the field is not blamed for it.
 */
export function validateCustomResource(obj: any, schema: JsonSchema): { value: any; problems: Problem[] } {
  const result = validateAgainstSchema(obj, schema, '', { resource: true });
  const problems = result.problems.filter((p) => !result.defaulted.some((d) => isAtOrUnder(p.field, d)));
  const meta = obj?.metadata;
  if (!isPlainObject(meta) || ((typeof meta.name !== 'string' || meta.name === '') && (typeof meta.generateName !== 'string' || meta.generateName === ''))) {
    problems.push(problem('metadata.name', 'is required', meta?.name, 'give the custom resource a name'));
  } else if (typeof meta.name === 'string' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(meta.name)) {
    problems.push(problem('metadata.name', 'must be a lowercase DNS subdomain', meta.name, 'use lowercase letters, digits, "-" and "."'));
  }
  if (isPlainObject(meta)) {
    if (meta.namespace !== undefined && (typeof meta.namespace !== 'string' || !isDnsLabel(meta.namespace))) {
      problems.push(problem('metadata.namespace', 'must be a namespace name (a DNS-1123 label)', meta.namespace, 'use a lowercase namespace such as "databases"'));
    }
    problems.push(...labelProblems('metadata.labels', meta.labels));
    if (isPlainObject(meta.annotations)) {
      for (const key of Object.keys(meta.annotations)) problems.push(...qualifiedNameProblems(`metadata.annotations["${key}"]`, key));
    }
  }
  return { value: result.value, problems };
}

/** Whether a field path is `base` or a field inside it (`base.x`, `base[0]`). */
function isAtOrUnder(field: string, base: string): boolean {
  return field === base || field.startsWith(`${base}.`) || field.startsWith(`${base}[`);
}
