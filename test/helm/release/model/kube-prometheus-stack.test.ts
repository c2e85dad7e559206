import { kpsAgreement, kpsSelection, SelectableObject } from '../../../../src/helm/release/model/kube-prometheus-stack';

const RELEASE = { name: 'monitoring', namespace: 'monitoring', path: 'platform/monitoring' };

function rule(labels: Record<string, string>, namespace = 'payments'): SelectableObject {
  return { kind: 'PrometheusRule', name: 'api', namespace, labels, path: 'platform/api' };
}

describe('kpsSelection', () => {
  test.each([
    ['unset selectors select release: <name> (NilUsesHelmValues defaults to true)', {}, { matchLabels: { release: 'monitoring' } }, 'prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues'],
    ['an empty selector is unset (Go template truthiness)', { prometheus: { prometheusSpec: { ruleSelector: {} } } }, { matchLabels: { release: 'monitoring' } }, 'prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues'],
    ['NilUsesHelmValues false selects every object', { prometheus: { prometheusSpec: { ruleSelectorNilUsesHelmValues: false } } }, {}, undefined],
    ['a given selector is used as it is', { prometheus: { prometheusSpec: { ruleSelector: { matchLabels: { team: 'a' } } } } }, { matchLabels: { team: 'a' } }, undefined],
  ])('%s', (_name, values, selector, from) => {
    const s = kpsSelection(values, 'monitoring', 'monitoring').selectors.find((x) => x.kind === 'PrometheusRule')!;
    expect(s.selector).toEqual(selector);
    expect(s.fromNilUsesHelmValues).toBe(from);
    expect(s.namespaceSelector).toEqual({});
  });

  test('selects the four Prometheus kinds and AlertmanagerConfig, and the Grafana sidecar label, by default', () => {
    const s = kpsSelection({}, 'kps', 'monitoring');
    expect(s.selectors.map((x) => [x.kind, x.field])).toEqual([
      ['PrometheusRule', 'prometheus.prometheusSpec.ruleSelector'],
      ['ServiceMonitor', 'prometheus.prometheusSpec.serviceMonitorSelector'],
      ['PodMonitor', 'prometheus.prometheusSpec.podMonitorSelector'],
      ['Probe', 'prometheus.prometheusSpec.probeSelector'],
      ['AlertmanagerConfig', 'alertmanager.alertmanagerSpec.alertmanagerConfigSelector'],
    ]);
    expect(s.selectors.find((x) => x.kind === 'AlertmanagerConfig')!.selector).toEqual({});
    expect(s.dashboards).toEqual({ label: 'grafana_dashboard', labelValue: '1', namespaces: undefined });
  });

  test('components switched off select nothing', () => {
    const s = kpsSelection({ prometheus: { enabled: false }, alertmanager: { enabled: false }, grafana: { enabled: false } }, 'kps', 'monitoring');
    expect(s.selectors).toEqual([]);
    expect(s.dashboards).toBeUndefined();
  });

  test('the sidecar search namespace: a list, comma-separated, or its own when empty', () => {
    expect(kpsSelection({ grafana: { sidecar: { dashboards: { searchNamespace: 'a, b' } } } }, 'kps', 'm').dashboards!.namespaces).toEqual(['a', 'b']);
    expect(kpsSelection({ grafana: { sidecar: { dashboards: { searchNamespace: ['c'] } } } }, 'kps', 'm').dashboards!.namespaces).toEqual(['c']);
    expect(kpsSelection({ grafana: { sidecar: { dashboards: { searchNamespace: '' } } } }, 'kps', 'm').dashboards!.namespaces).toEqual(['m']);
  });
});

