import { isQuantity, parseQuantity, quantityProblems } from '../../src/core/quantity';

// Verdicts and values of resource.ParseQuantity (k8s.io/apimachinery/pkg/api/resource v0.37.2).
describe('quantity', () => {
  test.each([
    ['500m', 0.5],
    ['64Mi', 67108864],
    ['1Gi', 2 ** 30],
    ['1k', 1000],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['0', 0],
    ['-1', -1],
    ['+1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1.', 1],
    ['1.G', 1e9],
    ['.', 0],
    ['e3', 0],
    ['Ki', 0],
    ['1K', undefined],
    ['1mi', undefined],
    ['1e', undefined],
    ['1E+', undefined],
    ['1 Mi', undefined],
    ['', undefined],
    ['abc', undefined],
  ])('%p is %p', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
    expect(isQuantity(text)).toBe(value !== undefined);
  });

  test('quantityProblems rejects negative and malformed values', () => {
    expect(quantityProblems('requests.cpu', '100m')).toEqual([]);
    expect(quantityProblems('requests.cpu', '-1')).toEqual([expect.objectContaining({ field: 'requests.cpu', got: '"-1"' })]);
    expect(quantityProblems('requests.cpu', '1K')).toHaveLength(1);
    expect(quantityProblems('requests.cpu', undefined)).toEqual([]);
  });
});
