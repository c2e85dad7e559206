import { k8s } from 'cdk8s-plus-33';
import * as fc from 'fast-check';
import { L1Mapping } from '../../src/core/l1-mapping';
import { L1Values, UNIFORM } from '../support/l1-values';
import { propertyParameters } from '../support/property';

// Differential test of opskit's compiled L1 mappings against cdk8s-plus-33's own `toJson_<Type>` functions: for
// generated values of every function's type (fields of the right shape, of the wrong shape, missing, undefined, maps
// with odd keys, lists with undefined items), both give the same result (fields, order, prototypes) or the same
// error.

const RUNS = 10_000;
const kubeModule = k8s as unknown as Record<string, any>;
const names = Object.keys(kubeModule).filter((n) => n.startsWith('toJson_')).sort();

/** A value written out exactly: own fields in order, undefined fields, holes, prototypes; or the error. */
function exact(render: () => unknown): string {
  const text = (v: unknown): string => {
    if (v === undefined) return 'undefined';
    if (v === null || typeof v !== 'object') return typeof v === 'string' ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
    if (Array.isArray(v)) {
      const items: string[] = [];
      for (let i = 0; i < v.length; i++) items.push(i in v ? text(v[i]) : '<hole>');
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(v);
    const kind = proto === Object.prototype ? '' : proto === null ? 'null-proto' : proto.constructor?.name ?? 'other';
    return `${kind}{${Reflect.ownKeys(v).map((k) => `${String(k)}:${text((v as any)[k])}`).join(',')}}`;
  };
  try {
    return text(render());
  } catch (e) {
    return `error ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

describe('L1Mapping', () => {
  test('every toJson_ function of cdk8s-plus-33 compiles', () => {
    // a new generator template leaves its functions to run as they are: extend the forms after running this suite
    const mapping = new L1Mapping(kubeModule);
    const uncompiled = names.filter((n) => mapping.describe(n) === undefined);
    expect(names.length).toBeGreaterThan(500);
    expect(uncompiled).toEqual([]);
  });

  test(`${RUNS} generated values: the same result (or error) as cdk8s-plus-33's functions`, () => {
    let fields = 0;
    let errors = 0;
    fc.assert(fc.property(fc.constantFrom(...names), fc.gen(), (name, g) => {
      // GIVEN a value of the function's type
      const mapping = new L1Mapping(kubeModule);
      const value = new L1Values(() => g(() => UNIFORM) / 2 ** 30, mapping).of(name, 0);
      // WHEN mapped both ways
      const ours = exact(() => mapping.of(name)!(value));
      const theirs = exact(() => kubeModule[name](value));
      // THEN the same
      expect(ours).toBe(theirs);
      fields += (ours.match(/:/g) ?? []).length;
      if (ours.startsWith('error')) errors++;
    }), propertyParameters(RUNS));
    // the cases reach into the types and also make the functions fail
    expect(fields).toBeGreaterThan(RUNS);
    expect(errors).toBeGreaterThan(0);
    // eslint-disable-next-line no-console
    console.log(`L1 mapping: ${RUNS} generated values over ${names.length} functions, ${errors} errors, 0 differences`);
  });

  test('a function of another shape is called as it is', () => {
    // GIVEN a kubeModule whose function is not the generator's template
    const own = (obj: any) => ({ renamed: obj?.a });
    Object.defineProperty(own, 'name', { value: 'toJson_Own' });
    const mapping = new L1Mapping({ toJson_Own: own });
    // WHEN described and mapped
    // THEN it is not compiled, and its own result is given
    expect(mapping.describe('toJson_Own')).toBeUndefined();
    expect(mapping.of('toJson_Own')!({ a: 1 })).toEqual({ renamed: 1 });
  });

  test('a function of the template whose two fields read one prop is called as it is', () => {
    // GIVEN functions of the generator's template: one whose fields read two props, one whose fields read one
    /* eslint-disable quote-props, @stylistic/quote-props */
    function toJson_Two(obj: any): any {
      if (obj === undefined) {
        return undefined;
      }
      const result = {
        'a': obj.x,
        'b': obj.y,
      };
      // filter undefined values
      return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
    }
    function toJson_Once(obj: any): any {
      if (obj === undefined) {
        return undefined;
      }
      const result = {
        'a': obj.x,
        'b': obj.x,
      };
      // filter undefined values
      return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
    }
    /* eslint-enable quote-props, @stylistic/quote-props */
    const mapping = new L1Mapping({ toJson_Two, toJson_Once });
    // WHEN described
    // THEN the first compiles, the second does not, and both map as the functions do
    expect(mapping.describe('toJson_Two')?.map((f) => f.prop)).toEqual(['x', 'y']);
    expect(mapping.describe('toJson_Once')).toBeUndefined();
    expect(mapping.plan('toJson_Once')).toBeUndefined();
    expect(mapping.of('toJson_Two')!({ x: 1, y: 2 })).toEqual({ a: 1, b: 2 });
    expect(mapping.of('toJson_Once')!({ x: 1 })).toEqual({ a: 1, b: 1 });
  });

  test('a type that contains itself maps its nested values', () => {
    // GIVEN JSONSchemaProps, whose properties are JSONSchemaProps
    const mapping = new L1Mapping(kubeModule);
    const schema = { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer', xKubernetesIntOrString: true } } } } };
    // WHEN mapped
    const ours = mapping.of('toJson_JsonSchemaProps')!(schema);
    // THEN as cdk8s-plus-33 maps it, with the renamed field deep inside
    expect(ours).toEqual(kubeModule.toJson_JsonSchemaProps(schema));
    expect(ours.properties.spec.properties.replicas['x-kubernetes-int-or-string']).toBe(true);
  });
});
