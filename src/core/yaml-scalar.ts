/**
 * How opskit writes one YAML scalar so that every reader it targets parses the same value: Go's
 * gopkg.in/yaml.v2, go.yaml.in/yaml/v2 and v3, gopkg.in/yaml.v3 and sigs.k8s.io/yaml (Kubernetes, promtool,
 * amtool), Python's PyYAML and ruamel.yaml, and the `yaml` npm package in YAML 1.1 and 1.2 modes.
 *
 * The rules, from the strictest reader of each kind:
 * - a string is written plain only when no reader can take it for anything else: not a YAML 1.1 or 1.2
 *   boolean, null, number (octal `0755`, `0o17`, hex, binary, `1_000`, sexagesimal `1:20`, `.inf`), timestamp,
 *   `=` or `<<`; no leading or trailing space, no indicator in front, no `: ` or ` #`, no tab;
 * - characters that some reader treats as a line break or rejects raw — C0 and C1 controls (NEL U+0085
 *   included), DEL, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF — are only ever written as escapes inside double
 *   quotes, never raw and never in block scalars;
 * - multi-line text is a literal block scalar (`|`, `|-` or `|+` after its trailing newlines, with an
 *   indentation indicator when its first line starts with a space or a tab or is empty), unless a line is
 *   made only of spaces and tabs (then it is double-quoted);
 * - lone UTF-16 surrogates cannot be written (Go's readers reject them even as escapes), so they are reported;
 * - numbers: integers below 1e21 as their exact plain digits (Go reads them as int64 or uint64, or a float
 *   past that),
 *   other values in JavaScript's shortest round-trip form with a `.0` added to an exponent mantissa without a
 *   dot (`1.0e+21`: YAML 1.1 floats need the dot); `-0` is written `0` as JSON writes it; non-finite numbers as
 *   `.inf`, `-.inf` and `.nan`.
 *
 * Pure: no I/O, no dependencies.
 */

/** How a string is written. */
export enum ScalarStyle {
  PLAIN = 'plain',
  SINGLE_QUOTED = 'single',
  DOUBLE_QUOTED = 'double',
  /** A literal block scalar (`|`); only where the caller can place one (a value, not a key). */
  LITERAL = 'literal',
}

/** Common names, keys and label values: letters, digits and `-._/`, starting with a letter, `_` or `/`. */
const FAST_PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;

/**
 * Characters never written raw: C0 controls but tab and line feed, DEL, C1 controls (NEL included), the
 * Unicode line and paragraph separators, the byte order mark and the two non-characters outside YAML's
 * printable set.
 */
