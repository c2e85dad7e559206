import { createHash } from 'crypto';
import {
  ApiObject, ApiObjectMetadataDefinition, App, ImplicitTokenResolver, IResolver, Lazy, LazyResolver, NumberStringUnionResolver,
  ResolutionContext,
} from 'cdk8s';
import { IConstruct } from 'constructs';
import { Field, L1Mapping, Op, TypePlan } from './l1-mapping';
import { kube } from './lazy-modules';
import { normalizedSource } from './source-fingerprint';
import { TEMPLATE_VALUE_RESOLVER, TemplateValues } from './template-values';

/*
 * Resolving an ApiObject is the largest single cost of a synth: cdk8s's `toJson()` walks the props twice (its
 * resolver pass allocates a key path and a context per value, then a sanitizing pass sorts and drops empty values),
 * metadata twice more, then the typed L1 classes map the result once again. `ObjectResolution` gives the same JSON,
 * key order included, in one walk (an L1 object's walk also maps it, by the plans `L1Mapping` compiles from
 * cdk8s-plus-33's own functions) — but only where it is proven to: the installed cdk8s's resolution code must be
 * the code the differential test (test/core/object-resolution.test.ts) compared against, the app's resolvers must be
 * cdk8s's built-in ones and opskit's, and the object's class must be `ApiObject` itself or one of cdk8s-plus-33's
 * generated L1 classes. Anything else (JSON patches, a user resolver, a subclass with its own `toJson()`, a value
 * that is not plain data or not of its type's shape) takes cdk8s's own `toJson()`, unchanged.
 */

/**
 * sha256 of the whitespace-normalized sources of cdk8s's resolution code (ApiObject and metadata `toJson`,
 * `resolve`, `sanitizeValue`, the `Lazy` class, the three built-in resolvers), per cdk8s release proven equal to
 * the fast path. A release whose code differs keeps cdk8s's own path until the test proves it and its hash is added.
 */
const PROVEN_CDK8S_CODE = new Set([
  // cdk8s 2.70.106
  'c02f85cc3c7d8cc77609c921fd47e9ff165523d836242fffe43887b0b817746b',
]);
/** sha256 of an L1 class's normalized `toJson` and `manifest` sources with its name replaced (cdk8s-plus-33 2.5.x). */
const PROVEN_L1_SHAPES = new Set([
  // `manifest(props = {})`: kinds whose props are all optional
  'a20c281b4698ea1dc449a6ef41ee987261cc4e72eb047e6e92b0989252601bca',
  // `manifest(props)`: kinds with required props (the lists)
  'a76820ad8973c167f155f8d17e1534e8959fe54df1b12274f8558f42ed541f59',
]);

const JSII_RTTI = Symbol.for('jsii.rtti');
/** A value the fast path does not handle: the object takes cdk8s's own `toJson()`. */
class NotPlain extends Error {}

/** A field the walk drops (undefined), where the mapped value of a kept field may itself be undefined. */
const ABSENT = Symbol('absent');

/** Whether a class's objects take the fast path, its L1 mapping when it has one, and the plan of its props' type. */
interface ClassShape {
  readonly fast: boolean;
  readonly manifest?: (props: any) => any;
  readonly plan?: TypePlan;
}

/** Replacements of one value after which the fast path hands the object to cdk8s (a resolver that never settles). */
const MAX_REPLACEMENTS = 1000;

const enum ResolverKind { TEMPLATE, LAZY, IMPLICIT, UNION }

/** The JSON of the ApiObjects of one construct tree, as cdk8s's `toJson()` gives it. Create one per synth. */
export class ObjectResolution {
  /** The resolution of the app `scope` belongs to. */
  public static of(scope: IConstruct): ObjectResolution {
    return new ObjectResolution(App.of(scope));
  }

