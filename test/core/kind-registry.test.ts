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

  test('registered kinds are listed sorted and replaced by a later registration', () => {
    const registry = KindRegistry.of(OpsTesting.app().k8s);
    registry.register({ apiVersion: 'b.example.com/v1', kind: 'B', scope: KindScope.NAMESPACED });
    registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', scope: KindScope.NAMESPACED });
    registry.register({ apiVersion: 'a.example.com/v1', kind: 'A', scope: KindScope.CLUSTER });
    expect(registry.all.map((k) => `${k.apiVersion}/${k.kind}:${k.scope}`)).toEqual(['a.example.com/v1/A:Cluster', 'b.example.com/v1/B:Namespaced']);
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
    });
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
