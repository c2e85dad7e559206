import { IConstruct } from 'constructs';
import { formatValue } from './problem';
import { propTypeProblems, PROP_TYPE_RULE } from './prop-types';
import { reportPropsProblems } from './props-problems';

/**
 * Checks a construct's props against their declared TypeScript type (from the generated descriptor) before the
 * construct uses them, and reports the problems as props problems (recorded for synth, or thrown at once in
 * fail-fast mode). Returns whether the props are well-typed: `if (!checkProps(this, 'FooProps', props)) return;`.
 * `undefined` props are checked as `{}` (constructs whose props are all optional default them).
 */
export function checkProps(scope: IConstruct, struct: string, props: unknown): boolean {
  return reportPropsProblems(scope, propTypeProblems(struct, props === undefined ? {} : props));
}

/** Checks that a construct id given at run time is a non-empty string (jsii and JavaScript users pass anything). */
export function constructIdProblems(id: unknown, what: string): { field: string; expected: string; got: string; fix: string; rule: string }[] {
  if (typeof id === 'string' && id.length > 0) return [];
  return [{
    field: what,
    expected: 'must be a non-empty string',
    got: formatValue(id),
    fix: `pass the ${what} as a string, e.g. 'platform'`,
    rule: PROP_TYPE_RULE,
  }];
}
