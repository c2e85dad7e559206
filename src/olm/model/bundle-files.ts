/**
 * The files of a registry+v1 bundle folder: `manifests/` (one object per file: OLM reads only the first document
 * of a file), `metadata/annotations.yaml`, `bundle.Dockerfile` whose labels are the same annotations, and the
 * scorecard configuration under `tests/scorecard/`.
 */
import { toYaml } from '../../core/yaml';

/** A file of the bundle, relative to the bundle folder. */
export interface BundleFile {
  readonly path: string;
  readonly content: string;
}

/** What the bundle's metadata says. */
export interface BundleMetadata {
  readonly packageName: string;
  readonly channels: readonly string[];
  readonly defaultChannel?: string;
  /** The scorecard test image (pinned), or `undefined` for no scorecard configuration. */
  readonly scorecardImage?: string;
}

export const MEDIATYPE_ANNOTATION = 'operators.operatorframework.io.bundle.mediatype.v1';
export const MANIFESTS_ANNOTATION = 'operators.operatorframework.io.bundle.manifests.v1';
export const METADATA_ANNOTATION = 'operators.operatorframework.io.bundle.metadata.v1';
export const PACKAGE_ANNOTATION = 'operators.operatorframework.io.bundle.package.v1';
export const CHANNELS_ANNOTATION = 'operators.operatorframework.io.bundle.channels.v1';
export const DEFAULT_CHANNEL_ANNOTATION = 'operators.operatorframework.io.bundle.channel.default.v1';
const TEST_MEDIATYPE_ANNOTATION = 'operators.operatorframework.io.test.mediatype.v1';
const TEST_CONFIG_ANNOTATION = 'operators.operatorframework.io.test.config.v1';

/** The bundle annotations, in the order operator-sdk writes them. */
export function bundleAnnotations(meta: BundleMetadata): Record<string, string> {
  return {
    [MEDIATYPE_ANNOTATION]: 'registry+v1',
    [MANIFESTS_ANNOTATION]: 'manifests/',
    [METADATA_ANNOTATION]: 'metadata/',
    [PACKAGE_ANNOTATION]: meta.packageName,
    [CHANNELS_ANNOTATION]: meta.channels.join(','),
    ...(meta.defaultChannel ? { [DEFAULT_CHANNEL_ANNOTATION]: meta.defaultChannel } : {}),
    ...(meta.scorecardImage ? { [TEST_MEDIATYPE_ANNOTATION]: 'scorecard+v1', [TEST_CONFIG_ANNOTATION]: 'tests/scorecard/' } : {}),
  };
}

/**
 * The Dockerfile that builds the bundle image from the bundle folder (the build context): its labels are the
 * annotations, byte for byte. Values are written unquoted, so every value must be free of whitespace, quotes
 * and backslashes (package and channel names are DNS labels; the caller checks them).
 */
export function bundleDockerfile(annotations: Readonly<Record<string, string>>, scorecard: boolean): string {
  const labels = Object.entries(annotations).map(([k, v]) => `LABEL ${k}=${v}\n`).join('');
  return 'FROM scratch\n\n'
    + labels
    + '\nCOPY manifests /manifests/\nCOPY metadata /metadata/\n'
    + (scorecard ? 'COPY tests/scorecard /tests/scorecard/\n' : '');
}

/** The labels of a bundle Dockerfile (`LABEL k=v` lines), to compare with the annotations. */
export function dockerfileLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^LABEL\s+([^=\s]+)=(\S*)\s*$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** The file name operator-sdk gives a manifest. */
export function manifestFileName(o: any, packageName: string): string {
  const kind = String(o?.kind ?? '');
  const name = String(o?.metadata?.name ?? '');
  if (kind === 'ClusterServiceVersion') return `${packageName}.clusterserviceversion.yaml`;
  if (kind === 'CustomResourceDefinition') return `${o.spec?.group}_${o.spec?.names?.plural}.yaml`;
  const [group, version] = String(o?.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/') : ['', String(o?.apiVersion ?? '')];
  return `${[name, group, version, kind.toLowerCase()].filter((p) => p !== '').join('_')}.yaml`;
}

/**
 * Manifests that would share a file name: objects of the same name, group, version and kind from different
 * namespaces (a bundle has no namespaces, so OLM could only install one of them).
 */
export function clashingManifests(manifests: readonly any[], packageName: string): string[] {
  const seen = new Set<string>();
  const clashes: string[] = [];
  for (const o of manifests) {
    const name = manifestFileName(o, packageName);
    if (seen.has(name)) clashes.push(name);
    seen.add(name);
  }
  return clashes;
}

/** The scorecard configuration operator-sdk scaffolds: the basic and OLM test suites. */
function scorecardConfig(image: string): unknown {
  const test = (suite: string, name: string) => ({
    entrypoint: ['scorecard-test', name],
    image,
    labels: { suite, test: `${name}-test` },
  });
  return {
    apiVersion: 'scorecard.operatorframework.io/v1alpha3',
    kind: 'Configuration',
    metadata: { name: 'config' },
    stages: [{
      parallel: true,
      tests: [
        test('basic', 'basic-check-spec'),
        test('olm', 'olm-bundle-validation'),
        test('olm', 'olm-crds-have-validation'),
        test('olm', 'olm-crds-have-resources'),
        test('olm', 'olm-spec-descriptors'),
        test('olm', 'olm-status-descriptors'),
      ],
    }],
  };
}

/** Every file of the bundle folder. */
export function bundleFiles(meta: BundleMetadata, csv: any, manifests: readonly any[]): BundleFile[] {
  const annotations = bundleAnnotations(meta);
  const files: BundleFile[] = [];
  for (const o of [csv, ...manifests]) {
    const name = manifestFileName(o, meta.packageName);
    files.push({ path: `manifests/${name}`, content: toYaml(o, `manifests/${name}`) });
  }
  files.push({ path: 'metadata/annotations.yaml', content: toYaml({ annotations }) });
  files.push({ path: 'bundle.Dockerfile', content: bundleDockerfile(annotations, meta.scorecardImage !== undefined) });
  if (meta.scorecardImage) files.push({ path: 'tests/scorecard/config.yaml', content: toYaml(scorecardConfig(meta.scorecardImage)) });
  return files;
}
