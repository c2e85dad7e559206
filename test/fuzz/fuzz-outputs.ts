import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthResult } from '../../src/app/testing';
import { unescapeTerraformTemplate } from '../../src/core/terraform-text';
import { parseYamlDocuments } from '../../src/core/yaml';
import { argoCdModuleDir } from '../support/argocd-crds';
import { helm } from '../support/helm';
import { describeVerdict, kubeCheck } from '../support/kube-check';
import { olmCheck, olmErrors } from '../support/olm-check';
import { hasReference, referencePath } from '../support/reference';
import { runTool } from '../support/tools';
import { disagreements, readWithGo } from '../support/yaml-oracles';

/**
 * What one accepted fuzz run emitted, and the batch checks of many runs against the real consumers: the Go YAML
 * readers (tools/yamlcheck), kube-check, promtool and amtool — one tool call per batch, never one per run.
 * Each check returns its disagreements as `run <n>: <what>` lines (empty when the tools agree with opskit).
 */

/** A YAML document opskit wrote: the JSON value it meant and the text it wrote. */
export interface WrittenYaml {
  readonly model: unknown;
  readonly text: string;
}

/** The outputs of one run that synthesized. */
export interface AcceptedRun {
  /** The run's index among the runs of its construct (for reproduction with the printed props). */
  readonly run: number;
  /** The props, printed for a failure message. */
  readonly props: string;
  readonly yaml: WrittenYaml[];
  readonly manifests: any[];
  /** Files of `outdir` by path (artifacts, chart files). */
  readonly files: Record<string, string>;
  /** The `cdk.tf.json` of every stack, parsed. */
  readonly stacks: any[];
}

/** Collects the outputs of a synth. */
export function acceptedRun(run: number, props: string, yaml: WrittenYaml[], out: SynthResult): AcceptedRun {
  const files: Record<string, string> = {};
  for (const f of out.fileNames) files[f] = out.file(f);
  const stacks = out.terraformFileNames.filter((f) => f.endsWith('/cdk.tf.json')).map((f) => out.terraform(f.split('/')[1]));
  return { run, props, yaml, manifests: out.allManifests(), files, stacks };
}

function where(run: AcceptedRun, what: string): string {
  return `run ${run.run}: ${what}\n    props: ${run.props.slice(0, 2000)}`;
}

/** Every YAML document of the runs, read by the Go readers, must be the JSON value opskit wrote. */
export function goYamlDisagreements(runs: readonly AcceptedRun[]): { checked: number; problems: string[] } {
  const seen = new Set<string>();
  const docs: { run: AcceptedRun; doc: WrittenYaml }[] = [];
  for (const run of runs) {
    for (const doc of run.yaml) {
      if (seen.has(doc.text)) continue;
      seen.add(doc.text);
      docs.push({ run, doc });
    }
  }
  if (docs.length === 0) return { checked: 0, problems: [] };
  const results = readWithGo(docs.map((d) => d.doc.text));
  const problems: string[] = [];
  docs.forEach((d, i) => {
    const found = disagreements([d.doc.model], results[i]);
    if (found.length > 0) problems.push(where(d.run, `YAML read differently: ${found.join('; ')}\n--- written:\n${d.doc.text.slice(0, 2000)}`));
  });
  return { checked: docs.length, problems };
}

/** CRDs of the kinds opskit emits without defining them (Prometheus Operator's, cert-manager's), from the reference. */
const REFERENCE_CRDS = ['observability/crds', 'olm/examples/cert-manager/bundle/manifests'];
let referenceCrds: any[] | undefined;

/** Whether kube-check can judge monitoring objects (the reference CRDs are present). */
export function hasReferenceCrds(): boolean {
  return REFERENCE_CRDS.every((d) => hasReference(d));
}

/**
 * The CRDs kube-check judges the emitted custom kinds with: the reference's, Argo CD's from Go's module cache
 * (tools/argocd) and OLM v1's from OPSKIT_OLM_V1_CRDS (operator-controller's module is not served here, so they
 * come only from a folder given by hand; see docs/oracles.md).
 */
function loadReferenceCrds(): any[] {
  const argoCd = argoCdModuleDir().dir;
  const olmV1 = process.env.OPSKIT_OLM_V1_CRDS;
  const dirs = [
    ...REFERENCE_CRDS.map((d) => referencePath(d)),
    ...(argoCd ? [path.join(argoCd, 'manifests', 'crds')] : []),
    ...(olmV1 && fs.existsSync(olmV1) ? [olmV1] : []),
  ];
  referenceCrds ??= dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.yaml')).sort()
    .flatMap((f) => parseYamlDocuments(fs.readFileSync(path.join(d, f), 'utf8'))))
    .filter((o) => o?.kind === 'CustomResourceDefinition');
  return referenceCrds;
}

