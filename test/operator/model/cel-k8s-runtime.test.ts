import { evaluateCel, isStandardCel, parseCel, toCelValue } from '../../../src/operator/model/cel';

const schema = {
  type: 'object',
  properties: { l: { type: 'array', items: { type: 'string' } }, li: { type: 'array', items: { type: 'integer' } }, s: { type: 'string' }, q: { type: 'string' } },
};
const self = toCelValue({ l: ['a', 'b'], li: [-2, 2, 0, 2, 3], s: 'ab12cd345', q: '1500m' }, schema);

describe('Kubernetes library functions evaluated offline', () => {
  // results the API server gives for the same rules on the same object
  test.each([
    ['self.li.isSorted()', false],
    ['self.li.sum() == 5', true],
    ['self.li.min() == -2 && self.li.max() == 3', true],
    ['self.li.indexOf(2) == 1 && self.li.lastIndexOf(2) == 3', true],
    ["self.l.max() == 'b'", true],
    ["self.s.find('[0-9]+') == '12'", true],
    ["self.s.findAll('[0-9]+') == ['12', '345']", true],
    ["self.s.findAll('[0-9]', 2) == ['1', '2']", true],
    ["quantity(self.q).isLessThan(quantity('2'))", true],
    ['quantity(self.q).isInteger()', false],
    ["quantity(self.q).add(1).isGreaterThan(quantity('2'))", true],
    ["quantity(self.q).compareTo(quantity('1')) == 1 && sign(quantity(self.q)) == 1", true],
    ["isQuantity('1Gi') && !isQuantity('1 Gi')", true],
    ["sets.contains(self.l, ['a']) && sets.intersects(self.li, [3]) && !sets.equivalent(self.l, ['a'])", true],
  ])('%s is %s', (rule, value) => {
    expect(isStandardCel(parseCel(rule))).toBe(true);
    expect(evaluateCel(rule, { self }).value).toBe(value);
  });

  test('an empty list has no max, as in the API server', () => {
    expect(evaluateCel('[].max() == 1', {}).error).toBe('max called on empty list');
  });

  test.each([
    "url(self.s).getHost() == 'a'",
    "ip('10.0.0.1').family() == 4",
    "semver('1.0.0').major() == 1",
  ])('%s is not evaluated offline', (rule) => {
    expect(isStandardCel(parseCel(rule))).toBe(false);
  });

  test('a regular expression JavaScript cannot reproduce exactly is not evaluated', () => {
    expect(evaluateCel("self.s.find('(?i)AB') == 'ab'", { self }).unsupported).toBe(true);
  });
});
