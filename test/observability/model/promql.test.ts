import {
  checkLabelMap, checkPromql, checkTemplate, findPromqlSyntaxError, findPromqlError, findTemplateImbalance,
  findUndefinedTemplateVariable, isValidLabelName, PromqlVerdicts,
} from '../../../src/observability/model/promql';

describe('PromQL syntax', () => {
  test.each([
    'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
    'max(slo:sli_error:ratio_rate5m{sloth_id="a"} > (14.4 * 0.001)) without (sloth_window)',
    'sum_over_time((count(x < 0.75))[5m:]) OR on() vector(0)',
    'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
    'up offset 5m',
  ])('parses %s', (expr) => {
    expect(findPromqlSyntaxError(expr)).toBeUndefined();
  });

  test.each([
    ['sum(rate(x[5m])', 1, 16],
    ['rate(x[5x])', 1, 9],
    ['foo{a="b" b}', 1, 11],
    ['sum(\n  rate(x[5m]) +\n)', 3, 1],
    ['', 1, 1],
  ])('%p fails at line %d column %d', (expr, line, column) => {
    expect(findPromqlSyntaxError(expr)).toMatchObject({ line, column });
  });

  test('a problem names the field, the position and how to check', () => {
    expect(checkPromql('rules[0].expr', 'sum(x')).toEqual([expect.objectContaining({
      field: 'rules[0].expr',
      expected: 'must be valid PromQL (syntax error at line 1 column 6 at the end)',
      got: '"sum(x"',
    })]);
  });
});

