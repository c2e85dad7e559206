import { escapeTemplateText } from './escape';
import { toYaml } from '../../core/yaml';

/**
 * How a marker placed in an object is turned into template code once the object is written as YAML:
 * - `inline`: the marker's text is replaced, where it stands, by `code` (a whole scalar, or part of one);
 * - `line`: the whole line holding the marker (`<indent>key: <marker>` or `<indent><marker>: ""`) is replaced by
 *   `code(indent)`, lines that each start with `indent` spaces (a `{{- with }}` block around the field);
 * - `block`: the marker, a mapping value or a sequence item, is replaced by `code(n)`, a structure written as
 *   `{{- toYaml … | nindent n }}` (`n`: two more than the column of the line's innermost key or item).
 */
export type MarkerCode =
  | { readonly kind: 'inline'; readonly code: string }
  | { readonly kind: 'block'; readonly code: (nindent: number) => string }
  | { readonly kind: 'line'; readonly code: (indent: string) => string[] };

/**
 * Placeholders for template code inside an object that is then written as YAML by opskit's writer. A marker is
 * a plain word (letters and digits), so the writer writes it as it is, and chosen so that it occurs nowhere in the
 * object's own text.
 */
export class Markers {
  private readonly prefix: string;
  private readonly codes = new Map<string, MarkerCode>();

  /** `text`: every text of the object (its JSON), which the markers must not occur in. */
  public constructor(text: string) {
    let prefix = 'opskithelm';
    while (text.includes(prefix)) prefix += 'x';
    this.prefix = prefix;
  }

  /** A new marker that stands for `code`. */
  public add(code: MarkerCode): string {
    const marker = `${this.prefix}${this.codes.size}z`;
    this.codes.set(marker, code);
    return marker;
  }

  /** Whether any marker was placed. */
  public get size(): number {
    return this.codes.size;
  }

  /**
   * The template of an object holding markers: its YAML text (opskit's writer), escaped so that Helm renders
   * every literal `{{`/`}}` as it is, with each marker then replaced by its code.
   */
  public render(obj: unknown, origin: string): string {
    const text = escapeTemplateText(toYaml(obj, origin));
    if (this.codes.size === 0) return text;
    const pattern = new RegExp(`${this.prefix}\\d+z`, 'g');
    const out: string[] = [];
    for (const line of text.split('\n')) {
      const found = line.match(pattern) ?? [];
      const whole = found.map((m) => this.codes.get(m)).find((c) => c?.kind === 'line');
      if (whole && whole.kind === 'line') {
        out.push(...whole.code(line.match(/^ */)![0]));
        continue;
      }
      const nindent = line.match(/^(?: *- )* */)![0].length + 2;
      out.push(line.replace(pattern, (m) => {
        const code = this.codes.get(m);
        if (code?.kind === 'block') return code.code(nindent);
        return code && code.kind === 'inline' ? code.code : m;
      }));
    }
    return out.join('\n');
  }
}
