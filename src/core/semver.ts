/**
 * Semantic versions (SemVer 2.0.0, semver.org) as OLM reads them: blang/semver v4 `Parse`, the strict form of
 * a CSV's `spec.version`, `replaces`/`skips` and `olm.skipRange` (no leading `v`, no leading zeros in numeric
 * parts, numbers up to 2^64-1), and the precedence it compares by. `semver-range.ts` parses ranges.
 */

/** semver.org's own pattern for a SemVer 2.0.0 version. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The largest number blang/semver holds (a Go uint64). */
const UINT64_MAX = 2n ** 64n - 1n;

/** A parsed version. */
export interface SemVer {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** Pre-release identifiers (`rc.1` → `['rc', '1']`), empty for a release. */
  readonly prerelease: readonly string[];
  /** Build metadata, ignored by precedence. */
  readonly build?: string;
}

/** Parses a strict SemVer 2.0.0 version; `undefined` when it is not one. */
export function parseSemVer(value: unknown): SemVer | undefined {
  if (typeof value !== 'string') return undefined;
  const m = SEMVER.exec(value);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]].map(BigInt);
  const prerelease = m[4] ? m[4].split('.') : [];
  if (parts.some((n) => n > UINT64_MAX) || prerelease.some((p) => /^\d+$/.test(p) && BigInt(p) > UINT64_MAX)) return undefined;
  return { major: parts[0], minor: parts[1], patch: parts[2], prerelease, build: m[5] };
}

/**
 * Parses a version as blang/semver's `ParseTolerant` does (how operator-framework reads a Kubernetes version such
 * as `minKubeVersion` for its deprecated-API rules): surrounding space and one leading `v` removed, leading zeros
 * of each dot-separated part dropped, `1.25` and `1` filled up to `1.25.0` and `1.0.0`; then strict.
 */
export function parseSemVerTolerant(value: unknown): SemVer | undefined {
  if (typeof value !== 'string') return undefined;
  const text = goTrimSpace(value);
  const parts = (text.startsWith('v') ? text.slice(1) : text).split('.');
  // Go's SplitN(s, ".", 3): the third part keeps its dots
  if (parts.length > 3) parts.splice(2, parts.length - 2, parts.slice(2).join('.'));
  const trimmed = parts.map((p) => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t === '' || !/^[0-9]/.test(t) ? `0${t}` : t;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed[trimmed.length - 1])) return undefined;
    while (trimmed.length < 3) trimmed.push('0');
  }
  return parseSemVer(trimmed.join('.'));
}

/** Go's `unicode.IsSpace` characters (JavaScript's `\\s` also has U+FEFF, which Go does not). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(s: string): string {
  return s.replace(GO_TRIM, '');
}

/** Whether a value is a strict SemVer 2.0.0 version. */
export function isSemVer(value: unknown): boolean {
  return parseSemVer(value) !== undefined;
}

/** SemVer precedence: negative when `a` < `b`, 0 when equal (build metadata ignored), positive when `a` > `b`. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  // a release has higher precedence than its pre-releases
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1; // numeric identifiers sort before alphanumeric ones
    return x < y ? -1 : 1;
  }
  return a.prerelease.length - b.prerelease.length;
}

/** The text of a parsed version. */
export function formatSemVer(v: SemVer): string {
  const pre = v.prerelease.length > 0 ? `-${v.prerelease.join('.')}` : '';
  return `${v.major}.${v.minor}.${v.patch}${pre}${v.build ? `+${v.build}` : ''}`;
}
