import type { SyntaxNode } from '@lezer/common';
import { promqlParser } from './promql';

/**
 * Synthetic input series for an SLI: from the selectors of the SLI queries, series are generated and
 * given rates (counters) or values (gauges) so that the SLI evaluates to a chosen error ratio. A small
 * evaluator over the parsed PromQL (`sum` of `rate`/`increase`/`irate` of counters or of `*_over_time` of
 * gauges, + - * / and numbers) predicts the ratio; promtool then proves it. Queries outside that subset
 * (subqueries, comparisons, `or`, `by`/`without` grouping, instant selectors) are reported as not
 * synthesizable, and the generated unit test falls back to checking the metadata rules only.
 */

/** One synthetic series: its labels (including `__name__`) and its rate relative to the others. */
export interface SyntheticSeries {
  readonly labels: Record<string, string>;
  readonly rate: number;
}

/** Why synthesis is not possible, or the series for a ratio. */
export interface SynthesisResult {
  readonly series?: SyntheticSeries[];
  readonly reason?: string;
}

class Unsupported extends Error {}

interface Matcher { readonly name: string; readonly op: string; readonly value: string }
interface Selector { readonly matchers: Matcher[] }

type Value = number | Array<{ labels: Record<string, string>; value: number }>;

function unquote(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  if (text.startsWith('\'')) return JSON.parse(`"${text.slice(1, -1).replace(/\\'/g, '\'').replace(/"/g, '\\"')}"`);
  return JSON.parse(text);
}

function selectorOf(node: SyntaxNode, text: string): Selector {
  const matchers: Matcher[] = [];
  const id = node.getChild('Identifier');
  if (id) matchers.push({ name: '__name__', op: '=', value: text.slice(id.from, id.to) });
  const lm = node.getChild('LabelMatchers');
  if (lm) {
    for (let m = lm.firstChild; m; m = m.nextSibling) {
      if (m.name !== 'UnquotedLabelMatcher') throw new Unsupported(`label matcher ${m.name}`);
      const ln = m.getChild('LabelName')!;
      const op = m.getChild('MatchOp')!;
      const sl = m.getChild('StringLiteral')!;
      matchers.push({ name: text.slice(ln.from, ln.to), op: text.slice(op.from, op.to), value: unquote(text.slice(sl.from, sl.to)) });
    }
  }
  if (!matchers.some((m) => m.name === '__name__' && m.op === '=')) throw new Unsupported('a selector without a metric name');
  return { matchers };
}

function anchored(re: string): RegExp {
  return new RegExp(`^(?:${re})$`);
}

function matches(labels: Record<string, string>, sel: Selector): boolean {
  return matcherOf(sel)(labels);
}

/** A selector as a predicate on labels, its regular expressions built once (an invalid one throws when it is reached). */
function matcherOf(sel: Selector): (labels: Record<string, string>) => boolean {
  const tests = sel.matchers.map((m): ((labels: Record<string, string>) => boolean) => {
    switch (m.op) {
      case '=': return (labels) => (labels[m.name] ?? '') === m.value;
      case '!=': return (labels) => (labels[m.name] ?? '') !== m.value;
      case '=~':
      case '!~': {
        let re: RegExp;
        try {
          re = anchored(m.value);
        } catch (e) {
          return () => { throw e; };
        }
        return m.op === '=~' ? (labels) => re.test(labels[m.name] ?? '') : (labels) => !re.test(labels[m.name] ?? '');
      }
      default: return () => false;
    }
  });
  return (labels) => tests.every((t) => t(labels));
}

