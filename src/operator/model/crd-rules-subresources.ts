/**
 * Subresources (R17, R18), printer columns (R19) and selectable fields (R20).
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#subresources
 */
import { JsonSchema, isIntOrString, isPlainObject } from './json-schema';
import { resolveDataPath, splitJsonPath } from './schema-walk';
import { Problem, problem } from '../../core/problem';

/** Root schema fields the API server allows when the status subresource is enabled. */
const ROOT_ALLOWED_WITH_STATUS = new Set([
  'description', 'type', 'format', 'title', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf',
  'required', 'items', 'properties', 'externalDocs', 'example', 'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
]);

/** Go zero values are skipped by the API server's root check. */
function isZero(v: unknown): boolean {
  return v === false || v === '' || v === null || (Array.isArray(v) && v.length === 0);
}

const COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'date'];
const COLUMN_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'date', 'date-time', 'password'];

/** R17–R20 for the version at `spec.versions[i]`. */
export function checkVersionExtras(version: any, p: string): Problem[] {
  const out: Problem[] = [];
  const root: JsonSchema | undefined = isPlainObject(version?.schema?.openAPIV3Schema) ? version.schema.openAPIV3Schema : undefined;
  const sub = version?.subresources;
  if (isPlainObject(sub)) {
    const scale = sub.scale;
    if (scale !== undefined && scale !== null) checkScale(scale, `${p}.subresources.scale`, out);
    if (sub.status !== undefined && sub.status !== null && root) {
      for (const key of Object.keys(root)) {
        if (isZero(root[key])) continue;
        if (key === 'type' && root.type !== 'object') {
          out.push(problem(`${p}.schema.openAPIV3Schema.type`, 'must be "object" at the root when the status subresource is enabled', root.type, 'set type: object', 'R18'));
        } else if (!ROOT_ALLOWED_WITH_STATUS.has(key)) {
          out.push(problem(`${p}.schema.openAPIV3Schema.${key}`, 'must not be set at the root when the status subresource is enabled', root[key], `remove ${key} from the root (move it into spec or status)`, 'R18'));
        }
      }
    }
  }
  const columns = version?.additionalPrinterColumns;
  if (columns !== undefined) {
    if (!Array.isArray(columns)) {
      out.push(problem(`${p}.additionalPrinterColumns`, 'must be a list', columns, 'give a list of columns', 'R19'));
    } else {
      columns.forEach((c: any, i: number) => checkColumn(c, `${p}.additionalPrinterColumns[${i}]`, out));
    }
  }
  const fields = version?.selectableFields;
  if (fields !== undefined) checkSelectableFields(fields, `${p}.selectableFields`, root, out);
  return out;
}

function checkScale(scale: any, p: string, out: Problem[]): void {
  const spec = scale?.specReplicasPath;
  const status = scale?.statusReplicasPath;
  const selector = scale?.labelSelectorPath;
  if (typeof spec !== 'string' || !spec.startsWith('.spec.')) {
    out.push(problem(`${p}.specReplicasPath`, 'is required and must be a path starting with ".spec."', spec, 'use e.g. ".spec.replicas"', 'R17'));
  }
  if (typeof status !== 'string' || !status.startsWith('.status.')) {
    out.push(problem(`${p}.statusReplicasPath`, 'is required and must be a path starting with ".status."', status, 'use e.g. ".status.replicas"', 'R17'));
  }
  if (selector !== undefined && selector !== '' && (typeof selector !== 'string' || !(selector.startsWith('.spec.') || selector.startsWith('.status.')))) {
    out.push(problem(`${p}.labelSelectorPath`, 'must be a path starting with ".spec." or ".status."', selector, 'use e.g. ".status.selector"', 'R17'));
  }
}

function checkColumn(c: any, p: string, out: Problem[]): void {
  if (typeof c?.name !== 'string' || c.name === '') out.push(problem(`${p}.name`, 'is required', c?.name, 'name the column, e.g. "Ready"', 'R19'));
  if (!COLUMN_TYPES.includes(c?.type)) out.push(problem(`${p}.type`, `must be one of ${COLUMN_TYPES.join(', ')}`, c?.type, 'use PrinterColumnType values', 'R19'));
  if (c?.format !== undefined && !COLUMN_FORMATS.includes(c.format)) out.push(problem(`${p}.format`, `must be one of ${COLUMN_FORMATS.join(', ')}`, c.format, 'remove format or use a supported one', 'R19'));
  if (typeof c?.jsonPath !== 'string' || !c.jsonPath.startsWith('.')) {
    out.push(problem(`${p}.jsonPath`, 'is required and must start with "."', c?.jsonPath, 'use e.g. ".status.phase"', 'R19'));
  }
}

function checkSelectableFields(fields: any, p: string, root: JsonSchema | undefined, out: Problem[]): void {
  if (!Array.isArray(fields)) {
    out.push(problem(p, 'must be a list', fields, 'give a list of { jsonPath }', 'R20'));
    return;
  }
  if (fields.length > 8) out.push(problem(p, 'must have at most 8 entries', fields.length, 'keep the 8 most useful fields', 'R20'));
  const seen = new Set<string>();
  fields.forEach((f: any, i: number) => {
    const fp = `${p}[${i}].jsonPath`;
    const path = f?.jsonPath;
    const names = typeof path === 'string' ? splitJsonPath(path) : undefined;
    if (!names || !path.startsWith('.')) {
      out.push(problem(fp, 'must be a JSON path starting with "."', path, 'use e.g. ".spec.color"', 'R20'));
      return;
    }
    if (path.includes('[')) {
      // ValidFieldPath without array notation: no list index and no ['key'] either
      out.push(problem(fp, 'must not use bracket notation (the API server allows only .field paths here)', path, 'write the path with dots, e.g. ".spec.color"', 'R20'));
      return;
    }
    if (seen.has(path)) out.push(problem(fp, 'must be unique', path, 'remove the duplicate', 'R20'));
    seen.add(path);
    if (names[0] === 'metadata') {
      out.push(problem(fp, 'must not point into metadata (metadata.name and metadata.namespace are always selectable)', path, 'select a spec or status field', 'R20'));
      return;
    }
    if (names.includes('[]')) {
      out.push(problem(fp, 'must not go through a list', path, 'select a scalar field outside lists', 'R20'));
      return;
    }
    const s = root ? resolveDataPath(root, names) : undefined;
    if (!s) {
      out.push(problem(fp, 'must point to a field declared in the schema', path, 'declare the field or fix the path', 'R20'));
    } else if (!['string', 'boolean', 'integer'].includes(s.type) || isIntOrString(s)) {
      out.push(problem(fp, 'must point to a string, boolean or integer field', `${path} (type ${s.type ?? 'int-or-string'})`, 'select a scalar field', 'R20'));
    }
  });
}
