/**
 * OLM v1's version ranges (`ClusterExtension.spec.source.catalog.version`) as operator-controller v1.10.0 reads
 * them: Masterminds/semver v3.5.0's `NewConstraint`, then `Check` of each bundle's version
 * (internal/operator-controller/catalogmetadata/compare). This is not blang/semver, which reads a CSV's
 * `olm.skipRange` (`src/core/semver-range.ts`): the operators, wildcards, `~`, `^` and the joiners differ, and a
 * range of pre-releases is a different question. Written from Masterminds' documented rules and behaviour,
 * checked against the library itself by a differential test (tools/masterminds, `mm-check`).
 *
 * - `||` separates alternatives; inside one, constraints are joined by spaces or commas, all must hold.
 * - A constraint is an operator (none, `=`, `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`) and a version
 *   whose minor and patch may be left out or be a wildcard (`x`, `X`, `*`), as may the major (then 0.0.0).
 * - A version with a pre-release satisfies an alternative only when one of its constraints names a pre-release.
 *
 * Only ranges the CRD accepts reach this parser (`versionRangeProblems` first); hyphen ranges are not handled.
 */
import { compareSemVer, SemVer } from '../../core/semver';

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

interface Constraint {
  readonly op: Op;
  /** The constraint's version, wildcards and missing parts as 0. */
  readonly version: SemVer;
  /** The major was a wildcard or missing (the whole version is open). */
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

/** A parsed range, or why Masterminds refuses it. */
export type VersionConstraint =
  | { readonly matches: (v: SemVer) => boolean; readonly error?: undefined }
  | { readonly matches?: undefined; readonly error: string };

// the same operator order as Masterminds' alternation: the first alternative that lets the rest match wins
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const PART = '[0-9|xX*]+';
const CV = `v?(${PART})(\\.${PART})?(\\.${PART})?(-([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?(\\+([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?`;
const VALID = new RegExp(`^(\\s*(${OPS})\\s*(${CV})\\s*)((?:\\s+|,\\s*)(${OPS})\\s*(${CV})\\s*)*$`);
const FIND = new RegExp(`(${OPS})\\s*(${CV})`, 'g');
const ONE = new RegExp(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const NUMBER = /^\d+$/;
const UINT64_MAX = 2n ** 64n - 1n;

function isWild(s: string): boolean {
  return s === 'x' || s === 'X' || s === '*';
}

function num(s: string): bigint | undefined {
  if (!NUMBER.test(s)) return undefined;
  const n = BigInt(s);
  return n <= UINT64_MAX ? n : undefined;
}

function parseOne(text: string): Constraint | string {
  const m = ONE.exec(text);
  if (!m) return `improper constraint: ${JSON.stringify(text)}`;
  const op = m[1] as Op;
  const major = m[3];
  const minor = (m[4] ?? '').replace(/^\./, '');
  const patch = (m[5] ?? '').replace(/^\./, '');
  const prerelease = m[7] ? m[7].split('.') : [];
  let parts: [string, string, string];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isWild(major)) {
    parts = ['0', '0', '0'];
    dirty = true;
  } else if (minor === '' || isWild(minor)) {
    parts = [major, '0', '0'];
    dirty = minorDirty = true;
  } else if (patch === '' || isWild(patch)) {
    parts = [major, minor, '0'];
    dirty = patchDirty = true;
  } else {
    parts = [major, minor, patch];
  }
  const [a, b, c] = parts.map(num);
  if (a === undefined || b === undefined || c === undefined) return 'constraint parser error';
  if (prerelease.some((p) => NUMBER.test(p) && p.length > 1 && p.startsWith('0'))) return 'constraint parser error';
  return { op, version: { major: a, minor: b, patch: c, prerelease }, dirty, minorDirty, patchDirty };
}

function tilde(v: SemVer, c: Constraint): boolean {
  if (compareSemVer(v, c.version) < 0) return false;
  const k = c.version;
  if (k.major === 0n && k.minor === 0n && k.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== k.major) return false;
  return v.minor === k.minor || c.minorDirty;
}

function caret(v: SemVer, c: Constraint): boolean {
  const k = c.version;
  if (compareSemVer(v, k) < 0) return false;
  if (k.major > 0n || c.minorDirty) return v.major === k.major;
  if (v.major > 0n) return false;
  if (k.minor > 0n || c.patchDirty) return v.minor === k.minor;
  if (v.minor > 0n) return false;
  return v.patch === k.patch;
}

function notEqual(v: SemVer, c: Constraint): boolean {
  const k = c.version;
  if (c.dirty) {
    if (k.major !== v.major) return true;
    if (k.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (k.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.prerelease.length > 0 || k.prerelease.length > 0) return v.prerelease.join('.') !== k.prerelease.join('.');
      return false;
    }
  }
  return compareSemVer(v, k) !== 0;
}

function greaterThan(v: SemVer, c: Constraint): boolean {
  const k = c.version;
  if (!c.dirty) return compareSemVer(v, k) > 0;
  if (v.major !== k.major) return v.major > k.major;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > k.minor;
  return compareSemVer(v, k) > 0;
}

function lessThanOrEqual(v: SemVer, c: Constraint): boolean {
  const k = c.version;
  if (!c.dirty) return compareSemVer(v, k) <= 0;
  if (v.major > k.major) return false;
  return !(v.major === k.major && v.minor > k.minor && !c.minorDirty);
}

function check(v: SemVer, c: Constraint, includePre: boolean): boolean {
  if (v.prerelease.length > 0 && !includePre) return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compareSemVer(v, c.version) === 0;
    case '!=': return notEqual(v, c);
    case '>': return greaterThan(v, c);
    case '<': return compareSemVer(v, c.version) < 0;
    case '>=':
    case '=>': return compareSemVer(v, c.version) >= 0;
    case '<=':
    case '=<': return lessThanOrEqual(v, c);
    case '~':
    case '~>': return tilde(v, c);
    case '^': return caret(v, c);
  }
}

/** Parses a range as operator-controller does; `matches` answers for a bundle version. */
export function parseVersionConstraint(text: string): VersionConstraint {
  if (text.length > 512) return { error: 'constraint string is too long' };
  const alternatives = text.split('||');
  if (alternatives.length > 32) return { error: 'too many constraint groups' };
  const groups: Array<{ constraints: Constraint[]; pre: boolean }> = [];
  for (const alt of alternatives) {
    if (!VALID.test(alt)) return { error: `improper constraint: ${JSON.stringify(alt)}` };
    const found = alt.match(FIND) ?? [alt];
    const constraints: Constraint[] = [];
    for (const f of found) {
      const c = parseOne(f);
      if (typeof c === 'string') return { error: c };
      constraints.push(c);
    }
    groups.push({ constraints, pre: constraints.some((c) => c.version.prerelease.length > 0) });
  }
  return { matches: (v: SemVer) => groups.some((g) => g.constraints.every((c) => check(v, c, g.pre))) };
}
