import * as fs from 'fs';
import * as path from 'path';
import { parseYaml, parseYamlDocuments } from '../../src/core/yaml';
import { CatalogBundle, catalogDocuments } from '../../src/olm/model/catalog';
import { describeReference } from '../support/reference';

/**
 * The catalog opskit writes, against the File-Based Catalog `opm render` made of operator-registry's foo
 * bundles: the same channel entries and the same olm.package and olm.gvk properties, from the same inputs (the
 * bundles' CSVs; the channels as the reference catalog has them, since `opm render` ignores channel annotations).
 */
describeReference('catalog documents against operator-registry\'s rendered foo catalog', 'olm/fbc', (dir) => {
  const reference = parseYamlDocuments(fs.readFileSync(path.join(dir, 'foo-index-v0.2.0-declcfg.index.yaml'), 'utf8'));
  const csv = (v: string) => parseYaml(fs.readFileSync(path.join(dir, `foo-bundle-v${v}`, 'manifests', `foo.v${v}.csv.yaml`), 'utf8'));
  const bundle = (v: string, channels: string[]): CatalogBundle => {
    const c = csv(v);
    const strip = (name: string) => name.replace(/^foo\.v/, '');
    return {
      version: c.spec.version,
      image: `test.registry/foo-operator/foo-bundle:v${v}`,
      channels,
      replaces: c.spec.replaces ? strip(c.spec.replaces) : undefined,
      skips: (c.spec.skips ?? []).map(strip),
      skipRange: c.metadata.annotations?.['olm.skipRange'],
      gvks: c.spec.customresourcedefinitions.owned.map((o: any) => ({ group: o.group ?? String(o.name).split('.').slice(1).join('.'), version: o.version, kind: o.kind })),
    };
  };
  const ours = catalogDocuments({ name: 'foo', defaultChannel: 'beta' }, [bundle('0.1.0', ['beta']), bundle('0.2.0', ['beta', 'stable'])]);

  test('the channels have the reference\'s entries and edges', () => {
    const channels = (docs: any[]) => docs.filter((d) => d.schema === 'olm.channel').map(({ properties: _p, ...c }) => c);
    expect(channels(ours)).toEqual(channels(reference));
  });

  test('each bundle has the reference\'s name, package, image, olm.package and olm.gvk properties', () => {
    const bundles = (docs: any[]) => docs.filter((d) => d.schema === 'olm.bundle').map((b) => ({
      name: b.name,
      package: b.package,
      image: b.image,
      properties: b.properties.filter((p: any) => p.type === 'olm.package' || p.type === 'olm.gvk'),
    }));
    expect(bundles(ours)).toEqual(bundles(reference));
  });

  test('the package names the default channel', () => {
    expect(ours[0]).toEqual({ schema: 'olm.package', name: 'foo', defaultChannel: reference[0].defaultChannel });
  });
});