describe('kpsAgreement', () => {
  const defaults = kpsSelection({}, 'monitoring', 'monitoring');

  test('an object carrying the release label agrees', () => {
    expect(kpsAgreement(defaults, RELEASE, [rule({ release: 'monitoring' })], new Map())).toEqual({ problems: [], warnings: [] });
  });

  test('a PrometheusRule missing the label is an error naming both construct paths and the label to add', () => {
    const { problems } = kpsAgreement(defaults, RELEASE, [rule({ team: 'a' })], new Map());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual({
      field: 'prometheus.prometheusSpec.ruleSelector',
      expected: 'must select PrometheusRule payments/api (at path [platform/api]): kube-prometheus-stack release monitoring/monitoring (at path [platform/monitoring]) '
        + 'ignores it otherwise, its selector is {"matchLabels":{"release":"monitoring"}} (the chart\'s default while prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues is true)',
      got: 'labels {"team":"a"}',
      fix: 'add release: "monitoring" to the PrometheusRule\'s metadata.labels, or set prometheus.prometheusSpec.ruleSelector to a selector that matches it',
      rule: 'helm/selector-agreement',
    });
  });

  test.each([
    ['In matches', { operator: 'In', values: ['a', 'b'] }, { tier: 'b' }, true],
    ['In misses', { operator: 'In', values: ['a'] }, { tier: 'b' }, false],
    ['NotIn on an absent label matches', { operator: 'NotIn', values: ['a'] }, {}, true],
    ['NotIn misses', { operator: 'NotIn', values: ['b'] }, { tier: 'b' }, false],
    ['Exists matches', { operator: 'Exists' }, { tier: '' }, true],
    ['DoesNotExist misses', { operator: 'DoesNotExist' }, { tier: 'x' }, false],
  ])('matchExpressions: %s', (_name, expr, labels, agrees) => {
    const s = kpsSelection({ prometheus: { prometheusSpec: { serviceMonitorSelector: { matchExpressions: [{ key: 'tier', ...expr }] } } } }, 'm', 'm');
    const found = kpsAgreement(s, RELEASE, [{ kind: 'ServiceMonitor', name: 'x', namespace: 'a', labels, path: 'c/x' }], new Map());
    expect(found.problems.length === 0).toBe(agrees);
  });

  test('a namespace selector: error when the Namespace is in the app, warning when its labels are unknown', () => {
    const s = kpsSelection({ prometheus: { prometheusSpec: { ruleNamespaceSelector: { matchLabels: { monitored: 'true' } } } } }, 'monitoring', 'monitoring');
    const obj = rule({ release: 'monitoring' });
    const known = kpsAgreement(s, RELEASE, [obj], new Map([['payments', { team: 'a' }]]));
    expect(known.problems.map((p) => p.field)).toEqual(['prometheus.prometheusSpec.ruleNamespaceSelector']);
    expect(known.problems[0].expected).toContain('at path [platform/api]');
    const unknown = kpsAgreement(s, RELEASE, [obj], new Map());
    expect(unknown.problems).toEqual([]);
    expect(unknown.warnings).toHaveLength(1);
    expect(kpsAgreement(s, RELEASE, [obj], new Map([['payments', { monitored: 'true' }]]))).toEqual({ problems: [], warnings: [] });
    // the API server's own label names every namespace
    const byName = kpsSelection({ prometheus: { prometheusSpec: { ruleNamespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } } } }, 'monitoring', 'monitoring');
    expect(kpsAgreement(byName, RELEASE, [obj], new Map())).toEqual({ problems: [], warnings: [] });
  });

  test('dashboards need the sidecar label and value, in a searched namespace', () => {
    const dash = (labels: Record<string, string>, namespace = 'payments'): SelectableObject => ({ kind: 'ConfigMap', name: 'd', namespace, labels, path: 'c/d', dashboard: true });
    expect(kpsAgreement(defaults, RELEASE, [dash({ grafana_dashboard: '1' })], new Map()).problems).toEqual([]);
    expect(kpsAgreement(defaults, RELEASE, [dash({ grafana_dashboard: '0' })], new Map()).problems.map((p) => p.field)).toEqual(['grafana.sidecar.dashboards.label']);
    const anyValue = kpsSelection({ grafana: { sidecar: { dashboards: { label: 'dash', labelValue: '', searchNamespace: 'monitoring' } } } }, 'm', 'monitoring');
    expect(kpsAgreement(anyValue, RELEASE, [dash({ dash: 'x' }, 'monitoring')], new Map()).problems).toEqual([]);
    expect(kpsAgreement(anyValue, RELEASE, [dash({ dash: 'x' })], new Map()).problems.map((p) => p.field)).toEqual(['grafana.sidecar.dashboards.searchNamespace']);
  });
});
