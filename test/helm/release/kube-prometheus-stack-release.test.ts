import { ApiObject, Duration } from 'cdk8s';
import { OpsTesting } from '../../../src/app/testing';
import { parseYaml } from '../../../src/core/yaml';
import { KubePrometheusStackRelease } from '../../../src/helm/release/kube-prometheus-stack-release';
import { GrafanaDashboard } from '../../../src/observability/grafana-dashboard';
import { LabelSelectorOperator } from '../../../src/observability/monitor-types';
import { PrometheusRules } from '../../../src/observability/prometheus-rules';
import { ServiceMonitor } from '../../../src/observability/service-monitor';

const GROUPS = [{
  name: 'api',
  rules: [{ alert: 'ApiDown', expr: 'up == 0', for: Duration.minutes(5), labels: { severity: 'critical' }, annotations: { summary: 'API is down' } }],
}];
const ROWS = [{ title: 'Traffic', panels: [{ title: 'Up', queries: [{ expr: 'min(up)' }] }] }];

describe('KubePrometheusStackRelease', () => {
  test('defaults: the prometheus-community chart, no values beyond the chart\'s', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    const kps = new KubePrometheusStackRelease(app.k8s, 'monitoring', { namespace: 'monitoring', version: '79.5.0' });
    const out = OpsTesting.synth(app);
    // THEN
    expect([kps.chart, kps.repository, kps.version, kps.releaseName]).toEqual(['kube-prometheus-stack', 'https://prometheus-community.github.io/helm-charts', '79.5.0', 'monitoring']);
    expect(out.file('helm/releases/monitoring.values.yaml')).toBe('{}\n');
  });

  test('typed values land at the chart\'s paths; extraValues are merged', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    new KubePrometheusStackRelease(app.k8s, 'monitoring', {
      namespace: 'monitoring',
      version: '79.5.0',
      values: {
        prometheus: {
          ruleSelector: { matchExpressions: [{ key: 'team', operator: LabelSelectorOperator.IN, values: ['a', 'b'] }] },
          serviceMonitorSelectorNilUsesHelmValues: false,
          retention: Duration.days(30),
          replicas: 2,
        },
        alertmanager: { alertmanagerConfigSelector: { matchLabels: { alertmanager: 'main' } } },
        grafana: { sidecarDashboardsLabel: 'dashboards', sidecarDashboardsLabelValue: 'yes', sidecarDashboardsSearchNamespaces: ['a', 'b'] },
        extraValues: { prometheus: { prometheusSpec: { scrapeInterval: '30s' } }, kubeEtcd: { enabled: false } },
      },
    });
    // THEN
    expect(parseYaml(OpsTesting.synth(app).file('helm/releases/monitoring.values.yaml'))).toEqual({
      prometheus: {
        prometheusSpec: {
          ruleSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] },
          serviceMonitorSelectorNilUsesHelmValues: false,
          retention: '30d',
          replicas: 2,
          scrapeInterval: '30s',
        },
      },
      alertmanager: { alertmanagerSpec: { alertmanagerConfigSelector: { matchLabels: { alertmanager: 'main' } } } },
      grafana: { sidecar: { dashboards: { label: 'dashboards', labelValue: 'yes', searchNamespace: 'a,b' } } },
      kubeEtcd: { enabled: false },
    });
  });

  test.each([
    ['extraValues set what a typed prop sets', { prometheus: { replicas: 2 }, extraValues: { prometheus: { prometheusSpec: { replicas: 3 } } } },
      /values\.extraValues\.prometheus\.prometheusSpec\.replicas must not set a value a typed prop already sets, got 3 — set it through the typed prop \(it gives 2\)/],
    ['retention is a string', { prometheus: { retention: '30d' } }, /retention must be a cdk8s Duration, got "30d" — use Duration\.days\(30\)|values\.prometheus\.retention must be/],
    ['a selector has a bad operator', { prometheus: { ruleSelector: { matchExpressions: [{ key: 'a', operator: 'Is' }] } } }, /values\.prometheus\.ruleSelector\.matchExpressions\[0\]\.operator must be|operator must be one of/],
    ['replicas is zero', { prometheus: { replicas: 0 } }, /values\.prometheus\.replicas must be a whole number >= 1, got 0/],
  ])('fails when %s, naming the construct path', (_name, values, message) => {
    const app = OpsTesting.app();
    expect(() => new KubePrometheusStackRelease(app.k8s, 'kps', { version: '79.5.0', values: values as any })).toThrow(new RegExp(`(${message.source})[^]*at path \\[kps\\]`));
  });
});

