import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { ALERT_SUMMARY, ALERTMANAGER_TEMPLATE, chartFiles, helmTestApp, OPERATOR_NAMESPACE } from './support/charts';
import { defineBackupOperator } from '../../examples/backup-operator/backup-operator';
import { packageBackupOperator } from '../../examples/backup-operator/helm-chart';
import { OpsTesting, SynthResult } from '../../src/app/testing';
import { parseYamlDocuments } from '../../src/core/yaml';
import { HelmChart } from '../../src/helm/helm-chart';
import { CrdPlacement } from '../../src/helm/workload-knob';
import { fcSeed } from '../support/fc-seed';
import { tempDir } from '../support/files';
import { describeWithHelm, helm, helmTemplate, writeFolder } from '../support/helm';
import { describeVerdict, kubeCheck } from '../support/kube-check';
import { hasReference, referencePath } from '../support/reference';
import { hasTool } from '../support/tools';

/*
 * The charts HelmChart writes, judged by Helm v4 itself (tools/helm): lint, template, schema, package.
 */

const key = (o: any) => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
const byKey = (objects: any[]) => new Map(objects.map((o) => [key(o), o]));
const DEPLOYMENT = `apps/v1|Deployment|${OPERATOR_NAMESPACE}|backup-operator-controller-manager`;

interface Built { result: SynthResult; operatorDir: string; dnsDir: string; plain: any[]; dnsPlain: any[] }

function build(): Built {
  const { app, operatorChart, dnsChart } = helmTestApp();
  const result = OpsTesting.synth(app);
  const root = tempDir('opskit-helm-');
  const operatorDir = path.join(root, operatorChart.chartName);
  const dnsDir = path.join(root, dnsChart.chartName);
  for (const [chart, dir] of [[operatorChart, operatorDir], [dnsChart, dnsDir]] as const) {
    for (const [p, content] of chartFiles(result, chart)) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), content);
    }
  }
  // the plain manifests, without the Namespace object Helm creates itself
  const plain = [...result.manifests('backup-operator'), ...result.manifests('backup-rules')]
    .filter((o) => !(o.kind === 'Namespace' && o.metadata.name === OPERATOR_NAMESPACE));
  return { result, operatorDir, dnsDir, plain, dnsPlain: result.manifests('node-local-dns') };
}

