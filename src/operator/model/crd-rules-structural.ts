/**
 * Structural schema (R21–R33) and list/map topology (R34–R39) rules of the API server.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */
import {
  JSON_SCHEMA_PROPS_KEYS, JUNCTORS, JsonSchema, STRUCTURAL_TYPES, UNSUPPORTED_SCHEMA_KEYS,
  isEmbedded, isIntOrString, isPlainObject, preservesUnknown,
} from './json-schema';
import { SchemaNodeContext, walkSchema } from './schema-walk';
import { closest } from '../../core/did-you-mean';
import { Problem, problem } from '../../core/problem';
import { re2Error } from '../../core/re2';

const JUNCTOR_FORBIDDEN = ['type', 'default', 'title', 'description', 'nullable', 'additionalProperties'];

/** The int-or-string anyOf (or allOf-wrapped anyOf) pattern of a node, whose `type`s are allowed. */
function intOrStringJunctor(n: JsonSchema): JsonSchema | undefined {
  const isPair = (x: unknown) => Array.isArray(x) && x.length === 2
    && isPlainObject(x[0]) && isPlainObject(x[1]) && x[0].type === 'integer' && x[1].type === 'string'
    && Object.keys(x[0]).length === 1 && Object.keys(x[1]).length === 1;
  if (isPair(n.anyOf)) return n.anyOf;
  if (Array.isArray(n.allOf) && isPlainObject(n.allOf[0]) && isPair(n.allOf[0].anyOf)) return n.allOf[0].anyOf;
  return undefined;
}

/** R21–R39 for one version's `openAPIV3Schema` at `path`. */
export function checkStructural(root: JsonSchema, path: string): Problem[] {
  const out: Problem[] = [];
  if (!isPlainObject(root)) return out;
  // R21 root
  if (root.type !== 'object') {
    out.push(problem(`${path}.type`, 'must be "object" at the root of the schema', root.type, 'set type: object on openAPIV3Schema', 'R21'));
  }
  if (root.nullable === true) {
    out.push(problem(`${path}.nullable`, 'must not be true at the root', true, 'remove nullable from the root schema', 'R21'));
  }
  if (root.additionalProperties !== undefined) {
    out.push(problem(`${path}.additionalProperties`, 'must not be set at the root', root.additionalProperties, 'declare spec and status in properties instead', 'R21'));
  }
  checkRootFields(root, path, out);
  const intOrStringPairs = new Set<unknown>();
  walkSchema(root, path, (ctx) => {
    const pair = intOrStringJunctor(ctx.node);
    if (pair) {
      intOrStringPairs.add(pair[0]);
      intOrStringPairs.add(pair[1]);
    }
    checkKeys(ctx, out);
    if (ctx.inJunctor) checkJunctorMember(ctx, intOrStringPairs.has(ctx.node), out);
    else checkStructuralNode(ctx, out);
    checkValueKeywords(ctx, out);
    if (!ctx.inJunctor) {
      // the API server checks completeness from the root's junctors only (validateStructuralCompleteness)
      if (ctx.node === root) checkCompleteness(ctx.node, ctx.node, ctx.path, out);
      checkTopology(ctx, out);
    }
  });
  return out;
}

