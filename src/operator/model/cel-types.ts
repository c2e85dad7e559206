/**
 * CEL types as the API server declares them for `x-kubernetes-validations`: the type of `self` derived from a
 * structural schema (`SchemaDeclType` of k8s.io/apiserver v0.37), with the size bounds its cost estimator uses.
 *
 * Pure: no I/O.
 */
import { JsonSchema, isPlainObject } from './json-schema';

/** A CEL type. `param` is a type parameter of an overload or a free type variable of the checker. */
export type CelType =
  | { readonly kind: 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'null' | 'timestamp' | 'duration' | 'dyn' | 'error' }
  | { readonly kind: 'list'; readonly elem: CelType }
  | { readonly kind: 'map'; readonly key: CelType; readonly value: CelType }
  | { readonly kind: 'object'; readonly name: string; readonly decl: DeclType }
  | { readonly kind: 'opaque'; readonly name: string; readonly params: readonly CelType[] }
  | { readonly kind: 'type'; readonly param?: CelType }
  | { readonly kind: 'param'; readonly name: string };

export const T = {
  bool: { kind: 'bool' } as CelType,
  int: { kind: 'int' } as CelType,
  uint: { kind: 'uint' } as CelType,
  double: { kind: 'double' } as CelType,
  string: { kind: 'string' } as CelType,
  bytes: { kind: 'bytes' } as CelType,
  null: { kind: 'null' } as CelType,
  timestamp: { kind: 'timestamp' } as CelType,
  duration: { kind: 'duration' } as CelType,
  dyn: { kind: 'dyn' } as CelType,
  error: { kind: 'error' } as CelType,
  list: (elem: CelType): CelType => ({ kind: 'list', elem }),
  map: (key: CelType, value: CelType): CelType => ({ kind: 'map', key, value }),
  opaque: (name: string, ...params: CelType[]): CelType => ({ kind: 'opaque', name, params }),
  optional: (t: CelType): CelType => ({ kind: 'opaque', name: 'optional_type', params: [t] }),
  param: (name: string): CelType => ({ kind: 'param', name }),
  type: (param?: CelType): CelType => ({ kind: 'type', param }),
};

/** How cel-go prints a type in its messages (`list(string)`, `google.protobuf.Timestamp`, ...). */
export function formatType(t: CelType): string {
  switch (t.kind) {
    case 'null': return 'null_type';
    case 'timestamp': return 'google.protobuf.Timestamp';
    case 'duration': return 'google.protobuf.Duration';
    case 'error': return '*error*';
    case 'list': return `list(${formatType(t.elem)})`;
    case 'map': return `map(${formatType(t.key)}, ${formatType(t.value)})`;
    case 'object': return t.name;
    case 'opaque': return t.params.length ? `${t.name}(${t.params.map(formatType).join(', ')})` : t.name;
    case 'type': return t.param ? `type(${formatType(t.param)})` : 'type';
    case 'param': return t.name;
    default: return t.kind;
  }
}

/** A node of the declared type tree, with the bounds the API server's cost estimator reads. */
export interface DeclType {
  readonly type: CelType;
  /** Maximum number of elements (list items, map entries, string/bytes length). */
  readonly maxElements: number;
  /** Minimum serialized JSON size of a value, in bytes. */
  readonly minSerializedSize: number;
  /** Object fields by (escaped) CEL name. */
  readonly fields?: Map<string, DeclType>;
  /** List item or map value type. */
  readonly elem?: DeclType;
  /** Map key type. */
  readonly key?: DeclType;
}

/** `DefaultMaxRequestSizeBytes` of the API server. */
export const MAX_REQUEST_SIZE_BYTES = 3 * 1024 * 1024;
const MIN_STRING_SIZE = 2;
const MIN_DURATION_SIZE_JSON = 3;
const JSON_DATE_SIZE = 12;
const MIN_DATETIME_SIZE_JSON = 21;
const MAX_DURATION_SIZE_JSON = 32;
const MAX_DATETIME_SIZE_JSON = 32;

const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** The CEL name of a property (`a-b` → `a__dash__b`), or undefined when the property is not accessible from CEL. */
export function escapeProperty(name: string): string | undefined {
  if (name === '' || (name[0] >= '0' && name[0] <= '9')) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[A-Za-z0-9_./-]*$/.test(name)) return undefined;
  return name.replace(/__|[-./]/g, (s) => ({ '__': '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' } as { [k: string]: string })[s]);
}

function leaf(type: CelType, maxElements: number, minSerializedSize: number): DeclType {
  return { type, maxElements, minSerializedSize };
}

function stringMax(s: JsonSchema): number {
  if (s['x-kubernetes-int-or-string'] === true) return MAX_REQUEST_SIZE_BYTES - 2;
  switch (s.format) {
    case 'duration': return MAX_DURATION_SIZE_JSON;
    case 'date': return JSON_DATE_SIZE;
    case 'date-time': return MAX_DATETIME_SIZE_JSON;
    default: return MAX_REQUEST_SIZE_BYTES - 2;
  }
}

