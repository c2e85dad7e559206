import { Duration } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { GrafanaDashboard } from '../../src/observability/grafana-dashboard';
import { PanelType } from '../../src/observability/model/grafana';
import { ServiceLevelObjective } from '../../src/observability/service-level-objective';

const ROWS = [{
  title: 'Traffic',
  panels: [
    { title: 'Requests', unit: 'reqps', queries: [{ expr: 'sum(rate(http_requests_total{job="$job"}[5m]))', legendFormat: '{{code}}' }] },
    { title: 'Up', type: PanelType.STAT, queries: [{ expr: 'min(up)' }] },
  ],
}];

const SLO = {
  service: 'api',
  name: 'availability',
  objective: 99.9,
  period: Duration.days(28),
  sli: { events: { errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(http_requests_total[{{.window}}]))' } },
};

describe('GrafanaDashboard', () => {
  test('defaults: a sidecar ConfigMap and a JSON artifact with the same deterministic JSON', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    const d = new GrafanaDashboard(app.chart('test'), 'api', { title: 'API', variables: [{ name: 'job', query: 'label_values(up, job)' }], rows: ROWS });
    const out = OpsTesting.synth(app);
    // THEN
    const cm = out.findObject('test', 'ConfigMap', 'api'); // default name: the construct id
    expect(d.configMap?.kind).toBe('ConfigMap');
    expect(cm.metadata.labels).toEqual({ grafana_dashboard: '1' });
    expect(cm.metadata).not.toHaveProperty('annotations');
    expect(cm.data['api.json']).toBe(out.file('grafana/api.json'));
    const json = JSON.parse(out.file('grafana/api.json'));
    expect(json).toMatchObject({ uid: 'api', title: 'API', refresh: '1m', time: { from: 'now-6h', to: 'now' } });
    expect(json.templating.list.map((v: any) => [v.type, v.name])).toEqual([['datasource', 'datasource'], ['query', 'job']]);
    expect(json.panels.map((p: any) => [p.id, p.type, p.title])).toEqual([[1, 'row', 'Traffic'], [2, 'timeseries', 'Requests'], [3, 'stat', 'Up']]);
    expect(json.panels[1].targets[0]).toMatchObject({ refId: 'A', expr: 'sum(rate(http_requests_total{job="$job"}[5m]))', legendFormat: '{{code}}', range: true });
    expect(json.panels[1].datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(json.panels[1].fieldConfig.defaults.unit).toBe('reqps');
    expect(json.panels[2].targets[0].instant).toBe(true);
    expect(d.renderJson()).toBe(new GrafanaDashboard(OpsTesting.app().chart('t'), 'api', { title: 'API', variables: [{ name: 'job', query: 'label_values(up, job)' }], rows: ROWS }).renderJson());
  });

  test('puts the folder under the configured annotation', () => {
    const app = OpsTesting.app();
    new GrafanaDashboard(app.chart('test'), 'api', { title: 'API', rows: ROWS, folder: 'Team A', folderAnnotation: 'k8s-sidecar-target-directory' });
    expect(OpsTesting.synth(app).findObject('test', 'ConfigMap', 'api').metadata.annotations).toEqual({ 'k8s-sidecar-target-directory': 'Team A' });
  });

  test('metadata names the ConfigMap; the uid stays the dashboard\'s identity', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    const d = new GrafanaDashboard(app.chart('test'), 'Api', {
      uid: 'API_overview',
      title: 'API',
      rows: ROWS,
      folder: 'Team A',
      metadata: { name: 'api-dashboard', namespace: 'grafana', labels: { team: 'a' }, annotations: { owner: 'a' } },
    });
    const out = OpsTesting.synth(app);
    // THEN
    const cm = out.findObject('test', 'ConfigMap', 'api-dashboard');
    expect(cm.metadata).toEqual({
      name: 'api-dashboard',
      namespace: 'grafana',
      labels: { team: 'a', grafana_dashboard: '1' },
      annotations: { owner: 'a', grafana_folder: 'Team A' },
    });
    expect(Object.keys(cm.data)).toEqual(['API_overview.json']);
    expect(d.filePath).toBe('grafana/API_overview.json');
    expect(JSON.parse(out.file('grafana/API_overview.json')).uid).toBe('API_overview');
  });

  test('fails when the construct id cannot name the ConfigMap and metadata.name is not set', () => {
    const chart = OpsTesting.app().chart('test');
    expect(() => new GrafanaDashboard(chart, 'Api_Overview', { title: 'API', rows: ROWS }))
      .toThrow(/metadata\.name must be a DNS-1123 subdomain[^]*got "Api_Overview" — it defaults to the construct id: use a lowercase id such as "api-overview", or set metadata\.name[^]*at path \[test\/Api_Overview\]/);
    // without a ConfigMap the id only names the uid, which may hold capitals and "_"
    expect(() => new GrafanaDashboard(chart, 'Api_Overview2', { title: 'API', rows: ROWS, configMap: false })).not.toThrow();
  });

  test('fails when metadata is set without a ConfigMap (it would be dropped)', () => {
    const chart = OpsTesting.app().chart('test');
    expect(() => new GrafanaDashboard(chart, 'api', { title: 'API', rows: ROWS, configMap: false, metadata: { namespace: 'grafana' } }))
      .toThrow(/metadata must only be set when a ConfigMap is emitted[^]*at path \[test\/api\]/);
  });

  test('works without a chart as a JSON artifact only', () => {
    const app = OpsTesting.app();
    const stack = app.stack('aws', { aws: { region: 'eu-west-1' } });
    new GrafanaDashboard(stack, 'api', { title: 'API', rows: ROWS });
    expect(OpsTesting.synth(app).fileNames).toContain('grafana/api.json');
  });

  test('forSlo builds the standard SLO dashboard from the record names', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const slo = new ServiceLevelObjective(chart, 'availability', SLO);
    // WHEN
    GrafanaDashboard.forSlo(chart, 'api-slo', slo, { metadata: { namespace: 'monitoring' } });
    const out = OpsTesting.synth(app);
    // THEN
    const cm = out.findObject('test', 'ConfigMap', 'api-slo');
    expect(cm.metadata).toMatchObject({ namespace: 'monitoring', labels: { grafana_dashboard: '1' }, annotations: { grafana_folder: 'SLOs' } });
    const json = JSON.parse(out.file('grafana/slo-api-availability.json'));
    const exprs = json.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr));
    const f = '{sloth_id="api-availability", sloth_service="api", sloth_slo="availability"}';
    expect(exprs).toEqual(expect.arrayContaining([
      `1 - slo:sli_error:ratio_rate4w${f}`,
      `slo:period_error_budget_remaining:ratio${f}`,
      `slo:current_burn_rate:ratio${f}`,
      `slo:period_burn_rate:ratio${f}`,
      `slo:sli_error:ratio_rate5m${f}`,
      `slo:error_budget:ratio${f}`,
    ]));
    expect(json.time).toEqual({ from: 'now-7d', to: 'now' });
    const sli = json.panels.find((p: any) => p.title === 'SLI over 4w');
    expect(sli.fieldConfig.defaults.thresholds.steps).toEqual([{ color: 'red', value: null }, { color: 'green', value: 0.999 }]);
  });

  test.each([
    [Duration.hours(6), 'now-6h'], [Duration.minutes(90), 'now-90m'], [Duration.days(30), 'now-30d'], [Duration.seconds(45), 'now-45s'],
  ])('timeFrom %s starts the time range at %p', (timeFrom, from) => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    new GrafanaDashboard(app.chart('test'), 'api', { title: 'API', rows: ROWS, timeFrom });
    // THEN
    expect(JSON.parse(OpsTesting.synth(app).file('grafana/api.json')).time).toEqual({ from, to: 'now' });
  });

  test.each<[string, any, RegExp]>([
    ['timeFrom is text (JavaScript)', { timeFrom: 'now-6h' }, /timeFrom must be a cdk8s Duration, got "now-6h" — use a cdk8s Duration \(imported from 'cdk8s'\), e\.g\. Duration\.minutes\(5\)/],
    ['timeFrom is zero', { timeFrom: Duration.hours(0) }, /timeFrom must be longer than 0, got 0 ms — use e\.g\. Duration\.hours\(6\)/],
    ['timeFrom is not whole seconds (Grafana has no milliseconds)', { timeFrom: Duration.millis(1500) }, /timeFrom must be a whole number of seconds, got 1500 ms/],
    ['the uid is too long', { uid: 'x'.repeat(41) }, /uid must be 1-40 letters, digits, "-" or "_"/],
    ['a panel is wider than the grid', { rows: [{ title: 'r', panels: [{ title: 'p', width: 25, queries: [{ expr: 'up' }] }] }] }, /rows\[0\]\.panels\[0\]\.width must be an integer from 1 to 24/],
    ['a panel has no queries', { rows: [{ title: 'r', panels: [{ title: 'p', queries: [] }] }] }, /rows\[0\]\.panels\[0\]\.queries must hold 1 to 26 queries/],
    ['a variable is called datasource', { variables: [{ name: 'datasource', query: 'x' }] }, /variables\[0\]\.name must be an identifier other than "datasource"/],
    ['the refresh is not an interval', { refresh: 'often' }, /refresh must be an interval like 30s, 1m or 1h/],
    ['the namespace is not a namespace name', { metadata: { namespace: 'Monitoring' } }, /metadata\.namespace must be a namespace name \(a DNS-1123 label[^]*got "Monitoring"/],
    ['the folder annotation is not a key', { folder: 'x', folderAnnotation: 'a b' }, /folderAnnotation must be a Kubernetes annotation key/],
    ['a row has no panels list (a TypeError before)', { rows: [{ title: 'r' }] }, /rows\[0\]\.panels is required: a list of DashboardPanel objects/],
    ['min is not below max', { rows: [{ title: 'r', panels: [{ title: 'p', min: 1, max: 0, queries: [{ expr: 'up' }] }] }] }, /rows\[0\]\.panels\[0\]\.max must be greater than min \(1\), got 0/],
    ['decimals are negative', { rows: [{ title: 'r', panels: [{ title: 'p', decimals: -1, queries: [{ expr: 'up' }] }] }] }, /rows\[0\]\.panels\[0\]\.decimals must be an integer from 0 to 20, got -1/],
    ['threshold steps descend', { rows: [{ title: 'r', panels: [{ title: 'p', thresholds: [{ color: 'green' }, { value: 0.9, color: 'yellow' }, { value: 0.5, color: 'red' }], queries: [{ expr: 'up' }] }] }] },
      /rows\[0\]\.panels\[0\]\.thresholds\[2\]\.value must be greater than the previous step's value \(0\.9\), got 0\.5/],
    ['a threshold has no color', { rows: [{ title: 'r', panels: [{ title: 'p', thresholds: [{ color: '' }], queries: [{ expr: 'up' }] }] }] }, /rows\[0\]\.panels\[0\]\.thresholds\[0\]\.color must be a Grafana color name or hex/],
  ])('fails when %s', (_name, change, message) => {
    const app = OpsTesting.app();
    expect(() => new GrafanaDashboard(app.chart('test'), 'bad', { title: 'T', rows: ROWS, ...change }))
      .toThrow(new RegExp(`${message.source}[^]*at path \\[test\\/bad\\]`));
  });
});
