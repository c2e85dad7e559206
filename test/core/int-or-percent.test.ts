import { IntOrPercent } from '../../src/core/int-or-percent';

describe('IntOrPercent', () => {
  test.each([
    ['a number', IntOrPercent.of(1), 1, '1'],
    ['a percentage', IntOrPercent.percent(10), '10%', '10%'],
    ['a parsed percentage', IntOrPercent.parse('25%'), '25%', '25%'],
    ['a parsed number', IntOrPercent.parse('3'), 3, '3'],
  ])('%s renders as Kubernetes reads it', (_name, value, json, text) => {
    expect(value.toJson()).toEqual(json);
    expect(value.toString()).toBe(text);
  });

  test.each([
    ['a negative number', IntOrPercent.of(-1)],
    ['a fraction', IntOrPercent.of(1.5)],
    ['a percentage above 100', IntOrPercent.percent(101)],
    ['a malformed string', IntOrPercent.parse('10 %')],
  ])('fails when it is %s', (_name, value) => {
    expect(value._problems('maxUnavailable')).toEqual([expect.objectContaining({ field: 'maxUnavailable' })]);
  });

  test('accepts 0 and 100%', () => {
    expect([...IntOrPercent.of(0)._problems('x'), ...IntOrPercent.percent(100)._problems('x')]).toEqual([]);
  });
});