  /** The app's resolvers as the fast path runs them, or undefined when it cannot run at all. */
  private readonly kinds: ResolverKind[] | undefined;
  /** Whether strings, numbers and booleans have neither `resolve` nor `value` (their prototypes are JavaScript's own). */
  private readonly plainPrimitives: boolean;
  /** The tree's Helm values (every object resolved here belongs to the tree). */
  private readonly templateValues: TemplateValues;
  /** Per class: whether its objects take the fast path, and the L1 mapping when it has one. */
  private readonly classes = new Map<Function, ClassShape>();
  /** cdk8s-plus-33's L1 mapping functions, compiled on first use. */
  private l1?: L1Mapping;

  private constructor(app: App) {
    this.templateValues = TemplateValues.of(app);
    this.plainPrimitives = [String, Number, Boolean, Object].every((c) => !('resolve' in c.prototype) && !('value' in c.prototype) && c.prototype.constructor === c);
    this.kinds = process.env.CDK8S_DISABLE_SORT || !PROVEN_CDK8S_CODE.has(cdk8sResolutionFingerprint()) ? undefined : resolverKinds(app.resolvers);
  }

  /** The object's JSON: exactly `obj.toJson()`. */
  public json(obj: ApiObject): any {
    const kinds = this.kinds;
    const shape = kinds && this.shapeOf(obj.constructor);
    if (!kinds || !shape?.fast) return obj.toJson();
    const patches = (obj as any).patches;
    const metadata = obj.metadata as any;
    // exactly cdk8s's metadata class, whose private fields the walk reads
    const plainMetadata = Object.getPrototypeOf(metadata) === ApiObjectMetadataDefinition.prototype;
    if (!Array.isArray(patches) || patches.length > 0 || !plainMetadata) return obj.toJson();
    const extra = metadata._additionalAttributes;
    if (extra === null || typeof extra !== 'object') return obj.toJson();
    const walk = new Walk(obj, kinds, this.templateValues, this.plainPrimitives);
    let result: any;
    try {
      // cdk8s's metadata.toJson() resolves `{ ...extra, name, namespace, … }`, and toJson() `{ ...props, metadata }`
      const meta = walk.spread(extra, {
        name: metadata.name,
        namespace: metadata.namespace,
        annotations: metadata.annotations,
        finalizers: metadata.finalizers,
        ownerReferences: metadata.ownerReferences,
        labels: metadata.labels,
      }, true);
      const props = (obj as any).props;
      // an L1 object: resolved and mapped by its class's plan in one pass (the L1 mapping reorders the fields)
      const mapped = shape.plan && walk.typedSpread(props, { metadata: meta }, shape.plan);
      if (mapped !== undefined) return { ...(obj.constructor as any).GVK, ...mapped };
      const json = walk.spread(props, { metadata: meta }, false);
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new NotPlain();
      result = {};
      for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) {
        if (k in json) result[k] = json[k];
      }
    } catch (e) {
      // cdk8s's own path gives the result, or the error, it always gave
      if (e instanceof NotPlain) return obj.toJson();
      throw e;
    }
    return shape.manifest ? shape.manifest(result) : result;
  }

  /**
   * The compiled plan of an L1 object's props type, when its class is a proven L1 shape: its JSON's typed levels
   * then hold only the plan's fields, whichever path resolved it (cdk8s's own `toJson()` maps through the same
   * functions, after any JSON patch).
   */
  public propsPlan(obj: ApiObject): TypePlan | undefined {
    return this.kinds ? this.shapeOf(obj.constructor).plan : undefined;
  }

  private shapeOf(ctor: Function): ClassShape {
    let shape = this.classes.get(ctor);
    if (!shape) {
      shape = classShape(ctor);
      if (shape.manifest) shape = { fast: true, manifest: shape.manifest, plan: this.l1Plan(ctor) };
      this.classes.set(ctor, shape);
    }
    return shape;
  }

  /**
   * The plan of the proven L1 shape's `toJson_<Class>Props` (its `manifest(props)` is `{ ...GVK, ...that(props) }`),
   * compiled from the module's mapping functions (see L1Mapping); undefined when the class is not the one the module
   * exports or the function does not compile.
   */
  private l1Plan(ctor: Function): TypePlan | undefined {
    const module = kube() as unknown as Record<string, unknown>;
    if (module[ctor.name] !== ctor) return undefined;
    this.l1 ??= new L1Mapping(module);
    return this.l1.plan(`toJson_${ctor.name}Props`);
  }
}

