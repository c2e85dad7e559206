import { problem, Problem } from './problem';

/**
 * An integer or a percentage, as Kubernetes `IntOrString` fields such as `maxUnavailable` and `maxSurge` take it.
 *
 * @example
 * IntOrPercent.of(1)        // 1 pod
 * IntOrPercent.percent(10)  // "10%"
 */
export class IntOrPercent {
  /** A whole number (e.g. of pods), at least 0. */
  public static of(value: number): IntOrPercent {
    return new IntOrPercent(value, false);
  }

  /** A percentage from 0 to 100, rendered `"<n>%"`. */
  public static percent(value: number): IntOrPercent {
    return new IntOrPercent(value, true);
  }

  /**
   * The value as Kubernetes writes it: `1` or `"10%"`. A string must be digits followed by `%`
   * (`IsValidPercent`); anything else fails at construction of the construct that uses it.
   */
  public static parse(value: string): IntOrPercent {
    const m = /^([0-9]+)%$/.exec(String(value));
    return m ? new IntOrPercent(Number(m[1]), true) : new IntOrPercent(Number(value), false);
  }

  /** The number: of units, or of percent. */
  public readonly value: number;
  /** Whether `value` is a percentage. */
  public readonly isPercent: boolean;

  private constructor(value: number, isPercent: boolean) {
    this.value = value;
    this.isPercent = isPercent;
  }

  /** The value Kubernetes reads: a number, or a `"<n>%"` string. */
  public toJson(): any {
    return this.isPercent ? `${this.value}%` : this.value;
  }

  /** The text form: `1` or `10%`. */
  public toString(): string {
    return String(this.toJson());
  }

  /** @internal The problems of the value: a whole number, at least 0, a percentage at most 100. */
  public _problems(field: string): Problem[] {
    const ok = Number.isInteger(this.value) && this.value >= 0 && (!this.isPercent || this.value <= 100);
    return ok ? [] : [problem(field, this.isPercent ? 'must be a whole percentage from 0 to 100' : 'must be a whole number, at least 0', this.toJson(),
      'use e.g. IntOrPercent.of(1) or IntOrPercent.percent(10)')];
  }
}
