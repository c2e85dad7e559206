/**
 * Go RE2 regular expressions, the one checker of them: what the API server compiles a schema's `pattern` with and
 * Prometheus a PromQL regex matcher with. Via `@bufbuild/re2`, loaded lazily.
 *
 * @see https://github.com/google/re2/wiki/Syntax
 */

import { re2 } from './lazy-modules';

const compiled = new Map<string, { matcher?: any; error?: string }>();

function compile(pattern: string): { matcher?: any; error?: string } {
  let entry = compiled.get(pattern);
  if (!entry) {
    try {
      entry = { matcher: re2().RE2JS.compile(literalBracesEscaped(pattern)) };
    } catch (e: any) {
      entry = { error: String(e?.message ?? e) };
    }
    compiled.set(pattern, entry);
  }
  return entry;
}

/**
 * The pattern with every `{` that does not start a repeat (`{n}`, `{n,}`, `{n,m}`) escaped. Go reads such a
 * brace as a literal, also before a repetition operator (`a{?`); `@bufbuild/re2` reports "invalid nested
 * repetition operator" there (found by the PromQL differential against promtool). Escaped, both read the same.
 */
function literalBracesEscaped(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        // \Q…\E is literal text, left as it is
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end === -1 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop - 1;
      } else {
        // `\p{Greek}`: the braces of a Unicode class name stay
        const skip = /^\\[pP]\{[^}]*\}/.exec(pattern.slice(i))?.[0].length ?? 2;
        out += pattern.slice(i, i + skip);
        i += skip - 1;
      }
    } else if (c === '{' && !/^\{[0-9]+(?:,[0-9]*)?\}/.test(pattern.slice(i))) {
      out += '\\{';
    } else {
      out += c;
    }
  }
  return out;
}

/** The RE2 compile error of a pattern, or undefined when it compiles. */
export function re2Error(pattern: string): string | undefined {
  return compile(pattern).error;
}

/** Whether `text` contains a match of the RE2 `pattern` (unanchored, like JSON Schema; anchor it for a full match). */
export function re2Test(pattern: string, text: string): boolean {
  const { matcher } = compile(pattern);
  return matcher ? matcher.test(text) : false;
}
