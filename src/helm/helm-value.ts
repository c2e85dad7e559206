import { IConstruct } from 'constructs';
import { HelmValueSpec, helmValueSpecProblems, sameHelmValue } from './model/helm-values';
import { definedFields } from '../core/defined-fields';
import { OpsError } from '../core/ops-error';
import { problem, Problem } from '../core/problem';
import { propTypeProblems } from '../core/prop-types';
import { RegisteredTemplateValue, TemplateValueDefinition, TemplateValues } from '../core/template-values';
import { cloneJson } from '../operator/model/json-schema';

/** Options of a `HelmValue.string`. */
export interface HelmStringValueOptions {
  /** What the value does: the comment above it in `values.yaml`, its README row and its schema description. */
  readonly description: string;
  /** The default: what the plain manifests hold, and the value in `values.yaml`. */
  readonly default: string;
  /** The allowed values (`values.schema.json` `enum`). @default - any string */
  readonly enum?: string[];
  /** An RE2 regular expression the value must match (`pattern`; anchor it with `^…$` to match the whole value). @default - any string */
  readonly pattern?: string;
  /** The fewest characters (`minLength`). @default - no minimum */
  readonly minLength?: number;
  /** The most characters (`maxLength`). @default - no maximum */
  readonly maxLength?: number;
}

/** Options of a `HelmValue.number` or `HelmValue.integer`. */
export interface HelmNumberValueOptions {
  /** What the value does: the comment above it in `values.yaml`, its README row and its schema description. */
  readonly description: string;
  /** The default: what the plain manifests hold, and the value in `values.yaml`. */
  readonly default: number;
  /** The smallest allowed value (`minimum`). @default - no minimum */
  readonly minimum?: number;
  /** The largest allowed value (`maximum`). @default - no maximum */
  readonly maximum?: number;
}

/** Options of a `HelmValue.boolean`. */
export interface HelmBooleanValueOptions {
  /** What the value does: the comment above it in `values.yaml`, its README row and its schema description. */
  readonly description: string;
  /** The default: what the plain manifests hold, and the value in `values.yaml`. */
  readonly default: boolean;
}

/** Options of a `HelmValue.object`. */
export interface HelmObjectValueOptions {
  /** What the value does: the comment above it in `values.yaml`, its README row and its schema description. */
  readonly description: string;
  /** The default, a JSON object: what the plain manifests hold, and the value in `values.yaml`. */
  readonly default: { [key: string]: any };
  /** The type of every entry's value (`additionalProperties: {type}`), e.g. `HelmValueType.STRING` for labels. @default - any JSON value */
  readonly valueType?: HelmValueType;
}

/** Options of a `HelmValue.list`. */
export interface HelmListValueOptions {
  /** What the value does: the comment above it in `values.yaml`, its README row and its schema description. */
  readonly description: string;
  /** The default, a JSON list: what the plain manifests hold, and the value in `values.yaml`. */
  readonly default: any[];
  /** The type of every item (`items: {type}`). @default - any JSON value */
  readonly itemType?: HelmValueType;
  /** The fewest items (`minItems`). @default - no minimum */
  readonly minItems?: number;
  /** The most items (`maxItems`). @default - no maximum */
  readonly maxItems?: number;
}

/** The type of a Helm value (its `values.schema.json` `type`). */
export enum HelmValueType {
  /** A string. */
  STRING = 'string',
  /** A number. */
  NUMBER = 'number',
  /** A whole number. */
  INTEGER = 'integer',
  /** `true` or `false`. */
  BOOLEAN = 'boolean',
  /** A mapping. */
  OBJECT = 'object',
  /** A list (`array`). */
  LIST = 'list',
}

/** What a registered Helm value holds: its spec and where it was first defined. */
interface HelmValueDefinition extends TemplateValueDefinition {
  readonly spec: HelmValueSpec;
  readonly definedAt: string;
}

