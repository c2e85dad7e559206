import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { chartFiles } from './support/charts';
import { OpsTesting } from '../../src/app/testing';
import { parseMastermindsConstraint } from '../../src/core/masterminds-constraint';
import { parseYaml } from '../../src/core/yaml';
import { HelmChart, HelmChartDependency } from '../../src/helm/helm-chart';
import { tempDir } from '../support/files';
import { describeWithHelm, helm, helmTemplate } from '../support/helm';

/*
 * Chart.yaml dependencies judged by Helm v4 (tools/helm), offline: a file:// subchart of the fixtures
 * (test/fixtures/helm/cache, version 1.2.3), fetched by `helm dependency update`, linted and rendered.
 */

const SUBCHART = path.resolve(__dirname, '..', 'fixtures', 'helm', 'cache');

/** Writes the parent chart opskit makes beside a copy of the subchart; returns the parent's folder. */
function parentChart(dependencies: HelmChartDependency[]): string {
  const app = OpsTesting.app();
  const chart = app.chart('web', { namespace: 'web' });
  new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: 'b' } });
  const helmChart = new HelmChart(app.k8s, 'web-helm', { name: 'web', charts: [chart], version: '1.0.0', dependencies });
  const root = tempDir('opskit-helm-deps-');
  fs.cpSync(SUBCHART, path.join(root, 'cache'), { recursive: true });
  for (const [p, content] of chartFiles(OpsTesting.synth(app), helmChart)) {
    fs.mkdirSync(path.dirname(path.join(root, 'web', p)), { recursive: true });
    fs.writeFileSync(path.join(root, 'web', p), content);
  }
  return path.join(root, 'web');
}

