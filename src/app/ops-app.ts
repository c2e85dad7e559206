import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import type * as Cdktn from 'cdktn';
import { outputFolderProblems } from './app-props';
import { installErrorPrinter } from './error-printer';
import type * as OpsStackModule from './ops-stack';
import { ensureOutputFolder } from './output-folder';
import { describeFile, INDEX_FILE, OutputRoot, previousOutputs, SynthesizedFile } from './output-index';
import type * as OutputWriter from './output-writer';
import type * as Render from './render';
import { constructIdProblems } from '../core/check-props';
import { cdktn } from '../core/lazy-modules';
import { isDns1123Label } from '../core/names';
import { OpsError } from '../core/ops-error';
import { formatValue, problem } from '../core/problem';
import { propTypeProblems } from '../core/prop-types';
import { FAIL_FAST_ENV, PropsProblems } from '../core/props-problems';
import { TEMPLATE_VALUE_RESOLVER } from '../core/template-values';
import { describeWarning, LocatedWarning, Warnings } from '../core/warnings';

let renderModule: typeof Render | undefined;

/** The synth pipeline (tier 3's schemas, the YAML writer, the Terraform output), loaded by the first synth. */
function render(): typeof Render {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  renderModule ??= require('./render') as typeof Render;
  return renderModule;
}

let outputWriterModule: typeof OutputWriter | undefined;

/** The output commit (locks, journal, staging folders), loaded by the first synth that writes. */
function outputWriter(): typeof OutputWriter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  outputWriterModule ??= require('./output-writer') as typeof OutputWriter;
  return outputWriterModule;
}

let opsStackModule: typeof OpsStackModule | undefined;

/** `OpsStack` (and cdktn with it), loaded by the first `stack()`. */
function opsStacks(): typeof OpsStackModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  opsStackModule ??= require('./ops-stack') as typeof OpsStackModule;
  return opsStackModule;
}

/** Options for `OpsApp`. */
export interface OpsAppProps {
  /**
   * Folder for the Kubernetes manifests (`<chart>.k8s.yaml`), the artifacts and `opskit.json`.
   *
   * @default - `CDK8S_OUTDIR` if set (as `cdk8s synth` sets it), else `dist`
   */
  readonly outdir?: string;
  /**
   * Folder for the Terraform JSON, in cdktn's layout (`stacks/<stack>/cdk.tf.json`, `manifest.json`).
   *
   * @default - `CDKTF_OUTDIR` if set (as `cdktn synth` sets it), else `cdktf.out`
   */
  readonly terraformOutdir?: string;
  /**
   * Check every emitted Kubernetes object against its schema before writing (tier 3 validation).
   * Construct validations (tiers 1 and 2) always run.
   *
   * @default true
   */
  readonly validate?: boolean;
  /**
   * Throw an `OpsError` from the constructor of the first construct whose props are invalid, instead of
   * reporting every problem of the app together at synth. Meant for unit tests that assert one error.
   *
   * @default - `true` when the environment variable `OPSKIT_FAIL_FAST` is `1`, else `false`: a construct with
   * invalid props records its problems and builds nothing, and `synth()` reports every problem of the app at once
   */
  readonly failFast?: boolean;
}

/** What a synth wrote. */
export interface SynthSummary {
  /** The folder the manifests and artifacts were written to. */
  readonly outdir: string;
  /** The folder the Terraform JSON was written to (untouched when the app has no stack). */
  readonly terraformOutdir: string;
  /** Every file written, with its hash (the content of `opskit.json`, plus the index itself). */
  readonly files: SynthesizedFile[];
  /** How many Kubernetes objects of each kind were written, e.g. `{ Deployment: 2 }`. */
  readonly objectCounts: { [kind: string]: number };
  /** The warnings recorded by constructs (also printed to standard error). */
  readonly warnings: LocatedWarning[];
}

/**
 * One program, every output: an `OpsApp` owns a cdk8s `App` and a cdktn `App` and synthesizes both, plus
 * every artifact, in one deterministic, validated, atomic step.
 *
 * @example
 * const app = new OpsApp();
 * const chart = app.chart('platform');
 * new k8s.KubeNamespace(chart, 'ns', { metadata: { name: 'platform' } });
 * const stack = app.stack('aws', { aws: { region: 'eu-west-1' } });
 * new PrometheusWorkspace(stack, 'amp', { alias: 'platform' });
 * app.synth(); // dist/platform.k8s.yaml, cdktf.out/stacks/aws/cdk.tf.json, dist/opskit.json
 */
export class OpsApp {
  /** The version of opskit, as written into `opskit.json`. */
  public static readonly VERSION: string = readVersion();

