import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { parseYamlDocuments } from '../../src/core/yaml';
import { OlmBundle, OlmCatalog } from '../../src/olm';
import { Operator } from '../../src/operator';

function setup(bundleProps: Record<string, unknown>[], catalogProps: Record<string, unknown> = {}) {
  const app = OpsTesting.app({ failFast: false });
  const bundles = bundleProps.map((p, i) => {
    const chart = app.chart(`v${i}`);
    const operator = new Operator(chart, 'demo', { image: `ghcr.io/acme/demo:v${p.version}` });
    return new OlmBundle(chart, 'Bundle', { operator, channels: ['stable'], displayName: 'Demo', ...(p as any) });
  });
  const catalog = new OlmCatalog(app.chart('catalog'), 'Catalog', { bundles, ...catalogProps });
  return { app, catalog };
}

function synthError(fn: () => void): OpsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OpsError) return e;
    throw e;
  }
  throw new Error('expected an OpsError');
}

describe('OlmCatalog', () => {
  test('writes the catalog and the upgrade graph of two versions built in one program', () => {
    // GIVEN
    const { app, catalog } = setup([
      { version: '1.0.0', image: 'ghcr.io/acme/demo-bundle:v1.0.0' },
      { version: '1.1.0', replaces: '1.0.0', image: 'ghcr.io/acme/demo-bundle:v1.1.0' },
    ]);
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    const docs = parseYamlDocuments(out.file(`${catalog.directory}/catalog.yaml`));
    expect(docs.map((d) => `${d.schema} ${d.name}`)).toEqual(['olm.package demo', 'olm.channel stable', 'olm.bundle demo.v1.0.0', 'olm.bundle demo.v1.1.0']);
    expect(docs[1].entries).toEqual([{ name: 'demo.v1.0.0' }, { name: 'demo.v1.1.0', replaces: 'demo.v1.0.0' }]);
    expect(out.file(`${catalog.directory}/upgrade-graph.txt`)).toContain('1.1.0 — replaces 1.0.0');
  });

  test('a bundle without image fails synth at the catalog, naming the bundle', () => {
    const { app } = setup([{ version: '1.0.0' }]);
    const e = synthError(() => OpsTesting.synth(app));
    expect(e.problems).toEqual([expect.objectContaining({ path: 'catalog/Catalog', field: 'bundles[0].image' })]);
    expect(e.message).toMatch(/set image on v0\/Bundle/);
  });

  test('two versions that do not form one chain fail synth: a channel with two heads', () => {
    const { app } = setup([
      { version: '1.0.0', image: 'ghcr.io/acme/demo-bundle:v1.0.0' },
      { version: '1.1.0', image: 'ghcr.io/acme/demo-bundle:v1.1.0' },
    ]);
    expect(() => OpsTesting.synth(app)).toThrow(/channels\.stable must have exactly one head.*got \["1\.0\.0","1\.1\.0"\]/);
  });

  test('an edge to a version the catalog does not list is a warning', () => {
    const { app } = setup([{ version: '1.1.0', replaces: '1.0.0', image: 'ghcr.io/acme/demo-bundle:v1.1.0' }]);
    expect(OpsTesting.synth(app).warnings.map((w) => w.id)).toContain('opskit:olm/upgrade-edge-unknown');
  });

  test('published versions continue the graph', () => {
    const { app, catalog } = setup([{ version: '1.1.0', replaces: '1.0.0', image: 'ghcr.io/acme/demo-bundle:v1.1.0' }],
      { publishedBundles: [{ version: '1.0.0', image: 'ghcr.io/acme/demo-bundle:v1.0.0', channels: ['stable'] }] });
    const out = OpsTesting.synth(app);
    expect(out.warnings.map((w) => w.id)).not.toContain('opskit:olm/upgrade-edge-unknown');
    expect(parseYamlDocuments(out.file(`${catalog.directory}/catalog.yaml`))[1].entries.map((e: any) => e.name)).toEqual(['demo.v1.0.0', 'demo.v1.1.0']);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['an unpinned published image', { publishedBundles: [{ version: '1.0.0', image: 'ghcr.io/acme/demo-bundle', channels: ['stable'] }] }, /publishedBundles\[0\]\.image must be pinned/],
    ['a published version that is not semver', { publishedBundles: [{ version: 'one', image: 'ghcr.io/acme/demo-bundle:v1', channels: ['stable'] }] }, /publishedBundles\[0\]\.version must be a semantic version/],
  ])('rejects %s (reported with every other problem at synth)', (_name, props, message) => {
    const { app } = setup([{ version: '1.1.0', image: 'ghcr.io/acme/demo-bundle:v1.1.0' }], props);
    expect(() => OpsTesting.synth(app)).toThrow(message);
  });

  test('rejects an empty list at once under fail-fast', () => {
    const app = OpsTesting.app();
    const chart = app.chart('c');
    expect(() => new OlmCatalog(chart, 'Empty', { bundles: [] })).toThrow(/bundles must list at least one OlmBundle/);
  });
});
