/**
 * Compiles one `x-kubernetes-validations` rule as the API server does (apiextensions-apiserver v0.37
 * `schema/cel.Compile`): parse, type-check against the declared type of `self` (and `oldSelf`, optional with
 * `optionalOldSelf`), require a bool (and a string messageExpression), and estimate the worst-case cost.
 *
 * Pure: no I/O. Never throws.
 */
import { parseCel } from './cel';
import { checkCelAst } from './cel-check';
import { estimateCelCost } from './cel-cost';
import { CelType, DeclType, T } from './cel-types';

/** What compiling a rule gave. */
export interface CompiledRule {
  /** Why the rule does not compile (the API server's detail text), if it does not. */
  readonly error?: string;
  /** Why the messageExpression does not compile, if it does not. */
  readonly messageExpressionError?: string;
  /** The rule references `oldSelf`. */
  readonly usesOldSelf: boolean;
  /** Estimated worst-case cost of one evaluation of the rule (0 when it does not compile). */
  readonly cost: number;
  /** Estimated worst-case cost of the messageExpression. */
  readonly messageExpressionCost: number;
  /** Set when the rule uses syntax opskit does not model: no verdict is given on it. */
  readonly unsupported?: string;
}

interface Compiled {
  readonly error?: string;
  readonly type?: CelType;
  readonly usesOldSelf: boolean;
  readonly cost: number;
  readonly unsupported?: string;
}

function compile(expr: string, self: DeclType, optionalOldSelf: boolean): Compiled {
  const parsed = parseCel(expr);
  if (parsed.unsupported) return { usesOldSelf: false, cost: 0, unsupported: parsed.unsupported };
  if (!parsed.ast) return { error: `compilation failed: ERROR: ${parsed.error}`, usesOldSelf: false, cost: 0 };
  const vars = new Map<string, CelType>([['self', self.type], ['oldSelf', optionalOldSelf ? T.optional(self.type) : self.type]]);
  const checked = checkCelAst(parsed.ast, vars);
  if (checked.unsupported) return { usesOldSelf: checked.usesOldSelf, cost: 0, unsupported: checked.unsupported };
  if (checked.errors.length > 0) {
    return { error: `compilation failed: ${checked.errors.map((e) => `ERROR: ${e}`).join('\n')}`, usesOldSelf: false, cost: 0 };
  }
  return { type: checked.type, usesOldSelf: checked.usesOldSelf, cost: estimateCelCost(parsed.ast, checked, self) };
}

/** Compiles a rule and its messageExpression against the declared type of the schema node that carries it. */
export function compileRule(rule: { rule?: unknown; messageExpression?: unknown; optionalOldSelf?: unknown }, self: DeclType): CompiledRule {
  const text = typeof rule.rule === 'string' ? rule.rule : '';
  if (text.trim() === '') return { usesOldSelf: false, cost: 0, messageExpressionCost: 0 };
  const optionalOldSelf = rule.optionalOldSelf === true;
  const r = compile(text, self, optionalOldSelf);
  if (r.unsupported) return { usesOldSelf: r.usesOldSelf, cost: 0, messageExpressionCost: 0, unsupported: r.unsupported };
  if (r.error) return { error: r.error, usesOldSelf: false, cost: 0, messageExpressionCost: 0 };
  if (r.type?.kind !== 'bool') return { error: 'cel expression must evaluate to a bool', usesOldSelf: false, cost: 0, messageExpressionCost: 0 };
  const base = { usesOldSelf: r.usesOldSelf, cost: r.cost };
  if (typeof rule.messageExpression !== 'string' || rule.messageExpression === '') return { ...base, messageExpressionCost: 0 };
  const m = compile(rule.messageExpression, self, optionalOldSelf);
  if (m.unsupported) return { ...base, messageExpressionCost: 0, unsupported: m.unsupported };
  if (m.error) return { ...base, messageExpressionCost: 0, messageExpressionError: `messageExpression ${m.error}` };
  if (m.type?.kind !== 'string') return { ...base, messageExpressionCost: 0, messageExpressionError: 'messageExpression must evaluate to a string' };
  return { ...base, messageExpressionCost: m.cost };
}
