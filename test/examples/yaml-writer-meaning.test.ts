import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { readTree, tempDir } from '../support/files';
import { hasTool } from '../support/tools';
import { disagreements, readWithGo } from '../support/yaml-oracles';

// Every example's output is unchanged in meaning by opskit's own YAML writer: each example is synthesized
// twice in this process, once with the writer and once with the `yaml` package's stringify as opskit used it
// before (YAML 1.1, no folding), and every file must read the same — YAML files (and YAML text embedded in
// other files, e.g. Helm values in Terraform JSON) parsed, other files byte for byte. The new YAML files are
// also read by the Go readers of tools/yamlcheck when it is built.

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const WRITER = path.resolve(__dirname, '..', '..', 'src', 'core', 'yaml-writer');

let previousWrites = 0;

/** The writer opskit used before its own: the `yaml` package's stringify in YAML 1.1 mode. */
function previousWriter(doc: unknown): string {
  previousWrites++;
  const text = YAML.stringify(doc, { version: '1.1', lineWidth: 0, keepUndefined: false });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Synthesizes an example in this process (its main.ts calls `app.synth()`), with or without the previous writer. */
function synthesize(example: string, previous: boolean): Record<string, string> {
  const dir = tempDir(`opskit-yaml-${example}-`);
  const saved = { k8s: process.env.CDK8S_OUTDIR, tf: process.env.CDKTF_OUTDIR };
  process.env.CDK8S_OUTDIR = path.join(dir, 'dist');
  process.env.CDKTF_OUTDIR = path.join(dir, 'cdktf.out');
  try {
    jest.isolateModules(() => {
      if (previous) {
        // the writer's other exports (the separator, the bytes of a file of documents) as they are
        jest.doMock(WRITER, () => ({
          ...jest.requireActual(WRITER),
          writeYaml: previousWriter,
          writeYamlDocuments: (docs: readonly unknown[]) => docs.map((d) => previousWriter(d)).join('---\n'),
          YamlDocumentWriter: class {
            public write(doc: unknown): string {
              return previousWriter(doc);
            }
          },
        }));
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLES, example, 'main.ts'));
    });
  } finally {
    jest.dontMock(WRITER);
    process.env.CDK8S_OUTDIR = saved.k8s;
    process.env.CDKTF_OUTDIR = saved.tf;
  }
  const files = readTree(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return files;
}

function parseYamlStream(text: string): unknown[] | undefined {
  try {
    const docs = YAML.parseAllDocuments(text, { version: '1.1' });
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    return docs.map((d) => d.toJS());
  } catch {
    return undefined;
  }
}

/** Where two values differ in meaning: strings that differ must both be YAML with the same parse. */
function meaningDifference(before: unknown, after: unknown, where: string): string | undefined {
  if (typeof before === 'string' && typeof after === 'string') {
    if (before === after) return undefined;
    const b = parseYamlStream(before);
    const a = parseYamlStream(after);
    if (b === undefined || a === undefined) return `${where}: texts differ and are not both YAML`;
    // YAML text inside the documents (e.g. an Alertmanager config in a definition) is compared by meaning too
    return meaningDifference(b, a, `${where} (parsed)`);
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return `${where}: ${before.length} items before, ${after.length} after`;
    for (let i = 0; i < before.length; i++) {
      const d = meaningDifference(before[i], after[i], `${where}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (before !== null && after !== null && typeof before === 'object' && typeof after === 'object') {
    const bk = Object.keys(before).sort();
    const ak = Object.keys(after).sort();
    if (bk.join('\n') !== ak.join('\n')) return `${where}: keys ${JSON.stringify(bk)} before, ${JSON.stringify(ak)} after`;
    for (const k of bk) {
      const d = meaningDifference((before as any)[k], (after as any)[k], `${where}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(before, after) ? undefined : `${where}: ${JSON.stringify(before)} before, ${JSON.stringify(after)} after`;
}

/** The index lists each file's hash and size, which change with the bytes: compare the rest. */
function withoutHashes(index: string): unknown {
  return JSON.parse(index, (k, v) => (k === 'sha256' || k === 'bytes' ? undefined : v));
}

const examples = fs.readdirSync(EXAMPLES).filter((e) => fs.existsSync(path.join(EXAMPLES, e, 'main.ts'))).sort();

describe('examples: the YAML writer keeps every output\'s meaning', () => {
  test.each(examples)('examples/%s', (example) => {
    // GIVEN the example synthesized with the previous writer
    previousWrites = 0;
    const before = synthesize(example, true);
    expect(previousWrites).toBeGreaterThan(0);
    // WHEN synthesized with opskit's own writer
    const after = synthesize(example, false);
    // THEN the same files, each with the same meaning
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // Helm templates are Go templates, YAML only once Helm renders them (test/helm proves the rendered output)
    const yamlFiles = Object.keys(after).filter((f) => /\.ya?ml$/.test(f) && !/(^|\/)helm\/[^/]+\/templates\//.test(f));
    expect(yamlFiles.length).toBeGreaterThan(0);
    for (const file of Object.keys(after)) {
      let diff: string | undefined;
      if (file.endsWith('opskit.json')) {diff = meaningDifference(withoutHashes(before[file]), withoutHashes(after[file]), file);} else if (file.endsWith('.json')) {diff = meaningDifference(JSON.parse(before[file]), JSON.parse(after[file]), file);} else if (yamlFiles.includes(file)) {
        diff = meaningDifference(parseYamlStream(before[file]) ?? before[file], parseYamlStream(after[file]) ?? after[file], file);
      } else {diff = before[file] === after[file] ? undefined : `${file}: bytes differ`;}
      expect(diff).toBeUndefined();
    }
    // and the Go readers read every new YAML file as the `yaml` package reads the old one
    if (hasTool('yamlcheck')) {
      const results = readWithGo(yamlFiles.map((f) => after[f]));
      yamlFiles.forEach((f, i) => {
        expect({ file: f, problems: disagreements(parseYamlStream(before[f])!, results[i]) }).toEqual({ file: f, problems: [] });
      });
    }
  });
});