/** A string matching a simple regular expression (literals, groups, alternation, classes, quantifiers). */
export function sampleRegex(re: string): string | undefined {
  let i = 0;
  const alt = (): string => {
    const first = seq();
    while (re[i] === '|') {
      i++;
      seq();
    }
    return first;
  };
  const seq = (): string => {
    let out = '';
    while (i < re.length && re[i] !== '|' && re[i] !== ')') {
      let atom: string;
      const ch = re[i];
      if (ch === '(') {
        i++;
        if (re.startsWith('?:', i)) i += 2;
        atom = alt();
        if (re[i] !== ')') throw new Unsupported('regex group');
        i++;
      } else if (ch === '[') {
        const end = re.indexOf(']', i + 2);
        if (end < 0) throw new Unsupported('regex class');
        const body = re.slice(i + 1, end);
        if (body.startsWith('^')) throw new Unsupported('negated class');
        atom = body[0] === '\\' ? classEscape(body[1]) : body[0];
        i = end + 1;
      } else if (ch === '\\') {
        atom = classEscape(re[i + 1]);
        i += 2;
      } else if (ch === '.') {
        atom = '0';
        i++;
      } else if ('*+?{^$'.includes(ch)) {
        throw new Unsupported('regex operator');
      } else {
        atom = ch;
        i++;
      }
      const q = re[i];
      if (q === '*' || q === '?') {
        atom = '';
        i++;
      } else if (q === '+') {
        i++;
      } else if (q === '{') {
        const m = /^\{(\d+)(,\d*)?\}/.exec(re.slice(i));
        if (!m) throw new Unsupported('regex repeat');
        atom = atom.repeat(parseInt(m[1], 10));
        i += m[0].length;
      }
      out += atom;
    }
    return out;
  };
  try {
    const s = alt();
    if (i !== re.length) return undefined;
    return anchored(re).test(s) ? s : undefined;
  } catch {
    return undefined;
  }
}

function classEscape(c: string): string {
  if (c === 'd') return '0';
  if (c === 'w') return 'a';
  if (c === 's') return ' ';
  if (/[a-zA-Z0-9]/.test(c)) throw new Unsupported('regex escape');
  return c;
}

function seriesFor(sel: Selector): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of sel.matchers) {
    if (m.op === '=') {
      labels[m.name] = m.value;
    } else if (m.op === '=~') {
      const s = sampleRegex(m.value);
      if (s === undefined) throw new Unsupported(`regex ${m.value}`);
      if (s !== '') labels[m.name] = s;
    }
  }
  for (const m of sel.matchers) {
    // A negative matcher gets a value of its own, so "good" series differ from the catch-all ones.
    if ((m.op === '!=' || m.op === '!~') && labels[m.name] === undefined) {
      const candidate = ['ok', 'other', '200', 'x'].find((v) => matches({ ...labels, [m.name]: v }, sel));
      if (candidate === undefined) throw new Unsupported(`negative matcher on ${m.name}`);
      labels[m.name] = candidate;
    }
  }
  if (!matches(labels, sel)) throw new Unsupported('a selector no generated series matches');
  return labels;
}

const RATE_FUNCTIONS = new Set(['Rate', 'Increase', 'Irate']);
/** Functions over a range of a gauge; a constant gauge `g` sampled every minute gives these values. */
const GAUGE_FUNCTIONS = new Set(['SumOverTime', 'AvgOverTime', 'CountOverTime', 'MinOverTime', 'MaxOverTime', 'LastOverTime']);

function windowSeconds(node: SyntaxNode, text: string): number {
  const d = node.getChild('DurationExpr');
  const t = d ? text.slice(d.from, d.to) : '';
  const m = /^(\d+)([smhdwy])$/.exec(t);
  if (!m) throw new Unsupported(`range ${t}`);
  return parseInt(m[1], 10) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 }[m[2]]!;
}

/** A query compiled once: its value for a set of series. */
type Compiled = (series: SyntheticSeries[]) => Value;

/**
 * Compiles a query's syntax tree once, so that the bisection evaluates closures instead of walking the tree on
 * every step. Anything wrong with a part of the query is thrown when that part is evaluated, in the order a
 * walk of the tree would meet it, so the reason given for an unsupported query does not change.
 */
function compile(node: SyntaxNode, text: string): Compiled {
  try {
    return compileNode(node, text);
  } catch (e) {
    return () => { throw e; };
  }
}

