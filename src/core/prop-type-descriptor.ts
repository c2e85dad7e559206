/**
 * The shape of the generated descriptor of the public props (`generated/prop-types.ts`).
 *
 * A type is a primitive name (`string`, `number`, `boolean`, `any`, `integer` — a number prop tagged
 * `@integer`, which the consumer reads as an integer —, `object` — data typed by another package, such as
 * cdk8s's `ApiObjectMetadata` —, `duration` — a cdk8s `Duration` —, `function`) or one of `{ list }`, `{ map }`,
 * `{ struct }`, `{ enum }`, `{ oneOf }`, `{ literal }`, `{ instance }`, `{ iface }`.
 */
export type PropType =
  | string
  | { readonly list: PropType }
  | { readonly map: PropType }
  | { readonly struct: string }
  | { readonly enum: string }
  | { readonly oneOf: readonly PropType[] }
  | { readonly literal: readonly (string | number | boolean)[] }
  /**
   * An instance of a class (opskit's, cdk8s's, cdktn's), recognized by class name along its prototype chain;
   * `make` lists its static members and factories (`ProxyMode.IPVS`, `IntOrPercent.percent(…)`) for the fix.
   */
  | { readonly instance: string; readonly make?: readonly string[] }
  /**
   * An object implementing a behavioural interface (`IRuleSet`): it has every required member; `by` names the
   * public classes that implement it, when they are few.
   */
  | { readonly iface: string; readonly members: readonly string[]; readonly by?: readonly string[] };

/** One field of a struct: its type `t`, and `o: 1` when it is optional. */
export interface PropField {
  readonly t: PropType;
  readonly o?: 1;
}

/** Every struct (by name: its fields) and enum (by name: its values). */
export interface PropTypeDescriptor {
  readonly structs: Readonly<Record<string, Readonly<Record<string, PropField>>>>;
  readonly enums: Readonly<Record<string, readonly (string | number)[]>>;
  /**
   * Keys a struct accepts besides its declared fields (every other key is a problem, in every struct): cdk8s's
   * `ApiObjectMetadata` takes the other ObjectMeta fields, which cdk8s passes through.
   */
  readonly closed?: Readonly<Record<string, readonly string[]>>;
}
