import { ApiObject } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { KindRegistry, KindScope } from '../../src/core/kind-registry';
import { problem } from '../../src/core/problem';

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
    ['another validator', { scope: KindScope.NAMESPACED, validator: { validateObject: () => [] } }, /already registered by first with another validator/],
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
