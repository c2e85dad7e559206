import { describeWithTool } from './tools';

/**
 * The generations of Prometheus's and Alertmanager's checkers that every rule file, promtool unit test and
 * Alertmanager configuration opskit emits must pass: Debian's (Prometheus 2.42, Alertmanager 0.25, on the PATH)
 * and the current ones built from the Go module proxy by `tools/build.sh` (see docs/oracles.md).
 *
 * Suites that call a checker declare themselves once per generation with `describeEachPromtool` /
 * `describeEachAmtool`; each generation skips visibly when its binary is absent (and fails under
 * `OPSKIT_REQUIRE_TOOLS=1`).
 */
export interface ToolGeneration {
  /** The binary (`tools/bin/` first, then the PATH). */
  readonly bin: string;
  /** The release, as opskit's target-version props spell it (`'2.42'`, `'0.35'`). */
  readonly version: string;
  /** Shown in the suite name. */
  readonly label: string;
}

/** promtool 2.42 (Debian's `prometheus` package) and promtool 3.16 (`github.com/prometheus/prometheus` v0.316.0). */
export const PROMTOOL_GENERATIONS: readonly ToolGeneration[] = [
  { bin: 'promtool', version: '2.42', label: 'promtool 2.42' },
  { bin: 'promtool3', version: '3.16', label: 'promtool 3.16' },
];

/** amtool 0.25 (Debian's `prometheus-alertmanager` package) and amtool 0.35 (`github.com/prometheus/alertmanager` v0.35.0). */
export const AMTOOL_GENERATIONS: readonly ToolGeneration[] = [
  { bin: 'amtool', version: '0.25', label: 'amtool 0.25' },
  { bin: 'amtool035', version: '0.35', label: 'amtool 0.35' },
];

/** Declares the suite once per promtool generation: `body` gets the generation to run. */
export function describeEachPromtool(name: string, body: (promtool: ToolGeneration) => void): void {
  for (const g of PROMTOOL_GENERATIONS) describeWithTool(g.bin, `${name} (${g.label})`, () => body(g));
}

/** Declares the suite once per amtool generation: `body` gets the generation to run. */
export function describeEachAmtool(name: string, body: (amtool: ToolGeneration) => void): void {
  for (const g of AMTOOL_GENERATIONS) describeWithTool(g.bin, `${name} (${g.label})`, () => body(g));
}
