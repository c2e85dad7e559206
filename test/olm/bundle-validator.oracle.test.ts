import * as fs from 'fs';
import * as path from 'path';
import { parseYaml, toYaml } from '../../src/core/yaml';
import { OlmBundleValidator } from '../../src/olm';
import { tempDir } from '../support/files';
import { backupBundleFiles } from '../support/olm-bundles';
import { olmCheck, OlmFinding } from '../support/olm-check';
import { describeReference } from '../support/reference';
import { describeWithTool } from '../support/tools';

/**
 * OlmBundleValidator against operator-framework/api's own validators (olm-check): on every reference bundle
 * and on mutations of a bundle opskit writes, both must report the same rules at the same level. Compared are
 * the rules both implement; api's CRD validator is left out on purpose (opskit checks CRDs with the API server's
 * own code, without upstream's habit of discarding errors under openAPIV3Schema and status), and so is the
 * bundle-object validator (ObjectMeta checks opskit makes with the API server's own code). The deprecated-API
 * rules are compared with and without the `k8s-version` option.
 */

/** olm-check's findings mapped to opskit's rule ids, first match wins. */
const UPSTREAM_RULES: Array<[RegExp, string]> = [
  [/owned CRD .* not found in bundle/, 'owned-crd-missing'],
  [/is present in bundle .* but not defined in CSV/, 'crd-not-in-csv'],
  [/duplicate CRD/, 'duplicate-crd'],
  [/invalid service account found in bundle/, 'service-account'],
  [/install modes not found|none of InstallModeTypes are supported/, 'install-modes'],
  [/only AllNamespaces InstallModeType is supported when conversionCRDs/, 'conversion-install-modes'],
  [/minKubeVersion is not informed|MinKubeVersion has an invalid value/, 'min-kube-version'],
  [/uses wrong case and should be/, 'annotation-case'],
  [/olm\.properties annotation/, 'olm-properties'],
  [/example must have a provided API/, 'example-not-owned'],
  [/provided API should have an example annotation/, 'example-missing'],
  [/example annotations not found/, 'examples-missing'],
  [/invalid example/, 'examples-parse'],
  [/^annotations not found/, 'csv-annotations'],
  [/metadata\.name .* is invalid/, 'csv-name'],
  [/spec\.replaces/, 'csv-replaces'],
  [/Provider\.Name not specified/, 'provider'],
  [/[Mm]aintainer|email/, 'maintainers'],
  [/Spec\.Links|invalid url/i, 'links'],
  [/Spec\.Version must be set/, 'version'],
  [/Icon/, 'icon'],
  [/[Cc]apabilit/, 'capabilities'],
  [/[Cc]ategor/, 'categories'],
  [/unable to find the resource requests/, 'resource-requests'],
  [/naming convention/, 'channel-names'],
  [/permissions to create CRD/, 'crd-permissions'],
  [/unable to find a deployment/, 'no-deployment'],
  [/relatedImages/, 'related-image'],
  [/required field missing|' is missing/, 'csv-required'],
  [/deprecated and removed/, 'deprecated-api'],
  [/unable to use csv\.Spec\.MinKubeVersion/, 'min-kube-version'],
  [/invalid value informed via the k8s key option/, 'k8s-version'],
];

const COMPARED_VALIDATORS = new Set(['csv', 'bundle', 'operatorhub', 'capabilities', 'categories', 'good-practices', 'deprecated-apis']);

function upstreamVerdicts(f: OlmFinding): string | undefined {
  if (!COMPARED_VALIDATORS.has(f.validator)) return undefined;
  const rule = UPSTREAM_RULES.find(([re]) => re.test(f.detail))?.[1];
  return rule ? `${f.level.toLowerCase()} olm/${rule}` : `${f.level.toLowerCase()} unmapped: ${f.detail}`;
}

/** The rules opskit reports that upstream has too (its own extra checks are compared elsewhere). */
function ours(dir: string, k8sVersion?: string): string[] {
  const mapped = new Set(UPSTREAM_RULES.map(([, r]) => `olm/${r}`));
  return [...new Set(OlmBundleValidator.validateDirectory(dir, { k8sVersion }).filter((f) => mapped.has(f.rule)).map((f) => `${f.level} ${f.rule}`))].sort();
}

function theirs(dir: string, k8sVersion?: string): string[] {
  const [v] = olmCheck([dir], { k8sVersion });
  if (v.loadError) return [`load error: ${v.loadError}`];
  return [...new Set(v.findings.map(upstreamVerdicts).filter((x): x is string => x !== undefined))].sort();
}

/** A copy of a bundle folder with one change. */
function mutated(files: Record<string, string>, change: (files: Record<string, string>) => void): string {
  const copy = { ...files };
  change(copy);
  const dir = tempDir('opskit-olm-mut-');
  for (const [p, text] of Object.entries(copy)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

const CSV_FILE = 'manifests/backup-operator.clusterserviceversion.yaml';
function editCsv(edit: (csv: any) => void): (files: Record<string, string>) => void {
  return (files) => {
    const csv = parseYaml(files[CSV_FILE]);
    edit(csv);
    files[CSV_FILE] = toYaml(csv);
  };
}

const MUTATIONS: Array<[string, (files: Record<string, string>) => void]> = [
  ['no mutation', () => {}],
  ['the CRD left out', (f) => { delete f['manifests/backup.example.com_backupplans.yaml']; }],
  ['an example of a kind the CSV does not own', editCsv((c) => { c.metadata.annotations['alm-examples'] = JSON.stringify([{ apiVersion: 'other.example.com/v1', kind: 'Other', metadata: { name: 'x' } }]); })],
  ['alm-examples that are not JSON', editCsv((c) => { c.metadata.annotations['alm-examples'] = '[{'; })],
  ['no alm-examples', editCsv((c) => { delete c.metadata.annotations['alm-examples']; })],
  ['no install mode supported', editCsv((c) => { c.spec.installModes.forEach((m: any) => { m.supported = false; }); })],
  ['no install modes', editCsv((c) => { delete c.spec.installModes; })],
  ['minKubeVersion 1.28', editCsv((c) => { c.spec.minKubeVersion = '1.28'; })],
  ['no minKubeVersion', editCsv((c) => { delete c.spec.minKubeVersion; })],
  ['olm.skiprange in the wrong case', editCsv((c) => { c.metadata.annotations['olm.skiprange'] = '<0.3.1'; })],
  ['a CSV name over 63 characters', editCsv((c) => { c.metadata.name = 'backup-operator-with-a-really-long-name-for-no-reason-at-all.v0.3.1'; })],
  ['no provider', editCsv((c) => { delete c.spec.provider; })],
  ['a maintainer without email', editCsv((c) => { c.spec.maintainers = [{ name: 'x' }]; })],
  ['a link without url', editCsv((c) => { c.spec.links = [{ name: 'x' }]; })],
  ['no version', editCsv((c) => { delete c.spec.version; })],
  ['two icons', editCsv((c) => { c.spec.icon = [c.spec.icon[0], c.spec.icon[0]]; })],
  ['no icon', editCsv((c) => { delete c.spec.icon; })],
  ['an unknown capability level', editCsv((c) => { c.metadata.annotations.capabilities = 'Installs and stuff'; })],
  ['an unknown category', editCsv((c) => { c.metadata.annotations.categories = 'Magic'; })],
  ['a container without requests', editCsv((c) => { delete c.spec.install.spec.deployments[0].spec.template.spec.containers[0].resources; })],
  ['a channel named beta', (f) => { f['metadata/annotations.yaml'] = f['metadata/annotations.yaml'].replace('channels.v1: stable', 'channels.v1: beta'); }],
  ['CRD create permission', editCsv((c) => { c.spec.install.spec.clusterPermissions[0].rules.push({ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['create'] }); })],
  ['the operator\'s service account in the manifests', (f) => { f['manifests/sa.yaml'] = toYaml({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'backup-operator-controller-manager' } }); }],
  ['a CRD the CSV does not own', (f) => {
    const crd = parseYaml(f['manifests/backup.example.com_backupplans.yaml']);
    crd.metadata.name = 'restoreplans.backup.example.com';
    crd.spec.names = { ...crd.spec.names, kind: 'RestorePlan', plural: 'restoreplans', singular: 'restoreplan', listKind: 'RestorePlanList', shortNames: undefined };
    f['manifests/backup.example.com_restoreplans.yaml'] = toYaml(crd);
  }],
  ['the CRD twice', (f) => { f['manifests/copy.yaml'] = f['manifests/backup.example.com_backupplans.yaml']; }],
  ['a conversion webhook beside OwnNamespace', editCsv((c) => {
    c.spec.installModes[0].supported = true;
    c.spec.webhookdefinitions.push({ ...c.spec.webhookdefinitions[0], type: 'ConversionWebhook', generateName: 'cbackupplans.kb.io', conversionCRDs: ['backupplans.backup.example.com'], rules: undefined, sideEffects: 'None' });
  })],
];

const CRD_FILE = 'manifests/backup.example.com_backupplans.yaml';
const v1beta1Pdb = toYaml({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'old-pdb' }, spec: { minAvailable: 1 } });
const v1beta1Role = toYaml({ apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRole', metadata: { name: 'old-role' }, rules: [] });

/** Deprecated-API cases: [name, change, k8s-version option]. */
const DEPRECATED: Array<[string, (files: Record<string, string>) => void, string | undefined]> = [
  ['a policy/v1beta1 PodDisruptionBudget, minKubeVersion 1.28.0', (f) => { f['manifests/pdb.yaml'] = v1beta1Pdb; }, undefined],
  ['a policy/v1beta1 PodDisruptionBudget, minKubeVersion 1.21.0', (f) => { f['manifests/pdb.yaml'] = v1beta1Pdb; editCsv((c) => { c.spec.minKubeVersion = '1.21.0'; })(f); }, undefined],
  ['a policy/v1beta1 PodDisruptionBudget, no minKubeVersion, k8s-version 1.25', (f) => { f['manifests/pdb.yaml'] = v1beta1Pdb; editCsv((c) => { delete c.spec.minKubeVersion; })(f); }, '1.25'],
  ['a policy/v1beta1 PodDisruptionBudget, no minKubeVersion, k8s-version 1.24.9', (f) => { f['manifests/pdb.yaml'] = v1beta1Pdb; editCsv((c) => { delete c.spec.minKubeVersion; })(f); }, '1.24.9'],
  ['an rbac v1beta1 ClusterRole, minKubeVersion 1.21.0, k8s-version v1.22.0', (f) => { f['manifests/role.yaml'] = v1beta1Role; editCsv((c) => { c.spec.minKubeVersion = '1.21.0'; })(f); }, 'v1.22.0'],
  ['a v1beta1 CRD, minKubeVersion 1.20.0', (f) => {
    const crd = parseYaml(f[CRD_FILE]);
    const versions = crd.spec.versions.map((v: any) => ({ name: v.name, served: v.served, storage: v.storage }));
    const spec = { group: crd.spec.group, names: crd.spec.names, scope: crd.spec.scope, versions };
    f[CRD_FILE] = toYaml({ apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition', metadata: crd.metadata, spec });
    editCsv((c) => { c.spec.minKubeVersion = '1.20.0'; })(f);
  }, undefined],
  ['an autoscaling/v2beta2 HorizontalPodAutoscaler, k8s-version 1.26.0', (f) => { f['manifests/hpa.yaml'] = toYaml({ apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'hpa' } }); }, '1.26.0'],
  ['a permission on batch cronjobs (always a warning)', editCsv((c) => { c.spec.install.spec.clusterPermissions[0].rules.push({ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get'] }); }), '1.30'],
  ['a permission on batch cronjobs, with CronJob an owned CRD resource', editCsv((c) => {
    c.spec.install.spec.clusterPermissions[0].rules.push({ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get'] });
    c.spec.customresourcedefinitions.owned[0].resources = [{ kind: 'CronJob', name: 'x', version: 'batch/v1beta1' }];
  }), undefined],
  ['an owned CRD naming a batch/v1beta1 CronJob resource, minKubeVersion 1.25.0', editCsv((c) => {
    c.spec.minKubeVersion = '1.25.0';
    c.spec.customresourcedefinitions.owned[0].resources = [{ kind: 'CronJob', name: 'x', version: 'batch/v1beta1' }];
  }), undefined],
  ['a minKubeVersion with a leading v (the CSV validator refuses it, the deprecated-API rules read it)', (f) => { f['manifests/pdb.yaml'] = v1beta1Pdb; editCsv((c) => { c.spec.minKubeVersion = 'v1.25.0'; })(f); }, undefined],
  ['a minKubeVersion nobody reads', (f) => { f['manifests/pdb.yaml'] = v1beta1Pdb; editCsv((c) => { c.spec.minKubeVersion = 'one.two'; })(f); }, undefined],
  ['a blank minKubeVersion', editCsv((c) => { c.spec.minKubeVersion = ' '; }), undefined],
  ['an unreadable k8s-version', () => {}, 'latest'],
];

describeWithTool('olm-check', 'OlmBundleValidator agrees with operator-framework/api', () => {
  const files = backupBundleFiles();

  test.each(MUTATIONS)('a bundle opskit writes, with %s', (_name, change) => {
    const dir = mutated(files, change);
    expect(ours(dir)).toEqual(theirs(dir));
  });

  test.each(DEPRECATED)('deprecated APIs: %s', (_name, change, k8sVersion) => {
    const dir = mutated(files, change);
    const verdicts = theirs(dir, k8sVersion);
    expect(ours(dir, k8sVersion)).toEqual(verdicts);
    if (_name !== 'a blank minKubeVersion') expect(verdicts.join('\n')).toMatch(/olm\/(deprecated-api|min-kube-version|k8s-version)/);
  });

  describeReference('on the reference bundles and validator fixtures', 'olm', (root) => {
    const dirs = [
      'examples/memcached-operator-sdk/bundle', 'examples/cert-manager/bundle', 'examples/etcd-registry-testdata',
      ...['invalid_bundle', 'invalid_bundle_2', 'invalid_bundle_3', 'invalid_bundle_sa', 'invalid_bundle_operatorhub', 'bundle_with_metadata'].map((d) => `validator-fixtures/api-bundles/${d}`),
      ...['valid_bundle', 'valid_bundle_2', 'invalid_annotations_bundle'].map((d) => `validator-fixtures/registry-format/${d}`),
      ...fs.readdirSync(path.join(root, 'validator-fixtures/registry-format/invalid_manifests_bundle')).map((d) => `validator-fixtures/registry-format/invalid_manifests_bundle/${d}`),
    ];
    test.each(dirs)('%s', (dir) => {
      const full = path.join(root, dir);
      expect(ours(full)).toEqual(theirs(full));
    });
  });
});
