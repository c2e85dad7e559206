/**
 * Go RE2 regular expressions (what the API server compiles `pattern` with), via `@bufbuild/re2`,
 * loaded lazily.
 *
 * @see https://github.com/google/re2/wiki/Syntax
 */

import { re2 } from '../../core/lazy-modules';

const compiled = new Map<string, { matcher?: any; error?: string }>();

function compile(pattern: string): { matcher?: any; error?: string } {
  let entry = compiled.get(pattern);
  if (!entry) {
    try {
      entry = { matcher: re2().RE2JS.compile(pattern) };
    } catch (e: any) {
      entry = { error: String(e?.message ?? e) };
    }
    compiled.set(pattern, entry);
  }
  return entry;
}

/** The RE2 compile error of a pattern, or undefined when it compiles. */
export function re2Error(pattern: string): string | undefined {
  return compile(pattern).error;
}

/** Whether `text` contains a match of the RE2 `pattern` (unanchored, like JSON Schema). */
export function re2Test(pattern: string, text: string): boolean {
  const { matcher } = compile(pattern);
  return matcher ? matcher.test(text) : false;
}
