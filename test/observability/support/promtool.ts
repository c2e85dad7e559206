import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthResult } from '../../../src/app/testing';
import { ToolGeneration } from '../../support/generations';
import { runTool, ToolResult } from '../../support/tools';

/** Writes every `prometheus/` artifact of a synth into a fresh folder and returns it. */
export function writePrometheusFiles(out: SynthResult): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-promtool-'));
  for (const f of out.fileNames.filter((n) => n.startsWith('prometheus/'))) {
    fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), out.file(f));
  }
  return path.join(dir, 'prometheus');
}

/** `promtool check rules <file>` in the file's folder, with one generation's promtool (`test/support/generations.ts`). */
export function checkRules(promtool: ToolGeneration, dir: string, file: string): ToolResult {
  return runTool(promtool.bin, ['check', 'rules', file], { cwd: dir });
}

/** `promtool test rules <file>` in the file's folder, with one generation's promtool. */
export function testRules(promtool: ToolGeneration, dir: string, file: string): ToolResult {
  return runTool(promtool.bin, ['test', 'rules', file], { cwd: dir });
}

/** Number of rules promtool reported (`SUCCESS: N rules found`). */
export function rulesFound(r: ToolResult): number | undefined {
  const m = /SUCCESS: (\d+) rules found/.exec(r.stdout + r.stderr);
  return m ? parseInt(m[1], 10) : undefined;
}
