import { IConstruct } from 'constructs';

/** The construct metadata type under which opskit records warnings. */
const WARNING_METADATA = 'opskit:warning';

/** A warning found at a construct. */
export interface LocatedWarning {
  /** The construct path. */
  readonly path: string;
  /** What was noticed and what opskit did about it, with how to silence it. */
  readonly message: string;
}

/**
 * Warnings: where opskit can safely do the right thing it does it and records a warning instead of failing.
 * `OpsApp.synth()` prints every warning with its construct path and returns them in its summary.
 */
export class Warnings {
  /** Records a warning on a construct (once: a check that runs at every synth does not repeat it). */
  public static add(scope: IConstruct, message: string): void {
    if (scope.node.metadata.some((m) => m.type === WARNING_METADATA && m.data === message)) return;
    scope.node.addMetadata(WARNING_METADATA, message);
  }

  /** Every warning recorded under a construct, in tree order. */
  public static collect(root: IConstruct): LocatedWarning[] {
    return root.node.findAll().flatMap((c) => c.node.metadata
      .filter((m) => m.type === WARNING_METADATA)
      .map((m) => ({ path: c.node.path || '<root>', message: String(m.data) })));
  }

  private constructor() {}
}
