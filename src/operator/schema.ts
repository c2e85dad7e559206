import { Problem, nestProblems, problem } from '../core/problem';
import { CEL_REASONS, JsonSchema, cloneJson, isPlainObject } from './model/json-schema';
import {
  ONE_OF_ORDER, OneOfKind, QUANTITY_PATTERN, checkOneOfGroup, conditionItemSchema, immutableOnceSetRule, immutableRule,
  oneOfRule, sortSchemaKeys,
} from './model/schema-render';

/** The `reason` a CEL rule reports when it fails. */
export enum ValidationReason {
  /** `FieldValueInvalid` (the API server's default). */
  FIELD_VALUE_INVALID = 'FieldValueInvalid',
  /** `FieldValueForbidden`. */
  FIELD_VALUE_FORBIDDEN = 'FieldValueForbidden',
  /** `FieldValueRequired`. */
  FIELD_VALUE_REQUIRED = 'FieldValueRequired',
  /** `FieldValueDuplicate`. */
  FIELD_VALUE_DUPLICATE = 'FieldValueDuplicate',
}

/**
 * A CEL validation rule (`x-kubernetes-validations[]`, controller-gen's `+kubebuilder:validation:XValidation`).
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules
 */
export interface ValidationRule {
  /** The CEL expression; `self` is the value of the field, `oldSelf` its previous value (transition rules). */
  readonly rule: string;
  /** Message shown when the rule fails. @default - "failed rule: <rule>" */
  readonly message?: string;
  /** CEL expression returning the message. @default - `message` is used */
  readonly messageExpression?: string;
  /** Reason reported when the rule fails. @default ValidationReason.FIELD_VALUE_INVALID */
  readonly reason?: ValidationReason;
  /** Path (relative to the field, starting with `.`) reported when the rule fails. @default - the field itself */
  readonly fieldPath?: string;
  /** Evaluate the transition rule on create / when the old value is absent (`oldSelf` is then optional). @default false */
  readonly optionalOldSelf?: boolean;
}

/** External documentation of a schema (`externalDocs`). */
export interface ExternalDocumentation {
  /** URL of the documentation. */
  readonly url: string;
  /** Description of the documentation. @default - none */
  readonly description?: string;
}

/** Options every schema accepts. */
export interface SchemaOptions {
  /** Description (`description`). @default - none */
  readonly description?: string;
  /** Title (`title`). @default - none */
  readonly title?: string;
  /** An example value (`example`). @default - none */
  readonly example?: any;
  /** External documentation (`externalDocs`). @default - none */
  readonly externalDocs?: ExternalDocumentation;
  /** Whether `null` is a valid value (`nullable`). @default false */
  readonly nullable?: boolean;
  /** Default applied by the API server when the field is absent (`default`). @default - no default */
  readonly default?: any;
  /** CEL validation rules (`x-kubernetes-validations`). @default - none */
  readonly validations?: ValidationRule[];
  /**
   * The value cannot change once set (CEL `self == oldSelf`, like controller-gen's `+k8s:immutable`). On a
   * property that is not required, the object holding it also gets the rule `!has(oldSelf.<name>) ||
   * has(self.<name>)` ("field <name> is immutable once set"), so the value cannot be removed either.
   * @default false
   */
  readonly immutable?: boolean;
}

/** Options of a string schema. */
export interface StringSchemaOptions extends SchemaOptions {
  /** Minimum length in characters (`minLength`). @default - none @integer */
  readonly minLength?: number;
  /** Maximum length in characters (`maxLength`); bounds the cost of CEL rules on the string. @default - none @integer */
  readonly maxLength?: number;
  /** Go RE2 regular expression the value must contain a match of (`pattern`); anchor it with ^...$. @default - none */
  readonly pattern?: string;
  /** Format (`format`), e.g. `date-time`, `uuid`, `hostname`, `ipv4`, `cidr`, `byte`. @default - none */
  readonly format?: string;
  /** Allowed values (`enum`). @default - any value */
  readonly enum?: string[];
}

