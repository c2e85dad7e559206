import { buildChart, PackagedObject, releaseNamespaceOf } from '../../../src/helm/model/chart-files';
import { CrdPlacement, WorkloadKnob } from '../../../src/helm/workload-knob';

const obj = (kind: string, name: string, namespace?: string): PackagedObject => ({
  object: { apiVersion: 'v1', kind, metadata: { name, namespace } }, namespaced: namespace !== undefined, path: `c/${name}`,
});
const metadata = { name: 'c', version: '1.0.0', description: 'C.' };

describe('chart files', () => {
  test.each([
    ['the one namespace used', [obj('ConfigMap', 'a', 'team'), obj('ConfigMap', 'b', 'team')], undefined, 'team'],
    ['none when only system namespaces are used', [obj('ConfigMap', 'a', 'kube-system')], undefined, undefined],
    ['system namespaces do not count', [obj('ConfigMap', 'a', 'kube-system'), obj('ConfigMap', 'b', 'team')], undefined, 'team'],
    ['the one given, whatever the objects', [obj('ConfigMap', 'a', 'x'), obj('ConfigMap', 'b', 'y')], 'y', 'y'],
    ['none without namespaced objects', [obj('ClusterRole', 'a')], undefined, undefined],
  ])('release namespace: %s', (_name, objects, explicit, expected) => {
    // WHEN
    const r = releaseNamespaceOf(objects, explicit);
    // THEN
    expect(r.problems).toEqual([]);
    expect(r.namespace).toBe(expected);
  });

  test('two objects of one kind and name get distinct files', () => {
    // WHEN
    const built = buildChart({ metadata, objects: [obj('ConfigMap', 'a', 'x'), obj('ConfigMap', 'a', 'y')], namespace: 'x', crds: CrdPlacement.CRDS_FOLDER });
    // THEN
    expect(built.files.map((f) => f.path).filter((p) => p.startsWith('templates/configmap'))).toEqual(['templates/configmap-a.yaml', 'templates/configmap-a-2.yaml']);
  });

  test('a workload named "global" is refused: Helm owns that key', () => {
    // GIVEN
    const deployment: PackagedObject = {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'global' }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'a:v1' }] } } } },
      namespaced: true,
      path: 'c/global',
    };
    // WHEN
    const built = buildChart({ metadata, objects: [deployment], crds: CrdPlacement.CRDS_FOLDER, knobs: new Set([WorkloadKnob.REPLICAS]) });
    // THEN
    expect(built.problems.map((p) => p.expected)).toEqual(['must give a values key of its own, but Helm (values shared with subcharts) already uses "global"']);
  });
});
