import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/** Where `tools/build.sh` puts the oracles it builds from the Go module proxy. */
export const TOOLS_BIN = join(__dirname, '..', '..', 'tools', 'bin');
const TOOLS_DIR = join(__dirname, '..', '..', 'tools');

/** Tools `.ci/run` installs from Debian, which CI therefore requires. */
const INSTALLED_FROM_DEBIAN = new Set(['promtool', 'amtool']);

/**
 * The binaries `tools/build.sh` builds: one per `tools/<tool>/cmd/<binary>/` folder, plus any a tool's own
 * `build.sh` lists in `tools/<tool>/BINARIES` (one name per line).
 */
export function oracleBinaries(): string[] {
  if (!existsSync(TOOLS_DIR)) return [];
  const names: string[] = [];
  for (const tool of readdirSync(TOOLS_DIR, { withFileTypes: true })) {
    if (!tool.isDirectory() || !existsSync(join(TOOLS_DIR, tool.name, 'go.mod'))) continue;
    const cmdDir = join(TOOLS_DIR, tool.name, 'cmd');
    if (existsSync(cmdDir)) {
      for (const cmd of readdirSync(cmdDir, { withFileTypes: true })) if (cmd.isDirectory()) names.push(cmd.name);
    }
    const listed = join(TOOLS_DIR, tool.name, 'BINARIES');
    if (existsSync(listed)) {
      names.push(...readFileSync(listed, 'utf8').split('\n').map((l: string) => l.trim()).filter(Boolean));
    }
  }
  return names.sort();
}

/** Whether CI (`OPSKIT_REQUIRE_TOOLS=1`) requires this tool: Debian's checkers and every oracle we build. */
export function requiredInCi(tool: string): boolean {
  return INSTALLED_FROM_DEBIAN.has(tool) || oracleBinaries().includes(tool);
}

/**
 * The path of a tool: the oracle built into `tools/bin/` if present, else the command on the PATH; `undefined`
 * when neither exists.
 */
export function toolPath(tool: string): string | undefined {
  const built = join(TOOLS_BIN, tool);
  if (existsSync(built)) return built;
  const r = spawnSync('sh', ['-c', `command -v '${tool.replace(/'/g, '')}'`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0 ? r.stdout.trim() : undefined;
}

/** Whether a tool is available (built into `tools/bin/` or on the PATH). */
export function hasTool(tool: string): boolean {
  return toolPath(tool) !== undefined;
}

/**
 * Declares a suite that needs an external tool (promtool, amtool, an oracle from `tools/`, terraform). When the
 * tool is missing it registers one skipped test saying so, visibly; under `OPSKIT_REQUIRE_TOOLS=1` (CI) a missing
 * tool that CI installs or builds fails instead.
 */
export function describeWithTool(tool: string, name: string, body: () => void): void {
  describeWithTools([tool], name, body);
}

/** Like `describeWithTool`, for a suite that needs several tools. */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const required = missing.filter(requiredInCi);
  if (process.env.OPSKIT_REQUIRE_TOOLS === '1' && required.length > 0) {
    describe(name, () => {
      test(`${required.join(', ')} installed`, () => {
        throw new Error(`${required.join(', ')} not found in tools/bin or on the PATH, and OPSKIT_REQUIRE_TOOLS=1 requires it (see .ci/run and tools/build.sh)`);
      });
    });
    return;
  }
  const hint = missing.some((t) => oracleBinaries().includes(t)) ? ' (build it with tools/build.sh, see docs/oracles.md)' : '';
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": ${missing.join(', ')} not installed${hint}`);
  describe(name, () => {
    test.skip(`SKIPPED: ${missing.join(', ')} not installed`, () => {});
  });
}

/**
 * Declares a suite that needs something other than one tool (Go bindings, a Go module's files): `missing` is why
 * it cannot run here, or `undefined` when it can. Missing, it registers one skipped test saying so, visibly; under
 * `OPSKIT_REQUIRE_TOOLS=1` (CI) one failing test instead, whose message ends with `fix`.
 */
export function describeWithPrerequisite(name: string, missing: string | undefined, fix: string, body: () => void): void {
  if (missing === undefined) {
    describe(name, body);
    return;
  }
  if (process.env.OPSKIT_REQUIRE_TOOLS === '1') {
    describe(name, () => {
      test(`${name}: prerequisites available`, () => {
        throw new Error(`${missing}, and OPSKIT_REQUIRE_TOOLS=1 requires it (${fix})`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": ${missing}`);
  describe(name, () => {
    test.skip(`SKIPPED: ${missing}`, () => {});
  });
}

/** The go command: on the PATH, else where Go's own installer puts it; `undefined` without Go. */
export function goCommand(): string | undefined {
  return toolPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/** Throws unless the tool is present; use inside a suite declared with `describeWithTool`. */
export function requireTool(tool: string): string {
  const path = toolPath(tool);
  if (!path) throw new Error(`${tool} is not in tools/bin or on the PATH`);
  return path;
}

/** Result of running a tool. */
export interface ToolResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool synchronously (no shell), returning its exit status and output; `cmd` is looked up with `toolPath`. */
export function runTool(cmd: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): ToolResult {
  const r = spawnSync(toolPath(cmd) ?? cmd, args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
