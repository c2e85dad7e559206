/**
 * Alertmanager label matchers: parsing, canonical rendering and matching.
 *
 * Pure model code. Semantics follow Alertmanager's `pkg/labels` (classic matcher syntax):
 * - a matcher is `name op value` with `op` one of `=`, `!=`, `=~`, `!~`;
 * - the value may be double-quoted (escapes `\"`, `\\`, `\n`) or bare;
 * - regular expressions are RE2 and fully anchored (`^(?:value)$`);
 * - a label the alert does not have matches as the empty string.
 *
 * @see https://prometheus.io/docs/alerting/latest/configuration/#matcher
 */
import type { RE2JS } from '@bufbuild/re2';
import { re2 } from '../../core/lazy-modules';
import { Problem, problem } from '../../core/problem';

/** The four matcher operators of Alertmanager. */
export type MatchType = '=' | '!=' | '=~' | '!~';

/** A parsed matcher. */
export interface ParsedMatcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
}

/** Prometheus label name syntax (what Alertmanager's classic parser accepts). */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|!=|!~|=)\s*([\s\S]*?)\s*$/;

/** The result of parsing a matcher: the matcher, or what is wrong with it. */
export interface MatcherParseResult {
  readonly matcher?: ParsedMatcher;
  readonly problems: Problem[];
}

/**
 * Parses one matcher written in Alertmanager's syntax, e.g. `severity="page"` or `team=~"a|b"`.
 *
 * @param field the field name used in problems (e.g. `route.routes[0].matchers[1]`)
 */
export function parseMatcher(text: string, field: string): MatcherParseResult {
  const fix = 'write a matcher as name="value", name!="value", name=~"regex" or name!~"regex"';
  if (typeof text !== 'string') {
    return { problems: [problem(field, 'must be a matcher string', text, fix)] };
  }
  const m = MATCHER.exec(text);
  if (!m) {
    return { problems: [problem(field, 'must be a matcher in Alertmanager syntax', text, fix)] };
  }
  const [, name, op, rawValue] = m;
  if (!LABEL_NAME.test(name)) {
    return { problems: [problem(field, 'must name a valid label (letters, digits, underscores; not starting with a digit)', name, fix)] };
  }
  let value = rawValue;
  if (rawValue.startsWith('"')) {
    const unquoted = unquote(rawValue);
    if (unquoted === undefined) {
      return { problems: [problem(field, 'must have a properly quoted value', text, 'close the quote and escape inner quotes as \\"')] };
    }
    value = unquoted;
  } else if (rawValue.includes('"')) {
    return { problems: [problem(field, 'must quote a value that contains a double quote', text, 'write the value as "…" and escape inner quotes as \\"')] };
  }
  const matcher: ParsedMatcher = { name, type: op as MatchType, value };
  const problems = checkRegex(matcher, field);
  return problems.length > 0 ? { problems } : { matcher, problems: [] };
}

/** Parses a list of matchers, collecting every problem. */
export function parseMatchers(texts: readonly string[] | undefined, field: string): { matchers: ParsedMatcher[]; problems: Problem[] } {
  const matchers: ParsedMatcher[] = [];
  const problems: Problem[] = [];
  if (texts === undefined) return { matchers, problems };
  if (!Array.isArray(texts)) {
    return { matchers, problems: [problem(field, 'must be a list of matcher strings', texts, 'write e.g. [\'severity="page"\']')] };
  }
  texts.forEach((t, i) => {
    const r = parseMatcher(t, `${field}[${i}]`);
    problems.push(...r.problems);
    if (r.matcher) matchers.push(r.matcher);
  });
  return { matchers, problems };
}

/** Canonical text of a matcher (Alertmanager's `Matcher.String()`): `name op "value"` with Go quoting. */
export function formatMatcher(m: ParsedMatcher): string {
  return `${m.name}${m.type}${quote(m.value)}`;
}

/** Whether one matcher matches a label set (a missing label is the empty string). */
export function matcherMatches(m: ParsedMatcher, labels: { readonly [name: string]: string }): boolean {
  const v = Object.prototype.hasOwnProperty.call(labels, m.name) ? labels[m.name] : '';
  switch (m.type) {
    case '=': return v === m.value;
    case '!=': return v !== m.value;
    case '=~': return anchored(m.value).test(v);
    case '!~': return !anchored(m.value).test(v);
  }
}

/** Whether every matcher matches (an empty list matches everything). */
export function matchersMatch(ms: readonly ParsedMatcher[], labels: { readonly [name: string]: string }): boolean {
  return ms.every((m) => matcherMatches(m, labels));
}

const REGEX_CACHE = new Map<string, RE2JS>();

function anchored(pattern: string): RE2JS {
  let re = REGEX_CACHE.get(pattern);
  if (!re) {
    re = new (re2().RE2JS)(`^(?:${pattern})$`);
    REGEX_CACHE.set(pattern, re);
  }
  return re;
}

function checkRegex(m: ParsedMatcher, field: string): Problem[] {
  if (m.type !== '=~' && m.type !== '!~') return [];
  try {
    anchored(m.value);
    return [];
  } catch (e) {
    return [problem(field, `must hold an RE2 regular expression (${(e as Error).message})`, m.value,
      'use RE2 syntax: no lookarounds or backreferences; the expression is anchored, so ^ and $ are not needed')];
  }
}

/** Quotes a value as Alertmanager's `Matcher.String()` does (OpenMetrics escaping of `\\`, `\n` and `"`). */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      default: out += ch;
    }
  }
  return `${out}"`;
}

function unquote(s: string): string | undefined {
  if (s.length < 2 || !s.endsWith('"')) return undefined;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') return undefined;
    if (ch !== '\\') { out += ch; continue; }
    const next = body[++i];
    if (next === undefined) return undefined;
    switch (next) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      // a spurious escape keeps its backslash, as Alertmanager's parser does (e.g. `\d` in a regex)
      default: out += `\\${next}`;
    }
  }
  return out;
}
