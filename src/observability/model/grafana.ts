/**
 * Grafana dashboards built with Grafana's own `@grafana/grafana-foundation-sdk` (loaded lazily, only when a
 * dashboard is rendered; its types never leave this file). Pure: no construct import, no file I/O.
 *
 * @see https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 */
import { Problem, problem } from '../../core/problem';
import { DashboardRow, DashboardVariable, PanelType } from '../dashboard-types';

export * from '../dashboard-types';

/** Everything a dashboard is made of. */
export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly tags?: string[];
  readonly description?: string;
  readonly refresh?: string;
  readonly timeFrom?: string;
  readonly variables?: DashboardVariable[];
  readonly rows: DashboardRow[];
}

const UID = /^[a-zA-Z0-9_-]{1,40}$/;
const REFRESH = /^\d+[smhd]$/;

/** Every problem of a dashboard spec. */
export function validateDashboard(spec: DashboardSpec): Problem[] {
  const problems: Problem[] = [];
  if (typeof spec.uid !== 'string' || !UID.test(spec.uid)) {
    problems.push(problem('uid', 'must be 1-40 letters, digits, "-" or "_"', spec.uid, 'use e.g. "checkout-slo"'));
  }
  if (typeof spec.title !== 'string' || spec.title.trim() === '') {
    problems.push(problem('title', 'must be a non-empty string', spec.title, 'give the dashboard a title'));
  }
  if (spec.refresh !== undefined && !REFRESH.test(spec.refresh)) {
    problems.push(problem('refresh', 'must be an interval like 30s, 1m or 1h', spec.refresh, 'use e.g. "1m"'));
  }
  if (spec.timeFrom !== undefined && !/^now(-\d+[smhdwMy])?(\/[smhdwMy])?$/.test(spec.timeFrom)) {
    problems.push(problem('timeFrom', 'must be a relative time like now-6h or now-30d', spec.timeFrom, 'use e.g. "now-6h"'));
  }
  const names = new Set<string>();
  (spec.variables ?? []).forEach((v, i) => {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(v.name ?? '') || v.name === 'datasource') {
      problems.push(problem(`variables[${i}].name`, 'must be an identifier other than "datasource" (reserved for the data source)', v.name, 'use e.g. "service"'));
    } else if (names.has(v.name)) {
      problems.push(problem(`variables[${i}].name`, 'must be unique', v.name, 'rename one of the variables'));
    }
    names.add(v.name);
    if (!v.query) problems.push(problem(`variables[${i}].query`, 'must be a non-empty query', v.query, 'use e.g. "label_values(up, job)"'));
  });
  if (!Array.isArray(spec.rows) || spec.rows.length === 0) {
    problems.push(problem('rows', 'must hold at least one row', spec.rows, 'add a row with panels'));
  }
  (spec.tags ?? []).forEach((t, i) => {
    if (typeof t !== 'string' || t.trim() === '') problems.push(problem(`tags[${i}]`, 'must be a non-empty string', t, 'use e.g. "slo"'));
  });
  (Array.isArray(spec.rows) ? spec.rows : []).forEach((r, i) => {
    if (!r.title) problems.push(problem(`rows[${i}].title`, 'must be a non-empty string', r.title, 'give the row a title'));
    if (!Array.isArray(r.panels) || r.panels.length === 0) {
      problems.push(problem(`rows[${i}].panels`, 'must hold at least one panel', r.panels, 'add a panel, or remove the row'));
    }
    (Array.isArray(r.panels) ? r.panels : []).forEach((p, j) => {
      const f = `rows[${i}].panels[${j}]`;
      if (!p.title) problems.push(problem(`${f}.title`, 'must be a non-empty string', p.title, 'give the panel a title'));
      if (p.type !== undefined && !Object.values(PanelType).includes(p.type)) {
        problems.push(problem(`${f}.type`, `must be one of ${Object.values(PanelType).join(', ')}`, p.type, 'use PanelType.TIMESERIES, STAT or GAUGE'));
      }
      if (!Array.isArray(p.queries) || p.queries.length === 0 || p.queries.length > 26) {
        problems.push(problem(`${f}.queries`, 'must hold 1 to 26 queries', p.queries?.length, 'add the PromQL the panel shows'));
      }
      (p.queries ?? []).forEach((q, k) => {
        if (typeof q.expr !== 'string' || q.expr.trim() === '') problems.push(problem(`${f}.queries[${k}].expr`, 'must be a non-empty PromQL expression', q.expr, 'give the query'));
      });
      if (p.width !== undefined && (!Number.isInteger(p.width) || p.width < 1 || p.width > 24)) {
        problems.push(problem(`${f}.width`, 'must be an integer from 1 to 24 (grid columns)', p.width, 'use e.g. 12 for half the width'));
      }
      if (p.height !== undefined && (!Number.isInteger(p.height) || p.height < 1)) {
        problems.push(problem(`${f}.height`, 'must be a positive integer (grid rows)', p.height, 'use e.g. 8'));
      }
      if (p.min !== undefined && p.max !== undefined && !(p.min < p.max)) {
        problems.push(problem(`${f}.max`, `must be greater than min (${p.min})`, p.max, 'swap min and max, or remove one'));
      }
      for (const k of ['min', 'max'] as const) {
        if (p[k] !== undefined && (typeof p[k] !== 'number' || !Number.isFinite(p[k]))) problems.push(problem(`${f}.${k}`, 'must be a finite number', p[k], 'use e.g. 0 or 1'));
      }
      if (p.decimals !== undefined && (!Number.isInteger(p.decimals) || p.decimals < 0 || p.decimals > 20)) {
        problems.push(problem(`${f}.decimals`, 'must be an integer from 0 to 20', p.decimals, 'use e.g. 2'));
      }
      let lastValue = -Infinity;
      (p.thresholds ?? []).forEach((t, k) => {
        if (typeof t.color !== 'string' || t.color.trim() === '') problems.push(problem(`${f}.thresholds[${k}].color`, 'must be a Grafana color name or hex', t.color, 'use e.g. "red" or "#FF9830"'));
        if (k > 0 && (typeof t.value !== 'number' || !Number.isFinite(t.value))) {
          problems.push(problem(`${f}.thresholds[${k}].value`, 'must be a number (only the first step has none)', t.value, 'give the lower bound of the step'));
        } else if (k > 0) {
          if (t.value! <= lastValue) {
            problems.push(problem(`${f}.thresholds[${k}].value`, `must be greater than the previous step's value (${lastValue})`, t.value, 'list the steps in ascending order'));
          }
          lastValue = t.value!;
        }
      });
    });
  });
  return problems;
}

