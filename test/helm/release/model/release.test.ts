import { jsonObjectProblems, mergeValues, pruneUndefined, releaseSourceProblems } from '../../../../src/helm/release/model/release';

const VALID = { name: 'monitoring', namespace: 'monitoring', chart: 'kube-prometheus-stack', repository: 'https://prometheus-community.github.io/helm-charts', version: '79.5.0', values: {} };

describe('releaseSourceProblems', () => {
  test('a pinned release from an https or oci repository has no problems', () => {
    expect(releaseSourceProblems(VALID)).toEqual([]);
    expect(releaseSourceProblems({ ...VALID, repository: 'oci://ghcr.io/acme/charts', version: 'v1.19.1-rc.1' })).toEqual([]);
  });

  test.each([
    ['an upper-case release name', { name: 'Monitoring' }, 'name'],
    ['a release name over 53 characters', { name: 'a'.repeat(54) }, 'name'],
    ['an empty chart', { chart: '' }, 'chart'],
    ['a repository without a host', { repository: 'https://' }, 'repository'],
    ['a plain http repository', { repository: 'http://charts.example.com' }, 'repository'],
    ['a version range', { version: '>=79.0.0' }, 'version'],
    ['latest', { version: 'latest' }, 'version'],
    ['a namespace with dots', { namespace: 'kube.system' }, 'namespace'],
    ['values that are a string', { values: 'a: 1' }, 'values'],
    ['an infinite number in the values', { values: { a: { b: Infinity } } }, 'values.a.b'],
  ])('rejects %s', (_name, change, field) => {
    const problems = releaseSourceProblems({ ...VALID, ...change });
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].fix.length).toBeGreaterThan(0);
  });
});

describe('values', () => {
  test('jsonObjectProblems accepts JSON and names the path of anything else', () => {
    expect(jsonObjectProblems('values', { a: [1, 'x', null, true, { b: {} }], c: undefined })).toEqual([]);
    expect(jsonObjectProblems('values', { a: [new Date(0)] }).map((p) => [p.field, p.got])).toEqual([['values.a[0]', 'a Date (1970-01-01T00:00:00.000Z)']]);
  });

  test('mergeValues deep-merges the escape hatch and refuses to override a typed leaf', () => {
    const typed = { prometheus: { prometheusSpec: { replicas: 2 } } };
    expect(mergeValues(typed, { prometheus: { prometheusSpec: { scrapeInterval: '30s' } }, kubeEtcd: { enabled: false } })).toEqual({
      values: { prometheus: { prometheusSpec: { replicas: 2, scrapeInterval: '30s' } }, kubeEtcd: { enabled: false } },
      problems: [],
    });
    expect(mergeValues(typed, { prometheus: { prometheusSpec: { replicas: 3 } } }).problems.map((p) => p.field)).toEqual(['extraValues.prometheus.prometheusSpec.replicas']);
    expect(mergeValues(typed, undefined).values).toBe(typed);
  });

  test('pruneUndefined drops unset members and the maps they emptied, keeps maps given empty', () => {
    expect(pruneUndefined({ a: undefined, b: { c: undefined }, d: {}, e: [1, undefined], f: 0 })).toEqual({ d: {}, e: [1, undefined], f: 0 });
  });
});
