/**
 * The shape of the generated descriptor of the public props (`generated/prop-types.ts`).
 *
 * A type is a primitive name (`string`, `number`, `boolean`, `any`, `object` — an instance of a class or a
 * behavioural interface —, `function`, `duration` — a cdk8s `Duration`) or one of `{ list }`, `{ map }`, `{ struct }`, `{ enum }`, `{ oneOf }`,
 * `{ literal }`.
 */
export type PropType =
  | string
  | { readonly list: PropType }
  | { readonly map: PropType }
  | { readonly struct: string }
  | { readonly enum: string }
  | { readonly oneOf: readonly PropType[] }
  | { readonly literal: readonly (string | number | boolean)[] };

/** One field of a struct: its type `t`, and `o: 1` when it is optional. */
export interface PropField {
  readonly t: PropType;
  readonly o?: 1;
}

/** Every struct (by name: its fields) and enum (by name: its values). */
export interface PropTypeDescriptor {
  readonly structs: Readonly<Record<string, Readonly<Record<string, PropField>>>>;
  readonly enums: Readonly<Record<string, readonly (string | number)[]>>;
}
