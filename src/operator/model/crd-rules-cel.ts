/**
 * CEL validation rule checks (R40–R42): fields of each rule, transition rules on correlatable paths
 * only, and cost. Cost follows the API server's approach (unbounded lists, maps and strings are sized
 * from the 3 MiB request limit) and, as opskit's stricter choice, a rule may only iterate over lists
 * and maps that declare maxItems / maxProperties.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#resource-use-by-validation-functions
 */
import { CelAst, parseCel, referencesIdent } from './cel';
import { CEL_REASONS, JsonSchema, isPlainObject } from './json-schema';
import { resolveDataPath, splitJsonPath, walkSchema } from './schema-walk';
import { Problem, problem } from '../../core/problem';

/** `StaticEstimatedCostLimit` of the API server (per expression). */
export const PER_EXPRESSION_COST_LIMIT = 10_000_000;
/** `StaticEstimatedCRDCostLimit` of the API server (all expressions of a CRD, times how often each runs). */
export const PER_CRD_COST_LIMIT = 100_000_000;
/** The API server's request size limit that sizes unbounded values. */
const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

const BOOLEAN_OPERATORS = new Set(['_&&_', '_||_', '!_', '_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_', '@in', 'matches', 'startsWith', 'endsWith', 'contains', 'has']);
const INT_FUNCTIONS = new Set(['size', 'int', 'uint', '_%_']);
const STRING_TRAVERSAL = new Set(['matches', 'contains', 'startsWith', 'endsWith', '_+_', 'split', 'lowerAscii', 'upperAscii', 'replace', 'trim', 'substring', 'indexOf', 'lastIndexOf', 'find', 'findAll', '_==_', '_!=_']);

/** Minimum serialized size of a value of a schema (bytes), as the API server estimates it. */
function minSize(s: JsonSchema | undefined): number {
  if (!s) return 1;
  if (s.type === 'string') return 3;
  if (s.type === 'object' || s.type === 'array') return 3;
  return 2;
}

/** Maximum number of elements of a list or map schema. */
function maxElements(s: JsonSchema): { max: number; bounded: boolean } {
  if (s.type === 'array') {
    if (typeof s.maxItems === 'number') return { max: s.maxItems, bounded: true };
    return { max: Math.floor(MAX_REQUEST_BYTES / minSize(s.items)), bounded: false };
  }
  if (s.type === 'object' && isPlainObject(s.properties) && !isPlainObject(s.additionalProperties)) {
    return { max: Object.keys(s.properties).length, bounded: true };
  }
  if (typeof s.maxProperties === 'number') return { max: s.maxProperties, bounded: true };
  const values = isPlainObject(s.additionalProperties) ? s.additionalProperties : undefined;
  return { max: Math.floor(MAX_REQUEST_BYTES / (4 + minSize(values))), bounded: false };
}

function maxStringLength(s: JsonSchema | undefined): number {
  if (s && typeof s.maxLength === 'number') return s.maxLength;
  return MAX_REQUEST_BYTES;
}

interface Env { readonly vars: Map<string, JsonSchema | undefined> }

/** The schema an expression evaluates to, when it is a path into `self`. */
function resolve(ast: CelAst, env: Env): JsonSchema | undefined {
  const k = ast?.exprKind;
  if (!k) return undefined;
  if (k.case === 'identExpr') return env.vars.get(k.value.name);
  if (k.case === 'selectExpr' && !k.value.testOnly) {
    const base = resolve(k.value.operand, env);
    if (!base) return undefined;
    if (isPlainObject(base.properties) && isPlainObject(base.properties[k.value.field])) return base.properties[k.value.field];
    if (isPlainObject(base.additionalProperties)) return base.additionalProperties;
    return undefined;
  }
  if (k.case === 'callExpr' && k.value.function === '_[_]') {
    const base = resolve(k.value.args[0], env);
    if (!base) return undefined;
    if (isPlainObject(base.items)) return base.items;
    if (isPlainObject(base.additionalProperties)) return base.additionalProperties;
  }
  return undefined;
}

interface CostResult { cost: number; unbounded: string[] }

