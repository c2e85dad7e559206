import { ApiObject, Duration } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { Scheme } from '../../src/observability/monitor-types';
import { PodMonitor } from '../../src/observability/pod-monitor';

function deployment(chart: any, id: string, labels: Record<string, string>, portNames: string[]) {
  return new ApiObject(chart, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'main', image: 'example/app:1.0.0', ports: portNames.map((name, i) => ({ name, containerPort: 8000 + i })) }] },
      },
    },
  });
}

describe('PodMonitor', () => {
  test('defaults: selector from the workload pod labels', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const d = deployment(chart, 'worker', { app: 'worker' }, ['metrics']);

    // WHEN
    new PodMonitor(chart, 'worker-monitor', { workload: d, podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }] });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObjects('mon', 'PodMonitor')).toHaveLength(1);
    const pm = out.findObject('mon', 'PodMonitor', 'worker-monitor'); // default name: the construct id
    expect(pm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(pm.spec).toEqual({ selector: { matchLabels: { app: 'worker' } }, podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }] });
  });

  test('renders Duration, Scheme and a SafeTLSConfig through the one monitor model', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const d = deployment(chart, 'worker', { app: 'worker' }, ['metrics']);

    // WHEN
    new PodMonitor(chart, 'worker-pods', {
      workload: d,
      podMetricsEndpoints: [{
        port: 'metrics',
        scheme: Scheme.HTTPS,
        interval: Duration.minutes(1),
        scrapeTimeout: Duration.seconds(20),
        tlsConfig: { ca: { secret: { name: 'worker-tls', key: 'ca.crt' } }, serverName: 'worker.mon.svc' },
      }],
    });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObject('mon', 'PodMonitor', 'worker-pods').spec.podMetricsEndpoints).toEqual([{
      port: 'metrics',
      scheme: 'https',
      interval: '1m',
      scrapeTimeout: '20s',
      tlsConfig: { ca: { secret: { key: 'ca.crt', name: 'worker-tls' } }, serverName: 'worker.mon.svc' },
    }]);
  });

  test('fails when a timeout exceeds the interval or the TLS CA names no source', () => {
    // GIVEN
    const chart = OpsTesting.app().chart('mon');

    // THEN
    expect(() => new PodMonitor(chart, 'pm', {
      selector: {},
      podMetricsEndpoints: [{ port: 'metrics', interval: Duration.seconds(10), scrapeTimeout: Duration.seconds(15), tlsConfig: { ca: {} } }],
    })).toThrow(/podMetricsEndpoints\[0\]\.tlsConfig\.ca must set exactly one of secret and configMap[^]*podMetricsEndpoints\[0\]\.scrapeTimeout must not exceed interval \(10s\), got "15s"[^]*at path \[mon\/pm\]/);
  });

  test('fails at synth when a selected workload has no container port of that name', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    deployment(chart, 'worker', { app: 'worker' }, ['http']);
    new PodMonitor(chart, 'pm', { selector: { matchLabels: { app: 'worker' } }, podMetricsEndpoints: [{ port: 'metrics' }] });

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/podMetricsEndpoints\[0\]\.port must name a port of the selected pod template Deployment\/worker \(it has "http"\)[\s\S]*at path \[mon\/pm\]/);
  });

  test('fails at synth when the workload\'s pods have no labels to select them by', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const d = deployment(chart, 'worker', {}, ['metrics']);
    new PodMonitor(chart, 'pm', { workload: d, podMetricsEndpoints: [{ port: 'metrics' }] });

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(
      /workload must carry labels when selector is not given \(an empty selector selects every pod template in the namespace\), got "Deployment\/worker"[^]*at path \[mon\/pm\]/);
  });

  test.each([
    ['a podTargetLabels entry is not a label key', { podTargetLabels: ['-team'] }, /podTargetLabels\[0\] must be a Kubernetes label key[^]*got "-team"/],
    ['the sample limit is negative', { sampleLimit: -5 }, /sampleLimit must be an integer >= 0 \(0 means no limit\), got -5/],
    ['the jobLabel is not a label key', { jobLabel: 'a b' }, /jobLabel must be a Kubernetes label key[^]*got "a b"/],
  ])('fails when %s', (_name, change, message) => {
    // GIVEN
    const chart = OpsTesting.app().chart('mon');

    // THEN
    expect(() => new PodMonitor(chart, 'pm', { selector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } }, podMetricsEndpoints: [{ port: 'metrics' }], ...change }))
      .toThrow(new RegExp(`${message.source}[^]*at path \\[mon\\/pm\\]`));
  });

  test('fails when portNumber is out of range', () => {
    // GIVEN
    const chart = OpsTesting.app().chart('mon');

    // THEN
    expect(() => new PodMonitor(chart, 'pm', { selector: {}, podMetricsEndpoints: [{ portNumber: 70000 }] }))
      .toThrow(/podMetricsEndpoints\[0\]\.portNumber must be a port number \(an integer from 1 to 65535\), got 70000[\s\S]*at path \[mon\/pm\]/);
  });

  test('fails when the workload is not a workload', () => {
    // GIVEN
    const chart = OpsTesting.app().chart('mon');
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });

    // THEN
    expect(() => new PodMonitor(chart, 'pm', { workload: cm, podMetricsEndpoints: [{ port: 'm' }] })).toThrow(/workload must be a workload/);
  });
});
