import type * as YAML from 'yaml';
import { writeYaml, writeYamlDocuments, YamlDocumentWriter } from './yaml-writer';

export { YAML_DOCUMENT_SEPARATOR, yamlDocumentBytes } from './yaml-writer';

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

/** A writer of documents one at a time (see `YamlDocumentWriter`), for a file whose values need not all stay in memory. */
export function yamlDocumentWriter(): YamlDocumentWriter {
  return new YamlDocumentWriter();
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

/** A YAML value with the comments written above each map key (for generators that turn comments into docs). */
export interface CommentedYaml {
  /** The plain value (as `parseYaml` gives it). */
  readonly value: unknown;
  /** For a map: each key's comment lines (the `#` and one space removed) and its value, in document order. */
  readonly entries?: ReadonlyArray<{ readonly key: string; readonly comment: string; readonly node: CommentedYaml }>;
  /** For a sequence: its items. */
  readonly items?: readonly CommentedYaml[];
}

/** Parses one YAML document keeping the comments above map keys (YAML 1.1 semantics, as `parseYaml`). */
export function parseYamlWithComments(text: string): CommentedYaml {
  const Y = yaml();
  const doc = Y.parseDocument(text, { version: '1.1' });
  if (doc.errors.length > 0) throw doc.errors[0];
  const strip = (c: string | null | undefined): string => (c ?? '').split('\n').map((l) => l.replace(/^ /, '')).join('\n');
  const walk = (node: unknown): CommentedYaml => {
    if (Y.isMap(node)) {
      // a nested block map holds the comment above its first key itself
      const leading = strip(node.commentBefore);
      const entries = node.items.map((pair, i) => {
        const before = Y.isNode(pair.key) ? strip(pair.key.commentBefore) : '';
        const after = Y.isNode(pair.value) && !Y.isCollection(pair.value) ? strip(pair.value.comment) : '';
        const comment = [i === 0 && before === '' ? leading : before, after].filter((c) => c !== '').join('\n');
        return { key: String(Y.isScalar(pair.key) ? pair.key.value : pair.key), comment, node: walk(pair.value) };
      });
      return { value: node.toJSON(), entries };
    }
    if (Y.isSeq(node)) return { value: node.toJSON(), items: node.items.map(walk) };
    return { value: Y.isScalar(node) ? node.toJSON() : node ?? null };
  };
  return walk(doc.contents);
}
