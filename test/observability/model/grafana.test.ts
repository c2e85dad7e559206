import * as fs from 'fs';
import * as path from 'path';
import { DashboardSpec, dashboardJson, PanelType, renderDashboard, validateDashboard } from '../../../src/observability/model/grafana';
import { describeReference } from '../../support/reference';

const SPEC: DashboardSpec = {
  uid: 'checkout',
  title: 'Checkout',
  tags: ['team-a'],
  variables: [{ name: 'job', query: 'label_values(up, job)', multi: true, includeAll: true }],
  rows: [
    {
      title: 'Golden signals',
      panels: [
        { title: 'Requests', unit: 'reqps', queries: [{ expr: 'sum by (code) (rate(http_requests_total{job=~"$job"}[5m]))', legendFormat: '{{code}}' }] },
        { title: 'Errors', type: PanelType.GAUGE, unit: 'percentunit', min: 0, max: 1, queries: [{ expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))' }] },
      ],
    },
    { title: 'Saturation', panels: [{ title: 'CPU', width: 24, height: 6, queries: [{ expr: 'sum(rate(container_cpu_usage_seconds_total[5m]))' }, { expr: 'sum(kube_pod_container_resource_limits{resource="cpu"})', legendFormat: 'limit' }] }] },
  ],
};

describe('renderDashboard', () => {
  test('lays out rows and panels on the 24-column grid with numbered ids', () => {
    // WHEN
    const d = renderDashboard(SPEC);
    // THEN
    expect(d.panels.map((p: any) => [p.id, p.type, p.title, p.gridPos])).toEqual([
      [1, 'row', 'Golden signals', { h: 1, w: 24, x: 0, y: 0 }],
      [2, 'timeseries', 'Requests', { h: 8, w: 12, x: 0, y: 1 }],
      [3, 'gauge', 'Errors', { h: 5, w: 8, x: 12, y: 1 }],
      [4, 'row', 'Saturation', { h: 1, w: 24, x: 0, y: 9 }],
      [5, 'timeseries', 'CPU', { h: 6, w: 24, x: 0, y: 10 }],
    ]);
    expect(d.panels[4].targets.map((t: any) => t.refId)).toEqual(['A', 'B']);
    expect(d.panels[2].fieldConfig.defaults).toMatchObject({ unit: 'percentunit', min: 0, max: 1 });
    expect(d.templating.list[1]).toMatchObject({ type: 'query', name: 'job', multi: true, includeAll: true, datasource: { type: 'prometheus', uid: '${datasource}' } });
  });

  test('is deterministic and sorts keys', () => {
    // WHEN
    const a = dashboardJson(SPEC);
    // THEN
    expect(dashboardJson(SPEC)).toBe(a);
    expect(Object.keys(JSON.parse(a))).toEqual([...Object.keys(JSON.parse(a))].sort());
    expect(a.endsWith('}\n')).toBe(true);
  });
});

describe('validateDashboard', () => {
  test('accepts the fixture', () => expect(validateDashboard(SPEC)).toEqual([]));

  test.each<[string, Partial<DashboardSpec>, string]>([
    ['an empty title', { title: ' ' }, 'title'],
    ['a uid with a slash', { uid: 'a/b' }, 'uid'],
    ['no rows', { rows: [] }, 'rows'],
    ['a time range that is not relative', { timeFrom: 'yesterday' }, 'timeFrom'],
    ['a duplicate variable', { variables: [{ name: 'a', query: 'x' }, { name: 'a', query: 'y' }] }, 'variables[1].name'],
    ['a variable without query', { variables: [{ name: 'a', query: '' }] }, 'variables[0].query'],
    ['a panel without title', { rows: [{ title: 'r', panels: [{ title: '', queries: [{ expr: 'up' }] }] }] }, 'rows[0].panels[0].title'],
    ['an empty query', { rows: [{ title: 'r', panels: [{ title: 'p', queries: [{ expr: ' ' }] }] }] }, 'rows[0].panels[0].queries[0].expr'],
    ['a zero height', { rows: [{ title: 'r', panels: [{ title: 'p', height: 0, queries: [{ expr: 'up' }] }] }] }, 'rows[0].panels[0].height'],
    ['a threshold step without value', { rows: [{ title: 'r', panels: [{ title: 'p', thresholds: [{ color: 'green' }, { color: 'red' }], queries: [{ expr: 'up' }] }] }] }, 'rows[0].panels[0].thresholds[1].value'],
    ['an unknown panel type', { rows: [{ title: 'r', panels: [{ title: 'p', type: 'table' as PanelType, queries: [{ expr: 'up' }] }] }] }, 'rows[0].panels[0].type'],
    ['a row without panels', { rows: [{ title: 'r', panels: [] }] }, 'rows[0].panels'],
    ['an empty tag', { tags: [''] }, 'tags[0]'],
  ])('fails for %s', (_n, change, field) => {
    expect(validateDashboard({ ...SPEC, ...change }).map((p) => p.field)).toContain(field);
  });
});

describeReference('dashboards have the shape of real Grafana dashboards', 'observability/grafana/pyrra', (dir) => {
  const real = JSON.parse(fs.readFileSync(path.join(dir, 'detail.json'), 'utf8'));
  const ours = renderDashboard(SPEC);

  test('the top-level fields real dashboards have are present', () => {
    for (const key of ['uid', 'title', 'tags', 'timezone', 'editable', 'graphTooltip', 'time', 'refresh', 'schemaVersion', 'templating', 'annotations', 'panels']) {
      expect(real).toHaveProperty(key);
      expect(ours).toHaveProperty(key);
    }
    expect(ours.schemaVersion).toBeGreaterThanOrEqual(real.schemaVersion);
  });

  test('panels and targets carry the fields Grafana reads, with the same datasource variable', () => {
    const realPanel = real.panels.find((p: any) => p.type === 'stat');
    const ourPanel = ours.panels.find((p: any) => p.type === 'gauge');
    for (const key of ['id', 'type', 'title', 'gridPos', 'datasource', 'targets', 'fieldConfig']) {
      expect(realPanel).toHaveProperty(key);
      expect(ourPanel).toHaveProperty(key);
    }
    expect(ourPanel.datasource).toEqual(realPanel.targets[0].datasource);
    const realVar = real.templating.list.find((v: any) => v.type === 'datasource');
    const ourVar = ours.templating.list.find((v: any) => v.type === 'datasource');
    expect({ name: ourVar.name, query: ourVar.query }).toEqual({ name: realVar.name, query: realVar.query });
  });
});
