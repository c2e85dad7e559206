import { toYaml } from '../../src/core/yaml';
import { jsonModel } from '../support/yaml-documents';
import { assertReadersGiveBack, disagreements, pythonReaders, pythonWithYaml, readWithPython } from '../support/yaml-oracles';

// Differential test of opskit's YAML writer against Python's readers (test/support/yaml_readers.py): PyYAML's
// SafeLoader and its libyaml-based CSafeLoader (Debian's python3-yaml), and ruamel.yaml's safe loader (YAML 1.2,
// Debian's python3-ruamel.yaml) when installed. All documents go through one Python process.

const RUNS = 2_000;

function describeWithPython(name: string, body: () => void): void {
  if (pythonWithYaml()) {
    describe(name, body);
  } else if (process.env.OPSKIT_REQUIRE_TOOLS === '1') {
    describe(name, () => {
      test('python3 with PyYAML installed', () => {
        throw new Error('no python3 with PyYAML (Debian\'s python3-yaml), and OPSKIT_REQUIRE_TOOLS=1 requires it (see .ci/run)');
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": no python3 with PyYAML (apt-get install python3-yaml python3-ruamel.yaml)`);
    describe(name, () => {
      test.skip('SKIPPED: no python3 with PyYAML installed', () => {});
    });
  }
}

describeWithPython('toYaml — differential against Python YAML readers', () => {
  test(`${RUNS} generated documents: every Python reader gives back their JSON value`, () => {
    // GIVEN / WHEN / THEN (generation, one batch call and the comparison are in assertReadersGiveBack)
    const { documents, readers } = assertReadersGiveBack(readWithPython, RUNS);
    expect(documents).toBe(RUNS);
    expect(readers.some((r) => r.startsWith('PyYAML'))).toBe(true);
  });

  test('in CI, ruamel.yaml is among the readers', () => {
    // GIVEN / WHEN
    const readers = pythonReaders();
    // THEN
    if (process.env.OPSKIT_REQUIRE_TOOLS === '1') expect(readers.some((r) => r.startsWith('ruamel.yaml'))).toBe(true);
    expect(readers.some((r) => r.startsWith('PyYAML'))).toBe(true);
  });

  test.each([
    ['YAML 1.1 booleans and values', { a: 'yes', b: 'On', c: '=', d: '~' }],
    ['sexagesimal and octal numbers', { a: '1:20', b: '190:20:30', c: '0755', d: '1_000' }],
    ['exponents without a dot', { a: 1e21, b: 1e-7, c: '1e3' }],
    ['line separators in multi-line text', { a: 'line one\u2028line two\nthree\n', b: '\u0085' }],
  ])('%s are read as written', (_name, doc) => {
    // WHEN
    const [result] = readWithPython([toYaml(doc)]);
    // THEN
    expect(disagreements([jsonModel(doc)], result)).toEqual([]);
  });
});
