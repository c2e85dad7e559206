import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { toolPath } from './tools';
import { parseYaml } from '../../src/core/yaml';

/**
 * Argo CD's CRDs, read at test time from Go's module cache: `tools/argocd/go.mod` pins
 * `github.com/argoproj/argo-cd/v3` and `go.sum` its hash; `go mod download` fetches (or finds) the module zip,
 * verified against that hash, and its `manifests/crds/` holds the CRDs. Nothing of Argo CD is committed.
 */
const MODULE = 'github.com/argoproj/argo-cd/v3';
const TOOL_DIR = join(__dirname, '..', '..', 'tools', 'argocd');

function goBinary(): string | undefined {
  return toolPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/** The module folder in Go's module cache, downloading it if needed; `undefined` with the reason when it cannot. */
export function argoCdModuleDir(): { dir?: string; reason?: string } {
  const go = goBinary();
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
  const found = argoCdModuleDir();
  if (found.dir) {
    describe(name, () => body(() => found.dir!));
    return;
  }
  if (process.env.OPSKIT_REQUIRE_TOOLS === '1') {
    describe(name, () => {
      test('Argo CD\'s CRDs are available', () => {
        throw new Error(`${found.reason}, and OPSKIT_REQUIRE_TOOLS=1 requires them (see tools/argocd)`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": ${found.reason}`);
  describe(name, () => {
    test.skip(`SKIPPED: ${found.reason}`, () => {});
  });
}
