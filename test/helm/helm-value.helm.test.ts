import { ApiObject } from 'cdk8s';
import * as fc from 'fast-check';
import { AWKWARD_DEFAULT, VALUES_NAMESPACE, valuesTestApp } from './support/values-app';
import { OpsTesting, SynthResult } from '../../src/app/testing';
import { HelmChart } from '../../src/helm/helm-chart';
import { HelmValue } from '../../src/helm/helm-value';
import { fcSeed } from '../support/fc-seed';
import { describeWithHelm, helm, helmTemplate, writeFolder } from '../support/helm';
import { chartFiles } from './support/charts';

/*
 * HelmValues judged by Helm v4 itself (tools/helm): the default render is the plain manifests, each override
 * changes exactly the field that holds the value, and values.schema.json rejects what the constraints forbid.
 */

const key = (o: any) => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
const byKey = (objects: any[]) => new Map(objects.map((o) => [key(o), o]));
const CONFIG_MAP = `v1|ConfigMap|${VALUES_NAMESPACE}|settings`;
const JOB = `batch/v1|Job|${VALUES_NAMESPACE}|backup-now`;
const PLAN = `backup.example.com/v1|BackupPlan|${VALUES_NAMESPACE}|daily`;
const RULE = `monitoring.coreos.com/v1|PrometheusRule|${VALUES_NAMESPACE}|backup-alerts`;
const DEPLOYMENT = `apps/v1|Deployment|${VALUES_NAMESPACE}|backup-controller-manager`;

