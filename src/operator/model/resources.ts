import { Problem, problem } from '../../core/problem';
import { qualifiedNameProblems } from '../../core/schema/api-rules';

/** Compute resources of a container: `requests` and `limits` by resource name (`cpu`, `memory`, ...). */
export interface ResourceRequirementsData {
  readonly requests?: Record<string, string>;
  readonly limits?: Record<string, string>;
}

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** The value of a Kubernetes quantity (`500m` → 0.5, `64Mi` → 67108864); `undefined` when it is not one. */
export function parseQuantity(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix === '') return n;
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return n * SUFFIX[suffix];
}

/**
 * The problems of a container's resources: quantities well formed and not negative, every limit at least
 * its request, and — since a controller without limits can starve its node and one without requests is
 * scheduled anywhere — `cpu` and `memory` requested and `memory` limited.
 */
export function resourceProblems(field: string, resources: ResourceRequirementsData): Problem[] {
  const problems: Problem[] = [];
  for (const kind of ['requests', 'limits'] as const) {
    for (const [name, value] of Object.entries(resources[kind] ?? {})) {
      for (const p of qualifiedNameProblems(`${field}.${kind}.${name}`, name)) {
        problems.push({ ...p, expected: 'must be a resource name such as "cpu", "memory", "ephemeral-storage" or "nvidia.com/gpu"', fix: 'rename the resource' });
      }
      const q = typeof value === 'string' ? parseQuantity(value) : undefined;
      if (q === undefined || q < 0) {
        problems.push(problem(`${field}.${kind}.${name}`, 'must be a non-negative Kubernetes quantity', value, 'use e.g. "100m" for CPU or "128Mi" for memory'));
      }
    }
  }
  for (const [name, limit] of Object.entries(resources.limits ?? {})) {
    const request = resources.requests?.[name];
    if (request === undefined) continue;
    const l = parseQuantity(limit);
    const r = parseQuantity(request);
    if (l !== undefined && r !== undefined && r > l) {
      problems.push(problem(`${field}.requests.${name}`, `must not exceed the limit ${JSON.stringify(limit)}`, request, `lower the request or raise the limit of ${name}`));
    }
  }
  for (const name of ['cpu', 'memory']) {
    if (resources.requests?.[name] === undefined) {
      problems.push(problem(`${field}.requests.${name}`, 'is required (a controller without requests is scheduled onto full nodes)', undefined, `set requests.${name}, e.g. ${name === 'cpu' ? '"10m"' : '"64Mi"'}`));
    }
  }
  if (resources.limits?.memory === undefined) {
    problems.push(problem(`${field}.limits.memory`, 'is required (a leaking controller without a memory limit can exhaust its node)', undefined, 'set limits.memory, e.g. "128Mi"'));
  }
  return problems;
}
