/**
 * Version constraints as github.com/Masterminds/semver/v3 v3.5.0 reads them — `NewConstraint`, then `Check` of a
 * version. Two consumers call that library: Helm, for a chart dependency's `version` (its dependency resolver), and
 * operator-controller v1.10.0, for OLM v1's `ClusterExtension.spec.source.catalog.version`. This is not
 * blang/semver, which reads a CSV's `olm.skipRange` (`semver-range.ts`): the operators, wildcards, `~`, `^` and the
 * joiners differ. Written from Masterminds' documented rules and behaviour; checked against the library itself by
 * differential tests (tools/masterminds `mm-check`, and `helm dependency update`).
 *
 * - `||` separates alternatives (at most 32); inside one, constraints are joined by spaces or commas, all must
 *   hold; `a - b` is `>= a, <= b`. The whole text is at most 512 characters.
 * - A constraint is an operator (none, `=`, `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`) and a version
 *   whose minor and patch may be left out or be a wildcard (`x`, `X`, `*`), as may the major (then 0.0.0).
 * - A version with a pre-release satisfies an alternative only when one of its constraints names a pre-release.
 */
import { compareSemVer, SemVer } from './semver';

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

/** A parsed constraint, or why Masterminds refuses it. */
export type MastermindsConstraint =
  | { readonly matches: (v: SemVer) => boolean; readonly error?: undefined }
  | { readonly matches?: undefined; readonly error: string };

// Go's `\s` (RE2), not JavaScript's
const S = '[\\t\\n\\f\\r ]';
// the same operator order as Masterminds' alternation: the first alternative that lets the rest match wins
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const PART = '[0-9|xX*]+';
const CV = `v?(${PART})(\\.${PART})?(\\.${PART})?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?`;
const ONE = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g');
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, 'g');
const VALID = new RegExp(`^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`);
const NUMBER = /^\d+$/;
const MAX_CONSTRAINT_LEN = 512;
const MAX_CONSTRAINT_GROUPS = 32;
const MAX_VERSION_LEN = 256;
const UINT64_MAX = 2n ** 64n - 1n;

function isWild(s: string): boolean {
  return s === 'x' || s === 'X' || s === '*';
}

function num(s: string): bigint | undefined {
  if (!NUMBER.test(s)) return undefined;
  const n = BigInt(s);
  return n <= UINT64_MAX ? n : undefined;
}

/** One constraint (`>=1.2`, `~1.x`), or why Masterminds' `NewVersion` (coercing, its default) refuses its version. */
function parseOne(text: string): Constraint | string {
  const notVersion = `${JSON.stringify(text)} is not a version`;
  const m = ONE.exec(text);
  if (!m) return notVersion;
  const op = m[1] as Op;
  const major = m[3];
  const minor = (m[4] ?? '').replace(/^\./, '');
  const patch = (m[5] ?? '').replace(/^\./, '');
  const prerelease = m[7] ? m[7].split('.') : [];
  const pre = m[6] ?? '';
  let parts: [string, string, string];
  // the text NewVersion reads: wildcard and missing parts coerced to 0, build metadata dropped with them
  let coerced = m[2];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isWild(major)) {
    parts = ['0', '0', '0'];
    coerced = `0.0.0${pre}`;
    dirty = true;
  } else if (minor === '' || isWild(minor)) {
    parts = [major, '0', '0'];
    coerced = `${major}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (patch === '' || isWild(patch)) {
    parts = [major, minor, '0'];
    coerced = `${major}.${minor}.0${pre}`;
    dirty = patchDirty = true;
  } else {
    parts = [major, minor, patch];
  }
  if (coerced.length > MAX_VERSION_LEN) return notVersion;
  const [a, b, c] = parts.map(num);
  if (a === undefined || b === undefined || c === undefined) return notVersion;
  // a numeric pre-release identifier has no leading zero
  if (prerelease.some((p) => NUMBER.test(p) && p.length > 1 && p.startsWith('0'))) return notVersion;
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

/** Parses a constraint as Masterminds' `NewConstraint` does; `matches` answers its `Check` for a version. */
export function parseMastermindsConstraint(text: string): MastermindsConstraint {
  if (text.length > MAX_CONSTRAINT_LEN) return { error: `it is longer than ${MAX_CONSTRAINT_LEN} characters` };
  const rewritten = text.replace(RANGE, (_m, from: string, ...rest: string[]) => `>= ${from}, <= ${rest[9]} `);
  const alternatives = rewritten.split('||');
  if (alternatives.length > MAX_CONSTRAINT_GROUPS) return { error: `it has more than ${MAX_CONSTRAINT_GROUPS} groups joined by ||` };
  const groups: Array<{ constraints: Constraint[]; pre: boolean }> = [];
  for (const alt of alternatives) {
    if (!VALID.test(alt)) return { error: `${JSON.stringify(alt)} is not a constraint` };
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
