import { isDns1123Label, isDns1123Subdomain, isQualifiedName, labelProblems, qualifiedNameProblems } from './names';
import { Problem, problem } from './problem';
import { childField } from './schema/object-path';

/*
 * The one check of an emitted object's `metadata` (ObjectMeta), as the API server's ValidateObjectMeta does it
 * (k8s.io/apimachinery/pkg/api/validation, v0.37.2): the name in its kind's format, `generateName` as a prefix of
 * one, the namespace, label and annotation keys and values, finalizers, owner references, and — for kinds whose
 * fields opskit has no model of (custom resources, monitoring objects) — fields ObjectMeta does not have, which
 * strict field validation refuses. Built-in kinds, custom resources and monitoring objects all go through it
 * (`app/chart-output.ts`). Pure; never throws.
 */

/** The fields of `ObjectMeta`. */
export const OBJECT_META_FIELDS: readonly string[] = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];

/** How the server validates a kind's names. */
export enum ObjectNameRule {
  /** A DNS-1123 subdomain (most kinds, every custom resource). */
  SUBDOMAIN = 'subdomain',
  /** A DNS-1123 label (Namespace, Service, StatefulSet). */
  LABEL = 'label',
  /** A path segment: no "/" or "%", not "." or ".." (RBAC kinds, PodDisruptionBudget). */
  PATH_SEGMENT = 'path-segment',
}

/** What the metadata check needs to know of the object's kind. */
export interface ObjectMetaRules {
  /** The format of the kind's names. */
  readonly name: ObjectNameRule;
  /** Whether the kind is cluster-scoped (a namespace on it is cleared by the server, not refused). */
  readonly clusterScoped: boolean;
  /** Report fields ObjectMeta does not have (off where a field model of the kind already does). */
  readonly unknownFields: boolean;
}

/** The server's total size limit of a metadata's annotations (keys and values), in bytes. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** The problems of an object's `metadata`, reported under `metadata.…`. */
export function objectMetaProblems(metadata: unknown, rules: ObjectMetaRules): Problem[] {
  if (metadata === undefined) return [problem('metadata.name', 'is required', undefined, 'give the object a name')];
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return [problem('metadata', 'must be an object', metadata, 'give metadata as an object (name, labels, ...)')];
  }
  const meta = metadata as Record<string, unknown>;
  // one list that every check adds to: a synth checks the metadata of every object, nearly always without a problem
  const problems: Problem[] = [];
  nameProblems(meta, rules.name, problems);
  if (!rules.clusterScoped) stringOf('metadata.namespace', meta.namespace, isDns1123Label, 'must be a DNS-1123 label', 'use a lowercase namespace such as "monitoring"', problems);
  mapOfStrings('metadata.labels', meta.labels, problems);
  labelProblems('metadata.labels', meta.labels, problems);
  mapOfStrings('metadata.annotations', meta.annotations, problems);
  annotationProblems('metadata.annotations', meta.annotations, problems);
  finalizerProblems(meta.finalizers, problems);
  ownerReferenceProblems(meta.ownerReferences, problems);
  if (rules.unknownFields) {
    for (const key of Object.keys(meta)) {
      if (!OBJECT_META_FIELDS.includes(key) && meta[key] !== undefined) problems.push(unknownMetaField(`metadata.${key}`, meta[key]));
    }
  }
  return problems;
}

/** The problem of a field ObjectMeta does not have (strict field validation refuses it). */
export function unknownMetaField(field: string, value: unknown): Problem {
  return problem(field, 'is not a field of ObjectMeta', value, 'remove or rename it (metadata has name, namespace, labels, annotations, …)');
}

/**
 * Problems of an annotation map: keys are qualified names, except that case does not matter (the server lowercases
 * a key before checking it); keys and values together at most 256 KiB. `into`: a list to add them to (returned).
 */
export function annotationProblems(field: string, annotations: unknown, into: Problem[] = []): Problem[] {
  if (!annotations || typeof annotations !== 'object') return into;
  let bytes = 0;
  for (const key of Object.keys(annotations)) {
    if (!isQualifiedName(key.toLowerCase())) {
      into.push(problem(childField(field, key), 'must be a qualified name, case aside (optional DNS subdomain prefix and "/", then at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric)', key,
        'rename the key, e.g. "example.com/owner"'));
    }
    const value = (annotations as Record<string, unknown>)[key];
    bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) into.push(problem(field, 'must be at most 262144 bytes in total (keys and values)', `${bytes} bytes`, 'move large data into a ConfigMap'));
  return into;
}

