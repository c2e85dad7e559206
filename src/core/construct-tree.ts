import { IConstruct } from 'constructs';

/**
 * One pre-order walk of a construct tree (the order of `node.findAll()`), kept so that the steps of a synth share
 * it instead of walking the tree each: the subtree of any construct in it is a slice of the same list. It is a
 * snapshot: a construct added after the walk is not in it.
 */
export class ConstructTree {
  /** Walks the tree under `root` (itself first). */
  public static of(root: IConstruct): ConstructTree {
    const all: IConstruct[] = [];
    const ends = new Map<IConstruct, number>();
    const visit = (c: IConstruct): void => {
      all.push(c);
      const children = c.node.children;
      if (children.length === 0) return;
      for (const child of children) visit(child);
      ends.set(c, all.length);
    };
    visit(root);
    return new ConstructTree(all, ends);
  }

  private readonly starts = new Map<IConstruct, number>();

  private constructor(
    /** Every construct of the tree, in pre-order. */
    public readonly all: readonly IConstruct[],
    private readonly ends: ReadonlyMap<IConstruct, number>,
  ) {}

  /**
   * `scope` and every construct under it, in pre-order (`scope.node.findAll()`); walked again when `scope` is not
   * in this tree.
   */
  public subtree(scope: IConstruct): IConstruct[] {
    if (scope === this.all[0]) return this.all.slice();
    const start = this.startOf(scope);
    if (start === undefined) return scope.node.findAll();
    return this.all.slice(start, this.ends.get(scope) ?? start + 1);
  }

  private startOf(scope: IConstruct): number | undefined {
    if (this.starts.size === 0) this.all.forEach((c, i) => this.starts.set(c, i));
    return this.starts.get(scope);
  }
}