/** Options of an integer or number schema. */
export interface NumericSchemaOptions extends SchemaOptions {
  /** Minimum (`minimum`). @default - none */
  readonly minimum?: number;
  /** Maximum (`maximum`). @default - none */
  readonly maximum?: number;
  /** The minimum itself is excluded (`exclusiveMinimum`). @default false */
  readonly exclusiveMinimum?: boolean;
  /** The maximum itself is excluded (`exclusiveMaximum`). @default false */
  readonly exclusiveMaximum?: boolean;
  /** The value must be a multiple of this (`multipleOf`). @default - none */
  readonly multipleOf?: number;
  /** Format: `int32` / `int64` for integers, `float` / `double` for numbers. @default - none */
  readonly format?: string;
  /** Allowed values (`enum`). @default - any value */
  readonly enum?: number[];
}

/** List topology (`x-kubernetes-list-type`). */
export enum ListType {
  /** The list is replaced as a whole on merge (`atomic`). */
  ATOMIC = 'atomic',
  /** Items are unique scalars (`set`). */
  SET = 'set',
  /** Items are objects identified by `listMapKeys` (`map`). */
  MAP = 'map',
}

/** Map / struct topology (`x-kubernetes-map-type`). */
export enum MapType {
  /** Each key is merged separately (`granular`, the default). */
  GRANULAR = 'granular',
  /** The object is replaced as a whole (`atomic`). */
  ATOMIC = 'atomic',
}

/** Options of an array schema. */
export interface ArraySchemaOptions extends SchemaOptions {
  /** Minimum number of items (`minItems`). @default - none @integer */
  readonly minItems?: number;
  /** Maximum number of items (`maxItems`); bounds the cost of CEL rules iterating the list. @default - none @integer */
  readonly maxItems?: number;
  /** List topology (`x-kubernetes-list-type`). @default - none (atomic) */
  readonly listType?: ListType;
  /** Keys of a `listType: map` list (`x-kubernetes-list-map-keys`). @default - none */
  readonly listMapKeys?: string[];
}

/** Options of a map schema (`additionalProperties`). */
export interface MapSchemaOptions extends SchemaOptions {
  /** Minimum number of entries (`minProperties`). @default - none @integer */
  readonly minProperties?: number;
  /** Maximum number of entries (`maxProperties`); bounds the cost of CEL rules iterating the map. @default - none @integer */
  readonly maxProperties?: number;
  /** Map topology (`x-kubernetes-map-type`). @default - none (granular) */
  readonly mapType?: MapType;
}

/** Options of an object schema. */
export interface ObjectSchemaOptions extends SchemaOptions {
  /** The fields (`properties`). @default - none */
  readonly properties?: { [name: string]: Schema };
  /** Names of the required fields (`required`); fields are optional unless listed. @default - none */
  readonly required?: string[];
  /** Minimum number of fields set (`minProperties`). @default - none @integer */
  readonly minProperties?: number;
  /** Maximum number of fields set (`maxProperties`). @default - none @integer */
  readonly maxProperties?: number;
  /** Struct topology (`x-kubernetes-map-type`). @default - none (granular) */
  readonly mapType?: MapType;
  /** Keep fields that are not declared (`x-kubernetes-preserve-unknown-fields`). @default false */
  readonly preserveUnknownFields?: boolean;
  /** Groups of fields of which exactly one must be set (controller-gen `ExactlyOneOf`). @default - none */
  readonly exactlyOneOf?: string[][];
  /** Groups of fields of which at most one may be set (controller-gen `AtMostOneOf`). @default - none */
  readonly atMostOneOf?: string[][];
  /** Groups of fields of which at least one must be set (controller-gen `AtLeastOneOf`). @default - none */
  readonly atLeastOneOf?: string[][];
}

