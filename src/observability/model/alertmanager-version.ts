/**
 * Which Alertmanager release a configuration is written for, and the configuration features that need a newer
 * release than the oldest one opskit verifies. Pure.
 *
 * Verified with both generations of `amtool check-config` (Debian's 0.25 and 0.35 built from the Go module
 * proxy, see docs/oracles.md): of the fields opskit renders, only the webhook's `url_file` is rejected by 0.25
 * (it arrived in 0.26); `api_url_file`, `routing_key_file`, `service_key_file`, `auth_password_file`,
 * `sns_configs` with `sigv4`, `time_intervals` and `active_time_intervals` are accepted by both.
 *
 * @see https://github.com/prometheus/alertmanager/blob/main/CHANGELOG.md
 */
import { AlertmanagerSpec } from './alertmanager';
import { Problem, problem } from '../../core/problem';

/** The oldest Alertmanager release opskit verifies its output against, and the default target. */
export const OLDEST_ALERTMANAGER_VERSION = '0.25';

/** A release as `[major, minor]`, or undefined when the text is not `major.minor` or `major.minor.patch`. */
export function parseAlertmanagerVersion(text: unknown): [number, number] | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function atLeast(v: [number, number], min: [number, number]): boolean {
  return v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);
}

/** A feature of the configuration that only newer releases accept. */
interface VersionedFeature {
  /** The release that introduced it. */
  readonly since: string;
  /** What else works on older releases. */
  readonly alternative: string;
  /** Where the spec uses it (`receivers[0].webhookConfigs[1].urlSecret`), with what it renders (`url_file`). */
  readonly uses: (spec: AlertmanagerSpec) => Array<{ field: string; rendered: string; value: unknown }>;
}

const FEATURES: readonly VersionedFeature[] = [
  {
    since: '0.26',
    alternative: 'give the URL in url when it carries no secret',
    uses: (spec) => (spec.receivers ?? []).flatMap((r, i) => (r?.webhookConfigs ?? []).flatMap((c, j) =>
      (c?.urlSecret ? [{ field: `receivers[${i}].webhookConfigs[${j}].urlSecret`, rendered: 'url_file', value: c.urlSecret.filePath }] : []))),
  },
];

/**
 * Problems of the target release itself (`field` names the prop) and of every feature the configuration uses
 * that the target release does not know yet.
 */
export function checkAlertmanagerVersion(spec: AlertmanagerSpec, version: unknown, field = 'alertmanagerVersion'): Problem[] {
  const v = parseAlertmanagerVersion(version);
  const oldest = parseAlertmanagerVersion(OLDEST_ALERTMANAGER_VERSION)!;
  if (!v) {
    return [problem(field, 'must be an Alertmanager release as "major.minor" (e.g. "0.25" or "0.28")', version,
      'give the release of the Alertmanager that loads this configuration, e.g. "0.28"')];
  }
  if (!atLeast(v, oldest)) {
    return [problem(field, `must be ${OLDEST_ALERTMANAGER_VERSION} or newer (the oldest release opskit verifies its output against)`, version,
      `upgrade Alertmanager to ${OLDEST_ALERTMANAGER_VERSION} or newer and set ${field} to its release`)];
  }
  const out: Problem[] = [];
  for (const f of FEATURES) {
    if (atLeast(v, parseAlertmanagerVersion(f.since)!)) continue;
    for (const use of f.uses(spec)) {
      out.push(problem(use.field, `needs Alertmanager ${f.since} or newer (it renders ${use.rendered}), but ${field} is ${version}`, use.value,
        `set ${field} to "${f.since}" or the newer release you run, or ${f.alternative}`));
    }
  }
  return out;
}
