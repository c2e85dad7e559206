/**
 * Checks of an OLM bundle's props that the CSV's consumers would reject later (OLM, the catalog, OperatorHub's
 * validators), found at construction with the field that is wrong.
 */
import { csvName } from './csv';
import { isDns1123Label } from '../../core/names';
import { Problem, problem } from '../../core/problem';
import { compareSemVer, parseSemVer } from '../../core/semver';
import { parseSemVerRange } from '../../core/semver-range';

/** The CSV name's limit: it must be a DNS-1123 subdomain and a label value (operator-framework's CSV validator). */
const CSV_NAME_MAX = 63;

/** The version props of a bundle. */
export interface BundleVersionProps {
  readonly packageName: unknown;
  readonly version: unknown;
  readonly replaces?: unknown;
  readonly skips?: readonly unknown[];
  readonly skipRange?: unknown;
  readonly channels: unknown;
  readonly defaultChannel?: unknown;
  readonly minKubeVersion?: unknown;
}

/** Problems of a bundle's package, version, upgrade edges and channels. */
export function bundleVersionProblems(p: BundleVersionProps): Problem[] {
  const out: Problem[] = [];
  if (!isDns1123Label(p.packageName)) {
    out.push(problem('packageName', 'must be a DNS-1123 label (lowercase letters, digits, -)', p.packageName, 'use e.g. "backup-operator"'));
  }
  const version = parseSemVer(p.version);
  if (!version) {
    out.push(problem('version', 'must be a semantic version (MAJOR.MINOR.PATCH, no leading v)', p.version, 'use e.g. "0.3.1"'));
  } else if (typeof p.packageName === 'string' && csvName(p.packageName, String(p.version)).length > CSV_NAME_MAX) {
    out.push(problem('version', `must keep the CSV name <package>.v<version> within ${CSV_NAME_MAX} characters`, csvName(p.packageName, String(p.version)),
      'shorten the package name or drop build metadata from the version'));
  }
  if (typeof p.version === 'string' && p.version.includes('+')) {
    out.push(problem('version', 'must not carry build metadata (+…): the CSV name must be a DNS-1123 subdomain', p.version, 'drop the +… suffix'));
  }
  const edge = (field: string, value: unknown) => {
    const v = parseSemVer(value);
    if (!v) {
      out.push(problem(field, 'must be a semantic version of this package', value, 'give the version, e.g. "0.3.0" (not the CSV name)'));
    } else if (version && compareSemVer(v, version) >= 0) {
      out.push(problem(field, `must be lower than version ${String(p.version)} (upgrade edges point to older versions)`, value, 'give an older version'));
    }
  };
  if (p.replaces !== undefined) edge('replaces', p.replaces);
  (p.skips ?? []).forEach((s, i) => edge(`skips[${i}]`, s));
  if (p.skipRange !== undefined) {
    const range = parseSemVerRange(p.skipRange);
    if (range.error !== undefined) {
      out.push(problem('skipRange', `must be a semver range as OLM parses it (blang/semver): ${range.error}`, p.skipRange, 'write comparisons of full versions, e.g. ">=0.1.0 <0.3.1"'));
    }
  }
  const channels = Array.isArray(p.channels) ? p.channels : [];
  if (channels.length === 0) out.push(problem('channels', 'must list at least one channel', p.channels, 'use e.g. ["stable"]'));
  channels.forEach((c, i) => {
    if (!isDns1123Label(c)) out.push(problem(`channels[${i}]`, 'must be a channel name (lowercase letters, digits, -)', c, 'use e.g. "stable" or "candidate"'));
  });
  if (new Set(channels).size !== channels.length) out.push(problem('channels', 'must not repeat a channel', channels, 'list each channel once'));
  if (p.defaultChannel !== undefined && !channels.includes(p.defaultChannel)) {
    out.push(problem('defaultChannel', 'must be one of the bundle\'s channels', p.defaultChannel, `use one of ${JSON.stringify(channels)}`));
  }
  if (p.minKubeVersion !== undefined && !parseSemVer(p.minKubeVersion)) {
    out.push(problem('minKubeVersion', 'must be a full semantic version (OLM rejects "1.28")', p.minKubeVersion, 'use e.g. "1.28.0"'));
  }
  return out;
}
