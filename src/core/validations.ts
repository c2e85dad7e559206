import { IConstruct, IValidation } from 'constructs';
import { describeProblem, Problem } from './problem';

/** Produces the problems of a construct at synth (tier 2: cross-object rules). */
export interface IProblemSource {
  /** Returns what is wrong now; an empty list when all is well. */
  problems(): Problem[];
}

/** The synth under way in each app (by its root construct); absent outside a synth. */
const SYNTHS = new WeakMap<IConstruct, object>();

class ProblemValidation implements IValidation {
  public lastProblems: Problem[] = [];
  private lastSynth: object | undefined;
  public constructor(private readonly scope: IConstruct, private readonly source: IProblemSource) {}
  public validate(): string[] {
    const synth = SYNTHS.get(this.scope.node.root);
    if (synth === undefined || this.lastSynth !== synth) {
      this.lastProblems = this.source.problems();
      this.lastSynth = synth;
    }
    return this.lastProblems.map(describeProblem);
  }
}

const SOURCES = new WeakMap<IConstruct, ProblemValidation[]>();

/**
 * Synth-time validations that keep their structure (field, expected value, fix), so `OpsApp` reports them
 * with the construct path exactly like construction-time errors. They are also ordinary construct
 * validations, so a plain `cdk8s.App` or `cdktn.App` fails on them too.
 */
export class Validations {
  /** Adds a validation to a construct. */
  public static add(scope: IConstruct, source: IProblemSource): void {
    const validation = new ProblemValidation(scope, source);
    scope.node.addValidation(validation);
    const list = SOURCES.get(scope) ?? [];
    list.push(validation);
    SOURCES.set(scope, list);
  }

  /**
   * Runs every validation of a construct and returns its problems: structured ones as they are, plain
   * string validations of other libraries as problems whose `expected` carries the message.
   */
  public static run(scope: IConstruct): Problem[] {
    const messages = scope.node.validate();
    if (messages.length === 0) return [];
    const structured = (SOURCES.get(scope) ?? []).flatMap((v) => v.lastProblems);
    const rendered = new Map<string, number>();
    for (const p of structured) {
      const line = describeProblem(p);
      rendered.set(line, (rendered.get(line) ?? 0) + 1);
    }
    const plain: Problem[] = [];
    for (const message of messages) {
      const count = rendered.get(message) ?? 0;
      if (count > 0) {
        rendered.set(message, count - 1);
      } else {
        plain.push({ field: '', expected: message, fix: '' });
      }
    }
    return [...structured, ...plain];
  }

  private constructor() {}
}

/**
 * Runs `fn` as one synth of the apps rooted at `roots`: each structured validation computes its problems once,
 * however many passes ask (opskit's own pass and cdk8s's app validation); outside it, every call computes them
 * again. A free function, not a member of `Validations`: jsii cannot type it, and it is internal to synth.
 */
export function oncePerSynth<T>(roots: readonly IConstruct[], fn: () => T): T {
  const fresh = roots.filter((r) => !SYNTHS.has(r));
  for (const root of fresh) SYNTHS.set(root, {});
  try {
    return fn();
  } finally {
    for (const root of fresh) SYNTHS.delete(root);
  }
}

/**
 * A value computed once per synth of an app (for a key in it: the root, a chart) and every time outside a synth:
 * the index that app-wide checks share instead of walking the tree once per construct. Internal.
 */
export class SynthMemo<K extends IConstruct, V> {
  private readonly values = new WeakMap<object, WeakMap<K, V>>();

  public constructor(private readonly compute: (key: K) => V) {}

  /** The value for `key` in the synth under way (computed on first use), or a fresh one outside a synth. */
  public get(key: K): V {
    const synth = SYNTHS.get(key.node.root);
    if (synth === undefined) return this.compute(key);
    let values = this.values.get(synth);
    if (!values) {
      values = new WeakMap();
      this.values.set(synth, values);
    }
    if (!values.has(key)) values.set(key, this.compute(key));
    return values.get(key)!;
  }
}