/** One object's walk: cdk8s's `resolve` and `sanitizeValue` (keys sorted) in a single pass. */
class Walk {
  private readonly templateResolver: boolean;

  public constructor(
    private readonly obj: ApiObject,
    private readonly kinds: readonly ResolverKind[],
    private readonly templateValues: TemplateValues,
    private readonly plainPrimitives: boolean,
  ) {
    this.templateResolver = kinds.includes(ResolverKind.TEMPLATE);
  }

  /** `sanitizeValue(resolve(value))`; `dropEmpty`: metadata's sanitizing, which also drops empty lists and maps. */
  public value(value: any, dropEmpty: boolean): any {
    return this.walked(this.resolved(value), dropEmpty);
  }

  /** `value` of a value the resolvers are done with. */
  private walked(value: any, dropEmpty: boolean): any {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      if (dropEmpty && value.length === 0) return undefined;
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.value(value[i], dropEmpty);
      return out;
    }
    if (value.constructor !== Object) throw new NotPlain();
    return this.fields(sortedKeys(Object.keys(value)), value, value, dropEmpty);
  }

  /**
   * `value({ ...base, ...named })`, without building the literal (`base` is often a dictionary-mode object, slow to
   * spread): such a literal is a plain object the resolvers leave alone, unless `base` gives it a `resolve` method
   * or a `constructor` field, which the literal then takes.
   */
  public spread(base: any, named: Record<string, unknown>, dropEmpty: boolean): any {
    const keys = spreadKeys(base, named);
    return keys ? this.fields(keys, base, named, dropEmpty) : this.value({ ...base, ...named }, dropEmpty);
  }

  /**
   * `plan.mapping(spread(base, named, false))` for an L1 object's props in one pass, or undefined where the
   * literal is not plain (then `spread` and the mapping run apart). The typed walk sanitizes as the props' walk does
   * (empty lists and maps kept: the metadata, which drops them, is walked before).
   */
  public typedSpread(base: any, named: Record<string, unknown>, plan: TypePlan): any {
    const keys = spreadKeys(base, named);
    return keys && this.typedFields(keys, base, named, plan);
  }

  /**
   * `plan.mapping(value(raw, false))` in one pass: the fields are resolved and sanitized as `value` does them, in its
   * order, and each is mapped as the type's function maps it. ABSENT where `value` gives undefined. A value of
   * another shape than the type's function expects is not plain here (cdk8s's path then gives its result or error).
   */
  private typed(raw: any, plan: TypePlan): any {
    const value = this.resolved(raw);
    if (value === null || value === undefined) return ABSENT;
    if (typeof value !== 'object' || Array.isArray(value)) return plan.mapping(this.walked(value, false));
    if (value.constructor !== Object) throw new NotPlain();
    return this.typedFields(sortedKeys(Object.keys(value)), value, value, plan);
  }

  private typedFields(keys: readonly string[], base: any, named: any, plan: TypePlan): any {
    const slots = new Array(plan.fields.length);
    for (const k of keys) {
      // `out.__proto__ = v` would set the walked object's prototype: left to cdk8s's path
      if (k === '__proto__') throw new NotPlain();
      const raw = named !== base && hasOwn(named, k) ? named[k] : base[k];
      const index = plan.byProp.get(k);
      if (index === undefined) {
        // a field the type does not map: resolved as cdk8s resolves it (its producers run), then dropped
        this.value(raw, false);
        continue;
      }
      const v = this.typedField(plan.fields[index], raw);
      if (v !== ABSENT) slots[index] = v;
    }
    const out: any = {};
    for (let i = 0; i < slots.length; i++) {
      const v = slots[i];
      if (v !== undefined) out[plan.fields[i].key] = v;
    }
    return out;
  }

  /** A field's mapped value, or ABSENT where the walk drops it. */
  private typedField(f: Field, raw: any): any {
    switch (f.op) {
      case Op.TYPE:
        return this.ofType(f, raw);
      case Op.LIST_OF_TYPE: {
        const value = this.resolved(raw);
        if (value === null || value === undefined) return ABSENT;
        if (!Array.isArray(value)) throw new NotPlain();
        const out = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = this.ofType(f, value[i]);
          out[i] = item === ABSENT ? undefined : item;
        }
        return out;
      }
      case Op.MAP:
        return this.typedMap(f, raw);
    }
    const v = this.value(raw, false);
    if (v === undefined) return ABSENT;
    switch (f.op) {
      case Op.COPY:
        return v;
      case Op.LIST:
        // the walk made the list: the function's copy of it is the same list
        if (!Array.isArray(v)) throw new NotPlain();
        return v;
      case Op.UNION:
        return v.value;
      default:
        // a date cannot come out of a walk: the function fails on what does
        throw new NotPlain();
    }
  }

  /** A value of the field's type mapped, or ABSENT where the walk drops it. */
  private ofType(f: Field, raw: any): any {
    const plan = f.typePlan();
    if (plan) return this.typed(raw, plan);
    const walked = this.value(raw, false);
    return walked === undefined ? ABSENT : f.type!(walked);
  }

  private typedMap(f: Field, raw: any): any {
    const value = this.resolved(raw);
    if (value === null || value === undefined) return ABSENT;
    if (typeof value !== 'object' || Array.isArray(value) || value.constructor !== Object) throw new NotPlain();
    const out: any = {};
    for (const k of sortedKeys(Object.keys(value))) {
      if (k === '__proto__') throw new NotPlain();
      let v: any;
      if (f.entry === Op.TYPE) {
        v = this.ofType(f, value[k]);
        if (v === ABSENT) continue;
      } else {
        v = this.value(value[k], false);
        if (v === undefined) continue;
        if (f.entry === Op.UNION) v = v.value;
        else if (f.entry === Op.LIST && !Array.isArray(v)) throw new NotPlain();
      }
      out[k] = v;
    }
    return out;
  }

  /** The sanitized fields `keys` (sorted), each read from `named` when it has it, else from `base`. */
  private fields(keys: readonly string[], base: any, named: any, dropEmpty: boolean): any {
    const out: any = {};
    let any = false;
    for (const k of keys) {
      const v = this.value(named !== base && hasOwn(named, k) ? named[k] : base[k], dropEmpty);
      if (v !== null && v !== undefined) {
        out[k] = v;
        any = true;
      }
    }
    return dropEmpty && !any ? undefined : out;
  }

  /** The value after the app's resolvers, in their order; each replacement is resolved again from the first. */
  private resolved(value: any): any {
    // the common case, a string, number or boolean: with the primitives' prototypes as JavaScript defines them
    // (no `resolve` or `value` property, which ObjectResolution checks once), only the Helm value resolver applies
    if (this.plainPrimitives && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      if (typeof value === 'boolean' || !this.templateResolver || this.templateValues.all().length === 0 || this.templateValues.keepingTokens) return value;
    }
    // cdk8s resolves each replacement by recursion, so a value that never stops resolving ends in its RangeError:
    // past this many replacements, cdk8s's own path gives that error
    let replacements = 0;
    next: while (value !== null && value !== undefined) {
      if (replacements++ > MAX_REPLACEMENTS) throw new NotPlain();
      for (const kind of this.kinds) {
        switch (kind) {
          case ResolverKind.TEMPLATE: {
            // as the resolver itself decides, per value: a Lazy may register a value while the object resolves
            if ((typeof value !== 'string' && typeof value !== 'number') || this.templateValues.all().length === 0 || this.templateValues.keepingTokens) break;
            const context = new ResolutionContext(this.obj, [], value);
            TEMPLATE_VALUE_RESOLVER.resolve(context);
            if (context.replaced) {
              value = context.replacedValue;
              continue next;
            }
            break;
          }
          case ResolverKind.LAZY:
            if (value instanceof Lazy) {
              value = value.produce();
              continue next;
            }
            break;
          case ResolverKind.IMPLICIT:
            if (typeof value.resolve === 'function') {
              value = value.resolve();
              continue next;
            }
            break;
          case ResolverKind.UNION:
            if (value.constructor !== Object && (typeof value.value === 'number' || typeof value.value === 'string')) {
              value = { value: value.value };
              continue next;
            }
            break;
        }
      }
      return value;
    }
    return value;
  }
}

