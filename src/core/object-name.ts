import { IConstruct } from 'constructs';
import { isDns1123Label, isDns1123Subdomain } from './names';
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
