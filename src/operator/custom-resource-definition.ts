import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ICustomResourceType } from './custom-resource-type';
import { crdLintWarningId, crdLints } from './model/crd-lints';
import { CrdVersionInput, crdNames, CustomResourceOptions, renderCrd, rootSchema, validateCustomResource, versionSchema } from './model/crd-render';
import type * as CrdRules from './model/crd-rules';
import { checkNames } from './model/crd-rules-names';
import { isDns1035Label } from '../core/names';
import { cloneJson, isPlainObject } from './model/json-schema';
import { SchemaValidationCache } from './model/schema-validation-cache';
import { pathMayExist } from './model/schema-walk';
import { Schema } from './schema';
import { checkProps } from '../core/check-props';
import { IObjectValidator, KindRegistry, KindScope, ValidatorSource } from '../core/kind-registry';
import { OpsError } from '../core/ops-error';
import { Engine, placedIn } from '../core/placement';
import { Problem, formatValue, nestProblems, problem } from '../core/problem';
import { reportPropsProblem, reportPropsProblems } from '../core/props-problems';
import { Validations } from '../core/validations';
import { warnProblem, Warnings } from '../core/warnings';
import { parseYaml } from '../core/yaml';

let crdRulesModule: typeof CrdRules | undefined;

/**
 * The API server's CRD rules (R1–R46, with the CEL compiler), loaded when a CRD is first checked: requiring opskit,
 * or a program without CRDs, never pays for them.
 */
function crdRules(): typeof CrdRules {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crdRulesModule ??= require('./model/crd-rules') as typeof CrdRules;
  return crdRulesModule;
}

/** The props key on which `fromObject` hands the constructor the imported object (keeps the constructor `(scope, id, props)`). */
const IMPORTED = Symbol('opskit.crd.imported');

/** Whether objects of a custom resource live in a namespace. */
export enum ResourceScope {
  /** Objects live in a namespace (the default). */
  NAMESPACED = 'Namespaced',
  /** Objects are cluster-wide. */
  CLUSTER = 'Cluster',
}

/** Type of a printer column. */
export enum PrinterColumnType {
  /** A whole number. */
  INTEGER = 'integer',
  /** A number. */
  NUMBER = 'number',
  /** Text. */
  STRING = 'string',
  /** true / false. */
  BOOLEAN = 'boolean',
  /** A timestamp shown as an age (e.g. `.metadata.creationTimestamp`). */
  DATE = 'date',
}

/**
 * A column `kubectl get` shows (`additionalPrinterColumns[]`, controller-gen `+kubebuilder:printcolumn`).
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#additional-printer-columns
 */
export interface PrinterColumn {
  /** Column header. */
  readonly name: string;
  /** Column type. */
  readonly type: PrinterColumnType;
  /** JSON path of the value, e.g. `.status.phase`. */
  readonly jsonPath: string;
  /** Description of the column. @default - none */
  readonly description?: string;
  /** Format: int32, int64, float, double, byte, date, date-time or password. @default - none */
  readonly format?: string;
  /** 0 shows the column by default, higher values only with `-o wide`. @default 0 @integer */
  readonly priority?: number;
}

/** The scale subresource (`+kubebuilder:subresource:scale`). */
export interface ScaleSubresource {
  /** Path of the desired replicas, e.g. `.spec.replicas`. */
  readonly specReplicasPath: string;
  /** Path of the observed replicas, e.g. `.status.replicas`. */
  readonly statusReplicasPath: string;
  /** Path of the label selector (string form) for the HPA, e.g. `.status.selector`. @default - none */
  readonly labelSelectorPath?: string;
}

/** One version of a CRD. */
export interface CustomResourceDefinitionVersion {
  /** Version name, e.g. `v1alpha1`. */
  readonly name: string;
  /** Whether the version is served by the API. @default true */
  readonly served?: boolean;
  /**
   * Whether objects are stored in this version.
   * @default - true for the only version without a `storage` setting when no version sets `storage: true`
   *   (so a single version is the storage version, as with controller-gen)
   */
  readonly storage?: boolean;
  /** Whether the version is deprecated. @default false */
  readonly deprecated?: boolean;
  /** Warning returned to clients of a deprecated version. @default - the API server's generic warning */
  readonly deprecationWarning?: string;
  /** The whole root schema (`openAPIV3Schema`). @default - built from `spec` and `status` */
  readonly schema?: Schema;
  /** Schema of `.spec` (required when given, as in the kubebuilder scaffold). @default - no spec */
  readonly spec?: Schema;
  /** Schema of `.status`. @default - no status */
  readonly status?: Schema;
  /** Description of the root schema. @default - none */
  readonly description?: string;
  /** Columns `kubectl get` prints. @default - none */
  readonly printerColumns?: PrinterColumn[];
  /** Enable the status subresource. @default - true when a `status` schema is given */
  readonly statusSubresource?: boolean;
  /** Enable the scale subresource. @default - none */
  readonly scale?: ScaleSubresource;
  /** JSON paths usable in field selectors, e.g. `.spec.color`. @default - none */
  readonly selectableFields?: string[];
}

