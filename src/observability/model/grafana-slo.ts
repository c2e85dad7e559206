/**
 * The standard dashboard of an SLO (SLI, burn rates, error budget remaining), built from the SLO model and
 * the record names of `conventions.ts`, so it reads exactly the series the SLO's rules record. Pure.
 */
import { createHash } from 'crypto';
import { DashboardSpec, PanelType } from './grafana';
import { labelFilter, SloSpec, sloIdLabels, sloPairs } from './slo';
import { formatPromDuration, parsePromDuration } from '../../core/duration';
import * as c from '../conventions';

/**
 * The dashboard uid of an SLO: `slo-<id>`; when longer than Grafana's 40 characters, its first 31
 * characters, a dash and a hash of the whole id, so long ids stay distinct.
 */
export function sloDashboardUid(spec: SloSpec): string {
  const uid = `slo-${c.sloId(spec.service, spec.name)}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  return uid.length <= 40 ? uid : `${uid.slice(0, 31)}-${shortHash(uid)}`;
}

/** The first 8 hex digits of the text's SHA-256 (stable across runs and platforms). */
function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** How far back the SLO dashboard's default time range starts, in days. */
export const SLO_DASHBOARD_DAYS = 7;

/** The standard dashboard of a checked SLO. */
export function sloDashboardSpec(spec: SloSpec): DashboardSpec {
  const f = labelFilter(sloIdLabels(spec));
  const period = formatPromDuration(parsePromDuration(spec.period ?? '30d')!);
  const pairs = sloPairs(spec);
  const factors = [...new Set(pairs.map((p) => p.factor))].sort((a, b) => b - a);
  return {
    uid: sloDashboardUid(spec),
    title: `SLO / ${spec.service} / ${spec.name}`,
    tags: ['slo', spec.service],
    description: spec.description,
    timeFrom: `now-${SLO_DASHBOARD_DAYS}d`,
    rows: [
      {
        title: `Objective ${spec.objective}% over ${period}`,
        panels: [
          {
            title: `SLI over ${period}`,
            type: PanelType.STAT,
            unit: 'percentunit',
            decimals: 3,
            queries: [{ expr: `1 - ${c.sliErrorRecordName(period)}${f}` }],
            thresholds: [{ color: 'red' }, { value: Number((spec.objective / 100).toFixed(10)), color: 'green' }],
          },
          {
            title: 'Error budget remaining',
            type: PanelType.STAT,
            unit: 'percentunit',
            decimals: 1,
            queries: [{ expr: `${c.META_PERIOD_ERROR_BUDGET_REMAINING}${f}` }],
            thresholds: [{ color: 'red' }, { value: 0, color: 'orange' }, { value: 0.25, color: 'green' }],
          },
          {
            title: 'Current burn rate',
            type: PanelType.STAT,
            decimals: 2,
            queries: [{ expr: `${c.META_CURRENT_BURN_RATE}${f}` }],
            // Orange from 1 (the budget runs out before the period ends), red from the fastest alert factor
            // when it is above 1 (custom windows can have factors below 1).
            thresholds: [{ color: 'green' }, { value: 1, color: 'orange' }, ...(factors[0] > 1 ? [{ value: factors[0], color: 'red' }] : [])],
          },
        ],
      },
      {
        title: 'Burn rates and budget',
        panels: [
          {
            title: 'SLI error ratio',
            unit: 'percentunit',
            min: 0,
            queries: [
              // The windows of the fastest page alert: the series the SLO records (5m and 1h by default).
              { expr: `${c.sliErrorRecordName(pairs[0].short)}${f}`, legendFormat: `error ratio (${pairs[0].short})` },
              { expr: `${c.sliErrorRecordName(pairs[0].long)}${f}`, legendFormat: `error ratio (${pairs[0].long})` },
              { expr: `${c.META_ERROR_BUDGET_RATIO}${f}`, legendFormat: 'error budget' },
            ],
          },
          {
            title: 'Burn rate',
            min: 0,
            description: `Alert factors: ${factors.join(', ')} (1 = the budget lasts exactly the period)`,
            queries: [
              { expr: `${c.META_CURRENT_BURN_RATE}${f}`, legendFormat: `current (${pairs[0].short})` },
              { expr: `${c.META_PERIOD_BURN_RATE}${f}`, legendFormat: `period (${period})` },
            ],
          },
          {
            title: 'Error budget remaining over time',
            unit: 'percentunit',
            width: 24,
            queries: [{ expr: `${c.META_PERIOD_ERROR_BUDGET_REMAINING}${f}`, legendFormat: 'remaining' }],
          },
        ],
      },
    ],
  };
}