const nonNegative = (v: number): number => (v < 0 ? 0 : v);

function withTypeAndObjectMeta(s: JsonSchema): JsonSchema {
  const p = isPlainObject(s.properties) ? s.properties : {};
  const isStr = (x: any) => x?.type === 'string';
  if (isStr(p.kind) && isStr(p.apiVersion) && p.metadata?.type === 'object' && isPlainObject(p.metadata.properties)
    && isStr(p.metadata.properties.name) && isStr(p.metadata.properties.generateName)) {
    return s;
  }
  return {
    ...s,
    properties: {
      ...p,
      kind: { type: 'string' },
      apiVersion: { type: 'string' },
      metadata: { type: 'object', properties: { name: { type: 'string' }, generateName: { type: 'string' } } },
    },
  };
}

/**
 * The declared type of a schema node (`SchemaDeclType`), or undefined where the API server declares none (no
 * type, an array without items, an object whose additionalProperties have no type): such fields are invisible to CEL.
 * Object types are named after their path from `rootName` (`selfType.spec`), as the server names them.
 */
export function schemaDeclType(schema: JsonSchema, isResourceRoot: boolean, name = 'selfType'): DeclType | undefined {
  if (!isPlainObject(schema)) return undefined;
  let s = schema;
  if (s['x-kubernetes-int-or-string'] === true) {
    const max = typeof s.maxLength === 'number' ? nonNegative(s.maxLength) * 4 : stringMax(s);
    return leaf(T.dyn, max, 1);
  }
  if (isResourceRoot) s = withTypeAndObjectMeta(s);
  switch (s.type) {
    case 'array': {
      if (!isPlainObject(s.items)) return undefined;
      const items = schemaDeclType(s.items, s.items['x-kubernetes-embedded-resource'] === true, `${name}.@idx`);
      if (!items) return undefined;
      const max = typeof s.maxItems === 'number' ? nonNegative(s.maxItems) : Math.floor((MAX_REQUEST_SIZE_BYTES - 2) / (items.minSerializedSize + 1));
      return { type: T.list(items.type), maxElements: max, minSerializedSize: 2, elem: items };
    }
    case 'object': {
      if (isPlainObject(s.additionalProperties)) {
        const values = schemaDeclType(s.additionalProperties, s.additionalProperties['x-kubernetes-embedded-resource'] === true, `${name}.@elem`);
        if (!values) return undefined;
        const max = typeof s.maxProperties === 'number' ? nonNegative(s.maxProperties) : Math.floor((MAX_REQUEST_SIZE_BYTES - 2) / (values.minSerializedSize + 6));
        // the server declares map keys with the shared string type, whose size bound is 0
        const key = leaf(T.string, 0, MIN_STRING_SIZE);
        return { type: T.map(T.string, values.type), maxElements: max, minSerializedSize: 2, elem: values, key };
      }
      const fields = new Map<string, DeclType>();
      const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
      let minSize = 2;
      const props: { [k: string]: JsonSchema } = isPlainObject(s.properties) ? s.properties : {};
      for (const [prop, child] of Object.entries(props)) {
        const celName = escapeProperty(prop);
        const t = schemaDeclType(child, isPlainObject(child) && child['x-kubernetes-embedded-resource'] === true, `${name}.${celName ?? prop}`);
        if (!t) continue;
        if (celName !== undefined) fields.set(celName, t);
        if (required.has(prop) && child.default === undefined) minSize += prop.length + t.minSerializedSize + 4;
      }
      const decl: DeclType = { type: T.dyn, maxElements: 0, minSerializedSize: minSize, fields };
      const type: CelType = { kind: 'object', name, decl };
      return Object.assign(decl, { type });
    }
    case 'string': {
      switch (s.format) {
        case 'byte': return leaf(T.bytes, typeof s.maxLength === 'number' ? nonNegative(s.maxLength) : stringMax(s), MIN_STRING_SIZE);
        case 'duration': return leaf(T.duration, stringMax(s), MIN_DURATION_SIZE_JSON);
        case 'date': return leaf(T.timestamp, stringMax(s), JSON_DATE_SIZE);
        case 'date-time': return leaf(T.timestamp, stringMax(s), MIN_DATETIME_SIZE_JSON);
        default: break;
      }
      let max: number;
      if (typeof s.maxLength === 'number') max = nonNegative(s.maxLength) * 4;
      else if (Array.isArray(s.enum) && s.enum.length > 0) max = Math.max(0, ...s.enum.filter((e: unknown) => typeof e === 'string').map((e: string) => Buffer.byteLength(e)));
      else max = stringMax(s);
      return leaf(T.string, max, MIN_STRING_SIZE);
    }
    case 'boolean': return leaf(T.bool, 0, 4);
    case 'number': return leaf(T.double, 0, 1);
    case 'integer': return leaf(T.int, 0, 1);
    default: return undefined;
  }
}