function compileNode(node: SyntaxNode, text: string): Compiled {
  switch (node.name) {
    case 'PromQL':
    case 'ParenExpr':
      return compile(only(node), text);
    case 'NumberDurationLiteral': {
      const v = Number(text.slice(node.from, node.to));
      if (!Number.isFinite(v)) throw new Unsupported('number');
      return () => v;
    }
    case 'FunctionCall': {
      const fn = node.getChild('FunctionIdentifier')?.firstChild?.name ?? '';
      if (!RATE_FUNCTIONS.has(fn) && !GAUGE_FUNCTIONS.has(fn)) throw new Unsupported(`function ${fn}`);
      const body = node.getChild('FunctionCallBody')!;
      const ms = only(body);
      if (ms.name !== 'MatrixSelector') throw new Unsupported(`${fn} of a non-selector`);
      const sel = selectorOf(ms.getChild('VectorSelector')!, text);
      const seconds = windowSeconds(ms, text);
      const value = (v: number) => {
        switch (fn) {
          case 'Increase': return v * seconds;
          case 'SumOverTime': return v * (seconds / 60);
          case 'CountOverTime': return seconds / 60;
          default: return v;
        }
      };
      const selected = matcherOf(sel);
      return (series) => series.filter((s) => selected(s.labels)).map((s) => ({ labels: s.labels, value: value(s.rate) }));
    }
    case 'AggregateExpr': {
      const op = node.getChild('AggregateOp')?.firstChild?.name;
      if (op !== 'Sum') throw new Unsupported(`aggregation ${op}`);
      const inner = compile(only(node.getChild('FunctionCallBody')!), text);
      const grouped = node.getChild('AggregateModifier') !== null;
      return (series) => {
        const v = inner(series);
        if (typeof v === 'number') throw new Unsupported('sum of a number');
        // Grouping would carry labels into the SLI series (and the alerts); the expected alerts could not be predicted.
        if (grouped) throw new Unsupported('grouping (by/without) in the SLI');
        return v.reduce((a, e) => a + e.value, 0);
      };
    }
    case 'BinaryExpr': {
      const kids = children(node);
      if (kids.length !== 3) throw new Unsupported('binary modifiers');
      const left = compile(kids[0], text);
      const right = compile(kids[2], text);
      const op = kids[1].name;
      return (series) => {
        const l = left(series);
        const r = right(series);
        if (typeof l !== 'number' || typeof r !== 'number') throw new Unsupported('vector arithmetic without aggregation');
        switch (op) {
          case 'Add': return l + r;
          case 'Sub': return l - r;
          case 'Mul': return l * r;
          case 'Div': return l / r;
          default: throw new Unsupported(`operator ${op}`);
        }
      };
    }
    default:
      throw new Unsupported(node.name);
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function only(node: SyntaxNode): SyntaxNode {
  const kids = children(node);
  if (kids.length !== 1) throw new Unsupported(`${node.name} with ${kids.length} parts`);
  return kids[0];
}

/** How a series is used: as a counter (under rate/increase) or a gauge (under *_over_time). */
export type SeriesKind = 'counter' | 'gauge';

interface SelectorUse { readonly sel: Selector; readonly kind?: SeriesKind }

function collectSelectors(node: SyntaxNode, text: string, out: SelectorUse[], kind?: SeriesKind): void {
  if (node.name === 'VectorSelector') {
    out.push({ sel: selectorOf(node, text), kind });
    return;
  }
  let k = kind;
  if (node.name === 'FunctionCall') {
    const fn = node.getChild('FunctionIdentifier')?.firstChild?.name ?? '';
    if (RATE_FUNCTIONS.has(fn)) k = 'counter';
    else if (GAUGE_FUNCTIONS.has(fn)) k = 'gauge';
  }
  for (let c = node.firstChild; c; c = c.nextSibling) collectSelectors(c, text, out, k);
}

/** An SLI as a function of per-series rates. */
export interface SliModel {
  /** The generated series (rates not yet chosen). */
  readonly labels: Array<Record<string, string>>;
  /** Whether each series is a counter (its value grows by its rate) or a gauge (its value is its rate). */
  readonly kinds: SeriesKind[];
  /** The error ratio for a vector of rates. */
  ratio(rates: number[]): number;
}

/**
 * Models an SLI given as PromQL queries rendered for two windows (`queries(window)` returns
 * `[error, total]` or `[errorRatio]`); `reason` says why when it cannot.
 */
export function modelSli(queries: (window: string) => string[]): { model?: SliModel; reason?: string } {
  try {
    // each query is parsed and compiled once; the bisection only runs the compiled closures
    const parse = (w: string) => queries(w).map((q) => ({ q, tree: promqlParser().parse(q) }));
    const parsed = parse('5m');
    const used: SelectorUse[] = [];
    for (const p of parsed) collectSelectors(p.tree.topNode, p.q, used);
    const compiled = parsed.map((p) => compile(p.tree.topNode, p.q));
    const selectors = used.map((u) => u.sel);
    const labels: Array<Record<string, string>> = [];
    const seen = new Set<string>();
    const candidates: Array<Record<string, string>> = [];
    for (const s of selectors) {
      const base = seriesFor(s);
      candidates.push(base);
      // Series that a negative matcher excludes (e.g. code="500" for code!~"5.."), as "bad" traffic.
      for (const m of s.matchers) {
        const bad = m.op === '!=' ? m.value : m.op === '!~' ? sampleRegex(m.value) : undefined;
        if (bad) candidates.push({ ...base, [m.name]: bad });
      }
    }
    for (const l of candidates) {
      const key = JSON.stringify(Object.entries(l).sort());
      if (!seen.has(key)) {
        seen.add(key);
        labels.push(l);
      }
    }
    if (labels.length === 0 || labels.length > 8) throw new Unsupported(`${labels.length} distinct series`);
    const kinds = labels.map((l) => {
      const ks = new Set(used.filter((u) => matches(l, u.sel)).map((u) => u.kind ?? 'instant'));
      if (ks.has('instant')) throw new Unsupported('an instant selector outside rate/increase/*_over_time');
      if (ks.size > 1) throw new Unsupported('a series used both as a counter and as a gauge');
      return [...ks][0] as SeriesKind;
    });
    const other = parse('1h').map((p) => compile(p.tree.topNode, p.q));
    const at = (qs: Compiled[], rates: number[]) => {
      const series = labels.map((l, i) => ({ labels: l, rate: rates[i] }));
      const vals = qs.map((q) => q(series));
      if (vals.some((v) => typeof v !== 'number')) throw new Unsupported('a query that is not aggregated');
      const nums = vals as number[];
      return nums.length === 2 ? nums[0] / nums[1] : nums[0];
    };
    const ratio = (rates: number[]) => {
      const a = at(compiled, rates);
      const b = at(other, rates);
      if (Number.isFinite(a) && Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(a))) throw new Unsupported('a ratio that depends on the window');
      return a;
    };
    ratio(labels.map(() => 1));
    return { model: { labels, kinds, ratio } };
  } catch (e) {
    if (e instanceof Unsupported) return { reason: e.message };
    throw e;
  }
}

/** Rates (each in [0, 1]) making the SLI equal `target`, or undefined when no such mix was found. */
export function ratesForRatio(model: SliModel, target: number): number[] | undefined {
  const n = model.labels.length;
  let lo: { r: number[]; f: number } | undefined;
  let hi: { r: number[]; f: number } | undefined;
  for (let mask = 0; mask < 2 ** n; mask++) {
    const r = model.labels.map((_, i) => (Math.floor(mask / 2 ** i) % 2 === 1 ? 1 : 0));
    let f: number;
    try {
      f = model.ratio(r);
    } catch {
      continue;
    }
    if (!Number.isFinite(f) || f < 0 || f > 1) continue;
    if (!lo || f < lo.f) lo = { r, f };
    if (!hi || f > hi.f) hi = { r, f };
  }
  if (!lo || !hi || target < lo.f || target > hi.f) return undefined;
  const mix = (t: number) => lo!.r.map((a, i) => (1 - t) * a + t * hi!.r[i]);
  let a = 0;
  let b = 1;
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    const [a0, b0] = [a, b];
    if (model.ratio(mix(m)) < target) a = m;
    else b = m;
    // at double precision the midpoint is an end and the step changes nothing: every further step would repeat it
    if (a === a0 && b === b0) break;
  }
  const rates = mix((a + b) / 2);
  const got = model.ratio(rates);
  return Math.abs(got - target) <= 1e-9 * Math.max(target, 1e-12) ? rates : undefined;
}
