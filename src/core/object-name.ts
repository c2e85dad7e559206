import { IConstruct } from 'constructs';
import { isDns1123Label, isDns1123Subdomain, labelProblems } from './names';
import { annotationProblems } from './object-meta';
import { Problem, problem } from './problem';

/**
 * The name of the object a construct emits (docs/api-conventions.md): `metadata.name` when given, else the
 * construct id — never a hash or the construct path. A name that is not valid for the kind is a problem naming
 * `metadata.name`, so the fix is either a lowercase id or an explicit name.
 */
export function objectName(scope: IConstruct, explicit: string | undefined, format: 'subdomain' | 'label' = 'subdomain'): { name: string; problems: Problem[] } {
  const name = explicit ?? scope.node.id;
  const ok = format === 'label' ? isDns1123Label(name) : isDns1123Subdomain(name);
  if (ok) return { name, problems: [] };
  const what = format === 'label' ? 'a DNS-1123 label (at most 63 lowercase letters, digits or "-")' : 'a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")';
  const fix = explicit === undefined
    ? `it defaults to the construct id: use a lowercase id such as "${scope.node.id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'my-name'}", or set metadata.name`
    : 'use lowercase letters, digits and "-", e.g. "api-monitor"';
  return { name, problems: [problem('metadata.name', `must be ${what}`, name, fix)] };
}

/** The `metadata` fields that belong to one object, and so are a props problem on a construct that emits several. */
const SINGLE_OBJECT_METADATA = ['finalizers', 'ownerReferences'] as const;

/**
 * The problems of the `metadata` of a construct that emits several objects (docs/api-conventions.md: its labels and
 * annotations go on every object): labels and annotations must be maps of valid keys and values, and `finalizers`
 * / `ownerReferences`, which belong to one object, are refused with the escape hatch to use instead
 * (`mainObject`, e.g. `operator.apiObject`). `name` and `namespace` are the construct's to check.
 */
export function multiObjectMetadataProblems(metadata: unknown, construct: string, mainObject: string): Problem[] {
  if (metadata === undefined) return [];
  const m = metadata as Record<string, unknown>;
  const problems: Problem[] = [];
  if (m.labels !== undefined) {
    problems.push(...(isStringMap(m.labels) ? labelProblems('metadata.labels', m.labels)
      : [problem('metadata.labels', 'must be a map of strings', m.labels, 'pass e.g. { team: "storage" }')]));
  }
  if (m.annotations !== undefined) {
    problems.push(...(isStringMap(m.annotations) ? annotationProblems('metadata.annotations', m.annotations)
      : [problem('metadata.annotations', 'must be a map of strings', m.annotations, 'pass e.g. { team: "storage" }')]));
  }
  for (const key of SINGLE_OBJECT_METADATA) {
    if (m[key] !== undefined) {
      problems.push(problem(`metadata.${key}`, `is not supported on ${construct} (it emits many objects; the field belongs to one)`, m[key],
        `remove it, and set it on the one object, e.g. ${mainObject}.metadata (cdk8s ApiObjectMetadataDefinition)`));
    }
  }
  return problems;
}

/** Whether a value is a plain map of strings (labels, annotations). */
export function isStringMap(value: unknown): value is Record<string, string> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((v) => typeof v === 'string');
}
