/**
 * Validates JSON data against a CRD's `openAPIV3Schema` the way the API server does on create:
 * defaults are applied, then types (int-or-string and formats included), required fields, bounds,
 * enums, RE2 patterns, list topology and CEL rules written in standard CEL are checked.
 *
 * Unlike the API server, a field the schema does not declare is an ERROR (the API server would prune
 * it silently, so a typo would never reach the controller), with a "did you mean" hint for near misses.
 *
 * Pure: no construct import, no I/O. Never throws.
 */
import { CelPrograms, fromCelValue, isStandardCel, parseCel, referencesIdent, toCelValue } from './cel';
import type * as Formats from './formats';
import {
  JsonSchema, additionalSchema, cloneJson, isEmbedded, isIntOrString, isPlainObject, jsonEqual,
  preservesUnknown,
} from './json-schema';
import { closest } from '../../core/did-you-mean';
import { labelProblems } from '../../core/names';
import { annotationProblems, OBJECT_META_FIELDS, unknownMetaField } from '../../core/object-meta';
import { Problem, formatValue } from '../../core/problem';
import { re2Error, re2Test } from '../../core/re2';

let formatsModule: typeof Formats | undefined;

/** The `format` checks (Go's mail, URL and IP parsers re-implemented), loaded when a schema first has a format. */
function formats(): typeof Formats {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  formatsModule ??= require('./formats') as typeof Formats;
  return formatsModule;
}

/** Rule ids of the problems this validator reports. */
export const SCHEMA_RULES = {
  type: 'schema/type',
  required: 'schema/required',
  bounds: 'schema/bounds',
  enum: 'schema/enum',
  pattern: 'schema/pattern',
  format: 'schema/format',
  unknownField: 'schema/unknown-field',
  topology: 'schema/list-type',
  junctor: 'schema/junctor',
  cel: 'schema/cel',
};

/** Options of a validation. */
export interface SchemaValidationOptions {
  /** Apply `default`s before validating (as the API server does on create). @default true */
  readonly applyDefaults?: boolean;
  /** Report fields the schema does not declare. @default true */
  readonly unknownFields?: boolean;
  /** Evaluate CEL rules written in standard CEL. @default true */
  readonly cel?: boolean;
  /**
   * The value is a whole Kubernetes object (or an embedded resource): `apiVersion`, `kind` and
   * `metadata` are implicit fields. @default false
   */
  readonly resource?: boolean;
  /**
   * Check that an x-kubernetes-int-or-string value is an integer or a string. The API server does not when it
   * validates a CRD's defaults (its schema for defaults leaves the type of int-or-string open). @default true
   */
  readonly intOrStringTypes?: boolean;
  /** The compiled CEL programs to use (and add to). @default - programs compiled for this validation only */
  readonly celPrograms?: CelPrograms;
}

/** Result of a validation. */
export interface SchemaValidationResult {
  /** The value with defaults applied (a copy; the input is not modified). */
  readonly value: any;
  /** What is wrong, each with the path of the field. */
  readonly problems: Problem[];
  /** The paths of the fields that defaults added (e.g. `spec.replicas`), in the order they were added. */
  readonly defaulted: string[];
}

interface Ctx {
  readonly defaults: boolean;
  readonly unknown: boolean;
  readonly cel: boolean;
  readonly intOrStringTypes?: boolean;
  /** Drop null fields that are neither nullable nor defaulted, as the API server does with an object it decodes. */
  readonly pruneNulls?: boolean;
  readonly celPrograms?: CelPrograms;
  readonly problems: Problem[];
  readonly defaulted: string[];
}

const IMPLICIT_RESOURCE_FIELDS = ['apiVersion', 'kind', 'metadata'];


