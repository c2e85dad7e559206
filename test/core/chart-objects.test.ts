import { ApiObject } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { chartObjects, isNamespacedKind } from '../../src/core/chart-objects';
import { KindRegistry } from '../../src/core/kind-registry';

describe('chartObjects', () => {
  test('the objects as the manifest holds them: cluster-scoped without namespace, in apply order', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c', { namespace: 'team' });
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    new ApiObject(chart, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'role' } });
    // WHEN
    const objects = chartObjects(chart);
    // THEN
    expect(objects.map((o) => [o.kind, o.metadata.namespace])).toEqual([['ClusterRole', undefined], ['ConfigMap', 'team']]);
    expect(objects).toEqual(OpsTesting.synth(app).manifests('c'));
    const registry = KindRegistry.of(app.k8s);
    expect(objects.map((o) => isNamespacedKind(o, registry))).toEqual([false, true]);
  });
});
