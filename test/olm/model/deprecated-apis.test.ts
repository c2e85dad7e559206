import { deprecatedApiFindings } from '../../../src/olm/model/deprecated-apis';

const csv = (minKubeVersion?: string, extra: any = {}) => ({
  apiVersion: 'operators.coreos.com/v1alpha1',
  kind: 'ClusterServiceVersion',
  metadata: { name: 'demo.v1.0.0' },
  spec: { ...(minKubeVersion === undefined ? {} : { minKubeVersion }), ...extra },
});
const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' } };
const levels = (objects: any[], c: any, k8s?: string) => deprecatedApiFindings([c, ...objects], c, k8s).map((f) => `${f.level} ${f.rule}`);

describe('deprecatedApiFindings (operator-framework AlphaDeprecatedAPIsValidator)', () => {
  test.each<[string, any[], any, string | undefined, string[]]>([
    ['current APIs only', [{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' } }], csv('1.28.0'), undefined, []],
    ['an API removed before minKubeVersion is an error', [pdb], csv('1.28.0'), undefined, ['error deprecated-api']],
    ['an API removed after minKubeVersion is a warning', [pdb], csv('1.21.0'), undefined, ['warning deprecated-api']],
    ['no minKubeVersion: a warning', [pdb], csv(), undefined, ['warning deprecated-api']],
    ['the k8s-version option, tolerant (1.25), makes it an error', [pdb], csv(), '1.25', ['error deprecated-api']],
    ['a pre-release of the removing release is before it', [pdb], csv(), '1.25.0-rc.1', ['warning deprecated-api']],
    ['an unreadable k8s-version', [], csv('1.28.0'), 'latest', ['error k8s-version']],
    ['an unreadable minKubeVersion', [], csv('one'), undefined, ['error min-kube-version']],
    ['a v1beta1 CRD (removed in 1.22)', [{ apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b.c' } }], csv('1.22.0'), undefined, ['error deprecated-api']],
    ['a permission on a resource removed in 1.25 is always a warning', [], csv('1.30.0', { install: { spec: { permissions: [{ rules: [{ apiGroups: ['policy'], resources: ['podsecuritypolicies'] }] }] } } }), undefined, ['warning deprecated-api']],
  ])('%s', (_name, objects, c, k8s, expected) => {
    expect(levels(objects, c, k8s)).toEqual(expected);
  });

  test('the message names the release, the guide and the objects', () => {
    expect(deprecatedApiFindings([pdb], csv('1.28.0'))[0].message).toBe('this bundle is using APIs which were deprecated and removed in v1.25. '
      + 'More info: https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-25. Migrate the API(s) for PodDisruptionBudget: (["pdb"])');
  });
});
