import { ChartDependencySpec, chartDependencyProblems, dependencyValues, renderDependencies } from '../../../src/helm/model/chart-dependencies';

const dep = (d: Partial<ChartDependencySpec>): ChartDependencySpec => ({ name: 'redis', version: '^18.1.0', repository: 'https://charts.example.com', ...d });

describe('chartDependencyProblems', () => {
  test.each<[string, ChartDependencySpec[], string[]]>([
    ['an https, oci and file dependency', [dep({}), dep({ name: 'pg', repository: 'oci://registry.example.com/charts' }), dep({ name: 'local', repository: 'file://../local' })], []],
    ['a name that is not a chart name', [dep({ name: 'Redis' })], ['dependencies[0].name']],
    ['a version Helm cannot read', [dep({ version: 'latest' })], ['dependencies[0].version']],
    ['a plain http repository', [dep({ repository: 'http://charts.example.com' })], ['dependencies[0].repository']],
    ['an oci registry without a path', [dep({ repository: 'oci://registry.example.com' })], ['dependencies[0].repository']],
    ['an alias with a dot', [dep({ alias: 'my.cache' })], ['dependencies[0].alias']],
    ['two dependencies with one name', [dep({}), dep({})], ['dependencies[1].name']],
    ['an alias equal to another name', [dep({}), dep({ name: 'pg', alias: 'redis' })], ['dependencies[1].alias']],
    ['a condition outside the subchart\'s values', [dep({ condition: 'redisEnabled' })], ['dependencies[0].condition']],
    ['a condition with tags (Helm ignores the tags)', [dep({ condition: 'redis.enabled', tags: ['cache'] })], ['dependencies[0].tags']],
    ['a tag twice', [dep({ tags: ['a', 'a'] })], ['dependencies[0].tags[1]']],
    ['an import path with a space', [dep({ importValues: [{ child: 'exports data', parent: 'x' }] })], ['dependencies[0].importValues[0].child']],
  ])('%s', (_name, deps, fields) => {
    // THEN
    expect(chartDependencyProblems(deps).map((p) => p.field)).toEqual(fields);
  });
});

describe('dependency values', () => {
  test('each subchart gets its key, its condition (default true), its tags and its import targets', () => {
    // WHEN
    const { children, owners } = dependencyValues([
      dep({ condition: 'redis.enabled', importValues: [{ child: 'exports.config', parent: 'imported.config' }] }),
      dep({ name: 'pg', alias: 'db', tags: ['storage'] }),
    ]);
    // THEN
    expect(Object.fromEntries(children.map(([k, v]) => [k, (v as any).default]))).toEqual({
      redis: { enabled: true }, imported: {}, db: {}, tags: { storage: true },
    });
    expect([...owners.values()]).toEqual(['the dependency "redis"', 'the import-values of the dependency "redis"', 'the dependency "pg" (alias "db")', 'the dependency tags']);
    expect(renderDependencies([dep({ alias: 'db', importValues: [{ child: 'a', parent: 'b' }] })])).toEqual([
      { 'name': 'redis', 'version': '^18.1.0', 'repository': 'https://charts.example.com', 'alias': 'db', 'condition': undefined, 'tags': undefined, 'import-values': [{ child: 'a', parent: 'b' }] },
    ]);
  });
});
