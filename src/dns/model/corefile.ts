/**
 * Corefile model and renderer (pure).
 *
 * The renderer writes CoreDNS syntax in the layout of the upstream NodeLocal DNSCache manifest
 * (4-space directives, 12-space nested options, the closing brace of a server block indented), so the
 * default configuration is byte-identical to the upstream Corefile after its documented substitutions.
 *
 * @see https://coredns.io/manual/configuration/
 */
import { formatHostPort } from './ip';

/** `success`/`denial` line of the cache plugin: `success CAPACITY [TTL [MINTTL]]`. */
export interface CacheEntryModel {
  readonly capacity: number;
  /** Seconds. */
  readonly ttl?: number;
  /** Seconds. */
  readonly minTtl?: number;
}

/** The `cache` plugin. @see https://coredns.io/plugins/cache/ */
export interface CacheModel {
  /** The `cache [TTL]` argument (seconds). */
  readonly ttl?: number;
  readonly success?: CacheEntryModel;
  readonly denial?: CacheEntryModel;
  /**
   * `prefetch AMOUNT [DURATION [PERCENTAGE%]]`; the percentage is a whole number (10–90). CoreDNS reads the
   * arguments by position, so a percentage without a duration is rendered after the default duration `1m`.
   */
  readonly prefetch?: { readonly amount: number; readonly duration?: string; readonly percentage?: number };
  /**
   * `serve_stale [DURATION [REFRESH_MODE]]`. CoreDNS reads the arguments by position, so a refresh mode without
   * a duration is rendered after the default duration `1h`.
   */
  readonly serveStale?: { readonly duration?: string; readonly refreshMode?: string };
  /** `servfail DURATION`. */
  readonly servfail?: string;
  /** `keepttl`. */
  readonly keepTtl?: boolean;
}

/** The `forward` plugin. @see https://coredns.io/plugins/forward/ */
export interface ForwardModel {
  /** The `FROM` zone, usually `.`. */
  readonly from: string;
  /** `TO...` targets (`ip[:port]`, `[ipv6]:port`, `dns://`, or a placeholder). */
  readonly to: string[];
  readonly except?: string[];
  /** `force_tcp` or `prefer_udp`. */
  readonly transport?: string;
  readonly maxFails?: number;
  readonly expire?: string;
  readonly policy?: string;
  readonly healthCheck?: string;
  readonly maxConcurrent?: number;
}

/** One server block (one zone, one port). */
export interface ServerBlockModel {
  readonly zone: string;
  readonly port: number;
  readonly log?: boolean;
  readonly errors?: boolean;
  readonly cache?: CacheModel;
  readonly reload?: boolean;
  readonly loop?: boolean;
  /** `bind` addresses. */
  readonly bind?: string[];
  readonly forward?: ForwardModel;
  /** Answer AAAA queries with NOERROR/no data (`template IN AAAA`). */
  readonly suppressAaaa?: boolean;
  /** The `prometheus` listen address, e.g. `:9253`. */
  readonly prometheus?: string;
  /** `health [HOST:PORT]`; an empty host renders `:PORT`, an absent port renders bare `health`. */
  readonly health?: { readonly host: string; readonly port?: number };
}

/** A whole Corefile. */
export interface CorefileModel {
  readonly serverBlocks: ServerBlockModel[];
  /** Raw server blocks appended verbatim (validated by the parser-based checks). */
  readonly extraServerBlocks?: string;
}

const IND = '    ';
/** The cache plugin's default prefetch duration, written when only a percentage is given. */
const PREFETCH_DEFAULT_DURATION = '1m';
/** The cache plugin's default serve_stale duration, written when only a refresh mode is given. */
const SERVE_STALE_DEFAULT_DURATION = '1h';
const NESTED = '            ';

function renderCache(c: CacheModel): string[] {
  const options: string[] = [];
  const entry = (name: string, e: CacheEntryModel) =>
    [name, e.capacity, e.ttl, e.ttl !== undefined ? e.minTtl : undefined].filter((x) => x !== undefined).join(' ');
  if (c.success) options.push(entry('success', c.success));
  if (c.denial) options.push(entry('denial', c.denial));
  if (c.prefetch) {
    const p = c.prefetch;
    const parts = ['prefetch', String(p.amount)];
    // CoreDNS reads the arguments by position: a percentage needs the duration before it (its default, 1m)
    if (p.duration !== undefined || p.percentage !== undefined) parts.push(p.duration ?? PREFETCH_DEFAULT_DURATION);
    if (p.percentage !== undefined) parts.push(`${p.percentage}%`);
    options.push(parts.join(' '));
  }
  if (c.serveStale) {
    const { duration, refreshMode } = c.serveStale;
    const dur = duration ?? (refreshMode !== undefined ? SERVE_STALE_DEFAULT_DURATION : undefined);
    options.push(['serve_stale', dur, refreshMode].filter((x) => x !== undefined).join(' '));
  }
  if (c.servfail !== undefined) options.push(`servfail ${c.servfail}`);
  if (c.keepTtl) options.push('keepttl');
  const head = c.ttl === undefined ? 'cache' : `cache ${c.ttl}`;
  if (options.length === 0) return [`${IND}${head}`];
  return [`${IND}${head} {`, ...options.map((o) => `${NESTED}${o}`), `${IND}}`];
}

