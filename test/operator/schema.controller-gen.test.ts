/**
 * Differential test against controller-gen (sigs.k8s.io/controller-tools, pinned in tools/controller-gen/go.mod):
 * the Go API types of test/fixtures/operator/controller-gen/api/ (markers for every feature opskit's Schema and
 * CustomResourceDefinition claim) go through the real controller-gen; the same types written with opskit
 * (corpus.ts beside them) are synthesized; the CRDs must be equal once parsed.
 *
 * Deliberate differences, removed from both sides before comparing (and asserted to exist, so the list stays
 * exact) — see docs/oracles.md:
 * - `metadata.annotations["controller-gen.kubebuilder.io/version"]`: controller-gen's stamp of itself;
 * - the `description` of the root `apiVersion` and `kind` properties, and of the `metav1.Condition` item and
 *   its six fields: controller-gen copies Kubernetes' Go doc comments, opskit writes its own shorter text (the
 *   validations of those fields are compared);
 * - an empty `subresources: {}` on a version with printer columns but neither status nor scale: a
 *   controller-gen quirk with no effect on the API server, which opskit does not emit.
 */
import * as path from 'path';
import { OpsTesting } from '../../src/app/testing';
import { parseYamlDocuments } from '../../src/core/yaml';
import { buildCorpus } from '../fixtures/operator/controller-gen/corpus';
import { describeWithTool, runTool } from '../support/tools';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'operator', 'controller-gen');
const VERSION_ANNOTATION = 'controller-gen.kubebuilder.io/version';

/** Runs controller-gen on the Go corpus; its CRDs by name. */
function controllerGenCrds(): Map<string, any> {
  // allowDangerousTypes: the corpus has a float64 field, which opskit's Schema.number() also allows
  const r = runTool('controller-gen', ['crd:allowDangerousTypes=true', 'paths=./...', 'output:crd:stdout'], { cwd: CORPUS });
  if (r.status !== 0) throw new Error(`controller-gen failed (${r.status}):\n${r.stderr}`);
  const out = new Map<string, any>();
  for (const doc of parseYamlDocuments(r.stdout)) if (doc) out.set(doc.metadata.name, doc);
  return out;
}

/** The corpus written with opskit, synthesized (so opskit's own checks accept it); its CRDs by name. */
function opskitCrds(): Map<string, any> {
  const app = OpsTesting.app();
  buildCorpus(app.chart('corpus'));
  const result = OpsTesting.synth(app);
  const out = new Map<string, any>();
  for (const crd of result.findObjects('corpus', 'CustomResourceDefinition')) out.set(crd.metadata.name, crd);
  return out;
}

/** What was removed by `normalize`, so the test can assert each deliberate difference really occurs. */
interface Removed { annotation: boolean; typeMetaDescriptions: number; conditionDescriptions: number; emptySubresources: number }

/** Removes the deliberate differences listed at the top of this file (in place); returns what it removed. */
function normalize(crd: any): Removed {
  const removed: Removed = { annotation: false, typeMetaDescriptions: 0, conditionDescriptions: 0, emptySubresources: 0 };
  const annotations = crd.metadata?.annotations;
  if (annotations && VERSION_ANNOTATION in annotations) {
    delete annotations[VERSION_ANNOTATION];
    removed.annotation = true;
    if (Object.keys(annotations).length === 0) delete crd.metadata.annotations;
  }
  for (const v of crd.spec.versions) {
    const root = v.schema?.openAPIV3Schema;
    for (const key of ['apiVersion', 'kind']) {
      if (root?.properties?.[key]?.description !== undefined) {
        delete root.properties[key].description;
        removed.typeMetaDescriptions++;
      }
    }
    if (root) removed.conditionDescriptions += stripConditionDescriptions(root);
    if (v.subresources && Object.keys(v.subresources).length === 0) {
      delete v.subresources;
      removed.emptySubresources++;
    }
  }
  return removed;
}

/** Removes the descriptions of every metav1.Condition item schema under a schema; returns how many. */
function stripConditionDescriptions(schema: any): number {
  if (schema === null || typeof schema !== 'object') return 0;
  let n = 0;
  const items = schema.items;
  if (schema.type === 'array' && items?.properties?.lastTransitionTime && items?.properties?.observedGeneration
      && schema['x-kubernetes-list-map-keys']?.[0] === 'type') {
    if (items.description !== undefined) { delete items.description; n++; }
    for (const p of Object.values<any>(items.properties)) if (p.description !== undefined) { delete p.description; n++; }
  }
  for (const v of Object.values<any>(schema)) n += stripConditionDescriptions(v);
  return n;
}

describeWithTool('controller-gen', 'Schema and CustomResourceDefinition against controller-gen', () => {
  let generated: Map<string, any>;
  let ours: Map<string, any>;
  beforeAll(() => {
    generated = controllerGenCrds();
    ours = opskitCrds();
  });

  test('both sides define the same CRDs', () => {
    // GIVEN the Go corpus and the opskit corpus
    // WHEN both are rendered (beforeAll)
    // THEN
    expect([...ours.keys()].sort()).toEqual([...generated.keys()].sort());
    expect(generated.size).toBe(4);
  });

  test.each(['widgets.corpus.opskit.dev', 'gadgetries.corpus.opskit.dev', 'backuppolicies.corpus.opskit.dev', 'proxyclasses.corpus.opskit.dev'])(
    '%s is what controller-gen generates, but for the deliberate differences',
    (name) => {
      // GIVEN
      const expected = structuredClone(generated.get(name));
      const actual = structuredClone(ours.get(name));
      // WHEN
      normalize(expected);
      normalize(actual);
      // THEN
      expect(actual).toEqual(expected);
    },
  );

  test('every deliberate difference occurs on the controller-gen side and not on opskit\'s', () => {
    // GIVEN
    const total = (m: Map<string, any>): Removed => [...m.values()].map((c) => normalize(structuredClone(c))).reduce((a, b) => ({
      annotation: a.annotation || b.annotation,
      typeMetaDescriptions: a.typeMetaDescriptions + b.typeMetaDescriptions,
      conditionDescriptions: a.conditionDescriptions + b.conditionDescriptions,
      emptySubresources: a.emptySubresources + b.emptySubresources,
    }));
    // WHEN
    const fromControllerGen = total(generated);
    const fromOpskit = total(ours);
    // THEN controller-gen stamps its version, copies TypeMeta's and Condition's Go docs, and writes the
    // empty subresources of the Gadget (printer column only); opskit writes its own descriptions and no stamp
    expect(fromControllerGen).toEqual({ annotation: true, typeMetaDescriptions: 12, conditionDescriptions: 7, emptySubresources: 1 });
    expect(fromOpskit).toEqual({ annotation: false, typeMetaDescriptions: 12, conditionDescriptions: 7, emptySubresources: 0 });
  });
});
