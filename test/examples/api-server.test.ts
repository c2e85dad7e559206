import * as fs from 'fs';
import * as path from 'path';
import { parseYamlDocuments } from '../../src/core/yaml';
import { ApiClient, ApiVerdict } from '../support/api-client';
import { useApiServer } from '../support/api-server';
import { argoCdModuleDir } from '../support/argocd-crds';
import { exampleFolders, examplesOutput } from '../support/examples-output';
import { hasReference, referencePath } from '../support/reference';
import { describeWithTools } from '../support/tools';

/*
 * End-to-end proof: every object every example emits is accepted by a real kube-apiserver with server-side
 * dry-run and strict field validation — CRDs and Namespaces really created first, custom resources checked
 * against their CRDs, and the Pod Security admission of the namespaces opskit labels `restricted` warning about
 * nothing.
 */

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const WARN = 'pod-security.kubernetes.io/warn';
/** CRDs of kinds the examples use but do not define (Prometheus Operator's, cert-manager's), read in place from the reference. */
const REFERENCE_CRDS = ['observability/crds', 'olm/examples/cert-manager/bundle/manifests'];

function customKindsWithoutCrd(objects: any[]): Set<string> {
  const defined = new Set(objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.spec.group));
  return new Set(objects.map((o) => String(o.apiVersion)).filter((v) => v.includes('.') && v.includes('/'))
    .map((v) => v.split('/')[0]).filter((g) => !g.endsWith('k8s.io') && !defined.has(g)));
}

/**
 * OLM v1's CRDs (operator-controller v1.10.0) are not part of opskit or of the reference: a folder given in
 * OPSKIT_OLM_V1_CRDS (see test/olm/olm-v1-objects.kube-check.test.ts); without it, OLM v1 objects are left out.
 */
const OLM_V1_GROUP = 'olm.operatorframework.io';
const OLM_V1_CRDS = process.env.OPSKIT_OLM_V1_CRDS;
const hasOlmV1Crds = OLM_V1_CRDS !== undefined && fs.existsSync(OLM_V1_CRDS);

/**
 * Argo CD's CRDs (the `Application` of examples/helm-releases) come from Go's module cache, pinned by tools/argocd;
 * without Go, Argo CD objects are left out (and CI, which has Go, fails on a missing module instead).
 */
const ARGO_CD_GROUP = 'argoproj.io';
const argoCd = argoCdModuleDir();
const argoCdCrds = argoCd.dir && path.join(argoCd.dir, 'manifests', 'crds');

/** Creates, for real, the CRDs of the groups the examples use without defining them. */
async function installReferenceCrds(client: ApiClient, groups: Set<string>): Promise<void> {
  const extra = [...(hasOlmV1Crds ? [OLM_V1_CRDS!] : []), ...(argoCdCrds ? [argoCdCrds] : [])];
  for (const dir of [...REFERENCE_CRDS.map((d) => referencePath(d)), ...extra]) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      for (const crd of parseYamlDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
        if (crd?.kind === 'CustomResourceDefinition' && groups.has(crd.spec.group)) await client.ensure(crd);
      }
    }
  }
}

/**
 * A namespace as the example declares it, and so that Pod Security also *warns* at the level it enforces:
 * the admission plugin checks workload templates (Deployments, DaemonSets, …) in warn and audit mode only.
 */
function withWarnLevel(ns: any): any {
  const labels = ns.metadata?.labels ?? {};
  if (labels[ENFORCE] === undefined || labels[WARN] !== undefined) return ns;
  return { ...ns, metadata: { ...ns.metadata, labels: { ...labels, [WARN]: labels[ENFORCE], [`${WARN}-version`]: labels[`${ENFORCE}-version`] ?? 'latest' } } };
}

function describeVerdict(o: any, v: ApiVerdict): string {
  return `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}: ${v.status} ${v.reason} ${v.message} ${v.warnings.join('; ')}`.trim();
}