/** Options of an int-or-string or quantity schema. */
export interface IntOrStringSchemaOptions extends SchemaOptions {
  /** Pattern string values must match (`pattern`). @default - none (quantity: the Quantity pattern) */
  readonly pattern?: string;
  /** Maximum length of string values (`maxLength`). @default - none @integer */
  readonly maxLength?: number;
}

/** Options of a preserve-unknown-fields schema. */
export interface PreserveUnknownFieldsOptions extends SchemaOptions {
  /**
   * Accept any JSON value (apiextensions `JSON`: `{x-kubernetes-preserve-unknown-fields: true}`) instead
   * of only objects (`runtime.RawExtension`: `type: object` added).
   * @default false
   */
  readonly anyType?: boolean;
}

/** Options of an embedded resource schema. */
export interface EmbeddedResourceOptions extends SchemaOptions {
  /** Declared fields of the embedded object (besides apiVersion, kind, metadata). @default - any fields are kept */
  readonly properties?: { [name: string]: Schema };
  /** Required fields. @default - none */
  readonly required?: string[];
}

/** Options of a conditions list. */
export interface ConditionsSchemaOptions extends SchemaOptions {
  /** Maximum number of conditions (`maxItems`); set it when CEL rules iterate the conditions. @default - none @integer */
  readonly maxItems?: number;
}

/**
 * An OpenAPI v3 schema for a CRD version, with the whole controller-gen marker surface.
 *
 * Fields of an object are optional unless listed in `required` (unlike controller-gen, where Go fields
 * without `omitempty` are required). `toJson()` renders the plain `JSONSchemaProps` object, keys sorted
 * as controller-gen writes them.
 *
 * @example
 * const spec = Schema.object({
 *   properties: {
 *     schedule: Schema.string({ minLength: 1, description: 'Cron schedule of the backups' }),
 *     retention: Schema.integer({ minimum: 1, maximum: 365, default: 7 }),
 *     target: Schema.object({ properties: { name: Schema.string() }, required: ['name'] }),
 *   },
 *   required: ['schedule', 'target'],
 * });
 *
 * @see https://book.kubebuilder.io/reference/markers/crd-validation.html
 */
export class Schema {
  /** An object with declared fields (`type: object`, `properties`). */
  public static object(options: ObjectSchemaOptions = {}): Schema {
    const properties = options.properties ?? {};
    const required = options.required ?? [];
    const problems: Problem[] = [];
    const json: JsonSchema = { type: 'object' };
    if (options.properties) {
      json.properties = {};
      for (const [name, s] of Object.entries(properties)) {
        json.properties[name] = s.toJson();
        problems.push(...nestProblems(`properties.${name}`, s._problems));
      }
    }
    for (const r of required) {
      if (!(r in properties) && !options.preserveUnknownFields) {
        problems.push(problem('required', `must only name declared properties (${Object.keys(properties).join(', ') || 'none'})`, r, `declare "${r}" in properties or remove it from required`));
      }
    }
    // controller-gen lists required fields alphabetically
    if (required.length > 0) json.required = [...required].sort();
    setBounds(json, problems, 'minProperties', 'maxProperties', options.minProperties, options.maxProperties);
    if (options.mapType) json['x-kubernetes-map-type'] = options.mapType;
    if (options.preserveUnknownFields) json['x-kubernetes-preserve-unknown-fields'] = true;
    // as controller-gen orders them: the field's own immutable rule, then one rule per optional immutable
    // property (removing it once set is a change its own rule cannot see), then the type's rules, then the
    // one-of groups (AtMostOneOf, ExactlyOneOf, AtLeastOneOf)
    const onceSetRules = Object.entries(properties)
      .filter(([name, s]) => s._immutable && !required.includes(name))
      .map(([name]) => immutableOnceSetRule(name));
    const groupRules: JsonSchema[] = [];
    const groups: { [kind in OneOfKind]: string[][] | undefined } = {
      atMost: options.atMostOneOf, exactly: options.exactlyOneOf, atLeast: options.atLeastOneOf,
    };
    for (const kind of ONE_OF_ORDER) {
      for (const fields of groups[kind] ?? []) {
        problems.push(...checkOneOfGroup(kind, fields, properties, required));
        groupRules.push(oneOfRule(kind, fields));
      }
    }
    return Schema.build(json, options, problems, groupRules, onceSetRules);
  }