/** The name in the kind's format (required unless `generateName` is set), then `generateName` as a prefix of one. */
function nameProblems(meta: Record<string, unknown>, rule: ObjectNameRule, into: Problem[]): void {
  const name = meta.name;
  const generateName = meta.generateName;
  // an empty name with generateName is generated on create
  if (name === undefined || (name === '' && typeof generateName === 'string' && generateName !== '')) {
    if (generateName === undefined) into.push(problem('metadata.name', 'is required', undefined, 'give the object a name'));
  } else {
    stringOf('metadata.name', name, NAME_VALID[rule] ?? NAME_VALID[ObjectNameRule.SUBDOMAIN], NAME_EXPECTED[rule], NAME_FIX[rule], into);
  }
  if (generateName !== undefined) {
    // a prefix: the server masks a trailing "-" before checking it as a name (maskTrailingDash: "ab-" → "aa")
    const masked = (v: string): string => (v.length > 1 && v.endsWith('-') ? `${v.slice(0, -2)}a` : v);
    stringOf('metadata.generateName', generateName, (v) => validName(masked(v), rule, true), NAME_EXPECTED[rule], 'use a lowercase prefix such as "backup-"', into);
  }
}

const NAME_EXPECTED: Record<ObjectNameRule, string> = {
  [ObjectNameRule.SUBDOMAIN]: 'must be a DNS-1123 subdomain (lowercase alphanumerics, "-" or ".", at most 253 characters)',
  [ObjectNameRule.LABEL]: 'must be a DNS-1123 label (at most 63 lowercase alphanumerics or "-", starting and ending alphanumeric)',
  [ObjectNameRule.PATH_SEGMENT]: 'must be a valid path segment name (no "/" or "%")',
};

const NAME_FIX: Record<ObjectNameRule, string> = {
  [ObjectNameRule.SUBDOMAIN]: 'use a lowercase name such as "my-app"',
  [ObjectNameRule.LABEL]: 'use a lowercase name such as "my-service"',
  [ObjectNameRule.PATH_SEGMENT]: 'rename the object',
};

/** Whether a whole name (not a prefix) is valid, per rule. */
const NAME_VALID: Record<ObjectNameRule, (name: string) => boolean> = {
  [ObjectNameRule.SUBDOMAIN]: (name) => validName(name, ObjectNameRule.SUBDOMAIN, false),
  [ObjectNameRule.LABEL]: (name) => validName(name, ObjectNameRule.LABEL, false),
  [ObjectNameRule.PATH_SEGMENT]: (name) => validName(name, ObjectNameRule.PATH_SEGMENT, false),
};

function validName(name: string, rule: ObjectNameRule, prefix: boolean): boolean {
  switch (rule) {
    case ObjectNameRule.LABEL: return isDns1123Label(name);
    case ObjectNameRule.PATH_SEGMENT: return name.length > 0 && !name.includes('/') && !name.includes('%') && (prefix || (name !== '.' && name !== '..'));
    default: return isDns1123Subdomain(name);
  }
}

function stringOf(field: string, value: unknown, valid: (v: string) => boolean, expected: string, fix: string, into: Problem[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string') into.push(problem(field, 'must be a string', value, fix));
  else if (!valid(value)) into.push(problem(field, expected, value, fix));
}

function mapOfStrings(field: string, value: unknown, into: Problem[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    into.push(problem(field, 'must be a map of strings', value, 'give a map such as { team: "payments" }'));
    return;
  }
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v !== 'string') into.push(problem(childField(field, k), 'must be a string', v, 'quote the value, e.g. "true"'));
  }
}

function finalizerProblems(finalizers: unknown, into: Problem[]): void {
  listItems('metadata.finalizers', finalizers, 'must be a list of strings', 'list finalizer names such as "example.com/cleanup"', into, (f, i) => {
    if (typeof f === 'string') into.push(...qualifiedNameProblems(`metadata.finalizers[${i}]`, f));
    else into.push(problem(`metadata.finalizers[${i}]`, 'must be a string', f, 'use a finalizer name such as "example.com/cleanup"'));
  });
}

function ownerReferenceProblems(refs: unknown, into: Problem[]): void {
  listItems('metadata.ownerReferences', refs, 'must be a list', 'list owner references', into, (r, i) => {
    for (const k of ['apiVersion', 'kind', 'name', 'uid']) {
      const v = (r as Record<string, unknown> | null)?.[k];
      if (typeof v !== 'string' || v.length === 0) into.push(problem(`metadata.ownerReferences[${i}].${k}`, 'is required (a non-empty string)', v, `set ${k}`));
    }
  });
}

/** Checks each item of an optional list field (`undefined`: nothing to check), or reports a value that is not a list. */
function listItems(field: string, value: unknown, expected: string, fix: string, into: Problem[], check: (item: unknown, i: number) => void): void {
  if (value === undefined) return;
  if (Array.isArray(value)) value.forEach(check);
  else into.push(problem(field, expected, value, fix));
}
