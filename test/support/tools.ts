import { spawnSync } from 'child_process';

/**
 * Tools `.ci/run` installs (from Debian), which CI therefore requires. Other tools (terraform, which is not
 * packaged by Debian) are used where the machine has them and skip visibly everywhere else.
 */
const INSTALLED_BY_CI = new Set(['promtool', 'amtool']);

/** Whether a command is on the PATH. */
export function hasTool(tool: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

/**
 * Declares a suite that needs an external tool (promtool, amtool, terraform). When the tool is missing it
 * registers one skipped test saying so, visibly; under `OPSKIT_REQUIRE_TOOLS=1` (CI) a missing tool that CI
 * installs fails instead.
 */
export function describeWithTool(tool: string, name: string, body: () => void): void {
  if (hasTool(tool)) {
    describe(name, body);
    return;
  }
  if (process.env.OPSKIT_REQUIRE_TOOLS === '1' && INSTALLED_BY_CI.has(tool)) {
    describe(name, () => {
      test(`${tool} is installed`, () => {
        throw new Error(`${tool} is not on the PATH, and OPSKIT_REQUIRE_TOOLS=1 requires it (see .ci/run)`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": ${tool} is not installed`);
  describe(name, () => {
    test.skip(`SKIPPED: ${tool} is not installed`, () => {});
  });
}

/** Throws unless the tool is present; use inside a suite declared with `describeWithTool`. */
export function requireTool(tool: string): void {
  if (!hasTool(tool)) {
    throw new Error(`${tool} is not on the PATH`);
  }
}

/** Result of running a tool. */
export interface ToolResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool synchronously (no shell), returning its exit status and output. */
export function runTool(cmd: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): ToolResult {
  const r = spawnSync(cmd, args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
