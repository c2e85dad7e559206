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

interface FieldModel {
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

/** Per props plan, per field-model type: whether the plan's JSON holds only the type's fields (see `l1FieldsKnown`). */
export type KnownFieldsMemo = Map<TypePlan, Map<string, boolean>>;

/**
 * Whether the JSON of an L1 object (cdk8s-plus-33's typed classes, mapped by `plan`, its props type's compiled
 * plan) can hold no field its kind does not declare, so that `unknownFieldProblems` would find none: the
 * generated functions build each typed level from their own fields only (whatever the props held), so it is enough
 * that each of the plan's fields is a field of the kind's type in the field model, and that where the model looks
 * inside a field's value (a type, a list or map of a type) the plan maps that value by its own type, recursively.
 * A value the functions copy as it is (`obj.f`) is proven only where the model treats it as a leaf.
 */
export function l1FieldsKnown(apiVersion: string, kind: string, plan: TypePlan, memo: KnownFieldsMemo): boolean {
  // the object's kind is its class's (the props cannot set it): what callers may keep the answer by
  if (plan.fields.some((f) => f.key === 'apiVersion' || f.key === 'kind')) return false;
  const m = loadModel();
  const type = m.kinds[`${apiVersion}/${kind}`];
  // a kind without a field model: unknownFieldProblems checks nothing either
  if (!type) return true;
  const fields = m.types[type];
  if (!fields || !hasOwnField(fields, 'apiVersion') || !hasOwnField(fields, 'kind')) return false;
  return planKnown(m, plan, type, memo);
}

function planKnown(m: FieldModel, plan: TypePlan, type: string, memo: KnownFieldsMemo): boolean {
  let byType = memo.get(plan);
  if (!byType) {
    byType = new Map();
    memo.set(plan, byType);
  }
  const known = byType.get(type);
  if (known !== undefined) return known;
  // a type that contains itself (JSONSchemaProps) holds if its fields do: assumed while they are checked
  byType.set(type, true);
  const fields = m.types[type];
  const ok = fields !== undefined && plan.fields.every((f) => hasOwnField(fields, f.key) && fieldKnown(m, f, fields[f.key], memo));
  byType.set(type, ok);
  return ok;
}

/** Whether a plan field's values hold only known fields where the model, at `ref`, looks inside them. */
function fieldKnown(m: FieldModel, f: Field, ref: string, memo: KnownFieldsMemo): boolean {
  if (ref.replace(/^(\[\]|\{\})+/, '') === '') return true;
  const sub = f.typePlan();
  if (!sub) return false;
  if (f.op === Op.TYPE && !ref.startsWith('[]') && !ref.startsWith('{}')) return planKnown(m, sub, ref, memo);
  if (f.op === Op.LIST_OF_TYPE && ref.startsWith('[]')) return typeRefKnown(m, sub, ref.slice(2), memo);
  if (f.op === Op.MAP && f.entry === Op.TYPE && ref.startsWith('{}')) return typeRefKnown(m, sub, ref.slice(2), memo);
  return false;
}

/** An item's or entry's ref: a leaf, or a type the sub-plan maps (deeper lists and maps are not proven). */
function typeRefKnown(m: FieldModel, sub: TypePlan, ref: string, memo: KnownFieldsMemo): boolean {
  if (ref === '') return true;
  if (ref.startsWith('[]') || ref.startsWith('{}')) return false;
  return planKnown(m, sub, ref, memo);
}

function hasOwnField(fields: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields, key);
}
