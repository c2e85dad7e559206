/**
 * What a CRD keeps so that each of its custom resources is validated once: the CEL programs of its rules, and
 * the results of `validateAgainstSchema` by schema and value. A custom resource is validated by its construct
 * (tier 2), by the kind's validator on the emitted object (tier 3) and, with `writeDefaults`, to write its
 * defaults; each asks again with the same schema and the same data.
 *
 * A result depends only on the schema, the options and the data as JSON (the validator works on a JSON copy),
 * so the key is the schema object itself (a CRD's schemas are never changed in place: a changed CRD renders new
 * schema objects, whose results start empty) and the JSON text of the data. Pure: no construct import, no I/O.
 */
import { CelPrograms } from './cel';
import { cloneJson, JsonSchema } from './json-schema';
import { SchemaValidationOptions, SchemaValidationResult, validateAgainstSchema } from './schema-validator';

/** Validation results and CEL programs of one CRD's schemas. */
export class SchemaValidationCache {
  /** The CEL programs of the schemas' rules (a program depends only on its expression). */
  public readonly celPrograms = new CelPrograms();
  private readonly results = new WeakMap<JsonSchema, Map<string, SchemaValidationResult>>();

  /**
   * `validateAgainstSchema(value, schema, '', options)`, computed once per schema, options and data; every call
   * gets its own copy of the result.
   */
  public validate(value: any, schema: JsonSchema, options: Omit<SchemaValidationOptions, 'celPrograms'> = {}): SchemaValidationResult {
    const data = cloneJson(value);
    const key = keyOf(data, options);
    let bySchema = this.results.get(schema);
    let result = key === undefined ? undefined : bySchema?.get(key);
    if (!result) {
      result = validateAgainstSchema(data, schema, '', { ...options, celPrograms: this.celPrograms });
      if (key !== undefined) {
        if (!bySchema) {
          bySchema = new Map();
          this.results.set(schema, bySchema);
        }
        bySchema.set(key, result);
      }
    }
    return { value: cloneJson(result.value), problems: [...result.problems], defaulted: [...result.defaulted] };
  }
}

/** The options and the JSON text of the data; undefined when the data is not plain JSON (e.g. a bigint). */
function keyOf(data: unknown, options: SchemaValidationOptions): string | undefined {
  try {
    const text = JSON.stringify(data);
    return text === undefined ? undefined : `${JSON.stringify(options)}\n${text}`;
  } catch {
    return undefined;
  }
}
