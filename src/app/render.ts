import { App as K8sApp } from 'cdk8s';
import type { App as TfApp } from 'cdktn';
import { IConstruct } from 'constructs';
import { artifactPathProblems } from './app-props';
import { ChartOutput, renderCharts } from './chart-output';
import { describeFile, INDEX_FILE, OutputRoot, renderIndex, SynthesizedFile } from './output-index';
import type * as TerraformOutput from './terraform-output';
import { Artifacts, IArtifact } from '../core/artifact';
import { artifactsAmong } from '../core/artifact-marks';
import { ConstructTree } from '../core/construct-tree';
import { inferDependencies } from '../core/dependency-order';
import { LocatedProblem, OpsError, OpsErrors } from '../core/ops-error';
import { Problem, problem } from '../core/problem';
import { PropsProblems } from '../core/props-problems';
import { firstTemplateValueWord, TemplateValues } from '../core/template-values';
import { oncePerSynth, Validations } from '../core/validations';
import { LocatedWarning, Warnings } from '../core/warnings';

let terraformOutputModule: typeof TerraformOutput | undefined;

/** The Terraform output (and cdktn with it), loaded by the first synth of an app with a stack. */
function terraformOutput(): typeof TerraformOutput {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  terraformOutputModule ??= require('./terraform-output') as typeof TerraformOutput;
  return terraformOutputModule;
}

/** Everything one synth produces, in memory. */
export interface RenderedApp {
  readonly charts: ChartOutput[];
  /** Files of `outdir` by relative path (charts, as UTF-8 bytes; artifacts and the index, as text). */
  readonly outdirFiles: Map<string, string | Buffer>;
  /** Files of `terraformOutdir` by relative path; empty when the app has no stack. */
  readonly terraformFiles: Map<string, Buffer>;
  /** Every file, as listed in the index. */
  readonly files: SynthesizedFile[];
  /** Every warning recorded in either tree. */
  readonly warnings: LocatedWarning[];
}

/** What `render` needs to know about the app. */
export interface RenderOptions {
  readonly k8s: K8sApp;
  /** The cdktn app, when the program created one. */
  readonly terraform?: TfApp;
  readonly validate: boolean;
  /** Whether the rendered charts keep their objects (`OpsTesting` reads them; a synth only writes the text). */
  readonly keepObjects: boolean;
  readonly outputFileExtension: string;
  readonly opskitVersion: string;
}

/**
 * Runs the three validation tiers and renders every output in memory. Throws one `OpsError` listing every
 * problem, with its construct path, before anything is written.
 */
export function renderApp(options: RenderOptions): RenderedApp {
  const roots: IConstruct[] = options.terraform ? [options.k8s, options.terraform] : [options.k8s];
  return oncePerSynth(roots, () => renderOnce(options));
}

