/**
 * A function's source with every run of whitespace made one space: what opskit compares (or hashes) to prove that
 * a dependency's code is the code a fast path was proven against. Not a function: the empty string.
 */
export function normalizedSource(f: unknown): string {
  return typeof f === 'function' ? Function.prototype.toString.call(f).replace(/\s+/g, ' ') : '';
}
