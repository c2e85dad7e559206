/**
 * CEL validation rule checks (R40–R42) as the API server makes them (apiextensions-apiserver v0.37
 * `ValidateCustomResourceDefinitionOpenAPISchema`): the fields of each rule, then — where the rule fields are
 * valid — each rule compiled and type-checked against the declared type of its schema node, `oldSelf` only where
 * old and new values correlate (not under items of a list that is not `listType: map`; atomic maps do correlate),
 * and the estimated cost per rule (`StaticEstimatedCostLimit`) and per schema (`StaticEstimatedCRDCostLimit`),
 * each rule's cost multiplied by how often it can run.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#resource-use-by-validation-functions
 */
import { compileRule } from './cel-compile';
import { DeclType, MAX_REQUEST_SIZE_BYTES, escapeProperty, schemaDeclType } from './cel-types';
import { CEL_REASONS, JsonSchema, isPlainObject } from './json-schema';
import { resolveDataPath, splitJsonPath } from './schema-walk';
import { Problem, problem } from '../../core/problem';

/** `StaticEstimatedCostLimit` of the API server (per expression). */
export const PER_EXPRESSION_COST_LIMIT = 10_000_000;
/** `StaticEstimatedCRDCostLimit` of the API server (all expressions of one version's schema, times how often each runs). */
export const PER_CRD_COST_LIMIT = 100_000_000;
const UINT64_MAX = 18446744073709551615;

/** The API server's wording of a cost overrun (`getCostErrorMessage`). */
function costMessage(what: string, cost: number, limit: number): string {
  const f = cost / limit;
  const factor = f > 100 ? 'more than 100x' : f < 1.5 ? `${f.toFixed(6)}x` : `${f.toFixed(1)}x`;
  return `${what} exceeds budget by factor of ${factor}`;
}

interface Node {
  readonly schema: JsonSchema;
  readonly path: string;
  /** The declared type of the node, as its parent's type gives it (undefined: CEL cannot see this node). */
  readonly decl: DeclType | undefined;
  /** How many times a rule here can run per object, or undefined when a list or map above is unbounded. */
  readonly cardinality: number | undefined;
  /** Where old and new values stop correlating (oldSelf is then forbidden), if they do. */
  readonly uncorrelatable?: string;
}

function maxElements(s: JsonSchema): number | undefined {
  if (s.type === 'object') {
    if (s.additionalProperties !== undefined && s.additionalProperties !== null) return typeof s.maxProperties === 'number' ? Math.max(0, s.maxProperties) : undefined;
    return 1;
  }
  if (s.type === 'array') return typeof s.maxItems === 'number' ? Math.max(0, s.maxItems) : undefined;
  return 1;
}

function children(n: Node): Node[] {
  const s = n.schema;
  const max = maxElements(s);
  const cardinality = n.cardinality === undefined || max === undefined ? undefined : Math.min(UINT64_MAX, n.cardinality * max);
  const out: Node[] = [];
  if (isPlainObject(s.properties)) {
    for (const [name, child] of Object.entries(s.properties)) {
      if (!isPlainObject(child)) continue;
      const esc = escapeProperty(name);
      out.push({ schema: child, path: `${n.path}.properties.${name}`, decl: esc === undefined ? undefined : n.decl?.fields?.get(esc), cardinality, uncorrelatable: n.uncorrelatable });
    }
  }
  if (isPlainObject(s.additionalProperties)) {
    out.push({ schema: s.additionalProperties, path: `${n.path}.additionalProperties`, decl: n.decl?.elem, cardinality, uncorrelatable: n.uncorrelatable });
  }
  if (isPlainObject(s.items)) {
    const uncorrelatable = n.uncorrelatable ?? (s['x-kubernetes-list-type'] !== 'map' ? n.path : undefined);
    out.push({ schema: s.items, path: `${n.path}.items`, decl: n.decl?.elem, cardinality, uncorrelatable });
  }
  return out;
}

/** R40–R42 for one version's schema at `path`; `total.cost` accumulates the schema's total. */
export function checkCelRules(root: JsonSchema, path: string, total: { cost: number }): Problem[] {
  const out: Problem[] = [];
  const expensive: { path: string; cost: number }[] = [];
  const visit = (n: Node): void => {
    const list = n.schema['x-kubernetes-validations'];
    if (list !== undefined) checkNodeRules(n, list, out, total, expensive);
    for (const c of children(n)) visit(c);
  };
  visit({ schema: root, path, decl: schemaDeclType(root, true), cardinality: 1 });
  if (total.cost > PER_CRD_COST_LIMIT) {
    for (const e of expensive.sort((a, b) => b.cost - a.cost).slice(0, 4)) {
      out.push(problem(e.path, 'must not make the schema exceed its total CEL cost limit (StaticEstimatedCRDCostLimit)', `estimated ${e.cost}`, 'bound the lists and maps above the rule (maxItems, maxProperties) and the strings it reads (maxLength)', 'R42'));
    }
    out.push(problem(path, `must keep the x-kubernetes-validations estimated rule cost total <= ${PER_CRD_COST_LIMIT}: ${costMessage('the total', total.cost, PER_CRD_COST_LIMIT)}`, `estimated ${total.cost}`, 'add maxItems, maxProperties and maxLength where arrays, maps and strings are declared, or simplify the rules', 'R42'));
  }
  return out;
}

