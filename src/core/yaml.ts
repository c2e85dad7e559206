import type * as YAML from 'yaml';
import { writeYaml, writeYamlDocuments } from './yaml-writer';

/**
 * Deterministic YAML writing for every file opskit emits, with opskit's own writer (`yaml-writer.ts`): what it
 * writes, every Go, Python and JavaScript YAML reader parses to the same value (YAML 1.1 specials such as `on`,
 * `yes` or `0755` quoted, line separators escaped, …); no line folding; LF line endings; exactly one trailing
 * newline. Key order is the order of the object's keys (callers build objects in a fixed order).
 *
 * Parsing uses the `yaml` package in YAML 1.1 mode, as the emitted files are read by Go consumers.
 */
let yamlModule: typeof YAML | undefined;

/** The `yaml` package, loaded on first use: requiring opskit should not pay for it. */
function yaml(): typeof YAML {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('yaml') as typeof YAML;
  return yamlModule;
}

/**
 * One YAML document. `origin` (a construct path or file name) is named by the `OpsError` thrown for a value
 * YAML cannot hold (a lone UTF-16 surrogate, a cycle).
 */
export function toYaml(doc: unknown, origin = '<yaml>'): string {
  return writeYaml(doc, origin);
}

/**
 * Several YAML documents separated by `---` (cdk8s's multi-document layout). `origins`, when given, names
 * each document's origin for errors (see `toYaml`).
 */
export function toYamlDocuments(docs: readonly unknown[], origins?: readonly string[]): string {
  return writeYamlDocuments(docs, origins);
}

/** Parses one YAML document (YAML 1.1 semantics, as the emitted files are read by Go consumers). */
export function parseYaml(text: string): any {
  return yaml().parse(text, { version: '1.1' });
}

/** Parses every document of a multi-document YAML text, dropping empty documents. */
export function parseYamlDocuments(text: string): any[] {
  return yaml().parseAllDocuments(text, { version: '1.1' })
    .map((d) => {
      if (d.errors.length > 0) throw d.errors[0];
      return d.toJS();
    })
    .filter((d) => d !== null && d !== undefined);
}
