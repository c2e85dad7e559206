/**
 * Pure pieces of the schema builder: the known-type schemas controller-gen emits (Quantity,
 * metav1.Condition), the CEL rules of its one-of markers and deterministic key order.
 *
 * @see https://book.kubebuilder.io/reference/markers/crd-validation.html
 */
import { JsonSchema, isPlainObject } from './json-schema';
import { Problem, problem } from '../../core/problem';

/** The pattern controller-gen gives `resource.Quantity` fields. */
export const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** `metav1.Condition.type`: a qualified name (optional DNS prefix, then a name). */
export const CONDITION_TYPE_PATTERN = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$';

/** `metav1.Condition.reason`: CamelCase-ish identifier. */
export const CONDITION_REASON_PATTERN = '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$';

/** The item schema of a `[]metav1.Condition` field, with the validations controller-gen emits. */
export function conditionItemSchema(): JsonSchema {
  return {
    description: 'One aspect of the current state of this resource.',
    properties: {
      lastTransitionTime: {
        description: 'When the condition last changed from one status to another.',
        format: 'date-time',
        type: 'string',
      },
      message: {
        description: 'Human-readable details about the last transition.',
        maxLength: 32768,
        type: 'string',
      },
      observedGeneration: {
        description: 'The .metadata.generation the condition was set for.',
        format: 'int64',
        minimum: 0,
        type: 'integer',
      },
      reason: {
        description: 'Programmatic identifier of the reason for the last transition, in CamelCase.',
        maxLength: 1024,
        minLength: 1,
        pattern: CONDITION_REASON_PATTERN,
        type: 'string',
      },
      status: {
        description: 'Status of the condition: True, False or Unknown.',
        enum: ['True', 'False', 'Unknown'],
        type: 'string',
      },
      type: {
        description: 'Type of the condition, in CamelCase or foo.example.com/CamelCase.',
        maxLength: 316,
        pattern: CONDITION_TYPE_PATTERN,
        type: 'string',
      },
    },
    required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
    type: 'object',
  };
}

/** Kind of a one-of group marker. */
export type OneOfKind = 'exactly' | 'atMost' | 'atLeast';

/** The CEL rule controller-gen emits for an `ExactlyOneOf` / `AtMostOneOf` / `AtLeastOneOf` group. */
export function oneOfRule(kind: OneOfKind, fields: readonly string[]): JsonSchema {
  const list = `[${fields.join(' ')}]`;
  if (kind === 'atLeast') {
    return {
      message: `at least one of the fields in ${list} must be set`,
      rule: fields.map((f) => `has(self.${f})`).join('||'),
    };
  }
  const sum = fields.map((f) => `(has(self.${f})?1:0)`).join('+');
  return kind === 'exactly'
    ? { message: `exactly one of the fields in ${list} must be set`, rule: `${sum} == 1` }
    : { message: `at most one of the fields in ${list} may be set`, rule: `${sum} <= 1` };
}

/** The rule controller-gen emits for `+k8s:immutable`. */
export function immutableRule(): JsonSchema {
  return { message: 'field is immutable', rule: 'self == oldSelf' };
}

/**
 * The rule controller-gen adds to an object for each optional `+k8s:immutable` field: the field's own
 * `self == oldSelf` does not run when the field is removed, so the parent forbids removing it once set.
 */
export function immutableOnceSetRule(field: string): JsonSchema {
  return { message: `field ${field} is immutable once set`, rule: `!has(oldSelf.${field}) || has(self.${field})` };
}

/** Kinds of one-of groups in the order controller-gen applies them (AtMostOneOf, ExactlyOneOf, AtLeastOneOf). */
export const ONE_OF_ORDER: readonly OneOfKind[] = ['atMost', 'exactly', 'atLeast'];

/** Checks the members of a one-of group (controller-gen's marker-time check). */
export function checkOneOfGroup(
  kind: OneOfKind, fields: readonly string[], properties: { [k: string]: unknown }, required: readonly string[],
): Problem[] {
  const name = `${kind}OneOf`;
  const out: Problem[] = [];
  if (fields.length < 2) {
    out.push(problem(name, 'must name at least two fields', fields, 'list the mutually related fields, e.g. ["s3", "gcs"]'));
  }
  for (const f of fields) {
    if (!(f in properties)) {
      out.push(problem(name, `must only name declared properties (${Object.keys(properties).join(', ') || 'none'})`, f, 'declare the property or remove it from the group'));
    } else if (required.includes(f)) {
      out.push(problem(name, 'members must be optional (a required member is always set)', f, `remove "${f}" from required`));
    }
  }
  return out;
}

/** Copy of a schema with keys sorted alphabetically at every level (controller-gen's output order). */
export function sortSchemaKeys(s: any): any {
  if (!isPlainObject(s)) return s;
  const out: { [k: string]: any } = {};
  for (const k of Object.keys(s).sort()) {
    const v = s[k];
    if ((k === 'properties' || k === 'patternProperties' || k === 'definitions') && isPlainObject(v)) {
      const m: { [k: string]: any } = {};
      for (const name of Object.keys(v).sort()) m[name] = sortSchemaKeys(v[name]);
      out[k] = m;
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = Array.isArray(v) ? v.map(sortSchemaKeys) : sortSchemaKeys(v);
    } else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
      out[k] = v.map(sortSchemaKeys);
    } else if (k === 'x-kubernetes-validations' && Array.isArray(v)) {
      out[k] = v.map((r: any) => (isPlainObject(r) ? Object.fromEntries(Object.keys(r).sort().map((rk) => [rk, r[rk]])) : r));
    } else {
      out[k] = v;
    }
  }
  return out;
}
