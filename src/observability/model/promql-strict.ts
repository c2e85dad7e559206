import { PROMQL_FUNCTIONS } from './promql-functions';
import { parsePromDuration } from '../../core/duration';
import { re2Error, re2Test } from '../../core/re2';

/**
 * What promtool rejects in a PromQL expression that Prometheus's lezer grammar (the one `promql.ts` parses with)
 * lets through: that grammar is written for an editor, so it is laxer than Prometheus's own lexer and parser, and
 * it follows Prometheus 3 while opskit's rule files must also load in Prometheus 2.42 (docs/oracles.md).
 *
 * - string literals as Prometheus's lexer reads them: terminated on their line, only Go's escapes, code points
 *   that exist;
 * - durations: Prometheus's duration syntax with a unit, greater than 0 (a range, a subquery's range and step, an
 *   offset), no duration arithmetic; numbers that Go's `strconv.ParseFloat` reads (no `1_000`, no `5m` as a
 *   number);
 * - regex matchers (`=~`, `!~`) that Go's RE2 compiles, in valid UTF-8;
 * - a selector with at least one matcher that does not match the empty string, and the metric name at most once;
 * - only what both promtool generations parse without a feature flag: no quoted (UTF-8) label or metric names,
 *   no experimental operators, modifiers or functions (`limitk`, `fill`, `anchored`, duration functions, …).
 *
 * Pure: works on the lezer tree and the text.
 */

/** The part of a lezer syntax node this module reads. */
export interface PromqlNode {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly firstChild: PromqlNode | null;
  readonly lastChild: PromqlNode | null;
  readonly nextSibling: PromqlNode | null;
  getChild(name: string): PromqlNode | null;
}

/** A problem found in the tree: where, and Prometheus's wording of it. */
export interface PromqlStrictError {
  readonly offset: number;
  readonly message: string;
}

/** The node types of the grammar that both promtool generations accept without a feature flag. */
const ACCEPTED_NODES = new Set([
  'PromQL', 'LineComment', 'ParenExpr', 'UnaryExpr', 'UnaryOp', 'BinaryExpr', 'BoolModifier', 'Bool', 'MatchingModifierClause',
  'On', 'Ignoring', 'GroupLeft', 'GroupRight', 'GroupingLabels', 'LabelName', 'Pow', 'Mul', 'Div', 'Mod', 'Add', 'Sub', 'Eql',
  'Gte', 'Gtr', 'Lte', 'Lss', 'Neq', 'And', 'Or', 'Unless', 'Atan2',
  'AggregateExpr', 'AggregateOp', 'AggregateModifier', 'By', 'Without', 'Avg', 'Bottomk', 'Count', 'CountValues', 'Group', 'Max',
  'Min', 'Quantile', 'Stddev', 'Stdvar', 'Sum', 'Topk',
  'FunctionCall', 'FunctionIdentifier', 'FunctionCallBody', 'StringLiteral', 'NumberDurationLiteral',
  'VectorSelector', 'Identifier', 'LabelMatchers', 'UnquotedLabelMatcher', 'MatchOp', 'EqlSingle', 'EqlRegex', 'NeqRegex',
  'MatrixSelector', 'SubqueryExpr', 'DurationExpr', 'NumberDurationLiteralInDurationContext', 'OffsetExpr', 'Offset',
  'OffsetDurationExpr', 'StepInvariantExpr', 'At', 'AtModifierPreprocessors', 'AtStart', 'AtEnd',
]);

/** Names of the function nodes (`Rate`, `HistogramQuantile`, …): lezer gives each function a node of its own. */
function isFunctionNameNode(node: PromqlNode): boolean {
  return node.name !== 'FunctionCallBody' && node.name !== 'FunctionIdentifier' && /^[A-Z]/.test(node.name)
    && !ACCEPTED_NODES.has(node.name);
}

/** The first thing promtool rejects that the grammar accepted, or `undefined`. */
export function findPromqlStrictError(expr: string, root: PromqlNode): PromqlStrictError | undefined {
  let found: PromqlStrictError | undefined;
  const visit = (node: PromqlNode, parent: PromqlNode | undefined): void => {
    if (found) return;
    found = checkNode(expr, node, parent);
    for (let c = node.firstChild; c && !found; c = c.nextSibling) visit(c, node);
  };
  visit(root, undefined);
  return found;
}

