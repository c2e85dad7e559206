import { Duration, JsonPatch } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { AvailabilityMode, ClusterCatalog } from '../../src/olm';

const DIGEST_REF = 'quay.io/acme/catalog@sha256:200d4ddb2a73594b91358fe6397424e975205bfbe44614f5846033cad64b3f05';

describe('ClusterCatalog', () => {
  test('defaults: named after the id, a digest-pinned image source, no priority, no polling, no warning', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('olm', { namespace: 'ignored' });
    // WHEN
    const catalog = new ClusterCatalog(chart, 'acme-operators', { image: DIGEST_REF });
    const out = OpsTesting.synth(app);
    // THEN
    const obj = out.findObject('olm', 'ClusterCatalog', 'acme-operators');
    expect(obj).toEqual({
      apiVersion: 'olm.operatorframework.io/v1',
      kind: 'ClusterCatalog',
      metadata: { name: 'acme-operators' }, // cluster-scoped: the chart's namespace is dropped
      spec: { source: { type: 'Image', image: { ref: DIGEST_REF } } },
    });
    expect(catalog.name).toBe('acme-operators');
    expect(catalog.apiObject.kind).toBe('ClusterCatalog');
    expect(out.warnings).toEqual([]);
  });

  test('a tag with a poll interval, a priority and an availability mode', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('olm');
    // WHEN
    new ClusterCatalog(chart, 'acme', {
      image: 'quay.io/acme/catalog:latest',
      pollInterval: Duration.hours(1),
      priority: -10,
      availabilityMode: AvailabilityMode.UNAVAILABLE,
      metadata: { name: 'acme-catalog', labels: { team: 'platform' } },
    });
    const out = OpsTesting.synth(app);
    // THEN
    const obj = out.findObject('olm', 'ClusterCatalog', 'acme-catalog');
    expect(obj.metadata.labels).toEqual({ team: 'platform' });
    expect(obj.spec).toEqual({ source: { type: 'Image', image: { ref: 'quay.io/acme/catalog:latest', pollIntervalMinutes: 60 } }, priority: -10, availabilityMode: 'Unavailable' });
    expect(out.warnings.map((w) => [w.path, w.id])).toEqual([['olm/acme', 'opskit:olm/catalog-tag']]);
  });

  test('a tag without polling is warned about with the way out', () => {
    const app = OpsTesting.app();
    new ClusterCatalog(app.chart('olm'), 'acme', { image: 'quay.io/acme/catalog:v1' });
    const warning = OpsTesting.synth(app).warnings.find((w) => w.id === 'opskit:olm/catalog-tag');
    expect(warning?.message).toContain('pin "@sha256:…", or set pollInterval');
  });

  test.each([
    ['the image has no tag or digest', { image: 'quay.io/acme/catalog' }, /image must end with a digest or a tag, got "quay\.io\/acme\/catalog"/],
    ['the image has a short digest', { image: 'quay.io/acme/catalog@sha256:abc' }, /image must have a digest of at least 32 characters/],
    ['a digest is polled', { image: DIGEST_REF, pollInterval: Duration.minutes(5) }, /pollInterval cannot be set with a digest-pinned image/],
    ['the poll interval is not whole minutes', { image: 'quay.io/acme/catalog:v1', pollInterval: Duration.seconds(90) }, /pollInterval must be whole minutes, at least 1, got "1\.5 min"/],
    ['the poll interval is a number', { image: 'quay.io/acme/catalog:v1', pollInterval: 5 }, /pollInterval must be a cdk8s Duration/],
    ['the priority is beyond int32', { image: DIGEST_REF, priority: 2 ** 31 }, /priority must be an integer from -2147483648 to 2147483647, got 2147483648/],
    ['the priority is fractional', { image: DIGEST_REF, priority: 1.5 }, /priority must be an integer/],
    ['the availability mode is unknown', { image: DIGEST_REF, availabilityMode: 'Off' }, /availabilityMode must be one of "Available", "Unavailable"/],
    ['a namespace is given', { image: DIGEST_REF, metadata: { namespace: 'olm' } }, /metadata\.namespace must be left out: a ClusterCatalog is cluster-scoped/],
    ['the id is not a valid name', { image: DIGEST_REF }, /metadata\.name must be a DNS-1123 subdomain/],
  ])('fails when %s', (what, props, message) => {
    const app = OpsTesting.app();
    const id = what === 'the id is not a valid name' ? 'Acme_Catalog' : 'acme';
    expect(() => new ClusterCatalog(app.chart('olm'), id, props as any)).toThrow(message);
    expect(() => new ClusterCatalog(OpsTesting.app().chart('olm'), id, props as any)).toThrow(`at path [olm/${id}]`);
  });

  test('is checked at synth with the CRD\'s rules, also after an escape-hatch edit', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const catalog = new ClusterCatalog(app.chart('olm'), 'acme', { image: DIGEST_REF });
    // WHEN
    catalog.apiObject.addJsonPatch(JsonPatch.add('/spec/source/image/pollIntervalMinutes', 5));
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/spec\.source\.image\.pollIntervalMinutes cannot be set with a digest-based image/);
  });
});
