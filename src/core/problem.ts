import { isTemplateValueNumber } from './template-values';

/**
 * One thing wrong with an input, in the user's words.
 *
 * Model validators return a list of problems and never throw, so every problem of a synth can be
 * reported together; constructs turn them into an `OpsError`.
 */
export interface Problem {
  /** Where the problem is, as a dotted/indexed path into the props or the object (e.g. `spec.ports[0].port`). */
  readonly field: string;
  /** What the field must be, as a phrase that follows the field name (e.g. `must be an integer`). */
  readonly expected: string;
  /** The value received, already formatted for display. @default - no value is shown */
  readonly got?: string;
  /** How to fix it, as an imperative phrase (e.g. `use e.g. 99.9 for "three nines"`). */
  readonly fix: string;
  /** A stable identifier of the rule that was broken (e.g. `R12`, `dns/ipvs-single-ip`). @default - none */
  readonly rule?: string;
}

/** Formats any value for an error message: strings quoted, objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (isTemplateValueNumber(value)) return 'a HelmValue (construct props are checked with its stand-in number, not its default)';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 197)}...` : json;
  } catch {
    return String(value);
  }
}

/** Shorthand to build a problem with the value formatted. */
export function problem(field: string, expected: string, got: unknown, fix: string, rule?: string): Problem {
  return { field, expected, got: got === undefined ? undefined : formatValue(got), fix, rule };
}

/** One line describing a problem: `field must be …, got … — fix [rule]`. */
export function describeProblem(p: Problem): string {
  // a plain message from a validation that is not opskit's own
  if (!p.field && !p.fix) return p.expected;
  const got = p.got === undefined ? '' : `, got ${p.got}`;
  const rule = p.rule ? ` [${p.rule}]` : '';
  return `${p.field} ${p.expected}${got} — ${p.fix}${rule}`;
}

/** Prefixes every problem's field with a parent path, for nested validators. */
export function nestProblems(prefix: string, problems: readonly Problem[]): Problem[] {
  if (!prefix) return [...problems];
  return problems.map((p) => ({ ...p, field: p.field ? `${prefix}.${p.field}` : prefix }));
}
