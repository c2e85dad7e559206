/*
 * cdk8s-plus-33's L1 classes map resolved props to JSON through generated `toJson_<Type>` functions, one per
 * Kubernetes type. Each builds its result, then drops undefined fields with a reduce that spreads the partial result
 * once per field: quadratic in the fields, and most of the garbage of a large synth. The functions are generated
 * from one template, so `L1Mapping` reads each function's own source and, where every line is one of the template's
 * forms, runs the same reads and calls in the same order and builds the result once. A function with any other line
 * (a new generator, a patched module) is called as it is, and so is a function given anything but a plain object
 * (cdk8s-plus-33's own code then gives the result or the error it gives). The differential test
 * (test/core/l1-mapping.test.ts) compares the two on generated values for every function of the module.
 */

/** What a field's value becomes, one per form of the generator's template. */
export const enum Op {
  /** `obj.f` */
  COPY,
  /** `toJson_T(obj.f)` */
  TYPE,
  /** `obj.f?.map(y => toJson_T(y))` */
  LIST_OF_TYPE,
  /** `obj.f?.map(y => y)` */
  LIST,
  /** `obj.f?.value` */
  UNION,
  /** `obj.f?.toISOString()` */
  DATE,
  /** a map of values: `Object.entries(obj.f).reduce(…)`, each entry as in `entry` */
  MAP,
}

/** One field of a compiled type. */
export interface Field {
  readonly key: string;
  readonly prop: string;
  /** The template's form, as FORMS writes it. */
  readonly form: string;
  readonly op: Op;
  /** What each entry's value becomes in a map (MAP): COPY, TYPE, UNION or LIST, as a field's. */
  readonly entry: Op;
  readonly typeName?: string;
  /** The mapping of the field's type (TYPE, LIST_OF_TYPE, MAP of TYPE). */
  readonly type?: Mapping;
  /** The plan of the field's type, when its function compiles (asked on first use: types contain themselves). */
  readonly typePlan: () => TypePlan | undefined;
}

/**
 * A compiled type, for a walk that resolves and maps in one pass (ObjectResolution): its fields in the function's
 * order, and which field reads each prop.
 */
export interface TypePlan {
  readonly fields: readonly Field[];
  readonly byProp: ReadonlyMap<string, number>;
  /** The type's mapping, for a value that is not a plain object (the function itself then decides). */
  readonly mapping: Mapping;
}

export type Mapping = (obj: any) => any;

/** A value the compiled mapping leaves to the function itself (a list that is not an array, a date). */
const OTHER_SHAPE = Symbol('other shape');

const NAME = '[A-Za-z_$][A-Za-z0-9_$]*';
const TYPE_NAME = 'toJson_[A-Za-z0-9_]+';
const FIELD_LINE = /^'([^'\\]+)': (.+),$/;
const REDUCE = (value: string) => `Object.entries(obj.F).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: ${value} }), {})`;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The template's forms of a field's expression, `F` the prop, `T` the type's function. */
const FORMS: ReadonlyArray<readonly [RegExp, Op, Op, string]> = ([
  ['obj.F', Op.COPY, Op.COPY],
  ['T(obj.F)', Op.TYPE, Op.COPY],
  ['obj.F?.map(y => T(y))', Op.LIST_OF_TYPE, Op.COPY],
  ['obj.F?.map(y => y)', Op.LIST, Op.COPY],
  ['obj.F?.value', Op.UNION, Op.COPY],
  ['obj.F?.toISOString()', Op.DATE, Op.COPY],
  [`((obj.F) === undefined) ? undefined : (${REDUCE('i[1]')})`, Op.MAP, Op.COPY],
  [`((obj.F) === undefined) ? undefined : (${REDUCE('T(i[1])')})`, Op.MAP, Op.TYPE],
  [`((obj.F) === undefined) ? undefined : (${REDUCE('i[1]?.value')})`, Op.MAP, Op.UNION],
  [`((obj.F) === undefined) ? undefined : (${REDUCE('i[1]?.map(y => y)')})`, Op.MAP, Op.LIST],
] as const).map(([form, op, entry]) => {
  // the prop is named twice in the map forms: a group, then a back-reference to it
  let props = 0;
  const pattern = escaped(form)
    .replace(/F/g, () => (props++ === 0 ? `(?<prop>${NAME})` : '\\k<prop>'))
    .replace(/T/g, `(?<type>${TYPE_NAME})`);
  return [new RegExp(`^${pattern}$`), op, entry, form] as const;
});
const HEADER = ['if (obj === undefined) {', 'return undefined;', '}', 'const result = {'];
const FOOTER = ['};', '// filter undefined values', 'return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});', '}'];

/** The mappings of one module's `toJson_*` functions, each compiled on first use. */
export class L1Mapping {
  private readonly mappings = new Map<string, Mapping>();
  private readonly plans = new Map<string, TypePlan | null>();
  private readonly parsed = new Map<Mapping, Field[] | null>();

  /** `functions`: the module's exports, where each `toJson_<Type>` function is found by name. */
  public constructor(private readonly functions: Record<string, unknown>) {}

  /** The mapping of `toJson_<Type>`: the function's own result, or undefined when the module has no such function. */
  public of(name: string): Mapping | undefined {
    const known = this.mappings.get(name);
    if (known) return known;
    const original = this.functions[name];
    if (typeof original !== 'function' || original.name !== name) return undefined;
    // a stand-in first, so that a type that contains itself (JSONSchemaProps) finds its own mapping
    let compiled: Mapping | undefined;
    const mapping: Mapping = (obj) => (compiled ??= this.compile(original as Mapping))(obj);
    this.mappings.set(name, mapping);
    return mapping;
  }