  /** A string (`type: string`). */
  public static string(options: StringSchemaOptions = {}): Schema {
    const json: JsonSchema = { type: 'string' };
    const problems: Problem[] = [];
    setBounds(json, problems, 'minLength', 'maxLength', options.minLength, options.maxLength);
    if (options.pattern !== undefined) json.pattern = options.pattern;
    if (options.format !== undefined) json.format = options.format;
    if (options.enum !== undefined) {
      json.enum = [...options.enum];
      problems.push(...enumProblems(options.enum));
      options.enum.forEach((v, i) => {
        if (typeof v !== 'string') problems.push(problem(`enum[${i}]`, 'must be a string', v, 'quote the value'));
      });
    }
    return Schema.build(json, options, problems);
  }

  /** An integer (`type: integer`), e.g. `format: int32`. */
  public static integer(options: NumericSchemaOptions = {}): Schema {
    const problems: Problem[] = [];
    for (const key of ['minimum', 'maximum', 'multipleOf'] as const) {
      const v = options[key];
      if (v !== undefined && !Number.isInteger(v)) problems.push(problem(key, 'must be a whole number on an integer field', v, 'round it, or use Schema.number()'));
    }
    (options.enum ?? []).forEach((v, i) => {
      if (!Number.isInteger(v)) problems.push(problem(`enum[${i}]`, 'must be a whole number', v, 'round it'));
    });
    if (options.format !== undefined && !['int32', 'int64'].includes(options.format)) {
      problems.push(problem('format', 'must be int32 or int64 on an integer', options.format, 'use "int32" or "int64"'));
    }
    return Schema.numeric('integer', options, problems);
  }

  /** A number (`type: number`); controller-gen only allows floats with `allowDangerousTypes`. */
  public static number(options: NumericSchemaOptions = {}): Schema {
    const problems: Problem[] = [];
    if (options.format !== undefined && !['float', 'double'].includes(options.format)) {
      problems.push(problem('format', 'must be float or double on a number', options.format, 'use "double", or Schema.integer() for int32/int64'));
    }
    return Schema.numeric('number', options, problems);
  }

  /** A boolean (`type: boolean`). */
  public static boolean(options: SchemaOptions = {}): Schema {
    return Schema.build({ type: 'boolean' }, options, []);
  }

  /** A list (`type: array`) of `items`. */
  public static array(items: Schema, options: ArraySchemaOptions = {}): Schema {
    const json: JsonSchema = { type: 'array', items: items.toJson() };
    const problems: Problem[] = nestProblems('items', items._problems);
    setBounds(json, problems, 'minItems', 'maxItems', options.minItems, options.maxItems);
    if (options.listType) json['x-kubernetes-list-type'] = options.listType;
    if (options.listMapKeys) json['x-kubernetes-list-map-keys'] = [...options.listMapKeys];
    if (options.listMapKeys && options.listType !== ListType.MAP) {
      problems.push(problem('listMapKeys', 'requires listType: ListType.MAP', options.listType ?? 'atomic', 'set listType: ListType.MAP'));
    }
    return Schema.build(json, options, problems);
  }

  /** A map with string keys and `values` (`type: object`, `additionalProperties`), e.g. labels. */
  public static map(values: Schema, options: MapSchemaOptions = {}): Schema {
    const json: JsonSchema = { type: 'object', additionalProperties: values.toJson() };
    const problems: Problem[] = nestProblems('additionalProperties', values._problems);
    setBounds(json, problems, 'minProperties', 'maxProperties', options.minProperties, options.maxProperties);
    if (options.mapType) json['x-kubernetes-map-type'] = options.mapType;
    return Schema.build(json, options, problems);
  }

