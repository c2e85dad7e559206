import * as fc from 'fast-check';
import { checkPromql } from '../../../src/observability/model/promql';
import { PROMTOOL_GENERATIONS } from '../../support/generations';
import { fcSeed } from '../../support/property';
import { describeWithTools } from '../../support/tools';
import { promtoolExprVerdicts } from '../support/promql-oracle';

/**
 * Differential test of opskit's PromQL check (`checkPromql`) against the real Prometheus parser: promtool 2.42
 * (Debian) and promtool 3.16 (built in tools/prometheus). Expressions are mutations of valid ones, biased toward
 * what the lezer grammar lets through and Prometheus does not: string literals (quotes, escapes), durations
 * (zero, no unit, wrong order, arithmetic), commas in selectors, grouping labels and calls, regex matchers (RE2
 * syntax), matcher operators, numbers, modifiers.
 *
 * opskit's rule files must load in both generations, so the oracle's verdict is "accepted" only when both
 * promtools accept; opskit must reject exactly the others.
 *
 * Seed: `OPSKIT_FC_SEED` (default fixed); `OPSKIT_FC_RANDOM=1` draws one and prints it; `OPSKIT_FC_RUNS` changes
 * the number of expressions.
 */
const RUNS = Number(process.env.OPSKIT_FC_RUNS ?? 3000);
const SEED = fcSeed('promql differential');

/** Valid expressions the mutations start from: every construct of the grammar opskit's rules use. */
const VALID = [
  'up',
  'up{job="api", code=~"5.."}',
  "up{job='api',instance!~\"db.*\"}",
  'sum(rate(http_requests_total{code=~"5..", path!="/health"}[5m])) by (job)',
  'sum by (job, le) (rate(http_request_duration_seconds_bucket[5m]))',
  'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
  'max(slo:sli_error:ratio_rate5m{sloth_id="a"} > (14.4 * 0.001)) without (sloth_window)',
  'sum_over_time((count(x < 0.75))[30m:1m]) or on() vector(0)',
  'avg_over_time(up[1h] offset 1d)',
  'up offset -5m',
  'up @ start()',
  'rate(x[5m] @ 1700000000)',
  'label_replace(up, "dst", "$1", "src", "(.*)-x")',
  'label_join(up, "dst", ",", "a", "b")',
  'topk(3, sum by (pod) (rate(cpu_seconds_total[5m])))',
  'count_values("version", build_info)',
  'quantile(0.9, up)',
  'a / on(job) group_left(team) b',
  'a == bool 1',
  'clamp(up, 0, 1) * 100',
  'absent(up{job=`raw\\string`})',
  'round(up, 0.1) + -1e3 + 0x1F + Inf',
  'time() - process_start_time_seconds > 3600',
  '{__name__=~"http_.+", job="api"}',
  'predict_linear(node_filesystem_free_bytes[6h], 4 * 3600) < 0',
  'quantile_over_time(0.5, up[1h:5m])',
  'up unless ignoring(instance) down',
  '# a comment\nup',
];

/** Fragments inserted at random places. */
const TOKENS = ['\'', '"', '`', ',', ',,', '(', ')', '{', '}', '[', ']', '\\', ':', '@', '-', '+', '.', '_', 'e', 'x', '0', '1',
  ' offset 5m', ' offset 0s', ' @ 0', ' bool ', ' by (a) ', ' on() ', ' and ', ' group_left ', '=~', '!~', '"x"', '5m', '0s', 'ms',
  '\n', '# c\n', 'é', '\u2028', '\u00a0', '[5m]', '[0s:1m]', '[5m:]', 'offset', ' OFFSET ', 'atan2', ' BOOL ', 'Inf', 'nan', 'start()',
  '-', ' ^ ', ' / ', ' > ', ' or '];
/** Duration texts put where a duration is. */
const DURATIONS = ['0s', '0m', '0', '00s', '1ms', '1h30m', '30m1h', '1.5m', '300', '5m5m', '1y', '999999999999y', '0ms', '1d', '1w', '5M',
  '5m * 2', '-5m', '+5m', '1h0m', '0h0m', '5s100ms'];
