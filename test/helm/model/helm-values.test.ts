import { HelmValueRefs, HelmValueSpec, helmValuesTree, holdsHelmValue, placeHelmValues, valueProblems } from '../../../src/helm/model/helm-values';
import { Markers } from '../../../src/helm/model/markers';

const spec = (path: string, type: HelmValueSpec['type'], d: unknown): HelmValueSpec => ({ path, type, default: d, description: `${path}.`, constraints: {} });
const SPECS = [spec('tag', 'string', 'v1'), spec('replicas', 'integer', 2), spec('extra', 'object', {}), spec('on', 'boolean', true)];
const refs: HelmValueRefs = {
  ofWord: (w) => SPECS[Number(/^opskith[vw](\d+)z$/.exec(w)?.[1] ?? -1)],
  ofNumber: (n) => (n === -1e300 ? SPECS[1] : undefined),
};

describe('placeHelmValues', () => {
  test.each<[string, unknown, string]>([
    ['a whole string is quoted with toJson', { image: 'opskithv0z' }, 'image: {{ .Values.tag | toJson }}\n'],
    ['a value inside a text builds the whole text', { image: 'ghcr.io/a:opskithv0z-"x"' }, 'image: {{ print "ghcr.io/a:" (.Values.tag | toString) "-\\"x\\"" | toJson }}\n'],
    ['a number in a text is written as JSON', { arg: '--replicas=opskithv1z' }, 'arg: {{ print "--replicas=" (.Values.replicas | toJson) | toJson }}\n'],
    ['a number token is the number', { replicas: -1e300 }, 'replicas: {{ .Values.replicas | toJson }}\n'],
    ['a boolean token object is the boolean', { on: 'opskithw3z' }, '"on": {{ .Values.on | toJson }}\n'],
    ['an object is toYaml, indented under its key', { spec: { extra: 'opskithw2z' } }, 'spec:\n  extra: {{- toYaml .Values.extra | nindent 4 }}\n'],
    ['an object as a list item', { items: ['opskithw2z'] }, 'items:\n  - {{- toYaml .Values.extra | nindent 6 }}\n'],
    ['an unknown word is left as it is', { a: 'opskithv9z' }, 'a: opskithv9z\n'],
  ])('%s', (_name, obj, expected) => {
    // GIVEN
    const markers = new Markers(JSON.stringify(obj));
    // WHEN
    const { problems } = placeHelmValues(obj, refs, markers);
    // THEN
    expect(problems).toEqual([]);
    expect(markers.render(obj, 'test')).toBe(expected);
  });

  test('lists the values used, each once, first use first', () => {
    // WHEN
    const { used } = placeHelmValues({ a: 'opskithv1z', b: 'opskithv0z opskithv1z' }, refs, new Markers(''));
    // THEN
    expect(used.map((s) => s.path)).toEqual(['replicas', 'tag']);
    expect(holdsHelmValue({ x: [{ y: -1e300 }] }, refs)).toBe(true);
    expect(holdsHelmValue({ x: 'opskithv9z' }, refs)).toBe(false);
  });
});

describe('helmValuesTree', () => {
  test('groups values by path, each required; clashes and taken keys are problems', () => {
    // WHEN
    const tree = helmValuesTree([spec('a.b', 'string', 'x'), spec('a.c', 'integer', 1), spec('a.b.d', 'string', 'y'), spec('web.x', 'string', 'z')], new Map([['web', 'the workload Deployment web']]));
    // THEN
    expect(tree.children.map(([k]) => k)).toEqual(['a']);
    const a = tree.children[0][1] as any;
    expect(a.required).toBe(true);
    expect(a.children.map(([k, v]: any) => [k, v.default, v.required])).toEqual([['b', 'x', true], ['c', 1, true]]);
    expect(tree.problems.map((p) => p.got)).toEqual(['"a.b.d"', '"web.x"'].map((s) => JSON.parse(s)).map((s) => expect.stringContaining(s)));
  });
});

describe('valueProblems', () => {
  test.each<[string, unknown, Record<string, unknown>, string[]]>([
    ['a string in its enum', 'a', { type: 'string', enum: ['a'] }, []],
    ['a string with astral characters counted as characters', '😀😀', { type: 'string', maxLength: 2 }, []],
    ['an integer that is not whole', 2.5, { type: 'integer' }, ['must be a whole number']],
    ['a list that is an object', {}, { type: 'array' }, ['must be a list']],
    ['a number over maximum', 11, { type: 'number', maximum: 10 }, ['must be at most 10']],
  ])('%s', (_name, value, schema, expected) => {
    // THEN
    expect(valueProblems('v', value, schema).map((p) => p.expected)).toEqual(expected);
  });
});
