import { closest } from './did-you-mean';
import { DURATION_EXPECTED, durationFix, durationValueProblems, isDurationValue } from './duration';
import { PROP_TYPES } from './generated/prop-types';
import { formatValue, Problem } from './problem';
import { PropType, PropTypeDescriptor } from './prop-type-descriptor';
import { TemplateValueToken } from './template-values';

/** The rule id of run-time props type problems. */
export const PROP_TYPE_RULE = 'props/type';

/**
 * The run-time type problems of a value given for a public struct (e.g. `FooProps`), checked against the
 * descriptor generated from the TypeScript types: wrong primitive types, `null`/`undefined` in lists, a non-list
 * where a list is expected, unknown enum values, non-finite numbers, non-plain objects where a struct is expected;
 * nested structs, lists and maps are checked recursively. A field the struct does not declare (a misspelt or
 * removed prop: TypeScript's excess-property check, for plain JavaScript and other jsii languages) is a problem
 * with a "did you mean" hint or the list of known fields; one left `undefined` is ignored. Pure: never throws.
 */
export function propTypeProblems(struct: string, value: unknown, field = '', descriptor: PropTypeDescriptor = PROP_TYPES): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<unknown>();
  checkValue({ struct }, value, field, descriptor, problems, seen, true);
  return problems;
}

/** A phrase naming the type (`a list of strings`, `a RuleGroup`, …). */
export function describePropType(type: PropType, descriptor: PropTypeDescriptor = PROP_TYPES): string {
  if (typeof type === 'string') {
    switch (type) {
      case 'string': return 'a string';
      case 'number': return 'a finite number';
      case 'integer': return 'a whole number';
      case 'boolean': return 'a boolean';
      case 'function': return 'a function';
      case 'object': return 'an object';
      case 'duration': return 'a cdk8s Duration';
      default: return 'any value';
    }
  }
  if ('list' in type) return `a list of ${plural(describePropType(type.list, descriptor))}`;
  if ('map' in type) return `a map of ${plural(describePropType(type.map, descriptor))}`;
  if ('struct' in type) return `${withArticle(type.struct)} object`;
  if ('enum' in type) return `one of ${(descriptor.enums[type.enum] ?? []).map((v) => formatValue(v)).join(', ')} (${type.enum})`;
  if ('instance' in type) return `${withArticle(type.instance)} instance`;
  if ('iface' in type) {
    return type.by ? `${type.by.map(withArticle).join(' or ')} (${type.iface})` : `an ${type.iface} implementation`;
  }
  if ('oneOf' in type) return type.oneOf.map((t) => describePropType(t, descriptor)).join(' or ');
  return `one of ${type.literal.map((v) => formatValue(v)).join(', ')}`;
}