describeWithHelm('HelmChart with Helm v4', () => {
  let b: Built;
  let defaults: any[];
  beforeAll(() => {
    b = build();
    const r = helmTemplate(b.operatorDir, { namespace: OPERATOR_NAMESPACE });
    if (!r.ok) throw new Error(r.stderr);
    defaults = r.objects;
  });

  test('helm lint --strict passes on every chart', () => {
    for (const dir of [b.operatorDir, b.dnsDir]) {
      // WHEN
      const r = helm(['lint', '--strict', dir]);
      // THEN
      expect(`${r.stdout}${r.stderr}`).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
      expect(r.status).toBe(0);
    }
  });

  test('helm template with the default values gives exactly the objects of the plain manifests', () => {
    // THEN
    expect(byKey(defaults)).toEqual(byKey(b.plain));
    expect(defaults).toHaveLength(b.plain.length);
  });

  test('pinned objects keep their namespace, in any release namespace', () => {
    // WHEN
    const r = helmTemplate(b.dnsDir, { namespace: 'elsewhere' });
    // THEN
    expect(r.stderr).toBe('');
    expect(byKey(r.objects)).toEqual(byKey(b.dnsPlain));
  });

  test('a DaemonSet\'s knobs (NodeLocal DNSCache, pinned to kube-system) change exactly their fields', () => {
    // GIVEN
    const ds = b.dnsPlain.find((o) => o.kind === 'DaemonSet');
    const container = ds.spec.template.spec.containers[0];
    const tag = String(container.image).split(':').pop();
    // WHEN
    const r = helmTemplate(b.dnsDir, { namespace: 'elsewhere', values: [{ nodeLocalDns: { image: { tag: `${tag}-patched` }, tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] } }] });
    // THEN
    expect(r.stderr).toBe('');
    const expected = byKey(b.dnsPlain);
    const changed = JSON.parse(JSON.stringify(ds));
    changed.spec.template.spec.containers[0].image = `${container.image}-patched`;
    expect(ds.spec.template.spec.tolerations).not.toEqual([{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }]);
    changed.spec.template.spec.tolerations = [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }];
    expected.set(key(ds), changed);
    expect(byKey(r.objects)).toEqual(expected);
  });

  test('Prometheus and Alertmanager templates render back to the original text, byte for byte', () => {
    // THEN
    const rule = defaults.find((o) => o.kind === 'PrometheusRule');
    expect(rule.spec.groups[0].rules[0].annotations.summary).toBe(ALERT_SUMMARY);
    const cm = defaults.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'backup-alert-templates');
    expect(cm.data['backup.tmpl']).toBe(ALERTMANAGER_TEMPLATE);
  });

  test('namespaced objects and every reference to their namespace follow the release namespace', () => {
    // WHEN
    const r = helmTemplate(b.operatorDir, { namespace: 'backup' });
    // THEN
    expect(r.stderr).toBe('');
    const namespaced = r.objects.filter((o) => o.metadata.namespace !== undefined);
    expect(namespaced.length).toBeGreaterThan(5);
    expect(namespaced.every((o) => o.metadata.namespace === 'backup')).toBe(true);
    expect(JSON.stringify(r.objects)).not.toContain(OPERATOR_NAMESPACE);
    const binding = r.objects.find((o) => o.kind === 'ClusterRoleBinding' && o.metadata.name === 'backup-operator-manager-rolebinding');
    expect(binding.subjects[0].namespace).toBe('backup');
    const webhook = r.objects.find((o) => o.kind === 'ValidatingWebhookConfiguration');
    expect(webhook.webhooks[0].clientConfig.service.namespace).toBe('backup');
    expect(webhook.metadata.annotations['cert-manager.io/inject-ca-from']).toBe('backup/backup-operator-serving-cert');
    const cert = r.objects.find((o) => o.kind === 'Certificate');
    expect(cert.spec.dnsNames).toContain('backup-operator-webhook-service.backup.svc');
  });

  const DIGEST = `sha256:${'ab'.repeat(32)}`;
  test.each([
    ['replicas', { replicas: 5 }, (d: any) => { d.spec.replicas = 5; }],
    ['image.tag', { image: { tag: 'v0.4.0' } }, (d: any) => { d.spec.template.spec.containers[0].image = 'ghcr.io/example/backup-operator:v0.4.0'; }],
    ['image.repository', { image: { repository: 'registry.example.com:5000/backup' } }, (d: any) => { d.spec.template.spec.containers[0].image = 'registry.example.com:5000/backup:v0.3.1'; }],
    ['image.digest', { image: { digest: DIGEST } }, (d: any) => { d.spec.template.spec.containers[0].image = `ghcr.io/example/backup-operator:v0.3.1@${DIGEST}`; }],
    ['image.pullPolicy', { image: { pullPolicy: 'Always' } }, (d: any) => { d.spec.template.spec.containers[0].imagePullPolicy = 'Always'; }],
    ['imagePullSecrets', { imagePullSecrets: [{ name: 'regcred' }] }, (d: any) => { d.spec.template.spec.imagePullSecrets = [{ name: 'regcred' }]; }],
    ['resources', { resources: { limits: { cpu: '1' } } }, (d: any) => { d.spec.template.spec.containers[0].resources.limits.cpu = '1'; }],
    ['nodeSelector', { nodeSelector: { disktype: 'ssd' } }, (d: any) => { d.spec.template.spec.nodeSelector.disktype = 'ssd'; }],
    ['tolerations', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }] },
      (d: any) => { d.spec.template.spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }]; }],
    ['affinity', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } },
      (d: any) => { d.spec.template.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } }; }],
    ['podAnnotations', { podAnnotations: { 'example.com/scrape': 'true' } }, (d: any) => { d.spec.template.metadata.annotations['example.com/scrape'] = 'true'; }],
    ['podLabels', { podLabels: { team: 'platform' } }, (d: any) => { d.spec.template.metadata.labels.team = 'platform'; }],
    ['priorityClassName', { priorityClassName: 'system-cluster-critical' }, (d: any) => { d.spec.template.spec.priorityClassName = 'system-cluster-critical'; }],
    ['podSecurityContext', { podSecurityContext: { fsGroup: 2000 } }, (d: any) => { d.spec.template.spec.securityContext.fsGroup = 2000; }],
    ['securityContext', { securityContext: { runAsUser: 1000 } }, (d: any) => { d.spec.template.spec.containers[0].securityContext.runAsUser = 1000; }],
    ['nodeSelector removed', { nodeSelector: null }, (d: any) => { delete d.spec.template.spec.nodeSelector; }],
  ])('overriding %s changes exactly that field', (_name, override, change) => {
    // WHEN
    const r = helmTemplate(b.operatorDir, { namespace: OPERATOR_NAMESPACE, values: [{ backupOperatorControllerManager: override }] });
    // THEN
    expect(r.stderr).toBe('');
    const expected = byKey(defaults);
    const deployment = JSON.parse(JSON.stringify(expected.get(DEPLOYMENT)));
    change(deployment);
    expected.set(DEPLOYMENT, deployment);
    expect(byKey(r.objects)).toEqual(expected);
  });

  test.each([
    ['a negative replica count', { replicas: -1 }],
    ['replicas as text', { replicas: 'three' }],
    ['an unknown pull policy', { image: { pullPolicy: 'Sometimes' } }],
    ['a tag with a space', { image: { tag: 'v1 2' } }],
    ['an empty repository', { image: { repository: '' } }],
    ['a pod label opskit sets', { podLabels: { 'control-plane': 'other' } }],
    ['an unknown knob', { replicaCount: 3 }],
    ['resources as text', { resources: 'lots' }],
    ['removed replicas', { replicas: null }],
  ])('helm rejects %s through values.schema.json', (_name, override) => {
    // WHEN
    const r = helmTemplate(b.operatorDir, { namespace: OPERATOR_NAMESPACE, values: [{ backupOperatorControllerManager: override }] });
    // THEN
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/values don't meet the specifications of the schema/);
  });

  test('helm package produces a .tgz that renders the same objects', () => {
    // GIVEN
    const out = tempDir('opskit-helm-package-');
    // WHEN
    const r = helm(['package', b.operatorDir, '--destination', out]);
    // THEN
    expect(r.stderr).toBe('');
    const tgz = path.join(out, 'backup-operator-0.3.1.tgz');
    expect(fs.existsSync(tgz)).toBe(true);
    const packaged = helmTemplate(tgz, { namespace: OPERATOR_NAMESPACE });
    expect(byKey(packaged.objects)).toEqual(byKey(defaults));
  });

  test('CRDs as templates behind crds.install: rendered by default, left out when switched off', () => {
    // GIVEN
    const { app, operatorChart } = helmTestApp({ crds: CrdPlacement.TEMPLATES });
    const dir = writeFolder(chartFiles(OpsTesting.synth(app), operatorChart));
    const crdKey = 'apiextensions.k8s.io/v1|CustomResourceDefinition||backupplans.backup.example.com';
    // WHEN
    const on = helmTemplate(dir, { namespace: OPERATOR_NAMESPACE });
    const off = helmTemplate(dir, { namespace: OPERATOR_NAMESPACE, set: ['crds.install=false'] });
    // THEN
    expect(helm(['lint', '--strict', dir]).status).toBe(0);
    expect(byKey(on.objects)).toEqual(byKey(defaults));
    const withoutCrd = byKey(defaults);
    withoutCrd.delete(crdKey);
    expect(byKey(off.objects)).toEqual(withoutCrd);
  });

  /** CRDs of the kinds the chart uses without defining them (Prometheus Operator's, cert-manager's), from the reference. */
  const REFERENCE_CRDS = ['observability/crds', 'olm/examples/cert-manager/bundle/manifests'];
  const canKubeCheck = hasTool('kube-check') && REFERENCE_CRDS.every((d) => hasReference(d));
  (canKubeCheck ? test : test.skip)('the rendered chart passes kube-check (with the Prometheus Operator and cert-manager CRDs of the reference)', () => {
    // GIVEN
    const groups = new Set(defaults.map((o) => String(o.apiVersion).split('/')[0]));
    const crds = REFERENCE_CRDS.flatMap((d) => fs.readdirSync(referencePath(d)).filter((f) => f.endsWith('.yaml')).sort()
      .flatMap((f) => parseYamlDocuments(fs.readFileSync(path.join(referencePath(d), f), 'utf8'))))
      .filter((o) => o?.kind === 'CustomResourceDefinition' && groups.has(o.spec.group));
    // WHEN
    const verdicts = kubeCheck([...crds, ...defaults], { namespace: OPERATOR_NAMESPACE }).slice(crds.length);
    // THEN
    expect(verdicts.filter((v) => !v.allowed).map((v) => `${v.kind}/${v.name}: ${describeVerdict(v)}`)).toEqual([]);
    expect(verdicts.filter((v) => !v.skipped).map((v) => v.kind).sort()).toEqual(['Certificate', 'CustomResourceDefinition', 'Issuer', 'PrometheusRule', 'ServiceMonitor']);
  });

  test('generated text full of template syntax renders back byte for byte (500 strings, one helm template run)', () => {
    // GIVEN: text made of the pieces Go templates and YAML care about
    const piece = fc.constantFrom('{', '}', '{{', '}}', '{{-', '-}}', '{{/*', '*/}}', '"', '`', '\\', '$', '.', '|', ' ', '\n', '  ', ':', '# ', '- ', 'a', 'é', '\t', '\'');
    const texts = fc.sample(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), { numRuns: 500, seed: fcSeed('helm escaping') });
    const app = OpsTesting.app();
    const chart = app.chart('texts', { namespace: 'texts' });
    const data = Object.fromEntries(texts.map((t, i) => [`t${i}`, t]));
    new ApiObject(chart, 'texts', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'texts' }, data });
    const helmChart = new HelmChart(app.k8s, 'texts-chart', { name: 'texts', charts: [chart], version: '1.0.0' });
    const dir = writeFolder(chartFiles(OpsTesting.synth(app), helmChart));
    // WHEN
    const r = helmTemplate(dir, { namespace: 'texts' });
    // THEN
    expect(r.stderr).toBe('');
    const rendered = r.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'texts').data;
    const differing = texts.map((t, i) => [t, rendered[`t${i}`] ?? '']).filter(([t, back]) => t !== back);
    expect(differing).toEqual([]);
  });
});

describeWithHelm('examples/backup-operator packaged with Helm', () => {
  test('lint --strict passes and the default render is the operator chart without its Namespace', () => {
    // GIVEN
    const app = OpsTesting.app();
    defineBackupOperator(app);
    const helmChart = packageBackupOperator(app, app.k8s.node.findChild('backup-operator') as Chart);
    const result = OpsTesting.synth(app);
    const dir = path.join(tempDir('opskit-example-'), helmChart.chartName);
    for (const [p, content] of chartFiles(result, helmChart)) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), content);
    }
    // WHEN
    const lint = helm(['lint', '--strict', dir]);
    const r = helmTemplate(dir, { namespace: OPERATOR_NAMESPACE });
    // THEN
    expect(result.warnings).toEqual([]);
    expect(lint.status).toBe(0);
    const plain = result.manifests('backup-operator').filter((o) => o.kind !== 'Namespace');
    expect(byKey(r.objects)).toEqual(byKey(plain));
  });
});