function renderForward(f: ForwardModel): string[] {
  const options: string[] = [];
  if (f.except && f.except.length > 0) options.push(`except ${f.except.join(' ')}`);
  if (f.transport) options.push(f.transport);
  if (f.maxFails !== undefined) options.push(`max_fails ${f.maxFails}`);
  if (f.expire !== undefined) options.push(`expire ${f.expire}`);
  if (f.policy !== undefined) options.push(`policy ${f.policy}`);
  if (f.healthCheck !== undefined) options.push(`health_check ${f.healthCheck}`);
  if (f.maxConcurrent !== undefined) options.push(`max_concurrent ${f.maxConcurrent}`);
  const head = `forward ${f.from} ${f.to.join(' ')}`;
  if (options.length === 0) return [`${IND}${head}`];
  return [`${IND}${head} {`, ...options.map((o) => `${NESTED}${o}`), `${IND}}`];
}

/** Renders one server block. */
export function renderServerBlock(b: ServerBlockModel): string {
  const lines: string[] = [`${b.zone}:${b.port} {`];
  if (b.log) lines.push(`${IND}log`);
  if (b.errors !== false) lines.push(`${IND}errors`);
  if (b.cache) lines.push(...renderCache(b.cache));
  if (b.reload !== false) lines.push(`${IND}reload`);
  if (b.loop !== false) lines.push(`${IND}loop`);
  if (b.bind && b.bind.length > 0) lines.push(`${IND}bind ${b.bind.join(' ')}`);
  if (b.forward) lines.push(...renderForward(b.forward));
  if (b.suppressAaaa) lines.push(`${IND}template IN AAAA {`, `${NESTED}rcode NOERROR`, `${IND}}`);
  if (b.prometheus !== undefined) lines.push(`${IND}prometheus ${b.prometheus}`);
  if (b.health) {
    lines.push(b.health.port === undefined ? `${IND}health` : `${IND}health ${formatHostPort(b.health.host, b.health.port)}`);
  }
  lines.push(`${IND}}`);
  return lines.join('\n') + '\n';
}

/** Renders a Corefile: every server block in order, then the extra blocks verbatim. */
export function renderCorefile(model: CorefileModel): string {
  let text = model.serverBlocks.map(renderServerBlock).join('');
  const extra = model.extraServerBlocks?.trim();
  if (extra) text += extra + '\n';
  return text;
}

// ---------------------------------------------------------------------------------------------
// Parser: the checks run on the rendered text, so they also cover hand-written extra blocks.

/** A directive line of a parsed Corefile, with its nested options. */
export interface ParsedDirective {
  readonly name: string;
  readonly args: string[];
  readonly options: ParsedDirective[];
  /** 1-based line number in the Corefile. */
  readonly line: number;
}

/** A parsed server block. */
export interface ParsedServerBlock {
  /** Keys such as `cluster.local:53`. */
  readonly keys: string[];
  readonly directives: ParsedDirective[];
  readonly line: number;
}

/** Result of parsing a Corefile: blocks, or the syntax errors found. */
export interface ParsedCorefile {
  readonly blocks: ParsedServerBlock[];
  readonly errors: string[];
}

interface Token { readonly text: string; readonly line: number; readonly newline: boolean }

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  text.split('\n').forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const content = hash >= 0 ? raw.slice(0, hash) : raw;
    const words = content.trim().split(/\s+/).filter((w) => w.length > 0);
    const expanded: string[] = [];
    for (const w of words) {
      // `foo{` and `}` glued to words are split, as Caddy's lexer does for a trailing brace
      if (w.length > 1 && w.endsWith('{')) expanded.push(w.slice(0, -1), '{');
      else expanded.push(w);
    }
    expanded.forEach((w, j) => tokens.push({ text: w, line: i + 1, newline: j === 0 }));
  });
  return tokens;
}

/** Parses a Corefile into server blocks and directives (enough structure for the checks). */
export function parseCorefile(text: string): ParsedCorefile {
  const tokens = tokenize(text);
  const blocks: ParsedServerBlock[] = [];
  const errors: string[] = [];
  let i = 0;
  const readLine = (): Token[] => {
    const line: Token[] = [tokens[i++]];
    while (i < tokens.length && !tokens[i].newline) line.push(tokens[i++]);
    return line;
  };
  const readDirectives = (depth: number): ParsedDirective[] => {
    const out: ParsedDirective[] = [];
    while (i < tokens.length) {
      if (tokens[i].text === '}') { i++; return out; }
      const line = readLine();
      const open = line.length > 1 && line[line.length - 1].text === '{';
      const words = (open ? line.slice(0, -1) : line).map((t) => t.text);
      const options = open ? readDirectives(depth + 1) : [];
      if (words[words.length - 1] === '}') {
        // a closing brace on the same line as a directive
        words.pop();
        out.push({ name: words[0], args: words.slice(1), options, line: line[0].line });
        return out;
      }
      out.push({ name: words[0], args: words.slice(1), options, line: line[0].line });
    }
    errors.push(`unclosed block at depth ${depth}`);
    return out;
  };
  while (i < tokens.length) {
    const line = readLine();
    const last = line[line.length - 1];
    if (last.text !== '{') {
      errors.push(`line ${line[0].line}: expected a server block "<zone>:<port> {", got "${line.map((t) => t.text).join(' ')}"`);
      continue;
    }
    blocks.push({ keys: line.slice(0, -1).map((t) => t.text), directives: readDirectives(1), line: line[0].line });
  }
  return { blocks, errors };
}

/** Splits a server block key `zone:port` (port defaults to 53; `dns://` prefix allowed). */
export function splitServerKey(key: string): { zone: string; port: number } {
  const k = key.replace(/^dns:\/\//, '');
  const m = /^(.*):([0-9]+)$/.exec(k);
  return m ? { zone: m[1], port: Number(m[2]) } : { zone: k, port: 53 };
}
