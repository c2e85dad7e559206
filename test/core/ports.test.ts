import { isPortName, isPortNumber, portNameProblems, portNumberProblems, portProblems } from '../../src/core/ports';

// Verdicts of IsValidPortNum and IsValidPortName (k8s.io/apimachinery/pkg/util/validation v0.37.2).
describe('ports', () => {
  test.each([
    [1, true], [65535, true], [0, false], [65536, false], [80.5, false], [-1, false], [NaN, false],
  ])('port number %p is valid: %p', (value, ok) => {
    expect(isPortNumber(value)).toBe(ok);
  });

  test.each([
    ['http', true],
    ['metrics-2', true],
    ['a'.repeat(15), true],
    ['a'.repeat(16), false],
    ['8080', false],
    ['a--b', false],
    ['-http', false],
    ['http-', false],
    ['HTTP', false],
    ['a.b', false],
    ['a..b', false],
    ['', false],
  ])('port name %p is valid: %p', (value, ok) => {
    expect(isPortName(value)).toBe(ok);
  });

  test('problems name the field and the value, and skip undefined', () => {
    expect(portNumberProblems('spec.port', 0)).toEqual([expect.objectContaining({ field: 'spec.port', got: '0' })]);
    expect(portNameProblems('spec.port', 'a--b')).toEqual([expect.objectContaining({ field: 'spec.port', got: '"a--b"' })]);
    expect(portNumberProblems('spec.port', undefined)).toEqual([]);
  });

  test('portProblems takes a number or a name', () => {
    expect(portProblems('targetPort', 8080)).toEqual([]);
    expect(portProblems('targetPort', 'metrics')).toEqual([]);
    expect(portProblems('targetPort', 'a..b')).toHaveLength(1);
    expect(portProblems('targetPort', true)).toHaveLength(1);
  });
});
