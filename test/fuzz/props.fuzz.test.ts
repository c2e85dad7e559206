import { Construct } from 'constructs';
import * as fc from 'fast-check';
import {
  AcceptedRun, acceptedRun, amtoolDisagreements, goYamlDisagreements, hasReferenceCrds, helmLintDisagreements, kubeCheckDisagreements,
  olmCheckDisagreements, promtoolDisagreements, terraformDisagreements, WrittenYaml,
} from './fuzz-outputs';
import { FUZZ_SUBJECTS, FuzzSubject } from './fuzz-subjects';
import { applyMutations, fuzzGentleMutation, fuzzMutations, fuzzStruct, Mutation, slotsOf, withDependencies } from './prop-arbitraries';
import * as opskit from '../../src';
import { OpsApp } from '../../src/app/ops-app';
import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { AMTOOL_GENERATIONS, PROMTOOL_GENERATIONS } from '../support/generations';
import { propertyParameters, propertySeed } from '../support/property';
import { hasTool, requiredInCi, toolPath } from '../support/tools';
import { jsonModel } from '../support/yaml-documents';

// Every public construct, fuzzed: props generated from the declared types (mixed with wrong types, nulls, hostile
// text, huge and non-finite numbers), and mutations of a valid baseline (one to three fields replaced). Every other
// run has fail-fast off, so a construct with problems stays half-built in the tree and synth must report it rather
// than crash on what it did not build. Each run ends in an OpsError or in output the real consumers accept: every
// YAML document as the Go readers read it is the value opskit wrote, every object passes kube-check, every rule
// file promtool, every Alertmanager file amtool, every Helm chart helm lint, every OLM bundle operator-framework's
// validators, and no literal `${`/`%{` reaches Terraform. The checks run once per construct on all accepted runs.

/** The YAML documents written during the current run (recorded by the writer below). */
let written: WrittenYaml[] | undefined;

jest.mock('../../src/core/yaml-writer', () => {
  const actual = jest.requireActual('../../src/core/yaml-writer');
  // chart manifests: each document written by a YamlDocumentWriter (chart-output), recorded as its own text
  class RecordingDocumentWriter extends actual.YamlDocumentWriter {
    public write(doc: unknown, origin: string | (() => string)): string {
      const text = super.write(doc, origin);
      written?.push({ model: jsonModel(doc), text });
      return text;
    }
  }
  return {
    ...actual,
    YamlDocumentWriter: RecordingDocumentWriter,
    writeYaml: (doc: unknown, origin: string): string => {
      const text = actual.writeYaml(doc, origin);
      written?.push({ model: jsonModel(doc), text });
      return text;
    },
    // catalogs and other multi-document files: one writer for all documents, so each is recorded as its own text
    writeYamlDocuments: (docs: readonly unknown[], origins?: readonly string[]): string => {
      const text = actual.writeYamlDocuments(docs, origins);
      const texts = docs.map((doc, i) => actual.writeYaml(doc, origins?.[i] ?? '<yaml>') as string);
      if (texts.join('---\n') !== text) throw new Error('writeYamlDocuments no longer writes what writeYaml writes per document: record its documents otherwise');
      docs.forEach((doc, i) => written?.push({ model: jsonModel(doc), text: texts[i] }));
      return text;
    },
  };
});

jest.setTimeout(900_000);

/** Runs per construct (`OPSKIT_FUZZ_RUNS` raises it locally; CI runs the default with the fixed seed). */
const RUNS = Number(process.env.OPSKIT_FUZZ_RUNS ?? 200);

/** `OPSKIT_FUZZ_VERBOSE=1` prints each run's props and the first line of its OpsError. */
const VERBOSE = process.env.OPSKIT_FUZZ_VERBOSE === '1';

/** Per construct: what the runs ended in and what the real tools checked. */
interface Figures {
  runs: number;
  opsErrors: number;
  accepted: number;
  checked: Record<string, number>;
  disagreements: number;
}
const FIGURES = new Map<string, Figures>();

function scopeFor(app: OpsApp, subject: FuzzSubject): Construct {
  switch (subject.placement) {
    case 'chart': return app.chart('fuzz');
    case 'stack': return app.stack('fuzz', { aws: { region: 'eu-west-1' } });
    case 'k8s-root': return app.k8s;
    case 'tf-root': return app.terraform;
  }
}

