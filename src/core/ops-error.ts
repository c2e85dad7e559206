import { inspect } from 'util';
import { IConstruct } from 'constructs';
import { describeProblem, Problem } from './problem';

/** A problem found at a construct, for reports that span many constructs. */
export interface LocatedProblem extends Problem {
  /** The construct path the problem belongs to. */
  readonly path: string;
}

/**
 * The one error type of opskit.
 *
 * Its message names what was wrong, the value received, what was expected and how to fix it, and the
 * construct path where it happened:
 *
 * ```
 * objective must be > 0 and < 100, got 100 — use e.g. 99.9 for "three nines"
 *     at path [platform/checkout/availability-slo]
 * ```
 *
 * A synth that finds several problems throws one `OpsError` listing all of them (`problems`).
 *
 * jsii cannot model subclasses of `Error`, so the package exports `OpsErrors` to recognise and inspect it;
 * the error's `name` is `OpsError`.
 */
export class OpsError extends Error {
  /** Throws an `OpsError` for the problems found at a construct, if there are any. */
  public static throwIfAny(scope: IConstruct, problems: Problem[]): void {
    if (problems.length > 0) {
      throw OpsError.at(scope, problems);
    }
  }

  /** An error for one or more problems found at a construct. */
  public static at(scope: IConstruct, problems: Problem[]): OpsError {
    const path = scope.node.path || '<root>';
    return new OpsError(problems.map((p) => ({ ...p, path })));
  }

  /** An error for a single problem at a construct. */
  public static of(scope: IConstruct, field: string, expected: string, got: string, fix: string): OpsError {
    return OpsError.at(scope, [{ field, expected, got, fix }]);
  }

  /** Whether the full stack trace is wanted (`OPSKIT_DEBUG=1`). */
  public static debug(): boolean {
    return process.env.OPSKIT_DEBUG === '1';
  }

  private static render(problems: LocatedProblem[]): string {
    const lines = problems.map((p) => `${describeProblem(p)}\n    at path [${p.path}]`);
    if (lines.length === 1) return lines[0];
    return `${problems.length} problems:\n${lines.map((l, i) => `${i + 1}) ${l}`).join('\n')}`;
  }

  /** Every problem this error reports, each with its construct path. */
  public readonly problems!: LocatedProblem[];

  public constructor(problems: LocatedProblem[]) {
    super(OpsError.render(problems));
    this.name = 'OpsError';
    // not enumerable: printing the error shows its message once, not the problems a second time
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false, writable: false });
    Object.setPrototypeOf(this, OpsError.prototype);
  }

  /**
   * How `console.error`, `util.inspect` and test runners print the error: its message alone, without a stack
   * trace (the trace only says where opskit noticed the problem, not where it was made — the construct path
   * does). With `OPSKIT_DEBUG=1`, the full stack trace.
   */
  public [inspect.custom](): string {
    return OpsError.debug() ? String(this.stack) : `${this.name}: ${this.message}`;
  }


}

/** Inspects errors thrown by opskit, in every jsii language. */
export class OpsErrors {
  /** Whether a value is an `OpsError`. */
  public static isOpsError(x: any): boolean {
    return x instanceof OpsError;
  }

  /** The problems an `OpsError` reports (empty for any other value). */
  public static problemsOf(x: any): LocatedProblem[] {
    return x instanceof OpsError ? x.problems : [];
  }

  private constructor() {}
}
