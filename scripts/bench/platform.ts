// The platform program of issue 10, scaled by a factor: per unit 200 SLOs, 50 CRDs with CEL rules and 50
// operators, 100 custom resources, 20 NodeLocalDns (one chart each), a 100-route Alertmanager tree and AMP
// running every rule set.
import type * as Opskit from '../../src';

const DISCOVERY = { release: 'kube-prometheus-stack' };

/** Builds the platform program `scale` times into `app`. */
export function definePlatform(ops: typeof Opskit, app: Opskit.OpsApp, scale: number): void {
  const { CustomResource, CustomResourceDefinition, Operator, Schema, ServiceLevelObjective, NodeLocalDns, AlertmanagerRouting, ManagedPrometheus } = ops;
  const ruleSets: Opskit.ServiceLevelObjective[] = [];
  for (let u = 0; u < scale; u++) {
    const operators = app.chart(`operators-${u}`);
    const resources = app.chart(`resources-${u}`);
    for (let i = 0; i < 50; i++) {
      const kind = `Widget${u}x${i}`;
      const crd = new CustomResourceDefinition(operators, `crd-${i}`, {
        group: `w${u}x${i}.example.com`,
        kind,
        versions: [{
          name: 'v1',
          spec: Schema.object({
            properties: {
              replicas: Schema.integer({ minimum: 0, maximum: 100 }),
              minReplicas: Schema.integer({ minimum: 0, maximum: 100 }),
              schedule: Schema.string({ maxLength: 128, pattern: '^(@hourly|@daily|(\\S+\\s+){4}\\S+)$' }),
              tier: Schema.string({ enum: ['gold', 'silver', 'bronze'] }),
              tags: Schema.array(Schema.string({ maxLength: 63 }), { maxItems: 16 }),
            },
            required: ['replicas', 'schedule'],
            validations: [
              { rule: 'self.replicas >= (has(self.minReplicas) ? self.minReplicas : 0)', message: 'replicas must be at least minReplicas' },
              { rule: '!has(self.tags) || self.tags.all(t, size(t) > 0)', message: 'tags must not be empty' },
            ],
          }),
          status: Schema.object({ properties: { conditions: Schema.conditions({ maxItems: 8 }) } }),
        }],
      });
      const operator = new Operator(operators, `operator-${i}`, { image: `ghcr.io/example/widget-${i}:v1.0.0`, metadata: { namespace: `widgets-${u}-${i}` } });
      operator.owns(crd);
      for (let r = 0; r < 2; r++) {
        new CustomResource(resources, `w-${i}-${r}`, {
          crd,
          metadata: { name: `widget-${i}-${r}`, namespace: 'apps' },
          spec: { replicas: 3, minReplicas: 1, schedule: '@hourly', tier: 'gold', tags: ['a', 'b'] },
        });
      }
    }
    const slos = app.chart(`slos-${u}`, { namespace: 'monitoring' });
    for (let i = 0; i < 200; i++) {
      ruleSets.push(new ServiceLevelObjective(slos, `slo-${i}`, {
        service: `svc-${u}-${i}`,
        name: 'requests-availability',
        objective: 99.9,
        sli: {
          events: {
            errorQuery: `sum(rate(http_requests_total{job="svc-${i}",code=~"5.."}[{{.window}}]))`,
            totalQuery: `sum(rate(http_requests_total{job="svc-${i}"}[{{.window}}]))`,
          },
        },
        alerting: { name: `Svc${u}x${i}AvailabilityBurn`, pageAlert: { labels: { severity: 'critical' } }, ticketAlert: { labels: { severity: 'warning' } } },
        metadata: { labels: DISCOVERY },
      }));
    }
    const routes = [];
    for (let i = 0; i < 100; i++) routes.push({ receiver: `team-${i % 10}`, matchers: [`service="svc-${u}-${i}"`] });
    new AlertmanagerRouting(slos, `routing-${u}`, {
      route: { receiver: 'team-0', groupBy: ['alertname', 'service'], routes },
      receivers: Array.from({ length: 10 }, (_, i) => ({ name: `team-${i}`, webhookConfigs: [{ url: `http://bridge.ops.svc:8080/team-${i}` }] })),
    });
    for (let i = 0; i < 20; i++) {
      new NodeLocalDns(app.chart(`dns-${u}-${i}`), 'node-local-dns', {
        kubeDnsIp: '10.100.0.10',
        serviceCidrs: ['10.100.0.0/16'],
        podCidrs: ['10.0.0.0/16'],
        upstreamServers: ['169.254.169.253'],
        serviceMonitor: true, serviceMonitorOptions: { labels: DISCOVERY },
        errorAlert: true, errorAlertOptions: { objective: 99.9 },
      });
    }
  }
  const stack = app.stack('amp', { aws: { region: 'eu-west-1' } });
  new ManagedPrometheus(stack, 'amp', { alias: 'platform', ruleSets });
}
