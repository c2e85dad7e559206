/**
 * Default rules (R43–R46): defaults need a structural schema, must validate against their schema
 * (CEL rules included) and must already be pruned; none in apiVersion, kind or metadata.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#defaulting
 */
import { JsonSchema } from './json-schema';
import { SCHEMA_RULES, validateAgainstSchema } from './schema-validator';
import { walkSchema } from './schema-walk';
import { Problem, describeProblem, problem } from '../../core/problem';

/**
 * R43–R46 for one version's schema at `path`. `structuralProblems` is the number of R21–R39 problems
 * of this schema; `preserveUnknownFields` is `spec.preserveUnknownFields`.
 */
export function checkDefaults(root: JsonSchema, path: string, structuralProblems: number, preserveUnknownFields: unknown): Problem[] {
  const out: Problem[] = [];
  const withDefault: string[] = [];
  walkSchema(root, path, (ctx) => {
    // `default: null` is no default: the API server reads it into a nil value
    if (ctx.node.default === undefined || ctx.node.default === null || ctx.inJunctor) return;
    withDefault.push(ctx.path);
    const p = `${ctx.path}.default`;
    const top = ctx.dataPath[0];
    if (ctx.dataPath.length >= 1 && (top === 'apiVersion' || top === 'kind' || top === 'metadata')) {
      out.push(problem(p, `must not be set in ${top} (the API server owns it)`, ctx.node.default, 'remove the default', 'R46'));
      return;
    }
    if (ctx.inResourceMetadata && ctx.dataPath.includes('*')) {
      out.push(problem(p, 'must not be set inside additionalProperties of embedded resource metadata (pruning would be ambiguous)', ctx.node.default, 'remove the default', 'R46'));
      return;
    }
    // the API server validates a default as written: the defaults inside it are not applied first
    // the API server does not follow additionalProperties when it validates defaults (ValidateDefaults)
    if (ctx.dataPath.includes('*')) return;
    const result = validateAgainstSchema(ctx.node.default, ctx.node, '', { applyDefaults: false, unknownFields: true, cel: true, intOrStringTypes: false });
    for (const d of result.problems) {
      const where = d.field === '<root>' ? 'default' : `default.${d.field}`;
      if (d.rule === SCHEMA_RULES.unknownField) {
        out.push(problem(p, `must not contain fields the schema prunes (${where} is unknown)`, ctx.node.default, `remove ${where.replace(/^default\.?/, '') || 'it'} from the default, or declare it in the schema`, 'R45'));
      } else {
        out.push(problem(p, `must validate against its schema: ${describeProblem({ ...d, field: where })}`, ctx.node.default, 'change the default so that it is valid for its own schema', 'R44'));
      }
    }
  });
  if (withDefault.length > 0 && preserveUnknownFields === true) {
    out.push(problem(`${withDefault[0]}.default`, 'requires spec.preserveUnknownFields: false', true, 'remove spec.preserveUnknownFields', 'R43'));
  }
  if (withDefault.length > 0 && structuralProblems > 0) {
    out.push(problem(`${withDefault[0]}.default`, 'requires a structural schema (fix the structural problems above first)', `${structuralProblems} structural problems`, 'make the schema structural; defaults are only applied with one', 'R43'));
  }
  return out;
}
