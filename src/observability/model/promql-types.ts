import { argumentType, arityError, PROMQL_FUNCTIONS, PROMQL_TYPE_NAMES, PromqlType } from './promql-functions';
import type { PromqlNode, PromqlStrictError } from './promql-strict';

/**
 * The checks Prometheus's parser makes on a parsed expression (its `checkAST`), with its wording: value types of
 * function arguments, aggregations, binary and unary operators, subqueries and ranges; argument counts; where
 * `@` and `offset` may stand; `bool`, set operators and vector matching. Pure: works on the lezer tree.
 */

/** Aggregations that take a parameter before the vector, and its type. */
const AGGREGATION_PARAMETERS: Readonly<Record<string, PromqlType>> = { topk: 'scalar', bottomk: 'scalar', quantile: 'scalar', count_values: 'string' };
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);
/** What an `@` or `offset` modifier may follow. */
const MODIFIABLE = new Set(['VectorSelector', 'MatrixSelector', 'SubqueryExpr', 'StepInvariantExpr', 'OffsetExpr']);
const OPERATOR_NODES = new Set(['Pow', 'Mul', 'Div', 'Mod', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'Lte', 'Lss', 'Neq', 'And', 'Or', 'Unless', 'Atan2']);

function children(node: PromqlNode): PromqlNode[] {
  const out: PromqlNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const textOf = (expr: string, node: PromqlNode): string => expr.slice(node.from, node.to);

/** The value type of an expression node, as Prometheus's `Type()` gives it. */
export function promqlTypeOf(node: PromqlNode, expr: string): PromqlType {
  switch (node.name) {
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'NumberDurationLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'ParenExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'PromQL':
      return node.firstChild ? promqlTypeOf(node.firstChild, expr) : 'vector';
    case 'UnaryExpr':
      return node.lastChild ? promqlTypeOf(node.lastChild, expr) : 'vector';
    case 'FunctionCall': {
      const id = node.getChild('FunctionIdentifier');
      const f = id ? PROMQL_FUNCTIONS[textOf(expr, id)] : undefined;
      return f?.returns ?? 'vector';
    }
    case 'BinaryExpr': {
      const l = node.firstChild;
      const r = node.lastChild;
      return l && r && promqlTypeOf(l, expr) === 'scalar' && promqlTypeOf(r, expr) === 'scalar' ? 'scalar' : 'vector';
    }
    default:
      return 'vector';
  }
}

/** The first error Prometheus's `checkAST` reports for a parsed expression, or `undefined`. */
export function findPromqlAstError(expr: string, root: PromqlNode): PromqlStrictError | undefined {
  let found: PromqlStrictError | undefined;
  const visit = (node: PromqlNode): void => {
    if (found) return;
    found = checkNode(expr, node);
    for (const c of children(node)) visit(c);
  };
  visit(root);
  return found;
}

function expectType(expr: string, node: PromqlNode, want: PromqlType, context: string): PromqlStrictError | undefined {
  const got = promqlTypeOf(node, expr);
  return got === want ? undefined
    : { offset: node.from, message: `expected type ${PROMQL_TYPE_NAMES[want]} in ${context}, got ${PROMQL_TYPE_NAMES[got]}` };
}

function checkNode(expr: string, node: PromqlNode): PromqlStrictError | undefined {
  const at = (message: string): PromqlStrictError => ({ offset: node.from, message });
  switch (node.name) {
    case 'FunctionCall': {
      const id = node.getChild('FunctionIdentifier');
      const name = id ? textOf(expr, id) : '';
      const f = Object.prototype.hasOwnProperty.call(PROMQL_FUNCTIONS, name) ? PROMQL_FUNCTIONS[name] : undefined;
      if (!f) return undefined; // reported by the strict checks
      const args = children(node.getChild('FunctionCallBody') ?? node).filter((c) => c.name !== 'FunctionIdentifier');
      const arity = arityError(name, f, args.length);
      if (arity) return at(arity);
      for (const [i, arg] of args.entries()) {
        const e = expectType(expr, arg, argumentType(f, i), `call to function "${name}"`);
        if (e) return e;
      }
      return undefined;
    }
    case 'AggregateExpr': {
      const op = node.getChild('AggregateOp');
      const name = op ? textOf(expr, op).toLowerCase() : '';
      const args = children(node.getChild('FunctionCallBody') ?? node);
      const param = AGGREGATION_PARAMETERS[name];
      const wanted = param ? 2 : 1;
      if (args.length !== wanted) return at(`wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`);
      return expectType(expr, args[args.length - 1], 'vector', 'aggregation expression')
        ?? (param ? expectType(expr, args[0], param, 'aggregation parameter') : undefined);
    }
    case 'StepInvariantExpr':
    case 'OffsetExpr': {
      // Prometheus's parser: `@` and `offset` only follow a selector, a subquery or another modifier of one
      const target = node.firstChild;
      if (target && !MODIFIABLE.has(target.name)) {
        return at(`${node.name === 'OffsetExpr' ? 'offset' : '@'} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
      }
      // each modifier at most once on one selector or subquery
      for (let inner = target; inner && (inner.name === 'OffsetExpr' || inner.name === 'StepInvariantExpr'); inner = inner.firstChild) {
        if (inner.name === node.name) return at(node.name === 'OffsetExpr' ? 'offset may not be set multiple times' : '@ <timestamp> may not be set multiple times');
      }
      return undefined;
    }
    case 'MatrixSelector':
      return node.firstChild?.name === 'VectorSelector' ? undefined : at('ranges only allowed for vector selectors');
    case 'SubqueryExpr': {
      const inner = node.firstChild;
      const got = inner ? promqlTypeOf(inner, expr) : 'vector';
      return got === 'vector' ? undefined : at(`subquery is only allowed on instant vector, got ${PROMQL_TYPE_NAMES[got]} instead`);
    }
    case 'UnaryExpr': {
      const inner = node.lastChild;
      const got = inner ? promqlTypeOf(inner, expr) : 'vector';
      return got === 'scalar' || got === 'vector' ? undefined
        : at(`unary expression only allowed on expressions of type scalar or instant vector, got ${PROMQL_TYPE_NAMES[got]}`);
    }
    case 'BinaryExpr':
      return checkBinary(expr, node);
    default:
      return undefined;
  }
}

function checkBinary(expr: string, node: PromqlNode): PromqlStrictError | undefined {
  const at = (message: string): PromqlStrictError => ({ offset: node.from, message });
  const parts = children(node);
  const l = parts[0];
  const r = parts[parts.length - 1];
  const opNode = parts.find((c) => OPERATOR_NODES.has(c.name));
  if (!l || !r || !opNode) return undefined;
  const op = textOf(expr, opNode).toLowerCase();
  const lt = promqlTypeOf(l, expr);
  const rt = promqlTypeOf(r, expr);
  const modifiers = parts.filter((c) => c !== l && c !== r && c !== opNode);
  const bool = modifiers.some((m) => m.name === 'BoolModifier' || m.getChild('Bool') !== null || /^bool\b/i.test(textOf(expr, m)));
  const matching = modifiers.find((m) => m.name === 'MatchingModifierClause');
  const matchingText = matching ? textOf(expr, matching) : '';
  const grouping = /\bgroup_(left|right)\b/i.test(matchingText);
  const matchingLabels = matching ? labelsIn(expr, matching.getChild('GroupingLabels')) : [];
  const groupLabels = matching ? labelsAfterGroup(expr, matching) : [];
  if (bool && !COMPARISONS.has(op)) return at('bool modifier can only be used on comparison operators');
  if (COMPARISONS.has(op) && !bool && lt === 'scalar' && rt === 'scalar') return at('comparisons between scalars must use BOOL modifier');
  if (/^on\b/i.test(matchingText)) {
    const both = matchingLabels.find((x) => groupLabels.includes(x));
    if (both !== undefined) return at(`label "${both}" must not occur in ON and GROUP clause at once`);
  }
  if (lt !== 'scalar' && lt !== 'vector') return { offset: l.from, message: 'binary expression must contain only scalar and instant vector types' };
  if (rt !== 'scalar' && rt !== 'vector') return { offset: r.from, message: 'binary expression must contain only scalar and instant vector types' };
  if (lt !== 'vector' || rt !== 'vector') {
    if (matchingLabels.length > 0) return at('vector matching only allowed between instant vectors');
  } else if (SET_OPERATORS.has(op) && grouping) {
    return at(`no grouping allowed for "${op}" operation`);
  }
  if ((lt === 'scalar' || rt === 'scalar') && SET_OPERATORS.has(op)) return at(`set operator "${op}" not allowed in binary scalar expression`);
  return undefined;
}

function labelsIn(expr: string, list: PromqlNode | null): string[] {
  return list ? children(list).filter((c) => c.name === 'LabelName').map((c) => textOf(expr, c)) : [];
}

/** The labels of `group_left(…)`/`group_right(…)` in a matching clause. */
function labelsAfterGroup(expr: string, matching: PromqlNode): string[] {
  const lists = children(matching).flatMap((c) => (c.name === 'GroupingLabels' ? [c] : children(c).filter((g) => g.name === 'GroupingLabels')));
  return lists.length > 1 ? labelsIn(expr, lists[lists.length - 1]) : [];
}
