import { OpsTesting } from '../../../src/app/testing';
import { unescapeTerraformTemplate } from '../../../src/core/terraform-text';
import { parseYaml } from '../../../src/core/yaml';
import { ArgoCdApplication } from '../../../src/helm/release/argo-cd-application';
import { HelmRelease } from '../../../src/helm/release/helm-release';
import { HelmProvider } from '../../../src/terraform/helm-provider';
import { TerraformHelmRelease } from '../../../src/terraform/terraform-helm-release';

const SOURCE = { repository: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.12.1' };

describe('HelmRelease', () => {
  test('defaults: named after the id, in "default" outside a chart, writes helm/releases/<name>.values.yaml', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    const release = new HelmRelease(app.k8s, 'ingress', { ...SOURCE, values: { controller: { replicaCount: 2 } } });
    const out = OpsTesting.synth(app);
    // THEN
    expect(release.releaseName).toBe('ingress');
    expect(release.namespace).toBe('default');
    expect(release.valuesFilePath).toBe('helm/releases/ingress.values.yaml');
    expect(out.file('helm/releases/ingress.values.yaml')).toBe('controller:\n  replicaCount: 2\n');
  });

  test('takes the namespace of its chart; releaseName and namespace override; no file without valuesFile', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('platform', { namespace: 'edge' });
    // WHEN
    const inChart = new HelmRelease(chart, 'ingress', SOURCE);
    const named = new HelmRelease(app.k8s, 'other', { ...SOURCE, releaseName: 'ingress-b', namespace: 'edge-b', valuesFile: false });
    const out = OpsTesting.synth(app);
    // THEN
    expect(inChart.namespace).toBe('edge');
    expect([named.releaseName, named.namespace, named.valuesFilePath]).toEqual(['ingress-b', 'edge-b', undefined]);
    expect(out.fileNames.filter((f) => f.startsWith('helm/releases/'))).toEqual(['helm/releases/ingress.values.yaml']);
    expect(out.file('helm/releases/ingress.values.yaml')).toBe('{}\n');
  });

  test('the values file goes through the one YAML writer (ambiguous scalars quoted)', () => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN
    new HelmRelease(app.k8s, 'r', { ...SOURCE, values: { a: 'yes', b: '0755', c: '${x}', d: 'multi\nline\n' } });
    // THEN
    const text = OpsTesting.synth(app).file('helm/releases/r.values.yaml');
    expect(text).toBe('a: "yes"\nb: "0755"\nc: ${x}\nd: |\n  multi\n  line\n');
    expect(parseYaml(text)).toEqual({ a: 'yes', b: '0755', c: '${x}', d: 'multi\nline\n' });
  });

  test.each([
    ['the version is a range', { version: '^4.12.0' }, /version must be an exact chart version \(no range, not latest\), got "\^4\.12\.0"/],
    ['the repository is plain http', { repository: 'http://charts.example.com' }, /repository must be an https:\/\/ or oci:\/\/ URL/],
    ['the chart name has a slash', { chart: 'ingress-nginx/ingress-nginx' }, /chart must be a chart name \(no spaces, no "\/"\)/],
    ['the release name is too long', { releaseName: 'a'.repeat(54) }, /releaseName must be a Helm release name \(a DNS-1123 subdomain of at most 53 characters\)/],
    ['the namespace is no DNS label', { namespace: 'Edge' }, /namespace must be a namespace name/],
    ['the values hold a function', { values: { a: () => 1 } }, /values\.a must be JSON data \(text, a finite number, a boolean, null, or lists and plain objects of them\), got a function/],
    ['the values are a list', { values: [1] }, /values must be/],
  ])('fails when %s, naming the field and the construct path', (_name, change, message) => {
    const app = OpsTesting.app();
    expect(() => new HelmRelease(app.k8s, 'r', { ...SOURCE, ...change } as any)).toThrow(new RegExp(`${message.source}[^]*at path \\[r\\]`));
  });
});

describe('one HelmRelease, three deliveries', () => {
  test('a values file, a Terraform helm_release and an Argo CD Application carry the same chart, version, name, namespace and values', () => {
    // GIVEN
    const app = OpsTesting.app();
    const values = { controller: { replicaCount: 2, config: { 'log-format-upstream': '${remote_addr} %{x}' } } };
    const release = new HelmRelease(app.k8s, 'ingress', { ...SOURCE, namespace: 'edge', values });
    // WHEN
    const stack = app.stack('cluster');
    new HelmProvider(stack, 'helm');
    new TerraformHelmRelease(stack, 'ingress', { release });
    new ArgoCdApplication(app.chart('gitops', { namespace: 'argocd' }), 'ingress', { release });
    const out = OpsTesting.synth(app);
    // THEN
    const file = parseYaml(out.file('helm/releases/ingress.values.yaml'));
    expect(file).toEqual(values);
    const tf = out.resource('cluster', 'helm_release', 'ingress');
    expect(tf).toMatchObject({ name: 'ingress', chart: 'ingress-nginx', repository: SOURCE.repository, version: '4.12.1', namespace: 'edge' });
    expect(tf.values).toHaveLength(1);
    // Terraform reads `$${` as `${` and `%%{` as `%{`: the same YAML as the values file
    expect(tf.values[0]).toContain('$${remote_addr} %%{x}');
    expect(unescapeTerraformTemplate(tf.values[0])).toBe(out.file('helm/releases/ingress.values.yaml'));
    const argo = out.findObject('gitops', 'Application', 'ingress');
    expect(argo.spec.source).toEqual({
      repoURL: SOURCE.repository, chart: 'ingress-nginx', targetRevision: '4.12.1', helm: { releaseName: 'ingress', valuesObject: values },
    });
    expect(argo.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'edge' });
  });
});
