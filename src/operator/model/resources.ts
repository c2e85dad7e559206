import { qualifiedNameProblems } from '../../core/names';
import { Problem, problem } from '../../core/problem';
import { parseQuantity } from '../../core/quantity';

/** Compute resources of a container: `requests` and `limits` by resource name (`cpu`, `memory`, ...). */
export interface ResourceRequirementsData {
  readonly requests?: Record<string, string>;
  readonly limits?: Record<string, string>;
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
