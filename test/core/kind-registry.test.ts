import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { KindRegistry, KindScope, ValidatorSource } from '../../src/core/kind-registry';
import { problem } from '../../src/core/problem';
import { NodeLocalDns } from '../../src/dns/node-local-dns';
import { ServiceMonitor } from '../../src/observability/service-monitor';
import { CustomResourceDefinition } from '../../src/operator/custom-resource-definition';
import { Operator } from '../../src/operator/operator';

describe('KindRegistry', () => {
  test('one registry per construct tree', () => {
    const a = OpsTesting.app();
    const b = OpsTesting.app();
    expect(KindRegistry.of(a.chart('x'))).toBe(KindRegistry.of(a.k8s));
    expect(KindRegistry.of(a.k8s)).not.toBe(KindRegistry.of(b.k8s));
  });

  test('registered kinds are listed sorted; registering the same definition again is a no-op', () => {
    // GIVEN
    const app = OpsTesting.app();
    const registry = KindRegistry.of(app.k8s);
    const validator = { validateObject: () => [] };
    // WHEN
    registry.register({ apiVersion: 'b.example.com/v1', kind: 'B', scope: KindScope.NAMESPACED }, app.k8s);
    registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', scope: KindScope.CLUSTER }, app.k8s);
    registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', scope: KindScope.CLUSTER, validator }, app.k8s);
    registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', scope: KindScope.CLUSTER, validator }, app.k8s);
    registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', scope: KindScope.CLUSTER }, app.k8s);
    // THEN the validator is kept, whatever the order
    expect(registry.lookup('a.example.com/v1', 'A')?.validator).toBe(validator);
    expect(registry.all.map((k) => `${k.apiVersion}/${k.kind}:${k.scope}`)).toEqual(['a.example.com/v1/A:Cluster', 'b.example.com/v1/B:Namespaced']);
  });

  test.each([
    ['another validator', { scope: KindScope.NAMESPACED, validator: { validateObject: () => [] } }, /already registered by first with another built-in validator/],
    ['another scope', { scope: KindScope.CLUSTER }, /already registered by first with scope Namespaced/],
  ])('fails when a kind is registered again with %s', (_name, second, message) => {
    // GIVEN
    const app = OpsTesting.app();
    const first = app.chart('first');
    const registry = KindRegistry.of(first);
    registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', scope: KindScope.NAMESPACED, validator: { validateObject: () => [] } }, first);
    // WHEN / THEN
    expect(() => registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', ...second }, app.chart('second'))).toThrow(message);
    expect(() => registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', ...second }, app.chart('third'))).toThrow(/at path \[third\]/);
  });

  test('synth checks objects of a registered kind with its validator and strips the namespace of cluster-scoped kinds', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c', { namespace: 'team' });
    KindRegistry.of(chart).register({
      apiVersion: 'backup.example.com/v1',
      kind: 'Vault',
      scope: KindScope.CLUSTER,
      validator: { validateObject: (o: any) => (o.spec?.size > 10 ? [problem('spec.size', 'must be ≤ 10', o.spec.size, 'use a smaller size')] : []) },
    }, chart);
    new ApiObject(chart, 'ok', { apiVersion: 'backup.example.com/v1', kind: 'Vault', metadata: { name: 'ok' }, spec: { size: 1 } } as any);
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findObject('c', 'Vault', 'ok').metadata.namespace).toBeUndefined();
    // GIVEN a bad object
    new ApiObject(chart, 'big', { apiVersion: 'backup.example.com/v1', kind: 'Vault', metadata: { name: 'big' }, spec: { size: 11 } } as any);
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/Vault\/big spec\.size must be ≤ 10, got 11 — use a smaller size\n    at path \[c\/big\]/);
  });
});

