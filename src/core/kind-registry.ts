import { IConstruct } from 'constructs';
import { OpsError } from './ops-error';
import { Problem, problem } from './problem';

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
}

const REGISTRIES = new WeakMap<IConstruct, KindRegistry>();

/**
 * The kinds known to one construct tree (one app), beyond the built-in Kubernetes kinds.
 *
 * A `CustomResourceDefinition` registers each of its served versions here, so the synth pipeline
 * checks custom resources against their schema (tier 3) and strips `metadata.namespace` from
 * cluster-scoped custom kinds.
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

  private readonly kinds = new Map<string, KindDefinition>();
  private readonly owners = new Map<string, string>();

  private constructor() {}

  /**
   * Registers a kind. Registering it again with the same scope and the same validator object, or with no validator
   * (a scope-only registration, e.g. of a third-party kind an operator emits), is a no-op; a validator given for a
   * kind registered without one is added. Another scope, or another validator, is an error: which validator checks
   * a kind never depends on which constructs happen to exist or in which order they were created. (Register a
   * module-level validator object, not a new closure per construct.)
   *
   * @param definition the kind, its scope and validator
   * @param by the construct registering it, named in the error
   */
  public register(definition: KindDefinition, by: IConstruct): void {
    const key = KindRegistry.key(definition.apiVersion, definition.kind);
    const prior = this.kinds.get(key);
    if (prior === undefined) {
      this.kinds.set(key, definition);
      this.owners.set(key, by.node.path || '<root>');
      return;
    }
    if (prior.scope === definition.scope) {
      // the same validator, or a scope-only registration (no validator) beside one that checks: nothing conflicts
      if (definition.validator === undefined || prior.validator === definition.validator) return;
      if (prior.validator === undefined) {
        this.kinds.set(key, definition);
        this.owners.set(key, by.node.path || '<root>');
        return;
      }
    }
    const owner = this.owners.get(key);
    const problems = [problem('kind', `must be registered once: ${key} is already registered by ${owner} with ${prior.scope !== definition.scope ? `scope ${prior.scope}` : 'another validator'}`,
      key, 'define the kind in one place (one CustomResourceDefinition per kind; opskit\'s own kinds register one shared validator)')];
    throw OpsError.at(by, problems);
  }

  /** The registered definition of a kind, if any. */
  public lookup(apiVersion: string, kind: string): KindDefinition | undefined {
    return this.kinds.get(KindRegistry.key(apiVersion, kind));
  }

  /** Every registered kind, sorted by apiVersion and kind. */
  public get all(): KindDefinition[] {
    return [...this.kinds.values()].sort((a, b) =>
      KindRegistry.key(a.apiVersion, a.kind).localeCompare(KindRegistry.key(b.apiVersion, b.kind)));
  }

}