const names = (objects: any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();

describeWithHelm('Chart.yaml dependencies with Helm v4', () => {
  let dir: string;
  beforeAll(() => {
    dir = parentChart([
      { name: 'cache', version: '^1.2.0', repository: 'file://../cache', condition: 'cache.enabled', importValues: [{ child: 'exports.config', parent: 'imported.config' }] },
      { name: 'cache', alias: 'sessions', version: '1.2.x', repository: 'file://../cache', tags: ['storage'] },
    ]);
    const update = helm(['dependency', 'update', dir]);
    if (update.status !== 0) throw new Error(update.stderr);
  });

  test('helm dependency update fetches the subchart, and helm lint --strict passes', () => {
    // THEN
    expect(fs.readdirSync(path.join(dir, 'charts'))).toEqual(['cache-1.2.3.tgz']);
    const lint = helm(['lint', '--strict', dir]);
    expect(`${lint.stdout}${lint.stderr}`).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(lint.status).toBe(0);
    expect(parseYaml(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')).dependencies[0]).toEqual({
      'name': 'cache',
      'version': '^1.2.0',
      'repository': 'file://../cache',
      'condition': 'cache.enabled',
      'import-values': [{ child: 'exports.config', parent: 'imported.config' }],
    });
  });

  test('helm template installs both subcharts (one by its alias) beside the chart\'s own objects', () => {
    // WHEN
    const r = helmTemplate(dir, { namespace: 'web', release: 'r' });
    // THEN
    expect(r.stderr).toBe('');
    expect(names(r.objects)).toEqual(['ConfigMap/r-cache-small', 'ConfigMap/r-sessions-small', 'ConfigMap/web']);
  });

  test.each([
    ['the condition off', ['cache.enabled=false'], ['ConfigMap/r-sessions-small', 'ConfigMap/web']],
    ['the tag off', ['tags.storage=false'], ['ConfigMap/r-cache-small', 'ConfigMap/web']],
    ['a subchart value set through its key', ['sessions.size=large'], ['ConfigMap/r-cache-small', 'ConfigMap/r-sessions-large', 'ConfigMap/web']],
  ])('values.yaml and the schema let Helm switch and tune the subcharts: %s', (_name, set, expected) => {
    // WHEN
    const r = helmTemplate(dir, { namespace: 'web', release: 'r', set });
    // THEN
    expect(r.stderr).toBe('');
    expect(names(r.objects)).toEqual(expected);
  });

  test('helm rejects a condition that is not a boolean through values.schema.json', () => {
    // WHEN
    const r = helmTemplate(dir, { namespace: 'web', values: [{ cache: { enabled: 'no' } }] });
    // THEN
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/values don't meet the specifications of the schema/);
  });

  test('helm package includes the subchart', () => {
    // GIVEN
    const out = tempDir('opskit-helm-deps-package-');
    // WHEN
    const r = helm(['package', dir, '--destination', out]);
    // THEN
    expect(r.status).toBe(0);
    expect(names(helmTemplate(path.join(out, 'web-1.0.0.tgz'), { namespace: 'web', release: 'r' }).objects)).toEqual(['ConfigMap/r-cache-small', 'ConfigMap/r-sessions-small', 'ConfigMap/web']);
  });

  test('https and oci dependencies: helm lint finds nothing but the charts helm dependency update would fetch', () => {
    // GIVEN
    const remote = parentChart([
      { name: 'kube-prometheus-stack', version: '^79.0.0', repository: 'https://prometheus-community.github.io/helm-charts', condition: 'kube-prometheus-stack.enabled' },
      { name: 'cert-manager', version: 'v1.19.1', repository: 'oci://quay.io/jetstack/charts', alias: 'certManager' },
    ]);
    // WHEN
    const r = helm(['lint', remote]);
    // THEN
    expect(r.status).toBe(0);
    const messages = `${r.stdout}`.split('\n').filter((l) => /^\[(WARNING|ERROR)\]/.test(l));
    expect(messages).toEqual([expect.stringMatching(/\[WARNING\] .*chart directory is missing these dependencies: kube-prometheus-stack,cert-manager$/)]);
  });

  test('version constraints: opskit accepts exactly those helm dependency update can read (differential, 44 constraints)', () => {
    // GIVEN: constraints in and out of Masterminds semver's grammar; a hand-written Chart.yaml (opskit refuses the bad ones)
    const constraints = [
      '1.2.3', 'v1.2.3', '^1.2.0', '~1.2', '~>1.2.0', '>=1.0.0, <2.0.0', '>= 1.0.0 < 2.0.0', '1.2.x', '1.x', '*', 'x', '1.0 - 2.0',
      '^1 || ^2', '>1.0.0-alpha.1', '=1.2.3', '=>1.0', '=<2', '!=1.2.4', '1.2.3+build.5', '1.2.3-rc.1+b', '  ^1.2.0  ', '^1.2.0 ||',
      '', ' ', 'latest', '>>1.0', '1.2.3.4', '^01.2.3', '1.2.3-01', '1.2.3-rc..1', '>= 1.0,, < 2', '1|2', '=> 1.0 =< 2.0', '~ 1.2',
      '1.2.3 - ', '- 1.2.3', '1.0 - 2.0 - 3.0', 'v', '1.2.3-', '99999999999999999999.0.0', '18446744073709551615.0.0', '^1.2.3,', '>1 <2 || 3.x', '1.2.*',
    ];
    const root = tempDir('opskit-helm-constraints-');
    fs.cpSync(SUBCHART, path.join(root, 'cache'), { recursive: true });
    // WHEN
    const verdicts = constraints.map((version) => {
      const parent = path.join(root, `p${constraints.indexOf(version)}`);
      fs.mkdirSync(parent);
      fs.writeFileSync(path.join(parent, 'Chart.yaml'), `apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n  - name: cache\n    version: ${JSON.stringify(version)}\n    repository: file://../cache\n`);
      const r = helm(['dependency', 'update', parent]);
      const helmReads = !/invalid version\/constraint format/.test(r.stderr);
      return { version, helmReads, opskitReads: parseMastermindsConstraint(version).error === undefined };
    });
    // THEN
    expect(verdicts.filter((v) => v.helmReads !== v.opskitReads)).toEqual([]);
    expect(verdicts.filter((v) => v.helmReads).length).toBeGreaterThan(15);
    expect(verdicts.filter((v) => !v.helmReads).length).toBeGreaterThan(10);
  });
});
