import * as path from 'path';
import { Field, Op, TypePlan } from '../l1-mapping';
import { Problem, problem } from '../problem';
import { fieldOfPath } from './object-path';

/*
 * Fields the API server does not know. Under strict field validation — what `kubectl apply` and server-side
 * apply ask for by default — the server refuses an object with a field its type does not declare (a typo such
 * as `contianers`, or a field of another kind). The field model of every built-in type is generated from
 * kubernetes-models at build time (`scripts/k8s-field-model.mjs`) and loaded on first use.
 */

export interface FieldModel {
  /** For each type, its fields: '' a leaf, 'T' a type, '[]ref' a list, '{}ref' a map. */
  readonly types: Record<string, Record<string, string>>;
  /** `<apiVersion>/<kind>` → type. */
  readonly kinds: Record<string, string>;
}

let fieldModule: FieldModel | undefined;

function loadModel(): FieldModel {
  if (!fieldModule) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fieldModule = require(path.join(__dirname, 'generated', 'k8s-fields.json')) as FieldModel;
  }
  return fieldModule;
}

/** The fields of a built-in object that its kind does not declare; none for kinds opskit does not know. */
export function unknownFieldProblems(obj: any): Problem[] {
  const m = loadModel();
  const type = m.kinds[`${obj?.apiVersion}/${obj?.kind}`];
  if (!type) return [];
  const problems: Problem[] = [];
  walk(m, type, obj, [], String(obj.kind), problems);
  return problems;
}

/** Walks `value` of type `ref`; `at` is the path to it (keys and indexes), turned into a field only for a problem. */
function walk(m: FieldModel, ref: string, value: unknown, at: Array<string | number>, kind: string, problems: Problem[]): void {
  if (value === null || typeof value !== 'object' || ref === '') return;
  if (ref.charCodeAt(0) === 0x5b /* [ */ && ref.startsWith('[]')) {
    if (!Array.isArray(value)) return;
    const item = ref.slice(2);
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      walk(m, item, value[i], at, kind, problems);
      at.pop();
    }
    return;
  }
  if (ref.charCodeAt(0) === 0x7b /* { */ && ref.startsWith('{}')) {
    if (Array.isArray(value)) return;
    const item = ref.slice(2);
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      at.push(k);
      walk(m, item, (value as any)[k], at, kind, problems);
      at.pop();
    }
    return;
  }
  const fields = m.types[ref];
  if (!fields || Array.isArray(value)) return;
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    at.push(k);
    if (!Object.prototype.hasOwnProperty.call(fields, k)) {
      const known = Object.keys(fields).sort();
      problems.push(problem(fieldOfPath(at), `is not a field of ${kind} (the API server refuses unknown fields under strict field validation); known fields here: ${known.join(', ')}`,
        k, 'remove the field or correct its name'));
    } else {
      walk(m, fields[k], (value as any)[k], at, kind, problems);
    }
    at.pop();
  }
}

/**
 * Whether the JSON of an L1 object (cdk8s-plus-33's typed classes, mapped by its props type's compiled plan) can
 * hold no field its kind does not declare, so that `unknownFieldProblems` would find none: the generated functions
 * build each typed level from their own fields only (whatever the props held), so it is enough that each of the
 * plan's fields is a field of the kind's type in the field model, and that where the model looks inside a field's
 * value (a type, a list or map of a type) the plan maps that value by its own type, recursively. A value the
 * functions copy as it is (`obj.f`) is proven only where the model treats it as a leaf. Create one per synth: each
 * plan and type is proven once.
 */
export class KnownFields {
  /** The answer per props plan (an object's kind is its class's, whose plan it is: the props cannot set it). */
  private readonly byPlan = new Map<TypePlan, boolean>();
  /** Per plan, per field-model type: whether the plan's JSON holds only the type's fields. */
  private readonly proven = new Map<TypePlan, Map<string, boolean>>();
  /** The entries proven true, in order: a type that contains itself is assumed to hold while it is checked. */
  private readonly trail: Array<[Map<string, boolean>, string]> = [];

  /** `model`: the field model (the generated one unless a test gives its own). */
  public constructor(private readonly model: () => FieldModel = loadModel) {}

  /** Whether an L1 object of `apiVersion`/`kind`, mapped by `plan`, holds only fields its kind declares. */
  public l1Object(apiVersion: string, kind: string, plan: TypePlan): boolean {
    let known = this.byPlan.get(plan);
    if (known === undefined) {
      known = this.prove(apiVersion, kind, plan);
      this.byPlan.set(plan, known);
    }
    return known;
  }

  private prove(apiVersion: string, kind: string, plan: TypePlan): boolean {
    // a plan that sets apiVersion or kind could give the object another kind than its class's
    if (plan.fields.some((f) => f.key === 'apiVersion' || f.key === 'kind')) return false;
    const m = this.model();
    const type = m.kinds[`${apiVersion}/${kind}`];
    // a kind without a field model: unknownFieldProblems checks nothing either
    if (!type) return true;
    const fields = m.types[type];
    if (!fields || !hasOwnField(fields, 'apiVersion') || !hasOwnField(fields, 'kind')) return false;
    return this.planKnown(plan, type);
  }

  private planKnown(plan: TypePlan, type: string): boolean {
    let byType = this.proven.get(plan);
    if (!byType) {
      byType = new Map();
      this.proven.set(plan, byType);
    }
    const known = byType.get(type);
    if (known !== undefined) return known;
    // a type that contains itself (JSONSchemaProps) holds if its fields do: assumed while they are checked
    byType.set(type, true);
    const since = this.trail.length;
    const fields = this.model().types[type];
    const ok = fields !== undefined && plan.fields.every((f) => hasOwnField(fields, f.key) && this.fieldKnown(f, fields[f.key]));
    byType.set(type, ok);
    if (ok) {
      this.trail.push([byType, type]);
    } else {
      // what was proven while this type was assumed to hold may rest on it: proven again when next asked
      for (const [map, t] of this.trail.splice(since)) map.delete(t);
    }
    return ok;
  }

  /** Whether a plan field's values hold only known fields where the model, at `ref`, looks inside them. */
  private fieldKnown(f: Field, ref: string): boolean {
    if (ref.replace(/^(\[\]|\{\})+/, '') === '') return true;
    const sub = f.typePlan();
    if (!sub) return false;
    if (f.op === Op.TYPE && !ref.startsWith('[]') && !ref.startsWith('{}')) return this.planKnown(sub, ref);
    if (f.op === Op.LIST_OF_TYPE && ref.startsWith('[]')) return this.typeRefKnown(sub, ref.slice(2));
    if (f.op === Op.MAP && f.entry === Op.TYPE && ref.startsWith('{}')) return this.typeRefKnown(sub, ref.slice(2));
    return false;
  }

  /** An item's or entry's ref: a leaf, or a type the sub-plan maps (deeper lists and maps are not proven). */
  private typeRefKnown(sub: TypePlan, ref: string): boolean {
    if (ref === '') return true;
    if (ref.startsWith('[]') || ref.startsWith('{}')) return false;
    return this.planKnown(sub, ref);
  }
}

function hasOwnField(fields: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields, key);
}