  /** The cdk8s app that holds every chart. */
  public readonly k8s: cdk8s.App;
  /** The folder for manifests and artifacts. */
  public readonly outdir: string;
  /** The folder for Terraform JSON. */
  public readonly terraformOutdir: string;
  /** Whether emitted objects are checked against their schemas. */
  public readonly validate: boolean;
  /** Whether constructs throw at their first problem instead of reporting every problem at synth. */
  public readonly failFast: boolean;

  private terraformApp?: Cdktn.App;

  /**
   * @throws OpsError when a folder is empty, is the working directory or one of its parents, or when the two
   * folders are the same or one is inside the other (each is replaced as a whole at synth).
   */
  public constructor(props: OpsAppProps = {}) {
    props = props ?? {};
    const envOutdir = props.outdir === undefined ? process.env.CDK8S_OUTDIR : undefined;
    const envTerraformOutdir = props.terraformOutdir === undefined ? process.env.CDKTF_OUTDIR : undefined;
    const outdir: unknown = props.outdir ?? envOutdir ?? 'dist';
    const terraformOutdir: unknown = props.terraformOutdir ?? envTerraformOutdir ?? 'cdktf.out';
    const problems = outputFolderProblems({
      outdir,
      outdirField: envOutdir !== undefined ? 'outdir (from CDK8S_OUTDIR)' : 'outdir',
      terraformOutdir,
      terraformOutdirField: envTerraformOutdir !== undefined ? 'terraformOutdir (from CDKTF_OUTDIR)' : 'terraformOutdir',
      cwd: process.cwd(),
    });
    problems.push(...propTypeProblems('OpsAppProps', props).filter((p) => !['outdir', 'terraformOutdir', 'validate', 'failFast'].includes(p.field)));
    if (props.validate !== undefined && typeof props.validate !== 'boolean') {
      problems.push(problem('validate', 'must be true or false', props.validate, 'omit it to check every object, or pass false to skip the schema tier'));
    }
    if (props.failFast !== undefined && typeof props.failFast !== 'boolean') {
      problems.push(problem('failFast', 'must be true or false', props.failFast, `omit it to report every problem at synth (or set ${FAIL_FAST_ENV}=1), or pass true to throw at the first one`));
    }
    installErrorPrinter();
    if (problems.length > 0) throw new OpsError(problems.map((p) => ({ ...p, path: '<root>' })));
    this.outdir = outdir as string;
    this.terraformOutdir = terraformOutdir as string;
    this.validate = props.validate ?? true;
    this.failFast = props.failFast ?? process.env[FAIL_FAST_ENV] === '1';
    // Helm values (HelmValue tokens) in props resolve to their defaults in every manifest
    this.k8s = new cdk8s.App({ outdir: this.outdir, resolvers: [TEMPLATE_VALUE_RESOLVER] });
    PropsProblems.setFailFast(this.k8s, this.failFast);
  }

  /**
   * The cdktn app that holds every stack. Created on first use, so a program without Terraform output
   * leaves no Terraform folder behind.
   */
  public get terraform(): Cdktn.App {
    if (!this.terraformApp) {
      // cdktn creates its outdir with a non-recursive mkdir: the parent must exist
      // …and it fails on a dangling link, or when a concurrent synth renames the folder between its check and mkdir
      // (an interrupted commit is completed first: it may have left the folder missing)
      outputWriter().recoverOutputs([{ field: 'outdir', dir: this.outdir }, { field: 'terraformOutdir', dir: this.terraformOutdir }]);
      ensureOutputFolder({ field: 'terraformOutdir', dir: this.terraformOutdir });
      this.terraformApp = retryOnEexist(() => new (cdktn().App)({ outdir: this.terraformOutdir, stackTraces: false }));
      PropsProblems.setFailFast(this.terraformApp, this.failFast);
    }
    return this.terraformApp;
  }

  /**
   * Adds a cdk8s chart; its manifests are written to `<outdir>/<chart>.k8s.yaml`.
   *
   * @throws OpsError when `props.namespace` is not a DNS-1123 label
   */
  public chart(id: string, props: cdk8s.ChartProps = {}): cdk8s.Chart {
    OpsError.throwIfAny(this.k8s, constructIdProblems(id, 'id'));
    const chart = new cdk8s.Chart(this.k8s, id, props ?? {});
    const ns = props?.namespace;
    if (ns !== undefined && (typeof ns !== 'string' || !isDns1123Label(ns))) {
      chart.node.scope?.node.tryRemoveChild(chart.node.id);
      throw OpsError.of(chart, 'namespace', 'must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)',
        formatValue(ns), 'use a namespace such as "platform"');
    }
    return chart;
  }