/** Validates `value` against `schema`; fields are reported under `path` (e.g. `spec`). */
export function validateAgainstSchema(value: any, schema: JsonSchema, path = '', options: SchemaValidationOptions = {}): SchemaValidationResult {
  const ctx: Ctx = {
    defaults: options.applyDefaults ?? true,
    unknown: options.unknownFields ?? true,
    cel: options.cel ?? true,
    intOrStringTypes: options.intOrStringTypes ?? true,
    pruneNulls: options.resource ?? false,
    celPrograms: options.cel === false ? undefined : options.celPrograms ?? new CelPrograms(),
    problems: [],
    defaulted: [],
  };
  const copy = cloneJson(value);
  const out = visit(copy, schema ?? {}, path, ctx, options.resource ?? false);
  return { value: out, problems: ctx.problems, defaulted: ctx.defaulted };
}

/** Whether a value passes a schema (no defaults, unknown fields allowed, no CEL): junctor checks. */
function passes(value: any, schema: JsonSchema): boolean {
  const ctx: Ctx = { defaults: false, unknown: false, cel: false, problems: [], defaulted: [] };
  visit(cloneJson(value), schema, '', ctx, false);
  return ctx.problems.length === 0;
}

/** `a.b`, `a[0]`, `a["x.y"]`. */
function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

function add(ctx: Ctx, field: string, expected: string, got: unknown, fix: string, rule: string): void {
  ctx.problems.push({ field: field || '<root>', expected, got: got === undefined ? undefined : formatValue(got), fix, rule });
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'object': return isPlainObject(v);
    default: return true;
  }
}

function visit(value: any, schema: JsonSchema, path: string, ctx: Ctx, resource: boolean): any {
  if (value === null) {
    if (schema.nullable !== true && !(preservesUnknown(schema) && !schema.type)) {
      add(ctx, path, `must not be null${schema.type ? ` (type ${schema.type})` : ''}`, null, 'remove the field or give it a value; null is only allowed where the schema says nullable: true', SCHEMA_RULES.type);
    }
    return value;
  }
  if (isIntOrString(schema)) {
    if (ctx.intOrStringTypes !== false && !(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      add(ctx, path, 'must be an integer or a string', value, 'use e.g. 8080 or "http"', SCHEMA_RULES.type);
      return value;
    }
  } else if (typeof schema.type === 'string' && !typeMatches(schema.type, value)) {
    const article = /^[aeiou]/.test(schema.type) ? 'an' : 'a';
    add(ctx, path, `must be ${article} ${schema.type}`, value, `give a value of type ${schema.type}`, SCHEMA_RULES.type);
    return value;
  }
  // an empty enum is no enum for the API server
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && !schema.enum.some((e: unknown) => jsonEqual(e, value))) {
    add(ctx, path, `must be one of ${schema.enum.map((e: unknown) => formatValue(e)).join(', ')}`, value, 'use one of the allowed values', SCHEMA_RULES.enum);
  }
  if (typeof value === 'string') checkString(value, schema, path, ctx);
  else if (typeof value === 'number') checkNumber(value, schema, path, ctx);
  else if (Array.isArray(value)) value = checkArray(value, schema, path, ctx);
  else if (isPlainObject(value)) value = checkObject(value, schema, path, ctx, resource || isEmbedded(schema));
  checkJunctors(value, schema, path, ctx);
  if (ctx.cel) checkCel(value, schema, path, ctx);
  return value;
}

function checkString(value: string, schema: JsonSchema, path: string, ctx: Ctx): void {
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    add(ctx, path, `must be at least ${schema.minLength} characters long`, value, 'use a longer value', SCHEMA_RULES.bounds);
  }
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    add(ctx, path, `must be at most ${schema.maxLength} characters long (is ${length})`, value, 'shorten the value', SCHEMA_RULES.bounds);
  }
  if (typeof schema.pattern === 'string' && re2Error(schema.pattern) === undefined && !re2Test(schema.pattern, value)) {
    add(ctx, path, `must match the pattern ${JSON.stringify(schema.pattern)}`, value, 'change the value so that it matches the pattern', SCHEMA_RULES.pattern);
  }
  if (typeof schema.format === 'string' && formats().checkFormat(schema.format, value) === false) {
    add(ctx, path, `must be ${formats().describeFormat(schema.format)}`, value, `give a valid ${schema.format} value`, SCHEMA_RULES.format);
  }
}