  /** An `intstr.IntOrString` (port number or name, percentage): `x-kubernetes-int-or-string` with its anyOf. */
  public static intOrString(options: IntOrStringSchemaOptions = {}): Schema {
    const json: JsonSchema = { 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
    if (options.pattern !== undefined) json.pattern = options.pattern;
    if (options.maxLength !== undefined) json.maxLength = options.maxLength;
    return Schema.build(json, options, []);
  }

  /** A `resource.Quantity` (`500m`, `1Gi`, `2`): int-or-string with the Quantity pattern. */
  public static quantity(options: IntOrStringSchemaOptions = {}): Schema {
    return Schema.intOrString({ ...options, pattern: options.pattern ?? QUANTITY_PATTERN });
  }

  /** A `metav1.Time` (`type: string, format: date-time`). */
  public static dateTime(options: SchemaOptions = {}): Schema {
    return Schema.build({ type: 'string', format: 'date-time' }, options, []);
  }

  /** A `metav1.Duration` (`type: string`, e.g. "1h30m"), as controller-gen emits it. */
  public static duration(options: StringSchemaOptions = {}): Schema {
    return Schema.string(options);
  }

  /** Free-form data kept as given (`x-kubernetes-preserve-unknown-fields`), like `runtime.RawExtension`. */
  public static preserveUnknownFields(options: PreserveUnknownFieldsOptions = {}): Schema {
    const json: JsonSchema = { 'x-kubernetes-preserve-unknown-fields': true };
    if (!options.anyType) json.type = 'object';
    return Schema.build(json, options, []);
  }

  /** A whole Kubernetes object embedded in the field (`x-kubernetes-embedded-resource`), e.g. a Pod template. */
  public static embeddedResource(options: EmbeddedResourceOptions = {}): Schema {
    const base = options.properties
      ? Schema.object({ properties: options.properties, required: options.required }).toJson()
      : { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true };
    const inner = options.properties ? Schema.object({ properties: options.properties, required: options.required })._problems : [];
    return Schema.build({ ...base, 'x-kubernetes-embedded-resource': true }, options, inner);
  }

  /**
   * The standard `status.conditions` list of `metav1.Condition`, as controller-gen emits it for the
   * kubebuilder scaffold (`+listType=map`, `+listMapKey=type`).
   */
  public static conditions(options: ConditionsSchemaOptions = {}): Schema {
    const json: JsonSchema = {
      'items': conditionItemSchema(),
      'type': 'array',
      'x-kubernetes-list-map-keys': ['type'],
      'x-kubernetes-list-type': 'map',
    };
    const problems: Problem[] = [];
    setBounds(json, problems, 'minItems', 'maxItems', undefined, options.maxItems);
    return Schema.build(json, { description: 'Conditions of the latest observed state.', ...options }, problems);
  }

  /** A schema given as a plain `JSONSchemaProps` object (checked with the CRD, like any other). */
  public static fromJson(json: any): Schema {
    const problems = isPlainObject(json) ? [] : [problem('', 'must be a JSONSchemaProps object', json, 'give an object such as { type: "string" }')];
    return new Schema(isPlainObject(json) ? cloneJson(json) : {}, problems);
  }

  private static numeric(type: 'integer' | 'number', options: NumericSchemaOptions, problems: Problem[]): Schema {
    const json: JsonSchema = { type };
    setBounds(json, problems, 'minimum', 'maximum', options.minimum, options.maximum, true);
    if (options.exclusiveMinimum) json.exclusiveMinimum = true;
    if (options.exclusiveMaximum) json.exclusiveMaximum = true;
    if (options.exclusiveMinimum && options.minimum === undefined) problems.push(problem('exclusiveMinimum', 'requires minimum', true, 'set minimum'));
    if (options.exclusiveMaximum && options.maximum === undefined) problems.push(problem('exclusiveMaximum', 'requires maximum', true, 'set maximum'));
    if (options.multipleOf !== undefined) {
      json.multipleOf = options.multipleOf;
      if (!(options.multipleOf > 0)) problems.push(problem('multipleOf', 'must be > 0', options.multipleOf, 'use a positive number'));
    }
    if (options.format !== undefined) json.format = options.format;
    if (options.enum !== undefined) {
      json.enum = [...options.enum];
      problems.push(...enumProblems(options.enum));
    }
    return Schema.build(json, options, problems);
  }

  private static build(
    json: JsonSchema, options: SchemaOptions, problems: Problem[], extraRules: JsonSchema[] = [], leadingRules: JsonSchema[] = [],
  ): Schema {
    if (options.description !== undefined) json.description = options.description;
    if (options.title !== undefined) json.title = options.title;
    if (options.example !== undefined) json.example = cloneJson(options.example);
    if (options.externalDocs !== undefined) json.externalDocs = { ...options.externalDocs };
    if (options.nullable) json.nullable = true;
    if (options.default !== undefined) json.default = cloneJson(options.default);
    const rules: JsonSchema[] = [];
    if (options.immutable) rules.push(immutableRule());
    rules.push(...leadingRules);
    for (const [i, r] of (options.validations ?? []).entries()) {
      if (r.reason !== undefined && !CEL_REASONS.includes(r.reason)) {
        problems.push(problem(`validations[${i}].reason`, `must be one of ${CEL_REASONS.join(', ')}`, r.reason, 'use a ValidationReason value'));
      }
      const rule: JsonSchema = {};
      if (r.fieldPath !== undefined) rule.fieldPath = r.fieldPath;
      if (r.message !== undefined) rule.message = r.message;
      if (r.messageExpression !== undefined) rule.messageExpression = r.messageExpression;
      if (r.optionalOldSelf !== undefined) rule.optionalOldSelf = r.optionalOldSelf;
      if (r.reason !== undefined) rule.reason = r.reason;
      rule.rule = r.rule;
      rules.push(rule);
    }
    rules.push(...extraRules);
    if (rules.length > 0) json['x-kubernetes-validations'] = rules;
    return new Schema(json, problems, options.immutable === true);
  }

  /** @internal problems found while building (paths relative to this schema) */
  public readonly _problems: Problem[];

  /** @internal whether the value cannot change once set (`immutable`) */
  public readonly _immutable: boolean;

  private readonly json: JsonSchema;

  private constructor(json: JsonSchema, problems: Problem[], immutable = false) {
    this.json = json;
    this._problems = problems;
    this._immutable = immutable;
  }

  /** Problems found while building this schema (paths relative to it); the CRD reports them. */
  public get problems(): Problem[] {
    return [...this._problems];
  }

  /** The plain `JSONSchemaProps` object, keys sorted. */
  public toJson(): any {
    return sortSchemaKeys(cloneJson(this.json));
  }
}

/** An empty enum validates nothing (the API server skips it), and a repeated value is a typo. */
function enumProblems(values: ReadonlyArray<string | number>): Problem[] {
  if (values.length === 0) {
    return [problem('enum', 'must list at least one value (an empty enum allows any value)', values, 'list the allowed values, or remove enum')];
  }
  return values.flatMap((v, i) => (values.indexOf(v) !== i ? [problem(`enum[${i}]`, 'must not repeat a value', v, 'remove the duplicate')] : []));
}

function setBounds(
  json: JsonSchema, problems: Problem[], minKey: string, maxKey: string, min: number | undefined, max: number | undefined, allowNegative = false,
): void {
  for (const [key, v] of [[minKey, min], [maxKey, max]] as Array<[string, number | undefined]>) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || Number.isNaN(v) || (!allowNegative && (v < 0 || !Number.isInteger(v)))) {
      problems.push(problem(key, allowNegative ? 'must be a number' : 'must be a whole number >= 0', v, `give ${key} as a non-negative integer`));
    }
    json[key] = v;
  }
  if (min !== undefined && max !== undefined && min > max) {
    problems.push(problem(minKey, `must be <= ${maxKey} (${max})`, min, `lower ${minKey} or raise ${maxKey}`));
  }
}
