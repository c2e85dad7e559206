import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { ApiObject, Duration } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import { NodeLocalDns } from '../../src/dns/node-local-dns';
import { RelabelAction, Scheme, TlsVersion } from '../../src/observability/monitor-types';
import { PodMonitor } from '../../src/observability/pod-monitor';
import { PrometheusRules } from '../../src/observability/prometheus-rules';
import { ServiceLevelObjective } from '../../src/observability/service-level-objective';
import { ServiceMonitor } from '../../src/observability/service-monitor';
import { Operator } from '../../src/operator/operator';
import { OperatorMetrics } from '../../src/operator/operator-metrics';
import { describeReference } from '../support/reference';

/**
 * The PrometheusRule, ServiceMonitor and PodMonitor objects opskit emits are valid against the
 * prometheus-operator CRDs (v0.93, read in place): the schema accepts them and every field is known to it
 * (the API server would silently prune unknown fields).
 */

function crdSchema(dir: string, file: string): any {
  const crd = parseYaml(fs.readFileSync(path.join(dir, file), 'utf8'));
  const version = crd.spec.versions.find((v: any) => v.name === 'v1');
  return version.schema.openAPIV3Schema;
}

function unknownFields(obj: any, schema: any, at: string): string[] {
  if (obj === null || typeof obj !== 'object' || !schema) return [];
  if (schema['x-kubernetes-preserve-unknown-fields']) return [];
  if (Array.isArray(obj)) return obj.flatMap((o, i) => unknownFields(o, schema.items, `${at}[${i}]`));
  if (schema.properties) {
    return Object.entries(obj).flatMap(([k, v]) => (schema.properties[k]
      ? unknownFields(v, schema.properties[k], `${at}.${k}`)
      : [`${at}.${k}`]));
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return Object.entries(obj).flatMap(([k, v]) => unknownFields(v, schema.additionalProperties, `${at}.${k}`));
  }
  return [];
}

function buildApp() {
  const app = OpsTesting.app();
  const chart = app.chart('all', { namespace: 'monitoring' });
  new ServiceLevelObjective(chart, 'slo', {
    service: 'checkout',
    name: 'availability',
    objective: 99.9,
    sli: { events: { errorQuery: 'sum(rate(x{code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(x[{{.window}}]))' } },
    alerting: { alertPerWindowPair: true, pageAlert: { labels: { severity: 'critical' } } },
    metadata: { labels: { release: 'kps' } },
  });
  new PrometheusRules(chart, 'rules', {
    metadata: { name: 'api' },
    groups: [{
      name: 'api',
      interval: Duration.seconds(30),
      limit: 10,
      rules: [
        { record: 'job:up:sum', expr: 'sum by (job) (up)' },
        { alert: 'ApiDown', expr: 'up == 0', for: Duration.minutes(5), keepFiringFor: Duration.minutes(10), labels: { severity: 'critical' }, annotations: { summary: 'down' } },
      ],
    }],
  });
  const svc = new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', labels: { app: 'api' } }, spec: { ports: [{ name: 'metrics', port: 9090 }] } });
  new ServiceMonitor(chart, 'sm', {
    service: svc,
    namespaceSelector: { matchNames: ['monitoring'] },
    jobLabel: 'app',
    targetLabels: ['team'],
    podTargetLabels: ['version'],
    sampleLimit: 1000,
    targetLimit: 10,
    endpoints: [{
      port: 'metrics',
      path: '/metrics',
      scheme: Scheme.HTTPS,
      interval: Duration.seconds(30),
      scrapeTimeout: Duration.seconds(10),
      honorLabels: false,
      honorTimestamps: true,
      params: { module: ['http_2xx'] },
      relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], separator: ';', targetLabel: 'node', regex: '(.*)', replacement: '$1', action: RelabelAction.REPLACE }],
      metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'go_.*', action: RelabelAction.DROP }],
      bearerTokenSecret: { name: 'token', key: 'value' },
      tlsConfig: {
        ca: { secret: { name: 'api-tls', key: 'ca.crt' } },
        cert: { configMap: { name: 'scraper-cert', key: 'tls.crt', optional: false } },
        keySecret: { name: 'scraper-key', key: 'tls.key' },
        insecureSkipVerify: false,
        serverName: 'api.monitoring.svc',
        minVersion: TlsVersion.TLS12,
        maxVersion: TlsVersion.TLS13,
      },
    }, {
      port: 'metrics',
      scheme: Scheme.HTTPS,
      tlsConfig: { caFile: '/etc/prometheus/certs/ca.crt', certFile: '/etc/prometheus/certs/tls.crt', keyFile: '/etc/prometheus/certs/tls.key' },
      followRedirects: true,
      enableHttp2: true,
    }],
  });
  const d = new ApiObject(chart, 'dep', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'worker' },
    spec: { selector: { matchLabels: { app: 'worker' } }, template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'w', image: 'example/worker:1.0.0', ports: [{ name: 'metrics', containerPort: 8080 }] }] } } },
  });
  new PodMonitor(chart, 'pm', {
    workload: d,
    podMetricsEndpoints: [{
      port: 'metrics',
      portNumber: 8080,
      path: '/metrics',
      interval: Duration.seconds(15),
      relabelings: [{ action: RelabelAction.LABELDROP, regex: 'pod_template_hash' }],
      tlsConfig: { ca: { configMap: { name: 'worker-ca', key: 'ca.crt' } }, serverName: 'worker' },
    }],
    jobLabel: 'app',
    podTargetLabels: ['team'],
    sampleLimit: 100,
  });
  // the operator's and NodeLocalDns's ServiceMonitors go through the same monitor model
  new Operator(chart, 'backup', { image: 'ghcr.io/acme/backup:v1.2.0', serviceMonitor: true, metrics: OperatorMetrics.secure({ certManagerCertificate: true }) });
  new Operator(chart, 'plain', { image: 'ghcr.io/acme/plain:v1.0.0', serviceMonitor: true, metrics: OperatorMetrics.http() });
  new NodeLocalDns(app.chart('dns'), 'dns', { kubeDnsIp: '10.100.0.10', serviceMonitor: true, serviceMonitorOptions: { labels: { release: 'kps' }, interval: Duration.seconds(30) } });
  return OpsTesting.synth(app);
}