function checkNumber(value: number, schema: JsonSchema, path: string, ctx: Ctx): void {
  // kube-openapi compares an integral value with bounds truncated to integers (MinimumNativeType)
  const bound = (b: number) => (Number.isInteger(value) ? Math.trunc(b) : b);
  if (typeof schema.minimum === 'number') {
    const bad = schema.exclusiveMinimum === true ? value <= bound(schema.minimum) : value < bound(schema.minimum);
    if (bad) add(ctx, path, `must be ${schema.exclusiveMinimum === true ? '>' : '>='} ${schema.minimum}`, value, 'use a larger value', SCHEMA_RULES.bounds);
  }
  if (typeof schema.maximum === 'number') {
    const bad = schema.exclusiveMaximum === true ? value >= bound(schema.maximum) : value > bound(schema.maximum);
    if (bad) add(ctx, path, `must be ${schema.exclusiveMaximum === true ? '<' : '<='} ${schema.maximum}`, value, 'use a smaller value', SCHEMA_RULES.bounds);
  }
  if (typeof schema.multipleOf === 'number' && schema.multipleOf <= 0) {
    // kube-openapi refuses to validate a number against a factor that is not positive
    add(ctx, path, `cannot be validated: multipleOf must be positive, got ${schema.multipleOf}`, value, 'fix the schema: use a factor greater than 0, or remove multipleOf', SCHEMA_RULES.bounds);
  } else if (typeof schema.multipleOf === 'number') {
    const q = value / schema.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) add(ctx, path, `must be a multiple of ${schema.multipleOf}`, value, 'round the value', SCHEMA_RULES.bounds);
  }
  if (schema.type === 'integer' && schema.format === 'int32' && (value < -2147483648 || value > 2147483647)) {
    add(ctx, path, 'must fit in a 32-bit integer (format int32)', value, 'use a value between -2147483648 and 2147483647', SCHEMA_RULES.format);
  }
}

function checkArray(value: any[], schema: JsonSchema, path: string, ctx: Ctx): any[] {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    add(ctx, path, `must have at least ${schema.minItems} items`, `${value.length} items`, 'add items', SCHEMA_RULES.bounds);
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    add(ctx, path, `must have at most ${schema.maxItems} items`, `${value.length} items`, 'remove items', SCHEMA_RULES.bounds);
  }
  const items = isPlainObject(schema.items) ? schema.items : undefined;
  const out = items ? value.map((v, i) => visit(v, items, childPath(path, i), ctx, false)) : value;
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') {
    out.forEach((v, i) => {
      const first = out.findIndex((w) => jsonEqual(v, w));
      if (first !== i) add(ctx, childPath(path, i), `must be unique (x-kubernetes-list-type: set), duplicates item ${first}`, v, 'remove the duplicate', SCHEMA_RULES.topology);
    });
  } else if (listType === 'map' && Array.isArray(schema['x-kubernetes-list-map-keys'])) {
    const keys: string[] = schema['x-kubernetes-list-map-keys'];
    const seen = new Map<string, number>();
    out.forEach((v, i) => {
      if (!isPlainObject(v)) return;
      const key = JSON.stringify(keys.map((k) => v[k] ?? null));
      const first = seen.get(key);
      if (first !== undefined) {
        add(ctx, childPath(path, i), `must have a unique key (${keys.join(', ')}) in a list-type map, duplicates item ${first}`, keys.map((k) => v[k]), 'merge the two items or change the key', SCHEMA_RULES.topology);
      } else {
        seen.set(key, i);
      }
    });
  }
  return out;
}

function applyDefault(value: any, key: string, child: JsonSchema, path: string, ctx: Ctx): void {
  // `default: null` is no default for the API server
  if (!ctx.defaults || child.default === undefined || child.default === null) return;
  if (!(key in value) || (value[key] === null && child.nullable !== true)) {
    value[key] = cloneJson(child.default);
    ctx.defaulted.push(childPath(path, key));
  }
}

