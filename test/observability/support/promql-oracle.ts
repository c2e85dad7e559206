import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ToolGeneration } from '../../support/generations';
import { runTool } from '../../support/tools';

/**
 * promtool as the judge of single PromQL expressions: many expressions go into one rule file (one recording
 * rule each, `r0`, `r1`, …) and one `promtool check rules` run, whose per-rule errors give each verdict.
 */

/** A YAML double-quoted scalar that every Go YAML reader reads back as exactly `text` (all but printable ASCII escaped). */
export function yamlQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** The rule file: one group, one recording rule per expression. */
export function ruleFileOf(exprs: readonly string[]): string {
  const rules = exprs.map((e, i) => `  - record: r${i}\n    expr: ${yamlQuoted(e)}\n`).join('');
  return `groups:\n- name: g\n  rules:\n${rules}`;
}

/**
 * promtool's verdict on each expression: `undefined` when it parses, else promtool's message. Throws when
 * promtool fails without naming a rule (the file itself was not read).
 */
export function promtoolExprVerdicts(promtool: ToolGeneration, exprs: readonly string[]): (string | undefined)[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-promql-'));
  try {
    fs.writeFileSync(path.join(dir, 'rules.yaml'), ruleFileOf(exprs));
    const r = runTool(promtool.bin, ['check', 'rules', 'rules.yaml'], { cwd: dir });
    const verdicts: (string | undefined)[] = exprs.map(() => undefined);
    let named = 0;
    for (const m of (r.stdout + r.stderr).matchAll(/group "g", rule (\d+), "r\d+": (?:could not parse expression: )?(.*)/g)) {
      verdicts[Number(m[1]) - 1] ??= m[2];
      named++;
    }
    if (r.status !== 0 && named === 0) throw new Error(`${promtool.label} failed on the rule file:\n${r.stdout}${r.stderr}`);
    if (r.status === 0 && named > 0) throw new Error(`${promtool.label} succeeded but reported errors:\n${r.stdout}${r.stderr}`);
    return verdicts;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
