import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defineBackupOperator } from '../../examples/backup-operator/backup-operator';
import { defineAddons } from '../../examples/helm-chart/addons';
import { defineBackupOperatorChart } from '../../examples/helm-chart/backup-operator-chart';
import { definePlatform } from '../../examples/helm-releases/platform';
import { defineAlertingAndAws } from '../../examples/slo-alerting/alerting-and-aws';
import { defineSloAlerting } from '../../examples/slo-alerting/slo-alerting';
import { OpsTesting } from '../../src/app/testing';
import { parseYamlDocuments } from '../../src/core/yaml';

/** The Kubernetes objects one example emits. */
export interface ExampleOutput {
  readonly example: string;
  readonly objects: any[];
}

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

/**
 * Runs an example's `main.ts` as it is (it synthesizes itself) with its output folders in a temporary folder,
 * and reads back every object of every chart file.
 */
function runMain(example: string): any[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `opskit-${example}-`));
  const saved = { k8s: process.env.CDK8S_OUTDIR, tf: process.env.CDKTF_OUTDIR };
  process.env.CDK8S_OUTDIR = path.join(dir, 'dist');
  process.env.CDKTF_OUTDIR = path.join(dir, 'cdktf.out');
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLES, example, 'main'));
    });
    const dist = path.join(dir, 'dist');
    return fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml')).sort()
      .flatMap((f) => parseYamlDocuments(fs.readFileSync(path.join(dist, f), 'utf8')).filter((o) => o));
  } finally {
    restore('CDK8S_OUTDIR', saved.k8s);
    restore('CDKTF_OUTDIR', saved.tf);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/**
 * Every example's Kubernetes output: the examples with a builder are synthesized in memory with `OpsTesting`, as
 * their own tests do; the others run their `main.ts`.
 */
export function examplesOutput(): ExampleOutput[] {
  const backup = OpsTesting.app();
  defineBackupOperator(backup);
  const helmChart = OpsTesting.app();
  defineAddons(helmChart, defineBackupOperatorChart(helmChart));
  const releases = OpsTesting.app();
  definePlatform(releases);
  const slo = OpsTesting.app();
  defineAlertingAndAws(slo, defineSloAlerting(slo));
  return [
    { example: 'backup-operator', objects: OpsTesting.synth(backup).allManifests() },
    { example: 'helm-chart', objects: OpsTesting.synth(helmChart).allManifests() },
    { example: 'helm-releases', objects: OpsTesting.synth(releases).allManifests() },
    { example: 'node-local-dns', objects: runMain('node-local-dns') },
    { example: 'quickstart', objects: runMain('quickstart') },
    { example: 'slo-alerting', objects: OpsTesting.synth(slo).allManifests() },
  ];
}

/** The example folders, to check that `examplesOutput()` covers each of them. */
export function exampleFolders(): string[] {
  return fs.readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}
