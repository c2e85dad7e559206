import { checkMonitorObject, checkPrometheusRuleObject } from '../../../src/observability/model/monitoring-objects';

describe('emitted object checks (tier 3)', () => {
  test('a PrometheusRule with a bad duration and bad PromQL', () => {
    const obj = { spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'sum(', keep_firing_for: 'x' }] }] } };
    expect(checkPrometheusRuleObject(obj).map((p) => p.field)).toEqual(['spec.groups[0].rules[0].expr', 'spec.groups[0].rules[0].keep_firing_for']);
  });

  test('an integer expr is accepted (int-or-string)', () => {
    expect(checkPrometheusRuleObject({ spec: { groups: [{ name: 'g', rules: [{ record: 'a:b', expr: 1 }] }] } })).toEqual([]);
  });

  test.each([
    ['ServiceMonitor', { spec: { selector: {} } }, ['spec.endpoints']],
    ['ServiceMonitor', { spec: { endpoints: [{ scheme: 'ftp', interval: '1 m' }] } }, ['spec.selector', 'spec.endpoints[0].scheme', 'spec.endpoints[0].interval']],
    ['PodMonitor', { spec: { selector: {}, podMetricsEndpoints: [{ portNumber: 0 }] } }, ['spec.podMetricsEndpoints[0].portNumber']],
    ['PodMonitor', { spec: { selector: {} } }, []],
    ['ServiceMonitor', { spec: { selector: {}, endpoints: [{ relabelings: [{ action: 'HashMod' }, { action: 'labeldrop' }], metricRelabelings: [{ action: 'DropEqual' }] }] } }, []],
    ['ServiceMonitor', { spec: { selector: {}, endpoints: [{ relabelings: [{ action: 'HASHMOD' }], metricRelabelings: [{ action: 'rename' }] }] } },
      ['spec.endpoints[0].relabelings[0].action', 'spec.endpoints[0].metricRelabelings[0].action']],
  ])('%s %p has problems at %p', (kind, obj, fields) => {
    expect(checkMonitorObject(obj, kind as any).map((p) => p.field)).toEqual(fields);
  });
});
