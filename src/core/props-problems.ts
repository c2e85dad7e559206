import { IConstruct } from 'constructs';
import { OpsError } from './ops-error';
import { Problem } from './problem';
import { Validations } from './validations';

/** The environment variable that makes constructs throw at their first problem (`1`), e.g. in unit tests. */
export const FAIL_FAST_ENV = 'OPSKIT_FAIL_FAST';

/** Fail-fast settings of construct trees, by tree root (set by `OpsApp`). */
const FAIL_FAST = new WeakMap<IConstruct, boolean>();
/** The props problems recorded at each construct. */
const RECORDED = new WeakMap<IConstruct, Problem[]>();
/** Roots of trees in which some construct recorded props problems. */
const FAILED_ROOTS = new WeakSet<IConstruct>();

/**
 * How constructs report the problems they find in their props.
 *
 * By default a construct with invalid props records its problems and stops building its objects; the
 * problems are reported at synth together with every other problem of the app, in one `OpsError` (an
 * `OpsApp`) or one validation error (a plain cdk8s or cdktn app). In fail-fast mode the constructor throws
 * an `OpsError` at once instead — `OpsAppProps.failFast`, or `OPSKIT_FAIL_FAST=1` for every tree.
 */
export class PropsProblems {
  /** Sets the mode of every construct under a tree root (an explicit setting wins over the environment). */
  public static setFailFast(root: IConstruct, failFast: boolean): void {
    FAIL_FAST.set(root, failFast);
  }

  /** Whether constructs under this scope throw at their first problem. */
  public static isFailFast(scope: IConstruct): boolean {
    return FAIL_FAST.get(scope.node.root) ?? process.env[FAIL_FAST_ENV] === '1';
  }

  /**
   * Reports the problems found in a construct's props (or in the arguments of one of its methods) and says
   * whether the construct may go on building: `true` when there are none. Otherwise, the problems are
   * recorded for synth and `false` tells the caller to stop (`if (!reportPropsProblems(this, problems)) return;`),
   * or, in fail-fast mode, an `OpsError` is thrown.
   */
  public static report(scope: IConstruct, problems: readonly Problem[]): boolean {
    if (problems.length === 0) return true;
    if (PropsProblems.isFailFast(scope)) throw OpsError.at(scope, [...problems]);
    let recorded = RECORDED.get(scope);
    if (!recorded) {
      recorded = [];
      RECORDED.set(scope, recorded);
      const list = recorded;
      Validations.add(scope, { problems: () => [...list] });
    }
    recorded.push(...problems);
    FAILED_ROOTS.add(scope.node.root);
    return false;
  }

  /** The props problems recorded at a construct (empty when it was built). */
  public static of(scope: IConstruct): Problem[] {
    return [...(RECORDED.get(scope) ?? [])];
  }

  /** Whether a construct of the tree recorded props problems (and so stopped building its objects). */
  public static anyIn(root: IConstruct): boolean {
    return FAILED_ROOTS.has(root.node.root);
  }

  private constructor() {}
}

/** Shorthand for `PropsProblems.report`: `if (!reportPropsProblems(this, problems)) return;`. */
export function reportPropsProblems(scope: IConstruct, problems: readonly Problem[]): boolean {
  return PropsProblems.report(scope, problems);
}

/** `reportPropsProblems` for a single problem whose value is already formatted (as `OpsError.of` takes it). */
export function reportPropsProblem(scope: IConstruct, field: string, expected: string, got: string, fix: string): boolean {
  return PropsProblems.report(scope, [{ field, expected, got, fix }]);
}
