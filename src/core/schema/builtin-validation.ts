import * as path from 'path';
import { Problem, formatValue } from '../problem';
import { apiRuleProblems } from './api-rules';
import { pointerToField, valueAtPointer } from './object-path';
import { unknownFieldProblems } from './unknown-fields';

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, any> }> | null;
}

let indexModule: { readonly kinds: Record<string, string> } | undefined;
/** Per apiVersion and kind: the kind's validator, or null when opskit has no schema for it. */
const loaded = new Map<string, Map<string, CompiledValidator | null>>();

/**
 * The precompiled validator of a built-in kind (bundled from kubernetes-models at build time by
 * `scripts/bundle-k8s-validators.mjs`, one file per kind): loaded when the first object of the kind is checked, so
 * that a synth parses the validators of the kinds it emits and requiring opskit stays cheap.
 */
function validatorOf(apiVersion: string, kind: string): CompiledValidator | null {
  let kinds = loaded.get(apiVersion);
  if (!kinds) {
    kinds = new Map();
    loaded.set(apiVersion, kinds);
  }
  let validator = kinds.get(kind);
  if (validator === undefined) {
    const dir = path.join(__dirname, 'generated', 'k8s-validators');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    indexModule ??= require(path.join(dir, 'index.js')) as { readonly kinds: Record<string, string> };
    const key = `${apiVersion}/${kind}`;
    const file = Object.prototype.hasOwnProperty.call(indexModule.kinds, key) ? indexModule.kinds[key] : undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validator = file === undefined ? null : (require(path.join(dir, file)).validate as CompiledValidator);
    kinds.set(kind, validator);
  }
  return validator;
}

/** Whether opskit knows the schema of a built-in kind. */
export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return validatorOf(apiVersion, kind) !== null;
}

/**
 * Checks an object of a built-in kind against the Kubernetes schema (types, required fields, enums,
 * formats, fields the kind does not declare) and against the API server's value rules the schema does not express (ports, names, label
 * syntax, selectors). Returns no problems for kinds that are not built in. `declaredOnly`: the object is proven to
 * hold only declared fields (an L1 object, `KnownFields`), so that walk is skipped.
 */
export function validateBuiltinObject(obj: any, declaredOnly = false): Problem[] {
  const validate = validatorOf(String(obj?.apiVersion), String(obj?.kind));
  if (!validate) return [];
  const problems: Problem[] = [];
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) {
      problems.push(schemaErrorToProblem(obj, e));
    }
  }
  if (!declaredOnly) problems.push(...unknownFieldProblems(obj));
  problems.push(...apiRuleProblems(obj));
  return dedupe(problems);
}

function schemaErrorToProblem(obj: any, e: { instancePath: string; keyword: string; params: Record<string, any> }): Problem {
  const field = pointerToField(e.instancePath);
  const got = formatValue(valueAtPointer(obj, e.instancePath));
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      return { field: field ? `${field}.${missing}` : missing, expected: 'is required', fix: `set ${missing}` };
    }
    case 'type':
      return { field, expected: `must be of type ${e.params.type}`, got, fix: `use a value of type ${e.params.type}` };
    case 'enum':
      return { field, expected: `must be one of ${(e.params.allowedValues ?? []).map(formatValue).join(', ')}`, got, fix: 'use one of the allowed values' };
    case 'format':
      return { field, expected: `must be a valid ${e.params.format}`, got, fix: `use a ${e.params.format} value` };
    case 'pattern':
      return { field, expected: `must match ${e.params.pattern}`, got, fix: 'use a value in the expected format' };
    default:
      return { field, expected: `must satisfy the schema keyword "${e.keyword}" ${formatValue(e.params)}`, got, fix: 'correct the value' };
  }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}|${p.expected}|${p.got}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
