import * as path from 'path';
import { Problem, problem } from '../problem';
import { childField } from './object-path';

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
  walk(m, type, obj, '', String(obj.kind), problems);
  return problems;
}

function walk(m: FieldModel, ref: string, value: unknown, field: string, kind: string, problems: Problem[]): void {
  if (value === null || typeof value !== 'object' || ref === '') return;
  if (ref.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(m, ref.slice(2), v, `${field}[${i}]`, kind, problems));
    return;
  }
  if (ref.startsWith('{}')) {
    if (!Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(m, ref.slice(2), v, childField(field, k), kind, problems);
    return;
  }
  const fields = m.types[ref];
  if (!fields || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const f = childField(field, k);
    if (!(k in fields)) {
      const known = Object.keys(fields).sort();
      problems.push(problem(f, `is not a field of ${kind} (the API server refuses unknown fields under strict field validation); known fields here: ${known.join(', ')}`,
        k, 'remove the field or correct its name'));
      continue;
    }
    walk(m, fields[k], v, f, kind, problems);
  }
}
