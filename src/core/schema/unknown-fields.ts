import * as path from 'path';
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