/** Rough static cost of an expression, and the collections it iterates without a bound. */
function estimate(ast: CelAst, env: Env, self: string): CostResult {
  const unbounded: string[] = [];
  const est = (node: CelAst, e: Env): number => {
    const k = node?.exprKind;
    if (!k) return 1;
    switch (k.case) {
      case 'comprehensionExpr': {
        const v = k.value;
        const rangeCost = est(v.iterRange, e);
        const size = rangeSize(v.iterRange, e);
        const vars = new Map(e.vars);
        const range = resolve(v.iterRange, e);
        if (range?.type === 'array') {
          if (v.iterVar2) {
            vars.set(v.iterVar, { type: 'integer' });
            vars.set(v.iterVar2, isPlainObject(range.items) ? range.items : undefined);
          } else {
            vars.set(v.iterVar, isPlainObject(range.items) ? range.items : undefined);
          }
        } else if (range?.type === 'object') {
          vars.set(v.iterVar, { type: 'string' });
          if (v.iterVar2) vars.set(v.iterVar2, isPlainObject(range.additionalProperties) ? range.additionalProperties : undefined);
        } else {
          vars.set(v.iterVar, undefined);
          if (v.iterVar2) vars.set(v.iterVar2, undefined);
        }
        const inner = { vars };
        const body = est(v.loopStep, inner) + est(v.loopCondition, inner) + 1;
        return rangeCost + size * body + est(v.result, inner);
      }
      case 'callExpr': {
        const v = k.value;
        let c = 1 + (v.target ? est(v.target, e) : 0);
        for (const a of v.args ?? []) c += est(a, e);
        if (STRING_TRAVERSAL.has(v.function)) {
          const operand = v.target ?? v.args?.[0];
          const s = operand ? resolve(operand, e) : undefined;
          if (s?.type === 'string' || (operand && isStringIdent(operand, e))) c += Math.ceil(0.1 * maxStringLength(s));
        }
        return c;
      }
      case 'selectExpr':
        return 1 + est(k.value.operand, e);
      case 'listExpr':
        return 1 + (k.value.elements ?? []).reduce((a: number, x: CelAst) => a + est(x, e), 0);
      case 'structExpr':
        return 1 + (k.value.entries ?? []).reduce((a: number, x: any) => a + est(x.value, e), 0);
      default:
        return 1;
    }
  };
  const isStringIdent = (node: CelAst, e: Env) => resolve(node, e)?.type === 'string';
  const rangeSize = (range: CelAst, e: Env): number => {
    const k = range?.exprKind;
    if (k?.case === 'listExpr') return (k.value.elements ?? []).length;
    if (k?.case === 'comprehensionExpr') return rangeSize(k.value.iterRange, e);
    if (k?.case === 'callExpr' && k.value.function === 'split') {
      const s = k.value.target ? resolve(k.value.target, e) : undefined;
      if (s?.type === 'string' && typeof s.maxLength === 'number') return s.maxLength + 1;
      if (s?.type === 'string') unbounded.push(`${describe(k.value.target, self)} (a string without maxLength, split)`);
      return Math.floor(MAX_REQUEST_BYTES / 2);
    }
    const s = resolve(range, e);
    if (!s) return 1;
    const { max, bounded } = maxElements(s);
    if (!bounded) unbounded.push(`${describe(range, self)} (${s.type === 'array' ? 'a list without maxItems' : 'a map without maxProperties'})`);
    return max;
  };
  const cost = est(ast, env);
  return { cost, unbounded };
}

/** Source-like rendering of a path expression for messages. */
function describe(ast: CelAst, self: string): string {
  const k = ast?.exprKind;
  if (!k) return '?';
  if (k.case === 'identExpr') return k.value.name === 'self' ? self : k.value.name;
  if (k.case === 'selectExpr') return `${describe(k.value.operand, self)}.${k.value.field}`;
  if (k.case === 'callExpr' && k.value.function === '_[_]') return `${describe(k.value.args[0], self)}[...]`;
  return 'an expression';
}

const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** A property name as written in CEL: Kubernetes escapes names that are not CEL identifiers. */
function unescapeField(name: string): string {
  const m = /^__(.+)__$/.exec(name);
  if (m && CEL_RESERVED.has(m[1])) return m[1];
  return name.replace(/__underscores__|__dot__|__dash__|__slash__/g, (t) => ({
    __underscores__: '__', __dot__: '.', __dash__: '-', __slash__: '/',
  } as { [k: string]: string })[t]);
}

