import type { PromqlNode } from './promql-strict';

/**
 * The lezer tree of an expression, shaped as Prometheus's parser shapes it, for the checks that depend on the
 * shape (`promql-strict.ts`, `promql-types.ts`). The editor grammar lets a range, a subquery, `offset` and `@`
 * apply to a whole binary or unary expression (`a + b[5m]` as `(a + b)[5m]`); Prometheus binds them tighter
 * than any operator (`a + (b[5m])`), so they are moved onto the right-most operand here. Comments are dropped.
 */

/** A node of the reshaped tree. */
export class PromqlTreeNode implements PromqlNode {
  public parent: PromqlTreeNode | undefined;

  constructor(public readonly name: string, public from: number, public to: number, public children: PromqlTreeNode[]) {
    for (const c of children) c.parent = this;
  }

  public get firstChild(): PromqlTreeNode | null {
    return this.children[0] ?? null;
  }

  public get lastChild(): PromqlTreeNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  public get nextSibling(): PromqlTreeNode | null {
    const siblings = this.parent?.children ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  public getChild(name: string): PromqlTreeNode | null {
    return this.children.find((c) => c.name === name) ?? null;
  }

  public setChildren(children: PromqlTreeNode[]): void {
    this.children = children;
    for (const c of children) c.parent = this;
  }
}

/** What binds tighter than operators in Prometheus's grammar. */
const POSTFIX = new Set(['MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr']);
const OPERATOR_EXPRESSIONS = new Set(['BinaryExpr', 'UnaryExpr']);

/** The reshaped tree of a lezer tree. */
export function prometheusShaped(root: PromqlNode): PromqlTreeNode {
  return shape(root);
}

function shape(node: PromqlNode): PromqlTreeNode {
  const kids: PromqlTreeNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') kids.push(shape(c));
  return rotate(new PromqlTreeNode(node.name, node.from, node.to, kids));
}

/** `postfix(a op b)` → `a op postfix(b)`, until the postfix applies to an operand. */
function rotate(node: PromqlTreeNode): PromqlTreeNode {
  const inner = node.children[0];
  if (!POSTFIX.has(node.name) || !inner || !OPERATOR_EXPRESSIONS.has(inner.name) || inner.children.length === 0) return node;
  const operand = inner.children[inner.children.length - 1];
  const moved = rotate(new PromqlTreeNode(node.name, operand.from, node.to, [operand, ...node.children.slice(1)]));
  inner.setChildren([...inner.children.slice(0, -1), moved]);
  inner.to = node.to;
  return inner;
}