/** The groups of custom kinds kube-check has no CRD for here (their objects are left out, and counted). */
function groupsWithoutCrd(crds: readonly any[], runs: readonly AcceptedRun[]): Set<string> {
  const defined = new Set(crds.map((c) => c.spec?.group));
  for (const run of runs) for (const o of run.manifests) if (o.kind === 'CustomResourceDefinition') defined.add(o.spec?.group);
  const missing = new Set<string>();
  for (const run of runs) {
    for (const o of run.manifests) {
      const version = String(o.apiVersion ?? '');
      const group = version.includes('/') ? version.split('/')[0] : '';
      if (group.includes('.') && !group.endsWith('k8s.io') && !defined.has(group)) missing.add(group);
    }
  }
  return missing;
}

/**
 * Every object the runs emitted, in one kube-check process (the reference CRDs first, then each run's CRDs before
 * its other objects): the API server must accept each (built-in kinds are answered `skipped`).
 */
export function kubeCheckDisagreements(runs: readonly AcceptedRun[]): { checked: number; problems: string[]; leftOut: string[] } {
  const crds = loadReferenceCrds();
  const missing = groupsWithoutCrd(crds, runs);
  const stream: unknown[] = [...crds];
  const owners: (AcceptedRun | undefined)[] = crds.map(() => undefined);
  for (const run of runs) {
    const ordered = [...run.manifests.filter((o) => o.kind === 'CustomResourceDefinition'), ...run.manifests.filter((o) => o.kind !== 'CustomResourceDefinition')];
    for (const o of ordered) {
      if (missing.has(String(o.apiVersion).split('/')[0])) continue;
      stream.push(o);
      owners.push(run);
    }
  }
  const leftOut = [...missing].sort();
  if (stream.length === crds.length) return { checked: 0, problems: [], leftOut };
  const verdicts = kubeCheck(stream);
  const problems: string[] = [];
  let checked = 0;
  verdicts.forEach((v, i) => {
    const run = owners[i];
    if (!run) return;
    if (!v.skipped) checked++;
    if (!v.allowed) problems.push(where(run, `kube-check rejects ${v.kind} ${v.name}: ${describeVerdict(v)}`));
  });
  return { checked, problems, leftOut };
}

/** Writes each run's files under `<dir>/run-<n>/` and returns the paths (relative to `dir`) of those `select` picks. */
function writeRunFiles(dir: string, runs: readonly AcceptedRun[], select: (file: string) => boolean): { file: string; run: AcceptedRun }[] {
  const picked: { file: string; run: AcceptedRun }[] = [];
  for (const run of runs) {
    for (const [f, text] of Object.entries(run.files)) {
      const target = path.join(dir, `run-${run.run}`, f);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
      if (select(f)) picked.push({ file: path.join(`run-${run.run}`, f), run });
    }
  }
  return picked;
}

/** Splits a checker's output into the section of each file (`Checking <file>` … up to the next one). */
function sections(text: string, files: readonly string[], quote: string): string[] {
  return files.map((f) => {
    const at = text.indexOf(`Checking ${quote}${f}${quote}`);
    if (at < 0) return `not checked: ${text.slice(0, 500)}`;
    const next = text.indexOf('Checking ', at + 1);
    return text.slice(at, next < 0 ? undefined : next);
  });
}

/** Runs a checker on many files in batches of `size` (one process per batch); returns each file's output section. */
function checkInBatches(bin: string, args: string[], dir: string, files: readonly string[], quote: string, size = 200): string[] {
  const out: string[] = [];
  for (let i = 0; i < files.length; i += size) {
    const batch = files.slice(i, i + size);
    const r = runTool('sh', ['-c', `"$0" ${args.join(' ')} "$@" 2>&1`, bin, ...batch], { cwd: dir });
    out.push(...sections(r.stdout, batch, quote));
  }
  return out;
}