/** Pieces of string-literal content: escapes (valid and not), regex syntax (RE2 and other dialects). */
const STRING_PIECES = ['a', 'b', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '-', ',', ' ', 'é', '\\\\', '\\q',
  '\\n', '\\t', '\\x4', '\\x41', '\\xff', '\\xc3\\xa9', '\\u00e9', '\\ud800', '\\U0001F600', '\\U00110000', '\\400', '\\101', '\\7',
  '\\\'', '\\"', '\\.', '\\d', '\\pL', '\\p{Greek}', '(?i)', '(?=', '(?P<n>', '(?<n>', '\\1', '\\Q', '\\E', '\\C', '\\z', '\\Z',
  '[[:alpha:]]', '[[:foo:]]', 'x{1001}', 'x{2,1}', '**', 'a{,3}', '\n', '`'];
const MATCH_OPS = ['=', '!=', '=~', '!~', '==', '~'];
/** Number forms put where a number is: Go's ParseFloat and ParseInt syntaxes, and what neither reads. */
const NUMBERS = ['14.e3', '1.e3', '.5e1', '5.', '.5', '0x1F', '0X1f', '0x', '1_000', '1__0', '_1', '0b1', '0o7', '017', '1e400', '-1e400', '1e-400',
  '1e', '1e+', '1.5.2', 'Inf', '-Inf', '+Inf', 'NaN', 'nan', 'inF', '0x1p-2', '9223372036854775808', '1E3', '1_0.5', '0.0'];
/** `@` modifiers: in and out of the range Prometheus keeps (int64 milliseconds), special values, functions. */
const AT_TIMESTAMPS = ['@ 0', '@ 1700000000', '@ 1.5', '@ -1', '@ 9223372036854775', '@ 9223372036854776', '@ 9.3e15', '@ 1e20', '@ -1e20',
  '@ Inf', '@ -Inf', '@ NaN', '@ 0x10', '@ 14.e3', '@ start()', '@ end()', '@ now()', '@ 1e308'];
/** UTF-8 metric and label names: quoted (Prometheus 3 only), unquoted (never), and names that are not valid UTF-8 text. */
const UTF8_NAMES = ['{"http.requests.total"}', '{"ü_total"}', '{"a"="b"}', '{"__name__"="x"}', 'ü_total', 'x{ü="a"}', 'x{"ü"="a"}',
  'x{"a.b"="c"}', 'x{""="a"}', '{"\xff"}', 'x{"a\u0000b"="c"}', 'sum by ("a.b") (x)', 'sum by (ü) (x)', 'x{"a b"="c"}'];

type Mutation = (expr: string) => string;

const at = (n: number, s: string): number => (s.length === 0 ? 0 : n % (s.length + 1));

const insertToken: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...TOKENS))
  .map(([pos, tok]) => (e: string) => `${e.slice(0, at(pos, e))}${tok}${e.slice(at(pos, e))}`);

const deleteSpan: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 }))
  .map(([pos, len]) => (e: string) => `${e.slice(0, at(pos, e))}${e.slice(at(pos, e) + len)}`);

/** Replaces the n-th match of a pattern (wrapping around); the expression is unchanged when there is none. */
function replaceNth(e: string, re: RegExp, n: number, by: (m: string) => string): string {
  const matches = [...e.matchAll(re)];
  if (matches.length === 0) return e;
  const m = matches[n % matches.length];
  return `${e.slice(0, m.index)}${by(m[0])}${e.slice(m.index! + m[0].length)}`;
}

const replaceDuration: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...DURATIONS))
  .map(([n, d]) => (e: string) => replaceNth(e, /(?<=[[:]|offset )-?[0-9][0-9a-z]*(?=[\]:\s)]|$)/g, n, () => d));

const stringContent = fc.array(fc.constantFrom(...STRING_PIECES), { minLength: 0, maxLength: 4 }).map((p) => p.join(''));

const replaceString: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), stringContent, fc.constantFrom('"', '\'', '`'))
  .map(([n, content, q]) => (e: string) => replaceNth(e, /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`/g, n, () => `${q}${content}${q}`));

const swapMatchOp: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...MATCH_OPS))
  .map(([n, op]) => (e: string) => replaceNth(e, /(?<=[a-z_]\s*)(?:=~|!~|!=|=)(?=\s*["'`])/g, n, () => op));