/** The Service a conversion webhook is reached at. */
export interface ConversionWebhookService {
  /** Service name. */
  readonly name: string;
  /** Service namespace. */
  readonly namespace: string;
  /** URL path. @default "/convert" */
  readonly path?: string;
  /** Service port. @default 443 @integer */
  readonly port?: number;
}

/** Options of a conversion webhook. */
export interface ConversionWebhookOptions {
  /** The Service of the webhook (exactly one of service or url). @default - none */
  readonly service?: ConversionWebhookService;
  /** https URL of the webhook (exactly one of service or url). @default - none */
  readonly url?: string;
  /** PEM CA bundle, base64 (leave empty with cert-manager CA injection). @default - none */
  readonly caBundle?: string;
  /** ConversionReview versions the webhook understands. @default ["v1"] */
  readonly conversionReviewVersions?: string[];
}

/**
 * How objects are converted between versions (`spec.conversion`).
 *
 * @example
 * // served by the operator's own webhook (Operator.addConversionWebhook wires Service and CA injection)
 * const conversion = CustomResourceConversion.webhook({ service: { name: 'backup-operator-webhook', namespace: 'backup-operator-system' } });
 */
export class CustomResourceConversion {
  /** No conversion: only apiVersion changes (the default). */
  public static none(): CustomResourceConversion {
    return new CustomResourceConversion({ strategy: 'None' });
  }

  /** Conversion by a webhook. */
  public static webhook(options: ConversionWebhookOptions): CustomResourceConversion {
    const clientConfig: any = {};
    if (options.caBundle !== undefined) clientConfig.caBundle = options.caBundle;
    if (options.service) {
      clientConfig.service = { name: options.service.name, namespace: options.service.namespace, path: options.service.path ?? '/convert', port: options.service.port ?? 443 };
    }
    if (options.url !== undefined) clientConfig.url = options.url;
    return new CustomResourceConversion({
      strategy: 'Webhook',
      webhook: { clientConfig, conversionReviewVersions: [...(options.conversionReviewVersions ?? ['v1'])] },
    });
  }

  private constructor(private readonly json: any) {}

  /** The `spec.conversion` object. */
  public toJson(): any {
    return cloneJson(this.json);
  }
}

/** Props of a CustomResourceDefinition. */
export interface CustomResourceDefinitionProps {
  /** API group, a DNS subdomain with a dot, e.g. `backup.example.com`. */
  readonly group: string;
  /** Kind in CamelCase, e.g. `BackupPlan`. */
  readonly kind: string;
  /** Plural resource name. @default - lower(pluralize(kind)), as controller-gen */
  readonly plural?: string;
  /** Singular resource name. @default - lower(kind) */
  readonly singular?: string;
  /** Kind of lists. @default - kind + "List" */
  readonly listKind?: string;
  /** Short names for kubectl, e.g. `["bp"]`. @default - none */
  readonly shortNames?: string[];
  /** Categories for `kubectl get <category>`, e.g. `["all"]`. @default - none */
  readonly categories?: string[];
  /** Scope of the objects. @default ResourceScope.NAMESPACED */
  readonly scope?: ResourceScope;
  /** The versions (at least one). */
  readonly versions: CustomResourceDefinitionVersion[];
  /** Conversion between versions. @default - none (strategy None) */
  readonly conversion?: CustomResourceConversion;
  /** Labels of the CRD object. @default - none */
  readonly labels?: { [key: string]: string };
  /** Annotations of the CRD object (e.g. `api-approved.kubernetes.io`). @default - none */
  readonly annotations?: { [key: string]: string };
}

