import { isPlainObject } from './release';
import type { CommentedYaml } from '../../../core/yaml';

/**
 * TypeScript values interfaces for a chart, for `HelmRelease`'s `values`: from the chart's `values.schema.json`
 * when it has one (JSON Schema: types, enums, `$ref`s to local definitions, `oneOf`/`anyOf`/`allOf`,
 * `additionalProperties`, descriptions and defaults as docs), else inferred from `values.yaml` (the type of each
 * default, the comments above each key as its doc — helm-docs' `# --` prefix removed —, the default as
 * `@default`). Every property is optional: a release overrides the chart's defaults. Pure: text in, text out.
 */

/** What the generator reads of a chart. */
export interface ChartValuesInput {
  /** `Chart.yaml` `name`. */
  readonly chartName: string;
  /** `Chart.yaml` `version`. */
  readonly chartVersion: string;
  /** `values.yaml`, parsed with its comments. */
  readonly values?: CommentedYaml;
  /** `values.schema.json`, parsed. */
  readonly schema?: unknown;
  /** The root interface's name. @default - `<ChartName>Values` */
  readonly interfaceName?: string;
}

interface Member {
  readonly key: string;
  readonly type: string;
  readonly doc: string;
  readonly default?: unknown;
}

interface Decl {
  readonly name: string;
  readonly doc: string;
  readonly members: Member[];
  readonly indexSignature?: string;
}

/** The chart name in PascalCase (`kube-prometheus-stack` → `KubePrometheusStack`). */
export function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z_]/.test(name) ? name : `V${name}`;
}

class Writer {
  private readonly decls: Decl[] = [];
  private readonly used = new Set<string>();
  /** The type of each `$ref` already met (a definition used twice, or recursively, is declared once). */
  private readonly refs = new Map<string, string>();

  public constructor(private readonly schemaRoot: unknown, private readonly rootName: string) {}

  public declare(name: string, doc: string, members: Member[], indexSignature?: string): string {
    let unique = name;
    for (let i = 2; this.used.has(unique); i++) unique = `${name}${i}`;
    this.used.add(unique);
    this.decls.push({ name: unique, doc, members, indexSignature });
    return unique;
  }

  /** A TypeScript type for a JSON Schema. */
  public schemaType(s: unknown, name: string, depth = 0): string {
    if (depth > 32) return 'any';
    if (s === true || s === undefined) return 'any';
    if (s === false) return 'never';
    if (!isPlainObject(s)) return 'any';
    if (typeof s.$ref === 'string') {
      const known = this.refs.get(s.$ref);
      if (known !== undefined) return known;
      const target = resolveRef(this.schemaRoot, s.$ref);
      if (target === undefined) return 'any';
      const ref = `${this.rootName}${refName(s.$ref, name)}`;
      this.refs.set(s.$ref, ref); // a recursive reference names the interface being declared
      const type = this.schemaType(target, ref, depth + 1);
      this.refs.set(s.$ref, type);
      return type;
    }
    if (Array.isArray(s.enum)) return s.enum.map(literal).join(' | ') || 'never';
    if (s.const !== undefined) return literal(s.const);
    for (const k of ['oneOf', 'anyOf'] as const) {
      const list = s[k];
      if (Array.isArray(list) && list.length > 0) return union(list.map((x, i) => this.schemaType(x, `${name}Option${i + 1}`, depth + 1)));
    }
    if (Array.isArray(s.allOf) && s.allOf.length > 0) return s.allOf.map((x, i) => paren(this.schemaType(x, `${name}Part${i + 1}`, depth + 1))).join(' & ');
    const types = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : isPlainObject(s.properties) ? ['object'] : [];
    if (types.length === 0) return 'any';
    return union(types.map((t) => this.schemaTypeOf(String(t), s, name, depth)));
  }

  private schemaTypeOf(t: string, s: { [key: string]: unknown }, name: string, depth: number): string {
    switch (t) {
      case 'string': return 'string';
      case 'integer':
      case 'number': return 'number';
      case 'boolean': return 'boolean';
      case 'null': return 'null';
      case 'array': return `${paren(s.items === undefined ? 'any' : this.schemaType(s.items, `${name}Item`, depth + 1))}[]`;
      case 'object': {
        const props = isPlainObject(s.properties) ? s.properties : {};
        const extra = s.additionalProperties;
        if (Object.keys(props).length === 0) {
          return extra === false ? '{}' : `{ [key: string]: ${extra === undefined || extra === true ? 'any' : this.schemaType(extra, `${name}Value`, depth + 1)} }`;
        }
        const members = Object.entries(props).map(([key, p]) => ({
          key,
          type: this.schemaType(p, `${name}${pascalCase(key)}`, depth + 1),
          doc: isPlainObject(p) ? [p.title, p.description].filter((x) => typeof x === 'string').join('\n\n') : '',
          default: isPlainObject(p) ? p.default : undefined,
        }));
        return this.declare(name, typeof s.description === 'string' ? s.description : '', members, extra === undefined || extra === false ? undefined : 'any');
      }
      default: return 'any';
    }
  }

