/**
 * Version ranges as OLM reads `olm.skipRange`: blang/semver v4 `ParseRange`, re-implemented from its documented
 * and observed behaviour, quirks included, so opskit accepts exactly the ranges OLM and opm accept and evaluates
 * them the same way (`test/core/semver-range.oracle.test.ts` proves it against the Go library through
 * `olm-check ranges`). What blang does that a reader may not expect:
 *
 * - comparisons are joined by spaces (and) and `||` (or); a space after `>`, `<` or `=` does not split
 *   (`>= 1.0.0`), and a one-byte word is dropped (`>=1.0.0 a` is `>=1.0.0`);
 * - a comparison is an operator (`<`, `<=`, `>`, `>=`, `=`, `==`, none, `!`, `!=`) and a strict version;
 *   the operator is whatever precedes the first digit;
 * - a word containing a lowercase `x` is a wildcard: `1.x` is `>=1.0.0 <2.0.0`, `<=1.2.x` is `<1.3.0`, `1.x.x`
 *   is `>=1.0.0 <1.1.0`, and a wildcard with an unknown operator (`~1.x`) is an equality (`=1.0.0`); `X` and `*`
 *   are not wildcards;
 * - an empty alternative (`1.0.0 || a || 2.0.0`: the one-byte word is dropped) parses, but evaluating it calls
 *   a nil function: OLM panics on every version the alternatives before it do not match. opskit refuses such a
 *   range (`parseSemVerRange`), and models the crash for the differential test (`blangRange`).
 */
import { compareSemVer, goTrimSpace, parseSemVer, SemVer } from './semver';

/** A parsed range: whether a version is in it. */
export type SemVerRange = (v: SemVer) => boolean;

/** A range, or why blang/semver refuses it. */
export type SemVerRangeResult = { readonly range: SemVerRange; readonly error?: undefined } | { readonly range?: undefined; readonly error: string };

const COMPARATORS: Readonly<Record<string, (c: number) => boolean>> = {
  '': (c) => c === 0,
  '=': (c) => c === 0,
  '==': (c) => c === 0,
  '!': (c) => c !== 0,
  '!=': (c) => c !== 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const utf8 = new TextEncoder();

/** What blang/semver makes of a range: its parse error, or how it evaluates (`'panic'` where it crashes). */
export type BlangRange = { readonly evaluate: (v: SemVer) => boolean | 'panic'; readonly emptyAlternative: boolean; readonly error?: undefined }
| { readonly evaluate?: undefined; readonly error: string };

/** Parses a range OLM can use: what blang/semver parses, without an empty alternative it would crash on. */
export function parseSemVerRange(text: unknown): SemVerRangeResult {
  const r = blangRange(text);
  if (r.error !== undefined) return { error: r.error };
  if (r.emptyAlternative) return { error: 'an alternative between two || is empty (blang/semver parses it, then panics evaluating it)' };
  return { range: (v) => r.evaluate(v) === true };
}

/** Parses a range exactly as blang/semver's `ParseRange` does, and evaluates it as the `Range` it returns does. */
export function blangRange(text: unknown): BlangRange {
  if (typeof text !== 'string') return { error: 'must be a string' };
  const words = splitWords(text);
  const alternatives: string[][] = [];
  let start = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== '||') continue;
    if (i === 0) return { error: 'First element in range is \'||\'' };
    alternatives.push(words.slice(start, i));
    start = i + 1;
  }
  if (start === words.length) return { error: 'Last element in range is \'||\'' };
  alternatives.push(words.slice(start));

  const expanded: string[][] = [];
  for (const words_ of alternatives) {
    const out: string[] = [];
    for (const w of words_) {
      if (!w.includes('x')) {
        out.push(w);
        continue;
      }
      const split = splitOperator(w);
      if (typeof split === 'string') return { error: split };
      out.push(...expandWildcard(split[0], split[1]));
    }
    expanded.push(out);
  }

  const ors: Array<SemVerRange | undefined> = [];
  for (const words_ of expanded) {
    const ands: SemVerRange[] = [];
    for (const w of words_) {
      const split = splitOperator(w);
      if (typeof split === 'string') return { error: split };
      const [op, version] = split;
      const holds = COMPARATORS[op];
      if (!Object.prototype.hasOwnProperty.call(COMPARATORS, op)) return { error: `Could not parse comparator ${JSON.stringify(op)} in ${JSON.stringify(w)}` };
      const bound = parseSemVer(version);
      if (!bound) return { error: `Could not parse version ${JSON.stringify(version)} in ${JSON.stringify(w)}` };
      ands.push((v) => holds(compareSemVer(v, bound)));
    }
    ors.push(ands.length === 0 ? undefined : (v) => ands.every((f) => f(v)));
  }
  // blang folds the alternatives with ||, left to right; an empty one is a nil function, called (a panic) only
  // when the alternatives before it are all false. The first alternative is never empty ('||' first is refused).
  const evaluate = (v: SemVer): boolean | 'panic' => {
    for (const alternative of ors) {
      if (alternative === undefined) return 'panic';
      if (alternative(v)) return true;
    }
    return false;
  };
  return { evaluate, emptyAlternative: ors.some((a) => a === undefined) };
}

