import { App as K8sApp } from 'cdk8s';
import { App as TfApp } from 'cdktn';
import { IConstruct } from 'constructs';
import { ChartOutput, renderCharts } from './chart-output';
import { describeFile, INDEX_FILE, OutputRoot, renderIndex, SynthesizedFile } from './output-index';
import { renderStacks } from './terraform-output';
import { Artifacts } from '../core/artifact';
import { LocatedProblem, OpsError } from '../core/ops-error';
import { formatValue } from '../core/problem';
import { Validations } from '../core/validations';
import { LocatedWarning, Warnings } from '../core/warnings';

/** Everything one synth produces, in memory. */
export interface RenderedApp {
  readonly charts: ChartOutput[];
  /** Files of `outdir` by relative path (charts, artifacts and the index). */
  readonly outdirFiles: Map<string, string>;
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
  readonly outputFileExtension: string;
  readonly opskitVersion: string;
}

/**
 * Runs the three validation tiers and renders every output in memory. Throws one `OpsError` listing every
 * problem, with its construct path, before anything is written.
 */
export function renderApp(options: RenderOptions): RenderedApp {
  const problems: LocatedProblem[] = [];
  // tiers 1 and 2: construct validations in both trees
  const roots: IConstruct[] = options.terraform ? [options.k8s, options.terraform] : [options.k8s];
  for (const root of roots) {
    for (const c of root.node.findAll()) {
      problems.push(...Validations.run(c).map((p) => ({ ...p, path: c.node.path || '<root>' })));
    }
  }
  if (problems.length > 0) throw new OpsError(problems);

  // tier 3 runs inside renderCharts, on the resolved objects
  const charts = renderCharts(options.k8s, options.outputFileExtension, options.validate, problems);
  const outdirFiles = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const chart of charts) {
    outdirFiles.set(chart.fileName, chart.yaml);
    owners.set(chart.fileName, `chart ${chart.chartId}`);
  }
  for (const root of roots) {
    for (const artifact of Artifacts.findAll(root)) {
      for (const file of artifact.renderFiles()) {
        const pathProblem = checkArtifactPath(file.path, owners);
        if (pathProblem) {
          problems.push({ ...pathProblem, path: artifact.node.path });
          continue;
        }
        outdirFiles.set(file.path, file.content);
        owners.set(file.path, artifact.node.path);
      }
    }
  }
  if (problems.length > 0) throw new OpsError(problems);

  const terraformFiles = options.terraform ? renderStacks(options.terraform) : new Map<string, Buffer>();
  const files: SynthesizedFile[] = [
    ...[...outdirFiles.entries()].map(([p, c]) => describeFile(OutputRoot.OUTDIR, p, c)),
    ...[...terraformFiles.entries()].map(([p, c]) => describeFile(OutputRoot.TERRAFORM_OUTDIR, p, c)),
  ];
  outdirFiles.set(INDEX_FILE, renderIndex(options.opskitVersion, files));
  const warnings = roots.flatMap((root) => Warnings.collect(root));
  return { charts, outdirFiles, terraformFiles, files, warnings };
}

function checkArtifactPath(filePath: string, owners: Map<string, string>) {
  const segments = filePath.split('/');
  const bad = filePath.length === 0 || filePath.startsWith('/') || /^[A-Za-z]:/.test(filePath) || filePath.includes('\\')
    || segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) {
    return { field: 'path', expected: 'must be a relative path with "/" separators and no "." or ".." segments', got: formatValue(filePath), fix: 'use a path such as "prometheus/api.rules.yaml"' };
  }
  if (filePath === INDEX_FILE) {
    return { field: 'path', expected: `must not be ${INDEX_FILE}, which opskit writes itself`, got: formatValue(filePath), fix: 'choose another file name' };
  }
  const owner = owners.get(filePath);
  if (owner) {
    return { field: 'path', expected: `must be unique, but ${owner} writes the same file`, got: formatValue(filePath), fix: 'give one of the files another name' };
  }
  return undefined;
}