/** The app's resolvers as fast-path kinds, or undefined when one is not a resolver the fast path knows. */
function resolverKinds(resolvers: readonly IResolver[]): ResolverKind[] | undefined {
  const kinds: ResolverKind[] = [];
  for (const r of resolvers) {
    if (r === TEMPLATE_VALUE_RESOLVER) kinds.push(ResolverKind.TEMPLATE);
    else if (r?.constructor === LazyResolver) kinds.push(ResolverKind.LAZY);
    else if (r?.constructor === ImplicitTokenResolver) kinds.push(ResolverKind.IMPLICIT);
    else if (r?.constructor === NumberStringUnionResolver) kinds.push(ResolverKind.UNION);
    else return undefined;
  }
  return kinds;
}

/** Whether a class's objects take the fast path: `ApiObject` itself, or an L1 class of the proven shape. */
function classShape(ctor: Function): ClassShape {
  if (ctor === ApiObject) return { fast: true };
  const l1 = ctor as any;
  if (Object.getPrototypeOf(ctor) !== ApiObject || !Object.prototype.hasOwnProperty.call(ctor, JSII_RTTI)) return { fast: false };
  if (l1[JSII_RTTI]?.fqn !== `cdk8s-plus-33.k8s.${ctor.name}` || typeof l1.manifest !== 'function') return { fast: false };
  if (!Object.prototype.hasOwnProperty.call(ctor.prototype, 'toJson')) return { fast: false };
  return PROVEN_L1_SHAPES.has(l1ShapeFingerprint(ctor)) ? { fast: true, manifest: (props) => l1.manifest(props) } : { fast: false };
}

