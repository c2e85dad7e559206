/**
 * Builds the `apiextensions.k8s.io/v1` CustomResourceDefinition object from plain inputs, with the
 * controller-gen defaults (plural, singular, listKind, scope, single version = storage, sorted versions).
 */
import { ScaleSubresource, scaleProblems } from './custom-resource-scale';
import { JsonSchema, isPlainObject } from './json-schema';
import { defaultPlural } from './pluralize';
import { SchemaValidationCache } from './schema-validation-cache';
import { validateAgainstSchema } from './schema-validator';
import { isDns1123Label, isDns1123Subdomain } from '../../core/names';
import { Problem, problem } from '../../core/problem';

/** The apiVersion of a CustomResourceDefinition. */
export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

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

/** What a custom resource's validation needs to know of its CRD besides the schema. */
export interface CustomResourceOptions {
  /** The CRD is cluster-scoped: the object's namespace is dropped, not checked. @default false */
  readonly clusterScoped?: boolean;
  /** The version's scale subresource. @default - none */
  readonly scale?: ScaleSubresource;
  /** The version has the status subresource (create drops status). @default false */
  readonly statusSubresource?: boolean;
  /**
   * Leave out problems inside fields that only a CRD default added: set when the CRD itself is reported invalid,
   * so its bad default is blamed once, at the CRD, not at every custom resource. A valid CRD's default that fails
   * (the server accepts e.g. any default on an int-or-string field) is the object's problem, as the server says.
   * @default false
   */
  readonly crdReportsItsDefaults?: boolean;
  /** The CRD's cache of validation results and CEL programs. @default - nothing is kept */
  readonly cache?: SchemaValidationCache;
}

/**
 * Validates a custom resource against the root schema of its version, with defaults applied as the API server
 * applies them; returns the object with defaults applied and the problems (paths inside the object).
 *
 * A problem inside a field that a default added is left out when the CRD is itself reported invalid
 * (`crdReportsItsDefaults`): its bad default is reported once, at the CRD, and every custom resource that never
 * set the field is not blamed for it.
 */
export function validateCustomResource(obj: any, schema: JsonSchema, options: CustomResourceOptions = {}): { value: any; problems: Problem[] } {
  // with the status subresource, create drops whatever status the object carries before validating it
  const created = options.statusSubresource && isPlainObject(obj) && 'status' in obj ? withoutStatus(obj) : obj;
  const result = options.cache ? options.cache.validate(created, schema, { resource: true }) : validateAgainstSchema(created, schema, '', { resource: true });
  const problems = options.crdReportsItsDefaults
    ? result.problems.filter((p) => !result.defaulted.some((d) => isAtOrUnder(p.field, d)))
    : [...result.problems];
  problems.push(...scaleProblems(result.value, options.scale, options.statusSubresource ?? false));
  const meta = obj?.metadata;
  if (!isPlainObject(meta) || ((typeof meta.name !== 'string' || meta.name === '') && (typeof meta.generateName !== 'string' || meta.generateName === ''))) {
    problems.push(problem('metadata.name', 'is required', meta?.name, 'give the custom resource a name'));
  } else if (typeof meta.name === 'string' && meta.name.length > 253) {
    problems.push(problem('metadata.name', 'must be at most 253 characters (a DNS subdomain)', meta.name, 'shorten the name'));
  } else if (typeof meta.name === 'string' && !isDns1123Subdomain(meta.name)) {
    problems.push(problem('metadata.name', 'must be a lowercase DNS subdomain', meta.name, 'use lowercase letters, digits, "-" and "."'));
  }
  if (isPlainObject(meta)) {
    // a cluster-scoped object's namespace is dropped (by opskit's synth, and by the API server on create)
    if (!options.clusterScoped && meta.namespace !== undefined && (typeof meta.namespace !== 'string' || !isDns1123Label(meta.namespace))) {
      problems.push(problem('metadata.namespace', 'must be a namespace name (a DNS-1123 label)', meta.namespace, 'use a lowercase namespace such as "databases"'));
    }
    // labels and annotations: checked with every ObjectMeta by validateAgainstSchema
  }
  return { value: result.value, problems };
}

/** Whether a field path is `base` or a field inside it (`base.x`, `base[0]`). */
function isAtOrUnder(field: string, base: string): boolean {
  return field === base || field.startsWith(`${base}.`) || field.startsWith(`${base}[`);
}

function withoutStatus(obj: Record<string, unknown>): Record<string, unknown> {
  const { status: _dropped, ...rest } = obj;
  return rest;
}
