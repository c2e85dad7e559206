import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SlothSpecCase } from './sloth-arbitraries';
import { sloConstructProps, slosOfDocument } from './sloth-input';
import { OpsTesting } from '../../../src/app/testing';
import { OpsError } from '../../../src/core/ops-error';
import { parseYaml, parseYamlDocuments, toYaml } from '../../../src/core/yaml';
import { ServiceLevelObjective } from '../../../src/observability/service-level-objective';
import { requireTool, runTool } from '../../support/tools';

/** The `sloth_version` Sloth v0.16.0 writes (from the module version in its build info). */
export const SLOTH_VERSION = 'v0.16.0';

/** Sloth's verdict on a spec: the rule file it writes, or its error. */
export interface SlothVerdict {
  readonly ok: boolean;
  readonly output?: string;
  readonly error?: string;
}

/** opskit's verdict on the same spec: the rule groups `ServiceLevelObjective` renders, or its `OpsError`. */
export interface OpskitVerdict {
  readonly ok: boolean;
  readonly groups?: any[];
  readonly error?: string;
}

/** The YAML text a case is given to Sloth as (and that opskit reads back, so both see the same values). */
export function specText(c: SlothSpecCase): string {
  return toYaml(c.doc);
}

function key(c: SlothSpecCase): string {
  return `${c.period}\n${specText(c)}`;
}

/**
 * Sloth as an oracle: `sloth-batch` (Sloth's own generator library, as `sloth generate` calls it) gives one
 * verdict per spec, many specs per process; verdicts are cached so that fast-check's shrinking only runs the
 * few new specs it tries.
 */
export class SlothOracle {
  private readonly verdicts = new Map<string, SlothVerdict>();
  /** Number of Sloth processes started (one per batch). */
  public invocations = 0;

  /** Runs every case not yet judged in one `sloth-batch` process. */
  public judge(cases: readonly SlothSpecCase[]): void {
    const todo = [...new Map(cases.filter((c) => !this.verdicts.has(key(c))).map((c) => [key(c), c])).values()];
    if (todo.length === 0) return;
    const input = todo.map((c) => JSON.stringify({ spec: specText(c), defaultPeriod: c.period })).join('\n') + '\n';
    this.invocations++;
    const r = runTool('sloth-batch', [], { input });
    if (r.status !== 0) throw new Error(`sloth-batch failed (${r.status}): ${r.stderr}`);
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
    if (lines.length !== todo.length) throw new Error(`sloth-batch answered ${lines.length} of ${todo.length} specs: ${r.stderr}`);
    todo.forEach((c, i) => this.verdicts.set(key(c), JSON.parse(lines[i])));
  }

  /** Sloth's verdict on a case (judging it alone when it was not in a batch). */
  public verdict(c: SlothSpecCase): SlothVerdict {
    if (!this.verdicts.has(key(c))) this.judge([c]);
    return this.verdicts.get(key(c))!;
  }
}

/** The rule groups of a Sloth rule file, parsed (numbers as numbers). */
export function slothGroups(output: string): any[] {
  return parseYamlDocuments(output).flatMap((d) => d.groups ?? []);
}

/** Builds the case's SLO through opskit's `ServiceLevelObjective`, from the same YAML Sloth reads. */
export function opskitVerdict(c: SlothSpecCase): OpskitVerdict {
  const doc = parseYaml(specText(c));
  const [slo] = slosOfDocument(doc, 0, { version: SLOTH_VERSION, defaultPeriod: c.period }, 'empty')!;
  try {
    const app = OpsTesting.app();
    const construct = new ServiceLevelObjective(app.chart('differential'), 'slo', sloConstructProps(slo.props));
    return { ok: true, groups: parseYaml(construct.renderRuleFile()).groups };
  } catch (e) {
    if (e instanceof OpsError) return { ok: false, error: e.message };
    throw e;
  }
}

/**
 * Whether Prometheus (`promtool check rules` of the given binary) loads each rule file, in one promtool
 * process: the consumer's verdict on output Sloth writes but opskit refuses.
 */
export function promtoolAccepts(bin: string, outputs: readonly string[]): boolean[] {
  return promtoolVerdicts(bin, outputs).map((v) => v.ok);
}

/** Like `promtoolAccepts`, with what promtool printed for each file. */
export function promtoolVerdicts(bin: string, outputs: readonly string[]): Array<{ ok: boolean; message: string }> {
  if (outputs.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-sloth-diff-'));
  try {
    const files = outputs.map((o, i) => {
      const f = `case-${i}.yaml`;
      fs.writeFileSync(path.join(dir, f), o);
      return f;
    });
    // one stream, so each file's FAILED (stderr) stays under its "Checking <file>" (stdout)
    // `--lint=none`: promtool's duplicate-rule lint prints FAILED but exits 0 — Prometheus loads such files
    const r = runTool('sh', ['-c', '"$0" check rules --lint=none "$@" 2>&1', requireTool(bin), ...files], { cwd: dir });
    const text = r.stdout;
    return files.map((f) => {
      const at = text.indexOf(`Checking ${f}`);
      if (at < 0) throw new Error(`${bin} did not check ${f}: ${text}`);
      const next = text.indexOf('Checking ', at + 1);
      const section = text.slice(at, next < 0 ? undefined : next);
      return { ok: /SUCCESS/.test(section) && !/FAILED/.test(section), message: section.trim() };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
