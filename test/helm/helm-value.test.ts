import { ApiObject } from 'cdk8s';
import { chartFiles } from './support/charts';
import { AWKWARD_DEFAULT, valuesTestApp } from './support/values-app';
import { OpsTesting } from '../../src/app/testing';
import { OpsErrors } from '../../src/core/ops-error';
import { parseYaml } from '../../src/core/yaml';
import { HelmChart } from '../../src/helm/helm-chart';
import { HelmValue, HelmValueType } from '../../src/helm/helm-value';
import { CrdPlacement } from '../../src/helm/workload-knob';
import { CustomResource } from '../../src/operator/custom-resource';
import { CustomResourceDefinition } from '../../src/operator/custom-resource-definition';
import { Schema } from '../../src/operator/schema';

function configMapChart(data: (chart: any) => Record<string, unknown>, props: Partial<ConstructorParameters<typeof HelmChart>[2]> = {}) {
  const app = OpsTesting.app();
  const chart = app.chart('apps', { namespace: 'apps' });
  new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, ...data(chart) });
  const helmChart = new HelmChart(app.k8s, 'apps-helm', { name: 'apps', charts: [chart], version: '1.0.0', ...props });
  return { app, chart, helmChart };
}

describe('HelmValue', () => {
  test('defaults: the plain manifests and artifacts hold the defaults; the chart lists each value with its comment, constraints and README row', () => {
    // GIVEN
    const { app, helmChart } = valuesTestApp();
    // WHEN
    const result = OpsTesting.synth(app);
    const files = chartFiles(result, helmChart);
    // THEN
    const cm = result.findObject('demo', 'ConfigMap', 'settings');
    expect(cm.data.motd).toBe(AWKWARD_DEFAULT);
    expect(result.findObject('demo', 'Job', 'backup-now').spec.backoffLimit).toBe(7);
    expect(result.findObject('demo', 'BackupPlan', 'daily').spec.settings).toEqual({ compress: true, level: 3 });
    expect(result.findObject('demo', 'Deployment', 'backup-controller-manager').spec.template.spec.containers[0].image).toBe('ghcr.io/example/backup:v0.3.1');
    expect(result.file('prometheus/backup-alerts.rules.yaml')).toContain('expr: increase(backup_failures_total[1h]) > 2');
    expect(result.fileNames.map((f) => result.file(f)).join('\n')).not.toMatch(/opskith[vw]\d+z/);
    const values = parseYaml(files.get('values.yaml')!);
    expect(values.controller).toEqual({ imageTag: 'v0.3.1', logLevel: 'info' });
    expect(values.backup).toEqual({ retention: 7, ratio: 0.5, targets: ['etcd-a', 'etcd-b'], settings: { compress: true, level: 3 } });
    expect(files.get('values.yaml')).toContain('  # How many backups to keep.\n  retention: 7\n');
    const schema = JSON.parse(files.get('values.schema.json')!);
    expect(schema.properties.controller).toMatchObject({ type: 'object', required: ['logLevel', 'imageTag'], additionalProperties: false });
    expect(schema.properties.controller.properties.logLevel).toEqual({ description: 'How much the controller logs.', type: 'string', enum: ['debug', 'info', 'error'] });
    expect(schema.properties.backup.properties.retention).toEqual({ description: 'How many backups to keep.', type: 'integer', minimum: 1, maximum: 365 });
    expect(schema.properties.backup.properties.targets).toEqual({ description: 'What to back up.', type: 'array', items: { type: 'string' }, minItems: 1 });
    expect(schema.required).toEqual(expect.arrayContaining(['controller', 'backup', 'config', 'alerts', 'motd']));
    expect(files.get('README.md')).toContain('| `controller.logLevel` | string | `"info"` | How much the controller logs. |');
    expect(files.get('templates/configmap-settings.yaml')).toContain('level: {{ .Values.controller.logLevel | toJson }}');
    expect(files.get('templates/job-backup-now.yaml')).toContain('backoffLimit: {{ .Values.backup.retention | toJson }}');
    expect(files.get('templates/job-backup-now.yaml')).toContain('- args: {{- toYaml .Values.backup.targets | nindent 12 }}');
  });

  test('a workload field holding a HelmValue keeps it: that knob is left out', () => {
    // GIVEN
    const { app, helmChart } = valuesTestApp();
    // WHEN
    const values = parseYaml(chartFiles(OpsTesting.synth(app), helmChart).get('values.yaml')!);
    // THEN
    expect(values.backupControllerManager.image).toBeUndefined();
    expect(values.backupControllerManager.replicas).toBe(1);
  });

  test('the same path with the same definition is the same value', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('apps');
    // WHEN
    const a = HelmValue.string(chart, 'app.level', { default: 'info', description: 'Level.' });
    const b = HelmValue.string(app.chart('other'), 'app.level', { default: 'info', description: 'Level.' });
    // THEN
    expect(`${a}`).toBe(`${b}`);
    expect(a.default).toBe('info');
    expect(a.type).toBe(HelmValueType.STRING);
  });

  test('fails when a path is defined twice with different definitions, naming where the first is', () => {
    // GIVEN
    const app = OpsTesting.app();
    HelmValue.string(app.chart('apps'), 'app.level', { default: 'info', description: 'Level.' });
    // WHEN / THEN
    expect(() => HelmValue.string(app.chart('other'), 'app.level', { default: 'debug', description: 'Level.' }))
      .toThrow(/HelmValue "app.level" must have one definition, but apps defines it as .*"default":"info".*\n\s+at path \[other\]/);
  });

  test.each<[string, () => void, RegExp]>([
    ['a default outside its enum', () => HelmValue.string(OpsTesting.app().chart('a'), 'x', { default: 'loud', description: 'd', enum: ['info'] }), /default must be one of "info", got "loud"/],
    ['a default that misses its pattern', () => HelmValue.string(OpsTesting.app().chart('a'), 'x', { default: 'latest', description: 'd', pattern: '^v[0-9]+$' }), /default must match the pattern/],
    ['a default over maxLength', () => HelmValue.string(OpsTesting.app().chart('a'), 'x', { default: 'abc', description: 'd', maxLength: 2 }), /default must be at most 2 characters long/],
    ['a fractional integer', () => HelmValue.integer(OpsTesting.app().chart('a'), 'x', { default: 1.5, description: 'd' }), /default must be a whole number, got 1.5/],
    ['a default below minimum', () => HelmValue.number(OpsTesting.app().chart('a'), 'x', { default: -1, description: 'd', minimum: 0 }), /default must be at least 0, got -1/],
    ['minimum above maximum', () => HelmValue.number(OpsTesting.app().chart('a'), 'x', { default: 1, description: 'd', minimum: 5, maximum: 2 }), /minimum must be at most maximum \(2\), got 5/],
    ['a pattern RE2 refuses', () => HelmValue.string(OpsTesting.app().chart('a'), 'x', { default: 'a', description: 'd', pattern: '(?=a)a' }), /pattern must be an RE2 regular expression/],
    ['a list with too few items', () => HelmValue.list(OpsTesting.app().chart('a'), 'x', { default: [], description: 'd', minItems: 1 }), /default must have at least 1 items/],
    ['a path with a dash', () => HelmValue.string(OpsTesting.app().chart('a'), 'log-level', { default: 'a', description: 'd' }), /path must be dot-separated names/],
    ['a path under global', () => HelmValue.string(OpsTesting.app().chart('a'), 'global.level', { default: 'a', description: 'd' }), /path must not start with "global"/],
    ['an empty description', () => HelmValue.boolean(OpsTesting.app().chart('a'), 'x', { default: true, description: ' ' }), /description must say what the value does/],
    ['a default holding another HelmValue', () => {
      const chart = OpsTesting.app().chart('a');
      HelmValue.string(chart, 'x', { default: `v${HelmValue.string(chart, 'y', { default: '1', description: 'd' })}`, description: 'd' });
    }, /default must be a plain value, not hold another HelmValue/],
    ['options of the wrong type (from JavaScript)', () => HelmValue.integer(OpsTesting.app().chart('a'), 'x', { default: '3' as any, description: 'd' }), /options.default must be a finite number, got "3"/],
    ['asNumber on a string value', () => HelmValue.string(OpsTesting.app().chart('a'), 'x', { default: '3', description: 'd' }).asNumber(), /asNumber is for a value made with HelmValue.number or HelmValue.integer/],
  ])('fails on %s', (_name, define, message) => {
    // WHEN / THEN
    expect(define).toThrow(message);
  });

  test('fails at synth when a HelmValue is a mapping key', () => {
    // GIVEN
    const { app } = configMapChart((chart) => ({ data: { [`${HelmValue.string(chart, 'k', { default: 'key', description: 'd' })}`]: 'v' } }));
    // WHEN / THEN
    expect(() => OpsTesting.synth(app)).toThrow('data.${HelmValue k} (apps/ConfigMap/cm) must not hold a HelmValue in a key');
  });

  test('fails at synth when a value\'s path is a workload\'s values key, or inside another value', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('apps', { namespace: 'apps' });
    const a = HelmValue.string(chart, 'web.extra', { default: 'x', description: 'd' });
    const b = HelmValue.string(chart, 'level', { default: 'x', description: 'd' });
    const c = HelmValue.string(chart, 'level.inner', { default: 'x', description: 'd' });
    new ApiObject(chart, 'web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/app:v1', args: [`${a}`, `${b}`, `${c}`] }] } } },
    });
    new HelmChart(app.k8s, 'apps-helm', { name: 'apps', charts: [chart], version: '1.0.0' });
    // WHEN
    let problems: string[] = [];
    try {
      OpsTesting.synth(app);
    } catch (e) {
      problems = OpsErrors.problemsOf(e).map((p) => `${p.field} ${p.expected}`);
    }
    // THEN
    expect(problems).toEqual([
      'path must not start with "web": the workload Deployment web uses that values key',
      'path must not be inside, or hold, the path of another HelmValue of the chart',
    ]);
  });

  test('fails at synth when a CRD in crds/ (never templated) holds a HelmValue', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('apps');
    const description = HelmValue.string(chart, 'crdText', { default: 'A thing.', description: 'd' });
    new CustomResourceDefinition(chart, 'Things', { group: 'example.com', kind: 'Thing', versions: [{ name: 'v1', description: `${description}`, spec: Schema.object({ properties: { a: Schema.string() } }) }] });
    new HelmChart(app.k8s, 'apps-helm', { name: 'apps', charts: [chart], version: '1.0.0' });
    // WHEN / THEN
    expect(() => OpsTesting.synth(app)).toThrow(/crds \(apps\/CustomResourceDefinition\/things.example.com\) must be CrdPlacement.TEMPLATES/);
    expect(CrdPlacement.TEMPLATES).toBe('templates');
  });

  test('the default is checked where it lands: a custom resource with a default its CRD refuses fails at synth', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('apps', { namespace: 'apps' });
    const crd = new CustomResourceDefinition(chart, 'Plans', {
      group: 'example.com', kind: 'Plan', versions: [{ name: 'v1', spec: Schema.object({ properties: { retention: Schema.integer({ minimum: 1 }) } }) }],
    });
    const retention = HelmValue.integer(chart, 'retention', { default: 0, description: 'Backups kept.' });
    // WHEN
    new CustomResource(chart, 'daily', { crd, metadata: { name: 'daily' }, spec: { retention: retention.asNumber() } });
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/spec.retention.*got 0/);
  });

  test('fails at synth when a HelmValue of another construct tree is left in an output', () => {
    // GIVEN
    const other = HelmValue.string(OpsTesting.app().k8s, 'level', { default: 'info', description: 'Level.' });
    const { app } = configMapChart(() => ({ data: { level: `${other}` } }), {});
    // WHEN / THEN
    expect(() => OpsTesting.synth(app)).toThrow(/files\["apps.k8s.yaml"\] must not hold the stand-in of a HelmValue/);
  });
});