function checkRootFields(root: JsonSchema, path: string, out: Problem[]): void {
  const props = isPlainObject(root.properties) ? root.properties : {};
  for (const key of ['apiVersion', 'kind']) {
    const s = props[key];
    if (isPlainObject(s) && s.type !== 'string') {
      out.push(problem(`${path}.properties.${key}.type`, 'must be "string"', s.type, `declare ${key} as { type: string } or leave it out`, 'R26'));
    }
  }
  const meta = props.metadata;
  if (isPlainObject(meta)) {
    if (meta.type !== 'object') {
      out.push(problem(`${path}.properties.metadata.type`, 'must be "object"', meta.type, 'declare metadata as { type: object }', 'R26'));
    }
    const mp = isPlainObject(meta.properties) ? meta.properties : {};
    for (const [name, s] of Object.entries(mp)) {
      if (name !== 'name' && name !== 'generateName') {
        out.push(problem(`${path}.properties.metadata.properties.${name}`, 'must not be restricted (only metadata.name and metadata.generateName may be)', name, 'remove it: metadata is ObjectMeta and is validated by the API server', 'R26'));
      } else if (isPlainObject(s) && s.type !== undefined && s.type !== 'string') {
        out.push(problem(`${path}.properties.metadata.properties.${name}.type`, 'must be "string"', s.type, 'use type: string', 'R26'));
      }
    }
    for (const key of Object.keys(meta)) {
      if (!['type', 'properties', 'default'].includes(key)) {
        out.push(problem(`${path}.properties.metadata.${key}`, 'must not be set on the root metadata (only type: object and properties name/generateName)', meta[key], `remove ${key}: metadata is implicitly ObjectMeta`, 'R26'));
      }
    }
  }
  // metadata in junctors at the root
  for (const j of JUNCTORS) {
    const members = Array.isArray(root[j]) ? root[j] : isPlainObject(root[j]) ? [root[j]] : [];
    members.forEach((m: JsonSchema, i: number) => {
      if (isPlainObject(m) && isPlainObject(m.properties) && 'metadata' in m.properties) {
        const p = Array.isArray(root[j]) ? `${path}.${j}[${i}]` : `${path}.${j}`;
        out.push(problem(`${p}.properties.metadata`, 'must not be used inside allOf/anyOf/oneOf/not', 'metadata', 'restrict metadata.name in the structural part instead', 'R26'));
      }
    });
  }
}

function checkKeys(ctx: SchemaNodeContext, out: Problem[]): void {
  for (const key of Object.keys(ctx.node)) {
    if (UNSUPPORTED_SCHEMA_KEYS.includes(key)) {
      out.push(problem(`${ctx.path}.${key}`, 'is not supported by the API server', key, key === '$ref' || key === 'definitions' ? 'inline the referenced schema' : `remove ${key}`, 'R24'));
    } else if (!JSON_SCHEMA_PROPS_KEYS.has(key)) {
      const guess = closest(key, [...JSON_SCHEMA_PROPS_KEYS]);
      out.push(problem(`${ctx.path}.${key}`, 'is not a JSONSchemaProps field', key, guess ? `did you mean "${guess}"? otherwise remove it` : `remove ${key} (JSON Schema keywords such as const, $defs, propertyNames, examples, if are not supported)`, 'R24'));
    }
  }
}

