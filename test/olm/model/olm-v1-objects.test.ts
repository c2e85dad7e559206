import {
  catalogImageRefProblems, checkClusterCatalogObject, checkClusterExtensionObject, isDigestRef, versionRangeProblems,
} from '../../../src/olm/model/olm-v1-objects';

const DIGEST = 'sha256:200d4ddb2a73594b91358fe6397424e975205bfbe44614f5846033cad64b3f05';

function catalog(spec: any): any {
  return { apiVersion: 'olm.operatorframework.io/v1', kind: 'ClusterCatalog', metadata: { name: 'c' }, spec };
}

function extension(spec: any): any {
  return { apiVersion: 'olm.operatorframework.io/v1', kind: 'ClusterExtension', metadata: { name: 'e' }, spec };
}

const EXT = { namespace: 'ns', serviceAccount: { name: 'installer' }, source: { sourceType: 'Catalog', catalog: { packageName: 'pkg' } } };

describe('ClusterCatalog image ref (the CRD\'s CEL rules)', () => {
  test.each([
    ['a digest', `quay.io/operatorhubio/catalog@${DIGEST}`],
    ['a tag', 'quay.io/operatorhubio/catalog:latest'],
    ['a registry with a port and a tag', 'my-registry.io:8080/catalog:v1.2.0'],
    ['nested repositories', 'registry.mydomain.io/a/b_c/d.e:v1'],
    ['an algorithm with a +', `quay.io/c@sha256+b64u:${'a'.repeat(32)}`],
  ])('accepts %s', (_, ref) => {
    expect(catalogImageRefProblems('ref', ref)).toEqual([]);
  });

  test.each([
    ['no tag or digest', 'quay.io/operatorhubio/catalog', 'must end with a digest or a tag'],
    ['a domain starting with -', '-quay.io/catalog:v1', 'must start with a valid domain'],
    ['no repository name', 'quay.io:v1', 'must have a valid repository name'],
    ['an uppercase repository only', 'quay.io/CATALOG:v1', 'must have a valid repository name'],
    ['a tag starting with -', 'quay.io/catalog:-v1', 'must have a valid tag'],
    ['a 128-character tag', `quay.io/catalog:${'a'.repeat(128)}`, 'at most 127 characters'],
    ['a short digest', 'quay.io/catalog@sha256:abc', 'at least 32 characters'],
    ['a digest with non-hex', `quay.io/catalog@sha256:${'g'.repeat(32)}`, 'hex characters only'],
    ['an algorithm starting with a digit', `quay.io/catalog@1sha:${'a'.repeat(32)}`, 'valid digest algorithm'],
    ['more than 1000 characters', `quay.io/${'a'.repeat(1000)}:v1`, 'at most 1000 characters'],
  ])('refuses %s', (_, ref, expected) => {
    expect(catalogImageRefProblems('ref', ref).map((p) => p.expected).join('\n')).toContain(expected);
  });

  test('a digest is what the CRD calls one: "@…:"', () => {
    expect(isDigestRef(`quay.io/c@${DIGEST}`)).toBe(true);
    expect(isDigestRef('quay.io/c:v1')).toBe(false);
  });
});

describe('ClusterExtension version (Masterminds syntax, the CRD\'s regular expression)', () => {
  test.each([
    ['a pinned version', '0.6.0'],
    ['a range with a comma', '>=3.0, <3.6'],
    ['a range with a space', '>=1.2.3 <2.0.0'],
    ['alternatives', '>=1.2.3, <2.0.0 || >3.0.0'],
    ['carets', '^0 || ^3 || ^5'],
    ['a tilde', '~1.2.3'],
    ['wildcards', '1.2.x'],
    ['a star', '*'],
    ['a v prefix', 'v1.2.3'],
    ['a prerelease', '>=1.0.0-alpha.1'],
    ['!=', '!=1.2.3'],
    ['=>', '=>1.2'],
  ])('accepts %s', (_, range) => {
    expect(versionRangeProblems('version', range)).toEqual([]);
  });

  test.each([
    ['a hyphen range (Masterminds has it, the CRD does not)', '1.2.3 - 2.3.4'],
    ['a leading zero', '01.2.3'],
    ['words', 'latest'],
    ['an empty alternative', '>=1.0.0 ||'],
    ['a blang-only operator', '>=1.0.0 <2.0.0 || ==1.5.0'],
  ])('refuses %s', (_, range) => {
    expect(versionRangeProblems('version', range).map((p) => p.rule)).toEqual(['olm-v1/version']);
  });

  test('refuses more than 64 characters', () => {
    const range = Array.from({ length: 10 }, (_, i) => `>=1.${i}.0`).join(' || ');
    expect(range.length).toBeGreaterThan(64);
    expect(versionRangeProblems('version', range).map((p) => p.expected)).toContain('must be at most 64 characters');
  });
});

