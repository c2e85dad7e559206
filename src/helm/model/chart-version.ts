import { EXACT_CHART_VERSION } from '../release/model/release';

/**
 * Whether a chart version is an exact SemVer 2 version (Helm requires SemVer for `Chart.yaml` `version`; a
 * leading `v` is accepted, as Helm accepts it). The one pattern opskit has for chart versions, shared with
 * `HelmRelease`.
 */
export function isChartVersion(value: unknown): value is string {
  return typeof value === 'string' && EXACT_CHART_VERSION.test(value);
}
