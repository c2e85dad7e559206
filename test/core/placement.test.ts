import { App, Chart } from 'cdk8s';
import { App as TfApp, TerraformStack } from 'cdktn';
import { Construct } from 'constructs';
import { OpsTesting } from '../../src/app/testing';
import { OpsErrors } from '../../src/core/ops-error';
import { Engine, placedIn } from '../../src/core/placement';
import { NodeLocalDns } from '../../src/dns/node-local-dns';
import { MetricAlarm } from '../../src/observability/aws/metric-alarm';
import { ServiceMonitor } from '../../src/observability/service-monitor';
import { HelmProvider } from '../../src/terraform/helm-provider';

describe('placedIn', () => {
  test('a construct in a scope of its own engine passes, however deep', () => {
    // GIVEN
    const chart = new Chart(new App(), 'platform');
    const nested = new Construct(new Construct(chart, 'a'), 'b');
    const stack = new TerraformStack(new TfApp({ outdir: OpsTesting.app().terraformOutdir }), 'aws');
    // WHEN / THEN
    expect(placedIn(nested, 'x', Engine.KUBERNETES, 'Thing')).toBe(nested);
    expect(placedIn(stack, 'x', Engine.TERRAFORM, 'Thing')).toBe(stack);
  });

  test.each([
    ['a Terraform-side construct in a chart', Engine.TERRAFORM, 'chart', /^scope must be a Terraform stack or a construct inside one, got chart "platform" — MetricAlarm belongs in a Terraform stack: create it under app.stack\('…'\)/],
    ['a Kubernetes-side construct in a stack', Engine.KUBERNETES, 'stack', /^scope must be a Kubernetes chart or a construct inside one, got Terraform stack "aws" — MetricAlarm belongs in a Kubernetes chart: create it under app.chart\('…'\)/],
  ])('fails when %s', (_name, engine, where, message) => {
    // GIVEN
    const app = OpsTesting.app();
    const scope = where === 'chart' ? app.chart('platform') : app.stack('aws');
    // WHEN
    const act = () => placedIn(scope, 'alarm', engine, 'MetricAlarm');
    // THEN
    expect(act).toThrow(message);
    expect(act).toThrow(/at path \[(platform|aws)\/alarm\]/);
  });

  test('fails when the scope is in no chart and no stack', () => {
    // GIVEN
    const app = new App();
    // WHEN / THEN
    expect(() => placedIn(app, 'dns', Engine.KUBERNETES, 'NodeLocalDns')).toThrow(/got the app root, which is in no chart and no stack — NodeLocalDns belongs in a Kubernetes chart/);
  });
});

describe('every construct checks its scope before it is added', () => {
  test.each([
    ['MetricAlarm in a chart', (app: ReturnType<typeof OpsTesting.app>) => new MetricAlarm(app.chart('c'), 'alarm', {} as any), /MetricAlarm belongs in a Terraform stack/, 'c'],
    ['HelmProvider in a chart', (app: ReturnType<typeof OpsTesting.app>) => new HelmProvider(app.chart('c'), 'helm', {} as any), /HelmProvider belongs in a Terraform stack/, 'c'],
    ['ServiceMonitor in a stack', (app: ReturnType<typeof OpsTesting.app>) => new ServiceMonitor(app.stack('s'), 'mon', {} as any), /ServiceMonitor belongs in a Kubernetes chart/, 's'],
    ['NodeLocalDns in a stack', (app: ReturnType<typeof OpsTesting.app>) => new NodeLocalDns(app.stack('s'), 'dns', { kubeDnsIp: '10.96.0.10' }), /NodeLocalDns belongs in a Kubernetes chart/, 's'],
  ])('%s fails at once, whatever the props, and leaves no child behind', (_name, create, message, parentId) => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    let error: unknown;
    try {
      create(app);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(OpsErrors.isOpsError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(message);
    const parent = [...app.k8s.node.children, ...(app.terraform.node.children)].find((c) => c.node.id === parentId)!;
    expect(parent.node.children).toHaveLength(0);
  });
});
