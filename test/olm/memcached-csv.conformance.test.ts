import * as fs from 'fs';
import * as path from 'path';
import { ApiResource } from 'cdk8s-plus-33';
import { OpsTesting } from '../../src/app/testing';
import { parseYamlDocuments } from '../../src/core/yaml';
import { OlmBundle } from '../../src/olm';
import { CustomResource } from '../../src/operator/custom-resource';
import { CustomResourceDefinition } from '../../src/operator/custom-resource-definition';
import { normalizeRules } from '../../src/operator/model/rbac';
import { Operator } from '../../src/operator/operator';
import { describeReference } from '../support/reference';

/** Every path where two JSON values differ: `only in reference`, `only in opskit` or `differs`. */
function differences(theirs: unknown, ours: unknown, at = ''): string[] {
  if (JSON.stringify(theirs) === JSON.stringify(ours)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(theirs) && isObject(ours)) {
    return [...new Set([...Object.keys(theirs), ...Object.keys(ours)])].sort().flatMap((k) => {
      const p = at ? `${at}.${k}` : k;
      if (!(k in ours)) return [`${p}: only in reference`];
      if (!(k in theirs)) return [`${p}: only in opskit`];
      return differences(theirs[k], ours[k], p);
    });
  }
  if (Array.isArray(theirs) && Array.isArray(ours) && theirs.length === ours.length) return theirs.flatMap((t, i) => differences(t, ours[i], `${at}[${i}]`));
  return [`${at}: differs`];
}

const DEPLOYMENT = 'spec.install.spec.deployments[0]';
const POD = `${DEPLOYMENT}.spec.template.spec`;

/*
 * operator-sdk's memcached-operator test project: its source config (config/) expressed through opskit, and the
 * CSV `operator-sdk generate bundle` made from it, read in place from ../shared/reference. Compared are the
 * fields operator-sdk maps from the source config; every difference is listed below with its reason.
 */

/**
 * Where opskit's CSV differs from the one operator-sdk generated from the same source config, and why. The
 * conformance test fails on any other difference, and on any of these that disappears.
 */
const BY_DESIGN: Record<string, string> = {
  'metadata.annotations.createdAt: only in reference': 'generated: the time operator-sdk ran; opskit writes it only when given (`createdAt`), so output is deterministic',
  'metadata.annotations.containerImage: only in opskit': 'OperatorHub\'s annotation, filled from the manager image',
  'spec.apiservicedefinitions: only in reference': 'the base CSV\'s empty placeholder (no API services)',
  'spec.icon: only in reference': 'the base CSV\'s empty placeholder icon, which OperatorHub refuses; opskit writes one only when given',
  'spec.customresourcedefinitions.owned[0].statusDescriptors[0].x-descriptors: only in opskit': 'opskit adds the conditions x-descriptor, so the console shows a conditions table',
  'spec.relatedImages: only in opskit': 'opskit lists every image the pods run (mirroring for disconnected clusters); operator-sdk only RELATED_IMAGE_* values',
  'spec.webhookdefinitions[0].generateName: differs': 'opskit names webhooks in the CRD\'s group, not kubebuilder\'s placeholder domain kb.io',
  'spec.webhookdefinitions[0].rules[0].scope: only in opskit': 'written explicitly: the CRD\'s scope',
  'spec.webhookdefinitions[0].timeoutSeconds: only in opskit': 'written explicitly: the API server\'s default, 10 s',
  [`${DEPLOYMENT}.label.app.kubernetes.io/managed-by: differs`]: 'opskit, not kustomize, manages the objects',
  [`${DEPLOYMENT}.label.control-plane: only in reference`]: 'kubebuilder\'s scaffold label; opskit selects by app.kubernetes.io/name',
  [`${DEPLOYMENT}.spec.strategy: only in reference`]: 'the empty strategy kustomize writes; the same default',
  [`${DEPLOYMENT}.spec.template.metadata.labels.app.kubernetes.io/managed-by: only in opskit`]: 'opskit\'s labels on every object',
  [`${POD}.automountServiceAccountToken: only in opskit`]: 'written explicitly: the manager needs its token',
  [`${POD}.enableServiceLinks: only in opskit`]: 'hardening: no service environment variables',
  [`${POD}.nodeSelector: only in opskit`]: 'the image is linux only: kubernetes.io/os=linux',
  [`${POD}.containers[0].args[3]: differs`]: 'no --metrics-cert-path: opskit passes it only with a metrics certificate to mount (metrics via cert-manager); the reference passes it with none mounted',
  [`${POD}.containers[0].args[4]: differs`]: '--webhook-port written explicitly, so the port and the container port cannot drift apart',
  [`${POD}.containers[0].ports: differs`]: 'opskit names the health and metrics ports too',
  [`${POD}.containers[0].imagePullPolicy: only in opskit`]: 'written explicitly: IfNotPresent for a pinned tag',
  [`${POD}.containers[0].terminationMessagePolicy: only in opskit`]: 'FallbackToLogsOnError: a crash shows the log tail',
  [`${POD}.containers[0].securityContext.readOnlyRootFilesystem: only in opskit`]: 'hardening (Pod Security restricted and more)',
  [`${POD}.containers[0].securityContext.runAsNonRoot: only in opskit`]: 'hardening, on the container too',
  [`${POD}.containers[0].securityContext.seccompProfile: only in opskit`]: 'hardening, on the container too',
  [`${POD}.volumes[0].secret.secretName: differs`]: 'prefixed with the operator\'s name, as every object opskit names (kubebuilder\'s namePrefix)',
};

