import { parseYaml } from '../../src/core/yaml';
import { describeReference } from '../support/reference';
import { buildCase, exampleCases, integrationCases, SlothCase } from './support/sloth-cases';

/**
 * Sloth conformance: every Sloth input/output pair that needs no Go plugin is rebuilt through opskit's
 * ServiceLevelObjective, and the rules opskit emits (PrometheusRule spec and rule file, both parsed) equal
 * Sloth's expected output parsed — record names, labels, windows, burn factors and alert expressions.
 */
function checkCase(c: SlothCase) {
  // GIVEN / WHEN
  const { slos, out, expected } = buildCase(c);

  // THEN: per input document, the groups of its SLOs equal the groups of Sloth's output document
  const documents = [...new Set(slos.map((s) => s.input.document))];
  expect(expected).toHaveLength(documents.length);
  documents.forEach((doc, i) => {
    const mine = slos.filter((s) => s.input.document === doc);
    const want = expected[i].kind === 'PrometheusRule' ? expected[i].spec.groups : expected[i].groups;
    const fromObjects = mine.flatMap((s) => out.findObject('slos', 'PrometheusRule', s.construct.ruleSetName).spec.groups);
    const fromFiles = mine.flatMap((s) => parseYaml(out.file(`prometheus/${s.construct.ruleSetName}.rules.yaml`)).groups);
    expect(fromObjects).toEqual(want);
    expect(fromFiles).toEqual(want);
    if (expected[i].kind === 'PrometheusRule') {
      for (const s of mine) {
        expect(out.findObject('slos', 'PrometheusRule', s.construct.ruleSetName).metadata.namespace).toBe(expected[i].metadata.namespace);
      }
    }
  });
}

describeReference('Sloth core example pairs', 'observability/sloth/examples', (dir) => {
  test.each(exampleCases(dir).map((c) => [c.name, c] as const))('reproduces examples/_gen/%s', (_name, c) => checkCase(c));
});

describeReference('Sloth integration pairs', 'observability/sloth/integration', (dir) => {
  test.each(integrationCases(dir).map((c) => [c.name, c] as const))('reproduces integration case %s', (_name, c) => checkCase(c));
});