/**
 * An `apiextensions.k8s.io/v1` CustomResourceDefinition, checked at synth against every rule the API
 * server enforces (names, versions, conversion, subresources, printer columns, structural schema,
 * topology, CEL syntax and cost, defaults, RE2 patterns). Custom resources of its served versions are
 * validated against their schema at synth.
 *
 * @example
 * new CustomResourceDefinition(chart, 'BackupPlans', {
 *   group: 'backup.example.com',
 *   kind: 'BackupPlan',
 *   shortNames: ['bp'],
 *   versions: [{
 *     name: 'v1alpha1',
 *     spec: Schema.object({ properties: { schedule: Schema.string({ minLength: 1 }) }, required: ['schedule'] }),
 *     status: Schema.object({ properties: { conditions: Schema.conditions() } }),
 *     printerColumns: [{ name: 'Schedule', type: PrinterColumnType.STRING, jsonPath: '.spec.schedule' }],
 *   }],
 * });
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/
 */
export class CustomResourceDefinition extends Construct implements ICustomResourceType {
  /** Imports an existing CRD object: emitted unchanged, still checked against R1–R46. */
  public static fromObject(scope: Construct, id: string, obj: any): CustomResourceDefinition {
    // the object travels with this call, on a key only this module knows (no module-global state)
    const props: CustomResourceDefinitionProps & { [IMPORTED]?: { obj: any } } = { group: '', kind: '', versions: [], [IMPORTED]: { obj } };
    return new CustomResourceDefinition(scope, id, props);
  }

  /** Imports an existing CRD from YAML text (one document). */
  public static fromYaml(scope: Construct, id: string, text: string): CustomResourceDefinition {
    const docs: any[] = [];
    for (const [i, text_] of text.split(/^---[ \t]*$/m).entries()) {
      if (text_.trim() === '') continue;
      let doc: any;
      try {
        doc = parseYaml(text_);
      } catch (e) {
        const reason = String((e as Error)?.message ?? e).split('\n')[0];
        throw OpsError.of(scope, `text (document ${i + 1})`, 'must be valid YAML', reason, 'fix the YAML syntax at the position the parser names');
      }
      if (doc != null) docs.push(doc);
    }
    if (docs.length !== 1) {
      throw OpsError.of(scope, 'text', 'must contain exactly one YAML document', `${docs.length} documents`, 'split the file and import each CRD separately');
    }
    return CustomResourceDefinition.fromObject(scope, id, docs[0]);
  }

  /** API group. */
  public readonly group!: string;
  /** Kind. */
  public readonly kind!: string;
  /** Plural resource name. */
  public readonly plural!: string;
  /** Singular resource name. */
  public readonly singular!: string;
  /** `Namespaced` or `Cluster`. */
  public readonly scope!: string;
  /** The CRD's object name, `plural.group`. */
  public readonly name!: string;
  /** The underlying API object (escape hatch). */
  public readonly apiObject!: ApiObject;

  private readonly versions: CrdVersionInput[] = [];
  private readonly props?: CustomResourceDefinitionProps;
  private readonly imported?: any;
  /** One validator per served version, so registering again after `addVersion` is a no-op. */
  private readonly validators = new Map<string, IObjectValidator>();
  /** The CRD rendered from its props, once per change (`addVersion`); undefined until asked for. */
  private rendered?: any;
  /** Validation results of custom resources and the CEL programs of the schemas' rules. */
  private readonly validationCache = new SchemaValidationCache();

