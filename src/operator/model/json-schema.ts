/**
 * The plain `JSONSchemaProps` object of `apiextensions.k8s.io/v1`, as the API server reads it.
 *
 * Pure helpers shared by the schema builder, the CRD rule checks and the custom-resource validator.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/#JSONSchemaProps
 */

/** A JSONSchemaProps object (untyped: imported CRDs may hold anything). */
export type JsonSchema = { [key: string]: any };

/** Every key the `JSONSchemaProps` Go struct knows (anything else is an unknown field, R24). */
export const JSON_SCHEMA_PROPS_KEYS: ReadonlySet<string> = new Set([
  'id', '$schema', '$ref', 'description', 'type', 'format', 'title', 'default',
  'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern',
  'maxItems', 'minItems', 'uniqueItems', 'multipleOf', 'enum', 'maxProperties', 'minProperties', 'required',
  'items', 'allOf', 'oneOf', 'anyOf', 'not', 'properties', 'additionalProperties', 'patternProperties',
  'dependencies', 'additionalItems', 'definitions', 'externalDocs', 'example', 'nullable',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-validations',
]);

/** Keys the API server rejects as unsupported although `JSONSchemaProps` has them (R24). */
export const UNSUPPORTED_SCHEMA_KEYS: readonly string[] = [
  'id', '$schema', '$ref', 'definitions', 'patternProperties', 'dependencies', 'additionalItems',
];

/** The six structural types. */
export const STRUCTURAL_TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

/** Scalar types (what `set` items and list-map keys may be). */
export const SCALAR_TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean'];

/** The junctor keywords (value validations only). */
export const JUNCTORS: readonly string[] = ['allOf', 'anyOf', 'oneOf', 'not'];

/** The valid `reason` values of a CEL rule. */
export const CEL_REASONS: readonly string[] = [
  'FieldValueInvalid', 'FieldValueForbidden', 'FieldValueRequired', 'FieldValueDuplicate',
];

/** A plain JSON object (not an array, not null). */
export function isPlainObject(x: unknown): x is { [key: string]: any } {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Whether a schema node is int-or-string. */
export function isIntOrString(s: JsonSchema | undefined): boolean {
  return !!s && s['x-kubernetes-int-or-string'] === true;
}

/** Whether a schema node keeps unknown fields. */
export function preservesUnknown(s: JsonSchema | undefined): boolean {
  return !!s && s['x-kubernetes-preserve-unknown-fields'] === true;
}

/** Whether a schema node is an embedded resource. */
export function isEmbedded(s: JsonSchema | undefined): boolean {
  return !!s && s['x-kubernetes-embedded-resource'] === true;
}

/** The schema of map values (`additionalProperties`), if it is a schema. */
export function additionalSchema(s: JsonSchema | undefined): JsonSchema | undefined {
  const ap = s?.additionalProperties;
  return isPlainObject(ap) ? ap : undefined;
}

/** Appends a property name to a dotted path. */
export function joinPath(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

/**
 * Deep clone of JSON data, with `JSON.stringify`'s semantics (`toJSON()` honoured, `undefined`, functions and
 * symbols dropped from objects and `null` in arrays, `-0` and non-finite numbers as JSON writes them).
 * Not a `JSON.parse(JSON.stringify(x))` round trip: Node 24's `JSON.parse` can return the wrong key for a key
 * that ends in an escape sequence (the JSON text `{"a\n":1}` read back with the key `a\` after an earlier
 * `{"a\\":1}`).
 */
export function cloneJson<T>(x: T): T {
  return x === undefined ? x : cloneJsonValue(x, '') as T;
}

function cloneJsonValue(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as any).toJSON === 'function') v = (v as any).toJSON(key);
  if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    return v.map((item, i) => {
      const c = cloneJsonValue(item, String(i));
      return c === undefined || typeof c === 'function' || typeof c === 'symbol' ? null : c;
    });
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const c = cloneJsonValue((v as Record<string, unknown>)[k], k);
    if (c !== undefined && typeof c !== 'function' && typeof c !== 'symbol') out[k] = c;
  }
  return out;
}

/** Deep equality of JSON data (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as any)[k], (b as any)[k]));
}

/** The JSON type name of a value, as used in messages (`integer` for whole numbers). */
export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

