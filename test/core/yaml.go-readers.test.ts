import { toYaml, toYamlDocuments } from '../../src/core/yaml';
import { describeWithTool } from '../support/tools';
import { jsonModel } from '../support/yaml-documents';
import { assertReadersGiveBack, disagreements, readWithGo } from '../support/yaml-oracles';

// Differential test of opskit's YAML writer against the Go readers of tools/yamlcheck: gopkg.in/yaml.v2 v2.4.0,
// go.yaml.in/yaml/v2, gopkg.in/yaml.v3 v3.0.1, go.yaml.in/yaml/v3 v3.0.6 and sigs.k8s.io/yaml v1.6.0 behind
// k8s.io/apimachinery's document reader (kubectl's path). All documents go through one yamlcheck call.

const RUNS = 3_000;

describeWithTool('yamlcheck', 'toYaml — differential against Go YAML readers', () => {
  test(`${RUNS} generated documents: every Go reader gives back their JSON value`, () => {
    // GIVEN / WHEN / THEN (generation, one batch call and the comparison are in assertReadersGiveBack)
    const { documents, readers } = assertReadersGiveBack(readWithGo, RUNS);
    expect(documents).toBe(RUNS);
    expect(readers).toEqual(expect.arrayContaining(['gopkg.in/yaml.v2', 'gopkg.in/yaml.v3', 'go.yaml.in/yaml/v3', 'sigs.k8s.io/yaml']));
  });

  test('a multi-document stream is split and read as written', () => {
    // GIVEN
    const docs = [{ kind: 'A', v: 'on' }, ['0755', 'x\u2028y'], { text: 'a\nb\n', n: 1e21 }];
    // WHEN
    const [result] = readWithGo([toYamlDocuments(docs)]);
    // THEN
    expect(disagreements(docs.map(jsonModel), result)).toEqual([]);
  });

  test.each([
    ['YAML 1.1 booleans', { a: 'y', b: 'on', c: 'NO', d: 'off' }],
    ['octal, hex, binary, separators, sexagesimal', { a: '0755', b: '0o17', c: '0x1F', d: '0b101', e: '1_000', f: '1:20' }],
    ['integers past 2^53 and huge numbers', { a: 2 ** 60, b: 2 ** 64, c: 1e21, d: 1.7976931348623157e308, e: 5e-324 }],
    ['line separators', { a: 'x\u2028y', b: 'x\u2029y', c: 'x\u0085y', d: 'multi\nline\u2028text\n' }],
    ['merge key and value indicator', { '<<': '=', '=': '<<' }],
    ['timestamps', { a: '2001-12-14', b: '2001-12-14t21:59:43.10-05:00' }],
  ])('%s are read as written', (_name, doc) => {
    // WHEN
    const [result] = readWithGo([toYaml(doc)]);
    // THEN
    expect(disagreements([jsonModel(doc)], result)).toEqual([]);
  });
});
