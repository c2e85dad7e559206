import * as fs from 'fs';
import * as path from 'path';
import { parseYamlDocuments } from '../../src/core/yaml';
import { checkClusterCatalogObject, checkClusterExtensionObject } from '../../src/olm/model/olm-v1-objects';
import { describeVerdict, kubeCheck } from '../support/kube-check';
import { versionRangeCases } from '../support/olm-v1-ranges';
import { describeWithTools } from '../support/tools';

/*
 * opskit's hand-read ClusterCatalog and ClusterExtension rules against the API server's verdict with
 * operator-controller's own CRDs (kube-check runs the real apiextensions-apiserver create path: schema, enums,
 * bounds, max lengths and the CEL rules). The CRDs are not part of opskit: set OPSKIT_OLM_V1_CRDS to a folder
 * holding the two standard CRDs of operator-controller v1.10.0, e.g.
 *
 *   git -C <operator-controller> show v1.10.0:helm/olmv1/base/catalogd/crd/standard/olm.operatorframework.io_clustercatalogs.yaml > $DIR/clustercatalogs.yaml
 *   git -C <operator-controller> show v1.10.0:helm/olmv1/base/operator-controller/crd/standard/olm.operatorframework.io_clusterextensions.yaml > $DIR/clusterextensions.yaml
 *
 * Without it the suite is skipped, visibly.
 */

const CRDS = process.env.OPSKIT_OLM_V1_CRDS;
const HEX64 = '200d4ddb2a73594b91358fe6397424e975205bfbe44614f5846033cad64b3f05';

function catalog(i: number, spec: any): any {
  return { apiVersion: 'olm.operatorframework.io/v1', kind: 'ClusterCatalog', metadata: { name: `c${i}` }, spec };
}

function extension(i: number, catalogSpec: any, extra: any = {}): any {
  return {
    apiVersion: 'olm.operatorframework.io/v1',
    kind: 'ClusterExtension',
    metadata: { name: `e${i}` },
    spec: { namespace: 'ns', serviceAccount: { name: 'installer' }, source: { sourceType: 'Catalog', catalog: { packageName: 'pkg', ...catalogSpec } }, ...extra },
  };
}

/** Image references from parts, valid and not. */
function imageRefs(): string[] {
  const domains = ['quay.io', 'my-registry.io:8080', 'localhost', '-bad.io', 'a_b.io', 'QUAY.IO', 'r.io:x'];
  const repos = ['/catalog', '/a/b', '/Cat', '', '/a__b', '/a--b', '/a.-b', '/a___b'];
  const ids = [':latest', ':v1.2', ':-x', `@sha256:${HEX64}`, '@sha256:abc', `@1a:${'a'.repeat(32)}`, '', `:${'a'.repeat(128)}`, `:${'a'.repeat(127)}`,
    `@sha256:${'g'.repeat(32)}`, `:v1@sha256:${HEX64}`, `@sha256+b64u:${HEX64}`, ':_x', ':x.y-z'];
  return domains.flatMap((d) => repos.flatMap((r) => ids.map((i) => `${d}${r}${i}`)));
}

function cases(): any[] {
  let i = 0;
  const out: any[] = [];
  for (const ref of imageRefs()) out.push(catalog(i++, { source: { type: 'Image', image: { ref } } }));
  for (const ref of [`quay.io/c@sha256:${HEX64}`, 'quay.io/c:v1']) {
    for (const poll of [0, 1, 60]) out.push(catalog(i++, { source: { type: 'Image', image: { ref, pollIntervalMinutes: poll } } }));
  }
  for (const priority of [-2147483648, 2147483647, 0, 12]) out.push(catalog(i++, { source: { type: 'Image', image: { ref: 'quay.io/c:v1' } }, priority }));
  for (const availabilityMode of ['Available', 'Unavailable', 'Off']) out.push(catalog(i++, { source: { type: 'Image', image: { ref: 'quay.io/c:v1' } }, availabilityMode }));
  for (const version of versionRangeCases()) out.push(extension(i++, { version }));
  for (const packageName of ['pkg', 'some.package', '-pkg', 'Pkg', 'a'.repeat(253), 'a'.repeat(254)]) out.push(extension(i++, { packageName }));
  for (const channels of [['stable'], ['1.1.x'], ['original_40'], ['-x'], Array.from({ length: 256 }, (_, k) => `c${k}`), Array.from({ length: 257 }, (_, k) => `c${k}`)]) out.push(extension(i++, { channels }));
  for (const upgradeConstraintPolicy of ['CatalogProvided', 'SelfCertified', 'Never']) out.push(extension(i++, { upgradeConstraintPolicy }));
  for (const namespace of ['ns', 'Ns', 'a'.repeat(63), 'a'.repeat(64), 'a.b']) {
    const e = extension(i++, {});
    out.push({ ...e, spec: { ...e.spec, namespace } });
  }
  for (const name of ['installer', 'a.b', '-x', 'X', '']) {
    const e = extension(i++, {});
    out.push({ ...e, spec: { ...e.spec, serviceAccount: { name } } });
  }
  for (const install of [{ preflight: { crdUpgradeSafety: { enforcement: 'None' } } }, { preflight: { crdUpgradeSafety: { enforcement: 'Lax' } } }, {}, { preflight: {} }]) out.push(extension(i++, {}, { install }));
  return out;
}

if (CRDS === undefined || !fs.existsSync(CRDS)) {
  describe('OLM v1 objects against operator-controller v1.10.0\'s CRDs (kube-check)', () => {
    test.skip('set OPSKIT_OLM_V1_CRDS to a folder with the two CRDs of operator-controller v1.10.0 (see this file)', () => undefined);
  });
} else {
  describeWithTools(['kube-check'], 'OLM v1 objects against operator-controller v1.10.0\'s CRDs (kube-check)', () => {
    const crds = fs.readdirSync(CRDS).filter((f) => f.endsWith('.yaml')).sort()
      .flatMap((f) => parseYamlDocuments(fs.readFileSync(path.join(CRDS, f), 'utf8'))).filter((d) => d?.kind === 'CustomResourceDefinition');

    test('opskit accepts exactly the objects the API server accepts', () => {
      // GIVEN
      expect(crds.map((c) => c.metadata.name).sort()).toEqual(['clustercatalogs.olm.operatorframework.io', 'clusterextensions.olm.operatorframework.io']);
      const objects = cases();
      // WHEN
      const verdicts = kubeCheck([...crds, ...objects]);
      // THEN
      expect(verdicts.slice(0, crds.length).map((v) => v.allowed)).toEqual([true, true]);
      const disagreements: string[] = [];
      let accepted = 0;
      objects.forEach((o, k) => {
        const v = verdicts[crds.length + k];
        const problems = o.kind === 'ClusterCatalog' ? checkClusterCatalogObject(o) : checkClusterExtensionObject(o);
        if (v.allowed) accepted++;
        if (v.allowed !== (problems.length === 0)) {
          disagreements.push(`${o.kind} ${JSON.stringify(o.spec)}: server ${describeVerdict(v)}; opskit ${problems.map((p) => `${p.field} ${p.expected}`).join(' | ') || 'accepts'}`);
        }
      });
      console.log(`OLM v1 objects vs kube-check: ${objects.length} cases, ${accepted} accepted by the server, ${disagreements.length} disagreements`);
      expect(disagreements).toEqual([]);
    });
  });
}