describeWithHelm('HelmValue with Helm v4', () => {
  let result: SynthResult;
  let dir: string;
  let defaults: any[];
  beforeAll(() => {
    const { app, helmChart } = valuesTestApp();
    result = OpsTesting.synth(app);
    dir = writeFolder(chartFiles(result, helmChart));
    const r = helmTemplate(dir, { namespace: VALUES_NAMESPACE });
    if (!r.ok) throw new Error(r.stderr);
    defaults = r.objects;
  });

  test('helm lint --strict passes', () => {
    // WHEN
    const r = helm(['lint', '--strict', dir]);
    // THEN
    expect(`${r.stdout}${r.stderr}`).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(r.status).toBe(0);
  });

  test('helm template with the default values gives exactly the plain manifests, which hold the defaults', () => {
    // GIVEN
    const plain = result.manifests('demo');
    // THEN
    expect(byKey(defaults)).toEqual(byKey(plain));
    expect(defaults).toHaveLength(plain.length);
    const cm = plain.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'settings');
    expect(cm.data).toEqual({ level: 'info', line: 'level=info keep=7 ratio=0.5', motd: AWKWARD_DEFAULT, quoted: `"${AWKWARD_DEFAULT}"` });
    expect(cm.immutable).toBe(false);
  });

  test.each<[string, unknown, string, (o: any) => void]>([
    ['a string (whole)', { controller: { logLevel: 'debug' } }, CONFIG_MAP, (o) => { o.data.level = 'debug'; o.data.line = 'level=debug keep=7 ratio=0.5'; }],
    ['a string inside a text (image tag)', { controller: { imageTag: 'v0.4.0' } }, DEPLOYMENT, (o) => { o.spec.template.spec.containers[0].image = 'ghcr.io/example/backup:v0.4.0'; }],
    ['a string full of quotes, braces and colons', { motd: 'a: "b" }} {{ #c\n' }, CONFIG_MAP, (o) => { o.data.motd = 'a: "b" }} {{ #c\n'; o.data.quoted = '"a: "b" }} {{ #c\n"'; }],
    ['a number inside a text', { backup: { ratio: 0.25 } }, CONFIG_MAP, (o) => { o.data.line = 'level=info keep=7 ratio=0.25'; }],
    ['a boolean', { config: { immutable: true } }, CONFIG_MAP, (o) => { o.immutable = true; }],
    ['a list', { backup: { targets: ['etcd-c'] } }, JOB, (o) => { o.spec.template.spec.containers[0].args = ['etcd-c']; }],
    // Helm merges a values file's mapping into the default one
    ['an object', { backup: { settings: { compress: false, extra: { a: [1, 2] } } } }, PLAN, (o) => { o.spec.settings = { compress: false, level: 3, extra: { a: [1, 2] } }; }],
    ['an integer in a PromQL expression and an annotation beside Prometheus\'s own template', { alerts: { failureThreshold: 5 } }, RULE, (o) => {
      o.spec.groups[0].rules[0].expr = 'increase(backup_failures_total[1h]) > 5';
      o.spec.groups[0].rules[0].annotations.summary = '{{ $labels.instance }} failed more than 5 times';
    }],
  ])('overriding %s changes exactly the fields that hold it', (_name, override, changed, change) => {
    // WHEN
    const r = helmTemplate(dir, { namespace: VALUES_NAMESPACE, values: [override] });
    // THEN
    expect(r.stderr).toBe('');
    const expected = byKey(defaults);
    const object = JSON.parse(JSON.stringify(expected.get(changed)));
    change(object);
    expected.set(changed, object);
    expect(byKey(r.objects)).toEqual(expected);
  });

  test('an integer used in two objects and a text changes all three', () => {
    // WHEN
    const r = helmTemplate(dir, { namespace: VALUES_NAMESPACE, set: ['backup.retention=30'] });
    // THEN
    expect(r.stderr).toBe('');
    const expected = byKey(defaults);
    const job = JSON.parse(JSON.stringify(expected.get(JOB)));
    job.spec.backoffLimit = 30;
    const plan = JSON.parse(JSON.stringify(expected.get(PLAN)));
    plan.spec.retention = 30;
    const cm = JSON.parse(JSON.stringify(expected.get(CONFIG_MAP)));
    cm.data.line = 'level=info keep=30 ratio=0.5';
    expected.set(JOB, job).set(PLAN, plan).set(CONFIG_MAP, cm);
    expect(byKey(r.objects)).toEqual(expected);
  });

  test.each([
    ['a string outside its enum', { controller: { logLevel: 'verbose' } }],
    ['a string that misses its pattern', { controller: { imageTag: 'latest' } }],
    ['a string over its maxLength', { motd: 'x'.repeat(101) }],
    ['an integer below its minimum', { backup: { retention: 0 } }],
    ['an integer above its maximum', { backup: { retention: 366 } }],
    ['a fraction for an integer', { backup: { retention: 1.5 } }],
    ['a number above its maximum', { backup: { ratio: 2 } }],
    ['text for a boolean', { config: { immutable: 'yes' } }],
    ['a list with too few items', { backup: { targets: [] } }],
    ['a list of numbers for a list of strings', { backup: { targets: [1] } }],
    ['a list for an object', { backup: { settings: [] } }],
    ['a removed value', { controller: { logLevel: null } }],
    ['an unknown value', { controller: { logLevl: 'debug' } }],
  ])('helm rejects %s through values.schema.json', (_name, override) => {
    // WHEN
    const r = helmTemplate(dir, { namespace: VALUES_NAMESPACE, values: [override] });
    // THEN
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/values don't meet the specifications of the schema/);
  });

  test('generated strings, whole and inside text, render as given (200 values, defaults and overrides, two helm template runs)', () => {
    // GIVEN: texts made of what YAML, JSON and Go templates care about, as defaults and as overrides
    const piece = fc.constantFrom('{', '}', '{{', '}}', '"', '\'', '`', '\\', '$', '|', ' ', '\n', '\t', ':', ': ', ' #', '- ', '%s', '%v', 'a', '1', 'é', '😀', '\u2028', '<&>', 'true', 'null', '0x1F');
    const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const [givenDefaults, overrides] = [fcSeed('helm values'), fcSeed('helm values') + 1].map((seed) => fc.sample(text, { numRuns: 100, seed }));
    const app = OpsTesting.app();
    const chart = app.chart('texts', { namespace: 'texts' });
    const data: Record<string, string> = {};
    givenDefaults.forEach((d, i) => {
      const v = HelmValue.string(chart, `t${i}`, { default: d, description: `Text ${i}.` });
      data[`whole${i}`] = `${v}`;
      data[`inside${i}`] = `[${v}]{{ "x" }}${v}`;
    });
    new ApiObject(chart, 'texts', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'texts' }, data });
    const helmChart = new HelmChart(app.k8s, 'texts-chart', { name: 'texts', charts: [chart], version: '1.0.0' });
    const out = OpsTesting.synth(app);
    const textsDir = writeFolder(chartFiles(out, helmChart));
    // WHEN
    const withDefaults = helmTemplate(textsDir, { namespace: 'texts' });
    const withOverrides = helmTemplate(textsDir, { namespace: 'texts', values: [Object.fromEntries(overrides.map((o, i) => [`t${i}`, o]))] });
    // THEN
    expect(withDefaults.stderr).toBe('');
    const texts = (objects: any[]) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === 'texts');
    expect(texts(withDefaults.objects).data).toEqual(out.findObject('texts', 'ConfigMap', 'texts').data);
    expect(withOverrides.stderr).toBe('');
    const expected = Object.fromEntries(overrides.flatMap((o, i) => [[`whole${i}`, o], [`inside${i}`, `[${o}]{{ "x" }}${o}`]]));
    const got = texts(withOverrides.objects).data;
    expect(Object.keys(expected).filter((k) => got[k] !== expected[k]).map((k) => [k, expected[k], got[k]])).toEqual([]);
  });
});
