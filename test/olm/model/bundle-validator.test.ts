import { toYaml } from '../../../src/core/yaml';
import { bundleAnnotations, bundleDockerfile } from '../../../src/olm/model/bundle-files';
import { validateBundleFolder } from '../../../src/olm/model/bundle-validator';

/** A minimal valid bundle folder, as file texts. */
function folder(edit: (files: Map<string, string>, csv: any, annotations: Record<string, string>) => void = () => {}): Map<string, string> {
  const annotations = bundleAnnotations({ packageName: 'demo', channels: ['stable'], defaultChannel: 'stable' });
  const csv: any = {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'ClusterServiceVersion',
    metadata: { name: 'demo.v1.0.0', annotations: { 'alm-examples': '[]', 'capabilities': 'Basic Install' } },
    spec: {
      displayName: 'Demo',
      version: '1.0.0',
      minKubeVersion: '1.28.0',
      provider: { name: 'Acme' },
      icon: [{ base64data: 'PHN2Zz4=', mediatype: 'image/svg+xml' }],
      installModes: [{ type: 'AllNamespaces', supported: true }],
      install: { strategy: 'deployment', spec: { deployments: [{ name: 'demo', spec: { template: { spec: { serviceAccountName: 'demo', containers: [{ name: 'm', image: 'x:1', resources: { requests: { cpu: '1m' } } }] } } } }] } },
    },
  };
  const files = new Map<string, string>();
  edit(files, csv, annotations);
  files.set('manifests/demo.clusterserviceversion.yaml', toYaml(csv));
  files.set('metadata/annotations.yaml', toYaml({ annotations }));
  if (!files.has('bundle.Dockerfile')) files.set('bundle.Dockerfile', bundleDockerfile(annotations, false));
  return files;
}

function rules(files: Map<string, string>): string[] {
  return validateBundleFolder({ files }).map((f) => `${f.level} ${f.rule}`);
}

describe('validateBundleFolder', () => {
  test('a minimal valid bundle has no finding', () => {
    expect(rules(folder())).toEqual([]);
  });

  test.each<[string, (files: Map<string, string>, csv: any, annotations: Record<string, string>) => void, string]>([
    ['an install mode listed twice (OLM\'s NewInstallModeSet refuses it)', (_f, csv) => { csv.spec.installModes.push({ type: 'AllNamespaces', supported: true }); }, 'error olm/install-mode-duplicate'],
    ['an unknown install mode (OLM ignores it)', (_f, csv) => { csv.spec.installModes.push({ type: 'EveryNamespace', supported: false }); }, 'warning olm/install-mode-unknown'],
    ['an empty package annotation (opm refuses it)', (_f, _c, a) => { a['operators.operatorframework.io.bundle.package.v1'] = ''; }, 'error olm/package-annotation'],
    ['a manifests annotation naming another folder (nothing reads it)', (_f, _c, a) => { a['operators.operatorframework.io.bundle.manifests.v1'] = 'deploy/'; }, 'warning olm/manifests-path'],
    ['a metadata annotation naming another folder (nothing reads it)', (_f, _c, a) => { a['operators.operatorframework.io.bundle.metadata.v1'] = 'meta/'; }, 'warning olm/metadata-path'],
    ['a default channel that is not a channel (operator-registry refuses it)', (_f, _c, a) => { a['operators.operatorframework.io.bundle.channel.default.v1'] = 'fast'; }, 'error olm/default-channel'],
    ['a Dockerfile whose package label disagrees with the annotations (operator-sdk run bundle reads the label)', (f) => { f.set('bundle.Dockerfile', bundleDockerfile({ ...bundleAnnotations({ packageName: 'demo', channels: ['stable'], defaultChannel: 'stable' }), 'operators.operatorframework.io.bundle.package.v1': 'other' }, false)); }, 'error olm/dockerfile-labels'],
    ['a Dockerfile whose channels label disagrees', (f) => { f.set('bundle.Dockerfile', bundleDockerfile({ ...bundleAnnotations({ packageName: 'demo', channels: ['stable'], defaultChannel: 'stable' }), 'operators.operatorframework.io.bundle.channels.v1': 'fast' }, false)); }, 'error olm/dockerfile-labels'],
    ['a Dockerfile without the mediatype label (nothing reads it from the image)', (f) => {
      const { 'operators.operatorframework.io.bundle.mediatype.v1': _m, ...rest } = bundleAnnotations({ packageName: 'demo', channels: ['stable'], defaultChannel: 'stable' });
      f.set('bundle.Dockerfile', bundleDockerfile(rest, false));
    }, 'warning olm/dockerfile-labels'],
    ['a manifest with two documents (OLM reads the first only)', (f) => { f.set('manifests/two.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n'); }, 'warning olm/multiple-documents'],
    ['an object with a namespace', (f) => { f.set('manifests/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n'); }, 'error olm/object-namespace'],
    ['a kind a bundle cannot carry', (f) => { f.set('manifests/job.yaml', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n'); }, 'error olm/unsupported-kind'],
    ['a subdirectory in manifests', (f) => { f.set('manifests/sub/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'); }, 'error olm/manifests-subdirectory'],
  ])('reports %s', (_name, edit, expected) => {
    expect(rules(folder(edit))).toContain(expected);
  });

  test('a folder without a CSV says so and stops', () => {
    const files = folder();
    files.delete('manifests/demo.clusterserviceversion.yaml');
    expect(rules(files)).toEqual(['error olm/csv-missing']);
  });

  test('the size limit is checked on what the caller measured', () => {
    expect(validateBundleFolder({ files: folder(), compressedSize: 2 * 1024 * 1024 }).map((f) => f.rule)).toEqual(['olm/size']);
    expect(validateBundleFolder({ files: folder(), compressedSize: 950_000 }).map((f) => `${f.level} ${f.rule}`)).toEqual(['warning olm/size']);
  });
});