/** Fields a rule selects that the schema does not declare (a compile error in the API server). */
function undefinedFields(ast: CelAst, root: JsonSchema, isRoot: boolean): string[] {
  const out: string[] = [];
  const known = (s: JsonSchema): string[] | undefined => {
    if (s === ROOT_METADATA) return ['name', 'generateName'];
    if (s.type !== 'object' || s['x-kubernetes-preserve-unknown-fields'] === true || s['x-kubernetes-embedded-resource'] === true) return undefined;
    if (s.additionalProperties !== undefined || !isPlainObject(s.properties) || Object.keys(s.properties).length === 0) return undefined;
    const names = Object.keys(s.properties);
    return s === root && isRoot ? [...names, 'apiVersion', 'kind', 'metadata'] : names;
  };
  const visit = (node: CelAst, env: Env): void => {
    const k = node?.exprKind;
    if (!k) return;
    switch (k.case) {
      case 'selectExpr': {
        const base = resolveWithRootMeta(k.value.operand, env, root, isRoot);
        const fields = base ? known(base) : undefined;
        if (fields && !fields.includes(unescapeField(k.value.field))) out.push(k.value.field);
        visit(k.value.operand, env);
        break;
      }
      case 'callExpr':
        if (k.value.target) visit(k.value.target, env);
        for (const a of k.value.args ?? []) visit(a, env);
        break;
      case 'listExpr':
        for (const e of k.value.elements ?? []) visit(e, env);
        break;
      case 'structExpr':
        for (const e of k.value.entries ?? []) visit(e.value, env);
        break;
      case 'comprehensionExpr': {
        const v = k.value;
        visit(v.iterRange, env);
        const range = resolve(v.iterRange, env);
        const vars = new Map(env.vars);
        const items = range?.type === 'array' && isPlainObject(range.items) ? range.items : undefined;
        const values = range?.type === 'object' && isPlainObject(range.additionalProperties) ? range.additionalProperties : undefined;
        if (v.iterVar2) {
          vars.set(v.iterVar, range?.type === 'array' ? { type: 'integer' } : { type: 'string' });
          vars.set(v.iterVar2, items ?? values);
        } else {
          vars.set(v.iterVar, range?.type === 'array' ? items : range?.type === 'object' ? { type: 'string' } : undefined);
        }
        vars.set(v.accuVar, undefined);
        for (const part of [v.accuInit, v.loopCondition, v.loopStep, v.result]) visit(part, { vars });
        break;
      }
      default:
        break;
    }
  };
  visit(ast, { vars: new Map([['self', root], ['oldSelf', root]]) });
  return out;
}

/** Marker schema for the root `metadata` as CEL sees it (only name and generateName). */
const ROOT_METADATA: JsonSchema = { type: 'object' };

function resolveWithRootMeta(ast: CelAst, env: Env, root: JsonSchema, isRoot: boolean): JsonSchema | undefined {
  const k = ast?.exprKind;
  if (isRoot && k?.case === 'selectExpr' && !k.value.testOnly && k.value.field === 'metadata') {
    const base = resolve(k.value.operand, env);
    if (base === root) return ROOT_METADATA;
  }
  return resolve(ast, env);
}

/** Whether a messageExpression obviously does not return a string. */
function nonStringResult(ast: CelAst): string | undefined {
  const k = ast?.exprKind;
  if (k?.case === 'constExpr') {
    const c = k.value.constantKind?.case;
    return c === 'stringValue' ? undefined : c?.replace('Value', '');
  }
  if (k?.case === 'callExpr' && BOOLEAN_OPERATORS.has(k.value.function)) return 'bool';
  if (k?.case === 'callExpr' && INT_FUNCTIONS.has(k.value.function)) return 'int';
  if (k?.case === 'selectExpr' && k.value.testOnly) return 'bool';
  return undefined;
}