describe('KindRegistry: a CRD in the app and built-in validators', () => {
  const crdValidator = { validateObject: () => [problem('spec', 'checked by the CRD', 'x', 'fix')] };
  const builtinValidator = { validateObject: () => [problem('spec', 'checked by the built-in validator', 'x', 'fix')] };
  const kind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', scope: KindScope.NAMESPACED };

  test.each([
    ['the CRD first', ['crd', 'builtin']],
    ['the built-in validator first', ['builtin', 'crd']],
  ])('the CRD\'s validator checks the kind, registered with %s', (_name, order) => {
    // GIVEN
    const app = OpsTesting.app();
    const registry = KindRegistry.of(app.k8s);
    // WHEN
    for (const which of order) {
      registry.register(which === 'crd'
        ? { ...kind, validator: crdValidator, validatorSource: ValidatorSource.CUSTOM_RESOURCE_DEFINITION }
        : { ...kind, validator: builtinValidator }, app.chart(which));
    }
    // THEN
    expect(registry.lookup(kind.apiVersion, kind.kind))
      .toEqual({ ...kind, validator: crdValidator, validatorSource: ValidatorSource.CUSTOM_RESOURCE_DEFINITION });
  });

  test('without a CRD, the built-in validator checks the kind', () => {
    const app = OpsTesting.app();
    const registry = KindRegistry.of(app.k8s);
    registry.register(kind, app.chart('scope-only'));
    registry.register({ ...kind, validator: builtinValidator }, app.chart('builtin'));
    expect(registry.lookup(kind.apiVersion, kind.kind)?.validator).toBe(builtinValidator);
    expect(registry.lookup(kind.apiVersion, kind.kind)?.validatorSource).toBe(ValidatorSource.BUILT_IN);
  });

  test('fails when two different built-in validators are registered for one kind, naming both construct paths', () => {
    const app = OpsTesting.app();
    const registry = KindRegistry.of(app.k8s);
    registry.register({ ...kind, validator: builtinValidator }, app.chart('first'));
    expect(() => registry.register({ ...kind, validator: { validateObject: () => [] } }, app.chart('second')))
      .toThrow(/kind must be registered once: monitoring\.coreos\.com\/v1\/ServiceMonitor is already registered by first with another built-in validator, got another built-in validator from second[\s\S]*at path \[second\]/);
  });

  test('fails when two CRDs define one kind, naming both construct paths', () => {
    const app = OpsTesting.app();
    const registry = KindRegistry.of(app.k8s);
    const source = ValidatorSource.CUSTOM_RESOURCE_DEFINITION;
    registry.register({ ...kind, validator: crdValidator, validatorSource: source }, app.chart('first'));
    expect(() => registry.register({ ...kind, validator: { validateObject: () => [] }, validatorSource: source }, app.chart('second')))
      .toThrow(/already registered by first with the schema of another CustomResourceDefinition, got the schema of another CustomResourceDefinition from second/);
  });
});

/** A prometheus-operator-like ServiceMonitor CRD whose schema limits `spec.jobLabel` to 8 characters (and checks nothing else). */
function serviceMonitorCrd(): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'servicemonitors.monitoring.coreos.com' },
    spec: {
      group: 'monitoring.coreos.com',
      names: { kind: 'ServiceMonitor', listKind: 'ServiceMonitorList', plural: 'servicemonitors', singular: 'servicemonitor' },
      scope: 'Namespaced',
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true, 'properties': { jobLabel: { type: 'string', maxLength: 8 } } },
            },
          },
        },
      }],
    },
  };
}

describe('the ServiceMonitors of every construct are checked, by an imported CRD when the app has one', () => {
  type Emitter = (chart: Chart) => ApiObject;
  const emitters: Array<[string, Emitter]> = [
    ['ServiceMonitor', (chart) => new ServiceMonitor(chart, 'monitor', { selector: { matchLabels: { app: 'api' } }, endpoints: [{ port: 'metrics' }] }).apiObject],
    ['Operator', (chart) => new Operator(chart, 'backup', { image: 'ghcr.io/acme/backup:v1.2.0', serviceMonitor: true }).serviceMonitor!],
    ['NodeLocalDns', (chart) => new NodeLocalDns(chart, 'dns', { kubeDnsIp: '10.100.0.10', serviceMonitor: true }).serviceMonitor!],
  ];
  // a long jobLabel only the CRD refuses; an interval only opskit's monitor validator refuses (the CRD keeps unknown fields)
  const breakForCrd = (o: ApiObject) => o.addJsonPatch(JsonPatch.add('/spec/jobLabel', 'a-long-label'));
  const breakForBuiltin = (o: ApiObject) => o.addJsonPatch(JsonPatch.add('/spec/endpoints/0/interval', '5 minutes'));

  function synthMessage(app: ReturnType<typeof OpsTesting.app>): string {
    try {
      OpsTesting.synth(app);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }

  test.each(emitters.flatMap(([name, emit]) => [
    [name, 'the CRD first', emit, true] as const,
    [name, 'the CRD last', emit, false] as const,
  ]))('%s: with %s, the CRD checks the object', (_name, _order, emit, crdFirst) => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c', { namespace: 'monitoring' });
    const crds = app.chart('crds');
    if (crdFirst) CustomResourceDefinition.fromObject(crds, 'ServiceMonitors', serviceMonitorCrd());
    const monitor = emit(chart);
    if (!crdFirst) CustomResourceDefinition.fromObject(crds, 'ServiceMonitors', serviceMonitorCrd());
    breakForBuiltin(monitor);
    // WHEN / THEN the built-in validator does not run: the CRD keeps the unknown interval text
    expect(synthMessage(app)).toBe('');
    // WHEN
    breakForCrd(monitor);
    // THEN
    expect(synthMessage(app)).toMatch(/ServiceMonitor\/[a-z-]+ spec\.jobLabel/);
  });

  test.each(emitters)('%s: without a CRD, opskit\'s monitor validator checks the object', (_name, emit) => {
    // GIVEN
    const app = OpsTesting.app();
    const monitor = emit(app.chart('c', { namespace: 'monitoring' }));
    // WHEN
    breakForBuiltin(monitor);
    // THEN
    expect(synthMessage(app)).toMatch(/ServiceMonitor\/[a-z-]+ spec\.endpoints\[0\]\.interval/);
  });
});
