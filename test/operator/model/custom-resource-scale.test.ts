import { scaleProblems } from '../../../src/operator/model/custom-resource-scale';

const SCALE = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' };

describe('scaleProblems', () => {
  test.each([
    ['no replicas anywhere', {}, false, []],
    ['valid replicas and selector', { spec: { replicas: 3 }, status: { replicas: 2, selector: 'app=web' } }, false, []],
    ['negative spec replicas', { spec: { replicas: -1 } }, false, ['spec.replicas']],
    ['spec replicas beyond int32', { spec: { replicas: 2147483648 } }, false, ['spec.replicas']],
    ['spec replicas as a string', { spec: { replicas: '3' } }, false, ['spec.replicas']],
    ['spec that is not an object', { spec: 'x' }, false, ['spec.replicas']],
    ['a selector that is not a string', { status: { selector: { app: 'web' } } }, false, ['status.selector']],
    ['bad status replicas dropped with the status subresource', { status: { replicas: -5 } }, true, []],
    ['bad status replicas without the status subresource', { status: { replicas: -5 } }, false, ['status.replicas']],
  ])('%s', (_name, obj, statusSubresource, fields) => {
    // WHEN
    const problems = scaleProblems(obj, SCALE, statusSubresource as boolean);
    // THEN
    expect(problems.map((p) => p.field)).toEqual(fields);
  });

  test('nothing to check without a scale subresource', () => {
    expect(scaleProblems({ spec: { replicas: -1 } }, undefined, false)).toEqual([]);
  });
});