/** A type name with its indefinite article (`an Endpoint`, `a Duration`). */
function withArticle(name: string): string {
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

function plural(phrase: string): string {
  return phrase.replace(/^an? /, '').replace(/(string|number|boolean|function|object|instance|implementation)$/, '$1s');
}

function safeFormat(value: unknown): string {
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  if (value !== null && typeof value === 'object' && !isPlainObject(value) && !Array.isArray(value)) {
    return `an instance of ${(value as object).constructor?.name ?? 'a class'}`;
  }
  return formatValue(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Whether an `any` prop (a custom resource's `spec`, a schema's `default`) is JSON data — text, a finite number, a
 * boolean, null, lists and plain objects of them — or a token that resolves to it (an object with `resolve()`).
 * Anything else (a `Map`, a `Date`, a class instance, a function, a symbol, a bigint, NaN) cannot be written.
 */
function jsonDataProblems(value: unknown, field: string, out: Problem[], seen: Set<unknown>, report: boolean): boolean {
  const ok = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  const walk = (v: unknown, at: string): boolean => {
    if (ok(v)) return true;
    if (v !== null && typeof v === 'object') {
      if (typeof (v as { resolve?: unknown }).resolve === 'function') return true;
      if (seen.has(v)) return true;
      if (Array.isArray(v)) {
        seen.add(v);
        return v.map((e, i) => walk(e, `${at}[${i}]`)).every(Boolean);
      }
      if (Object.getPrototypeOf(v) === Object.prototype) {
        seen.add(v);
        return Object.keys(v).map((k) => walk((v as Record<string, unknown>)[k], join(at, k))).every(Boolean);
      }
    }
    if (v === undefined) return true; // dropped, as JSON drops it
    if (report) {
      out.push({
        field: fieldName(at),
        expected: 'must be JSON data (text, a finite number, a boolean, null, or lists and plain objects of them)',
        got: safeFormat(v),
        fix: 'convert it to plain data first (e.g. a Date to date.toISOString(), a Map to Object.fromEntries(map))',
        rule: PROP_TYPE_RULE,
      });
    }
    return false;
  };
  return walk(value, field);
}

/** The problems of a value that must be JSON data (a values file, a custom resource's spec), at `field`. */
export function jsonDataProblemsAt(field: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  jsonDataProblems(value, field, out, new Set(), true);
  return out;
}

/**
 * Whether a value is an instance of the class with this name (or of a subclass): by name along the prototype
 * chain, not `instanceof`, so an instance made by another copy of the same package (or by a jsii kernel) counts.
 */
function isInstanceNamed(value: unknown, name: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (let proto = Object.getPrototypeOf(value); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, 'constructor') && proto.constructor?.name === name) return true;
  }
  return false;
}

function fieldName(field: string): string {
  return field === '' ? 'props' : field;
}

function join(field: string, key: string): string {
  return field === '' ? key : /^[A-Za-z_$][\w$]*$/.test(key) ? `${field}.${key}` : `${field}[${JSON.stringify(key)}]`;
}

function fixFor(type: PropType, descriptor: PropTypeDescriptor, value: unknown): string {
  if (type === 'duration') return durationFix(value);
  if (typeof type !== 'string') {
    if ('list' in type) return 'pass a list (e.g. `[...]`) with no null or undefined elements';
    if ('map' in type) return 'pass a plain object whose values all have that type';
    if ('struct' in type) return 'pass a plain object literal with the documented fields';
    if ('enum' in type) return `use one of the ${type.enum} values`;
    if ('instance' in type) {
      return type.make && type.make.length > 0
        ? `use ${type.make.join(', ')} (${withArticle(type.instance)}, not text or a plain object)`
        : `pass the ${type.instance} itself (made with new ${type.instance}(…)), not text or a plain object`;
    }
    if ('iface' in type) {
      return type.by
        ? `pass the ${type.by.join(' or ')} construct itself, not a copy of its props`
        : `pass an object implementing ${type.iface} (with ${type.members.join(', ')}), e.g. a construct of this app`;
    }
  } else if (type === 'duration') {
    return 'pass a cdk8s Duration, e.g. Duration.seconds(30)';
  }
  return `pass ${describePropType(type, descriptor)}`;
}

/** Whether the value has the type; pushes problems when `report` is set. */
function checkValue(
  type: PropType, value: unknown, field: string, d: PropTypeDescriptor, out: Problem[], seen: Set<unknown>, report: boolean,
): boolean {
  const fail = (): boolean => {
    if (report) {
      const expected = type === 'duration' ? DURATION_EXPECTED : `must be ${describePropType(type, d)}`;
      out.push({ field: fieldName(field), expected, got: safeFormat(value), fix: fixFor(type, d, value), rule: PROP_TYPE_RULE });
    }
    return false;
  };
  // a template value (a HelmValue's boolean, object or list token) stands for a value of its own, checked where it is defined
  if (TemplateValueToken.isToken(value) && type !== 'string' && type !== 'number' && type !== 'duration' && type !== 'function') return true;
  if (typeof type === 'string') {
    switch (type) {
      case 'string': return typeof value === 'string' || fail();
      case 'number': return (typeof value === 'number' && Number.isFinite(value)) || fail();
      case 'integer': return (typeof value === 'number' && Number.isSafeInteger(value)) || fail();
      case 'boolean': return typeof value === 'boolean' || fail();
      case 'function': return typeof value === 'function' || fail();
      case 'object': return ((typeof value === 'object' || typeof value === 'function') && value !== null) || fail();
      case 'duration': {
        if (!isDurationValue(value)) return fail();
        // whole milliseconds, not negative, within Go's time.Duration: what every consumer converts (zero is each prop's own check)
        const problems = durationValueProblems(fieldName(field), value);
        if (report) out.push(...problems.map((p) => ({ ...p, rule: PROP_TYPE_RULE })));
        return problems.length === 0;
      }
      default: return jsonDataProblems(value, field, out, seen, report);
    }
  }
  if ('literal' in type) return type.literal.includes(value as string) || fail();
  if ('instance' in type) return isInstanceNamed(value, type.instance) || fail();
  if ('iface' in type) {
    return ((typeof value === 'object' || typeof value === 'function') && value !== null && type.members.every((m) => m in value)) || fail();
  }
  if ('enum' in type) return (d.enums[type.enum] ?? []).includes(value as string) || fail();
  if ('oneOf' in type) {
    if (type.oneOf.some((t) => checkValue(t, value, field, d, [], new Set(seen), false))) return true;
    return fail();
  }
  if ('list' in type) {
    if (!Array.isArray(value)) return fail();
    if (seen.has(value)) return true;
    seen.add(value);
    let ok = true;
    for (let i = 0; i < value.length; i++) {
      ok = checkValue(type.list, value[i], `${field}[${i}]`, d, out, seen, report) && ok;
      if (!ok && !report) return false;
    }
    return ok;
  }
  if ('map' in type) {
    if (!isPlainObject(value)) return fail();
    if (seen.has(value)) return true;
    seen.add(value);
    let ok = true;
    for (const key of Object.keys(value)) {
      ok = checkValue(type.map, value[key], join(field, key), d, out, seen, report) && ok;
      if (!ok && !report) return false;
    }
    return ok;
  }
  // a struct
  const fields = d.structs[type.struct];
  if (!fields) return true;
  if (!isPlainObject(value)) return fail();
  if (seen.has(value)) return true;
  seen.add(value);
  let ok = true;
  // keys a struct accepts beyond its declared fields (cdk8s's ApiObjectMetadata: the rest of ObjectMeta's)
  const extra = d.closed?.[type.struct] ?? [];
  for (const name of Object.keys(fields)) {
    const spec = fields[name];
    const given = value[name];
    if (given === undefined) {
      if (spec.o) continue;
      if (report) {
        out.push({
          field: join(field, name),
          expected: `is required: ${describePropType(spec.t, d)}`,
          got: safeFormat(given),
          fix: `set ${name}`,
          rule: PROP_TYPE_RULE,
        });
      }
      ok = false;
    } else if (given === null) {
      if (report) {
        out.push({
          field: join(field, name),
          expected: `must be ${describePropType(spec.t, d)}${spec.o ? ' or left out' : ''}`,
          got: 'null',
          fix: spec.o ? `leave ${name} out (undefined) instead of null` : `set ${name}`,
          rule: PROP_TYPE_RULE,
        });
      }
      ok = false;
    } else {
      ok = checkValue(spec.t, given, join(field, name), d, out, seen, report) && ok;
    }
    if (!ok && !report) return false;
  }
  for (const name of Object.keys(value)) {
    if (name in fields || extra.includes(name) || value[name] === undefined) continue;
    if (report) out.push(unknownFieldProblem(type.struct, [...Object.keys(fields), ...extra], name, join(field, name), value[name]));
    ok = false;
    if (!report) return false;
  }
  return ok;
}

/** Fields of `metadata` that a misplaced top-level prop most likely meant (`name` → `metadata.name`). */
const METADATA_FIELDS = ['name', 'namespace', 'labels', 'annotations'];

/** A field a struct does not declare, with the closest known one or the list of them. */
function unknownFieldProblem(struct: string, known: readonly string[], name: string, field: string, value: unknown): Problem {
  const inMetadata = known.includes('metadata') && METADATA_FIELDS.includes(name) ? `metadata.${name}` : undefined;
  const guess = inMetadata ?? closest(name, known) ?? prefixMatch(name, known);
  const fix = guess !== undefined
    ? `did you mean ${guess}? rename or remove ${name}`
    : `remove ${name}; the known fields are ${[...known].sort().join(', ')}`;
  return { field, expected: `is not a field of ${struct}`, got: safeFormat(value), fix, rule: PROP_TYPE_RULE };
}

/** A known field the unknown one starts with, or that starts with it (`timeoutSeconds` → `timeout`). */
function prefixMatch(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return known.filter((k) => k.length >= 4 && (lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)))
    .sort((a, b) => b.length - a.length)[0];
}
