/**
 * Go's `net/mail.ParseAddress` (Go 1.26) as a yes/no check: what the API server's `email` string format accepts
 * (an address with an optional display name, quoted strings, comments and domain literals; RFC 2047 encoded words
 * in display names with the charsets Go decodes without help: utf-8, iso-8859-1, us-ascii).
 *
 * Pure: no I/O. Works on UTF-8 bytes like Go does.
 */
import { parseIPStrict } from './go-net';

class Fail extends Error {}

const SPECIALS = new Set(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '"']);

function isVchar(r: string): boolean {
  const cp = r.codePointAt(0)!;
  return (cp >= 0x21 && cp <= 0x7e) || cp >= 0x80;
}
function isAtext(r: string, dot: boolean): boolean {
  if (r === '.') return dot;
  if (SPECIALS.has(r)) return false;
  return isVchar(r);
}
function isQtext(r: string): boolean {
  return r !== '\\' && r !== '"' && isVchar(r);
}
function isWSP(r: string): boolean {
  return r === ' ' || r === '\t';
}
function isDtext(r: string): boolean {
  return r !== '[' && r !== ']' && r !== '\\' && isVchar(r);
}

class Parser {
  constructor(public s: string) {}

  empty(): boolean { return this.s.length === 0; }
  peek(): string { return this.s[0]; }
  consume(c: string): boolean {
    if (this.empty() || this.peek() !== c) return false;
    this.s = this.s.slice(1);
    return true;
  }
  skipSpace(): void { this.s = this.s.replace(/^[ \t]+/, ''); }
  skipCFWS(): boolean {
    this.skipSpace();
    while (this.consume('(')) {
      if (!this.consumeComment().ok) return false;
      this.skipSpace();
    }
    return true;
  }
  consumeComment(): { text: string; ok: boolean } {
    let depth = 1;
    let text = '';
    while (!this.empty() && depth !== 0) {
      if (this.peek() === '\\' && this.s.length > 1) this.s = this.s.slice(1);
      else if (this.peek() === '(') depth++;
      else if (this.peek() === ')') depth--;
      if (depth > 0) text += this.s[0];
      this.s = this.s.slice(1);
    }
    return { text, ok: depth === 0 };
  }

  parseSingle(): void {
    const n = this.parseAddress(true);
    if (!this.skipCFWS()) throw new Fail();
    if (!this.empty()) throw new Fail();
    if (n !== 1) throw new Fail();
  }

  /** Returns how many addresses were parsed. */
  parseAddress(handleGroup: boolean): number {
    this.skipSpace();
    if (this.empty()) throw new Fail();
    if (this.tryAddrSpec()) {
      this.skipSpace();
      if (!this.empty() && this.peek() === '(') this.consumeDisplayNameComment();
      return 1;
    }
    let displayName = '';
    if (this.peek() !== '<') displayName = this.consumePhrase();
    this.skipSpace();
    if (handleGroup && this.consume(':')) return this.consumeGroupList();
    if (!this.consume('<')) throw new Fail();
    void displayName;
    if (!this.tryAddrSpec()) throw new Fail();
    if (!this.consume('>')) throw new Fail();
    return 1;
  }

  consumeGroupList(): number {
    let n = 0;
    this.skipSpace();
    if (this.consume(';')) {
      if (!this.skipCFWS()) throw new Fail();
      return 0;
    }
    for (;;) {
      this.skipSpace();
      n += this.parseAddress(false);
      if (!this.skipCFWS()) throw new Fail();
      if (this.consume(';')) {
        if (!this.skipCFWS()) throw new Fail();
        break;
      }
      if (!this.consume(',')) throw new Fail();
    }
    return n;
  }

  /** An addr-spec; on failure the input is left as it was. */
  tryAddrSpec(): boolean {
    const orig = this.s;
    try {
      this.skipSpace();
      if (this.empty()) throw new Fail();
      if (this.peek() === '"') {
        if (this.consumeQuotedString() === '') throw new Fail();
      } else {
        this.consumeAtom(true, false);
      }
      if (!this.consume('@')) throw new Fail();
      this.skipSpace();
      if (this.empty()) throw new Fail();
      if (this.peek() === '[') this.consumeDomainLiteral();
      else this.consumeAtom(true, false);
      return true;
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      this.s = orig;
      return false;
    }
  }

