import { IConstruct } from 'constructs';
import { OpsError } from './ops-error';
import { Problem } from './problem';

/** Whether objects of a kind live in a namespace. */
export enum KindScope {
  /** Objects live in a namespace (`metadata.namespace` applies). */
  NAMESPACED = 'Namespaced',
  /** Objects are cluster-wide; `metadata.namespace` is removed at synth. */
  CLUSTER = 'Cluster',
}

/** Something that checks a Kubernetes object and returns what is wrong with it. */
export interface IObjectValidator {
  /** Returns the problems of the object (fields as paths inside the object, e.g. `spec.schedule`). */
  validateObject(obj: any): Problem[];
}

/**
 * Where a kind's validator comes from. A CustomResourceDefinition in the app is the schema the API server will
 * check, so it wins over a library's own checks of the same kind, whatever the order of registration.
 */
export enum ValidatorSource {
  /** The schema of a `CustomResourceDefinition` in the app (e.g. an imported prometheus-operator CRD). */
  CUSTOM_RESOURCE_DEFINITION = 'CustomResourceDefinition',
  /** A library's own checks of a kind defined elsewhere (opskit's ServiceMonitor/PodMonitor/PrometheusRule checks). */
  BUILT_IN = 'built-in',
}

/** A kind whose schema is known to the app: built-in kinds are known already; CRDs register theirs. */
export interface KindDefinition {
  /** `group/version`, or `version` for the core group. */
  readonly apiVersion: string;
  /** The kind, e.g. `BackupPlan`. */
  readonly kind: string;
  /** Whether its objects are namespaced. */
  readonly scope: KindScope;
  /** Checks an object of this kind. @default - objects of this kind are not checked */
  readonly validator?: IObjectValidator;
  /**
   * Where the validator comes from: a CRD's validator checks the kind even when a built-in one is registered too.
   * @default ValidatorSource.BUILT_IN
   */
  readonly validatorSource?: ValidatorSource;
}

const REGISTRIES = new WeakMap<IConstruct, KindRegistry>();

/** A validator and the construct path that registered it. */
interface Registered {
  readonly validator: IObjectValidator;
  readonly owner: string;
}

/** What is known of one kind: its scope (and who declared it first) and at most one validator per source. */
interface KindEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly scope: KindScope;
  readonly scopeOwner: string;
  readonly validators: Map<ValidatorSource, Registered>;
}

/**
 * The kinds known to one construct tree (one app), beyond the built-in Kubernetes kinds.
 *
 * A `CustomResourceDefinition` registers each of its served versions here, so the synth pipeline checks custom
 * resources against their schema (tier 3) and strips `metadata.namespace` from cluster-scoped custom kinds.
 * opskit's own checks of kinds defined elsewhere (the prometheus-operator kinds) register as
 * `ValidatorSource.BUILT_IN`; a CRD of the same kind in the app checks those objects instead, in any order.
 */
export class KindRegistry {
  /** The registry of the tree `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): KindRegistry {
    const root = scope.node.root;
    let registry = REGISTRIES.get(root);
    if (!registry) {
      registry = new KindRegistry();
      REGISTRIES.set(root, registry);
    }
    return registry;
  }

  private static key(apiVersion: string, kind: string): string {
    return `${apiVersion}/${kind}`;
  }

  private readonly kinds = new Map<string, KindEntry>();

  private constructor() {}

  /**
   * Registers a kind. One validator per kind and source: registering the same validator object again, or no
   * validator (a scope-only registration, e.g. of a third-party kind an operator emits), is a no-op; a CRD's
   * validator and a built-in one for the same kind coexist, and the CRD's checks the objects. Another scope, or
   * another validator from the same source, is an error naming both construct paths: which validator checks a kind
   * never depends on which constructs exist or in which order they were created. (Register a module-level
   * validator object, not a new closure per construct.)
   *
   * @param definition the kind, its scope, validator and the validator's source
   * @param by the construct registering it, named in the error
   */
  public register(definition: KindDefinition, by: IConstruct): void {
    const key = KindRegistry.key(definition.apiVersion, definition.kind);
    const path = by.node.path || '<root>';
    let entry = this.kinds.get(key);
    if (entry === undefined) {
      entry = { apiVersion: definition.apiVersion, kind: definition.kind, scope: definition.scope, scopeOwner: path, validators: new Map() };
      this.kinds.set(key, entry);
    } else if (entry.scope !== definition.scope) {
      throw OpsError.at(by, [conflict(key, `${entry.scopeOwner} with scope ${entry.scope}`, path, `scope ${definition.scope}`)]);
    }
    if (definition.validator === undefined) return;
    const source = definition.validatorSource ?? ValidatorSource.BUILT_IN;
    const prior = entry.validators.get(source);
    if (prior === undefined) {
      entry.validators.set(source, { validator: definition.validator, owner: path });
    } else if (prior.validator !== definition.validator) {
      const what = source === ValidatorSource.CUSTOM_RESOURCE_DEFINITION ? 'the schema of another CustomResourceDefinition' : 'another built-in validator';
      throw OpsError.at(by, [conflict(key, `${prior.owner} with ${what}`, path, what)]);
    }
  }

  /**
   * The registered definition of a kind, if any, with the validator that checks its objects: the CRD's when one is
   * registered, else the built-in one, else none.
   */
  public lookup(apiVersion: string, kind: string): KindDefinition | undefined {
    const entry = this.kinds.get(KindRegistry.key(apiVersion, kind));
    return entry === undefined ? undefined : definitionOf(entry);
  }

  /** Every registered kind, sorted by apiVersion and kind. */
  public get all(): KindDefinition[] {
    return [...this.kinds.values()].map(definitionOf).sort((a, b) =>
      KindRegistry.key(a.apiVersion, a.kind).localeCompare(KindRegistry.key(b.apiVersion, b.kind)));
  }
}

function definitionOf(entry: KindEntry): KindDefinition {
  for (const source of [ValidatorSource.CUSTOM_RESOURCE_DEFINITION, ValidatorSource.BUILT_IN]) {
    const registered = entry.validators.get(source);
    if (registered) {
      return { apiVersion: entry.apiVersion, kind: entry.kind, scope: entry.scope, validator: registered.validator, validatorSource: source };
    }
  }
  return { apiVersion: entry.apiVersion, kind: entry.kind, scope: entry.scope };
}

function conflict(key: string, prior: string, path: string, now: string): Problem {
  return {
    field: 'kind',
    expected: `must be registered once: ${key} is already registered by ${prior}`,
    got: `${now} from ${path}`,
    fix: 'define the kind in one place (one CustomResourceDefinition per kind; a library registers one shared validator object per kind)',
  };
}