function checkStructuralNode(ctx: SchemaNodeContext, out: Problem[]): void {
  const n = ctx.node;
  const p = ctx.path;
  // R22
  if (Array.isArray(n.type)) {
    out.push(problem(`${p}.type`, 'must be a single type name', n.type, 'use one type and nullable: true instead of ["<type>", "null"]', 'R22'));
  } else if (n.type === undefined || n.type === '') {
    if (!isIntOrString(n) && !preservesUnknown(n)) {
      out.push(problem(`${p}.type`, 'must be set (one of string, number, integer, boolean, array, object)', n.type, 'set the type, or x-kubernetes-preserve-unknown-fields: true for free-form data', 'R22'));
    }
  } else if (!STRUCTURAL_TYPES.includes(n.type)) {
    out.push(problem(`${p}.type`, `must be one of ${STRUCTURAL_TYPES.join(', ')}`, n.type, n.type === 'null' ? 'use nullable: true on the field instead' : 'use a supported type', 'R22'));
  }
  // R23
  if (n.type === 'array') {
    if (n.items === undefined) {
      out.push(problem(`${p}.items`, 'must be set when type is array', undefined, 'give the item schema, e.g. items: { type: string }', 'R23'));
    } else if (!isPlainObject(n.items)) {
      out.push(problem(`${p}.items`, 'must be a single schema (not a list of schemas)', n.items, 'use one item schema for all items', 'R23'));
    }
  }
  // R25
  const hasProperties = isPlainObject(n.properties) && Object.keys(n.properties).length > 0;
  if (hasProperties && n.additionalProperties !== undefined && n.additionalProperties !== true) {
    out.push(problem(`${p}.additionalProperties`, 'must not be set together with properties (they are mutually exclusive)', n.additionalProperties, 'remove additionalProperties (unknown fields are pruned anyway) or model the object as a map', 'R25'));
  }
  if (n.additionalProperties !== undefined && !isPlainObject(n.additionalProperties) && typeof n.additionalProperties !== 'boolean') {
    out.push(problem(`${p}.additionalProperties`, 'must be a schema or a boolean', n.additionalProperties, 'give the schema of the map values', 'R25'));
  }
  // R29
  if ('x-kubernetes-preserve-unknown-fields' in n && n['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.push(problem(`${p}.x-kubernetes-preserve-unknown-fields`, 'must be true or absent', n['x-kubernetes-preserve-unknown-fields'], 'remove it (false is the default)', 'R29'));
  }
  // R30
  if (isIntOrString(n)) {
    for (const key of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource']) {
      if (n[key] === true) {
        out.push(problem(`${p}.${key}`, 'must be false if x-kubernetes-int-or-string is true', true, `remove ${key} (a value is either an int-or-string or free-form)`, 'R30'));
      }
    }
  }
  // R26 for embedded resources: apiVersion / kind strings, metadata an object
  if (isEmbedded(n) && isPlainObject(n.properties)) {
    for (const key of ['apiVersion', 'kind']) {
      const s = n.properties[key];
      if (isPlainObject(s) && s.type !== 'string') out.push(problem(`${p}.properties.${key}.type`, 'must be "string"', s.type, `declare ${key} as { type: string }`, 'R26'));
    }
    const m = n.properties.metadata;
    if (isPlainObject(m) && m.type !== 'object') out.push(problem(`${p}.properties.metadata.type`, 'must be "object"', m.type, 'declare metadata as { type: object }', 'R26'));
  }
  // R33
  if (isEmbedded(n)) {
    if (n.type !== 'object') out.push(problem(`${p}.type`, 'must be "object" for x-kubernetes-embedded-resource', n.type, 'set type: object', 'R33'));
    if (n.additionalProperties !== undefined) out.push(problem(`${p}.additionalProperties`, 'must not be set on an embedded resource', n.additionalProperties, 'remove additionalProperties', 'R33'));
    if (!isPlainObject(n.properties) && !preservesUnknown(n)) {
      out.push(problem(p, 'must declare properties or set x-kubernetes-preserve-unknown-fields: true (embedded resource)', undefined, 'add x-kubernetes-preserve-unknown-fields: true or declare the fields', 'R33'));
    }
    if (ctx.inResourceMetadata) {
      out.push(problem(`${p}.x-kubernetes-embedded-resource`, 'must not be used inside resource metadata', true, 'remove it', 'R33'));
    }
  }
}

/**
 * Whether a field set inside a junctor makes the schema non-structural: as the API server reads it into Go
 * fields, zero values (nullable: false, an empty description, preserve-unknown-fields: false, ...) are unset.
 */
function forbiddenInJunctor(key: string, v: unknown): boolean {
  switch (key) {
    case 'type': case 'title': case 'description': return typeof v === 'string' ? v !== '' : v !== undefined && v !== null;
    case 'default': case 'additionalProperties': case 'x-kubernetes-list-type': case 'x-kubernetes-map-type': return v !== undefined && v !== null;
    case 'nullable': case 'x-kubernetes-preserve-unknown-fields': case 'x-kubernetes-embedded-resource': case 'x-kubernetes-int-or-string': return v === true;
    case 'x-kubernetes-list-map-keys': case 'x-kubernetes-validations': return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null;
    default: return false;
  }
}

function checkJunctorMember(ctx: SchemaNodeContext, intOrStringPattern: boolean, out: Problem[]): void {
  const n = ctx.node;
  for (const key of Object.keys(n)) {
    const forbidden = (JUNCTOR_FORBIDDEN.includes(key) || key.startsWith('x-kubernetes-')) && forbiddenInJunctor(key, n[key]);
    if (!forbidden) continue;
    if (key === 'type' && intOrStringPattern) continue;
    out.push(problem(`${ctx.path}.${key}`, 'must not be set inside allOf/anyOf/oneOf/not (value validations only)', n[key], `move ${key} to the structural part of the schema`, 'R27'));
  }
}

/** Rules every node (structural or not) must follow. */
function checkValueKeywords(ctx: SchemaNodeContext, out: Problem[]): void {
  const n = ctx.node;
  if (n.uniqueItems === true) {
    out.push(problem(`${ctx.path}.uniqueItems`, 'must not be true (the API server forbids it)', true, 'use x-kubernetes-list-type: set for unique scalar items', 'R31'));
  }
  if (n.pattern !== undefined) {
    const err = typeof n.pattern === 'string' ? re2Error(n.pattern) : 'not a string';
    if (err) {
      out.push(problem(`${ctx.path}.pattern`, `must be a Go RE2 regular expression (${err})`, n.pattern, 'remove lookarounds (?=, ?!, ?<=), backreferences (\\1) and possessive quantifiers', 'R32'));
    }
  }
}

/** R28: everything a junctor mentions is declared in the structural part. */
function checkCompleteness(structural: JsonSchema, node: JsonSchema, path: string, out: Problem[]): void {
  for (const j of JUNCTORS) {
    const v = node[j];
    const members: Array<[JsonSchema, string]> = Array.isArray(v)
      ? v.map((m: JsonSchema, i: number) => [m, `${path}.${j}[${i}]`])
      : isPlainObject(v) ? [[v, `${path}.${j}`]] : [];
    for (const [m, p] of members) {
      if (isPlainObject(m)) completeness(structural, m, p, out);
    }
  }
}

function completeness(structural: JsonSchema | undefined, vv: JsonSchema, path: string, out: Problem[]): void {
  if (isPlainObject(vv.properties)) {
    for (const [name, sub] of Object.entries(vv.properties)) {
      const target = isPlainObject(structural?.properties) ? structural!.properties[name] : undefined;
      if (!isPlainObject(target)) {
        out.push(problem(`${path}.properties.${name}`, 'must also be declared in the structural part of the schema (completeness)', name, `declare ${name} in the properties next to the allOf/anyOf/oneOf/not`, 'R28'));
      } else if (isPlainObject(sub)) {
        completeness(target, sub, `${path}.properties.${name}`, out);
      }
    }
  }
  if (isPlainObject(vv.items)) {
    if (!isPlainObject(structural?.items)) {
      out.push(problem(`${path}.items`, 'must also be declared in the structural part of the schema (completeness)', 'items', 'declare items next to the junctor', 'R28'));
    } else {
      completeness(structural!.items, vv.items, `${path}.items`, out);
    }
  }
  if (isPlainObject(vv.additionalProperties) && !isPlainObject(structural?.additionalProperties)) {
    out.push(problem(`${path}.additionalProperties`, 'must also be declared in the structural part of the schema (completeness)', 'additionalProperties', 'declare additionalProperties next to the junctor', 'R28'));
  }
  for (const j of JUNCTORS) {
    const v = vv[j];
    const members = Array.isArray(v) ? v : isPlainObject(v) ? [v] : [];
    members.forEach((m: JsonSchema, i: number) => {
      if (isPlainObject(m)) completeness(structural, m, Array.isArray(v) ? `${path}.${j}[${i}]` : `${path}.${j}`, out);
    });
  }
}

/** Items of a set must be atomic: scalars, atomic objects, lists that are atomic (the default). */
function isScalarOrAtomic(s: JsonSchema): boolean {
  if (s.type === 'object') return s['x-kubernetes-map-type'] === 'atomic';
  if (s.type === 'array') return s['x-kubernetes-list-type'] === undefined || s['x-kubernetes-list-type'] === 'atomic';
  return true;
}

function checkTopology(ctx: SchemaNodeContext, out: Problem[]): void {
  const n = ctx.node;
  const p = ctx.path;
  const mapType = n['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    if (mapType !== 'atomic' && mapType !== 'granular') {
      out.push(problem(`${p}.x-kubernetes-map-type`, 'must be "atomic" or "granular"', mapType, 'use MapType.ATOMIC or MapType.GRANULAR', 'R34'));
    } else if (n.type !== 'object') {
      out.push(problem(`${p}.x-kubernetes-map-type`, 'must only be set on type object', n.type, 'remove it or set type: object', 'R34'));
    }
  }
  const listType = n['x-kubernetes-list-type'];
  const keys = n['x-kubernetes-list-map-keys'];
  if (listType !== undefined) {
    if (!['atomic', 'set', 'map'].includes(listType)) {
      out.push(problem(`${p}.x-kubernetes-list-type`, 'must be "atomic", "set" or "map"', listType, 'use a ListType value', 'R35'));
    } else if (n.type !== 'array') {
      out.push(problem(`${p}.x-kubernetes-list-type`, 'must only be set on type array', n.type, 'remove it or set type: array', 'R35'));
    }
  }
  const items = isPlainObject(n.items) ? n.items : undefined;
  if (listType === 'set' && items) {
    if (!isScalarOrAtomic(items)) {
      out.push(problem(`${p}.items`, 'must be a scalar, or an atomic object/list, in a list-type set', items.type, 'use listType map with keys for object items, or make the items atomic', 'R36'));
    }
  }
  // an empty key list is unset for the API server
  if ((Array.isArray(keys) ? keys.length > 0 : keys !== undefined && keys !== null) && listType !== 'map') {
    out.push(problem(`${p}.x-kubernetes-list-map-keys`, 'requires x-kubernetes-list-type: map', listType, 'set listType: map or remove listMapKeys', 'R37'));
  }
  if (listType === 'map') {
    if (!Array.isArray(keys) || keys.length === 0) {
      out.push(problem(`${p}.x-kubernetes-list-map-keys`, 'must name at least one key when x-kubernetes-list-type is map', keys, 'list the item fields that identify an item, e.g. ["name"]', 'R37'));
    } else if (items) {
      if (items.type !== 'object') {
        out.push(problem(`${p}.items.type`, 'must be "object" in a list-type map', items.type, 'use object items, or listType set for scalars', 'R37'));
      }
      const seen = new Set<string>();
      const itemProps = isPlainObject(items.properties) ? items.properties : {};
      const required: string[] = Array.isArray(items.required) ? items.required : [];
      for (const k of keys) {
        if (seen.has(k)) out.push(problem(`${p}.x-kubernetes-list-map-keys`, 'must not repeat a key', k, `remove the duplicate "${k}"`, 'R37'));
        seen.add(k);
        const ks = itemProps[k];
        if (!isPlainObject(ks)) {
          out.push(problem(`${p}.x-kubernetes-list-map-keys`, 'must name properties of the items', k, `declare "${k}" in the item properties`, 'R37'));
          continue;
        }
        if (ks.type === 'array' || ks.type === 'object') {
          out.push(problem(`${p}.items.properties.${k}.type`, 'must be a scalar type (string, integer, number, boolean) for a list map key', ks.type, 'use a scalar key field', 'R37'));
        }
        if (!required.includes(k) && ks.default === undefined) {
          out.push(problem(`${p}.items.properties.${k}.default`, 'must be set, or the key be required (it is in x-kubernetes-list-map-keys)', undefined, `add "${k}" to the item's required fields, or give it a default`, 'R38'));
        }
        if (ks.nullable === true) {
          out.push(problem(`${p}.items.properties.${k}.nullable`, 'must not be true on a list map key', true, 'remove nullable', 'R38'));
        }
      }
    }
  }
  if ((listType === 'set' || listType === 'map') && items && items.nullable === true) {
    out.push(problem(`${p}.items.nullable`, `must not be true for items of a list-type ${listType}`, true, 'remove nullable from the items', 'R39'));
  }
}