/** Every rule file (`prometheus/*.rules.yaml`) of the runs passes `promtool check rules`. */
export function promtoolDisagreements(bin: string, runs: readonly AcceptedRun[]): { checked: number; problems: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-fuzz-promtool-'));
  try {
    const files = writeRunFiles(dir, runs, (f) => /^prometheus\/[^/]+\.rules\.yaml$/.test(f));
    const verdicts = checkInBatches(bin, ['check', 'rules', '--lint=none'], dir, files.map((f) => f.file), '');
    const problems = verdicts.flatMap((v, i) => (/SUCCESS/.test(v) && !/FAILED/.test(v) ? [] : [where(files[i].run, `promtool rejects ${files[i].file}: ${v.trim()}`)]));
    return { checked: files.length, problems };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every Alertmanager configuration (`alertmanager/<name>.yaml`) of the runs passes `amtool check-config`. */
export function amtoolDisagreements(bin: string, runs: readonly AcceptedRun[]): { checked: number; problems: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-fuzz-amtool-'));
  try {
    const files = writeRunFiles(dir, runs, (f) => /^alertmanager\/[^/]+\.yaml$/.test(f));
    const verdicts = checkInBatches(bin, ['check-config'], dir, files.map((f) => f.file), '\'');
    const problems = verdicts.flatMap((v, i) => (/SUCCESS/.test(v.split('\n')[0]) ? [] : [where(files[i].run, `amtool rejects ${files[i].file}: ${v.trim()}`)]));
    return { checked: files.length, problems };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every string (keys too) of a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => strings(v, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The interpolations a stack may hold: references to what the stack itself declares (`${aws_sns_topic.x.arn}`,
 * `${local.x}`, `${var.x}`, `${data.t.x.y}`), optionally inside one function call (`${base64encode(local.x)}`).
 */
function referencePattern(stack: any): RegExp {
  const names: string[] = [];
  for (const [type, byName] of Object.entries<any>(stack.resource ?? {})) for (const n of Object.keys(byName)) names.push(`${type}.${n}`);
  for (const [type, byName] of Object.entries<any>(stack.data ?? {})) for (const n of Object.keys(byName)) names.push(`data.${type}.${n}`);
  for (const n of Object.keys(stack.locals ?? {})) names.push(`local.${n}`);
  for (const n of Object.keys(stack.variable ?? {})) names.push(`var.${n}`);
  if (names.length === 0) return /(?!)/g;
  const ref = `(?:${names.map(escapeRegExp).join('|')})(?:\\.[A-Za-z0-9_]+|\\[[0-9]+\\])*`;
  return new RegExp(`\\$\\{(?:${ref}|[a-z0-9_]+\\(${ref}\\))\\}`, 'g');
}

/** No literal `${`/`%{` from any prop reaches a stack's `cdk.tf.json` unescaped (every string walked, keys included). */
export function terraformDisagreements(runs: readonly AcceptedRun[]): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  for (const run of runs) {
    for (const stack of run.stacks) {
      checked++;
      const refs = referencePattern(stack);
      const evaluated = strings(stack).filter((s) => unescapeTerraformTemplate(s.replace(refs, '')) === undefined);
      if (evaluated.length > 0) problems.push(where(run, `Terraform would evaluate ${JSON.stringify(evaluated.slice(0, 3))}`));
    }
  }
  return { checked, problems };
}

/** The folders (relative to `dir`) of the runs that hold a file matching `marker` (a chart's `Chart.yaml`, a bundle's annotations). */
function runFolders(dir: string, runs: readonly AcceptedRun[], marker: RegExp): { folder: string; run: AcceptedRun }[] {
  return writeRunFiles(dir, runs, (f) => marker.test(f)).map(({ file, run }) => ({ folder: path.join(dir, file.replace(marker, '')), run }));
}

/** Every Helm chart (`helm/<name>/`) of the runs passes `helm lint --strict`, in one helm call. */
export function helmLintDisagreements(runs: readonly AcceptedRun[]): { checked: number; problems: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-fuzz-helm-'));
  try {
    const charts = runFolders(dir, runs, /\/Chart\.yaml$/);
    if (charts.length === 0) return { checked: 0, problems: [] };
    const out = helm(['lint', '--strict', ...charts.map((c) => c.folder)]);
    const text = out.stdout + out.stderr;
    const problems = charts.flatMap((c) => {
      const at = text.indexOf(`==> Linting ${c.folder}\n`);
      const next = text.indexOf('==> Linting ', at + 1);
      const section = at < 0 ? 'not linted' : text.slice(at, next < 0 ? undefined : next);
      return at >= 0 && !/\[ERROR\]|\[WARNING\]|^Error/m.test(section.split('\n').slice(1).join('\n')) ? [] : [where(c.run, `helm lint --strict rejects ${c.folder}: ${section.trim()}`)];
    });
    return { checked: charts.length, problems };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Validators of operator-sdk's default `bundle validate` suite: what every bundle must pass. */
const DEFAULT_OLM_VALIDATORS = new Set(['csv', 'crd', 'bundle']);

/** Every OLM bundle (`olm/<package>/<version>/`) of the runs passes operator-framework/api's default validators, in one olm-check call. */
export function olmCheckDisagreements(runs: readonly AcceptedRun[]): { checked: number; problems: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-fuzz-olm-'));
  try {
    const bundles = runFolders(dir, runs, /\/metadata\/annotations\.yaml$/);
    if (bundles.length === 0) return { checked: 0, problems: [] };
    const verdicts = olmCheck(bundles.map((b) => b.folder));
    const problems = bundles.flatMap((b, i) => {
      const v = verdicts[i];
      const errors = [...(v.loadError ? [v.loadError] : []), ...v.findings.filter((f) => f.level === 'Error' && DEFAULT_OLM_VALIDATORS.has(f.validator))
        .map((f) => `${f.validator}: ${f.message}`)];
      return errors.length === 0 ? [] : [where(b.run, `olm-check rejects ${b.folder}: ${errors.join('; ')} (all errors: ${olmErrors(v).join('; ')})`)];
    });
    return { checked: bundles.length, problems };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