/**
 * The dashboard JSON (classic model, as provisioning and the Grafana sidecar import it), built with the
 * foundation SDK; keys sorted and panel ids numbered in order, so the text is deterministic.
 */
export function renderDashboard(spec: DashboardSpec): any {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const dashboard = require('@grafana/grafana-foundation-sdk/dashboard');
  const prometheus = require('@grafana/grafana-foundation-sdk/prometheus');
  const builders: { [type: string]: any } = {
    timeseries: require('@grafana/grafana-foundation-sdk/timeseries'),
    stat: require('@grafana/grafana-foundation-sdk/stat'),
    gauge: require('@grafana/grafana-foundation-sdk/gauge'),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ds = { type: 'prometheus', uid: '${datasource}' };
  const b = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .tags(spec.tags ?? [])
    .editable()
    .timezone('browser')
    .refresh(spec.refresh ?? '1m')
    .time({ from: spec.timeFrom ?? 'now-6h', to: 'now' })
    .withVariable(new dashboard.DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'));
  if (spec.description) b.description(spec.description);
  for (const v of spec.variables ?? []) {
    const vb = new dashboard.QueryVariableBuilder(v.name).label(v.label ?? v.name).query(v.query).datasource(ds)
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged).sort(dashboard.VariableSort.AlphabeticalAsc);
    if (v.multi) vb.multi(true);
    if (v.includeAll) vb.includeAll(true);
    b.withVariable(vb);
  }
  for (const row of spec.rows) {
    b.withRow(new dashboard.RowBuilder(row.title));
    for (const p of row.panels) {
      const type = p.type ?? PanelType.TIMESERIES;
      const single = type !== PanelType.TIMESERIES;
      const pb = new builders[type].PanelBuilder().title(p.title).datasource(ds)
        .height(p.height ?? (single ? 5 : 8)).span(p.width ?? (single ? 8 : 12));
      if (p.description) pb.description(p.description);
      if (p.unit) pb.unit(p.unit);
      if (p.min !== undefined) pb.min(p.min);
      if (p.max !== undefined) pb.max(p.max);
      if (p.decimals !== undefined) pb.decimals(p.decimals);
      if (p.thresholds) {
        pb.thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute)
          .steps(p.thresholds.map((t) => ({ value: t.value ?? null, color: t.color }))));
      }
      p.queries.forEach((q, i) => {
        const qb = new prometheus.DataqueryBuilder().expr(q.expr).refId(String.fromCharCode(65 + i)).datasource(ds);
        if (q.legendFormat) qb.legendFormat(q.legendFormat);
        if (q.instant ?? single) qb.instant(); else qb.range();
        pb.withTarget(qb);
      });
      b.withPanel(pb);
    }
  }
  const json = b.build();
  let id = 1;
  for (const panel of json.panels ?? []) panel.id = id++;
  return sortKeys(json);
}

/** Deterministic JSON text (sorted keys, two-space indent, trailing newline). */
export function dashboardJson(spec: DashboardSpec): string {
  return `${JSON.stringify(renderDashboard(spec), null, 2)}\n`;
}

function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: any = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}
