import { ApiObject, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AlertmanagerRouting, AlertTopic, ArgoCdApplication, CertManagerRelease, ClusterCatalog, ClusterExtension, ComparisonOperator, CustomResource,
  CustomResourceDefinition, EksNodeConfig, FileArtifact, GrafanaDashboard, HelmChart, HelmProvider, HelmRelease, KubePrometheusStackRelease,
  ManagedPrometheus, MetricAlarm, NodeLocalDns, NodeLocalDnsHelmRelease, OlmBundle, OlmCatalog, Operator, OpsApp, OpsStack, PodMonitor,
  PrometheusRules, Schema, ServiceLevelObjective, ServiceMonitor, SubscriptionProtocol, TerraformHelmRelease,
} from '../../src';

/**
 * Every public construct of opskit, for the fuzz suite (`props.fuzz.test.ts`): its props struct (the generated
 * descriptor drives the generators), where it is created, and a valid baseline whose fields the mutating runs
 * replace one at a time. A baseline builds what the props refer to (an `Operator` for `OlmBundle`, a CRD for
 * `CustomResource`, …) in the app of the run; its construct-typed fields are what fully generated runs take
 * for an `object` field too.
 */

/** Where a construct is created: a chart, a stack, the app's cdk8s root (`HelmChart`) or its Terraform root (`OpsStack`). */
export type Placement = 'chart' | 'stack' | 'k8s-root' | 'tf-root';

/** One public construct. */
export interface FuzzSubject {
  readonly name: string;
  readonly struct: string;
  readonly placement: Placement;
  readonly type: new (scope: any, id: string, props: any) => Construct;
  /** Valid props, built in the run's app (`scope` is where the subject goes). */
  readonly baseline: (app: OpsApp, scope: Construct) => Record<string, unknown>;
}

const IMAGE = 'ghcr.io/acme/demo:v1.0.0';

function workload(chart: Construct): ApiObject {
  const labels = { 'app.kubernetes.io/name': 'worker' };
  return new ApiObject(chart, 'worker', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'worker' },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: IMAGE, ports: [{ name: 'metrics', containerPort: 8080 }] }] } },
    },
  });
}

function service(chart: Construct): ApiObject {
  return new ApiObject(chart, 'svc', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
    spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'metrics', port: 9090, targetPort: 9090 }] },
  });
}

function widgetsCrd(chart: Construct): CustomResourceDefinition {
  return new CustomResourceDefinition(chart, 'widgets', {
    group: 'example.com',
    kind: 'Widget',
    versions: [{
      name: 'v1',
      spec: Schema.object({ properties: { size: Schema.integer({ minimum: 1, maximum: 10 }), colour: Schema.string({ maxLength: 20 }) } }),
    }],
  });
}

function operatorIn(chart: Construct, id = 'demo'): Operator {
  return new Operator(chart, id, { image: IMAGE });
}

function bundleIn(app: OpsApp): OlmBundle {
  const chart = app.chart('bundle');
  return new OlmBundle(chart, 'Bundle', {
    operator: operatorIn(chart), version: '1.0.0', channels: ['stable'], displayName: 'Demo', image: 'ghcr.io/acme/demo-bundle:v1.0.0',
  });
}

function rulesIn(scope: Construct): PrometheusRules {
  return new PrometheusRules(scope, 'rules', {
    groups: [{
      name: 'web',
      rules: [{
        alert: 'Down', expr: 'up == 0', for: Duration.minutes(5), labels: { severity: 'critical' }, annotations: { summary: '{{ $labels.job }} is down' },
      }],
    }],
  });
}

function webRelease(chart: Construct): HelmRelease {
  return new HelmRelease(chart, 'web', { repository: 'https://charts.example.com', chart: 'web', version: '1.2.3', values: { replicas: 2 } });
}

