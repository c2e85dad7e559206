import { parseYaml } from '../../../src/core/yaml';
import { chartMetadataProblems, renderChartYaml } from '../../../src/helm/model/chart-metadata';

const base = { name: 'backup', version: '1.2.0', description: 'Backups.' };

describe('chart metadata', () => {
  test('Chart.yaml: apiVersion v2, application, the fields given in Helm\'s order', () => {
    // WHEN
    const text = renderChartYaml({ ...base, appVersion: 'v1.2.0', keywords: ['a'], maintainers: [{ name: 'Ops', email: 'ops@example.com' }], annotations: { 'artifacthub.io/license': 'MIT' } });
    // THEN
    expect(parseYaml(text)).toEqual({
      apiVersion: 'v2',
      name: 'backup',
      description: 'Backups.',
      type: 'application',
      version: '1.2.0',
      appVersion: 'v1.2.0',
      keywords: ['a'],
      maintainers: [{ name: 'Ops', email: 'ops@example.com' }],
      annotations: { 'artifacthub.io/license': 'MIT' },
    });
    expect(text.split('\n')[0]).toBe('apiVersion: v2');
  });

  test('a minimal chart has no problems', () => {
    expect(chartMetadataProblems(base)).toEqual([]);
  });

  test.each([
    ['name', { name: 'Backup_Operator' }, /chart name/],
    ['version', { version: '1.2' }, /SemVer 2/],
    ['version', { version: '>=1.0.0' }, /SemVer 2/],
    ['appVersion', { appVersion: '' }, /one non-empty line/],
    ['kubeVersion', { kubeVersion: '>=1.28\n' }, /one non-empty line/],
    ['home', { home: 'example.com' }, /http\(s\) URL/],
    ['sources[1]', { sources: ['https://a.example.com', 'ftp://b'] }, /http\(s\) URL/],
    ['maintainers[0].email', { maintainers: [{ name: 'Ops', email: 'ops' }] }, /e-mail/],
    ['icon', { icon: 'icon.png' }, /http\(s\) URL/],
  ])('fails when %s is wrong', (field, over, expected) => {
    // WHEN
    const problems = chartMetadataProblems({ ...base, ...over });
    // THEN
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].expected).toMatch(expected);
  });
});