describeWithTools(['kube-apiserver', 'etcd'], 'examples: every emitted object is accepted by kube-apiserver (server-side dry-run)', () => {
  const server = useApiServer();
  const outputs = examplesOutput();

  test('the suite covers every example folder', () => {
    expect(outputs.map((o) => o.example)).toEqual(exampleFolders());
  });

  test('opskit labels at least one example namespace restricted, and the server warns about a template that breaks it', async () => {
    // GIVEN a namespace labelled as opskit labels one, and a Deployment whose pod runs as root with privilege escalation
    const { client } = server();
    const restricted = outputs.flatMap((o) => o.objects).filter((o) => o.kind === 'Namespace' && o.metadata?.labels?.[ENFORCE] === 'restricted');
    expect(restricted.length).toBeGreaterThan(0);
    const ns = withWarnLevel({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'opskit-restricted-probe', labels: { [ENFORCE]: 'restricted' } } });
    await client.ensure(ns);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'root', namespace: 'opskit-restricted-probe' },
      spec: {
        selector: { matchLabels: { app: 'root' } },
        template: { metadata: { labels: { app: 'root' } }, spec: { containers: [{ name: 'app', image: 'busybox:1' }] } },
      },
    };

    // WHEN
    const v = await client.create(deployment);

    // THEN the dry-run is accepted (enforce applies to Pods) and Pod Security warns about the template
    expect(v.accepted).toBe(true);
    expect(v.warnings.join('\n')).toMatch(/would violate PodSecurity "restricted:latest"/);
  });

  test.each(outputs.map((o) => [o.example, o.objects] as const))('%s', async (example, all) => {
    // GIVEN the CRDs and namespaces the objects need, really created
    const { client } = server();
    const withArgoCd = argoCdCrds ? all : all.filter((o) => String(o.apiVersion).split('/')[0] !== ARGO_CD_GROUP);
    if (withArgoCd.length < all.length) {
      if (process.env.OPSKIT_REQUIRE_TOOLS === '1') throw new Error(`Argo CD's CRDs are required (OPSKIT_REQUIRE_TOOLS=1): ${argoCd.reason}`);
      console.warn(`${example}: ${all.length - withArgoCd.length} Argo CD objects left out (${argoCd.reason})`);
    }
    const objects = hasOlmV1Crds ? withArgoCd : withArgoCd.filter((o) => String(o.apiVersion).split('/')[0] !== OLM_V1_GROUP);
    if (objects.length < withArgoCd.length) console.warn(`${example}: ${withArgoCd.length - objects.length} OLM v1 objects left out (set OPSKIT_OLM_V1_CRDS to check them)`);
    const groups = customKindsWithoutCrd(objects);
    if (groups.size > 0 && !REFERENCE_CRDS.every((d) => hasReference(d))) {
      throw new Error(`the CRDs of ${[...groups].join(', ')} are read from ../shared/reference/{${REFERENCE_CRDS.join(',')}}, which is absent`);
    }
    await installReferenceCrds(client, groups);
    for (const crd of objects.filter((o) => o.kind === 'CustomResourceDefinition')) await client.ensure(crd);
    const declared = objects.filter((o) => o.kind === 'Namespace' && o.apiVersion === 'v1');
    for (const ns of declared) await client.ensure(withWarnLevel(ns));
    const restricted = new Set(declared.filter((ns) => ns.metadata?.labels?.[ENFORCE] === 'restricted').map((ns) => ns.metadata.name));
    for (const name of new Set(objects.map((o) => o.metadata?.namespace).filter((n) => n && !declared.some((d) => d.metadata.name === n)))) {
      await client.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }

    // WHEN every other object is created with dryRun=All and fieldValidation=Strict
    const rest = objects.filter((o) => !(o.kind === 'Namespace' && o.apiVersion === 'v1') && o.kind !== 'CustomResourceDefinition');
    const verdicts = await Promise.all(rest.map(async (o) => ({ o, v: await client.create(o) })));

    // THEN nothing is refused, no field is unknown, and nothing in a restricted namespace draws a Pod Security warning
    expect(verdicts.filter(({ v }) => !v.accepted).map(({ o, v }) => describeVerdict(o, v))).toEqual([]);
    expect(verdicts.filter(({ v }) => v.warnings.some((w) => /unknown field/i.test(w))).map(({ o, v }) => describeVerdict(o, v))).toEqual([]);
    const podSecurity = verdicts.filter(({ o, v }) => restricted.has(o.metadata?.namespace) && v.warnings.some((w) => /PodSecurity/.test(w)));
    expect(podSecurity.map(({ o, v }) => describeVerdict(o, v))).toEqual([]);
    expect(verdicts.length).toBeGreaterThan(0);
  });
});