/** One run's props: fully generated from the struct's type, or a mutated baseline; dependencies put in at run time. */
type Recipe = { generated: Record<string, unknown> } | { mutations: Mutation[] };

function recipes(subject: FuzzSubject): fc.Arbitrary<Recipe> {
  const probe = OpsTesting.app({ failFast: false });
  const slots = slotsOf({ struct: subject.struct }, subject.baseline(probe, scopeFor(probe, subject)));
  return fc.oneof(
    { weight: 1, arbitrary: fuzzStruct(subject.struct).map((generated): Recipe => ({ generated })) },
    { weight: 1, arbitrary: fuzzMutations(slots).map((mutations): Recipe => ({ mutations })) },
    { weight: 2, arbitrary: fuzzGentleMutation(slots).map((mutations): Recipe => ({ mutations })) },
  );
}

/** Builds the subject in a fresh app and synthesizes: the accepted outputs, `undefined` for an OpsError; rethrows anything else. */
function run(subject: FuzzSubject, recipe: Recipe, index: number, onError?: (e: OpsError) => void): AcceptedRun | undefined {
  // every other run in the default mode: problems recorded, the construct left half-built in the tree, synth reports
  const app = OpsTesting.app(index % 2 === 1 ? { failFast: false } : {});
  written = [];
  try {
    const scope = scopeFor(app, subject);
    const baseline = subject.baseline(app, scope);
    const props = 'generated' in recipe ? withDependencies(recipe.generated, baseline) : withDependencies(applyMutations(baseline, recipe.mutations), baseline);
    written = [];
    new subject.type(scope, 'subject', props);
    const out = OpsTesting.synth(app);
    return acceptedRun(index, fc.stringify(recipe), written, out);
  } catch (e) {
    if (e instanceof OpsError) {
      onError?.(e);
      return undefined;
    }
    throw new Error(`${subject.name}: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e)}`);
  } finally {
    written = undefined;
  }
}

/** A test that needs a tool: skipped visibly without it, failing under OPSKIT_REQUIRE_TOOLS=1 when CI provides it. */
function testWithTool(tool: string, name: string, body: (bin: string) => void): void {
  const bin = toolPath(tool);
  if (bin) {
    test(name, () => body(bin));
  } else if (process.env.OPSKIT_REQUIRE_TOOLS === '1' && requiredInCi(tool)) {
    test(name, () => {
      throw new Error(`${tool} not found in tools/bin or on the PATH, and OPSKIT_REQUIRE_TOOLS=1 requires it`);
    });
  } else {
    test.skip(`${name} — SKIPPED: ${tool} not installed`, () => {});
  }
}

function expectAgreement(subject: FuzzSubject, check: string, result: { checked: number; problems: string[] }): void {
  const f = FIGURES.get(subject.name) ?? { runs: 0, opsErrors: 0, accepted: 0, checked: {}, disagreements: 0 };
  FIGURES.set(subject.name, f);
  f.checked[check] = result.checked;
  f.disagreements += result.problems.length;
  if (result.problems.length > 0) {
    throw new Error(`${subject.name}: ${result.problems.length} accepted outputs ${check} rejects (seed ${propertySeed()}):\n${result.problems.slice(0, 5).join('\n')}`);
  }
}

test('every construct class exported by opskit is fuzzed', () => {
  // GIVEN every class of the public index that is a construct
  const exported = Object.entries(opskit)
    .filter(([, v]) => typeof v === 'function' && (v as any).prototype instanceof Construct)
    .map(([name]) => name)
    .sort();
  // THEN each one is a fuzz subject, with its own class
  expect(FUZZ_SUBJECTS.map((s) => s.name).sort()).toEqual(exported);
  for (const s of FUZZ_SUBJECTS) expect((opskit as any)[s.name]).toBe(s.type);
});

