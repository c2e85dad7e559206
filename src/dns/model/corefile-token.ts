/**
 * Corefile tokens (pure): a value written where the Corefile grammar expects ONE token.
 *
 * CoreDNS reads a Corefile with Caddy's lexer: whitespace separates tokens, a newline ends a directive,
 * `{` and `}` open and close blocks, `"` and `` ` `` quote, `\` escapes and `#` starts a comment. A value holding
 * any of these where one token is expected changes the structure of the file — `force_tcp\n}\n}\nevil.:53 {`
 * as a `forward` transport closes the block and adds a server block of its own. Such values are rejected
 * before rendering, naming the field.
 *
 * @see https://coredns.io/manual/configuration/
 */
import { Problem, problem } from '../../core/problem';

/** Characters that end, quote, escape, comment or nest a token, and every control or space character. */
const UNSAFE = /[\s{}"'`\\#;\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u;

/** The problems of a value that must be one Corefile token (undefined is not checked). */
export function corefileTokenProblems(field: string, value: unknown, example: string, rule = 'dns/corefile-token'): Problem[] {
  if (value === undefined) return [];
  if (typeof value !== 'string' || value.length === 0 || UNSAFE.test(value)) {
    return [problem(field, 'must be one Corefile token (no spaces, newlines, braces, quotes, backslashes or #)', value,
      `use e.g. ${JSON.stringify(example)}; a value that adds Corefile structure is refused`, rule)];
  }
  return [];
}

/** Whether a value is one Corefile token. */
export function isCorefileToken(value: unknown): boolean {
  return corefileTokenProblems('', value, '').length === 0;
}