/**
 * A value of a Helm chart, usable in any construct prop: a typed reference with a path in `values.yaml`, a
 * default, a description and schema constraints.
 *
 * In the plain manifests (and artifacts) it is its default. In a `HelmChart` that packages the objects holding it,
 * it is `{{ .Values.<path> }}` — a string quoted (`toJson`), a number or boolean as it is, an object or list with
 * `toYaml | nindent`; inside a text (`ghcr.io/acme/backup:${tag}`) the whole text is built from its parts — and
 * the value is in `values.yaml` (with the description as its comment), in `values.schema.json` (with its
 * constraints: Helm rejects an install with a value outside them) and in the README's table of values.
 *
 * Use `toString()` (or a template literal) for text props, `asNumber()` for number props, `asBoolean()`,
 * `asObject()` and `asList()` for the others. The default is checked against the constraints when the value is
 * defined; construct props are checked with the value's stand-in (a word of letters and digits, or a number no
 * program writes), and every object holding the default is checked at synth like any other. A field of a
 * workload that holds a HelmValue replaces that field's workload knob.
 *
 * Defining a path again with the same definition gives the same value; with another definition, it is an error.
 *
 * @example
 * const tag = HelmValue.string(chart, 'controller.imageTag', { default: 'v0.3.1', description: 'Tag of the controller image.', pattern: '^v\\d+\\.\\d+\\.\\d+$' });
 * new Operator(chart, 'backup-operator', { image: `ghcr.io/acme/backup-operator:${tag}` });
 */
export class HelmValue {
  /** A string value. */
  public static string(scope: IConstruct, path: string, options: HelmStringValueOptions): HelmValue {
    const o = checked(scope, 'HelmStringValueOptions', options);
    return define(scope, { path, type: 'string', default: o.default, description: o.description, constraints: definedFields({ enum: o.enum, pattern: o.pattern, minLength: o.minLength, maxLength: o.maxLength }) });
  }

  /** A number value. */
  public static number(scope: IConstruct, path: string, options: HelmNumberValueOptions): HelmValue {
    const o = checked(scope, 'HelmNumberValueOptions', options);
    return define(scope, { path, type: 'number', default: o.default, description: o.description, constraints: definedFields({ minimum: o.minimum, maximum: o.maximum }) });
  }

  /** A whole-number value (replicas, ports, counts). */
  public static integer(scope: IConstruct, path: string, options: HelmNumberValueOptions): HelmValue {
    const o = checked(scope, 'HelmNumberValueOptions', options);
    return define(scope, { path, type: 'integer', default: o.default, description: o.description, constraints: definedFields({ minimum: o.minimum, maximum: o.maximum }) });
  }

  /** A boolean value. */
  public static boolean(scope: IConstruct, path: string, options: HelmBooleanValueOptions): HelmValue {
    const o = checked(scope, 'HelmBooleanValueOptions', options);
    return define(scope, { path, type: 'boolean', default: o.default, description: o.description, constraints: {} });
  }

  /** An object value (a mapping, e.g. extra labels or a config section), written with `toYaml`. */
  public static object(scope: IConstruct, path: string, options: HelmObjectValueOptions): HelmValue {
    const o = checked(scope, 'HelmObjectValueOptions', options);
    return define(scope, {
      path,
      type: 'object',
      default: o.default,
      description: o.description,
      constraints: o.valueType ? { additionalProperties: { type: schemaType(o.valueType) } } : {},
    });
  }

  /** A list value, written with `toYaml`. */
  public static list(scope: IConstruct, path: string, options: HelmListValueOptions): HelmValue {
    const o = checked(scope, 'HelmListValueOptions', options);
    return define(scope, {
      path,
      type: 'list',
      default: o.default,
      description: o.description,
      constraints: definedFields({ items: o.itemType ? { type: schemaType(o.itemType) } : undefined, minItems: o.minItems, maxItems: o.maxItems }),
    });
  }

  /** The spec of a value registered in a construct tree (by `HelmValue`), or `undefined`. @internal */
  public static _specOf(registered: RegisteredTemplateValue | undefined): HelmValueSpec | undefined {
    return (registered?.definition as HelmValueDefinition | undefined)?.spec;
  }

