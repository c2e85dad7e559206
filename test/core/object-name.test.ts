import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { objectName } from '../../src/core/object-name';

describe('objectName', () => {
  const chart = (): Chart => Testing.chart();

  test('defaults to the construct id, never a hash', () => {
    // GIVEN
    const c = new Construct(new Construct(chart(), 'team'), 'checkout');
    // WHEN / THEN
    expect(objectName(c, undefined)).toEqual({ name: 'checkout', problems: [] });
  });

  test('metadata.name wins', () => {
    expect(objectName(new Construct(chart(), 'Checkout'), 'checkout-monitor').name).toBe('checkout-monitor');
  });

  test('fails when the id is no valid name, suggesting one', () => {
    // WHEN
    const { problems } = objectName(new Construct(chart(), 'Checkout_Monitor'), undefined);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ field: 'metadata.name', got: '"Checkout_Monitor"', fix: expect.stringContaining('"checkout-monitor"') })]);
  });

  test('labels are stricter than subdomains', () => {
    const c = new Construct(chart(), 'a.b');
    expect(objectName(c, undefined).problems).toEqual([]);
    expect(objectName(c, undefined, 'label').problems).toHaveLength(1);
  });
});
