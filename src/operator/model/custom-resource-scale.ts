/**
 * The scale subresource's checks on a custom resource at create (the registry's ValidateScaleSpec and
 * ValidateScaleStatus): the value at specReplicasPath and statusReplicasPath, when present, is an integer from 0
 * to 2147483647, every step of the path before it is an object, and the value at labelSelectorPath is a string.
 * With the status subresource on, create drops status first, so status paths are not checked.
 */
import { isPlainObject } from './json-schema';
import { Problem, problem } from '../../core/problem';

/** The scale subresource of a CRD version. */
export interface ScaleSubresource {
  readonly specReplicasPath?: string;
  readonly statusReplicasPath?: string;
  readonly labelSelectorPath?: string;
}

type Found = { value: unknown; problem?: string } | undefined;

/** What unstructured.NestedFieldNoCopy finds at a dotted path (undefined when absent). */
function lookup(obj: any, path: string): Found {
  const steps = path.replace(/^\./, '').split('.');
  let cur: any = obj;
  for (let i = 0; i < steps.length; i++) {
    if (!isPlainObject(cur)) {
      return { value: undefined, problem: `${steps.slice(0, i).join('.')} must be an object to hold ${path}` };
    }
    if (!(steps[i] in cur)) return undefined;
    cur = cur[steps[i]];
  }
  return { value: cur };
}

/** Problems of a custom resource (defaults applied) against its version's scale subresource. */
export function scaleProblems(obj: any, scale: ScaleSubresource | undefined, statusSubresource: boolean): Problem[] {
  if (!scale) return [];
  const out: Problem[] = [];
  const target = statusSubresource && isPlainObject(obj) ? { ...obj, status: undefined } : obj;
  if (statusSubresource && isPlainObject(target)) delete (target as any).status;
  for (const path of [scale.specReplicasPath, scale.statusReplicasPath]) {
    if (typeof path !== 'string') continue;
    const found = lookup(target, path);
    if (!found) continue;
    const field = path.replace(/^\./, '');
    if (found.problem) {
      out.push(problem(field, found.problem, undefined, 'give the replicas path the objects it goes through', 'scale/replicas'));
    } else if (typeof found.value !== 'number' || !Number.isInteger(found.value)) {
      out.push(problem(field, 'must be an integer (the scale subresource reads the replicas here)', found.value, 'give the replica count as an integer', 'scale/replicas'));
    } else if (found.value < 0 || found.value > 2147483647) {
      out.push(problem(field, 'must be from 0 to 2147483647 (scale subresource replicas)', found.value, 'give a non-negative 32-bit replica count', 'scale/replicas'));
    }
  }
  if (typeof scale.labelSelectorPath === 'string' && scale.labelSelectorPath !== '') {
    const found = lookup(target, scale.labelSelectorPath);
    const field = scale.labelSelectorPath.replace(/^\./, '');
    if (found?.problem) {
      out.push(problem(field, found.problem, undefined, 'give the selector path the objects it goes through', 'scale/selector'));
    } else if (found && typeof found.value !== 'string') {
      out.push(problem(field, 'must be a string (the scale subresource reads the label selector here)', found.value, 'write the selector as a string, e.g. "app=web"', 'scale/selector'));
    }
  }
  return out;
}
