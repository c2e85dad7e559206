import type { Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import type * as PromqlStrict from './promql-strict';
import type * as PromqlTree from './promql-tree';
import type * as PromqlTypes from './promql-types';
import { Problem, problem } from '../../core/problem';

let parserInstance: LRParser | undefined;
let checksModule: { strict: typeof PromqlStrict; tree: typeof PromqlTree; types: typeof PromqlTypes } | undefined;

/** promtool's checks beyond the grammar (`promql-strict`, `promql-tree`, `promql-types`), loaded on first use. */
function promqlChecks(): { strict: typeof PromqlStrict; tree: typeof PromqlTree; types: typeof PromqlTypes } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  checksModule ??= {
    strict: require('./promql-strict') as typeof PromqlStrict,
    tree: require('./promql-tree') as typeof PromqlTree,
    types: require('./promql-types') as typeof PromqlTypes,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return checksModule;
}

/**
 * Prometheus's own PromQL grammar, loaded on first use. The package is ESM-typed but ships a CommonJS build
 * (`exports.require`); that one is loaded.
 */
export function promqlParser(): LRParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parserInstance ??= require('@prometheus-io/lezer-promql').parser as LRParser;
  return parserInstance;
}

/**
 * Syntax checks of Prometheus rule content: PromQL (with Prometheus's own lezer grammar), label and
 * metric names, and Go-template balance of annotations and labels.
 *
 * @see https://github.com/prometheus/prometheus/tree/main/web/ui/module/lezer-promql
 */

/** Where a PromQL expression stops parsing. */
export interface PromqlSyntaxError {
  /** Offset of the first error in the text (0-based). */
  readonly offset: number;
  /** 1-based line of the error. */
  readonly line: number;
  /** 1-based column of the error. */
  readonly column: number;
  /** Up to 20 characters of the text at the error. */
  readonly near: string;
}

function firstErrorOffset(tree: Tree): number | undefined {
  let offset: number | undefined;
  tree.iterate({
    enter: (node) => {
      if (offset !== undefined) return false;
      if (node.type.isError) {
        offset = node.from;
        return false;
      }
      return undefined;
    },
  });
  return offset;
}

/**
 * Parses an expression with the grammar as Prometheus reads it. Prometheus takes the keyword `offset` as a metric
 * name where a selector stands (`offset{a="b"}`, `sum(offset)`), `1.` and `0X1F` as numbers; the grammar does not.
 * Such an `offset` is read as a name of the same length, such a `.` as a digit and such an `X` as `x` (`text`, so
 * positions stay those of `expr`).
 */
function parseAsPrometheus(expr: string): { readonly text: string; readonly tree: Tree; readonly errorAt?: number } {
  let text = expr;
  for (;;) {
    const tree = promqlParser().parse(text);
    const errorAt = firstErrorOffset(tree);
    if (errorAt === undefined) return { text, tree };
    const isOffsetName = /^offset(?![\w:])/i.test(text.slice(errorAt)) && !/[\w:]/.test(text[errorAt - 1] ?? '');
    // `1.` (a decimal point without a fraction), which Prometheus's lexer and Go's ParseFloat accept
    const isBareDecimalPoint = text[errorAt] === '.' && /(?:^|[^\w.:])[0-9]+$/.test(text.slice(0, errorAt)) && /^\.(?:$|[^\w.]|[eE][+-]?[0-9])/.test(text.slice(errorAt));
    // `0X1f`: Prometheus's lexer (and Go's ParseInt) take an uppercase hexadecimal prefix, the grammar does not
    const isUpperHexPrefix = text[errorAt] === 'X' && /(?:^|[^\w.:])0$/.test(text.slice(0, errorAt)) && /^X[0-9a-fA-F]/.test(text.slice(errorAt));
    if (isOffsetName) text = `${text.slice(0, errorAt)}offse_${text.slice(errorAt + 6)}`;
    else if (isBareDecimalPoint) text = `${text.slice(0, errorAt)}0${text.slice(errorAt + 1)}`;
    else if (isUpperHexPrefix) text = `${text.slice(0, errorAt)}x${text.slice(errorAt + 1)}`;
    else return { text, tree, errorAt };
  }
}

/** Where `offset` is in `expr`, as a syntax error. */
function syntaxErrorAt(expr: string, offset: number): PromqlSyntaxError {
  const before = expr.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const near = expr.slice(offset, offset + 20).split('\n')[0];
  return { offset, line, column, near };
}

/** The first syntax error of a PromQL expression, or `undefined` when it parses. */
export function findPromqlSyntaxError(expr: string): PromqlSyntaxError | undefined {
  if (expr.trim() === '') return { offset: 0, line: 1, column: 1, near: '' };
  const offset = parseAsPrometheus(expr).errorAt;
  return offset === undefined ? undefined : syntaxErrorAt(expr, offset);
}

/** A problem found after parsing: where, and Prometheus's wording. */
export type PromqlError = PromqlSyntaxError & { readonly message: string };

function located(expr: string, f: { offset: number; message: string }): PromqlError {
  return { ...syntaxErrorAt(expr, f.offset), message: f.message };
}

