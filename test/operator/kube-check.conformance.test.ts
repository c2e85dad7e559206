import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYamlDocuments } from '../../src/core/yaml';
import { compareWithServer, isCrd } from '../support/crd-verdicts';
import { describeVerdict, kubeCheck } from '../support/kube-check';
import { REFERENCE_ROOT, describeReference } from '../support/reference';
import { describeWithTool } from '../support/tools';

/*
 * Every CRD in ../shared/reference (read in place) and every CRD and custom resource the examples emit get the
 * same verdict from opskit (R1–R46, CustomResource validation) and from the API server's create path (kube-check).
 */

/** Every YAML/JSON file under a folder. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** The CRD documents of a file (none when it does not parse). */
function crdsIn(file: string): any[] {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes('CustomResourceDefinition')) return [];
  try {
    const docs = file.endsWith('.json') ? [JSON.parse(text)] : parseYamlDocuments(text);
    return docs.filter(isCrd);
  } catch {
    return [];
  }
}

describeWithTool('kube-check', 'reference CRDs get the same verdict from opskit and the API server', () => {
  describeReference('reference CRDs', '.', (dir) => {
    // GIVEN every CRD of the reference files
    const cases = filesUnder(dir).flatMap((f) => crdsIn(f).map((crd) => ({ file: path.relative(REFERENCE_ROOT, f), crd })));

    test('there are reference CRDs to check', () => {
      expect(cases.length).toBeGreaterThan(50);
    });

    test('opskit and kube-check agree on every one (verdict and field paths)', () => {
      // WHEN
      const { verdicts, disagreements } = compareWithServer(cases.map((c) => c.crd));
      // THEN
      const report = disagreements.map((d) => `${cases[d.index].file} (${d.object.metadata?.name}) [${d.kind}]\n  server ${d.server}\n  opskit ${d.opskit}`);
      expect(report).toEqual([]);
      // both outcomes occur (the validator fixtures hold broken CRDs on purpose)
      expect(verdicts.some((v) => v.allowed)).toBe(true);
    });
  });
});

/** The objects an example writes, synthesized by running its main.ts with the outputs in a temporary folder. */
function exampleObjects(example: string): any[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `opskit-kc-${example}-`));
  const env = { CDK8S_OUTDIR: process.env.CDK8S_OUTDIR, CDKTF_OUTDIR: process.env.CDKTF_OUTDIR };
  process.env.CDK8S_OUTDIR = path.join(out, 'dist');
  process.env.CDKTF_OUTDIR = path.join(out, 'cdktf.out');
  const log = console.log;
  try {
    console.log = () => {};
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.resolve(__dirname, '..', '..', 'examples', example, 'main.ts'));
    });
  } finally {
    console.log = log;
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const dist = path.join(out, 'dist');
  return fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml')).sort()
    .flatMap((f) => parseYamlDocuments(fs.readFileSync(path.join(dist, f), 'utf8')));
}

const EXAMPLES = fs.readdirSync(path.resolve(__dirname, '..', '..', 'examples'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.resolve(__dirname, '..', '..', 'examples', e.name, 'main.ts')))
  .map((e) => e.name).sort();

describeWithTool('kube-check', 'example CRDs and custom resources get the same verdict from opskit and the API server', () => {
  test.each(EXAMPLES)('examples/%s', (example) => {
    // GIVEN what the example writes (its synth passed: opskit accepts every object)
    const objects = exampleObjects(example);
    const crds = objects.filter(isCrd);
    const ownKinds = new Set(crds.map((c) => `${c.spec.group}/${c.spec.names.kind}`));
    const own = objects.filter((o) => ownKinds.has(`${String(o.apiVersion).split('/')[0]}/${o.kind}`));
    // WHEN the CRDs and their custom resources go through the server's create path
    const { verdicts, disagreements } = compareWithServer([...crds, ...own]);
    // THEN
    expect(disagreements.map((d) => `${d.object.kind} ${d.object.metadata?.name}: server ${d.server}; opskit ${d.opskit}`)).toEqual([]);
    expect(verdicts.filter((v) => !v.allowed).map(describeVerdict)).toEqual([]);
  });

  describeReference('examples: custom resources of the prometheus-operator CRDs', 'observability/crds', (dir) => {
    test.each(EXAMPLES)('examples/%s', (example) => {
      // GIVEN the prometheus-operator CRDs (read in place) and the example's monitoring objects
      const crds = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).flatMap((f) => crdsIn(path.join(dir, f)));
      const groups = new Set(crds.map((c) => c.spec.group));
      const objects = exampleObjects(example).filter((o) => groups.has(String(o.apiVersion).split('/')[0]));
      // WHEN
      const verdicts = kubeCheck([...crds, ...objects]);
      // THEN the reference CRDs are accepted, and so is every object opskit emitted for them
      expect(verdicts.filter((v) => !v.allowed).map((v) => `${v.kind} ${v.name}: ${describeVerdict(v)}`)).toEqual([]);
    });
  });
});
