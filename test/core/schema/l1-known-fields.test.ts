import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import * as fc from 'fast-check';
import { L1Mapping, Op, TypePlan } from '../../../src/core/l1-mapping';
import { ObjectResolution } from '../../../src/core/object-resolution';
import { KnownFields, unknownFieldProblems } from '../../../src/core/schema/unknown-fields';
import { L1Values, UNIFORM } from '../../support/l1-values';
import { propertyParameters } from '../../support/property';

// Synth skips the unknown-field walk for L1 objects whose plan is proven to hold only declared fields
// (KnownFields): generated objects of every proven class, with right and wrong values, must then have no unknown
// field by the walk itself.

const RUNS = 3_000;
const kubeModule = k8s as unknown as Record<string, any>;
const mapping = new L1Mapping(kubeModule);
const l1Classes = Object.values(kubeModule).filter((c): c is any => typeof c === 'function' && Object.getPrototypeOf(c) === ApiObject);
const planOf = (cls: any): TypePlan | undefined => mapping.plan(`toJson_${cls.name}Props`);
const proven = l1Classes.filter((cls) => {
  const plan = planOf(cls);
  return plan !== undefined && new KnownFields().l1Object(cls.GVK.apiVersion, cls.GVK.kind, plan);
});

describe('KnownFields', () => {
  test('proves nearly every L1 class of cdk8s-plus-33', () => {
    // the classes left out keep the walk (a field the field model lacks, or a copied value the model looks into)
    const left = l1Classes.filter((c) => !proven.includes(c)).map((c) => c.name);
    expect(proven.length).toBeGreaterThan(150);
    expect(left.length).toBeLessThan(10);
    // eslint-disable-next-line no-console
    console.log(`known fields: ${proven.length} of ${l1Classes.length} L1 classes proven; left: ${left.join(', ')}`);
  });

  test(`${RUNS} generated objects of proven classes: the unknown-field walk finds nothing`, () => {
    let checked = 0;
    fc.assert(fc.property(fc.constantFrom(...proven), fc.gen(), (cls, g) => {
      // GIVEN an object of the class with generated props, right and wrong
      const app = new App();
      const props = new L1Values(() => g(() => UNIFORM) / 2 ** 30, mapping).of(`toJson_${cls.name}Props`, 0);
      let json: any;
      try {
        const obj = new cls(new Chart(app, 'chart'), 'o', props);
        // WHEN resolved as synth resolves it
        json = ObjectResolution.of(app).json(obj);
      } catch {
        // props the class or cdk8s refuse give no object to check
        return;
      }
      checked++;
      // THEN the walk finds no unknown field
      expect(unknownFieldProblems(json)).toEqual([]);
    }), propertyParameters(RUNS));
    expect(checked).toBeGreaterThan(RUNS / 2);
  });

  test('an object of every class with every field set: unknown fields exactly in the classes not proven', () => {
    // GIVEN, for every L1 class, an object with every field of every level set (types four levels deep)
    const withUnknown = l1Classes.filter((cls) => {
      const app = new App();
      const obj = new cls(new Chart(app, 'chart'), 'o', L1Values.full(mapping, `toJson_${cls.name}Props`));
      // WHEN resolved as synth resolves it and walked
      return unknownFieldProblems(ObjectResolution.of(app).json(obj)).length > 0;
    });
    // THEN the walk finds unknown fields in the classes the proof leaves out, and only there
    expect(withUnknown.map((c) => c.name).sort()).toEqual(l1Classes.filter((c) => !proven.includes(c)).map((c) => c.name).sort());
  });

  test('an object with an unknown field in a copied value the model looks into is not proven', () => {
    // GIVEN a Deployment's plan whose spec is copied as it is (the model looks into a DeploymentSpec)
    const plan = planOf(k8s.KubeDeployment)!;
    const copied: TypePlan = { ...plan, fields: plan.fields.map((f) => (f.key === 'spec' ? { ...f, op: Op.COPY, entry: Op.COPY } : f)) };
    // WHEN proven
    // THEN it is not, and the walk does find an unknown field in such a value
    expect(new KnownFields().l1Object('apps/v1', 'Deployment', copied)).toBe(false);
    expect(unknownFieldProblems({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { contianers: [] } })).toHaveLength(1);
  });

  test('a plan with a field the kind does not declare is not proven', () => {
    // GIVEN a ConfigMap's plan with one more field
    const plan = planOf(k8s.KubeConfigMap)!;
    const extra: TypePlan = { ...plan, fields: [...plan.fields, { ...plan.fields[0], key: 'notAField', prop: 'notAField' }] };
    // WHEN proven
    // THEN it is not
    expect(new KnownFields().l1Object('v1', 'ConfigMap', plan)).toBe(true);
    expect(new KnownFields().l1Object('v1', 'ConfigMap', extra)).toBe(false);
  });

  test('a type proven while a type that contains it was assumed to hold is proven again once that one fails', () => {
    // GIVEN a model where A holds a B and a leaf y, B holds an A, and plans where A's plan also maps a field z the
    // model does not declare (checked after x, so that B is proven while A is assumed)
    const model = { kinds: { 'v1/Root': 'A' }, types: { A: { apiVersion: '', kind: '', x: 'B', y: '' }, B: { a: 'A' } } };
    const plans: Record<string, TypePlan> = {};
    const field = (key: string, op: Op, type?: string): any => ({ key, prop: key, form: '', op, entry: Op.COPY, typePlan: () => (type ? plans[type] : undefined) });
    const planOfFields = (fields: any[]): TypePlan => ({ fields, byProp: new Map(fields.map((f, i) => [f.prop, i])), mapping: (o) => o });
    plans.A = planOfFields([field('x', Op.TYPE, 'B'), field('y', Op.COPY), field('z', Op.COPY)]);
    plans.B = planOfFields([field('a', Op.TYPE, 'A')]);
    plans.root = planOfFields([field('x', Op.TYPE, 'B')]);
    const known = new KnownFields(() => model);
    // WHEN A fails (z), then a root whose only field is a B is asked
    expect(known.l1Object('v1', 'Root', plans.A)).toBe(false);
    // THEN B, which holds an A, is not taken as proven from when A was assumed
    expect(known.l1Object('v1', 'Root', plans.root)).toBe(false);
  });
});