/** promtool's checks on an expression the grammar parsed. */
function errorAfterParsing(expr: string, parsed: { readonly text: string; readonly tree: Tree }): PromqlError | undefined {
  const tree = parsed.tree.topNode as unknown as PromqlStrict.PromqlNode;
  const { strict, tree: shape, types } = promqlChecks();
  const root = shape.prometheusShaped(tree);
  const f = strict.findUnexpectedCharacter(parsed.text, tree) ?? strict.findPromqlStrictError(parsed.text, root)
    ?? types.findPromqlAstError(parsed.text, root);
  return f ? located(expr, f) : undefined;
}

/**
 * The first error promtool reports for an expression the grammar parses: its lexer's and parser's rules that
 * the editor grammar does not enforce (strings, durations, numbers, regex matchers, empty selectors, features
 * one of Prometheus 2.42 and 3 lacks — `promql-strict.ts`), then its type checks (`promql-types.ts`).
 */
export function findPromqlError(expr: string): PromqlError | undefined {
  return errorAfterParsing(expr, parseAsPrometheus(expr));
}

/** What checking one expression found, wherever it stands: a syntax error, another error of promtool's, or nothing. */
export interface PromqlVerdict {
  /** The first syntax error. @default - the expression parses */
  readonly syntax?: PromqlSyntaxError;
  /** The first error promtool reports after parsing. @default - none */
  readonly error?: PromqlError;
}

/** Checks a non-blank expression: parsed once for the syntax and promtool's further checks. */
export function promqlVerdict(expr: string): PromqlVerdict {
  const parsed = parseAsPrometheus(expr);
  if (parsed.errorAt !== undefined) return { syntax: syntaxErrorAt(expr, parsed.errorAt) };
  const error = errorAfterParsing(expr, parsed);
  return error ? { error } : {};
}

/**
 * The verdicts of the expressions an app has checked, by expression text: a verdict depends on the text only, so
 * an expression checked by its construct (an SLO's generated rules) is not parsed again by the PrometheusRule
 * object check at synth.
 */
export class PromqlVerdicts {
  private readonly byText = new Map<string, PromqlVerdict>();

  /** How many distinct expressions have been checked. */
  public get size(): number {
    return this.byText.size;
  }

  /** The verdict for a non-blank expression, computed on first use. */
  public of(expr: string): PromqlVerdict {
    let verdict = this.byText.get(expr);
    if (verdict === undefined) {
      verdict = promqlVerdict(expr);
      this.byText.set(expr, verdict);
    }
    return verdict;
  }
}

/** Problems of one PromQL expression at `field` (none when it parses); `verdicts` shares the checks of an app. */
export function checkPromql(field: string, expr: unknown, verdicts?: PromqlVerdicts): Problem[] {
  if (typeof expr !== 'string' || expr.trim() === '') {
    return [problem(field, 'must be a non-empty PromQL expression', expr, 'give the query, e.g. sum(rate(http_requests_total[5m]))')];
  }
  const { syntax, error } = verdicts ? verdicts.of(expr) : promqlVerdict(expr);
  if (error) {
    return [problem(field, `must be valid PromQL (error at line ${error.line} column ${error.column}: ${error.message})`, expr,
      'fix the expression; check it with `promtool check rules` or the Prometheus expression browser')];
  }
  if (!syntax) return [];
  const where = `line ${syntax.line} column ${syntax.column}${syntax.near ? ` near ${JSON.stringify(syntax.near)}` : ' at the end'}`;
  return [problem(field, `must be valid PromQL (syntax error at ${where})`, expr,
    'fix the expression; check it with `promtool check rules` or the Prometheus expression browser')];
}

/** Legacy (Prometheus 2) label-name syntax, which promtool and every remote-write backend accept. */
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Metric-name syntax (recording-rule names may contain colons). */
export const METRIC_NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Whether a label name is valid (and not reserved with a `__` prefix). */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME_PATTERN.test(name) && !name.startsWith('__');
}

/** Problems of a label map: names valid (as promtool checks rule labels and annotations), values strings. */
export function checkLabelMap(field: string, labels: unknown, what = 'label'): Problem[] {
  if (labels === undefined) return [];
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    return [problem(field, `must be a map of ${what} names to strings`, labels, 'give e.g. { team: "payments" }')];
  }
  const out: Problem[] = [];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    // promtool (rulefmt) accepts any legacy name here, "__"-prefixed ones too, except __name__ as a label
    if (!LABEL_NAME_PATTERN.test(k) || (what === 'label' && k === '__name__')) {
      out.push(problem(`${field}.${k}`, `must be a valid ${what} name ([a-zA-Z_][a-zA-Z0-9_]*${what === 'label' ? ', not __name__' : ''})`, k,
        'use letters, digits and underscores, starting with a letter or underscore'));
    }
    if (typeof v !== 'string') {
      out.push(problem(`${field}.${k}`, 'must be a string', v, `quote the value, e.g. "${String(v)}"`));
    }
  }
  return out;
}

const BLOCK_OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);