/**
 * The first character outside string literals and comments that Prometheus's lexer does not take as white space
 * although the grammar does (U+2028, U+00A0, …: Prometheus knows only space, tab, CR and LF), or `undefined`.
 * Works on the grammar's own tree (`root`), which keeps the comments.
 */
export function findUnexpectedCharacter(expr: string, root: PromqlNode): PromqlStrictError | undefined {
  const quoted: Array<[number, number]> = [];
  const collect = (node: PromqlNode): void => {
    if (node.name === 'StringLiteral' || node.name === 'LineComment') quoted.push([node.from, node.to]);
    else for (let c = node.firstChild; c; c = c.nextSibling) collect(c);
  };
  collect(root);
  for (const m of expr.matchAll(/[^\S \t\n\r]/gu)) {
    if (!quoted.some(([from, to]) => m.index >= from && m.index < to)) {
      return { offset: m.index, message: `unexpected character: ${JSON.stringify(m[0])}` };
    }
  }
  return undefined;
}

function checkNode(expr: string, node: PromqlNode, parent: PromqlNode | undefined): PromqlStrictError | undefined {
  const text = expr.slice(node.from, node.to);
  const at = (message: string): PromqlStrictError => ({ offset: node.from, message });
  if (parent?.name === 'FunctionIdentifier' && isFunctionNameNode(node)) {
    return Object.prototype.hasOwnProperty.call(PROMQL_FUNCTIONS, text) ? undefined : at(`unknown function with name "${text}" (or one Prometheus 2.42 or 3 parses only with a feature flag)`);
  }
  if (node.name === 'QuotedLabelName' || node.name === 'QuotedLabelMatcher') {
    return at('quoted label and metric names need Prometheus 3 (Prometheus 2.42 rejects them); use a classic name');
  }
  if (!ACCEPTED_NODES.has(node.name)) {
    return at(`${JSON.stringify(text.slice(0, 20))} is not PromQL that Prometheus 2.42 and 3 parse without a feature flag`);
  }
  switch (node.name) {
    case 'StringLiteral': {
      const s = unquotePromqlString(text);
      return s.error ? { offset: node.from + s.errorAt, message: s.error } : undefined;
    }
    case 'NumberDurationLiteral': {
      if (!isPromqlNumber(text)) {
        return at(parsePromDuration(text) !== undefined
          ? `unexpected duration ${JSON.stringify(text)} where a number is expected` : `bad number syntax: ${JSON.stringify(text)}`);
      }
      // Prometheus's lexer: a number runs into the letters, digits or "_" right after it (`0atan2` is one bad token)
      if (/[A-Za-z0-9_]/.test(expr[node.to] ?? '')) return at(`bad number or duration syntax: ${JSON.stringify(expr.slice(node.from, node.to + 1))}`);
      const value = promqlNumberValue(text);
      if (value === undefined) return at(`error parsing number: ${JSON.stringify(text)} is out of range`);
      // the `@` timestamp: Prometheus's setTimestamp refuses NaN, ±Inf and seconds beyond int64
      if (parent?.name === 'StepInvariantExpr' && (!Number.isFinite(value) || value >= 2 ** 63 || value <= -(2 ** 63))) {
        return at(`timestamp out of bounds for @ modifier: ${text}`);
      }
      return undefined;
    }
    case 'DurationExpr':
    case 'OffsetDurationExpr':
      return checkDuration(expr, node);
    case 'VectorSelector':
      return checkSelector(expr, node);
    default:
      return undefined;
  }
}

