import { checkEndpoint, checkMonitorTargets, checkSelector, isKubeLabelKey, isKubeLabelValue, selectorMatches, unmatchedSelectorWarning } from '../../../src/observability/model/monitor-targets';

describe('label selectors', () => {
  test.each([
    [{}, { a: '1' }, true],
    [{ matchLabels: { a: '1' } }, { a: '1', b: '2' }, true],
    [{ matchLabels: { a: '1' } }, { a: '2' }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, {}, false],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }, false],
  ])('%p selects %p: %p', (sel, labels, ok) => {
    expect(selectorMatches(sel as any, labels)).toBe(ok);
  });
});

describe('Kubernetes label syntax (selectors select Kubernetes objects, not Prometheus series)', () => {
  test.each([
    ['app', true],
    ['app.kubernetes.io/name', true],
    ['example.com/team_name', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['/name', false],
    ['Example.com/name', false],
    ['app name', false],
    ['-app', false],
    ['', false],
  ])('key %p is valid: %p', (key, ok) => {
    expect(isKubeLabelKey(key)).toBe(ok);
  });

  test.each([
    ['', true],
    ['api-v1.2_x', true],
    ['api server', false],
    ['x'.repeat(64), false],
    ['-x', false],
  ])('value %p is valid: %p', (value, ok) => {
    expect(isKubeLabelValue(value)).toBe(ok);
  });

  test('checkSelector names each bad key and value', () => {
    expect(checkSelector('selector', { matchLabels: { 'app.kubernetes.io/name': 'api', 'bad key': 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a b'] }] })
      .map((p) => p.field)).toEqual(['selector.matchLabels.bad key', 'selector.matchExpressions[0].values[0]']);
  });
});

describe('endpoints', () => {
  test.each([
    [{ port: 'metrics' }, false, []],
    [{}, false, ['port']],
    [{ portNumber: 8080 }, true, []],
    [{ port: 'Metrics' }, false, ['port']],
    [{ port: 'm', targetPort: 0 }, false, ['targetPort']],
    [{ port: 'm', intervalMs: 0 }, false, ['interval']],
    [{ port: 'm', intervalMs: 10_000, scrapeTimeoutMs: 30_000 }, false, ['scrapeTimeout']],
    [{ port: 'm', intervalMs: 30_000, scrapeTimeoutMs: 30_000 }, false, []],
    [{ port: 'm', scheme: 'HTTPS' }, false, []],
    [{ port: 'm', relabelings: [{ action: 'hashmod', targetLabel: 'shard' }] }, false, ['relabelings[0].modulus']],
    [{ port: 'm', relabelings: [{ action: 'replace' }] }, false, ['relabelings[0].targetLabel']],
    [{ port: 'm', metricRelabelings: [{ action: 'drop', regex: '(' }] }, false, ['metricRelabelings[0].regex']],
  ])('%p (pod: %p) has problems at %p', (e, pod, fields) => {
    expect(checkEndpoint(e as any, pod).map((p) => p.field)).toEqual(fields);
  });
});

describe('cross-object checks', () => {
  const svc = (name: string, ns: string, labels: Record<string, string>, ports: string[]) => ({ kind: 'Service', name, namespace: ns, labels, portNames: ports });

  test('only selected Services in scope are checked', () => {
    const candidates = [svc('a', 'x', { app: 'a' }, ['metrics']), svc('b', 'x', { app: 'b' }, []), svc('c', 'y', { app: 'a' }, [])];
    expect(checkMonitorTargets('ServiceMonitor', { matchLabels: { app: 'a' } }, { own: 'x' }, [{ port: 'metrics' }], candidates)).toEqual([]);
    expect(checkMonitorTargets('ServiceMonitor', { matchLabels: { app: 'a' } }, { matchNames: ['x', 'y'] }, [{ port: 'metrics' }], candidates).map((p) => p.field))
      .toEqual(['endpoints[0].port']);
  });

  test('a required Service must be selected and in scope', () => {
    const required = svc('api', 'other', { app: 'api' }, ['metrics']);
    expect(checkMonitorTargets('ServiceMonitor', { matchLabels: { app: 'api' } }, { own: 'monitoring' }, [{ port: 'metrics' }], [required], required).map((p) => p.field))
      .toEqual(['namespaceSelector']);
  });
});

describe('unmatchedSelectorWarning', () => {
  const api = { kind: 'Service', name: 'api', namespace: 'shop', labels: { app: 'api' }, portNames: ['metrics'] };
  test.each([
    ['a selector that matches a Service in scope', { matchLabels: { app: 'api' } }, { own: 'shop' }, undefined],
    ['a selector that matches a Service of another namespace only', { matchLabels: { app: 'api' } }, { own: 'web' },
      'selector {"matchLabels":{"app":"api"}} matches no Service of this app in namespace web, so the ServiceMonitor scrapes nothing unless another program deploys one — check the labels, or pass the Service construct (service) to select it'],
    ['a misspelled label', { matchLabels: { app: 'apі' } }, { any: true }, expect.stringMatching(/^selector .* matches no Service of this app in any namespace/)],
    ['matchNames that include the Service', { matchLabels: { app: 'api' } }, { matchNames: ['shop'] }, undefined],
  ])('%s', (_name, selector, ns, expected) => {
    // WHEN
    const warning = unmatchedSelectorWarning('ServiceMonitor', selector, ns, [api]);
    // THEN
    expect(warning).toEqual(expected);
  });
});
