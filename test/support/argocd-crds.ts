import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describeWithPrerequisite, goCommand } from './tools';
import { parseYaml } from '../../src/core/yaml';

/**
 * Argo CD's CRDs, read at test time from Go's module cache: `tools/argocd/go.mod` pins
 * `github.com/argoproj/argo-cd/v3` and `go.sum` its hash; `go mod download` fetches (or finds) the module zip,
 * verified against that hash, and its `manifests/crds/` holds the CRDs. Nothing of Argo CD is committed.
 */
const MODULE = 'github.com/argoproj/argo-cd/v3';
const TOOL_DIR = join(__dirname, '..', '..', 'tools', 'argocd');

let found: { dir?: string; reason?: string } | undefined;

/**
 * The module folder in Go's module cache, downloading it if needed; `undefined` with the reason when it cannot.
 * Asked once per test file (each caller, e.g. every fuzz subject's kube-check, would otherwise run `go mod download`).
 */
export function argoCdModuleDir(): { dir?: string; reason?: string } {
  found ??= findArgoCdModuleDir();
  return found;
}

function findArgoCdModuleDir(): { dir?: string; reason?: string } {
  const go = goCommand();
  if (!go) return { reason: 'go is not installed (needed to fetch Argo CD\'s CRDs from the Go module proxy)' };
  const r = spawnSync(go, ['mod', 'download', '-json', MODULE], {
    cwd: TOOL_DIR, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=readonly' }, timeout: 300_000,
  });
  if (r.status !== 0) return { reason: `go mod download ${MODULE} failed: ${(r.stdout || r.stderr || '').trim().slice(0, 300)}` };
  const info = JSON.parse(r.stdout);
  if (!info.Dir || info.Error) return { reason: `go mod download ${MODULE}: ${info.Error ?? 'no folder'}` };
  return { dir: info.Dir };
}

/** Argo CD's Application CRD (argoproj.io, `manifests/crds/application-crd.yaml`). */
export function argoCdApplicationCrd(dir: string): any {
  return parseYaml(readFileSync(join(dir, 'manifests', 'crds', 'application-crd.yaml'), 'utf8'));
}

/**
 * Declares a suite that needs Argo CD's CRDs: it skips visibly when Go is missing or the module cannot be
 * fetched, and fails instead under `OPSKIT_REQUIRE_TOOLS=1` (CI, which has Go).
 */
export function describeWithArgoCdCrds(name: string, body: (dir: () => string) => void): void {
  const module = argoCdModuleDir();
  describeWithPrerequisite(name, module.dir ? undefined : module.reason, 'see tools/argocd', () => body(() => module.dir!));
}
