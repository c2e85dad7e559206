import { toYaml } from '../../core/yaml';

/** A JSON Schema (draft-07) fragment, as written into `values.schema.json`. */
export type JsonSchema = { readonly [key: string]: unknown };

/** One value of a chart: its default, what it means and what Helm accepts for it. */
export interface ValueLeaf {
  readonly kind: 'leaf';
  /** One or more sentences: written as the comment above the value in `values.yaml` and in the README table. */
  readonly description: string;
  /** The default, a JSON value. */
  readonly default: unknown;
  /** The schema of the value (without its description, which is added from `description`). */
  readonly schema: JsonSchema;
  /** Whether removing the value (setting it to `null`) is an error. */
  readonly required?: boolean;
}

/** A group of values (a YAML mapping of `values.yaml`). */
export interface ValueGroup {
  readonly kind: 'group';
  readonly description: string;
  /** The values of the group, in the order they are written. */
  readonly children: ReadonlyArray<readonly [string, ValueNode]>;
  /** Whether removing the whole group is an error. */
  readonly required?: boolean;
}

/** A value or a group of values. */
export type ValueNode = ValueLeaf | ValueGroup;

/** A leaf value. */
export function leaf(description: string, defaultValue: unknown, schema: JsonSchema, required = false): ValueLeaf {
  return { kind: 'leaf', description, default: defaultValue, schema, required };
}

/** A group of values. */
export function group(description: string, children: ReadonlyArray<readonly [string, ValueNode]>, required = false): ValueGroup {
  return { kind: 'group', description, children, required };
}

/** The default values of a group as a plain object (what `values.yaml` holds, without the comments). */
export function defaultValues(node: ValueGroup): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of node.children) out[key] = child.kind === 'leaf' ? child.default : defaultValues(child);
  return out;
}

/**
 * `values.yaml`: every value with its description as a comment above it, values written by opskit's YAML writer
 * (the one writer of every YAML file).
 */
export function renderValuesYaml(root: ValueGroup, header: string): string {
  const lines = header.split('\n').map((l) => (l === '' ? '#' : `# ${l}`));
  if (root.children.length === 0) return `${lines.join('\n')}\n{}\n`;
  writeChildren(root, 0, lines);
  return `${lines.join('\n')}\n`;
}

function writeChildren(node: ValueGroup, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  node.children.forEach(([key, child], index) => {
    if (index > 0 && indent === 0) lines.push('');
    if (child.description !== '') for (const l of child.description.split('\n')) lines.push(`${pad}#${l === '' ? '' : ` ${l}`}`);
    if (child.kind === 'group' && child.children.length > 0) {
      lines.push(`${pad}${toYaml({ [key]: {} }).replace(/ \{\}\n$/, '')}`);
      writeChildren(child, indent + 2, lines);
      return;
    }
    const value = child.kind === 'leaf' ? child.default : {};
    for (const l of toYaml({ [key]: value }).replace(/\n$/, '').split('\n')) lines.push(`${pad}${l}`);
  });
}

/** `values.schema.json`: Helm validates the merged values against it before rendering (install, upgrade, template, lint). */
export function renderValuesSchema(root: ValueGroup, title: string): string {
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', title, ...groupSchema(root, true) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function groupSchema(node: ValueGroup, isRoot: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [key, child] of node.children) {
    const description = child.description !== '' ? { description: child.description } : {};
    properties[key] = child.kind === 'leaf' ? { ...description, ...child.schema } : { ...description, ...groupSchema(child, false) };
    if (child.required) required.push(key);
  }
  // Helm adds `global` to the values of every chart (for subcharts); it is always accepted
  if (isRoot) properties.global = { description: 'Values shared with subcharts (Helm\'s convention).', type: 'object' };
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

/** One row of the README's table of values. */
export interface ValueRow {
  /** The dotted path, e.g. `backupOperatorControllerManager.image.tag`. */
  readonly path: string;
  readonly type: string;
  /** The default as compact JSON. */
  readonly default: string;
  readonly description: string;
}

/** Every leaf value with its path, in `values.yaml` order. */
export function valueRows(root: ValueGroup, prefix = ''): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const [key, child] of root.children) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (child.kind === 'group') {
      rows.push(...valueRows(child, path));
    } else {
      const type = child.schema.type;
      rows.push({
        path,
        type: Array.isArray(type) ? type.join(' or ') : String(type ?? (child.schema.enum ? 'string' : 'any')),
        default: JSON.stringify(child.default),
        description: child.description,
      });
    }
  }
  return rows;
}

/** Text made safe for one cell of a Markdown table: `\` and `|` escaped, line breaks as spaces. */
export function markdownCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown table of the values (`|` and line breaks escaped in cells). */
export function renderValuesTable(root: ValueGroup): string {
  const code = (s: string) => (s.includes('`') ? `\`\` ${markdownCell(s)} \`\`` : `\`${markdownCell(s)}\``);
  const rows = valueRows(root);
  if (rows.length === 0) return 'This chart has no values.\n';
  return [
    '| Value | Type | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${code(r.path)} | ${markdownCell(r.type)} | ${code(r.default)} | ${markdownCell(r.description)} |`),
  ].join('\n') + '\n';
}