  /** @internal */
  public static _create(registry: TemplateValues, registered: RegisteredTemplateValue): HelmValue {
    return new HelmValue(registry, registered);
  }

  /** The value's path in `values.yaml`. */
  public readonly path: string;
  /** The value's type. */
  public readonly type: HelmValueType;
  /** The value's description. */
  public readonly description: string;

  private readonly registry: TemplateValues;
  private readonly registered: RegisteredTemplateValue;

  private constructor(registry: TemplateValues, registered: RegisteredTemplateValue) {
    const spec = (registered.definition as HelmValueDefinition).spec;
    this.registry = registry;
    this.registered = registered;
    this.path = spec.path;
    this.type = spec.type as HelmValueType;
    this.description = spec.description;
  }

  /** The default (a copy). */
  public get default(): any {
    return cloneJson(this.registered.definition.default);
  }

  /** The value in a text prop, whole or as part of a text (`${value}` in a template literal does the same). */
  public asString(): string {
    return this.registered.word;
  }

  /** The value in a text prop: `${value}` in a template literal. */
  public toString(): string {
    return this.registered.word;
  }

  /** The value in a number prop (a number or integer value only). */
  public asNumber(): number {
    if (this.type !== HelmValueType.NUMBER && this.type !== HelmValueType.INTEGER) throw this.misuse('asNumber', 'HelmValue.number or HelmValue.integer');
    return this.registered.number;
  }

  /** The value in a boolean prop (a boolean value only). */
  public asBoolean(): boolean {
    if (this.type !== HelmValueType.BOOLEAN) throw this.misuse('asBoolean', 'HelmValue.boolean');
    return this.registry.token(this.registered) as unknown as boolean;
  }

  /** The value in an object prop (an object value only). */
  public asObject(): { [key: string]: any } {
    if (this.type !== HelmValueType.OBJECT) throw this.misuse('asObject', 'HelmValue.object');
    return this.registry.token(this.registered) as unknown as { [key: string]: any };
  }

  /** The value in a list prop (a list value only). */
  public asList(): any[] {
    if (this.type !== HelmValueType.LIST) throw this.misuse('asList', 'HelmValue.list');
    return this.registry.token(this.registered) as unknown as any[];
  }

  private misuse(method: string, factory: string): OpsError {
    const at = (this.registered.definition as HelmValueDefinition).definedAt;
    return new OpsError([{ ...problem(method, `is for a value made with ${factory}`, `the ${this.type} value "${this.path}"`, 'use the method of the value\'s type (toString() works for every type inside a text)'), path: at }]);
  }

}

function checked<T>(scope: IConstruct, struct: string, options: T): T {
  const problems = propTypeProblems(struct, options);
  if (problems.length > 0) throw OpsError.at(scope, problems.map((p) => ({ ...p, field: `options.${p.field}` })));
  return options;
}

function define(scope: IConstruct, spec: HelmValueSpec): HelmValue {
  const problems: Problem[] = helmValueSpecProblems(spec);
  if (problems.length > 0) throw OpsError.at(scope, problems.map((p) => ({ ...p, field: `HelmValue "${spec.path}" ${p.field}` })));
  const registry = TemplateValues.of(scope);
  const prior = registry.lookup(spec.path);
  if (prior !== undefined) {
    const first = prior.definition as HelmValueDefinition;
    if (!sameHelmValue(first.spec, spec)) {
      throw OpsError.at(scope, [problem(`HelmValue "${spec.path}"`, `must have one definition, but ${first.definedAt} defines it as ${JSON.stringify(first.spec)}`, JSON.stringify(spec), 'define the value once and pass it where it is used, or give the second value another path')]);
    }
    return HelmValue._create(registry, prior);
  }
  const definition: HelmValueDefinition = { path: spec.path, default: spec.default, spec, definedAt: scope.node.path || '<root>' };
  return HelmValue._create(registry, registry.register(definition));
}

function schemaType(t: HelmValueType): string {
  return t === HelmValueType.LIST ? 'array' : t;
}

