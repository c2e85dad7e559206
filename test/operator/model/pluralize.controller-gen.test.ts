/**
 * Differential test of the default CRD names against controller-gen (sigs.k8s.io/controller-tools, pinned in
 * tools/controller-gen/go.mod): fast-check generates kind names (English words with irregular plurals, words
 * ending in every suffix the pluralizer distinguishes, and random CamelCase words), one Go package with a root
 * type per kind is written to a temporary module, controller-gen generates the CRDs in one run, and opskit's
 * `crdNames` must give the same plural, singular and listKind for every kind.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseYamlDocuments } from '../../../src/core/yaml';
import { crdNames } from '../../../src/operator/model/crd-render';
import { fcSeed } from '../../support/fc-seed';
import { tempDir } from '../../support/files';
import { describeWithTool, runTool } from '../../support/tools';

const FIXTURE_MODULE = path.join(__dirname, '..', '..', 'fixtures', 'operator', 'controller-gen');
const CASES = 400;

/** Last words of kinds that exercise the irregular and suffix rules (our own list of English words). */
const WORDS = [
  'Policy', 'Proxy', 'Key', 'Day', 'Toy', 'Index', 'Matrix', 'Vertex', 'Appendix', 'Suffix', 'Status', 'Bus', 'Box',
  'Quiz', 'Waltz', 'Church', 'Brush', 'Leaf', 'Knife', 'Life', 'Wolf', 'Chief', 'Roof', 'Safe', 'Half', 'Shelf',
  'Staff', 'Cliff', 'Hero', 'Photo', 'Potato', 'Echo', 'Zoo', 'Shoe', 'Radio', 'Video', 'Person', 'Child', 'Man',
  'Woman', 'Human', 'Mouse', 'Goose', 'Tooth', 'Foot', 'Ox', 'Datum', 'Data', 'Medium', 'Media', 'Stadium',
  'Criterion', 'Phenomenon', 'Analysis', 'Crisis', 'Axis', 'Basis', 'Thesis', 'Alias', 'Cactus', 'Octopus',
  'Virus', 'Campus', 'Radius', 'Focus', 'Genus', 'Corpus', 'Fish', 'Sheep', 'Series', 'News', 'Species', 'Deer',
  'Equipment', 'Information', 'Metadata', 'Schema', 'Quota', 'Formula', 'Address', 'Class', 'Pass', 'Lens', 'Gas',
  'Canvas', 'Atlas', 'Movie', 'Cookie', 'Move', 'Use', 'House', 'Cause', 'Base', 'Die', 'Bureau', 'Id', 'ID',
  'Gateway', 'Ingress', 'Endpoint', 'Route', 'Mesh', 'Cache', 'Cluster', 'Config', 'Node', 'Plan', 'Backup', 'Job',
];

/** Endings of random stems: every suffix the pluralizer treats specially, and a plain letter. */
const SUFFIXES = ['y', 'ey', 'ay', 'oy', 'uy', 's', 'ss', 'us', 'is', 'x', 'ix', 'ex', 'z', 'zz', 'ch', 'sh', 'o',
  'oo', 'f', 'ff', 'fe', 'ie', 'on', 'um', 'a', 'man', 'person', 'child', 'data', 'ice', 'ouse', 'eau', 'ves', 'es', 'k'];

const stem = fc.stringMatching(/^[A-Z][a-z]{1,7}$/);
const lastWord = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.tuple(stem, fc.constantFrom(...SUFFIXES)).map(([s, x]) => s + x),
  stem,
);
const kindArb = fc.tuple(fc.option(stem, { nil: undefined }), lastWord).map(([prefix, last]) => `${prefix ?? ''}${last}`);

/** Unique kinds (Go type names and kinds are compared without case by controller-gen's plural map). */
function sampleKinds(): string[] {
  const kinds = fc.sample(kindArb, { numRuns: CASES * 2, seed: fcSeed() });
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of [...WORDS, ...kinds]) {
    if (seen.has(k.toLowerCase())) continue;
    seen.add(k.toLowerCase());
    out.push(k);
  }
  return out;
}

/** Writes a Go module with one root type per kind and runs controller-gen on it; names by kind. */
function controllerGenNames(kinds: string[]): Map<string, any> {
  const dir = tempDir('opskit-plural-');
  for (const f of ['go.mod', 'go.sum']) fs.copyFileSync(path.join(FIXTURE_MODULE, f), path.join(dir, f));
  fs.mkdirSync(path.join(dir, 'api'));
  const types = kinds.map((k) => [
    '// +kubebuilder:object:root=true',
    `type ${k} struct {`,
    '\tmetav1.TypeMeta   `json:",inline"`',
    '\tmetav1.ObjectMeta `json:"metadata,omitempty"`',
    '}',
  ].join('\n'));
  const source = [
    '// +groupName=plural.opskit.dev',
    'package api',
    '',
    'import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"',
    '',
    ...types,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'api', 'types.go'), source);
  const r = runTool('controller-gen', ['crd', 'paths=./...', 'output:crd:stdout'], { cwd: dir });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`controller-gen failed (${r.status}):\n${r.stderr}`);
  const out = new Map<string, any>();
  for (const doc of parseYamlDocuments(r.stdout)) if (doc) out.set(doc.spec.names.kind, doc.spec.names);
  return out;
}

describeWithTool('controller-gen', 'default CRD names against controller-gen', () => {
  test(`plural, singular and listKind agree for ${CASES}+ generated kinds`, () => {
    // GIVEN
    const kinds = sampleKinds();
    // WHEN
    const generated = controllerGenNames(kinds);
    // THEN every kind got a CRD, and opskit names each as controller-gen does
    expect(kinds.length).toBeGreaterThanOrEqual(CASES);
    expect([...generated.keys()].sort()).toEqual([...kinds].sort());
    const disagreements = kinds.flatMap((kind) => {
      const theirs = generated.get(kind);
      const ours = crdNames({ kind });
      const same = ours.plural === theirs.plural && ours.singular === theirs.singular && ours.listKind === theirs.listKind;
      return same ? [] : [`${kind}: controller-gen ${theirs.plural}/${theirs.singular}/${theirs.listKind}, opskit ${ours.plural}/${ours.singular}/${ours.listKind}`];
    });
    expect(disagreements).toEqual([]);
  });
});
