import { declaredFunctions, lookupFunction, typeIdent } from '../../../src/operator/model/cel-library';
import { formatType } from '../../../src/operator/model/cel-types';

describe('the function table of the API server at compatibility version 1.36', () => {
  test('declares the Kubernetes libraries CRD rules can use', () => {
    const names = declaredFunctions();
    for (const f of ['quantity', 'isSorted', 'find', 'url', 'ip', 'cidr', 'format.named', 'semver', 'sets.contains', 'lists.range', 'strings.quote']) {
      expect(names).toContain(f);
    }
  });

  test('leaves out what 1.36 does not enable (string reverse, lists v1)', () => {
    expect(lookupFunction('reverse')!.map((o) => o.id)).toEqual(['list_reverse']);
    expect(lookupFunction('bind')).toBeUndefined();
  });

  test('writes overloads with their cel-go ids and types', () => {
    const sum = lookupFunction('sum')!.map((o) => `${o.id}: ${o.args.map(formatType).join(', ')} -> ${formatType(o.result)}`);
    expect(sum).toEqual([
      'list_int_sum_int: list(int) -> int',
      'list_uint_sum_uint: list(uint) -> uint',
      'list_double_sum_double: list(double) -> double',
      'list_duration_sum_duration: list(google.protobuf.Duration) -> google.protobuf.Duration',
    ]);
  });

  test('type identifiers are values of type type', () => {
    expect(formatType(typeIdent('int')!)).toBe('type(int)');
    expect(formatType(typeIdent('kubernetes.Quantity')!)).toBe('type(kubernetes.Quantity)');
    expect(typeIdent('self')).toBeUndefined();
  });
});