const SLO_PROPS = {
  service: 'checkout',
  name: 'availability',
  objective: 99.9,
  sli: { events: { errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(http_requests_total[{{.window}}]))' } },
  alerting: { name: 'CheckoutBurn', pageAlert: { labels: { severity: 'critical' } }, ticketAlert: { labels: { severity: 'warning' } } },
};

const DNS_PROPS = { kubeDnsIp: '10.96.0.10', serviceCidrs: ['10.96.0.0/16'], podCidrs: ['10.0.0.0/16'], upstreamServers: ['169.254.169.253'] };

/** Every public construct class, with its baseline. */
export const FUZZ_SUBJECTS: readonly FuzzSubject[] = [
  { name: 'OpsStack', struct: 'OpsStackProps', placement: 'tf-root', type: OpsStack, baseline: () => ({ aws: { region: 'eu-west-1', defaultTags: { team: 'platform' } } }) },
  { name: 'FileArtifact', struct: 'FileArtifactProps', placement: 'chart', type: FileArtifact, baseline: () => ({ path: 'docs/runbook.md', content: '# runbook\n' }) },
  {
    name: 'Operator',
    struct: 'OperatorProps',
    placement: 'chart',
    type: Operator,
    baseline: () => ({ image: IMAGE, replicas: 2, serviceMonitor: true, networkPolicies: true, env: { LOG_LEVEL: 'info' }, args: ['--zap-log-level=info'] }),
  },
  {
    name: 'CustomResourceDefinition',
    struct: 'CustomResourceDefinitionProps',
    placement: 'chart',
    type: CustomResourceDefinition,
    baseline: () => ({
      group: 'example.com',
      kind: 'Gadget',
      shortNames: ['gd'],
      categories: ['demo'],
      versions: [{ name: 'v1', spec: Schema.object({ properties: { size: Schema.integer({ minimum: 1 }) } }), statusSubresource: true }],
    }),
  },
  {
    name: 'CustomResource',
    struct: 'CustomResourceProps',
    placement: 'chart',
    type: CustomResource,
    baseline: (_app, scope) => ({ crd: widgetsCrd(scope), metadata: { name: 'small', labels: { tier: 'a' } }, spec: { size: 3, colour: 'blue' } }),
  },
  {
    name: 'PrometheusRules',
    struct: 'PrometheusRulesProps',
    placement: 'chart',
    type: PrometheusRules,
    baseline: () => ({
      metadata: { name: 'web', labels: { release: 'kube-prometheus-stack' } },
      groups: [{
        name: 'web',
        rules: [
          { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' },
          { alert: 'WebDown', expr: 'up{job="web"} == 0', for: Duration.minutes(5), labels: { severity: 'critical' }, annotations: { summary: '{{ $labels.instance }} is down' } },
        ],
      }],
    }),
  },
  { name: 'ServiceLevelObjective', struct: 'ServiceLevelObjectiveProps', placement: 'chart', type: ServiceLevelObjective, baseline: () => ({ ...SLO_PROPS }) },
  {
    name: 'AlertmanagerRouting',
    struct: 'AlertmanagerRoutingProps',
    placement: 'chart',
    type: AlertmanagerRouting,
    baseline: () => ({
      route: { receiver: 'team', groupBy: ['alertname'], routes: [{ receiver: 'pager', matchers: ['severity="critical"'] }] },
      receivers: [{ name: 'team', webhookConfigs: [{ url: 'http://bridge.ops.svc:8080/hook', maxAlerts: 20 }] }, { name: 'pager' }],
      alertmanagerConfig: true,
    }),
  },
  {
    name: 'GrafanaDashboard',
    struct: 'GrafanaDashboardProps',
    placement: 'chart',
    type: GrafanaDashboard,
    baseline: () => ({
      title: 'API',
      variables: [{ name: 'job', query: 'label_values(up, job)' }],
      rows: [{ title: 'Traffic', panels: [{ title: 'Requests', unit: 'reqps', queries: [{ expr: 'sum(rate(http_requests_total{job="$job"}[5m]))', legendFormat: '{{code}}' }] }] }],
    }),
  },
  {
    name: 'ServiceMonitor',
    struct: 'ServiceMonitorProps',
    placement: 'chart',
    type: ServiceMonitor,
    baseline: (_app, scope) => ({ service: service(scope), metadata: { labels: { release: 'prom' } }, endpoints: [{ port: 'metrics', path: '/metrics', interval: Duration.seconds(30) }] }),
  },
  {
    name: 'PodMonitor',
    struct: 'PodMonitorProps',
    placement: 'chart',
    type: PodMonitor,
    baseline: (_app, scope) => ({ workload: workload(scope), podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }] }),
  },
  { name: 'NodeLocalDns', struct: 'NodeLocalDnsProps', placement: 'chart', type: NodeLocalDns, baseline: () => ({ ...DNS_PROPS }) },
  {
    name: 'HelmRelease',
    struct: 'HelmReleaseProps',
    placement: 'chart',
    type: HelmRelease,
    baseline: () => ({ repository: 'https://charts.example.com', chart: 'web', version: '1.2.3', values: { replicas: 2, image: { tag: 'v1.0.0' } } }),
  },
  {
    name: 'KubePrometheusStackRelease',
    struct: 'KubePrometheusStackReleaseProps',
    placement: 'chart',
    type: KubePrometheusStackRelease,
    baseline: () => ({ version: '79.5.0', values: { prometheus: { retention: Duration.days(15), replicas: 2 } } }),
  },
  {
    name: 'CertManagerRelease',
    struct: 'CertManagerReleaseProps',
    placement: 'chart',
    type: CertManagerRelease,
    baseline: () => ({ version: 'v1.19.1', values: { crds: true, replicaCount: 2 } }),
  },
  {
    name: 'ArgoCdApplication',
    struct: 'ArgoCdApplicationProps',
    placement: 'chart',
    type: ArgoCdApplication,
    baseline: (app) => ({ release: webRelease(app.chart('releases', { namespace: 'web' })), project: 'default' }),
  },
  {
    name: 'ClusterCatalog',
    struct: 'ClusterCatalogProps',
    placement: 'chart',
    type: ClusterCatalog,
    baseline: () => ({ image: `quay.io/acme/catalog@sha256:${'a'.repeat(64)}`, priority: 10 }),
  },
  {
    name: 'ClusterExtension',
    struct: 'ClusterExtensionProps',
    placement: 'chart',
    type: ClusterExtension,
    baseline: () => ({ packageName: 'demo', version: '>=1.0.0, <2.0.0', channels: ['stable'], serviceAccountName: 'demo-installer' }),
  },
  {
    name: 'OlmBundle',
    struct: 'OlmBundleProps',
    placement: 'chart',
    type: OlmBundle,
    baseline: (_app, scope) => ({ operator: operatorIn(scope), version: '1.0.0', channels: ['stable'], displayName: 'Demo', keywords: ['demo'] }),
  },
  { name: 'OlmCatalog', struct: 'OlmCatalogProps', placement: 'chart', type: OlmCatalog, baseline: (app) => ({ bundles: [bundleIn(app)], description: 'Demo.' }) },
  {
    name: 'HelmChart',
    struct: 'HelmChartProps',
    placement: 'k8s-root',
    type: HelmChart,
    baseline: (app) => {
      const chart = app.chart('packaged', { namespace: 'demo-system' });
      operatorIn(chart);
      return { name: 'demo', charts: [chart as Chart], version: '1.0.0', appVersion: 'v1.0.0', description: 'Demo.' };
    },
  },
  {
    name: 'AlertTopic',
    struct: 'AlertTopicProps',
    placement: 'stack',
    type: AlertTopic,
    baseline: () => ({
      topicName: 'pages', subscriptions: [{ protocol: SubscriptionProtocol.EMAIL, endpoint: 'oncall@example.com' }], tags: { team: 'platform' },
    }),
  },
  {
    name: 'MetricAlarm',
    struct: 'MetricAlarmProps',
    placement: 'stack',
    type: MetricAlarm,
    baseline: () => ({
      alarmName: 'errors',
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 1,
      evaluationPeriods: 5,
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      statistic: 'Sum',
      period: Duration.minutes(1),
    }),
  },
  {
    name: 'ManagedPrometheus',
    struct: 'ManagedPrometheusProps',
    placement: 'stack',
    type: ManagedPrometheus,
    baseline: (app) => ({ alias: 'platform', ruleSets: [rulesIn(app.chart('rules'))], tags: { team: 'platform' } }),
  },
  { name: 'HelmProvider', struct: 'HelmProviderProps', placement: 'stack', type: HelmProvider, baseline: () => ({ kubernetes: { configPath: '~/.kube/config', configContext: 'blue' } }) },
  {
    name: 'TerraformHelmRelease',
    struct: 'TerraformHelmReleaseProps',
    placement: 'stack',
    type: TerraformHelmRelease,
    baseline: (app, scope) => ({
      release: webRelease(app.chart('releases', { namespace: 'web' })),
      createNamespace: true,
      timeout: Duration.minutes(5),
      provider: new HelmProvider(scope, 'helm', { alias: 'blue' }),
    }),
  },
  {
    name: 'NodeLocalDnsHelmRelease',
    struct: 'NodeLocalDnsHelmReleaseProps',
    placement: 'stack',
    type: NodeLocalDnsHelmRelease,
    baseline: (_app, scope) => ({ ...DNS_PROPS, provider: new HelmProvider(scope, 'helm', {}) }),
  },
  {
    name: 'EksNodeConfig',
    struct: 'EksNodeConfigProps',
    placement: 'stack',
    type: EksNodeConfig,
    baseline: (app) => ({ nodeLocalDns: new NodeLocalDns(app.chart('dns'), 'dns', { ...DNS_PROPS }) }),
  },
];