/** A comma before or after an element of a list: `{a="b",}`, `{,a="b"}`, `by (a,)`, `f(x,)`, `(a,,b)`. */
const editCommas: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(',', ', ,', ' ,'), fc.boolean())
  .map(([n, comma, after]) => (e: string) => replaceNth(e, after ? /[^\s({[,]\s*(?=[)}\]])/g : /(?<=[({[])/g, n, (m) => (after ? `${m}${comma}` : `${comma}${m}`)));

/** Replaces the n-th number literal (not part of a name or a duration). */
const replaceNumber: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...NUMBERS))
  .map(([n, text]) => (e) => replaceNth(e, /(?<![\w.:])\d+(\.\d+)?(e[+-]?\d+)?(?![\w.\[])/g, n, () => text));

/** Replaces the n-th `@` modifier, or adds one after the first selector. */
const replaceAt: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...AT_TIMESTAMPS))
  .map(([n, text]) => (e) => (/@ \S+/.test(e) ? replaceNth(e, /@ (start\(\)|end\(\)|[\w.+-]+)/g, n, () => text) : e.replace(/(\w+(\{[^}]*\})?)/, `$1 ${text}`)));

/** Puts a UTF-8 name construct at a random place, or in place of the whole expression. */
const insertUtf8Name: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...UTF8_NAMES), fc.boolean())
  .map(([n, text, whole]) => (e) => (whole ? text : e.slice(0, at(n, e)) + text + e.slice(at(n, e))));

const mutation = fc.oneof(insertToken, deleteSpan, replaceDuration, replaceString, replaceString, swapMatchOp, editCommas, replaceNumber, replaceAt,
  insertUtf8Name);

/** A valid expression with zero to three mutations. */
export const mutatedPromql: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 0, maxLength: 3 }))
  .map(([e, ms]) => ms.reduce((acc, m) => m(acc), e))
  .filter((e) => e.trim() !== '');

describeWithTools(PROMTOOL_GENERATIONS.map((g) => g.bin), 'PromQL differential: opskit\'s check against promtool 2.42 and 3.16', () => {
  test('the seed expressions are valid for opskit and both promtools', () => {
    // GIVEN / WHEN
    const verdicts = PROMTOOL_GENERATIONS.map((g) => promtoolExprVerdicts(g, VALID));
    // THEN
    for (const v of verdicts) expect(v.filter((x) => x !== undefined)).toEqual([]);
    expect(VALID.filter((e) => checkPromql('expr', e).length > 0)).toEqual([]);
  });

  test(`${RUNS} mutated expressions: opskit rejects exactly what a promtool rejects (seed ${SEED})`, () => {
    // GIVEN
    const exprs = [...new Set(fc.sample(mutatedPromql, { seed: SEED, numRuns: RUNS }))];
    // WHEN
    const [old, current] = PROMTOOL_GENERATIONS.map((g) => promtoolExprVerdicts(g, exprs));
    const cases = exprs.map((expr, i) => ({
      expr,
      promtool: old[i] ?? current[i],
      opskit: checkPromql('expr', expr)[0]?.expected,
    }));
    // THEN
    const disagreements = cases.filter((c) => (c.promtool === undefined) !== (c.opskit === undefined))
      .sort((a, b) => a.expr.length - b.expr.length);
    const accepted = cases.filter((c) => c.promtool === undefined).length;
    // eslint-disable-next-line no-console
    console.log(`promql differential, seed ${SEED}: ${exprs.length} expressions, ${accepted} accepted by both promtools, `
      + `${exprs.length - accepted} rejected by one, ${disagreements.length} disagreements`);
    expect(disagreements.slice(0, 20).map((c) => `${JSON.stringify(c.expr)}: promtool ${c.promtool ?? 'accepts'}; opskit ${c.opskit ?? 'accepts'}`)).toEqual([]);
    // the run covers both verdicts (a suite that only sees one cannot fail)
    expect(accepted).toBeGreaterThan(exprs.length / 10);
    expect(exprs.length - accepted).toBeGreaterThan(exprs.length / 10);
  });
});
