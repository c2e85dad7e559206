import { formatMatcher, matcherMatches, parseMatcher } from '../../../src/observability/model/alertmanager-matchers';

describe('parseMatcher', () => {
  test.each([
    ['a quoted equality', 'severity="page"', { name: 'severity', type: '=', value: 'page' }],
    ['a bare value', 'severity=page', { name: 'severity', type: '=', value: 'page' }],
    ['spaces around the operator', '  team  =~  "db|cache" ', { name: 'team', type: '=~', value: 'db|cache' }],
    ['a negative regex', 'env!~"dev.*"', { name: 'env', type: '!~', value: 'dev.*' }],
    ['an inequality with an empty value', 'env!=""', { name: 'env', type: '!=', value: '' }],
    ['escaped quotes and backslashes', 'msg="a \\"b\\" \\\\ c"', { name: 'msg', type: '=', value: 'a "b" \\ c' }],
    ['a spurious escape kept (as in a regex)', 'v=~"\\d+"', { name: 'v', type: '=~', value: '\\d+' }],
  ])('parses %s', (_name, text, expected) => {
    // WHEN
    const r = parseMatcher(text, 'm');
    // THEN
    expect(r.problems).toEqual([]);
    expect(r.matcher).toEqual(expected);
  });

  test.each([
    ['no operator', 'severity', 'must be a matcher in Alertmanager syntax'],
    ['an invalid label name', '1abc="x"', 'must be a matcher in Alertmanager syntax'],
    ['a colon in the label name', 'a:b="x"', 'must name a valid label'],
    ['an unterminated quote', 'a="x', 'must have a properly quoted value'],
    ['an unescaped inner quote', 'a="x"y"', 'must have a properly quoted value'],
    ['a bare value with a quote', 'a=x"y', 'must quote a value that contains a double quote'],
    ['a lookahead (not RE2)', 'a=~"(?=x)"', 'must hold an RE2 regular expression'],
    ['an unbalanced group', 'a=~"(x"', 'must hold an RE2 regular expression'],
  ])('fails when the matcher has %s', (_name, text, expected) => {
    // WHEN
    const r = parseMatcher(text, 'route.matchers[0]');
    // THEN
    expect(r.matcher).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].field).toBe('route.matchers[0]');
    expect(r.problems[0].expected).toContain(expected);
  });
});

describe('formatMatcher', () => {
  test.each([
    ['severity=page', 'severity="page"'],
    ['a = "x\\"y"', 'a="x\\"y"'],
    ['a=~"\\d+"', 'a=~"\\\\d+"'],
  ])('renders %s canonically as %s, which parses back to the same matcher', (text, canonical) => {
    // GIVEN
    const m = parseMatcher(text, 'm').matcher!;
    // WHEN
    const out = formatMatcher(m);
    // THEN
    expect(out).toBe(canonical);
    expect(parseMatcher(out, 'm').matcher).toEqual(m);
  });
});

describe('matcherMatches', () => {
  test.each([
    ['= on equal value', 'a="x"', { a: 'x' }, true],
    ['= on another value', 'a="x"', { a: 'y' }, false],
    ['= "" on a missing label', 'a=""', {}, true],
    ['!= on a missing label', 'a!="x"', {}, true],
    ['=~ is anchored at both ends', 'a=~"x"', { a: 'xx' }, false],
    ['=~ alternation is anchored as a whole', 'a=~"x|y"', { a: 'y' }, true],
    ['=~ .* matches a missing label', 'a=~".*"', {}, true],
    ['=~ .+ does not match a missing label', 'a=~".+"', {}, false],
    ['!~ negates the anchored match', 'a!~"x.*"', { a: 'yx' }, true],
    ['regexes are case sensitive', 'a=~"x"', { a: 'X' }, false],
    ['(?i) makes a regex case insensitive (RE2 flag)', 'a=~"(?i)x"', { a: 'X' }, true],
  ])('%s', (_name, text, labels, expected) => {
    expect(matcherMatches(parseMatcher(text, 'm').matcher!, labels)).toBe(expected);
  });
});
