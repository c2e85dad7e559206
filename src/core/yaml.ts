import type * as YAML from 'yaml';

/**
 * Deterministic YAML writing for every file opskit emits.
 *
 * YAML 1.1 quoting (as cdk8s writes), so that strings such as `on`, `yes` or `0755` stay strings for the
 * YAML 1.1 parsers Kubernetes, Prometheus and Alertmanager use; no line folding; LF line endings; exactly
 * one trailing newline. Key order is the order of the object's keys (callers build objects in a fixed order).
 */
const OPTIONS: YAML.DocumentOptions & YAML.SchemaOptions & YAML.ToStringOptions & YAML.CreateNodeOptions = {
  version: '1.1',
  lineWidth: 0,
  keepUndefined: false,
};

let yamlModule: typeof YAML | undefined;

/** The `yaml` package, loaded on first use: requiring opskit should not pay for it. */
function yaml(): typeof YAML {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('yaml') as typeof YAML;
  return yamlModule;
}

/** One YAML document. */
export function toYaml(doc: unknown): string {
  return normalizeEnding(yaml().stringify(doc, OPTIONS));
}

/** Several YAML documents separated by `---` (cdk8s's multi-document layout). */
export function toYamlDocuments(docs: readonly unknown[]): string {
  if (docs.length === 0) return '';
  return docs.map((d) => toYaml(d)).join('---\n');
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

function normalizeEnding(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