  /** A TypeScript type inferred from a default value of values.yaml. */
  public valueType(n: CommentedYaml, name: string): string {
    const v = n.value;
    if (v === null || v === undefined) return 'any';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'number') return 'number';
    if (typeof v === 'boolean') return 'boolean';
    if (Array.isArray(v)) {
      const items = n.items ?? [];
      if (items.length === 0) return 'any[]';
      if (items.every((i) => isPlainObject(i.value))) {
        const entries = new Map<string, { comment: string; node: CommentedYaml }>();
        for (const i of items) for (const e of i.entries ?? []) if (!entries.has(e.key)) entries.set(e.key, e);
        const members = [...entries].map(([key, e]) => ({ key, type: this.valueType(e.node, `${name}${pascalCase(key)}`), doc: docOf(e.comment) }));
        return `${this.declare(name, '', members)}[]`;
      }
      const kinds = new Set(items.map((i) => this.valueType(i, `${name}Item`)));
      return kinds.size === 1 ? `${paren([...kinds][0])}[]` : 'any[]';
    }
    if (isPlainObject(v)) {
      const entries = n.entries ?? [];
      if (entries.length === 0) return '{ [key: string]: any }';
      const members = entries.map((e) => ({ key: e.key, type: this.valueType(e.node, `${name}${pascalCase(e.key)}`), doc: docOf(e.comment), default: e.node.value }));
      return this.declare(name, '', members);
    }
    return 'any';
  }

  public render(): string {
    // the root first, then the nested interfaces in the order they were met
    const ordered = [this.decls[this.decls.length - 1], ...this.decls.slice(0, -1)];
    return ordered.filter((d) => d !== undefined).map(renderDecl).join('\n');
  }
}

/** Generates the values interfaces of a chart, as one TypeScript module. */
export function generateValuesTypes(input: ChartValuesInput): string {
  const rootName = input.interfaceName ?? `${pascalCase(input.chartName)}Values`;
  const w = new Writer(input.schema, rootName);
  const source = input.schema !== undefined ? 'values.schema.json' : 'values.yaml';
  let rootType: string;
  if (input.schema !== undefined) {
    const s = isPlainObject(input.schema) ? input.schema : {};
    rootType = w.schemaType({ ...s, type: 'object', properties: isPlainObject(s.properties) ? s.properties : {} }, rootName);
  } else {
    rootType = w.valueType(input.values ?? { value: {} }, rootName);
  }
  if (rootType !== rootName) w.declare(rootName, '', [], 'any'); // a chart without values: any map
  const header = [
    `// Values of the Helm chart ${input.chartName} ${input.chartVersion}, generated by opskit-helm-values from its ${source}.`,
    '// Pass them as HelmRelease values: `values: { ... } satisfies ' + rootName + '`. Regenerate, do not edit.',
    '',
  ].join('\n');
  return `${header}${w.render()}`;
}

function renderDecl(d: Decl): string {
  const lines: string[] = [];
  lines.push(...docBlock(d.doc, undefined, ''));
  lines.push(`export interface ${d.name} {`);
  // keys are quoted all or none (as a linter's quote-props "consistent-as-needed" wants)
  const quoteAll = d.members.some((m) => !IDENTIFIER.test(m.key));
  for (const m of d.members) {
    lines.push(...docBlock(m.doc, m.default, '  '));
    lines.push(`  readonly ${quoteAll ? quote(m.key) : m.key}?: ${m.type};`);
  }
  if (d.indexSignature) lines.push(`  readonly [key: string]: ${d.indexSignature};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function docBlock(doc: string, def: unknown, indent: string): string[] {
  const body = doc.trim() === '' ? [] : doc.trim().split('\n');
  const defText = defaultText(def);
  if (defText !== undefined) body.push(...(body.length > 0 ? [''] : []), `@default ${defText}`);
  if (body.length === 0) return [];
  return [`${indent}/**`, ...body.map((l) => `${indent} *${l === '' ? '' : ` ${l.replace(/\*\//g, '*\\/')}`}`), `${indent} */`];
}

function defaultText(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const json = JSON.stringify(v);
  if (json === undefined) return undefined;
  return json.length <= 100 ? json : '- see the chart\'s values.yaml';
}

/** A comment of values.yaml as a doc: helm-docs' `-- ` marker removed. */
function docOf(comment: string): string {
  return comment.split('\n').map((l) => l.replace(/^--\s?/, '').replace(/\s+$/, '')).join('\n').trim();
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript string literal in single quotes. */
function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A JSON value as a TypeScript literal type (strings in single quotes). */
function literal(v: unknown): string {
  return typeof v === 'string' ? quote(v) : JSON.stringify(v);
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.includes('any') ? 'any' : unique.join(' | ');
}

function paren(t: string): string {
  return /[|&]/.test(t) ? `(${t})` : t;
}

function refName(ref: string, fallback: string): string {
  const last = ref.split('/').pop();
  return last ? pascalCase(last) : fallback;
}

/** A local `$ref` (`#/definitions/x`, `#/$defs/x`, any JSON pointer into the schema). */
function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let v: unknown = root;
  for (const raw of ref.slice(1).split('/').filter((p) => p !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    v = isPlainObject(v) ? v[key] : undefined;
  }
  return v;
}
