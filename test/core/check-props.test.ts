import { Chart, Duration, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { OpsTesting } from '../../src/app/testing';
import { checkProps, constructIdProblems } from '../../src/core/check-props';
import { OpsErrors } from '../../src/core/ops-error';
import { propTypeProblems } from '../../src/core/prop-types';
import { PropsProblems } from '../../src/core/props-problems';
import { NodeLocalDns } from '../../src/dns/node-local-dns';
import { GrafanaDashboard } from '../../src/observability/grafana-dashboard';
import { ServiceMonitor } from '../../src/observability/service-monitor';

describe('checkProps', () => {
  test('records the type problems of the props at the construct', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'chart');
    const scope = new Construct(chart, 'thing');
    PropsProblems.setFailFast(chart.node.root, false);
    // WHEN
    const ok = checkProps(scope, 'ArtifactFile', { path: 1, content: 'x' });
    // THEN
    expect(ok).toBe(false);
    expect(PropsProblems.of(scope)).toEqual([expect.objectContaining({ field: 'path', expected: 'must be a string', got: '1' })]);
  });

  test('throws at once in fail-fast mode', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'chart');
    const scope = new Construct(chart, 'thing');
    PropsProblems.setFailFast(chart.node.root, true);
    // THEN
    expect(() => checkProps(scope, 'ArtifactFile', { path: 'a', content: null })).toThrow(/content must be a string or left out|content/);
  });

  test('well-typed props pass', () => {
    // GIVEN
    const scope = new Construct(new Chart(Testing.app(), 'chart'), 'thing');
    // THEN
    expect(checkProps(scope, 'ArtifactFile', { path: 'a', content: 'b' })).toBe(true);
  });

  test.each([[1], [''], [undefined], [{}]])('a construct id %p is a problem', (id) => {
    // THEN
    expect(constructIdProblems(id, 'chart id')).toEqual([expect.objectContaining({ field: 'chart id', expected: 'must be a non-empty string' })]);
  });

  test('a string construct id is fine', () => {
    // THEN
    expect(constructIdProblems('platform', 'chart id')).toEqual([]);
  });
});

describe('unknown props (TypeScript\'s excess-property check, at run time)', () => {
  function problemsOf(build: (chart: Chart) => unknown): Array<{ field: string; expected: string; fix: string; path: string }> {
    const app = OpsTesting.app({ failFast: false });
    build(app.chart('platform'));
    try {
      OpsTesting.synth(app);
    } catch (e) {
      return OpsErrors.problemsOf(e as Error).map((p) => ({ field: p.field, expected: p.expected, fix: p.fix, path: p.path }));
    }
    return [];
  }

  test('a removed name prop points to metadata.name, at the construct path', () => {
    // GIVEN / WHEN
    const problems = problemsOf((chart) => new ServiceMonitor(chart, 'checkout', { name: 'checkout', selector: {}, endpoints: [{ port: 'metrics' }] } as any));
    // THEN
    expect(problems).toEqual([{
      field: 'name', expected: 'is not a field of ServiceMonitorProps', fix: 'did you mean metadata.name? rename or remove name', path: 'platform/checkout',
    }]);
  });

  test('a misspelt field of a nested struct names the closest one', () => {
    const problems = problemsOf((chart) => new ServiceMonitor(chart, 'checkout', { selector: {}, endpoints: [{ port: 'metrics', intervall: Duration.seconds(30) }] } as any));
    expect(problems).toEqual([expect.objectContaining({ field: 'endpoints[0].intervall', expected: 'is not a field of ServiceMonitorEndpoint', fix: 'did you mean interval? rename or remove intervall' })]);
  });

  test('a removed prop nothing is close to lists the known props', () => {
    const problems = problemsOf((chart) => new GrafanaDashboard(chart, 'api', { title: 'API', rows: [], fileName: 'api.json' } as any));
    expect(problems).toEqual([expect.objectContaining({ field: 'fileName', expected: 'is not a field of GrafanaDashboardProps', path: 'platform/api' })]);
    expect(problems[0].fix).toMatch(/^remove fileName; the known fields are configMap, .*, uid, variables$/);
  });

  test('NodeLocalDns\'s former namespace prop points to metadata.namespace', () => {
    const problems = problemsOf((chart) => new NodeLocalDns(chart, 'dns', { kubeDnsIp: '10.100.0.10', namespace: 'kube-system' } as any));
    expect(problems).toEqual([expect.objectContaining({ field: 'namespace', fix: 'did you mean metadata.namespace? rename or remove namespace', path: 'platform/dns' })]);
  });

  test('a prop that lost its unit suffix points to the Duration prop', () => {
    expect(propTypeProblems('AdmissionWebhookOptions', { version: 'v1', timeoutSeconds: 10 }).filter((p) => p.field !== 'type'))
      .toEqual([expect.objectContaining({ field: 'timeoutSeconds', fix: 'did you mean timeout? rename or remove timeoutSeconds' })]);
  });
});