/** R40–R42 for one version's schema at `path`; `cardinalityCost` accumulates the CRD total. */
export function checkCelRules(root: JsonSchema, path: string, total: { cost: number }): Problem[] {
  const out: Problem[] = [];
  walkSchema(root, path, (ctx) => {
    const list = ctx.node['x-kubernetes-validations'];
    if (list === undefined || ctx.inJunctor) return;
    if (!Array.isArray(list)) {
      out.push(problem(`${ctx.path}.x-kubernetes-validations`, 'must be a list of rules', list, 'give a list of { rule, message }', 'R40'));
      return;
    }
    const cardinality = nodeCardinality(root, ctx.dataPath);
    list.forEach((r: any, i: number) => {
      const p = `${ctx.path}.x-kubernetes-validations[${i}]`;
      if (!isPlainObject(r)) {
        out.push(problem(p, 'must be an object with a rule', r, 'give { rule, message }', 'R40'));
        return;
      }
      checkRuleFields(r, p, ctx.node, out);
      if (typeof r.rule !== 'string' || r.rule.trim() === '') return;
      const parsed = parseCel(r.rule);
      if (!parsed.ast) return;
      for (const f of undefinedFields(parsed.ast, ctx.node, ctx.isRoot)) {
        out.push(problem(`${p}.rule`, `must only select declared fields (undefined field '${f}')`, r.rule, 'fix the field name; properties that are not CEL identifiers are written escaped (e.g. a-b as a__dash__b)', 'R40'));
      }
      const usesOld = referencesIdent(parsed.ast, 'oldSelf');
      if (usesOld && ctx.uncorrelatable) {
        out.push(problem(`${p}.rule`, 'must not use oldSelf here: the value cannot be correlated with its old value (under items of a list that is not listType map, or in an atomic map)', r.rule, 'move the rule up to the list, use listType: map with keys, or drop the transition rule', 'R41'));
      }
      if (r.optionalOldSelf === true && !usesOld) {
        out.push(problem(`${p}.optionalOldSelf`, 'may only be set when the rule uses oldSelf', true, 'remove optionalOldSelf', 'R41'));
      }
      const self = ctx.dataPath.length ? ctx.dataPath.join('.').replace(/\.\[\]/g, '[]') : 'self';
      const vars = new Map<string, JsonSchema | undefined>([['self', ctx.node], ['oldSelf', ctx.node]]);
      const { cost, unbounded } = estimate(parsed.ast, { vars }, self);
      for (const u of unbounded) {
        out.push(problem(`${p}.rule`, 'must only iterate over bounded lists, maps and strings (CEL cost)', `iterates ${u}`, 'set maxItems / maxProperties / maxLength on what the rule iterates', 'R42'));
      }
      // one problem per cause: an unbounded iteration is reported once, not again as cost
      if (unbounded.length > 0) return;
      if (cost > PER_EXPRESSION_COST_LIMIT) {
        out.push(problem(`${p}.rule`, `must have an estimated cost <= ${PER_EXPRESSION_COST_LIMIT} (StaticEstimatedCostLimit)`, `about ${cost}`, 'bound the lists and strings the rule touches (maxItems, maxLength) or simplify the rule', 'R42'));
      }
      total.cost += cost * cardinality;
    });
  });
  return out;
}

/**
 * How many times a rule at `dataPath` can run for one object: the product of the list/map bounds above
 * it, or, when one of them is unbounded, how many values of the node fit in a request (as the API server
 * estimates it).
 */
function nodeCardinality(root: JsonSchema, dataPath: readonly string[]): number {
  let c = 1;
  let unbounded = false;
  for (let i = 0; i < dataPath.length; i++) {
    const seg = dataPath[i];
    if (seg !== '[]' && seg !== '*') continue;
    const parent = resolveDataPath(root, dataPath.slice(0, i));
    if (!parent) continue;
    const { max, bounded } = maxElements(parent);
    if (!bounded) unbounded = true;
    c *= Math.max(1, max);
  }
  const fit = Math.floor(MAX_REQUEST_BYTES / (minSize(resolveDataPath(root, dataPath)) + 1));
  return unbounded ? Math.min(c, fit) : c;
}

