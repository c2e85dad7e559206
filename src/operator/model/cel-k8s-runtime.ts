/**
 * Run-time implementations, for `@bufbuild/cel`, of the Kubernetes CEL library functions opskit evaluates when it
 * validates a custom resource: regex (`find`, `findAll`), lists (`isSorted`, `sum`, `min`, `max`, `indexOf`,
 * `lastIndexOf`), quantity, and the sets extension. Rules calling other library functions (url, ip, cidr,
 * semver, format, optionals) are not evaluated offline.
 *
 * Opaque values (a Quantity) are maps with one marker key, so they travel through the evaluator as CEL values.
 *
 * Pure: no I/O. Loaded with `@bufbuild/cel` on first evaluation.
 */
import { parseQuantity } from '../../core/quantity';

/** Functions (by CEL name) evaluated here, beyond standard CEL and the strings extension. */
export const KUBERNETES_RUNTIME_FUNCTIONS = new Set([
  'find', 'findAll', 'isSorted', 'sum', 'min', 'max', 'indexOf', 'lastIndexOf',
  'quantity', 'isQuantity', 'isInteger', 'asInteger', 'asApproximateFloat', 'sign', 'add', 'sub', 'isLessThan', 'isGreaterThan', 'compareTo',
  'contains', 'equivalent', 'intersects',
]);

const QUANTITY_KEY = '@kubernetes.Quantity';

class Unsupported extends Error {
  constructor(what: string) {
    super(`unsupported offline: ${what}`);
  }
}

