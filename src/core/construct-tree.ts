import { IConstruct } from 'constructs';
import { childrenOf } from './construct-node';

/**
 * One pre-order walk of a construct tree (the order of `node.findAll()`), kept so that the steps of a synth share
 * it instead of walking the tree each: the subtree of any construct in it is a slice of the same list. It is a
 * snapshot: a construct added after the walk is not in it.
 */
export class ConstructTree {
  /** Walks the tree under `root` (itself first). */
  public static of(root: IConstruct): ConstructTree {
    const all: IConstruct[] = [];
    // where each construct with children starts and where its subtree ends (a leaf's subtree is itself)
    const spans = new Map<IConstruct, { start: number; end: number }>();
    const visit = (c: IConstruct): void => {
      const start = all.length;
      all.push(c);
      const children = childrenOf(c);
      if (children.length === 0) return;
      for (const child of children) visit(child);
      spans.set(c, { start, end: all.length });
    };
    visit(root);
    return new ConstructTree(all, spans);
  }

  private constructor(
    /** Every construct of the tree, in pre-order. */
    public readonly all: readonly IConstruct[],
    private readonly spans: ReadonlyMap<IConstruct, { start: number; end: number }>,
  ) {}

  /**
   * `scope` and every construct under it, in pre-order (`scope.node.findAll()`); walked again when `scope` had no
   * children in this tree (a leaf, or a construct not in it).
   */
  public subtree(scope: IConstruct): IConstruct[] {
    const span = this.spans.get(scope);
    return span ? this.all.slice(span.start, span.end) : scope.node.findAll();
  }
}
