import { IConstruct } from 'constructs';
import { childrenOf, metadataOf } from './construct-node';
import { OpsError } from './ops-error';
import { describeProblem, Problem, problem } from './problem';

/** The construct metadata type under which opskit records warnings. */
const WARNING_METADATA = 'opskit:warning';
/** The construct metadata type under which `Warnings.acknowledge` records a silenced id. */
const ACKNOWLEDGED_METADATA = 'opskit:acknowledged-warning';

/**
 * `<library>:<domain>/<rule>`: lowercase words joined by `-`, so an id can be typed into `acknowledge` from the
 * printed warning (opskit's own are `opskit:dns/memory`, `opskit:observability/selector-matches-nothing`, …).
 */
const WARNING_ID = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

/** A warning found at a construct. */
export interface LocatedWarning {
  /** The construct path. */
  readonly path: string;
  /** The stable id of the warning (`opskit:<domain>/<rule>`), to acknowledge it with. */
  readonly id: string;
  /** What was noticed and what opskit did about it. */
  readonly message: string;
}

interface RecordedWarning {
  readonly id: string;
  readonly message: string;
}

/**
 * Warnings, one mechanism for every domain (as aws-cdk's `Annotations.addWarningV2`): where opskit can safely do
 * the right thing it does it and records a warning with a stable id instead of failing. `OpsApp.synth()` prints
 * each warning once with its id and construct path and returns them in its summary.
 *
 * @example
 * Warnings.add(this, 'opskit:dns/memory', 'memory limit should be at least 264Mi');
 * Warnings.acknowledge(chart, 'opskit:dns/memory'); // silences it for the chart and everything in it
 */
export class Warnings {
  /**
   * Records a warning on a construct (once: a check that runs at every synth does not repeat it).
   *
   * @param id a stable id, `<library>:<domain>/<rule>` (e.g. `opskit:dns/memory`)
   * @param message what was noticed and how to address it
   */
  public static add(scope: IConstruct, id: string, message: string): void {
    checkId(scope, 'id', id);
    if (typeof message !== 'string' || message === '') {
      throw OpsError.at(scope, [problem('message', 'must be a non-empty string', message, 'say what was noticed and how to address it')]);
    }
    const recorded = scope.node.metadata.some((m) => m.type === WARNING_METADATA && m.data?.id === id && m.data?.message === message);
    if (recorded) return;
    scope.node.addMetadata(WARNING_METADATA, { id, message } satisfies RecordedWarning);
  }

  /**
   * Silences the warning `id` on a construct and every construct under it (a decision recorded in the program,
   * as aws-cdk's `acknowledgeWarning`). Acknowledging before or after the warning is added both work.
   *
   * @param id the id printed with the warning, e.g. `opskit:dns/memory`
   */
  public static acknowledge(scope: IConstruct, id: string): void {
    checkId(scope, 'id', id);
    if (!acknowledgedAt(scope).includes(id)) scope.node.addMetadata(ACKNOWLEDGED_METADATA, id);
  }

  /** Every warning recorded under a construct and not acknowledged, in tree order. */
  public static collect(root: IConstruct): LocatedWarning[] {
    // one walk, each construct's acknowledgements passed down to its children (not gathered from its scopes)
    const found: LocatedWarning[] = [];
    const visit = (c: IConstruct, inherited: ReadonlySet<string>): void => {
      const metadata = metadataOf(c);
      let acknowledged = inherited;
      if (metadata.length > 0) {
        const own = acknowledgedAt(c);
        if (own.length > 0) acknowledged = new Set([...inherited, ...own]);
        for (const m of metadata) {
          if (m.type !== WARNING_METADATA || acknowledged.has(m.data.id)) continue;
          found.push({ path: c.node.path || '<root>', id: String(m.data.id), message: String(m.data.message) });
        }
      }
      for (const child of childrenOf(c)) visit(child, acknowledged);
    };
    visit(root, new Set(root.node.scopes.slice(0, -1).flatMap(acknowledgedAt)));
    return found;
  }

  private constructor() {}
}

/**
 * Records a model lint as a warning: the problem's rule is left out of the message, as the id says it.
 */
export function warnProblem(scope: IConstruct, id: string, lint: Problem): void {
  Warnings.add(scope, id, describeProblem({ ...lint, rule: undefined }));
}

/** One line for a warning, as synth prints it. */
export function describeWarning(w: LocatedWarning): string {
  return `warning: ${w.message} [${w.id}]\n    at path [${w.path}]`;
}

function acknowledgedAt(scope: IConstruct): string[] {
  return metadataOf(scope).filter((m) => m.type === ACKNOWLEDGED_METADATA).map((m) => String(m.data));
}

function checkId(scope: IConstruct, field: string, id: unknown): void {
  if (typeof id !== 'string' || !WARNING_ID.test(id)) {
    throw OpsError.at(scope, [problem(field, 'must be a warning id <library>:<domain>/<rule> in lowercase words joined by -', id,
      'use the id printed with the warning, e.g. "opskit:dns/memory"')]);
  }
}
