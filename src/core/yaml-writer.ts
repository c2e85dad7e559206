import { OpsError } from './ops-error';
import { Problem } from './problem';
import { fieldOfPath } from './schema/object-path';
import { checkedScalarStyle, formatNumber, inlineScalar, literalBlock, ScalarStyle } from './yaml-scalar';

/**
 * opskit's YAML writer for the plain JSON values it emits (no anchors, no tags, no flow collections but `{}`
 * and `[]`).
 *
 * The document is what `JSON.stringify` would write, in block style: keys in insertion order, `undefined`,
 * functions and symbols dropped from mappings (and `null` in sequences), `toJSON()` honoured, sequences
 * indented under their key, two spaces a level, no line folding, LF line endings, one trailing newline.
 * Scalars follow `yaml-scalar.ts` so that every Go, Python and JavaScript reader parses them to the same value.
 *
 * Pure: no I/O, no dependencies. A document that cannot be written (a lone UTF-16 surrogate, a cycle) is an
 * `OpsError` naming the field path inside the document.
 */

/** Mapping keys longer than this are written as explicit keys (`? key`): readers limit implicit keys to 1024 characters. */
const MAX_IMPLICIT_KEY = 1000;

const INDENTS: string[] = [''];
function pad(n: number): string {
  while (INDENTS.length <= n) INDENTS.push(`${INDENTS[INDENTS.length - 1]} `);
  return INDENTS[n];
}

function fieldOf(path: readonly (string | number)[]): string {
  return fieldOfPath(path) || '(document)';
}

/** Whether a value is kept in a mapping (JSON drops undefined, functions and symbols). */
function kept(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/**
 * Depth from which each collection is checked against the collections that hold it. A cycle is infinitely deep,
 * so it is always found; below this depth no check is paid for (the error still names the first repeat).
 */
const CYCLE_CHECK_DEPTH = 64;

class Writer {
  /**
   * The text written so far, as pieces joined once at the end: a string grown with `+=` stays a tree of its pieces
   * (V8 reads through it without joining), which for a large file was several times the size of its text.
   */
  private parts: string[] = [];
  /** The document's origin, for errors (asked only when a document fails). */
  public origin: string | (() => string) = '<yaml>';
  private readonly path: (string | number)[] = [];
  /** The collections being written, outermost first (`stack[k]` is reached through `path[0..k-1]`). */
  private readonly stack: object[] = [];
  /** Mapping keys as written (keys repeat across documents: each is styled once per writer). */
  private readonly keys = new Map<string, string>();

  private fail(problem: Problem): never {
    throw new OpsError([{ ...problem, path: typeof this.origin === 'function' ? this.origin() : this.origin }]);
  }

  /** One document's text (the writer's path and collections are empty again after a failure too). */
  public document(value: unknown): string {
    this.parts = [];
    this.path.length = 0;
    this.stack.length = 0;
    const v = this.json(value, '');
    if (this.isBlockCollection(v)) {
      this.collection(v as object, 0, false);
    } else {
      this.parts.push(`${this.inline(v)}\n`);
    }
    const text = this.parts.join('');
    this.parts = [];
    return text;
  }

  /** The value JSON would write (`toJSON()` applied). */
  private json(v: unknown, key: string): unknown {
    if (v !== null && typeof v === 'object' && typeof (v as any).toJSON === 'function') return (v as any).toJSON(key);
    return v;
  }

  private isBlockCollection(v: unknown): boolean {
    if (v === null || typeof v !== 'object') return false;
    if (Array.isArray(v)) return v.length > 0;
    for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k) && kept((v as any)[k])) return true;
    return false;
  }

  /** A scalar, an empty collection or a string that is not a block, written on one line. */
  private inline(v: unknown): string {
    switch (typeof v) {
      case 'string': return this.text(v);
      case 'number': return formatNumber(v);
      case 'boolean': return v ? 'true' : 'false';
      case 'bigint': return v.toString();
      case 'object':
        if (v === null) return 'null';
        return Array.isArray(v) ? '[]' : '{}';
      default:
        // undefined, functions and symbols in a sequence or at the top: JSON writes null
        return 'null';
    }
  }

  /** A string written inline (`blockAllowed` false) or its style. */
  private style(s: string, blockAllowed: boolean): ScalarStyle {
    const style = checkedScalarStyle(s, blockAllowed);
    if (style === undefined) {
      this.fail({
        field: fieldOf(this.path),
        expected: 'must be valid Unicode text (a lone UTF-16 surrogate cannot be written to a UTF-8 YAML file, and Go\'s YAML readers reject it even escaped)',
        got: JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s),
        fix: 'remove the unpaired surrogate or pair it to form a whole character',
      });
    }
    return style;
  }

  private text(s: string): string {
    return inlineScalar(s, this.style(s, false));
  }

  private collection(v: object, indent: number, inlineFirst: boolean): void {
    const stack = this.stack;
    if (stack.length >= CYCLE_CHECK_DEPTH && stack.includes(v)) this.cycle();
    stack.push(v);
    if (Array.isArray(v)) this.sequence(v, indent, inlineFirst);
    else this.mapping(v as Record<string, unknown>, indent, inlineFirst);
    stack.pop();
  }

  /** Reports the first collection on the current path that holds itself. */
  private cycle(): never {
    let repeat = this.stack.length;
    for (let j = 1; j < this.stack.length; j++) {
      if (this.stack.indexOf(this.stack[j]) < j) {
        repeat = j;
        break;
      }
    }
    this.fail({
      field: fieldOf(this.path.slice(0, repeat)),
      expected: 'must not contain itself (a cycle cannot be written as plain YAML)',
      fix: 'build the document from plain values without cycles',
    });
  }

  /** A mapping key as written. */
  private key(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) {
      text = this.text(key);
      this.keys.set(key, text);
    }
    return text;
  }

  private sequence(items: readonly unknown[], indent: number, inlineFirst: boolean): void {
    const prefix = pad(indent);
    for (let i = 0; i < items.length; i++) {
      this.path.push(i);
      const item = this.json(items[i], String(i));
      this.parts.push(i === 0 && inlineFirst ? '-' : `${prefix}-`);
      if (this.isBlockCollection(item)) {
        // a nested collection starts on the dash's line: `- key: value`, `- - item`
        this.parts.push(' ');
        this.collection(item as object, indent + 2, true);
      } else {
        this.valueAfter(item, indent);
      }
      this.path.pop();
    }
  }

  private mapping(obj: Record<string, unknown>, indent: number, inlineFirst: boolean): void {
    const prefix = pad(indent);
    let first = true;
    for (const key in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
      const value = this.json(obj[key], key);
      if (!kept(value)) continue;
      this.path.push(key);
      const lead = first && inlineFirst ? '' : prefix;
      first = false;
      const keyText = this.key(key);
      const explicit = keyText.length > MAX_IMPLICIT_KEY;
      this.parts.push(explicit ? `${lead}? ${keyText}\n${prefix}:` : `${lead}${keyText}:`);
      if (this.isBlockCollection(value)) {
        this.parts.push('\n');
        // sequences are indented under their key, as cdk8s writes them
        this.collection(value as object, indent + 2, false);
      } else {
        this.valueAfter(value, indent);
      }
      this.path.pop();
    }
  }

  /** A scalar or empty collection after `key:` or `-`, and its line end; block scalars indent from `indent`. */
  private valueAfter(v: unknown, indent: number): void {
    if (typeof v === 'string') {
      const style = this.style(v, true);
      if (style === ScalarStyle.LITERAL) {
        const block = literalBlock(v, pad(indent + 2));
        this.parts.push(` ${block.header}\n${block.body}`);
      } else {
        this.parts.push(` ${inlineScalar(v, style)}\n`);
      }
      return;
    }
    this.parts.push(` ${this.inline(v)}\n`);
  }
}

