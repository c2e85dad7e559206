import { k8s } from 'cdk8s-plus-33';
import * as fc from 'fast-check';
import { L1Mapping } from '../../src/core/l1-mapping';
import { propertyParameters } from '../support/property';

// Differential test of opskit's compiled L1 mappings against cdk8s-plus-33's own `toJson_<Type>` functions: for
// generated values of every function's type (fields of the right shape, of the wrong shape, missing, undefined, maps
// with odd keys, lists with undefined items), both give the same result (fields, order, prototypes) or the same
// error.

const RUNS = 10_000;
const kubeModule = k8s as unknown as Record<string, any>;
/** Uniform draws (fast-check's bias towards small values would make every field present or every one absent). */
const UNIFORM = fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 }));
const names = Object.keys(kubeModule).filter((n) => n.startsWith('toJson_')).sort();

/** Values of a generated type's fields, right and wrong. */
class Values {
  public constructor(private readonly next: () => number, private readonly mapping: L1Mapping) {}

  public of(type: string, depth: number): unknown {
    if (this.chance(0.08)) return this.junk(depth);
    const fields = this.mapping.describe(type) ?? [];
    const out: Record<string, unknown> = {};
    // a field the type does not have is dropped by both
    if (this.chance(0.2)) out[this.pick(['extra', 'toString', 'constructor', '0'])] = this.leaf();
    for (const f of this.shuffled(fields)) {
      if (!this.chance(depth > 3 ? 0.15 : 0.5)) continue;
      out[f.prop] = this.chance(0.05) ? undefined : this.field(f.form, f.type, depth);
    }
    return out;
  }

  private field(form: string, type: string | undefined, depth: number): unknown {
    if (form.includes('Object.entries')) return this.map(form, type, depth);
    if (form === 'obj.F?.toISOString()') return this.chance(0.9) ? undefined : this.pick([new Date(0), 'yesterday']);
    if (form === 'obj.F?.value') return this.chance(0.7) ? { value: this.leaf() } : this.leaf();
    if (form === 'obj.F?.map(y => y)') return this.chance(0.85) ? this.list(() => this.leaf()) : this.junk(depth);
    if (form === 'obj.F?.map(y => T(y))') return this.chance(0.85) ? this.list(() => this.of(type!, depth + 1)) : this.junk(depth);
    if (form === 'T(obj.F)') return this.of(type!, depth + 1);
    return this.chance(0.7) ? this.leaf() : this.junk(depth);
  }

  private map(form: string, type: string | undefined, depth: number): unknown {
    if (this.chance(0.08)) return this.junk(depth);
    const out: Record<string, unknown> = {};
    const n = Math.floor(this.next() * 4);
    for (let i = 0; i < n; i++) {
      const key = this.pick(['a', 'b', 'app.kubernetes.io/name', '1', '0', 'toString', 'constructor', `k${i}`]);
      let value: unknown;
      if (this.chance(0.1)) value = undefined;
      else if (form.includes('T(i[1])')) value = this.of(type!, depth + 1);
      else if (form.includes('i[1]?.value')) value = this.chance(0.7) ? { value: this.leaf() } : this.leaf();
      else if (form.includes('i[1]?.map')) value = this.chance(0.8) ? this.list(() => this.leaf()) : this.leaf();
      else value = this.leaf();
      out[key] = value;
    }
    // a `__proto__` key made by JSON.parse is an own field, as a resolved object's can be
    if (this.chance(0.05)) Object.defineProperty(out, '__proto__', { value: this.leaf(), enumerable: true, writable: true, configurable: true });
    return out;
  }

  private list(item: () => unknown): unknown[] {
    const n = Math.floor(this.next() * 3);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(this.chance(0.1) ? undefined : item());
    return out;
  }

  private leaf(): unknown {
    return this.pick(['x', '', 'http', 0, 8080, -1.5, true, false, 'value']);
  }

  /** A value of another shape than the field's: a string, a number, a list, a map, null, a class instance. */
  private junk(depth: number): unknown {
    return this.pick<() => unknown>([
      () => 'text',
      () => 42,
      () => null,
      () => [this.leaf()],
      () => ({ unexpected: this.leaf() }),
      () => new (class Custom { public value = 'v'; })(),
      () => (depth < 2 ? Object.create(null) : {}),
    ])();
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  private shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

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
      const value = new Values(() => g(() => UNIFORM) / 2 ** 30, mapping).of(name, 0);
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