  consumePhrase(): string {
    const words: string[] = [];
    let failed = false;
    for (;;) {
      if (words.length > 0 && !this.skipCFWS()) throw new Fail();
      this.skipSpace();
      if (this.empty()) break;
      try {
        if (this.peek() === '"') {
          words.push(this.consumeQuotedString());
        } else {
          const atom = this.consumeAtom(true, true);
          words.push(decodeWord(atom));
        }
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
        failed = true;
        break;
      }
    }
    if (failed && words.length === 0) throw new Fail();
    return words.join(' ');
  }

  consumeQuotedString(): string {
    const chars = [...this.s];
    let i = 1;
    let out = '';
    let escaped = false;
    for (;;) {
      const r = chars[i];
      if (r === undefined) throw new Fail();
      if (r === '\uFFFD') throw new Fail();
      if (escaped) {
        if (!isVchar(r) && !isWSP(r)) throw new Fail();
        out += r;
        escaped = false;
      } else if (isQtext(r) || isWSP(r)) {
        out += r;
      } else if (r === '"') {
        break;
      } else if (r === '\\') {
        escaped = true;
      } else {
        throw new Fail();
      }
      i++;
    }
    this.s = chars.slice(i + 1).join('');
    return out;
  }

  consumeAtom(dot: boolean, permissive: boolean): string {
    const chars = [...this.s];
    let i = 0;
    while (i < chars.length && chars[i] !== '\uFFFD' && isAtext(chars[i], dot)) i++;
    if (i < chars.length && chars[i] === '\uFFFD') throw new Fail();
    if (i === 0) throw new Fail();
    const atom = chars.slice(0, i).join('');
    this.s = chars.slice(i).join('');
    if (!permissive && (atom.startsWith('.') || atom.includes('..') || atom.endsWith('.'))) throw new Fail();
    return atom;
  }

  consumeDomainLiteral(): void {
    if (!this.consume('[')) throw new Fail();
    let text = '';
    for (;;) {
      if (this.empty()) throw new Fail();
      if (this.peek() === ']') break;
      const r = String.fromCodePoint(this.s.codePointAt(0)!);
      if (r === '\uFFFD' || !isDtext(r)) throw new Fail();
      text += r;
      this.s = this.s.slice(r.length);
    }
    if (!this.consume(']')) throw new Fail();
    if (parseIPStrict(text) === undefined) throw new Fail();
  }

  consumeDisplayNameComment(): void {
    if (!this.consume('(')) throw new Fail();
    const { text, ok } = this.consumeComment();
    if (!ok) throw new Fail();
    for (const w of text.split(/[ \t]+/).filter((x) => x !== '')) decodeWord(w);
  }
}

const ENCODED_WORD = /^=\?([^?]+)\?([bBqQ])\?([^?]*)\?=$/;
const CHARSETS = new Set(['utf-8', 'iso-8859-1', 'us-ascii']);

/** RFC 2047 decoding as Go's address parser uses it: only an unsupported charset is an error. */
function decodeWord(word: string): string {
  const m = ENCODED_WORD.exec(word);
  if (!m || word.length < 8) return word;
  const encoding = m[2].toLowerCase();
  const text = m[3];
  if (encoding === 'b' && !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return word;
  if (encoding === 'q' && /=(?![0-9A-Fa-f]{2})/.test(text)) return word;
  if (!CHARSETS.has(m[1].toLowerCase())) throw new Fail();
  return text;
}

/** Whether Go's `mail.ParseAddress(s)` succeeds with a non-empty address. */
export function isGoEmail(s: string): boolean {
  if (/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return false;
  try {
    new Parser(s).parseSingle();
    return true;
  } catch (e) {
    if (e instanceof Fail) return false;
    throw e;
  }
}