  public constructor(scope: Construct, id: string, props: CustomResourceDefinitionProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'CustomResourceDefinition'), id);
    const importing = (props as { [IMPORTED]?: { obj: any } } | undefined)?.[IMPORTED];
    if (importing) {
      const imported = importing.obj;
      if (!isPlainObject(imported)) if (!reportPropsProblem(this, 'obj', 'must be a CustomResourceDefinition object', Array.isArray(imported) ? 'a list' : formatValue(imported), 'pass the parsed manifest (one object)')) return;
      const shape = crdRules().checkCrd(imported).filter((p) => p.field === 'apiVersion');
      if (!reportPropsProblems(this, shape)) return;
      this.imported = cloneJson(imported);
      const spec = imported.spec ?? {};
      this.group = String(spec.group ?? '');
      this.kind = String(spec.names?.kind ?? '');
      this.plural = String(spec.names?.plural ?? '');
      this.singular = String(spec.names?.singular ?? this.kind.toLowerCase());
      this.scope = String(spec.scope ?? '');
      this.name = String(imported.metadata?.name ?? `${this.plural}.${this.group}`);
      this.apiObject = this.importObject(this.imported);
    } else {
      this.props = props;
      if (!checkProps(this, 'CustomResourceDefinitionProps', props)) return;
      if (!reportPropsProblems(this, this.checkProps(props))) return;
      const names = crdNames(props);
      this.group = props.group;
      this.kind = props.kind;
      this.plural = names.plural;
      this.singular = names.singular;
      this.scope = props.scope ?? ResourceScope.NAMESPACED;
      this.name = `${this.plural}.${this.group}`;
      for (const v of props.versions) this.versions.push(this.versionInput(v));
      this.apiObject = new ApiObject(this, 'Resource', {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: this.name, labels: props.labels, annotations: props.annotations },
        spec: Lazy.any({ produce: () => this.model().spec }),
      });
    }
    // check what is really emitted (escape-hatch patches and added annotations included)
    Validations.add(this, { problems: () => crdRules().checkCrd(this.apiObject.toJson()) });
    // what the API server accepts but is worth saying (no served version, a stale status)
    for (const lint of crdLints(this.model())) warnProblem(this, crdLintWarningId(lint), lint);
    this.registerKinds();
  }

  /** Adds a version (authored CRDs only). */
  public addVersion(version: CustomResourceDefinitionVersion): void {
    if (this.imported !== undefined) {
      if (!reportPropsProblem(this, 'versions', 'cannot be changed on an imported CRD', formatValue(version.name), 'edit the imported manifest instead')) return;
    }
    if (!reportPropsProblems(this, nestProblems(`versions[${this.versions.length}]`, this.checkVersion(version, this.versions.map((v) => v.name))))) return;
    this.versions.push(this.versionInput(version));
    this.rendered = undefined;
    this.registerKinds();
  }

  /** Names of all versions, sorted. */
  public get versionNames(): string[] {
    return this.versionObjects().map((v) => v.name).sort();
  }

  /** Name of the storage version (the first storage version, if the CRD wrongly has several). */
  public get storageVersion(): string {
    const v = this.versionObjects().find((x) => x.storage === true);
    return v ? v.name : '';
  }

  /** The root schema (`openAPIV3Schema`) of a version, as plain JSON. @default - the storage version */
  public schemaFor(version?: string): any {
    return cloneJson(versionSchema(this.model(), version ?? this.storageVersion));
  }

  /** @internal The root schema of a version as the CRD holds it (not a copy: never change it), or undefined. */
  public _schemaOf(version: string): any {
    return versionSchema(this.model(), version);
  }

  /**
   * @internal Validates a custom resource against `schema` (from `_schemaOf`) with the CRD's cache: the same
   * object validated again (by its construct, by the kind's validator, to write its defaults) is not re-checked.
   */
  public _validateResource(obj: any, schema: any, options: CustomResourceOptions = {}): { value: any; problems: Problem[] } {
    return validateCustomResource(obj, schema, { ...options, cache: this.validationCache });
  }

  /** @internal The subresources of a version, as plain JSON (undefined when it has none). */
  public _subresourcesFor(version: string): any {
    return cloneJson((this.versionObjects().find((v: any) => v.name === version) as any)?.subresources);
  }

  /** Whether a version exists and is served. */
  public isServed(version: string): boolean {
    return this.versionObjects().some((v) => v.name === version && v.served === true);
  }

  /**
   * The warning the API server returns to clients of a deprecated version: its `deprecationWarning`, or
   * the API server's generic `<group>/<version> <Kind> is deprecated`; `undefined` for a version that is
   * not deprecated (or does not exist).
   */
  public deprecationWarningFor(version: string): string | undefined {
    const v: any = this.versionObjects().find((x) => x.name === version);
    if (v?.deprecated !== true) return undefined;
    return typeof v.deprecationWarning === 'string' && v.deprecationWarning !== '' ? v.deprecationWarning : `${this.group}/${version} ${this.kind} is deprecated`;
  }

  /** The CRD object as it is emitted (escape-hatch patches and annotations added by other constructs included). */
  public toJson(): any {
    return this.apiObject.toJson();
  }

  /**
   * The CRD as declared (imported object or rendered props), without escape-hatch patches; not a copy. Rendered
   * once and again only after `addVersion`, so its schemas are shared by every reader (never change them).
   */
  private model(): any {
    if (this.imported !== undefined) return this.imported;
    if (this.rendered !== undefined) return this.rendered;
    const p = this.props!;
    this.rendered = renderCrd({
      group: p.group,
      kind: p.kind,
      plural: p.plural,
      singular: p.singular,
      listKind: p.listKind,
      shortNames: p.shortNames,
      categories: p.categories,
      scope: this.scope,
      versions: this.versions,
      conversion: p.conversion?.toJson(),
      labels: p.labels,
      annotations: p.annotations,
    });
    return this.rendered;
  }

  private versionObjects(): Array<{ name: string; storage?: boolean; served?: boolean }> {
    const list = this.model().spec?.versions;
    return Array.isArray(list) ? list.filter((v: any) => isPlainObject(v) && typeof v.name === 'string') : [];
  }

  private registerKinds(): void {
    const registry = KindRegistry.of(this);
    const kindScope = this.scope === 'Cluster' ? KindScope.CLUSTER : KindScope.NAMESPACED;
    for (const v of this.versionObjects()) {
      if (v.served !== true) continue;
      const name = v.name;
      let validator = this.validators.get(name);
      if (!validator) {
        validator = {
          validateObject: (obj: any): Problem[] => {
            const schema = this._schemaOf(name);
            return schema ? this._validateResource(obj, schema).problems : [];
          },
        };
        this.validators.set(name, validator);
      }
      registry.register({
        apiVersion: `${this.group}/${name}`, kind: this.kind, scope: kindScope, validator, validatorSource: ValidatorSource.CUSTOM_RESOURCE_DEFINITION,
      }, this);
    }
  }

  private importObject(obj: any): ApiObject {
    const { apiVersion, kind, metadata, ...rest } = obj;
    const api = new ApiObject(this, 'Resource', { apiVersion, kind, metadata: metadata ?? {}, ...rest });
    // cdk8s drops null values; put them back so the object is emitted unchanged
    for (const pointer of nullPointers(obj, '')) api.addJsonPatch(JsonPatch.add(pointer, null));
    return api;
  }

  private versionInput(v: CustomResourceDefinitionVersion): CrdVersionInput {
    const schema = v.schema
      ? v.schema.toJson()
      : rootSchema(v.spec?.toJson(), v.status?.toJson(), v.description);
    if (v.schema && v.description !== undefined) schema.description = v.description;
    for (const c of v.printerColumns ?? []) {
      if (typeof c.jsonPath === 'string' && !pathMayExist(schema, c.jsonPath)) {
        Warnings.add(this, 'opskit:operator/printer-column-path', `version ${v.name}: printer column "${c.name}" reads ${c.jsonPath}, which is not a field of the schema (the column is always empty) — fix the jsonPath or declare the field`);
      }
    }
    return {
      name: v.name,
      served: v.served,
      storage: v.storage,
      deprecated: v.deprecated,
      deprecationWarning: v.deprecationWarning,
      schema,
      additionalPrinterColumns: v.printerColumns?.map((c) => {
        const col: any = {};
        if (c.description !== undefined) col.description = c.description;
        if (c.format !== undefined) col.format = c.format;
        col.jsonPath = c.jsonPath;
        col.name = c.name;
        if (c.priority !== undefined) col.priority = c.priority;
        col.type = c.type;
        return col;
      }),
      status: v.statusSubresource ?? v.status !== undefined,
      scale: v.scale ? { ...v.scale } : undefined,
      selectableFields: v.selectableFields,
    };
  }

  private checkProps(p: CustomResourceDefinitionProps): Problem[] {
    const out: Problem[] = [];
    const kindOk = typeof p.kind === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(p.kind);
    if (typeof p.group !== 'string' || p.group === '') out.push(problem('group', 'is required', p.group, 'give the API group, e.g. "backup.example.com"'));
    if (!kindOk) out.push(problem('kind', 'must be CamelCase starting with an uppercase letter', p.kind, 'use e.g. "BackupPlan"'));
    if (p.scope !== undefined && !Object.values(ResourceScope).includes(p.scope)) out.push(problem('scope', 'must be ResourceScope.NAMESPACED or ResourceScope.CLUSTER', p.scope, 'use a ResourceScope value'));
    if (kindOk && typeof p.group === 'string' && p.group !== '') out.push(...namesProblems(p));
    if (!Array.isArray(p.versions) || p.versions.length === 0) {
      out.push(problem('versions', 'must list at least one version', p.versions, 'add { name: "v1alpha1", spec: Schema.object(...) }'));
      return out;
    }
    p.versions.forEach((v, i) => out.push(...nestProblems(`versions[${i}]`, this.checkVersion(v, p.versions.slice(0, i).map((x) => x.name)))));
    return out;
  }

  private checkVersion(v: CustomResourceDefinitionVersion, earlier: string[]): Problem[] {
    const out: Problem[] = [];
    if (!isDns1035Label(v.name)) {
      out.push(problem('name', 'must be a DNS-1035 label (e.g. v1, v1beta1)', v.name, 'use a lowercase version name such as "v1alpha1"', 'R9'));
    } else if (earlier.includes(v.name)) {
      out.push(problem('name', 'must be unique among the versions', v.name, 'remove or rename the duplicate version', 'R9'));
    }
    if (v.schema && (v.spec || v.status)) {
      out.push(problem('schema', 'must not be combined with spec or status', 'schema + spec/status', 'give either the whole root schema or spec/status'));
    }
    for (const key of ['schema', 'spec', 'status'] as const) {
      if (v[key] && !Array.isArray((v[key] as any).problems)) {
        out.push(problem(key, 'must be a Schema (built with Schema.object(...) and the other Schema factories)', v[key], 'build it with the Schema factories'));
        return out;
      }
    }
    if (v.schema) out.push(...nestProblems('schema', v.schema.problems));
    if (v.spec) out.push(...nestProblems('spec', v.spec.problems));
    if (v.status) out.push(...nestProblems('status', v.status.problems));
    if (v.scale && !(v.schema && v.schema.problems.length > 0)) {
      const root = v.schema ? v.schema.toJson() : rootSchema(v.spec?.toJson(), v.status?.toJson(), undefined);
      for (const key of ['specReplicasPath', 'statusReplicasPath', 'labelSelectorPath'] as const) {
        const path = v.scale[key];
        if (typeof path === 'string' && path !== '' && !pathMayExist(root, path)) {
          out.push(problem(`scale.${key}`, 'must point to a field declared in the version\'s schema (the API server prunes undeclared fields, so the /scale subresource could never read it)', path, `declare the field in ${path.startsWith('.status.') ? 'status' : 'spec'}, e.g. Schema.integer({ minimum: 0 }) for replicas, or fix the path`));
        }
      }
    }
    for (const [i, c] of (v.printerColumns ?? []).entries()) {
      if (!Object.values(PrinterColumnType).includes(c.type)) out.push(problem(`printerColumns[${i}].type`, 'must be a PrinterColumnType', c.type, 'use PrinterColumnType.STRING, INTEGER, NUMBER, BOOLEAN or DATE'));
      if (typeof c.name !== 'string' || c.name.trim() === '') out.push(problem(`printerColumns[${i}].name`, 'must be a non-empty column header', c.name, 'name the column, e.g. "Ready"', 'R19'));
      if (c.priority !== undefined && !(Number.isInteger(c.priority) && c.priority >= 0)) {
        out.push(problem(`printerColumns[${i}].priority`, 'must be an integer >= 0 (0 shows the column by default, higher values only with -o wide)', c.priority, 'use 0, or 1 for a wide-only column'));
      }
    }
    return out;
  }
}

/**
 * The API server's rules on the group and names (R2, R4–R6), checked on the props at construction so the
 * error names the prop; the rules that escape-hatch changes can still fix (R1, R7) wait for synth.
 */
function namesProblems(p: CustomResourceDefinitionProps): Problem[] {
  const names = crdNames(p);
  const stub = {
    metadata: { name: `${names.plural}.${p.group}`, annotations: { 'api-approved.kubernetes.io': 'checked at synth' } },
    spec: {
      group: p.group,
      names: { ...names, shortNames: p.shortNames, categories: p.categories },
      scope: p.scope ?? ResourceScope.NAMESPACED,
    },
  };
  return checkNames(stub)
    .filter((x) => x.rule !== 'R1' && x.rule !== 'R3' && x.rule !== 'R7')
    .map((x) => ({ ...x, field: x.field.replace(/^spec\.names\./, '').replace(/^spec\./, '') }));
}


/** JSON pointers of every null value in an object (not inside arrays). */
function nullPointers(x: any, base: string): string[] {
  if (!isPlainObject(x)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(x)) {
    const p = `${base}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (v === null) out.push(p);
    else out.push(...nullPointers(v, p));
  }
  return out;
}