function checkRuleFields(r: JsonSchema, p: string, node: JsonSchema, out: Problem[]): void {
  if (typeof r.rule !== 'string' || r.rule.trim() === '') {
    out.push(problem(`${p}.rule`, 'is required', r.rule, 'give a CEL expression, e.g. "self.minReplicas <= self.maxReplicas"', 'R40'));
  } else {
    const parsed = parseCel(r.rule);
    if (parsed.error) out.push(problem(`${p}.rule`, `must compile as CEL (${parsed.error})`, r.rule, 'fix the CEL syntax', 'R40'));
  }
  if (r.message !== undefined) {
    if (typeof r.message !== 'string' || r.message.trim() === '') {
      out.push(problem(`${p}.message`, 'must be non-empty when set', r.message, 'write a message or remove the field', 'R40'));
    } else if (/[\r\n]/.test(r.message)) {
      out.push(problem(`${p}.message`, 'must not contain line breaks', r.message, 'put the message on one line', 'R40'));
    }
  }
  if (typeof r.rule === 'string' && /[\r\n]/.test(r.rule) && !(typeof r.message === 'string' && r.message.trim()) && !(typeof r.messageExpression === 'string' && r.messageExpression.trim())) {
    out.push(problem(`${p}.message`, 'is required when the rule contains line breaks', undefined, 'add a message', 'R40'));
  }
  if (r.messageExpression !== undefined) {
    if (typeof r.messageExpression !== 'string' || r.messageExpression.trim() === '') {
      out.push(problem(`${p}.messageExpression`, 'must be non-empty when set', r.messageExpression, 'write a CEL expression returning a string, or remove it', 'R40'));
    } else {
      const parsed = parseCel(r.messageExpression);
      if (parsed.error) {
        out.push(problem(`${p}.messageExpression`, `must compile as CEL (${parsed.error})`, r.messageExpression, 'fix the CEL syntax', 'R40'));
      } else {
        const t = nonStringResult(parsed.ast);
        if (t) out.push(problem(`${p}.messageExpression`, `must return a string, returns ${t}`, r.messageExpression, "wrap it, e.g. 'replicas is ' + string(self.replicas)", 'R40'));
      }
    }
  }
  if (r.reason !== undefined && !CEL_REASONS.includes(r.reason)) {
    out.push(problem(`${p}.reason`, `must be one of ${CEL_REASONS.join(', ')}`, r.reason, 'use a ValidationReason value', 'R40'));
  }
  if (r.fieldPath !== undefined) {
    if (typeof r.fieldPath !== 'string' || /[\r\n]/.test(r.fieldPath)) {
      out.push(problem(`${p}.fieldPath`, 'must be a single-line path', r.fieldPath, 'use e.g. ".spec.replicas"', 'R40'));
    } else {
      const names = splitJsonPath(r.fieldPath);
      if (!names) {
        out.push(problem(`${p}.fieldPath`, "must be a JSON path like .a.b or .a['b.c']", r.fieldPath, 'start with "." and name fields', 'R40'));
      } else if (names.includes('[]') || /\[\s*"|\[\s+'/.test(r.fieldPath)) {
        // the API server's ValidFieldPath: only field and map-key accessors, keys in single quotes
        out.push(problem(`${p}.fieldPath`, "must only name fields and map keys (.a.b, .a['key']): the API server accepts no list index and no double quotes", r.fieldPath, 'point at the list itself (e.g. ".items"), or quote keys with single quotes', 'R40'));
      } else if (!resolveDataPath(node, names)) {
        out.push(problem(`${p}.fieldPath`, 'must point to a field of the schema the rule is on', r.fieldPath, 'use a path relative to the field that carries the rule', 'R40'));
      }
    }
  }
  if (r.optionalOldSelf !== undefined && typeof r.optionalOldSelf !== 'boolean') {
    out.push(problem(`${p}.optionalOldSelf`, 'must be a boolean', r.optionalOldSelf, 'use true or false', 'R40'));
  }
  for (const key of Object.keys(r)) {
    if (!['rule', 'message', 'messageExpression', 'reason', 'fieldPath', 'optionalOldSelf'].includes(key)) {
      out.push(problem(`${p}.${key}`, 'is not a field of a validation rule', key, 'use rule, message, messageExpression, reason, fieldPath or optionalOldSelf', 'R40'));
    }
  }
}