describe.each(FUZZ_SUBJECTS.map((s) => [s.name, s] as const))('%s', (_name, subject) => {
  const accepted: AcceptedRun[] = [];

  test('its baseline synthesizes (so mutated runs test one change at a time)', () => {
    let error: string | undefined;
    run(subject, { mutations: [] }, -1, (e) => error = e.message);
    expect(error).toBeUndefined();
  });

  test(`${RUNS} fuzzed runs end in an OpsError or output, never another exception`, () => {
    // GIVEN generated and mutated props
    const figures: Figures = { runs: 0, opsErrors: 0, accepted: 0, checked: {}, disagreements: 0 };
    FIGURES.set(subject.name, figures);
    let index = 0;
    // WHEN each is built and synthesized / THEN nothing but an OpsError is thrown
    fc.assert(fc.property(recipes(subject), (recipe) => {
      const result = run(subject, recipe, index++, VERBOSE ? (e) => console.log(`${subject.name} ${fc.stringify(recipe).slice(0, 300)}\n  → ${e.message.split('\n')[0]}`) : undefined);
      figures.runs++;
      if (result) {
        figures.accepted++;
        accepted.push(result);
      } else {
        figures.opsErrors++;
      }
    }), propertyParameters(RUNS));
    expect(figures.runs).toBeGreaterThanOrEqual(RUNS);
  });

  testWithTool('yamlcheck', 'accepted YAML reads back as written with the Go readers', () => {
    expectAgreement(subject, 'Go YAML', goYamlDisagreements(accepted));
  });

  testWithTool('kube-check', 'accepted manifests pass kube-check', () => {
    if (!hasReferenceCrds()) {
      // where the reference is required (CI), its absence fails instead of passing without a check
      if (process.env.OPSKIT_REQUIRE_REFERENCE === '1') throw new Error('../shared/reference\'s Prometheus Operator CRDs are required for kube-check');
      // eslint-disable-next-line no-console
      console.warn(`${subject.name}: kube-check without ../shared/reference's Prometheus Operator CRDs is not run`);
      return;
    }
    const result = kubeCheckDisagreements(accepted);
    if (result.leftOut.length > 0) {
      // Argo CD's CRDs come from Go's module cache (required in CI); OLM v1's only from OPSKIT_OLM_V1_CRDS
      if (process.env.OPSKIT_REQUIRE_TOOLS === '1' && result.leftOut.includes('argoproj.io')) throw new Error('Argo CD\'s CRDs are required (tools/argocd, Go)');
      // eslint-disable-next-line no-console
      console.warn(`${subject.name}: objects of ${result.leftOut.join(', ')} left out of kube-check (no CRD here; OLM v1's: set OPSKIT_OLM_V1_CRDS)`);
    }
    expectAgreement(subject, 'kube-check', result);
  });

  for (const g of PROMTOOL_GENERATIONS) {
    testWithTool(g.bin, `accepted rule files pass ${g.label}`, (bin) => {
      expectAgreement(subject, g.label, promtoolDisagreements(bin, accepted));
    });
  }

  for (const g of AMTOOL_GENERATIONS) {
    testWithTool(g.bin, `accepted Alertmanager files pass ${g.label}`, (bin) => {
      expectAgreement(subject, g.label, amtoolDisagreements(bin, accepted));
    });
  }

  testWithTool('helm', 'accepted Helm charts pass helm lint --strict', () => {
    expectAgreement(subject, 'helm lint', helmLintDisagreements(accepted));
  });

  testWithTool('olm-check', 'accepted OLM bundles pass operator-framework/api\'s default validators', () => {
    expectAgreement(subject, 'olm-check', olmCheckDisagreements(accepted));
  });

  test('no literal ${ or %{ reaches Terraform unescaped', () => {
    expectAgreement(subject, 'Terraform text', terraformDisagreements(accepted));
  });
});

afterAll(() => {
  // the per-construct figures, for the CI log and the issue notes
  const rows = [...FIGURES.entries()].map(([name, f]) => `${name.padEnd(26)} runs ${String(f.runs).padStart(4)}  OpsError ${String(f.opsErrors).padStart(4)}  `
    + `accepted ${String(f.accepted).padStart(4)}  checked ${Object.entries(f.checked).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || '-'}  `
    + `disagreements ${f.disagreements}`);
  // eslint-disable-next-line no-console
  console.log(`fuzz figures (seed ${propertySeed()}, ${RUNS} runs per construct; tools: ${['yamlcheck', 'kube-check', 'promtool', 'promtool3', 'amtool', 'amtool035', 'helm', 'olm-check']
    .map((t) => `${t} ${hasTool(t) ? 'yes' : 'no'}`).join(', ')})\n${rows.join('\n')}`);
});
