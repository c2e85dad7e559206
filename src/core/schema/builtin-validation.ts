import * as path from 'path';
import { Problem, formatValue } from '../problem';
import { apiRuleProblems } from './api-rules';
import { pointerToField, valueAtPointer } from './object-path';
import { unknownFieldProblems } from './unknown-fields';

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, any> }> | null;
}

let validators: Record<string, CompiledValidator> | undefined;

/**
 * The precompiled validators of the built-in kinds (bundled from kubernetes-models at build time by
 * `scripts/bundle-k8s-validators.mjs`), loaded on first use so that requiring opskit stays cheap.
 */
function loadValidators(): Record<string, CompiledValidator> {
  if (!validators) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validators = require(path.join(__dirname, 'generated', 'k8s-validators.js')).validators as Record<string, CompiledValidator>;
  }
  return validators;
}

/** Whether opskit knows the schema of a built-in kind. */
export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in loadValidators();
}

/**
 * Checks an object of a built-in kind against the Kubernetes schema (types, required fields, enums,
 * formats, fields the kind does not declare) and against the API server's value rules the schema does not express (ports, names, label
 * syntax, selectors). Returns no problems for kinds that are not built in.
 */
export function validateBuiltinObject(obj: any): Problem[] {
  const validate = loadValidators()[`${obj?.apiVersion}/${obj?.kind}`];
  if (!validate) return [];
  const problems: Problem[] = [];
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) {
      problems.push(schemaErrorToProblem(obj, e));
    }
  }
  problems.push(...unknownFieldProblems(obj));
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