describeReference('prometheus-operator CRD conformance', 'observability/crds', (dir) => {
  // The CRDs carry Go (RE2) patterns such as `^(?i)(abort|warn)?$`: move the `(?i)` flag into the JS flags.
  const goRegExp = Object.assign((pattern: string, flags: string) => {
    const insensitive = pattern.includes('(?i)');
    return new RegExp(pattern.replace('(?i)', ''), insensitive ? `${flags}i` : flags);
  }, { code: 'goRegExp' });
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp as any } });
  const kinds: Array<[string, string]> = [
    ['PrometheusRule', 'monitoring.coreos.com_prometheusrules.yaml'],
    ['ServiceMonitor', 'monitoring.coreos.com_servicemonitors.yaml'],
    ['PodMonitor', 'monitoring.coreos.com_podmonitors.yaml'],
  ];
  const out = buildApp();

  test.each(kinds)('every emitted %s validates against its CRD and has no unknown field', (kind, file) => {
    // GIVEN
    const schema = crdSchema(dir, file);
    const validate = ajv.compile(schema);
    const objects = [...out.findObjects('all', kind, 'monitoring.coreos.com/v1'), ...out.findObjects('dns', kind, 'monitoring.coreos.com/v1')];
    expect(objects.length).toBeGreaterThan(kind === 'ServiceMonitor' ? 3 : 0);

    for (const obj of objects) {
      // WHEN
      const ok = validate(obj);
      // THEN
      expect({ name: obj.metadata.name, errors: ok ? [] : validate.errors }).toEqual({ name: obj.metadata.name, errors: [] });
      expect(unknownFields(obj.spec, schema.properties.spec, 'spec')).toEqual([]);
    }
  });

  test('the CRD schema rejects what opskit would never emit (the check is real)', () => {
    // GIVEN
    const validate = ajv.compile(crdSchema(dir, 'monitoring.coreos.com_prometheusrules.yaml'));
    const bad = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'x' }, spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up', for: '5 minutes' }] }] } };

    // THEN
    expect(validate(bad)).toBe(false);
    expect(unknownFields({ groups: [{ name: 'g', rules: [{ expr: 'up', keepFiringFor: '5m' }] }] },
      crdSchema(dir, 'monitoring.coreos.com_prometheusrules.yaml').properties.spec, 'spec')).toEqual(['spec.groups[0].rules[0].keepFiringFor']);
  });
});