/** Whether blang/semver parses the text as a range. */
export function isSemVerRange(text: unknown): boolean {
  return parseSemVerRange(text).range !== undefined;
}

/**
 * Splits at spaces, except a space after `>`, `<` or `=` (the last non-space character), drops words of fewer
 * than two bytes, and removes the spaces left inside words.
 */
function splitWords(s: string): string[] {
  const words: string[] = [];
  let start = 0;
  let last = '';
  const keep = (w: string) => { if (utf8.encode(w).length >= 2) words.push(w.replace(/ /g, '')); };
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ' ' && last !== '>' && last !== '<' && last !== '=') {
      keep(s.slice(start, i));
      start = i + 1;
    } else if (s[i] !== ' ') {
      last = s[i];
    }
  }
  keep(s.slice(start));
  return words;
}

/** The operator (what precedes the first digit, trimmed) and the version; a message when there is no digit. */
function splitOperator(w: string): [string, string] | string {
  const i = w.search(/\p{Nd}/u);
  if (i < 0) return `Could not get version from string: ${JSON.stringify(w)}`;
  return [goTrimSpace(w.slice(0, i)), w.slice(i)];
}

/** The words a wildcard comparison stands for. */
function expandWildcard(op: string, version: string): string[] {
  const parts = version.split('.');
  const wildcard = parts[parts.length - 1] === 'x' && parts.length <= 3 ? parts.length : 0; // 1 major, 2 minor, 3 patch
  let flat = version.replace('.x.x', '.x').replace('.x', '.0');
  if (flat.split('.').length === 2) flat += '.0';
  const next = () => (wildcard === 3 ? increment(flat, 1) : wildcard === 2 ? increment(flat, 0) : '');
  switch (op) {
    case '>': return [`>=${next()}`];
    case '>=': return [`>=${flat}`];
    case '<': return [`<${flat}`];
    case '<=': return [`<${next()}`];
    case '': case '=': case '==': return [`>=${flat}`, `<${next()}`];
    case '!=': case '!': return [`<${flat}`, `>=${next()}`];
    default: return [flat];
  }
}

/** Adds one to a dot-separated part as Go's `strconv.Atoi`/`Itoa` do (int64, wrapping); '' when Atoi fails. */
function increment(version: string, index: number): string {
  const parts = version.split('.');
  if (!/^[+-]?\d+$/.test(parts[index])) return '';
  const n = BigInt(parts[index]);
  if (n < INT64_MIN || n > INT64_MAX) return '';
  parts[index] = String(n === INT64_MAX ? INT64_MIN : n + 1n);
  return parts.join('.');
}
