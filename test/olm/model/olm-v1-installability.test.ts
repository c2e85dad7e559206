import { olmV1InstallabilityFindings } from '../../../src/olm/model/olm-v1-installability';

function csv(spec: any, annotations: Record<string, string> = {}): any {
  return {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'ClusterServiceVersion',
    metadata: { name: 'p.v1.0.0', annotations },
    spec: { installModes: [{ type: 'AllNamespaces', supported: true }], install: { strategy: 'deployment', spec: { deployments: [] } }, ...spec },
  };
}

function rules(input: Parameters<typeof olmV1InstallabilityFindings>[0]): string[] {
  return olmV1InstallabilityFindings(input).map((f) => `${f.level} ${f.rule}`);
}

describe('olmV1InstallabilityFindings', () => {
  test('an AllNamespaces bundle without dependencies, API services or webhooks is installable', () => {
    expect(olmV1InstallabilityFindings({ csv: csv({}) })).toEqual([]);
  });

  test.each([
    ['OwnNamespace and SingleNamespace only (alpha feature gate)', { installModes: [{ type: 'OwnNamespace', supported: true }, { type: 'SingleNamespace', supported: true }, { type: 'AllNamespaces', supported: false }] }, 'error olm-v1/all-namespaces'],
    ['MultiNamespace only', { installModes: [{ type: 'MultiNamespace', supported: true }] }, 'error olm-v1/install-modes'],
    ['no install modes', { installModes: [] }, 'error olm-v1/install-modes'],
    ['owned API services', { apiservicedefinitions: { owned: [{ name: 'v1.metrics.example.com' }] } }, 'error olm-v1/api-service'],
    ['a required CRD (olm.gvk.required)', { customresourcedefinitions: { required: [{ name: 'etcdclusters.etcd.database.coreos.com', version: 'v1beta2', kind: 'EtcdCluster' }] } }, 'error olm-v1/dependency'],
    ['a webhook (needs a certificate provider)', { webhookdefinitions: [{ type: 'ValidatingAdmissionWebhook', generateName: 'v.example.com', rules: [{ apiGroups: ['example.com'], resources: ['things'] }] }] }, 'warning olm-v1/webhook-certificates'],
    ['a webhook on OLM\'s API group', { webhookdefinitions: [{ type: 'MutatingAdmissionWebhook', generateName: 'm.example.com', rules: [{ apiGroups: ['olm.operatorframework.io'], resources: ['*'] }] }] }, 'error olm-v1/webhook-rule'],
    ['a webhook on every group', { webhookdefinitions: [{ type: 'ValidatingAdmissionWebhook', generateName: 'v.example.com', rules: [{ apiGroups: ['*'], resources: ['pods'] }] }] }, 'error olm-v1/webhook-rule'],
    ['a webhook on webhook configurations', { webhookdefinitions: [{ type: 'ValidatingAdmissionWebhook', generateName: 'v.example.com', rules: [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['ValidatingWebhookConfigurations'] }] }] }, 'error olm-v1/webhook-rule'],
    ['a conversion webhook beside OwnNamespace', {
      installModes: [{ type: 'AllNamespaces', supported: true }, { type: 'OwnNamespace', supported: true }],
      webhookdefinitions: [{ type: 'ConversionWebhook', generateName: 'c.example.com', conversionCRDs: ['things.example.com'] }],
    }, 'error olm-v1/conversion-webhook'],
    ['access to operatorconditions', { install: { strategy: 'deployment', spec: { permissions: [{ serviceAccountName: 'sa', rules: [{ apiGroups: ['operators.coreos.com'], resources: ['operatorconditions'], verbs: ['get'] }] }] } } }, 'warning olm-v1/operator-conditions'],
  ])('reports %s', (_, spec, expected) => {
    expect(rules({ csv: csv(spec), csvFile: 'manifests/p.clusterserviceversion.yaml' })).toContain(expected);
  });

  test('a conversion webhook of an AllNamespaces-only bundle is installable (apart from its certificates)', () => {
    expect(rules({ csv: csv({ webhookdefinitions: [{ type: 'ConversionWebhook', generateName: 'c.example.com', conversionCRDs: ['things.example.com'] }] }) }))
      .toEqual(['warning olm-v1/webhook-certificates']);
  });

  test.each([
    ['metadata/dependencies.yaml olm.package', { dependencies: [{ type: 'olm.package', value: { packageName: 'etcd', version: '>=0.9.0' } }] }, 'metadata/dependencies.yaml'],
    ['metadata/dependencies.yaml olm.gvk', { dependencies: [{ type: 'olm.gvk', value: { group: 'etcd.database.coreos.com', kind: 'EtcdCluster', version: 'v1beta2' } }] }, 'metadata/dependencies.yaml'],
    ['metadata/dependencies.yaml olm.constraint', { dependencies: [{ type: 'olm.constraint', value: { failureMessage: 'x', cel: { rule: 'true' } } }] }, 'metadata/dependencies.yaml'],
    ['metadata/properties.yaml olm.package.required', { properties: [{ type: 'olm.package.required', value: { packageName: 'etcd', versionRange: '>=0.9.0' } }] }, 'metadata/properties.yaml'],
  ])('reports a dependency in %s', (_, extra, file) => {
    const findings = olmV1InstallabilityFindings({ csv: csv({}), ...extra });
    expect(findings.map((f) => [f.rule, f.file])).toEqual([['olm-v1/dependency', file]]);
  });

  test('reports a dependency among the CSV\'s operatorframework.io/properties', () => {
    const annotation = JSON.stringify({ properties: [{ type: 'olm.gvk.required', value: { group: 'g', kind: 'K', version: 'v1' } }, { type: 'olm.maxOpenShiftVersion', value: '4.14' }] });
    expect(rules({ csv: csv({}, { 'operatorframework.io/properties': annotation }) })).toEqual(['error olm-v1/dependency']);
  });
});
