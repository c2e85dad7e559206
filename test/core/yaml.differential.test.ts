import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { toYaml, toYamlDocuments } from '../../src/core/yaml';
import { propertyParameters } from '../support/property';
import { firstDifference, jsonModel, yamlDocument } from '../support/yaml-documents';

// Differential test of opskit's YAML writer against the `yaml` package: for generated JSON documents biased
// toward what readers disagree on, parsing the output in YAML 1.1 and in YAML 1.2 gives the input back exactly.
// The Go and Python readers are checked in yaml.go-readers.test.ts and yaml.python-readers.test.ts.

const RUNS = 10_000;

function parseAll(text: string, version: '1.1' | '1.2'): unknown[] {
  return YAML.parseAllDocuments(text, { version, uniqueKeys: true }).map((d) => {
    if (d.errors.length > 0) throw d.errors[0];
    return d.toJS({ maxAliasCount: -1 });
  });
}

describe('toYaml — differential against the yaml package', () => {
  test.each(['1.1', '1.2'] as const)(`YAML %s: ${RUNS} generated documents parse back to their JSON value`, (version) => {
    // GIVEN generated documents
    fc.assert(fc.property(yamlDocument, (doc) => {
      // WHEN written by opskit and parsed
      const text = toYaml(doc);
      const parsed = parseAll(text, version);
      // THEN the reader gets the document's JSON value, exactly
      const diff = parsed.length !== 1 ? `${parsed.length} documents` : firstDifference(jsonModel(doc), parsed[0]);
      if (diff) throw new Error(`${diff}\n--- written:\n${text}`);
    }), propertyParameters(RUNS));
  });

  test('a multi-document stream parses back to every document', () => {
    // GIVEN groups of generated documents
    fc.assert(fc.property(fc.array(yamlDocument, { minLength: 1, maxLength: 4 }), (docs) => {
      // WHEN written as one stream
      const text = toYamlDocuments(docs);
      // THEN each document comes back in order
      const parsed = parseAll(text, '1.1');
      const diff = firstDifference(docs.map(jsonModel), parsed);
      if (diff) throw new Error(`${diff}\n--- written:\n${text}`);
    }), propertyParameters(1_000));
  });
});
