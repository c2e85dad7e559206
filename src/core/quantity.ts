import { Problem, problem } from './problem';

/*
 * Kubernetes quantities (`resource.ParseQuantity` of `k8s.io/apimachinery/pkg/api/resource`, v0.37.2): the one
 * parser used by every domain. Like the API server it accepts a sign, digits with an optional fraction (either
 * part may be empty: `.5`, `1.`), and one suffix: binary `Ki`…`Ei`, decimal `n u m k M G T P E`, or an exponent
 * `e3` / `E-2`.
 */

const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const SUFFIX: Record<string, number> = {
  '': 1,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/** The value of a Kubernetes quantity (`500m` → 0.5, `64Mi` → 67108864), or `undefined` when it is not one. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const magnitude = Number(`${m[2] || '0'}.${m[3] || '0'}`);
  const suffix = m[4] ?? '';
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  const value = magnitude * scale;
  return m[1] === '-' ? -value : value;
}

/** Whether the text is a Kubernetes quantity. */
export function isQuantity(text: unknown): boolean {
  return parseQuantity(text) !== undefined;
}

/** The problem of a quantity that must not be negative, or none; `undefined` is not checked. */
export function quantityProblems(field: string, value: unknown, fix = 'use e.g. "100m" for CPU or "128Mi" for memory', rule?: string): Problem[] {
  if (value === undefined) return [];
  const q = typeof value === 'string' ? parseQuantity(value) : undefined;
  return q === undefined || q < 0 ? [problem(field, 'must be a non-negative Kubernetes quantity', value, fix, rule)] : [];
}
