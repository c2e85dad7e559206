/** An object without its `undefined` fields, in the same key order (emitted objects stay minimal and deterministic). */
export function definedFields<T extends object>(o: T): T {
  // fromEntries defines each key as its own field (even `__proto__`)
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