const MUST_ESCAPE = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** What double quotes must escape: the above, the quote, the backslash, tab and line feed. */
const DOUBLE_ESCAPES = /["\\\x00-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** A line of only spaces and tabs (not an empty line). */
const WHITESPACE_LINE = /(?:^|\n)[ \t]+(?:\n|$)/;

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Words some reader resolves to a boolean, null, special float, YAML 1.1 value (`=`) or merge key (`<<`). */
const SPECIAL_WORDS = new Set([
  'y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~', '=', '<<',
  '.inf', '+.inf', '-.inf', '.nan',
]);

/** YAML 1.1 and 1.2 decimal ints and floats, with `_` separators, sexagesimal parts and exponents. */
const DECIMALISH = /^[-+]?(?:[0-9_]+(?::[0-9_]+)*(?:\.[0-9_]*)?|\.[0-9_]*)?(?:[eE][-+]?[0-9_]*)?$/;
/** The `yaml` package's YAML 1.1 float needs no digit before the exponent: `e3` is a number there. */
const EXPONENT_ONLY = /^[eE][-+]?[0-9]+$/;
/** Prefixed ints as Go's `strconv.ParseInt(s, 0, 64)` reads them after yaml.v2 drops every `_`. */
const PREFIXED_INT = /^[-+]?0[xXoObB][0-9a-fA-F_]*$/;
/** Anything that starts like a YAML 1.1 timestamp (`2001-12-14`, `2001-1-2 10:00:00`). */
const TIMESTAMPISH = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;

/** Indicators that cannot start a plain scalar (`-`, `?` and `:` can, when a non-space follows). */
const LEADING_INDICATORS = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`']);

/** Whether a string contains a lone UTF-16 surrogate, which no UTF-8 YAML file can hold. */
export function hasLoneSurrogate(s: string): boolean {
  return SURROGATE.test(s) && LONE_SURROGATE.test(s);
}

/** Whether some reader would resolve this plain text to something other than the same string. */
export function resolvesAsNonString(s: string): boolean {
  if (s.length <= 6 && SPECIAL_WORDS.has(s.toLowerCase())) return true;
  const c = s.charCodeAt(0);
  if (c === 0x65 || c === 0x45) return EXPONENT_ONLY.test(s);
  // every number and timestamp starts with a digit, a sign, a dot or (ruamel's YAML 1.2 ints: `_`, `-_`) `_`
  const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5f;
  if (!numeric) return false;
  return DECIMALISH.test(s) || PREFIXED_INT.test(s) || TIMESTAMPISH.test(s);
}

/** Whether a single-line string without escapes or tabs can be written plain. */
function plainAllowed(s: string): boolean {
  const first = s[0];
  if (first === ' ' || s[s.length - 1] === ' ') return false;
  if (LEADING_INDICATORS.has(first)) return false;
  if (first === '-' || first === '?' || first === ':') {
    // `- x`, `? x`, `: x` and a lone indicator are structure; `---` would end a document
    if (s.length === 1 || s[1] === ' ' || s.startsWith('---')) return false;
  }
  if (s.startsWith('...')) return false;
  if (s[s.length - 1] === ':' || s.includes(': ') || s.includes(' #')) return false;
  return !resolvesAsNonString(s);
}

/**
 * Whether multi-line text (already free of characters that must be escaped) can be a literal block scalar:
 * it has some non-space text, and no line is made only of spaces and tabs (readers disagree on whether such a
 * line is content or a chomped blank line: the `yaml` package drops a last one that PyYAML keeps).
 */
function literalAllowed(s: string): boolean {
  return /[^\s]/.test(s) && !WHITESPACE_LINE.test(s);
}

/**
 * The style a string is written in. `blockAllowed` is false for mapping keys and top-level scalars.
 * Throws nothing: lone surrogates are the caller's to report (see `hasLoneSurrogate`).
 */
export function scalarStyle(s: string, blockAllowed: boolean): ScalarStyle {
  if (FAST_PLAIN.test(s)) return resolvesAsNonString(s) ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN;
  return otherStyle(s, blockAllowed);
}

/** The style of a string that is not FAST_PLAIN. */
function otherStyle(s: string, blockAllowed: boolean): ScalarStyle {
  if (s === '' || MUST_ESCAPE.test(s)) return ScalarStyle.DOUBLE_QUOTED;
  if (s.includes('\n')) return blockAllowed && literalAllowed(s) ? ScalarStyle.LITERAL : ScalarStyle.DOUBLE_QUOTED;
  if (s.includes('\t')) return ScalarStyle.DOUBLE_QUOTED;
  if (plainAllowed(s)) return ScalarStyle.PLAIN;
  return s.includes('"') ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED;
}

/**
 * `scalarStyle` of a string that may hold a lone UTF-16 surrogate: undefined for such a string (it cannot be
 * written). The common plain string is told apart first, by one test: its characters are ASCII, so it has no
 * surrogate to look for.
 */
export function checkedScalarStyle(s: string, blockAllowed: boolean): ScalarStyle | undefined {
  if (FAST_PLAIN.test(s)) return resolvesAsNonString(s) ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN;
  return hasLoneSurrogate(s) ? undefined : otherStyle(s, blockAllowed);
}

/** A string in double quotes, escaping what must be escaped. */
export function doubleQuoted(s: string): string {
  if (!DOUBLE_ESCAPES.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (c === 0x0a) esc = '\\n';
    else if (c === 0x09) esc = '\\t';
    else if (c === 0x0d) esc = '\\r';
    else if (c === 0x00) esc = '\\0';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) esc = `\\x${c.toString(16).padStart(2, '0').toUpperCase()}`;
    else if (c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) esc = `\\u${c.toString(16).toUpperCase()}`;
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return `${out}${s.slice(start)}"`;
}

/** A string in single quotes (only for text without escapes, line breaks or tabs). */
export function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, '\'\'')}'`;
}

/** A string written inline (plain or quoted); `style` must not be `LITERAL`. */
export function inlineScalar(s: string, style: ScalarStyle): string {
  switch (style) {
    case ScalarStyle.PLAIN: return s;
    case ScalarStyle.SINGLE_QUOTED: return singleQuoted(s);
    default: return doubleQuoted(s);
  }
}

/**
 * A literal block scalar: the header (`|`, `|-`, `|+`, with an indentation indicator `2` when needed) and the
 * lines, each indented by `indent` spaces (the indicator, when given, is always 2: the content sits two
 * spaces deeper than the collection that holds it). Returns the header and the body (ending with `\n`).
 */
export function literalBlock(s: string, indent: string): { header: string; body: string } {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x0a) end--;
  const trailing = s.length - end;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  // without an indicator readers take the indentation from the first non-empty line, and Go's readers and
  // libyaml reject a tab there
  const indicator = s[0] === ' ' || s[0] === '\t' || s[0] === '\n' ? '2' : '';
  const lines = s.slice(0, end).split('\n');
  let body = '';
  for (const line of lines) body += line === '' ? '\n' : `${indent}${line}\n`;
  // kept trailing newlines beyond the last line's own
  for (let i = 1; i < trailing; i++) body += '\n';
  return { header: `|${indicator}${chomp}`, body };
}

/**
 * A number as every reader parses back the same value: integers below 1e21 in plain digits, others in the
 * shortest round-trip form with a dot in the mantissa of an exponent, `-0` as `0`, `.inf`/`-.inf`/`.nan`.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (n === 0) return '0';
  // past 2^53 JavaScript's shortest form rounds the digits ("1152921504606847000" for 2^60): write the exact
  // integer the double holds, so that Go's int64/uint64 parse gets exactly this value
  if (Number.isInteger(n) && Math.abs(n) > Number.MAX_SAFE_INTEGER && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const mantissa = s.slice(0, e);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}${s.slice(e)}`;
}