/**
 * The first imbalance of a Go template (Prometheus annotation/label templating): an unclosed `{{`, a stray
 * `}}`, an empty action, an `{{ end }}` without an opener or a block (`if`, `range`, `with`, `define`,
 * `block`) never ended. `undefined` when balanced.
 */
export function findTemplateImbalance(text: string): string | undefined {
  let i = 0;
  const stack: string[] = [];
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const strayClose = text.indexOf('}}', i);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      return `"}}" at offset ${strayClose} closes no "{{"`;
    }
    if (open === -1) break;
    // Find the end of the action, skipping quoted strings ("...", `...`, '.').
    let j = open + 2;
    let close = -1;
    while (j < text.length) {
      const c = text[j];
      if (c === '"' || c === '`' || c === '\'') {
        const end = findQuoteEnd(text, j);
        if (end === -1) return `unterminated ${c} string in the action at offset ${open}`;
        j = end + 1;
        continue;
      }
      if (c === '{' && text[j + 1] === '{') return `"{{" at offset ${open} is not closed before the next "{{"`;
      if (c === '}' && text[j + 1] === '}') {
        close = j;
        break;
      }
      j++;
    }
    if (close === -1) return `"{{" at offset ${open} is never closed with "}}"`;
    const body = text.slice(open + 2, close).replace(/^-\s/, '').replace(/\s-$/, '').trim();
    if (body === '') return `empty action "{{}}" at offset ${open}`;
    if (!body.startsWith('/*')) {
      const word = body.split(/[\s(]/)[0];
      if (BLOCK_OPENERS.has(word)) {stack.push(word);} else if (word === 'end') {
        if (stack.length === 0) return `"{{ end }}" at offset ${open} ends no block`;
        stack.pop();
      }
    }
    i = close + 2;
  }
  if (stack.length > 0) return `"{{ ${stack[stack.length - 1]} }}" is never closed with "{{ end }}"`;
  return undefined;
}

function findQuoteEnd(text: string, start: number): number {
  const q = text[start];
  for (let k = start + 1; k < text.length; k++) {
    if (q !== '`' && text[k] === '\\') {
      k++;
      continue;
    }
    if (text[k] === q) return k;
  }
  return -1;
}

/** The variables Prometheus defines before expanding an alert's labels and annotations. */
const PROMETHEUS_TEMPLATE_VARIABLES = ['labels', 'externalLabels', 'externalURL', 'value'];

/**
 * The first variable a balanced Prometheus alert template uses without defining it (e.g. `$label` for
 * `$labels`), which `promtool check rules` rejects with `undefined variable`; `undefined` when there is none.
 * Prometheus defines `$labels`, `$externalLabels`, `$externalURL` and `$value`; `$` is the root, and variables
 * declared with `:=` (also in `range $i, $e :=`) count from their declaration on.
 */
export function findUndefinedTemplateVariable(text: string): string | undefined {
  const defined = new Set(PROMETHEUS_TEMPLATE_VARIABLES);
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) break;
    // The action's text without its quoted strings.
    let body = '';
    let j = open + 2;
    while (j < text.length && !(text[j] === '}' && text[j + 1] === '}')) {
      const c = text[j];
      if (c === '"' || c === '`' || c === '\'') {
        const end = findQuoteEnd(text, j);
        if (end === -1) return undefined;
        body += ' ';
        j = end + 1;
        continue;
      }
      body += c;
      j++;
    }
    if (!body.trim().startsWith('/*')) {
      const declared = /^\s*-?\s*(?:range\s+|with\s+|if\s+)?\$([A-Za-z_]\w*)\s*(?:,\s*\$([A-Za-z_]\w*)\s*)?:=/.exec(body);
      for (const m of body.matchAll(/\$([A-Za-z_]\w*)/g)) {
        const name = m[1];
        const isDeclaration = declared !== null && (name === declared[1] || name === declared[2]) && m.index! < body.indexOf(':=');
        // `$x = v` assigns; promtool's parse accepts it even for an undeclared $x, so it is not reported.
        const isAssignment = /^\s*=(?!=)/.test(body.slice(m.index! + m[0].length));
        if (!isDeclaration && !isAssignment && !defined.has(name)) return `$${name}`;
      }
      if (declared) {
        defined.add(declared[1]);
        if (declared[2]) defined.add(declared[2]);
      }
    }
    i = j + 2;
  }
  return undefined;
}

/** Problems of a templated string (annotation or alert-label value). */
export function checkTemplate(field: string, text: string): Problem[] {
  const issue = findTemplateImbalance(text);
  if (issue) {
    return [problem(field, `must be a balanced Go template (${issue})`, text,
      'close every "{{" with "}}" and every if/range/with with "{{ end }}"; write a literal "{{" as {{ "{{" }}')];
  }
  const undefinedVariable = findUndefinedTemplateVariable(text);
  if (undefinedVariable) {
    return [problem(field, `must use only defined template variables (${undefinedVariable} is not defined; promtool rejects it)`, text,
      'use $labels, $value, $externalLabels or $externalURL, or declare the variable with := first')];
  }
  return [];
}
