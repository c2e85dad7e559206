/**
 * SemVer version constraints as Helm reads a dependency's `version` (github.com/Masterminds/semver/v3 v3.5.0
 * `NewConstraint`, which Helm's dependency resolver calls): `^1.2.0`, `~1.2`, `>= 1.0, < 2.0`, `1.2.x`, `1.0 - 2.0`,
 * `^1 || ^2`. A re-implementation of its checks (the same regular expressions, with Go's `\s`), not of its matching.
 */

const S = '[\\t\\n\\f\\r ]';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV = 'v?([0-9|xX*]+)(\\.[0-9|xX*]+)?(\\.[0-9|xX*]+)?'
  + '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?'
  + '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g');
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, 'g');
const VALID = new RegExp(`^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`);
const LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const MAX_CONSTRAINT_LEN = 512;
const MAX_CONSTRAINT_GROUPS = 32;
const MAX_VERSION_LEN = 256;
const MAX_UINT64 = 18446744073709551615n;

/** Why Helm would refuse a version constraint, or `undefined` when it reads it. */
export function versionConstraintError(c: string): string | undefined {
  if (c.length > MAX_CONSTRAINT_LEN) return `it is longer than ${MAX_CONSTRAINT_LEN} characters`;
  const rewritten = c.replace(RANGE, (_m, from: string, ...rest: string[]) => `>= ${from}, <= ${rest[9]} `);
  const ors = rewritten.split('||');
  if (ors.length > MAX_CONSTRAINT_GROUPS) return `it has more than ${MAX_CONSTRAINT_GROUPS} groups joined by ||`;
  for (const group of ors) {
    if (!VALID.test(group)) return `${JSON.stringify(group)} is not a constraint`;
    const found = group.match(FIND) ?? [group];
    for (const one of found) {
      if (!constraintParses(one)) return `${JSON.stringify(one)} is not a version`;
    }
  }
  return undefined;
}

function constraintParses(c: string): boolean {
  if (c === '') return true;
  const m = CONSTRAINT.exec(c);
  if (!m) return false;
  const [, , whole, major, minor, patch, pre] = m;
  const isX = (s: string | undefined) => s === 'x' || s === 'X' || s === '*';
  const preText = pre ?? '';
  let ver = whole;
  if (isX(major) || major === undefined) ver = `0.0.0${preText}`;
  else if (minor === undefined || isX(minor.slice(1))) ver = `${major}.0.0${preText}`;
  else if (patch === undefined || isX(patch.slice(1))) ver = `${major}${minor}.0${preText}`;
  return coercedVersionParses(ver);
}

/** Masterminds' `NewVersion` with `CoerceNewVersion` on (its default). */
function coercedVersionParses(v: string): boolean {
  if (v.length > MAX_VERSION_LEN) return false;
  const m = LOOSE_VERSION.exec(v);
  if (!m) return false;
  for (const part of [m[1], m[2], m[3]]) {
    if (part !== undefined && BigInt(part.replace(/^\./, '')) > MAX_UINT64) return false;
  }
  // a numeric pre-release identifier has no leading zero
  return (m[5] ?? '').split('.').every((id) => !/^0[0-9]+$/.test(id));
}