/** A duration in a range, a subquery or an offset: one literal, with a unit, greater than 0 (Prometheus 2.42). */
function checkDuration(expr: string, node: PromqlNode): PromqlStrictError | undefined {
  const first = node.firstChild;
  // `offset -5m`: a sign, then the duration
  if (node.name === 'OffsetDurationExpr' && first?.name === 'UnaryOp' && expr.slice(first.from, first.to) === '-'
    && first.nextSibling?.name === 'OffsetDurationExpr' && !first.nextSibling.nextSibling) {
    return undefined;
  }
  if (!first || first.name !== 'NumberDurationLiteralInDurationContext' || first.nextSibling) {
    return { offset: node.from, message: 'duration arithmetic needs a Prometheus 3 feature flag; write one duration such as 5m' };
  }
  const text = expr.slice(first.from, first.to);
  // inside brackets Prometheus's lexer reads no comments: only white space may stand between "[" (or ":") and the duration
  if (node.name === 'DurationExpr' && !/[[:]\s*$/.test(expr.slice(0, node.from))) {
    return { offset: node.from, message: 'missing unit character in duration (a comment inside brackets is not one)' };
  }
  const ms = parsePromDuration(text);
  if (ms === undefined || /^[0-9]+$/.test(text)) {
    return { offset: first.from, message: /^[0-9]+$/.test(text) ? `missing unit character in duration ${JSON.stringify(text)}` : `not a valid duration string: ${JSON.stringify(text)}` };
  }
  if (ms === 0) return { offset: first.from, message: 'duration must be greater than 0' };
  return undefined;
}

/**
 * A number as Prometheus's lexer scans it (decimal with optional fraction and exponent, hexadecimal, `Inf`,
 * `NaN`) and Go's `strconv.ParseFloat` then reads it.
 */
export function isPromqlNumber(text: string): boolean {
  // the grammar keeps a sign in the literal where Prometheus reads a unary operator (`-1`, `+Inf`)
  const unsigned = text.replace(/^[+-]\s*/, '');
  return /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(unsigned) || /^0[xX][0-9a-fA-F]+$/.test(unsigned) || /^(?:inf|nan)$/i.test(unsigned);
}

/**
 * The value of a number literal as Prometheus reads it (`strconv.ParseInt(text, 0, 64)`, else
 * `strconv.ParseFloat`), or `undefined` when it is out of range: a decimal beyond float64 (`1e400`; an underflow
 * is 0, not an error) or a hexadecimal beyond int64 (Go's ParseFloat needs a `p` exponent for hexadecimal).
 */
export function promqlNumberValue(text: string): number | undefined {
  const negative = /^-/.test(text.trim());
  const unsigned = text.replace(/^[+-]\s*/, '');
  if (/^(?:inf|nan)$/i.test(unsigned)) return /^nan$/i.test(unsigned) ? NaN : negative ? -Infinity : Infinity;
  if (/^0[xX]/.test(unsigned)) {
    const big = BigInt(unsigned);
    return big > 2n ** 63n - 1n ? undefined : (negative ? -1 : 1) * Number(big);
  }
  const value = Number(unsigned);
  return Number.isFinite(value) ? (negative ? -value : value) : undefined;
}

/** One matcher of a selector, its value unquoted. */
interface Matcher {
  readonly name: string;
  readonly op: string;
  readonly value: string;
  readonly bytes: Uint8Array;
  readonly from: number;
}

function checkSelector(expr: string, node: PromqlNode): PromqlStrictError | undefined {
  const id = node.getChild('Identifier');
  // a keyword of Prometheus's lexer that the grammar takes for a metric name
  if (id && expr.slice(id.from, id.to).toLowerCase() === 'atan2') return { offset: id.from, message: `unexpected <op:${expr.slice(id.from, id.to)}>` };
  const matchers: Matcher[] = [];
  const list = node.getChild('LabelMatchers');
  for (let m = list?.firstChild ?? null; m; m = m.nextSibling) {
    if (m.name !== 'UnquotedLabelMatcher') continue;
    const name = m.getChild('LabelName');
    const op = m.getChild('MatchOp');
    const str = m.getChild('StringLiteral');
    if (!name || !op || !str) continue;
    const s = unquotePromqlString(expr.slice(str.from, str.to));
    if (s.error) continue; // reported on the string literal
    matchers.push({ name: expr.slice(name.from, name.to), op: expr.slice(op.from, op.to), value: s.value, bytes: s.bytes, from: str.from });
  }
  for (const m of matchers) {
    if (m.op !== '=~' && m.op !== '!~') continue;
    if (!isValidUtf8(m.bytes)) return { offset: m.from, message: 'error parsing regexp: invalid UTF-8' };
    // Prometheus 2 compiles the regex anchored (`^(?:re)$`, where `\Q` can swallow the closing parenthesis),
    // Prometheus 3 also on its own
    const err = re2Error(m.value) ?? re2Error(`^(?:${m.value})$`);
    if (err !== undefined) return { offset: m.from, message: err.startsWith('error parsing regexp') ? err : `error parsing regexp: ${err}` };
  }
  if (id && matchers.some((m) => m.name === '__name__')) {
    return { offset: node.from, message: 'metric name must not be set twice' };
  }
  if (!id && matchers.every((m) => matchesEmpty(m))) {
    return { offset: node.from, message: 'vector selector must contain at least one non-empty matcher' };
  }
  return undefined;
}

function matchesEmpty(m: Matcher): boolean {
  switch (m.op) {
    case '=': return m.value === '';
    case '!=': return m.value !== '';
    case '=~': return re2Test(`^(?:${m.value})$`, '');
    default: return !re2Test(`^(?:${m.value})$`, '');
  }
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A string literal read as Prometheus's lexer and `strutil.Unquote` read it. */
export interface UnquotedString {
  /** The value (bytes that are not UTF-8 are kept as U+FFFD here; `bytes` has them exactly). */
  readonly value: string;
  /** The value's bytes, as Go holds the string. */
  readonly bytes: Uint8Array;
  /** Prometheus's message when the literal is invalid. @default - valid */
  readonly error?: string;
  /** Offset of the error in the literal. */
  readonly errorAt: number;
}

const UTF8 = new TextEncoder();
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { 'a': 7, 'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11, '\\': 92 };

/**
 * Reads a PromQL string literal (`"…"`, `'…'` or a raw `` `…` ``) as Prometheus does: a quoted string ends on its
 * line, escapes are Go's (`\n`, `\x41`, `\101`, `\u00e9`, `\U0001F600`, the quote itself), code points must exist.
 */
export function unquotePromqlString(text: string): UnquotedString {
  const quote = text[0];
  const out: number[] = [];
  const fail = (error: string, errorAt: number): UnquotedString => ({ value: '', bytes: new Uint8Array(), error, errorAt });
  const pushChar = (ch: string): void => {
    // every character of every matcher and string of every query passes here: ASCII needs no encoder
    const code = ch.length === 1 ? ch.charCodeAt(0) : 0x80;
    if (code < 0x80) out.push(code);
    else for (const b of UTF8.encode(ch)) out.push(b);
  };
  if (quote === '`') {
    const end = text.indexOf('`', 1);
    if (end !== text.length - 1) return fail('unterminated raw string', 0);
    pushChar(text.slice(1, -1));
    return done(out);
  }
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') return fail('unterminated quoted string', 0);
    if (c === quote) {
      if (i !== text.length - 1) return fail('unterminated quoted string', 0);
      return done(out);
    }
    if (c !== '\\') {
      const cp = text.codePointAt(i)!;
      pushChar(String.fromCodePoint(cp));
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) return fail('escape sequence not terminated', i);
    if (SIMPLE_ESCAPES[e] !== undefined || e === quote) {
      out.push(SIMPLE_ESCAPES[e] ?? e.charCodeAt(0));
      i += 2;
      continue;
    }
    const spec = e >= '0' && e <= '7' ? { n: 3, base: 8, max: 255, start: i + 1 }
      : e === 'x' ? { n: 2, base: 16, max: 255, start: i + 2 }
        : e === 'u' ? { n: 4, base: 16, max: 0x10ffff, start: i + 2 }
          : e === 'U' ? { n: 8, base: 16, max: 0x10ffff, start: i + 2 } : undefined;
    if (!spec) return fail(`unknown escape sequence ${goRuneName(e)}`, i);
    let value = 0;
    for (let k = 0; k < spec.n; k++) {
      const d = text[spec.start + k];
      const digit = d === undefined ? NaN : parseInt(d, spec.base);
      if (Number.isNaN(digit) || !/[0-9a-fA-F]/.test(d)) {
        return fail(d === undefined ? 'escape sequence not terminated' : `illegal character ${goRuneName(d)} in escape sequence`, i);
      }
      value = value * spec.base + digit;
    }
    if (value > spec.max || (value >= 0xd800 && value < 0xe000)) return fail('escape sequence is an invalid Unicode code point', i);
    if (spec.max === 255) out.push(value);
    else pushChar(String.fromCodePoint(value));
    i = spec.start + spec.n;
  }
  return fail('unterminated quoted string', 0);
}

const UTF8_DECODER = new TextDecoder('utf-8');

function done(bytes: number[]): UnquotedString {
  const b = Uint8Array.from(bytes);
  return { value: UTF8_DECODER.decode(b), bytes: b, errorAt: 0 };
}

/** Go's `%#U` of a character: `U+0071 'q'`. */
function goRuneName(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}
