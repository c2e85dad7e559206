import { spawnSync } from 'child_process';
import * as path from 'path';
import * as fc from 'fast-check';
import { propertyParameters } from './property';
import { runTool } from './tools';
import { firstDifference, jsonModel, yamlDocument } from './yaml-documents';
import { toYaml } from '../../src/core/yaml';

/** What one reader decoded from one YAML stream: its documents, or the error it reported. */
export interface ReaderResult {
  readonly docs?: unknown[];
  readonly error?: string;
}

/** Every reader's result for one YAML stream, by reader name. */
export type ReaderResults = Record<string, ReaderResult>;

/** Reads YAML streams with a batch of readers in one process call. */
export type ReadAll = (texts: readonly string[]) => ReaderResults[];

function jsonLines(texts: readonly string[]): string {
  return texts.map((t) => JSON.stringify({ yaml: t })).join('\n') + '\n';
}

function parseLines(stdout: string, expected: number, who: string): ReaderResults[] {
  const lines = stdout.split('\n').filter((l) => l.length > 0);
  if (lines.length !== expected) throw new Error(`${who} answered ${lines.length} lines for ${expected} streams`);
  return lines.map((l) => JSON.parse(l));
}

/** The Go readers of `tools/yamlcheck` (yaml.v2, go.yaml.in v2/v3, yaml.v3, sigs.k8s.io/yaml). */
export const readWithGo: ReadAll = (texts) => {
  const r = runTool('yamlcheck', [], { input: jsonLines(texts) });
  if (r.status !== 0) throw new Error(`yamlcheck failed (${r.status}): ${r.stderr}`);
  return parseLines(r.stdout, texts.length, 'yamlcheck');
};

const PY_READERS = path.join(__dirname, 'yaml_readers.py');
let python: string | null | undefined;

/**
 * A Python interpreter with PyYAML: Debian's `/usr/bin/python3` (with `python3-yaml`, and `python3-ruamel.yaml`
 * when installed) first, then `python3` on the PATH; `undefined` when none has PyYAML.
 */
export function pythonWithYaml(): string | undefined {
  if (python === undefined) {
    python = null;
    for (const candidate of ['/usr/bin/python3', 'python3']) {
      const r = spawnSync(candidate, ['-c', 'import yaml'], { encoding: 'utf8' });
      if (r.status === 0) {
        python = candidate;
        break;
      }
    }
  }
  return python ?? undefined;
}

/** The names of the Python readers available (PyYAML, its libyaml loader, ruamel.yaml). */
export function pythonReaders(): string[] {
  const r = spawnSync(pythonWithYaml()!, [PY_READERS, '--readers'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`yaml_readers.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The Python readers of `test/support/yaml_readers.py`. */
export const readWithPython: ReadAll = (texts) => {
  const r = spawnSync(pythonWithYaml()!, [PY_READERS], { input: jsonLines(texts), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`yaml_readers.py failed (${r.status}): ${r.stderr}`);
  return parseLines(r.stdout, texts.length, 'yaml_readers.py');
};

/** How each reader's result differs from the expected documents (empty when every reader agrees). */
export function disagreements(expected: readonly unknown[], results: ReaderResults): string[] {
  const out: string[] = [];
  for (const [reader, result] of Object.entries(results)) {
    if (result.error !== undefined) {
      out.push(`${reader}: error ${result.error}`);
      continue;
    }
    const diff = firstDifference(expected, result.docs ?? []);
    if (diff) out.push(`${reader}: ${diff}`);
  }
  return out;
}

/**
 * Differential property: `runs` generated documents are written by opskit and read by `readAll` in one batch
 * call; every reader must give back each document's JSON value. On a disagreement fast-check shrinks the
 * document (one reader call per shrink candidate) and the error shows the smallest one with what it was written as.
 */
export function assertReadersGiveBack(readAll: ReadAll, runs: number): { documents: number; readers: string[] } {
  const params = propertyParameters<[unknown]>(runs);
  // phase 1: the documents fast-check generates with this seed, in its order
  const docs: unknown[] = [];
  fc.assert(fc.property(yamlDocument, (d) => {
    docs.push(d);
  }), params);
  const texts = docs.map((d) => toYaml(d));
  const results = readAll(texts);
  const cache = new Map<string, ReaderResults>();
  let failing = 0;
  texts.forEach((t, i) => {
    cache.set(t, results[i]);
    if (disagreements([jsonModel(docs[i])], results[i]).length > 0) failing++;
  });
  // phase 2: the same run checked against the batch results; only shrinking calls the readers again
  fc.assert(fc.property(yamlDocument, (d) => {
    const text = toYaml(d);
    let r = cache.get(text);
    if (r === undefined) {
      r = readAll([text])[0];
      cache.set(text, r);
    }
    const found = disagreements([jsonModel(d)], r);
    if (found.length > 0) {
      throw new Error(`${failing} of ${runs} generated documents are read differently\n${found.join('\n')}\n--- written:\n${text}`);
    }
  }), params);
  return { documents: docs.length, readers: Object.keys(results[0] ?? {}) };
}