describeReference('OlmBundle: the memcached source config gives operator-sdk\'s CSV', 'olm/examples/memcached-operator-sdk', (dir) => {
  const read = (rel: string): any => parseYamlDocuments(fs.readFileSync(path.join(dir, rel), 'utf8'))[0];
  const reference = read('bundle/manifests/memcached-operator.clusterserviceversion.yaml');
  const base = read('source-config/manifests/bases/memcached-operator.clusterserviceversion.yaml');

  // GIVEN the source config through opskit: the CRD, the controller's RBAC markers, manager.yaml's env, the
  // webhook, the sample, and the base CSV's fields
  const app = OpsTesting.app();
  const chart = app.chart('memcached');
  const memcacheds = CustomResourceDefinition.fromYaml(chart, 'Memcacheds', fs.readFileSync(path.join(dir, 'source-config/crd/bases/cache.example.com_memcacheds.yaml'), 'utf8'));
  const operator = new Operator(chart, 'memcached-operator', {
    image: 'quay.io/example/memcached-operator:v0.0.1',
    env: { MEMCACHED_IMAGE: 'memcached:1.4.36-alpine' },
    serviceMonitor: true,
    leaderElectionConfigMaps: true,
  });
  operator.owns(memcacheds);
  operator.manages(ApiResource.DEPLOYMENTS);
  operator.watches(ApiResource.PODS);
  operator.addPermission({ apiGroups: ['core'], resources: ['events'], verbs: ['create', 'patch'] });
  operator.addMutatingWebhook({ type: memcacheds, version: 'v1alpha1' });
  const sample = read('source-config/samples/cache_v1alpha1_memcached.yaml');
  const example = new CustomResource(chart, 'Sample', { crd: memcacheds, metadata: { name: sample.metadata.name, labels: sample.metadata.labels }, spec: sample.spec });
  const bundle = new OlmBundle(chart, 'Bundle', {
    operator,
    version: '0.0.1',
    channels: ['alpha'],
    displayName: base.spec.displayName,
    description: base.spec.description,
    keywords: base.spec.keywords,
    links: base.spec.links,
    maintainers: base.spec.maintainers,
    maturity: base.spec.maturity,
    provider: base.spec.provider,
    examples: [example],
    // the base CSV's hand-written resources of the owned CRD (the Deployment a Memcached creates)
    crdDescriptions: [{ crd: memcacheds, resources: base.spec.customresourcedefinitions.owned[0].resources }],
  });
  const out = OpsTesting.synth(app);
  const ours = parseYamlDocuments(out.file(`${bundle.directory}/manifests/memcached-operator.clusterserviceversion.yaml`))[0];

  /** Both CSVs as compared: alm-examples parsed, RBAC rules normalized (their order and verb order mean nothing). */
  function comparable(csv: any): any {
    const copy = JSON.parse(JSON.stringify(csv));
    copy.metadata.annotations['alm-examples'] = JSON.parse(copy.metadata.annotations['alm-examples']);
    for (const key of ['permissions', 'clusterPermissions']) {
      for (const p of copy.spec.install.spec[key] ?? []) p.rules = normalizeRules(p.rules);
    }
    return copy;
  }

  test('the CSV equals operator-sdk\'s except the fields opskit writes differently by design', () => {
    // WHEN both are compared field by field
    const found = differences(comparable(reference), comparable(ours));
    // THEN every difference is one of these, and each of these is a difference
    expect(found).toEqual(Object.keys(BY_DESIGN).sort());
  });

  test('the fields operator-sdk maps are equal: install modes, permissions, owned CRD, webhook, the Deployment\'s name', () => {
    const [theirs, mine] = [comparable(reference), comparable(ours)];
    expect(mine.spec.installModes).toEqual(theirs.spec.installModes);
    expect(mine.spec.install.spec.permissions).toEqual(theirs.spec.install.spec.permissions);
    expect(mine.spec.install.spec.clusterPermissions).toEqual(theirs.spec.install.spec.clusterPermissions);
    expect(mine.spec.install.spec.deployments.map((d: any) => d.name)).toEqual(theirs.spec.install.spec.deployments.map((d: any) => d.name));
    const owned = theirs.spec.customresourcedefinitions.owned[0];
    expect(mine.spec.customresourcedefinitions.owned[0]).toEqual({
      ...owned,
      statusDescriptors: [{ ...owned.statusDescriptors[0], 'x-descriptors': ['urn:alm:descriptor:io.kubernetes.conditions'] }],
    });
    expect(mine.metadata.annotations['alm-examples']).toEqual(theirs.metadata.annotations['alm-examples']);
    expect(mine.spec.webhookdefinitions).toEqual([{
      ...theirs.spec.webhookdefinitions[0],
      generateName: 'mmemcached-v1alpha1.cache.example.com',
      timeoutSeconds: 10,
      rules: [{ ...theirs.spec.webhookdefinitions[0].rules[0], scope: 'Namespaced' }],
    }]);
  });
});