function checkObject(value: { [k: string]: any }, schema: JsonSchema, path: string, ctx: Ctx, resource: boolean): any {
  const properties: { [k: string]: JsonSchema } = isPlainObject(schema.properties) ? schema.properties : {};
  const additional = additionalSchema(schema);
  for (const [key, child] of Object.entries(properties)) applyDefault(value, key, child, path, ctx);
  if (additional) {
    for (const key of Object.keys(value)) if (!(key in properties)) applyDefault(value, key, additional, path, ctx);
  }
  for (const key of Object.keys(value)) {
    const child = properties[key] ?? additional;
    const p = childPath(path, key);
    if (ctx.pruneNulls && value[key] === null && child && child.nullable !== true && (child.default === undefined || child.default === null)) {
      // PruneNonNullableNullsWithoutDefaults: the API server drops the field rather than reject it
      delete value[key];
      continue;
    }
    if (resource && IMPLICIT_RESOURCE_FIELDS.includes(key)) {
      checkResourceField(key, value[key], child, p, ctx);
      continue;
    }
    if (child) {
      value[key] = visit(value[key], child, p, ctx, false);
    } else if (schema.additionalProperties === false) {
      // additionalProperties: false forbids the field even where unknown fields are preserved
      add(ctx, p, 'is forbidden (additionalProperties: false)', value[key], 'remove it', SCHEMA_RULES.unknownField);
    } else if (ctx.unknown && !preservesUnknown(schema) && schema.additionalProperties !== true) {
      const known = Object.keys(properties);
      const guess = closest(key, known);
      const hint = guess ? `did you mean "${guess}"? ` : '';
      const where = known.length > 0 ? `known fields: ${known.join(', ')}` : 'this object declares no fields';
      add(ctx, p, `is not a field of the schema (${where})`, value[key], `${hint}remove or rename it; the API server would silently drop it`, SCHEMA_RULES.unknownField);
    }
  }
  const required: string[] = Array.isArray(schema.required) ? schema.required : [];
  for (const key of required) {
    if (!(key in value)) {
      add(ctx, childPath(path, key), 'is required', undefined, `set ${key}`, SCHEMA_RULES.required);
    }
  }
  if (resource) {
    for (const key of ['apiVersion', 'kind']) {
      if (typeof value[key] !== 'string' || value[key] === '') add(ctx, childPath(path, key), 'is required in an embedded resource', value[key], `set ${key}`, SCHEMA_RULES.required);
    }
  }
  const count = Object.keys(value).length;
  if (typeof schema.minProperties === 'number' && count < schema.minProperties) {
    add(ctx, path, `must have at least ${schema.minProperties} properties`, `${count} properties`, 'add entries', SCHEMA_RULES.bounds);
  }
  if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) {
    add(ctx, path, `must have at most ${schema.maxProperties} properties`, `${count} properties`, 'remove entries', SCHEMA_RULES.bounds);
  }
  return value;
}

/** `apiVersion`, `kind`, `metadata` of an object: implicit, only what the schema restricts is checked. */
function checkResourceField(key: string, v: any, child: JsonSchema | undefined, path: string, ctx: Ctx): void {
  if (key === 'metadata') {
    if (!isPlainObject(v)) {
      add(ctx, path, 'must be an object', v, 'give metadata as an object (name, labels, ...)', SCHEMA_RULES.type);
      return;
    }
    const props = child?.properties ?? {};
    for (const f of ['name', 'generateName']) {
      if (props[f] && v[f] !== undefined) visit(v[f], props[f], `${path}.${f}`, ctx, false);
    }
    for (const [metaKey, value] of Object.entries(v)) {
      if (!OBJECT_META_FIELDS.includes(metaKey)) {
        if (!ctx.unknown) continue;
        const guess = closest(metaKey, OBJECT_META_FIELDS);
        const unknown = unknownMetaField(`${path}.${metaKey}`, value);
        add(ctx, unknown.field, unknown.expected, value, `${guess ? `did you mean "${guess}"? ` : ''}remove or rename it`, SCHEMA_RULES.unknownField);
      } else if ((metaKey === 'labels' || metaKey === 'annotations') && value !== undefined) {
        const bad = !isPlainObject(value) || Object.values(value).some((x) => typeof x !== 'string');
        if (bad) {
          add(ctx, `${path}.${metaKey}`, 'must be a map of strings', value, 'quote the values, e.g. "true"', SCHEMA_RULES.type);
        } else if (metaKey === 'labels') {
          // ObjectMeta of an embedded resource is validated as the API server validates any object's
          ctx.problems.push(...labelProblems(`${path}.labels`, value));
        } else {
          ctx.problems.push(...annotationProblems(`${path}.annotations`, value));
        }
      }
    }
    return;
  }
  if (typeof v !== 'string') add(ctx, path, 'must be a string', v, `set ${key} as a string`, SCHEMA_RULES.type);
}

