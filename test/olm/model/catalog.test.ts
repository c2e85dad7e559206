import { CatalogBundle, catalogDocuments, upgradeGraphProblems, upgradeGraphSummary } from '../../../src/olm/model/catalog';

const PKG = { name: 'demo', defaultChannel: 'stable' };
function bundle(version: string, extra: Partial<CatalogBundle> = {}): CatalogBundle {
  return { version, image: `ghcr.io/acme/demo-bundle:v${version}`, channels: ['stable'], skips: [], gvks: [{ group: 'demo.example.com', version: 'v1', kind: 'Widget' }], ...extra };
}

describe('catalog', () => {
  test('documents: package, channels with edges, bundles with their properties, in version order', () => {
    const docs = catalogDocuments(PKG, [bundle('0.2.0', { replaces: '0.1.0', skipRange: '<0.2.0' }), bundle('0.1.0')]);
    expect(docs).toEqual([
      { schema: 'olm.package', name: 'demo', defaultChannel: 'stable' },
      { schema: 'olm.channel', package: 'demo', name: 'stable', entries: [{ name: 'demo.v0.1.0' }, { name: 'demo.v0.2.0', replaces: 'demo.v0.1.0', skipRange: '<0.2.0' }] },
      expect.objectContaining({ schema: 'olm.bundle', name: 'demo.v0.1.0', image: 'ghcr.io/acme/demo-bundle:v0.1.0' }),
      expect.objectContaining({
        schema: 'olm.bundle',
        name: 'demo.v0.2.0',
        properties: [{ type: 'olm.gvk', value: { group: 'demo.example.com', kind: 'Widget', version: 'v1' } }, { type: 'olm.package', value: { packageName: 'demo', version: '0.2.0' } }],
      }),
    ]);
  });

  test('versions sort by semver precedence, not as text', () => {
    const docs = catalogDocuments(PKG, [bundle('0.10.0', { replaces: '0.9.0' }), bundle('0.9.0')]);
    expect(docs[1].entries.map((e: any) => e.name)).toEqual(['demo.v0.9.0', 'demo.v0.10.0']);
  });

  test('a chain with one head has no problem', () => {
    expect(upgradeGraphProblems(PKG, [bundle('0.1.0'), bundle('0.2.0', { replaces: '0.1.0' }), bundle('0.3.0', { replaces: '0.2.0', skips: ['0.2.0'] })]))
      .toEqual({ errors: [], warnings: [] });
  });

  test.each<[string, CatalogBundle[], RegExp]>([
    ['two heads', [bundle('0.1.0'), bundle('0.2.0')], /channels\.stable must have exactly one head/],
    ['a cycle', [bundle('0.1.0', { replaces: '0.2.0' }), bundle('0.2.0', { replaces: '0.1.0' })], /exactly one head|cycle/],
    ['a skipRange OLM cannot parse', [bundle('0.1.0', { skipRange: 'before 0.1.0' })], /skipRange must be a semver range/],
    ['a default channel no bundle has', [bundle('0.1.0', { channels: ['fast'] })], /defaultChannel must be a channel of one of the bundles/],
  ])('reports %s', (_name, bundles, message) => {
    const { errors } = upgradeGraphProblems(PKG, bundles);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => `${e.field} ${e.expected}`).join('\n')).toMatch(message);
  });

  test('a version only a skipped version replaces is stranded, and named', () => {
    // 0.3.0 → 0.2.0 is the chain; 0.2.5 is skipped, so its own edge to 0.1.0 is never taken
    const { errors } = upgradeGraphProblems(PKG, [bundle('0.1.0'), bundle('0.2.0'), bundle('0.2.5', { replaces: '0.1.0' }), bundle('0.3.0', { replaces: '0.2.0', skips: ['0.2.5'] })]);
    expect(errors).toEqual([expect.objectContaining({ field: 'channels.stable', expected: expect.stringMatching(/must not strand a version/), got: '["0.1.0"]' })]);
  });

  test('an edge to a version the catalog does not have is a warning (opm accepts it)', () => {
    const { errors, warnings } = upgradeGraphProblems(PKG, [bundle('0.2.0', { replaces: '0.1.0', skips: ['0.1.1'] })]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.field)).toEqual(['0.2.0.replaces', '0.2.0.skips']);
  });

  test('the summary lists each channel newest first with its edges', () => {
    expect(upgradeGraphSummary(PKG, [bundle('0.1.0'), bundle('0.2.0', { replaces: '0.1.0', skipRange: '<0.2.0' })])).toBe(
      'package demo (default channel stable)\nchannel stable:\n  0.2.0 — replaces 0.1.0; skipRange <0.2.0\n  0.1.0\n');
  });
});