describe('checkClusterCatalogObject', () => {
  test('a valid catalog has no problems', () => {
    expect(checkClusterCatalogObject(catalog({ source: { type: 'Image', image: { ref: 'quay.io/c:v1', pollIntervalMinutes: 10 } }, priority: -5, availabilityMode: 'Unavailable' }))).toEqual([]);
  });

  test.each([
    ['no spec', undefined, 'spec'],
    ['no source', {}, 'spec.source'],
    ['another source type', { source: { type: 'Git', image: { ref: 'quay.io/c:v1' } } }, 'spec.source.type'],
    ['an Image source without image', { source: { type: 'Image' } }, 'spec.source.image'],
    ['a digest with pollIntervalMinutes', { source: { type: 'Image', image: { ref: `quay.io/c@${DIGEST}`, pollIntervalMinutes: 5 } } }, 'spec.source.image.pollIntervalMinutes'],
    ['pollIntervalMinutes 0', { source: { type: 'Image', image: { ref: 'quay.io/c:v1', pollIntervalMinutes: 0 } } }, 'spec.source.image.pollIntervalMinutes'],
    ['a priority beyond int32', { source: { type: 'Image', image: { ref: 'quay.io/c:v1' } }, priority: 2147483648 }, 'spec.priority'],
    ['an unknown availabilityMode', { source: { type: 'Image', image: { ref: 'quay.io/c:v1' } }, availabilityMode: 'Off' }, 'spec.availabilityMode'],
  ])('reports %s', (_, spec, field) => {
    expect(checkClusterCatalogObject(catalog(spec)).map((p) => p.field)).toContain(field);
  });
});

describe('checkClusterExtensionObject', () => {
  test('a valid extension has no problems', () => {
    expect(checkClusterExtensionObject(extension({
      ...EXT,
      source: {
        sourceType: 'Catalog',
        catalog: {
          packageName: 'pkg',
          version: '>=1.0.0, <2',
          channels: ['stable', 'v1.1.x'],
          upgradeConstraintPolicy: 'SelfCertified',
          selector: { matchExpressions: [{ key: 'olm.operatorframework.io/metadata.name', operator: 'In', values: ['c'] }] },
        },
      },
      install: { preflight: { crdUpgradeSafety: { enforcement: 'None' } } },
    }))).toEqual([]);
  });

  test.each([
    ['a namespace that is not a DNS label', { ...EXT, namespace: 'My_NS' }, 'spec.namespace'],
    ['no service account (required by v1.10.0)', { ...EXT, serviceAccount: undefined }, 'spec.serviceAccount.name'],
    ['an invalid service account name', { ...EXT, serviceAccount: { name: '-sa' } }, 'spec.serviceAccount.name'],
    ['another sourceType', { ...EXT, source: { sourceType: 'Bundle', catalog: { packageName: 'pkg' } } }, 'spec.source.sourceType'],
    ['a Catalog source without catalog', { ...EXT, source: { sourceType: 'Catalog' } }, 'spec.source.catalog'],
    ['an invalid package name', { ...EXT, source: { sourceType: 'Catalog', catalog: { packageName: 'Pkg' } } }, 'spec.source.catalog.packageName'],
    ['an invalid version', { ...EXT, source: { sourceType: 'Catalog', catalog: { packageName: 'pkg', version: 'newest' } } }, 'spec.source.catalog.version'],
    ['an invalid channel', { ...EXT, source: { sourceType: 'Catalog', catalog: { packageName: 'pkg', channels: ['original_40'] } } }, 'spec.source.catalog.channels[0]'],
    ['257 channels', { ...EXT, source: { sourceType: 'Catalog', catalog: { packageName: 'pkg', channels: Array.from({ length: 257 }, (_, i) => `c${i}`) } } }, 'spec.source.catalog.channels'],
    ['an unknown upgradeConstraintPolicy', { ...EXT, source: { sourceType: 'Catalog', catalog: { packageName: 'pkg', upgradeConstraintPolicy: 'Never' } } }, 'spec.source.catalog.upgradeConstraintPolicy'],
    ['an In requirement without values', { ...EXT, source: { sourceType: 'Catalog', catalog: { packageName: 'pkg', selector: { matchExpressions: [{ key: 'a', operator: 'In' }] } } } }, 'spec.source.catalog.selector.matchExpressions[0].values'],
    ['install without preflight', { ...EXT, install: {} }, 'spec.install'],
    ['an unknown enforcement', { ...EXT, install: { preflight: { crdUpgradeSafety: { enforcement: 'Lax' } } } }, 'spec.install.preflight.crdUpgradeSafety.enforcement'],
  ])('reports %s', (_, spec, field) => {
    expect(checkClusterExtensionObject(extension(spec)).map((p) => p.field)).toContain(field);
  });
});
