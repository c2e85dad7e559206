import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './files';
import { describeWithTool, runTool, ToolResult } from './tools';
import { parseYamlDocuments } from '../../src/core/yaml';

/**
 * The Helm oracle (tools/helm: Helm v4 built from helm.sh/helm/v4 at the version pinned in tools/helm/go.mod).
 * Found and skipped like every oracle (`describeWithTool`: a visible skip without it, a failure under
 * OPSKIT_REQUIRE_TOOLS=1). Each call runs with its own empty Helm home (cache, config, data), so no repository,
 * plugin or registry login of the machine is used and nothing reaches the network. See docs/oracles.md.
 */
export const HELM = 'helm';

/** Declares a suite that needs Helm. */
export function describeWithHelm(name: string, body: () => void): void {
  describeWithTool(HELM, name, body);
}

let home: string | undefined;

/** Runs `helm <args>` with an isolated Helm home. */
export function helm(args: string[], options: { cwd?: string; input?: string } = {}): ToolResult {
  home ??= tempDir('opskit-helm-home-');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
    HELM_PLUGINS: path.join(home, 'plugins'),
    // no cluster: `helm template` renders offline
    KUBECONFIG: path.join(home, 'no-kubeconfig'),
  };
  return runTool(HELM, args, { cwd: options.cwd, input: options.input, env });
}

/** Writes files (path → text) under a fresh folder and returns the folder. */
export function writeFolder(files: ReadonlyMap<string, string> | Record<string, string>, prefix = 'opskit-chart-'): string {
  const dir = tempDir(prefix);
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
  for (const [p, content] of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), content);
  }
  return dir;
}

/** What `helm template` rendered: the objects parsed, or Helm's error. */
export interface HelmTemplateResult {
  readonly ok: boolean;
  readonly objects: any[];
  /** The rendered YAML text. */
  readonly text: string;
  readonly stderr: string;
}

export interface HelmTemplateOptions {
  readonly namespace: string;
  /** Values files (written as JSON), in order. */
  readonly values?: unknown[];
  /** `--set` flags. */
  readonly set?: string[];
  readonly release?: string;
}

/** `helm template <release> <chartDir> --namespace <ns> --include-crds` with values files and `--set` flags. */
export function helmTemplate(chartDir: string, options: HelmTemplateOptions): HelmTemplateResult {
  const args = ['template', options.release ?? 'release', chartDir, '--namespace', options.namespace, '--include-crds'];
  for (const v of options.values ?? []) {
    const file = path.join(tempDir('opskit-values-'), 'values.json');
    // U+2028/U+2029 escaped: Helm reads values files with a Go YAML reader, which takes them raw as line breaks
    fs.writeFileSync(file, JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
    args.push('--values', file);
  }
  for (const s of options.set ?? []) args.push('--set', s);
  const r = helm(args);
  if (r.status !== 0) return { ok: false, objects: [], text: r.stdout, stderr: r.stderr };
  return { ok: true, objects: parseYamlDocuments(r.stdout), text: r.stdout, stderr: r.stderr };
}