/**
 * One YAML document, ending with exactly one newline. `origin` names where the document comes from (a
 * construct path or a file) in the `OpsError` thrown for a value YAML cannot hold.
 */
export function writeYaml(doc: unknown, origin: string): string {
  const w = new Writer();
  w.origin = origin;
  return w.document(doc);
}

/** What separates the documents of a multi-document YAML file (cdk8s's layout). */
export const YAML_DOCUMENT_SEPARATOR = '---\n';

/**
 * Documents written one at a time by one writer (mapping keys styled once for all of them), each returned as its
 * own text: a caller can keep the texts and let the values go, then join them with `YAML_DOCUMENT_SEPARATOR`.
 */
export class YamlDocumentWriter {
  private readonly writer = new Writer();

  /** One document's text; `origin` (or `origin()`, asked only on failure) names it in the `OpsError` of a value YAML cannot hold. */
  public write(doc: unknown, origin: string | (() => string)): string {
    this.writer.origin = origin;
    return this.writer.document(doc);
  }
}

/**
 * Document texts joined by `YAML_DOCUMENT_SEPARATOR`, as the file's UTF-8 bytes. A large file is written, hashed
 * and searched as bytes: joining its texts into one string and encoding that string again for each of them cost
 * several times as much as copying each text once into a buffer.
 */
export function yamlDocumentBytes(texts: readonly string[]): Buffer {
  // sized exactly: V8 counts the whole buffer (not the bytes used) as external memory, which paces its collections
  let size = YAML_DOCUMENT_SEPARATOR.length * Math.max(0, texts.length - 1);
  for (const t of texts) size += Buffer.byteLength(t, 'utf8');
  const out = Buffer.allocUnsafe(size);
  let end = 0;
  for (let i = 0; i < texts.length; i++) {
    if (i > 0) end += out.write(YAML_DOCUMENT_SEPARATOR, end, 'latin1');
    end += out.write(texts[i], end, 'utf8');
  }
  return out;
}

/** Several documents separated by `---`, with one writer. `origins[i]` names document `i`'s origin for errors. */
export function writeYamlDocuments(docs: readonly unknown[], origins?: readonly string[]): string {
  const writer = new YamlDocumentWriter();
  const texts: string[] = [];
  for (let i = 0; i < docs.length; i++) texts.push(writer.write(docs[i], origins?.[i] ?? '<yaml>'));
  return texts.join(YAML_DOCUMENT_SEPARATOR);
}
