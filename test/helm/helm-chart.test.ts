import { ApiObject } from 'cdk8s';
import { chartFiles, helmTestApp, OPERATOR_NAMESPACE } from './support/charts';
import { OpsTesting } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import { HelmChart } from '../../src/helm/helm-chart';
import { CrdPlacement, WorkloadKnob } from '../../src/helm/workload-knob';

function deployment(chart: any, id: string, namespace?: string) {
  return new ApiObject(chart, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id } }, spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/app:v1' }] } },
    },
  });
}

describe('HelmChart', () => {
  test('defaults: named after the id, CRDs in crds/, every knob for each workload, the files of a chart', () => {
    // GIVEN
    const { app, operatorChart } = helmTestApp();
    // WHEN
    const files = chartFiles(OpsTesting.synth(app), operatorChart);
    // THEN
    expect(operatorChart.folder).toBe('helm/backup-operator');
    expect(operatorChart.crds).toBe(CrdPlacement.CRDS_FOLDER);
    expect([...files.keys()].filter((f) => !f.startsWith('templates/') || f.startsWith('templates/_') || f.endsWith('.txt')).sort()).toEqual([
      '.helmignore', 'Chart.yaml', 'README.md', 'crds/customresourcedefinition-backupplans.backup.example.com.yaml',
      'templates/NOTES.txt', 'templates/_helpers.tpl', 'values.schema.json', 'values.yaml',
    ]);
    expect(files.has('templates/deployment-backup-operator-controller-manager.yaml')).toBe(true);
    expect(files.has(`templates/namespace-${OPERATOR_NAMESPACE}.yaml`)).toBe(false);
    const values = parseYaml(files.get('values.yaml')!);
    expect(Object.keys(values)).toEqual(['backupOperatorControllerManager']);
    expect(Object.keys(values.backupOperatorControllerManager)).toEqual(Object.values(WorkloadKnob));
    expect(values.backupOperatorControllerManager.image).toEqual({ repository: 'ghcr.io/example/backup-operator', tag: 'v0.3.1', digest: '', pullPolicy: 'IfNotPresent' });
    expect(parseYaml(files.get('Chart.yaml')!)).toMatchObject({ apiVersion: 'v2', name: 'backup-operator', version: '0.3.1', appVersion: 'v0.3.1', kubeVersion: '>=1.28.0-0' });
    expect(files.get('templates/_helpers.tpl')).toContain('{{- define "backup-operator.serviceAccountName" -}}\nbackup-operator-controller-manager\n');
    for (const helper of ['name', 'fullname', 'chart', 'labels', 'selectorLabels']) expect(files.get('templates/_helpers.tpl')).toContain(`define "backup-operator.${helper}"`);
    expect(files.get('README.md')).toContain('| `backupOperatorControllerManager.replicas` | integer | `2` |');
    // the CRD in crds/ is not a template: written as it is
    expect(files.get('crds/customresourcedefinition-backupplans.backup.example.com.yaml')).not.toContain('{{');
  });

  test('warns once that the Namespace object of the release namespace is left out', () => {
    // GIVEN
    const { app } = helmTestApp();
    // WHEN
    const warnings = OpsTesting.synth(app).warnings.filter((w) => w.id === 'opskit:helm/release-namespace-object');
    // THEN
    expect(warnings).toEqual([expect.objectContaining({ path: 'backup-operator-helm', message: expect.stringContaining(`Namespace "${OPERATOR_NAMESPACE}"`) })]);
  });

  test('knobs can be chosen, or switched off', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('apps', { namespace: 'apps' });
    deployment(chart, 'api');
    const some = new HelmChart(app.k8s, 'some', { charts: [chart], version: '1.0.0', workloadValuesOptions: { knobs: [WorkloadKnob.REPLICAS] } });
    const none = new HelmChart(app.k8s, 'none', { charts: [chart], version: '1.0.0', workloadValues: false });
    // WHEN
    const result = OpsTesting.synth(app);
    // THEN
    expect(parseYaml(chartFiles(result, some).get('values.yaml')!)).toEqual({ api: { replicas: 1 } });
    expect(parseYaml(chartFiles(result, none).get('values.yaml')!)).toEqual({});
    expect(chartFiles(result, none).get('templates/deployment-api.yaml')).not.toContain('.Values');
  });

  test('CRDs as templates: behind crds.install', () => {
    // GIVEN
    const { app, operatorChart } = helmTestApp({ crds: CrdPlacement.TEMPLATES });
    // WHEN
    const files = chartFiles(OpsTesting.synth(app), operatorChart);
    // THEN
    const crd = files.get('templates/crds/customresourcedefinition-backupplans.backup.example.com.yaml')!;
    expect(crd.startsWith('{{- if .Values.crds.install }}\n')).toBe(true);
    expect(parseYaml(files.get('values.yaml')!).crds).toEqual({ install: true });
    expect([...files.keys()].some((f) => f.startsWith('crds/'))).toBe(false);
  });

  test('fails at synth when the objects use several namespaces and namespace is not set', () => {
    // GIVEN
    const app = OpsTesting.app();
    const a = app.chart('a', { namespace: 'team-a' });
    const b = app.chart('b', { namespace: 'team-b' });
    deployment(a, 'api');
    deployment(b, 'web');
    new HelmChart(app.k8s, 'both', { charts: [a, b], version: '1.0.0' });
    // WHEN / THEN
    expect(() => OpsTesting.synth(app)).toThrow(/namespace must be set when the packaged objects use several namespaces[^\n]*got "team-a, team-b" — set namespace to one of them[\s\S]*at path \[both\]/);
  });

  test('with namespace set, the objects of other namespaces keep theirs', () => {
    // GIVEN
    const app = OpsTesting.app();
    const a = app.chart('a', { namespace: 'team-a' });
    const b = app.chart('b', { namespace: 'team-b' });
    deployment(a, 'api');
    deployment(b, 'web');
    const helm = new HelmChart(app.k8s, 'both', { charts: [a, b], version: '1.0.0', namespace: 'team-a' });
    // WHEN
    const files = chartFiles(OpsTesting.synth(app), helm);
    // THEN
    expect(files.get('templates/deployment-api.yaml')).toContain('namespace: {{ .Release.Namespace | quote }}');
    expect(files.get('templates/deployment-web.yaml')).toContain('namespace: team-b');
  });

  test('fails at synth when two workloads get the same values key', () => {
    // GIVEN
    const app = OpsTesting.app();
    const a = app.chart('a', { namespace: 'team-a' });
    deployment(a, 'my-api');
    deployment(a, 'my.api');
    new HelmChart(app.k8s, 'dup', { charts: [a], version: '1.0.0' });
    // WHEN / THEN
    expect(() => OpsTesting.synth(app)).toThrow(/metadata\.name \(a\/Deployment\/my\.api\) must give a values key of its own, but Deployment my-api already uses "myApi"/);
  });

  test.each([
    ['version', { version: 'latest' }, /version must be a SemVer 2 version, got "latest"/],
    ['name', { name: 'Bad Name' }, /name must be a chart name/],
    ['charts', { charts: [] }, /charts must list at least one chart/],
    ['charts[0]', { charts: [{}] }, /charts\[0\] must be a Chart instance, got \{\}/],
    ['workloadValuesOptions', { workloadValues: false, workloadValuesOptions: {} }, /workloadValuesOptions must only be set with workloadValues on/],
    ['namespace', { namespace: 'Team A' }, /namespace/],
    ['crds', { crds: 'both' }, /crds/],
    ['knobs', { workloadValuesOptions: { knobs: ['replicaCount'] } }, /knobs/],
  ])('fails when %s is wrong', (_field, over, expected) => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('apps');
    // WHEN / THEN
    expect(() => new HelmChart(app.k8s, 'chart', { charts: [chart], version: '1.0.0', ...(over as any) })).toThrow(expected);
    expect(() => new HelmChart(app.k8s, 'chart2', { charts: [chart], version: '1.0.0', ...(over as any) })).toThrow(/at path \[chart2\]/);
  });

  test('fails when a chart of another app is given', () => {
    // GIVEN
    const other = OpsTesting.app().chart('elsewhere');
    const app = OpsTesting.app();
    // WHEN / THEN
    expect(() => new HelmChart(app.k8s, 'chart', { charts: [other], version: '1.0.0' })).toThrow(/charts\[0\] must be a chart of the same app as the HelmChart, got "elsewhere"/);
  });

  test('fails with a props problem, not a TypeError, when props are not an object', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN / THEN
    expect(() => new HelmChart(app.k8s, 'chart', undefined as any)).toThrow(/charts/);
    expect(() => new HelmChart(app.k8s, 'chart2', { charts: 'apps', version: 1 } as any)).toThrow(/charts/);
  });
});