function checkNodeRules(n: Node, list: unknown, out: Problem[], total: { cost: number }, expensive: { path: string; cost: number }[]): void {
  if (!Array.isArray(list)) {
    out.push(problem(`${n.path}.x-kubernetes-validations`, 'must be a list of rules', list, 'give a list of { rule, message }', 'R40'));
    return;
  }
  const before = out.length;
  list.forEach((r: any, i: number) => {
    const p = `${n.path}.x-kubernetes-validations[${i}]`;
    if (!isPlainObject(r)) out.push(problem(p, 'must be an object with a rule', r, 'give { rule, message }', 'R40'));
    else checkRuleFields(r, p, n.schema, out);
  });
  // the API server compiles rules only when the rule fields (and the schema below) are valid
  if (out.length > before) return;
  if (!n.decl) {
    out.push(problem(`${n.path}.x-kubernetes-validations`, 'must be on a field CEL can see (internal error: failed to retrieve type information)', undefined,
      'move the rule to the parent object: this field has no type CEL can declare, or a name CEL cannot escape', 'R40'));
    return;
  }
  const decl = n.decl;
  list.forEach((r: any, i: number) => {
    const p = `${n.path}.x-kubernetes-validations[${i}]`;
    const c = compileRule(r, decl);
    if (c.unsupported) return;
    const cardinality = n.cardinality ?? Math.floor(MAX_REQUEST_SIZE_BYTES / (decl.minSerializedSize + 1));
    const cost = c.cost === 0 ? 0 : Math.min(UINT64_MAX, c.cost * cardinality);
    if (cost > PER_EXPRESSION_COST_LIMIT) {
      out.push(problem(`${p}.rule`, `must have an estimated cost <= ${PER_EXPRESSION_COST_LIMIT} (StaticEstimatedCostLimit): ${costMessage('estimated rule cost', cost, PER_EXPRESSION_COST_LIMIT)}`,
        `estimated ${cost}${cardinality > 1 ? ` (${c.cost} per evaluation, up to ${cardinality} evaluations)` : ''}`,
        'add maxItems, maxProperties and maxLength where the arrays, maps and strings the rule reads (and the lists above it) are declared, or simplify the rule', 'R42'));
    }
    observe(total, expensive, `${p}.rule`, cost);
    if (c.error) {
      out.push(problem(`${p}.rule`, `must compile against the schema (${c.error})`, r.rule, 'fix the rule: fields must be declared in the schema, functions must exist for the argument types, and the result must be a bool', 'R40'));
    }
    if (c.messageExpressionError) {
      out.push(problem(`${p}.messageExpression`, `must compile against the schema (${c.messageExpressionError})`, r.messageExpression, "return a string, e.g. 'replicas is ' + string(self.replicas)", 'R40'));
    } else if (typeof r.messageExpression === 'string' && r.messageExpression !== '' && !c.error) {
      const mcost = c.messageExpressionCost;
      if (mcost > PER_EXPRESSION_COST_LIMIT) {
        out.push(problem(`${p}.messageExpression`, `must have an estimated cost <= ${PER_EXPRESSION_COST_LIMIT}: ${costMessage('estimated messageExpression cost', mcost, PER_EXPRESSION_COST_LIMIT)}`, `estimated ${mcost}`, 'simplify the messageExpression', 'R42'));
      }
      observe(total, expensive, `${p}.messageExpression`, mcost);
    }
    if (c.usesOldSelf) {
      if (n.uncorrelatable !== undefined) {
        out.push(problem(`${p}.rule`, `must not use oldSelf on the uncorrelatable portion of the schema within ${n.uncorrelatable} (items of a list that is not x-kubernetes-list-type: map)`, r.rule,
          'move the transition rule up to the list, or make the list x-kubernetes-list-type: map with keys', 'R41'));
      }
    } else if (r.optionalOldSelf !== undefined && !c.error) {
      out.push(problem(`${p}.optionalOldSelf`, 'may not be set if oldSelf is not used in rule', r.optionalOldSelf, 'remove optionalOldSelf', 'R41'));
    }
  });
}

function observe(total: { cost: number }, expensive: { path: string; cost: number }[], path: string, cost: number): void {
  total.cost = Math.min(UINT64_MAX, total.cost + cost);
  if (cost >= PER_CRD_COST_LIMIT / 100) expensive.push({ path, cost });
}

/** The API server's checks of a rule's own fields (schema errors: when any is found the rules here are not compiled). */
function checkRuleFields(r: JsonSchema, p: string, node: JsonSchema, out: Problem[]): void {
  const trimmedRule = typeof r.rule === 'string' ? r.rule.trim() : '';
  const message = typeof r.message === 'string' ? r.message : '';
  const trimmedMsg = message.trim();
  if (trimmedRule === '') {
    out.push(problem(`${p}.rule`, 'is required', r.rule, 'give a CEL expression, e.g. "self.minReplicas <= self.maxReplicas"', 'R40'));
  } else if (message.length > 0 && trimmedMsg === '') {
    out.push(problem(`${p}.message`, 'must be non-empty if specified', r.message, 'write a message or remove the field', 'R40'));
  } else if (/[\r\n]/.test(trimmedMsg)) {
    out.push(problem(`${p}.message`, 'must not contain line breaks', r.message, 'put the message on one line', 'R40'));
  } else if (/[\r\n]/.test(trimmedRule) && trimmedMsg === '') {
    // a line break the YAML block scalar adds at the end is trimmed first; messageExpression does not count
    out.push(problem(`${p}.message`, 'is required if the rule contains line breaks', undefined, 'add a message (a messageExpression alone is not enough)', 'R40'));
  }
  if (typeof r.messageExpression === 'string' && r.messageExpression.length > 0 && r.messageExpression.trim() === '') {
    out.push(problem(`${p}.messageExpression`, 'must be non-empty if specified', r.messageExpression, 'write a CEL expression returning a string, or remove it', 'R40'));
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