  /** Adds a Terraform stack with opskit's defaults; it is written to `<terraformOutdir>/stacks/<id>/cdk.tf.json`. */
  public stack(id: string, props: OpsStackModule.OpsStackProps = {}): OpsStackModule.OpsStack {
    return new (opsStacks().OpsStack)(this.terraform, id, props);
  }

  /**
   * Validates everything and writes every output. Each output folder is replaced atomically: when
   * anything fails, an `OpsError` lists every problem with its construct path and nothing is written.
   * Files opskit did not write (per the previous `opskit.json`) are kept, such as `.terraform/` in a stack's
   * working directory.
   */
  public synth(): SynthSummary {
    let rendered: Render.RenderedApp;
    try {
      rendered = this.render(false);
    } catch (e) {
      // the warnings belong to the same run as the problems: show them too, then fail
      printWarnings(collectWarnings(this.k8s, this.terraformApp));
      throw e;
    }
    const { outdirFiles, terraformFiles, warnings } = rendered;
    const notFolders = ([['outdir', this.outdir], ['terraformOutdir', this.terraformOutdir]] as const)
      .filter(([field, dir]) => (field === 'outdir' || terraformFiles.size > 0) && fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
      .map(([field, dir]) => ({ ...problem(field, 'must be a folder, but a file of that name exists', dir, 'remove the file or choose another folder'), path: '<root>' }));
    if (notFolders.length > 0) throw new OpsError(notFolders);
    // read under the lock, after an interrupted commit was completed: the files of the output now in place
    let previous: ReturnType<typeof previousOutputs> | undefined;
    const owned = () => {
      const indexPath = path.join(this.outdir, INDEX_FILE);
      return previous ??= previousOutputs(fs.existsSync(indexPath) ? fs.readFileSync(indexPath, 'utf8') : undefined);
    };
    // the index's folder is the primary: its journal decides whether an interrupted commit rolls forward
    const writes: OutputWriter.FolderWrite[] = [{ field: 'outdir', dir: this.outdir, files: outdirFiles, isForeign: (rel) => !owned().outdir.has(rel) }];
    if (terraformFiles.size > 0) {
      // cdktn's own bookkeeping files are always opskit's, even without a previous index
      writes.push({
        field: 'terraformOutdir',
        dir: this.terraformOutdir,
        files: terraformFiles,
        isForeign: (rel) => !owned().terraformOutdir.has(rel) && !isCdktnFile(rel),
      });
    }
    outputWriter().commitOutputs(writes);
    printWarnings(warnings);
    return summarize(this, rendered);
  }

  /** @internal Renders every output in memory without writing (used by `OpsTesting`). */
  public _render(): Render.RenderedApp {
    return this.render(true);
  }

  private render(keepObjects: boolean): Render.RenderedApp {
    return render().renderApp({
      keepObjects,
      k8s: this.k8s,
      terraform: this.terraformApp,
      validate: this.validate,
      outputFileExtension: this.k8s.outputFileExtension,
      opskitVersion: OpsApp.VERSION,
    });
  }
}

function printWarnings(warnings: readonly LocatedWarning[]): void {
  for (const w of warnings) {
    process.stderr.write(`${describeWarning(w)}\n`);
  }
}

function collectWarnings(...roots: Array<cdk8s.App | Cdktn.App | undefined>): LocatedWarning[] {
  return roots.flatMap((root) => (root ? Warnings.collect(root) : []));
}

function summarize(app: OpsApp, rendered: Render.RenderedApp): SynthSummary {
  const objectCounts: { [kind: string]: number } = {};
  for (const chart of rendered.charts) {
    for (const kind of chart.kinds) {
      objectCounts[kind] = (objectCounts[kind] ?? 0) + 1;
    }
  }
  const index = describeFile(OutputRoot.OUTDIR, INDEX_FILE, rendered.outdirFiles.get(INDEX_FILE)!);
  const files: SynthesizedFile[] = [...rendered.files, index];
  return { outdir: app.outdir, terraformOutdir: app.terraformOutdir, files, objectCounts: sortKeys(objectCounts), warnings: rendered.warnings };
}

/** Runs `make` again when it fails because a folder appeared between a check and a `mkdir` (another synth's rename). */
function retryOnEexist<T>(make: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return make();
    } catch (e: any) {
      if (e?.code !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
}

/** `manifest.json` and each stack's `cdk.tf.json` / `metadata.json`, which only cdktn writes. */
function isCdktnFile(rel: string): boolean {
  return rel === 'manifest.json' || /^stacks\/[^/]+\/(cdk\.tf\.json|metadata\.json)$/.test(rel);
}

function sortKeys(map: { [key: string]: number }): { [key: string]: number } {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../package.json').version;
}
