import { monitorManifest, renderEndpoint, tlsConfigProblems } from '../../../src/observability/model/monitor-manifest';

describe('monitorManifest', () => {
  test('a ServiceMonitor with the CRD field names, undefined fields left out', () => {
    // WHEN
    const m = monitorManifest({
      kind: 'ServiceMonitor',
      metadata: { name: 'api', namespace: 'shop' },
      selector: { matchLabels: { app: 'api' } },
      namespaceSelector: { matchNames: ['shop'] },
      jobLabel: 'app',
      endpoints: [{ port: 'metrics', intervalMs: 90_000, scrapeTimeoutMs: 10_000, bearerTokenFile: '/token', tlsConfig: { insecureSkipVerify: true } }],
    });
    // THEN
    expect(m).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'api', namespace: 'shop' },
      spec: {
        jobLabel: 'app',
        namespaceSelector: { matchNames: ['shop'] },
        selector: { matchLabels: { app: 'api' } },
        endpoints: [{ port: 'metrics', interval: '1m30s', scrapeTimeout: '10s', bearerTokenFile: '/token', tlsConfig: { insecureSkipVerify: true } }],
      },
    });
  });

  test('a PodMonitor without endpoints has no podMetricsEndpoints field', () => {
    expect(monitorManifest({ kind: 'PodMonitor', metadata: { name: 'w' }, selector: {}, endpoints: [] }).spec).toEqual({ selector: {} });
  });

  test('key selectors render key, name and optional only', () => {
    expect(renderEndpoint({ tlsConfig: { ca: { secret: { name: 's', key: 'ca.crt', optional: true } } } }).tlsConfig)
      .toEqual({ ca: { secret: { key: 'ca.crt', name: 's', optional: true } } });
  });
});

describe('tlsConfigProblems', () => {
  const secret = { name: 'tls', key: 'tls.crt' };
  test.each([
    ['a CA from a Secret', { ca: { secret } }, []],
    ['a client certificate with its key', { cert: { secret }, keySecret: { name: 'tls', key: 'tls.key' } }, []],
    ['files only', { caFile: '/ca', certFile: '/crt', keyFile: '/key' }, []],
    ['a CA with neither source', { ca: {} }, ['ca']],
    ['a CA with both sources', { ca: { secret, configMap: secret } }, ['ca']],
    ['a CA in the cluster and as a file', { ca: { secret }, caFile: '/ca' }, ['caFile']],
    ['a client key without a certificate', { keyFile: '/key' }, ['cert']],
    ['a certificate without a key', { certFile: '/crt' }, ['keySecret']],
    ['a Secret name with capitals', { ca: { secret: { name: 'TLS', key: 'ca.crt' } } }, ['ca.secret.name']],
    ['a key with a slash', { ca: { configMap: { name: 'ca', key: 'a/b' } } }, ['ca.configMap.key']],
    ['an empty server name', { serverName: '' }, ['serverName']],
    ['versions the wrong way round', { minVersion: 'TLS13', maxVersion: 'TLS12' }, ['maxVersion']],
  ])('%s has problems at %p', (_name, tls, fields) => {
    expect(tlsConfigProblems(tls).map((p) => p.field)).toEqual(fields);
  });
});