describe('KubePrometheusStackRelease selector agreement', () => {
  test('a PrometheusRule whose labels miss the ruleSelector fails synth with both construct paths', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const chart = app.chart('platform', { namespace: 'payments' });
    new KubePrometheusStackRelease(app.k8s, 'monitoring', { namespace: 'monitoring', version: '79.5.0' });
    // WHEN
    new PrometheusRules(chart, 'api', { metadata: { labels: { team: 'payments' } }, groups: GROUPS });
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(new RegExp(
      'prometheus\\.prometheusSpec\\.ruleSelector must select PrometheusRule payments/api \\(at path \\[platform/api\\]\\): '
      + 'kube-prometheus-stack release monitoring/monitoring \\(at path \\[monitoring\\]\\) ignores it otherwise[^]*'
      + 'add release: "monitoring" to the PrometheusRule\'s metadata\\.labels[^]*\\[helm/selector-agreement\\]\\n    at path \\[monitoring\\]'));
  });

  test('objects carrying the selected labels synthesize; a dashboard ConfigMap carries the sidecar label by default', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const chart = app.chart('platform', { namespace: 'payments' });
    new KubePrometheusStackRelease(app.k8s, 'monitoring', { namespace: 'monitoring', version: '79.5.0' });
    const svc = new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', labels: { app: 'api' } }, spec: { ports: [{ name: 'metrics', port: 9090 }] } });
    // WHEN
    new PrometheusRules(chart, 'api', { metadata: { labels: { release: 'monitoring' } }, groups: GROUPS });
    new ServiceMonitor(chart, 'api-monitor', { metadata: { labels: { release: 'monitoring' } }, service: svc, endpoints: [{ port: 'metrics' }] });
    new GrafanaDashboard(chart, 'api-dashboard', { title: 'API', rows: ROWS });
    // THEN
    const out = OpsTesting.synth(app);
    expect(out.findObject('platform', 'PrometheusRule', 'api').metadata.labels.release).toBe('monitoring');
  });

  test('a ServiceMonitor and a dashboard the release does not pick up: one problem each, both paths named', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const chart = app.chart('platform', { namespace: 'payments' });
    new KubePrometheusStackRelease(app.k8s, 'kps', {
      releaseName: 'monitoring',
      namespace: 'monitoring',
      version: '79.5.0',
      values: { prometheus: { serviceMonitorSelector: { matchLabels: { scrape: 'yes' } } }, grafana: { sidecarDashboardsLabel: 'dash' } },
    });
    const svc = new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', labels: { app: 'api' } }, spec: { ports: [{ name: 'metrics', port: 9090 }] } });
    // WHEN
    new ServiceMonitor(chart, 'api-monitor', { metadata: { labels: { release: 'monitoring' } }, service: svc, endpoints: [{ port: 'metrics' }] });
    new GrafanaDashboard(chart, 'api-dashboard', { title: 'API', rows: ROWS });
    // THEN
    let message = '';
    try {
      OpsTesting.synth(app);
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/prometheus\.prometheusSpec\.serviceMonitorSelector must select ServiceMonitor payments\/api-monitor \(at path \[platform\/api-monitor\]\)[^\n]*at path \[kps\]\)/);
    expect(message).toMatch(/grafana\.sidecar\.dashboards\.label must match the labels of the dashboard ConfigMap payments\/api-dashboard \(at path \[platform\/api-dashboard\]\)/);
  });

  test('with ruleSelectorNilUsesHelmValues false every PrometheusRule is picked up', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const chart = app.chart('platform');
    new KubePrometheusStackRelease(app.k8s, 'monitoring', { version: '79.5.0', values: { prometheus: { ruleSelectorNilUsesHelmValues: false } } });
    // WHEN
    new PrometheusRules(chart, 'api', { groups: GROUPS });
    // THEN
    expect(() => OpsTesting.synth(app)).not.toThrow();
  });
});

test('KubePrometheusStackRelease fails in a Terraform stack, where it could not see the objects it selects', () => {
  const app = OpsTesting.app();
  expect(() => new KubePrometheusStackRelease(app.stack('s'), 'kps', { version: '79.5.0' }))
    .toThrow(/scope must be the app's cdk8s tree \(app\.k8s\) or a chart, where the objects it selects are, got "s" — create the release under app\.k8s[^]*at path \[s\/kps\]/);
});

test('a namespace selector the Namespace may match outside the app is warning opskit:helm/namespace-labels-unknown', () => {
  // GIVEN
  const app = OpsTesting.app({ failFast: false });
  new KubePrometheusStackRelease(app.k8s, 'monitoring', {
    namespace: 'monitoring',
    version: '79.5.0',
    values: { prometheus: { ruleNamespaceSelector: { matchLabels: { monitored: 'true' } } } },
  });
  // WHEN
  new PrometheusRules(app.chart('platform', { namespace: 'payments' }), 'api', { metadata: { labels: { release: 'monitoring' } }, groups: GROUPS });
  const out = OpsTesting.synth(app);
  // THEN
  expect(out.warnings.map((w) => [w.path, w.id])).toEqual([['monitoring', 'opskit:helm/namespace-labels-unknown']]);
  expect(out.warnings[0].message).toMatch(/ruleNamespaceSelector \{"matchLabels":\{"monitored":"true"\}\}[^]*namespace payments of PrometheusRule payments\/api \(at path \[platform\/api\]\)/);
});