/** The fingerprint of the installed cdk8s's resolution code (see PROVEN_CDK8S_CODE). */
export function cdk8sResolutionFingerprint(): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { resolve } = require('cdk8s/lib/resolve');
  const { sanitizeValue } = require('cdk8s/lib/_util');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return sha256([
    ApiObject.prototype.toJson, ApiObjectMetadataDefinition.prototype.toJson, resolve, sanitizeValue, Lazy,
    LazyResolver.prototype.resolve, ImplicitTokenResolver.prototype.resolve, NumberStringUnionResolver.prototype.resolve,
  ].map(normalizedSource).join('\n'));
}

/** The fingerprint of an L1 class's shape (see PROVEN_L1_SHAPES). */
export function l1ShapeFingerprint(ctor: Function): string {
  return sha256([ctor.prototype.toJson, (ctor as any).manifest].map((f) => normalizedSource(f).split(ctor.name).join('<L1>')).join('\n'));
}

/**
 * The sorted keys of `{ ...base, ...named }`, or undefined where that literal is not a plain object the resolvers
 * leave alone (`base` is not an object, or gives it a `resolve` method or a `constructor` field).
 */
function spreadKeys(base: any, named: Record<string, unknown>): string[] | undefined {
  if (base === null || typeof base !== 'object') return undefined;
  const baseKeys = Object.keys(base);
  if (baseKeys.includes('resolve') || baseKeys.includes('constructor')) return undefined;
  const keys = baseKeys.filter((k) => !hasOwn(named, k));
  keys.push(...Object.keys(named));
  return sortedKeys(keys);
}

/**
 * `keys.sort()`, in place: the keys are distinct strings, which the default sort orders by UTF-16 code units, as
 * `<` does. An object's few keys sort several times faster by insertion than through the generic sort.
 */
function sortedKeys(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