/** A JS RegExp equivalent to an RE2 pattern, when the translation is exact. */
function jsRegExp(pattern: string, global: boolean): RegExp {
  if (/\(\?|\\[zACpPQE]|\[\[:/.test(pattern)) throw new Unsupported(`regular expression ${pattern}`);
  return new RegExp(pattern, global ? 'gu' : 'u');
}

function compare(a: any, b: any): number {
  if (typeof a === 'bigint' || typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  throw new Unsupported('comparison of this element type');
}

function celEquals(a: any, b: any): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return Number(a) === Number(b);
  if (typeof a?.get === 'function' && typeof b?.get === 'function' && typeof a?.keys === 'function') {
    const keys = [...a.keys()];
    return keys.length === [...b.keys()].length && keys.every((k) => celEquals(a.get(k), b.get(k)));
  }
  if (typeof a?.[Symbol.iterator] === 'function' && typeof b?.[Symbol.iterator] === 'function' && typeof a !== 'string') {
    const x = [...a];
    const y = [...b];
    return x.length === y.length && x.every((v, i) => celEquals(v, y[i]));
  }
  return a === b;
}

function quantityValue(q: any): number {
  const v = typeof q?.get === 'function' ? q.get(QUANTITY_KEY) : undefined;
  if (typeof v !== 'number') throw new Unsupported('quantity');
  return v;
}

/** The Kubernetes functions as `@bufbuild/cel` functions. */
export function kubernetesRuntimeFunctions(cel: any): any[] {
  const { celFunc, celMethod, CelScalar, listType } = cel;
  const DYN = CelScalar.DYN;
  const LIST = listType(DYN);
  const quantity = (s: string) => {
    const v = parseQuantity(s);
    if (v === undefined) throw new Error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    return new Map([[QUANTITY_KEY, v]]);
  };
  const items = (l: any): any[] => [...l];
  const extreme = (sign: number) => function (this: any) {
    const a = items(this);
    if (a.length === 0) throw new Error(`${sign > 0 ? 'max' : 'min'} called on empty list`);
    return a.reduce((m, x) => (compare(x, m) * sign > 0 ? x : m));
  };
  return [
    celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (this: string, re: string) {
      const m = jsRegExp(re, false).exec(this);
      return m ? m[0] : '';
    }),
    celMethod('findAll', CelScalar.STRING, [CelScalar.STRING], listType(CelScalar.STRING), function (this: string, re: string) {
      return [...this.matchAll(jsRegExp(re, true))].map((m) => m[0]);
    }),
    celMethod('findAll', CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], listType(CelScalar.STRING), function (this: string, re: string, n: bigint) {
      const all = [...this.matchAll(jsRegExp(re, true))].map((m) => m[0]);
      return n < 0n ? all : all.slice(0, Number(n));
    }),
    celMethod('isSorted', LIST, [], CelScalar.BOOL, function (this: any) {
      const a = items(this);
      return a.every((x, i) => i === 0 || compare(a[i - 1], x) <= 0);
    }),
    celMethod('sum', LIST, [], DYN, function (this: any) {
      const a = items(this);
      if (a.some((x) => typeof x !== 'bigint' && typeof x !== 'number')) throw new Unsupported('sum of this element type');
      if (a.length === 0) return 0n;
      return a.reduce((s, x) => (typeof x === 'bigint' ? s + x : Number(s) + x));
    }),
    celMethod('min', LIST, [], DYN, extreme(-1)),
    celMethod('max', LIST, [], DYN, extreme(1)),
    celMethod('indexOf', LIST, [DYN], CelScalar.INT, function (this: any, x: any) {
      return BigInt(items(this).findIndex((y) => celEquals(x, y)));
    }),
    celMethod('lastIndexOf', LIST, [DYN], CelScalar.INT, function (this: any, x: any) {
      const a = items(this);
      for (let i = a.length - 1; i >= 0; i--) if (celEquals(x, a[i])) return BigInt(i);
      return -1n;
    }),
    celFunc('quantity', [CelScalar.STRING], DYN, quantity),
    celFunc('isQuantity', [CelScalar.STRING], CelScalar.BOOL, (s: string) => parseQuantity(s) !== undefined),
    celFunc('sign', [DYN], CelScalar.INT, (q: any) => BigInt(Math.sign(quantityValue(q)))),
    celMethod('isInteger', DYN, [], CelScalar.BOOL, function (this: any) {
      const v = quantityValue(this);
      return Number.isInteger(v) && Math.abs(v) < 2 ** 63;
    }),
    celMethod('asInteger', DYN, [], CelScalar.INT, function (this: any) {
      const v = quantityValue(this);
      if (!Number.isInteger(v) || Math.abs(v) >= 2 ** 63) throw new Error('cannot convert value to integer');
      return BigInt(v);
    }),
    celMethod('asApproximateFloat', DYN, [], CelScalar.DOUBLE, function (this: any) {
      return quantityValue(this);
    }),
    celMethod('add', DYN, [DYN], DYN, function (this: any, o: any) {
      return new Map([[QUANTITY_KEY, quantityValue(this) + (typeof o === 'bigint' ? Number(o) : quantityValue(o))]]);
    }),
    celMethod('sub', DYN, [DYN], DYN, function (this: any, o: any) {
      return new Map([[QUANTITY_KEY, quantityValue(this) - (typeof o === 'bigint' ? Number(o) : quantityValue(o))]]);
    }),
    celMethod('isLessThan', DYN, [DYN], CelScalar.BOOL, function (this: any, o: any) {
      return quantityValue(this) < quantityValue(o);
    }),
    celMethod('isGreaterThan', DYN, [DYN], CelScalar.BOOL, function (this: any, o: any) {
      return quantityValue(this) > quantityValue(o);
    }),
    celMethod('compareTo', DYN, [DYN], CelScalar.INT, function (this: any, o: any) {
      return BigInt(Math.sign(quantityValue(this) - quantityValue(o)));
    }),
    celFunc('sets.contains', [LIST, LIST], CelScalar.BOOL, (a: any, b: any) => items(b).every((x) => items(a).some((y) => celEquals(x, y)))),
    celFunc('sets.intersects', [LIST, LIST], CelScalar.BOOL, (a: any, b: any) => items(b).some((x) => items(a).some((y) => celEquals(x, y)))),
    celFunc('sets.equivalent', [LIST, LIST], CelScalar.BOOL, (a: any, b: any) => items(b).every((x) => items(a).some((y) => celEquals(x, y)))
      && items(a).every((x) => items(b).some((y) => celEquals(x, y)))),
  ];
}

/** Whether an error thrown while evaluating means "not evaluable offline" (then the rule is not checked). */
export function isUnsupportedEvaluation(e: unknown): boolean {
  return e instanceof Unsupported;
}