function renderOnce(options: RenderOptions): RenderedApp {
  const roots: IConstruct[] = options.terraform ? [options.k8s, options.terraform] : [options.k8s];
  const problems = validateConstructs(options.k8s, roots);
  if (problems.length > 0) throw new OpsError(problems);

  // tier 3 runs inside renderCharts, on the resolved objects; one more walk of the Kubernetes tree, after the
  // validations (which may add constructs), serves the charts, their objects and the artifacts
  const tree = ConstructTree.of(options.k8s);
  const charts = renderCharts(options.k8s, options.outputFileExtension, options.validate, problems, tree, options.keepObjects);
  const outdirFiles = new Map<string, string | Buffer>();
  const claims = new OutputClaims();
  for (const chart of charts) {
    outdirFiles.set(chart.fileName, chart.content);
    claims.claim(chart.fileName, `chart ${chart.chartId}`);
  }
  for (const root of roots) {
    const artifacts = root === options.k8s ? artifactsAmong<IArtifact>(root, () => tree.all) : Artifacts.findAll(root);
    for (const artifact of artifacts) {
      for (const file of artifact.renderFiles()) {
        const pathProblems = artifactPathProblems(file?.path);
        const found = pathProblems.length > 0 ? pathProblems : claims.check(file.path);
        if (found.length === 0 && typeof file.content !== 'string') {
          found.push(problem(`files[${JSON.stringify(file.path)}].content`, 'must be a string', file.content, 'return the file\'s text from renderFiles()'));
        }
        if (found.length > 0) {
          problems.push(...found.map((p) => ({ ...p, path: artifact.node.path })));
          continue;
        }
        // Helm values (HelmValue tokens) in an artifact's text resolve to their defaults, as in the manifests
        outdirFiles.set(file.path, TemplateValues.of(root).resolveTextDefaults(file.content));
        claims.claim(file.path, artifact.node.path);
      }
    }
  }
  if (problems.length > 0) throw new OpsError(problems);

  const terraformFiles = options.terraform ? terraformOutput().renderStacks(options.terraform) : new Map<string, Buffer>();
  // a HelmValue's stand-in left in an output: used in a tree other than the one it was defined in (a stack)
  const leaked: LocatedProblem[] = [];
  for (const [p, content] of [...outdirFiles, ...terraformFiles]) {
    const word = firstTemplateValueWord(content);
    if (word === undefined) continue;
    leaked.push({
      ...problem(`files[${JSON.stringify(p)}]`, 'must not hold the stand-in of a HelmValue: a HelmValue resolves only in the construct tree it was defined in (its charts\' manifests, their artifacts and Helm charts)', word,
        'define the HelmValue with a scope of the tree that uses it (HelmValues belong to the Kubernetes side), or use a plain value'),
      path: '<root>',
    });
  }
  if (leaked.length > 0) throw new OpsError(leaked);
  const files: SynthesizedFile[] = [
    ...[...outdirFiles.entries()].map(([p, c]) => describeFile(OutputRoot.OUTDIR, p, c)),
    ...[...terraformFiles.entries()].map(([p, c]) => describeFile(OutputRoot.TERRAFORM_OUTDIR, p, c)),
  ];
  outdirFiles.set(INDEX_FILE, renderIndex(options.opskitVersion, files));
  const warnings = roots.flatMap((root) => Warnings.collect(root));
  return { charts, outdirFiles, terraformFiles, files, warnings };
}

/**
 * cdk8s's dependency inference, once (validations that read a chart's objects, a Helm chart, see them in the order
 * the manifests have), then tiers 1 and 2: the construct validations of both trees (the only validation pass:
 * charts are resolved without cdk8s's chart.toJson(), which would validate the app again). One walk of the
 * Kubernetes tree serves both.
 */
function validateConstructs(k8s: K8sApp, roots: readonly IConstruct[]): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const k8sTree = ConstructTree.of(k8s);
  inferDependencies(k8s, k8sTree);
  // constructs with invalid props built nothing: a check that depends on one of them may fail on what is
  // missing; it runs again once the props are fixed
  const incomplete = roots.some((root) => PropsProblems.anyIn(root));
  for (const root of roots) {
    for (const c of root === k8s ? k8sTree.all : root.node.findAll()) {
      let found: Problem[];
      try {
        found = Validations.run(c);
      } catch (e) {
        if (!incomplete || OpsErrors.isOpsError(e)) throw e;
        continue;
      }
      problems.push(...found.map((p) => ({ ...p, path: c.node.path || '<root>' })));
    }
  }
  return problems;
}

/**
 * The paths already taken in `outdir`, compared case-insensitively (the output must be the same on macOS and
 * Windows, whose file systems ignore case), as files and as the folders that contain them.
 */
class OutputClaims {
  private readonly files = new Map<string, { path: string; owner: string }>();
  private readonly folders = new Map<string, { path: string; owner: string }>();

  public claim(filePath: string, owner: string): void {
    this.files.set(filePath.toLowerCase(), { path: filePath, owner });
    const segments = filePath.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (!this.folders.has(folder.toLowerCase())) this.folders.set(folder.toLowerCase(), { path: filePath, owner });
    }
  }

  /** Problems of a new file at `filePath`: the same file, or a file where a folder is needed (or the reverse). */
  public check(filePath: string): Problem[] {
    const key = filePath.toLowerCase();
    const same = this.files.get(key);
    if (same) {
      const how = same.path === filePath ? 'the same file' : `"${same.path}", which differs only in letter case`;
      return [problem('path', `must be unique, but ${same.owner} writes ${how}`, filePath, 'give one of the files another name')];
    }
    const folder = this.folders.get(key);
    if (folder) {
      return [problem('path', `must not name a folder that holds "${folder.path}" of ${folder.owner}`, filePath, 'give the file another name')];
    }
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = this.files.get(segments.slice(0, i).join('/'));
      if (parent) {
        return [problem('path', `must not be inside "${parent.path}", which ${parent.owner} writes as a file`, filePath, 'give the file or the folder another name')];
      }
    }
    return [];
  }
}
