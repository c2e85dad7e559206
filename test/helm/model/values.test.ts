import { parseYaml } from '../../../src/core/yaml';
import { defaultValues, group, leaf, renderValuesSchema, renderValuesTable, renderValuesYaml, valueRows } from '../../../src/helm/model/values';

const values = group('', [
  ['api', group('Deployment api.', [
    ['replicas', leaf('Number of pods.', 2, { type: 'integer', minimum: 0 }, true)],
    ['nodeSelector', leaf('Node labels.\nSecond line.', { 'kubernetes.io/os': 'linux' }, { type: 'object' })],
    ['on', leaf('A key YAML 1.1 reads as a boolean | with a pipe.', 'yes', { type: 'string' })],
  ])],
  ['empty', group('Nothing.', [])],
]);

describe('values model', () => {
  test('values.yaml: each value under its description, parsed back to the defaults', () => {
    // WHEN
    const text = renderValuesYaml(values, 'Header line.');
    // THEN
    expect(text).toBe([
      '# Header line.',
      '# Deployment api.',
      'api:',
      '  # Number of pods.',
      '  replicas: 2',
      '  # Node labels.',
      '  # Second line.',
      '  nodeSelector:',
      '    kubernetes.io/os: linux',
      '  # A key YAML 1.1 reads as a boolean | with a pipe.',
      '  "on": "yes"',
      '',
      '# Nothing.',
      'empty: {}',
      '',
    ].join('\n'));
    expect(parseYaml(text)).toEqual(defaultValues(values));
  });

  test('values.schema.json: closed objects, required values, descriptions, global allowed', () => {
    // WHEN
    const schema = JSON.parse(renderValuesSchema(values, 'Values of x'));
    // THEN
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.global).toEqual({ description: expect.any(String), type: 'object' });
    expect(schema.properties.api).toEqual({
      description: 'Deployment api.',
      type: 'object',
      properties: {
        replicas: { description: 'Number of pods.', type: 'integer', minimum: 0 },
        nodeSelector: { description: 'Node labels.\nSecond line.', type: 'object' },
        on: { description: 'A key YAML 1.1 reads as a boolean | with a pipe.', type: 'string' },
      },
      required: ['replicas'],
      additionalProperties: false,
    });
    expect(schema.required).toBeUndefined();
  });

  test('README table: one row per value, Markdown escaped', () => {
    // WHEN
    const rows = valueRows(values);
    const table = renderValuesTable(values);
    // THEN
    expect(rows.map((r) => r.path)).toEqual(['api.replicas', 'api.nodeSelector', 'api.on']);
    expect(table).toContain('| `api.replicas` | integer | `2` | Number of pods. |');
    expect(table).toContain('| `api.nodeSelector` | object | `{"kubernetes.io/os":"linux"}` | Node labels. Second line. |');
    expect(table).toContain('with a pipe.');
    expect(table).toContain('boolean \\| with');
    expect(renderValuesTable(group('', []))).toBe('This chart has no values.\n');
  });
});