  /** The plan of `toJson_<Type>`, or undefined when the function does not compile (or the module has none). */
  public plan(name: string): TypePlan | undefined {
    let plan = this.plans.get(name);
    if (plan === undefined) {
      const mapping = this.of(name);
      const original = this.functions[name];
      const fields = mapping && this.fields(original as Mapping);
      plan = fields ? { fields, byProp: new Map(fields.map((f, i) => [f.prop, i])), mapping: mapping! } : null;
      this.plans.set(name, plan);
    }
    return plan ?? undefined;
  }

  /**
   * The fields the function was compiled to, in its order (the prop read, the form of the template and the type's
   * function), or undefined when it is called as it is; for the tests.
   */
  public describe(name: string): ReadonlyArray<{ readonly prop: string; readonly form: string; readonly type?: string }> | undefined {
    const original = this.functions[name];
    if (typeof original !== 'function') return undefined;
    return this.fields(original as Mapping)?.map((f) => ({ prop: f.prop, form: f.form, type: f.typeName }));
  }

  private compile(original: Mapping): Mapping {
    const fields = this.fields(original);
    if (!fields) return original;
    return (obj) => {
      if (obj === undefined) return undefined;
      if (obj === null || typeof obj !== 'object' || Object.getPrototypeOf(obj) !== Object.prototype) return original(obj);
      const out: any = {};
      for (const f of fields) {
        const v = formValue(f.op, f, obj[f.prop]);
        // a value of another shape than the template expects: the function itself gives its result or its error
        if (v === OTHER_SHAPE) return original(obj);
        if (v !== undefined) out[f.key] = v;
      }
      return out;
    };
  }

  /** The function's fields, in its order, or undefined when a line is not one of the template's forms. */
  private fields(original: Mapping): Field[] | undefined {
    let fields = this.parsed.get(original);
    if (fields === undefined) {
      fields = this.parse(original) ?? null;
      this.parsed.set(original, fields);
    }
    return fields ?? undefined;
  }

  private parse(original: Mapping): Field[] | undefined {
    const lines = Function.prototype.toString.call(original).split('\n').map((l) => l.trim());
    if (lines[0] !== `function ${original.name}(obj) {`) return undefined;
    const body = lines.slice(1);
    if (HEADER.some((h, i) => body[i] !== h) || FOOTER.some((f, i) => body[body.length - FOOTER.length + i] !== f)) return undefined;
    const fields: Field[] = [];
    const keys = new Set<string>();
    for (const line of body.slice(HEADER.length, body.length - FOOTER.length)) {
      const m = FIELD_LINE.exec(line);
      // `__proto__` in an object literal sets the prototype, and a repeated key keeps its first place: neither is
      // what the compiled mapping does
      if (!m || m[1] === '__proto__' || keys.has(m[1])) return undefined;
      keys.add(m[1]);
      const field = this.field(m[1], m[2]);
      // a prop read by two fields would fill one slot of a typed walk (see TypePlan.byProp)
      if (!field || fields.some((f) => f.prop === field.prop)) return undefined;
      fields.push(field);
    }
    return fields;
  }

  private field(key: string, expression: string): Field | undefined {
    for (const [pattern, op, entry, form] of FORMS) {
      const m = pattern.exec(expression);
      if (!m) continue;
      const typeName = m.groups?.type;
      const prop = m.groups!.prop;
      // a prop that every object has (`constructor`, `toString`) would read Object.prototype's where it is missing
      if (prop in Object.prototype) return undefined;
      const type = typeName === undefined ? undefined : this.of(typeName);
      if (typeName !== undefined && !type) return undefined;
      let typePlan: TypePlan | null | undefined;
      const planOf = () => {
        if (typePlan === undefined) typePlan = typeName === undefined ? null : this.plan(typeName) ?? null;
        return typePlan ?? undefined;
      };
      return { key, prop, form, op, entry, typeName, type, typePlan: planOf };
    }
    return undefined;
  }
}

function isList(v: unknown): v is unknown[] {
  return Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;
}

/**
 * A value as the template's expression of `op` makes it (a field's, or with the entry's op a map entry's), with the
 * same reads and calls, or OTHER_SHAPE.
 */
function formValue(op: Op, f: Field, v: any): any {
  switch (op) {
    case Op.COPY:
      return v;
    case Op.TYPE:
      return f.type!(v);
    case Op.LIST_OF_TYPE:
      if (v === undefined || v === null) return undefined;
      return isList(v) ? v.map((y) => f.type!(y)) : OTHER_SHAPE;
    case Op.LIST:
      if (v === undefined || v === null) return undefined;
      return isList(v) ? v.map((y) => y) : OTHER_SHAPE;
    case Op.UNION:
      return v?.value;
    case Op.DATE:
      return v === undefined || v === null ? undefined : OTHER_SHAPE;
    case Op.MAP: {
      if (v === undefined) return undefined;
      if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return OTHER_SHAPE;
      const out: any = {};
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        const mapped = formValue(f.entry, f, x);
        if (mapped === OTHER_SHAPE) return OTHER_SHAPE;
        // a computed key in the template's spread makes an own field, even `__proto__`
        if (k === '__proto__') Object.defineProperty(out, k, { value: mapped, writable: true, enumerable: true, configurable: true });
        else out[k] = mapped;
      }
      return out;
    }
  }
}