function checkJunctors(value: any, schema: JsonSchema, path: string, ctx: Ctx): void {
  const stripped = (s: JsonSchema) => s;
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((s: JsonSchema, i: number) => {
      if (isPlainObject(s) && !passes(value, stripped(s))) add(ctx, path, `must satisfy allOf[${i}]`, value, 'change the value to satisfy every allOf schema', SCHEMA_RULES.junctor);
    });
  }
  // the int-or-string anyOf is the type check; where int-or-string types are not checked (a CRD's defaults) it applies
  if (Array.isArray(schema.anyOf) && (!isIntOrString(schema) || ctx.intOrStringTypes === false)) {
    if (!schema.anyOf.some((s: JsonSchema) => isPlainObject(s) && passes(value, s))) {
      add(ctx, path, `must satisfy at least one of the ${schema.anyOf.length} anyOf schemas`, value, 'change the value to satisfy one anyOf schema', SCHEMA_RULES.junctor);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const n = schema.oneOf.filter((s: JsonSchema) => isPlainObject(s) && passes(value, s)).length;
    if (n !== 1) add(ctx, path, `must satisfy exactly one oneOf schema (satisfies ${n})`, value, 'change the value to satisfy exactly one oneOf schema', SCHEMA_RULES.junctor);
  }
  if (isPlainObject(schema.not) && passes(value, schema.not)) {
    add(ctx, path, 'must not satisfy the "not" schema', value, 'change the value', SCHEMA_RULES.junctor);
  }
}

function checkCel(value: any, schema: JsonSchema, path: string, ctx: Ctx): void {
  const rules = schema['x-kubernetes-validations'];
  if (!Array.isArray(rules)) return;
  for (const r of rules) {
    if (!isPlainObject(r) || typeof r.rule !== 'string') continue;
    const parsed = parseCel(r.rule);
    // transition rules need the old object: on create they do not run
    if (!parsed.ast || referencesIdent(parsed.ast, 'oldSelf') || !isStandardCel(parsed)) continue;
    const outcome = ctx.celPrograms!.evaluate(r.rule, { self: toCelValue(value, schema) });
    if (outcome.unsupported) continue;
    const field = typeof r.fieldPath === 'string' && r.fieldPath.startsWith('.') ? `${path}${r.fieldPath}` : path;
    if (outcome.error !== undefined) {
      add(ctx, field, `must satisfy the CEL rule ${JSON.stringify(r.rule)}, which failed to evaluate: ${outcome.error}`, value, 'guard optional fields with has() in the rule, or set the field', SCHEMA_RULES.cel);
      continue;
    }
    if (outcome.value === false) {
      add(ctx, field, `must satisfy the CEL rule ${JSON.stringify(r.rule)}`, value, celMessage(r, value, schema, ctx.celPrograms!), SCHEMA_RULES.cel);
    }
  }
}

function celMessage(r: JsonSchema, value: any, schema: JsonSchema, programs: CelPrograms): string {
  if (typeof r.messageExpression === 'string') {
    const parsed = parseCel(r.messageExpression);
    if (parsed.ast && isStandardCel(parsed)) {
      const m = programs.evaluate(r.messageExpression, { self: toCelValue(value, schema) });
      if (typeof m.value === 'string' && m.value.length > 0) return m.value;
      if (m.value !== undefined && typeof fromCelValue(m.value) === 'string') return String(m.value);
    }
  }
  if (typeof r.message === 'string' && r.message.length > 0) return r.message;
  return `failed rule: ${r.rule}`;
}