describe('@ and offset modifiers (promtool: "must be preceded by an instant vector selector or range vector selector or a subquery")', () => {
  test.each([
    ['(up) @ 5', '@'],
    ['avg_over_time(up[5m]) @ start()', '@'],
    ['sum(up) offset 5m', 'offset'],
    ['(up) offset 5m', 'offset'],
  ])('%p is rejected', (expr, modifier) => {
    expect(findPromqlError(expr)?.message).toBe(`${modifier} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
  });

  test.each(['up @ start()', 'up offset 5m @ 5', 'up[5m:1m] @ 5', 'rate(x[5m] @ 5)', 'rate(x[5m] offset 1m)', 'up @ 9.3e15', 'up @ -1', 'up * 14.e3',
    'up * 0X1f', 'up * 1e-400', 'up[ 5m ]'])('%p is accepted', (expr) => {
    expect(findPromqlError(expr)).toBeUndefined();
  });
});

describe('label names', () => {
  test.each([['severity', true], ['_x', true], ['team_name2', true], ['team-name', false], ['2x', false], ['__name__', false], ['', false]])('%p valid: %p', (name, ok) => {
    expect(isValidLabelName(name)).toBe(ok);
  });

  test('a non-string value is a problem', () => {
    expect(checkLabelMap('labels', { tier: 2 })).toEqual([expect.objectContaining({ field: 'labels.tier', expected: 'must be a string' })]);
  });
});

describe('template balance', () => {
  test.each([
    'plain text',
    '{{ $labels.instance }} down',
    '{{ if gt $value 1.0 }}high{{ else }}low{{ end }}',
    '{{ range $i, $l := . }}{{ $l }}{{ end }}',
    '{{ "}}" }} quoted braces',
    '{{- $labels.job -}}',
  ])('%p is balanced', (t) => {
    expect(findTemplateImbalance(t)).toBeUndefined();
  });

  test.each([
    ['{{ $labels.instance', /never closed with "}}"/],
    ['down }}', /closes no "\{\{"/],
    ['{{ if $value }}x', /"\{\{ if \}\}" is never closed/],
    ['x{{ end }}', /ends no block/],
    ['{{}}', /empty action/],
    ['{{ "abc }}', /unterminated " string/],
    ['{{ a {{ b }}', /is not closed before the next/],
  ])('%p is unbalanced', (t, why) => {
    expect(findTemplateImbalance(t)).toMatch(why);
  });
});

describe('template variables (promtool: undefined variable)', () => {
  test.each([
    '{{ $labels.instance }} is {{ $value }} ({{ $externalLabels.cluster }}, {{ $externalURL }})',
    '{{ $x := 1 }}{{ $x }}',
    '{{ range $i, $e := query "up" }}{{ $e.Labels.job }}{{ $i }}{{ end }}',
    '{{ with $v := $value }}{{ $v }}{{ end }}',
    '{{ $.Labels.job }} and {{ "$notavariable" }}',
    '{{- $y := $labels.job -}}{{ $y = "z" }}{{ $y }}',
  ])('%p uses only defined variables', (t) => {
    expect(findUndefinedTemplateVariable(t)).toBeUndefined();
  });

  test.each([
    ['{{ $label.instance }} down', '$label'],
    ['{{ $values }}', '$values'],
    ['{{ $x }}{{ $x := 1 }}', '$x'],
  ])('%p uses an undefined variable %p', (t, name) => {
    expect(findUndefinedTemplateVariable(t)).toBe(name);
  });

  test('checkTemplate names the variable, the field and the fix', () => {
    expect(checkTemplate('annotations.summary', '{{ $label.instance }} down')).toEqual([{
      field: 'annotations.summary',
      expected: 'must use only defined template variables ($label is not defined; promtool rejects it)',
      got: '"{{ $label.instance }} down"',
      fix: 'use $labels, $value, $externalLabels or $externalURL, or declare the variable with := first',
      rule: undefined,
    }]);
  });
});

describe('PromQL types (Prometheus\'s parse errors)', () => {
  test.each([
    ['rate(x)', 1, 6, 'expected type range vector in call to function "rate", got instant vector'],
    ['sum(x[5m])', 1, 5, 'expected type instant vector in aggregation expression, got range vector'],
    ['x[5m] + 1', 1, 1, 'binary expression must contain only scalar and instant vector types'],
    ['avg_over_time(x)', 1, 15, 'expected type range vector in call to function "avg_over_time", got instant vector'],
    ['quantile_over_time(0.9, x)', 1, 25, 'expected type range vector in call to function "quantile_over_time", got instant vector'],
    ['histogram_quantile(0.9, x[5m])', 1, 25, 'expected type instant vector in call to function "histogram_quantile", got range vector'],
    ['abs(x[5m])', 1, 5, 'expected type instant vector in call to function "abs", got range vector'],
    ['sum(\n  rate(x)\n)', 2, 8, 'expected type range vector in call to function "rate", got instant vector'],
  ])('%p: line %d column %d, %s', (expr, line, column, message) => {
    expect(findPromqlError(expr)).toMatchObject({ line, column, message });
    expect(checkPromql('expr', expr)[0].expected).toBe(`must be valid PromQL (error at line ${line} column ${column}: ${message})`);
  });

  test.each([
    'rate((x[5m]))', 'rate(x[5m] offset 1h)', 'rate(x[5m:1m])', 'predict_linear(x[1h], 3600)', 'topk(3, rate(x[5m]))',
    'quantile(0.9, x)', 'count_values("v", x)', 'time() - x', 'vector(1)', 'label_replace(x, "a", "$1", "b", "(.*)")',
    'sum_over_time((count(x < 0.75))[5m:]) OR on() vector(0)', 'x[5m]',
  ])('%p has no type error', (expr) => {
    expect(findPromqlError(expr)).toBeUndefined();
  });
});

describe('as strict as promtool (2.42 and 3.16; see promql.differential.test.ts)', () => {
  test.each([
    ['\'abc', 'unterminated quoted string'],
    ['up{a="x\ny"}', 'unterminated quoted string'],
    ['up{a="\\q"}', 'unknown escape sequence U+0071 \'q\''],
    ['up{a="\\400"}', 'escape sequence is an invalid Unicode code point'],
    ['up[0s]', 'duration must be greater than 0'],
    ['up[5m:0s]', 'duration must be greater than 0'],
    ['up offset 0s', 'duration must be greater than 0'],
    ['up[300]', 'missing unit character in duration "300"'],
    ['up[5m * 2]', 'duration arithmetic needs a Prometheus 3 feature flag; write one duration such as 5m'],
    ['1s + 1', 'unexpected duration "1s" where a number is expected'],
    ['1_000', 'bad number syntax: "1_000"'],
    ['up{a=~"("}', 'error parsing regexp: missing closing ): `(`'],
    ['up{a=~"a(?=b)"}', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['up{a=~"\\\\Q("}', 'error parsing regexp: missing closing ): `^(?:\\Q()$`'],
    ['up{"a"="b"}', 'quoted label and metric names need Prometheus 3 (Prometheus 2.42 rejects them); use a classic name'],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher'],
    ['up{__name__="x"}', 'metric name must not be set twice'],
    ['up\u2028+ 1', 'unexpected character: "\u2028"'],
    ['rate()', 'expected 1 argument(s) in call to "rate", got 0'],
    ['sum(1, up)', 'wrong number of arguments for aggregate expression provided, expected 1, got 2'],
    ['sort_by_label(up, "a")', 'unknown function with name "sort_by_label" (or one Prometheus 2.42 or 3 parses only with a feature flag)'],
    ['1 > 2', 'comparisons between scalars must use BOOL modifier'],
    ['a + b[5m]', 'binary expression must contain only scalar and instant vector types'],
    ['up offset 1m offset 2m', 'offset may not be set multiple times'],
    ['up @ Inf', 'timestamp out of bounds for @ modifier: Inf'],
    ['up @ NaN', 'timestamp out of bounds for @ modifier: NaN'],
    ['rate(x[5m] @ 1e20)', 'timestamp out of bounds for @ modifier: 1e20'],
    ['up @ 9223372036854775808', 'timestamp out of bounds for @ modifier: 9223372036854775808'],
    ['up * 1e400', 'error parsing number: "1e400" is out of range'],
    ['up * 0x8000000000000000', 'error parsing number: "0x8000000000000000" is out of range'],
    ['round(up, 0atan2.1)', 'bad number or duration syntax: "0a"'],
    ['quantile(0..9, up)', '"..9" is not PromQL that Prometheus 2.42 and 3 parse without a feature flag'],
    ['up[# c\n5m]', 'missing unit character in duration (a comment inside brackets is not one)'],
    ['x{ü="a"}', '"ü=" is not PromQL that Prometheus 2.42 and 3 parse without a feature flag'],
    ['x{"a.b"="c"}', 'quoted label and metric names need Prometheus 3 (Prometheus 2.42 rejects them); use a classic name'],
  ])('%p is rejected: %s', (expr, message) => {
    // WHEN
    const err = findPromqlError(expr);
    // THEN
    expect(err?.message).toBe(message);
    expect(checkPromql('expr', expr)).toHaveLength(1);
  });

  test('holt_winters (removed in Prometheus 3) is rejected', () => {
    expect(checkPromql('expr', 'holt_winters(up[5m], 0.5, 0.5)')).toHaveLength(1);
  });

  test.each([
    'up{a="b",}', 'sum by (a,) (up)', 'up offset -5m', 'a + b offset 5m', '-up @ 5', 'offset{a="b"}', 'quantile(0., up)',
    'up{a=~"a{?"}', 'up{a=~"\\\\p{Greek}"}', 'up{a=~"\\\\xc3\\\\xa9"}', '0x1F + Inf - NaN', 'up{a=`\\d`}', 'round(up)',
    'label_join(up, "d", ",", "a", "b", "c")', 'topk(3, up)', '1 > bool 2',
  ])('%p is accepted', (expr) => {
    expect(checkPromql('expr', expr)).toEqual([]);
  });
});

describe('PromqlVerdicts', () => {
  const EXPRESSIONS = ['up', 'sum(rate(x[5m])) by (job)', 'sum(rate(x[5m]) by (job)', 'rate(up)', 'up offset 5m', '1.', 'foo{'];

  test.each(EXPRESSIONS)('%p: the same problems with and without the shared verdicts', (expr) => {
    // GIVEN
    const verdicts = new PromqlVerdicts();
    // WHEN
    const first = checkPromql('a', expr, verdicts);
    const again = checkPromql('b', expr, verdicts);
    // THEN
    expect(first).toEqual(checkPromql('a', expr));
    expect(again).toEqual(checkPromql('b', expr));
  });

  test('each distinct expression is checked once', () => {
    // GIVEN
    const verdicts = new PromqlVerdicts();
    // WHEN
    for (const expr of [...EXPRESSIONS, ...EXPRESSIONS]) checkPromql('expr', expr, verdicts);
    // THEN
    expect(verdicts.size).toBe(EXPRESSIONS.length);
    expect(verdicts.of('up')).toBe(verdicts.of('up'));
  });
});
