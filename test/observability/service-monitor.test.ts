import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { k8s } from 'cdk8s-plus-33';
import { OpsTesting } from '../../src/app/testing';
import { LabelSelectorOperator, RelabelAction, Scheme, TlsVersion } from '../../src/observability/monitor-types';
import { ServiceMonitor } from '../../src/observability/service-monitor';

function service(chart: any, id: string, labels: Record<string, string>, ports: Array<{ name?: string; port: number }>) {
  return new ApiObject(chart, id, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: id, labels },
    spec: { selector: labels, ports },
  });
}

describe('ServiceMonitor', () => {
  test('defaults: selector from the Service labels, endpoints rendered with real field names', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon', { namespace: 'shop' });
    const svc = service(chart, 'api', { app: 'api' }, [{ name: 'metrics', port: 9090 }]);

    // WHEN
    new ServiceMonitor(chart, 'api-monitor', { service: svc, endpoints: [{ port: 'metrics', interval: Duration.seconds(30), scrapeTimeout: Duration.seconds(10) }] });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObjects('mon', 'ServiceMonitor')).toHaveLength(1);
    const sm = out.findObject('mon', 'ServiceMonitor', 'api-monitor'); // default name: the construct id
    expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(sm.metadata.namespace).toBe('shop');
    expect(sm.spec).toEqual({
      selector: { matchLabels: { app: 'api' } },
      endpoints: [{ port: 'metrics', interval: '30s', scrapeTimeout: '10s' }],
    });
  });

  test('durations render in Prometheus\'s canonical form', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');

    // WHEN
    new ServiceMonitor(chart, 'm', { selector: {}, endpoints: [{ port: 'metrics', interval: Duration.minutes(1.5), scrapeTimeout: Duration.millis(1500) }] });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObject('mon', 'ServiceMonitor', 'm').spec.endpoints[0]).toEqual({ port: 'metrics', interval: '1m30s', scrapeTimeout: '1s500ms' });
  });

  test('renders a typed TLS configuration with the CRD field names', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');

    // WHEN
    new ServiceMonitor(chart, 'm', {
      selector: {},
      endpoints: [{
        port: 'https',
        scheme: Scheme.HTTPS,
        tlsConfig: {
          ca: { configMap: { name: 'api-ca', key: 'ca.crt' } },
          cert: { secret: { name: 'scraper', key: 'tls.crt' } },
          keySecret: { name: 'scraper', key: 'tls.key', optional: false },
          serverName: 'api.shop.svc',
          minVersion: TlsVersion.TLS12,
        },
      }, {
        port: 'https2',
        scheme: Scheme.HTTPS,
        tlsConfig: { caFile: '/etc/prometheus/secrets/ca/ca.crt', insecureSkipVerify: false },
      }],
    });
    const out = OpsTesting.synth(app);

    // THEN
    const [first, second] = out.findObject('mon', 'ServiceMonitor', 'm').spec.endpoints;
    expect(first).toEqual({
      port: 'https',
      scheme: 'https',
      tlsConfig: {
        ca: { configMap: { key: 'ca.crt', name: 'api-ca' } },
        cert: { secret: { key: 'tls.crt', name: 'scraper' } },
        keySecret: { key: 'tls.key', name: 'scraper', optional: false },
        minVersion: 'TLS12',
        serverName: 'api.shop.svc',
      },
    });
    expect(second.tlsConfig).toEqual({ caFile: '/etc/prometheus/secrets/ca/ca.crt', insecureSkipVerify: false });
  });

  test('renders every typed endpoint field and namespaceSelector', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');

    // WHEN
    new ServiceMonitor(chart, 'm', {
      metadata: { name: 'external', labels: { release: 'kps' } },
      selector: { matchExpressions: [{ key: 'app', operator: LabelSelectorOperator.IN, values: ['a', 'b'] }] },
      namespaceSelector: { matchNames: ['a', 'b'] },
      jobLabel: 'app',
      targetLabels: ['team'],
      sampleLimit: 1000,
      endpoints: [{
        targetPort: k8s.IntOrString.fromNumber(8080),
        path: '/metrics',
        scheme: Scheme.HTTPS,
        honorLabels: true,
        relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node', action: RelabelAction.REPLACE }],
        bearerTokenSecret: { name: 'tok', key: 'token' },
      }],
    });
    const out = OpsTesting.synth(app);

    // THEN
    const sm = out.findObject('mon', 'ServiceMonitor', 'external');
    expect(sm.metadata.labels).toEqual({ release: 'kps' });
    expect(sm.spec.namespaceSelector).toEqual({ matchNames: ['a', 'b'] });
    expect(sm.spec.endpoints[0]).toEqual({
      targetPort: 8080,
      path: '/metrics',
      scheme: 'https',
      honorLabels: true,
      relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node', action: 'replace' }],
      bearerTokenSecret: { name: 'tok', key: 'token' },
    });
    expect(sm.spec).toMatchObject({ jobLabel: 'app', targetLabels: ['team'], sampleLimit: 1000 });
  });

  test('accepts a cdk8s-plus Service', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const svc = new kplus.Service(chart, 'web', { ports: [{ name: 'http-metrics', port: 8080 }], metadata: { labels: { app: 'web' } } });

    // WHEN
    new ServiceMonitor(chart, 'web-monitor', { service: svc, endpoints: [{ port: 'http-metrics' }] });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObject('mon', 'ServiceMonitor', 'web-monitor').spec.selector).toEqual({ matchLabels: { app: 'web' } });
  });

  test('fails at synth when the named port does not exist on the Service', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const svc = service(chart, 'api', { app: 'api' }, [{ name: 'http', port: 80 }]);
    new ServiceMonitor(chart, 'api-monitor', { service: svc, endpoints: [{ port: 'metrics' }] });

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/endpoints\[0\]\.port must name a port of the selected Service Service\/api \(it has "http"\), got "metrics"[\s\S]*at path \[mon\/api-monitor\]/);
  });

  test('fails at synth when the selector does not match the Service', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const svc = service(chart, 'api', { app: 'api' }, [{ name: 'metrics', port: 80 }]);
    new ServiceMonitor(chart, 'api-monitor', { service: svc, selector: { matchLabels: { app: 'apii' } }, endpoints: [{ port: 'metrics' }] });

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/selector must select Service api[\s\S]*at path \[mon\/api-monitor\]/);
  });

  test('accepts Kubernetes label keys with a prefix in the selector (not Prometheus label names)', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const labels = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' };
    service(chart, 'api', labels, [{ name: 'metrics', port: 9090 }]);

    // WHEN
    new ServiceMonitor(chart, 'm', { metadata: { name: 'api' }, selector: { matchLabels: labels }, jobLabel: 'app.kubernetes.io/name', endpoints: [{ port: 'metrics' }] });
    const out = OpsTesting.synth(app);

    // THEN
    expect(out.findObject('mon', 'ServiceMonitor', 'api').spec).toMatchObject({ selector: { matchLabels: labels }, jobLabel: 'app.kubernetes.io/name' });
  });

  test('fails at synth when the Service has no labels to select it by', () => {
    // GIVEN: without labels the derived selector would be {}, selecting every Service in the namespace
    const app = OpsTesting.app();
    const chart = app.chart('mon');
    const svc = service(chart, 'api', {}, [{ name: 'metrics', port: 9090 }]);
    new ServiceMonitor(chart, 'api-monitor', { service: svc, endpoints: [{ port: 'metrics' }] });

    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(
      /service must carry labels when selector is not given \(an empty selector selects every Service in the namespace\), got "Service\/api"[^]*at path \[mon\/api-monitor\]/);
  });

  test('checks every Service of the app the selector selects, in its namespace only', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon', { namespace: 'a' });
    const other = app.chart('other', { namespace: 'b' });
    service(chart, 'good', { tier: 'api' }, [{ name: 'metrics', port: 80 }]);
    service(other, 'elsewhere', { tier: 'api' }, [{ name: 'http', port: 80 }]);
    new ServiceMonitor(chart, 'm', { selector: { matchLabels: { tier: 'api' } }, endpoints: [{ port: 'metrics' }] });

    // THEN: the Service in namespace b is not selected, so no problem
    expect(() => OpsTesting.synth(app)).not.toThrow();

    // WHEN the monitor looks in every namespace
    const app2 = OpsTesting.app();
    const c2 = app2.chart('mon', { namespace: 'a' });
    service(app2.chart('other', { namespace: 'b' }), 'elsewhere', { tier: 'api' }, [{ name: 'http', port: 80 }]);
    new ServiceMonitor(c2, 'm', { selector: { matchLabels: { tier: 'api' } }, namespaceSelector: { any: true }, endpoints: [{ port: 'metrics' }] });

    // THEN
    expect(() => OpsTesting.synth(app2)).toThrow(/endpoints\[0\]\.port must name a port of the selected Service Service\/elsewhere/);
  });

  test.each([
    ['no endpoints', { selector: {}, endpoints: [] }, /endpoints must list at least one endpoint/],
    ['no selector and no service', { endpoints: [{ port: 'm' }] }, /selector must be set when no service is given/],
    ['a bad scheme', { selector: {}, endpoints: [{ port: 'm', scheme: 'ftp' }] }, /endpoints\[0\]\.scheme must be one of "http", "https" \(Scheme\), got "ftp"/],
    ['a timeout above the interval', { selector: {}, endpoints: [{ port: 'm', interval: Duration.seconds(10), scrapeTimeout: Duration.seconds(30) }] },
      /endpoints\[0\]\.scrapeTimeout must not exceed interval \(10s\), got "30s"/],
    ['a duration given as text', { selector: {}, endpoints: [{ port: 'm', interval: '30s' }] }, /endpoints\[0\]\.interval must be a cdk8s Duration, got "30s" — use Duration\.seconds\(30\)/],
    ['a plain object for a duration', { selector: {}, endpoints: [{ port: 'm', interval: { seconds: 30 } }] }, /endpoints\[0\]\.interval must be a cdk8s Duration, got \{"seconds":30\}/],
    ['a zero interval', { selector: {}, endpoints: [{ port: 'm', interval: Duration.seconds(0) }] }, /endpoints\[0\]\.interval must be longer than 0, got "0ms"/],
    ['a fraction of a millisecond', { selector: {}, endpoints: [{ port: 'm', scrapeTimeout: Duration.millis(0.5) }] }, /endpoints\[0\]\.scrapeTimeout must be a whole number of milliseconds/],
    ['a CA from both a Secret and a ConfigMap', { selector: {}, endpoints: [{ port: 'm', tlsConfig: { ca: { secret: { name: 'a', key: 'k' }, configMap: { name: 'a', key: 'k' } } } }] },
      /endpoints\[0\]\.tlsConfig\.ca must set exactly one of secret and configMap/],
    ['a CA both in the cluster and as a file', { selector: {}, endpoints: [{ port: 'm', tlsConfig: { ca: { secret: { name: 'a', key: 'k' } }, caFile: '/ca.crt' } }] },
      /endpoints\[0\]\.tlsConfig\.caFile must not be set together with ca/],
    ['a client certificate without its key', { selector: {}, endpoints: [{ port: 'm', tlsConfig: { cert: { secret: { name: 'a', key: 'tls.crt' } } } }] },
      /endpoints\[0\]\.tlsConfig\.keySecret must be set with a client certificate/],
    ['a TLS Secret name that is not a name', { selector: {}, endpoints: [{ port: 'm', tlsConfig: { insecureSkipVerify: true, keySecret: { name: 'My_Secret', key: 'k' }, certFile: '/c' } }] },
      /endpoints\[0\]\.tlsConfig\.keySecret\.name must be a Secret name \(a DNS-1123 subdomain\), got "My_Secret"/],
    ['a TLS version that is not one', { selector: {}, endpoints: [{ port: 'm', tlsConfig: { minVersion: 'TLS1.2' } }] }, /endpoints\[0\]\.tlsConfig\.minVersion must be one of "TLS10"/],
    ['a maximum TLS version below the minimum', { selector: {}, endpoints: [{ port: 'm', tlsConfig: { minVersion: TlsVersion.TLS13, maxVersion: TlsVersion.TLS12 } }] },
      /endpoints\[0\]\.tlsConfig\.maxVersion must not be older than minVersion \(TLS13\)/],
    ['a relative path', { selector: {}, endpoints: [{ port: 'm', path: 'metrics' }] }, /endpoints\[0\]\.path must start with "\/"/],
    ['an unknown relabel action', { selector: {}, endpoints: [{ port: 'm', relabelings: [{ action: 'rename' }] }] }, /endpoints\[0\]\.relabelings\[0\]\.action must be one of "replace", "keep"[^]*\(RelabelAction\), got "rename"/],
    ['a relabel action capitalised as the CRD allows (props take the RelabelAction values)', { selector: {}, endpoints: [{ port: 'm', relabelings: [{ action: 'HashMod' }] }] },
      /endpoints\[0\]\.relabelings\[0\]\.action must be one of[^]*got "HashMod" — use one of the RelabelAction values/],
    ['a bad selector operator', { selector: { matchExpressions: [{ key: 'a', operator: 'Is' }] }, endpoints: [{ port: 'm' }] }, /selector\.matchExpressions\[0\]\.operator must be one of "In", "NotIn", "Exists", "DoesNotExist" \(LabelSelectorOperator\), got "Is"/],
    ['a selector value that is not a label value', { selector: { matchLabels: { 'app.kubernetes.io/name': 'api server' } }, endpoints: [{ port: 'm' }] },
      /selector\.matchLabels\.app\.kubernetes\.io\/name must be a Kubernetes label value[^]*got "api server"/],
    ['a selector key that is not a label key', { selector: { matchExpressions: [{ key: 'app name', operator: LabelSelectorOperator.EXISTS }] }, endpoints: [{ port: 'm' }] },
      /selector\.matchExpressions\[0\]\.key must be a Kubernetes label key[^]*got "app name"/],
    ['a jobLabel that is not a label key', { selector: {}, jobLabel: 'app name', endpoints: [{ port: 'm' }] }, /jobLabel must be a Kubernetes label key[^]*got "app name"/],
    ['a bad target label', { selector: {}, targetLabels: ['team/'], endpoints: [{ port: 'm' }] }, /targetLabels\[0\] must be a Kubernetes label key[^]*got "team\/"/],
    ['a negative sample limit', { selector: {}, sampleLimit: -1, endpoints: [{ port: 'm' }] }, /sampleLimit must be an integer >= 0 \(0 means no limit\), got -1/],
    ['a fractional target limit', { selector: {}, targetLimit: 1.5, endpoints: [{ port: 'm' }] }, /targetLimit must be a whole number, got 1\.5 — pass a whole number \[props\/type\]/],
    ['a namespace name that is not a DNS label', { selector: {}, namespaceSelector: { matchNames: ['Shop_A'] }, endpoints: [{ port: 'm' }] },
      /namespaceSelector\.matchNames\[0\] must be a namespace name \(DNS-1123 label\), got "Shop_A"/],
  ])('fails when given %s', (_name, props, message) => {
    // GIVEN
    const chart = OpsTesting.app().chart('mon');

    // THEN
    expect(() => new ServiceMonitor(chart, 'bad', props as any)).toThrow(message);
    expect(() => new ServiceMonitor(chart, 'bad2', props as any)).toThrow(/at path \[mon\/bad2\]/);
  });

  test('a selector that matches nothing in the app is a warning, not an error', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('mon', { namespace: 'shop' });
    service(chart, 'api', { app: 'api' }, [{ name: 'metrics', port: 9090 }]);
    new ServiceMonitor(chart, 'typo', { selector: { matchLabels: { app: 'apii' } }, endpoints: [{ port: 'metrics' }] });
    // WHEN
    const out = OpsTesting.synth(app);
    OpsTesting.synth(app);
    // THEN
    expect(out.findObjects('mon', 'ServiceMonitor')).toHaveLength(1);
    expect(out.warnings).toEqual([{ path: 'mon/typo', id: 'opskit:observability/selector-matches-nothing', message: expect.stringMatching(/^selector \{"matchLabels":\{"app":"apii"\}\} matches no Service of this app in namespace shop/) }]);
    expect(app.k8s.node.findChild('mon').node.findChild('typo').node.metadata).toHaveLength(1);
  });
});
