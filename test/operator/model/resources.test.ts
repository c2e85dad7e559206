import { parseQuantity } from '../../../src/core/quantity';
import { resourceProblems } from '../../../src/operator/model/resources';

describe('parseQuantity', () => {
  test.each([
    ['500m', 0.5],
    ['1', 1],
    ['1.5', 1.5],
    ['64Mi', 64 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['2k', 2000],
    ['1e3', 1000],
    ['100u', 100e-6],
  ])('%s = %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  test.each(['', 'abc', '1 Mi', '1mi', '1.2.3'])('%j is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('resourceProblems', () => {
  const valid = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };

  test('accepts kubebuilder\'s defaults', () => {
    expect(resourceProblems('resources', valid)).toEqual([]);
  });

  test.each([
    ['a malformed quantity', { ...valid, limits: { ...valid.limits, cpu: 'half' } }, ['resources.limits.cpu']],
    ['a request above its limit', { ...valid, requests: { cpu: '1', memory: '64Mi' } }, ['resources.requests.cpu']],
    ['a missing memory limit', { requests: valid.requests, limits: { cpu: '1' } }, ['resources.limits.memory']],
    ['missing requests', { limits: valid.limits }, ['resources.requests.cpu', 'resources.requests.memory']],
    ['an invalid resource name', { ...valid, limits: { ...valid.limits, 'nvidia gpu': '1' } }, ['resources.limits.nvidia gpu']],
  ])('reports %s', (_name, resources, fields) => {
    expect(resourceProblems('resources', resources).map((p) => p.field)).toEqual(fields);
  });

  test('accepts extended resource names', () => {
    expect(resourceProblems('resources', { ...valid, limits: { ...valid.limits, 'nvidia.com/gpu': '1', 'ephemeral-storage': '1Gi' } })).toEqual([]);
  });
});
