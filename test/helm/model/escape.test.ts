import { escapeTemplateText } from '../../../src/helm/model/escape';

describe('escapeTemplateText', () => {
  test.each([
    ['text without braces is unchanged', 'plain: text { } }{', 'plain: text { } }{'],
    ['an opening pair', 'a {{ b', 'a {{ "{{" }} b'],
    ['a closing pair', 'a }} b', 'a {{ "}}" }} b'],
    ['a Prometheus annotation', '{{ $labels.instance }} is down', '{{ "{{" }} $labels.instance {{ "}}" }} is down'],
    ['a trim marker and a comment', '{{- /* c */ -}}', '{{ "{{" }}- /* c */ -{{ "}}" }}'],
    ['three braces: the first two are the pair', '{{{x}}}', '{{ "{{" }}{x{{ "}}" }}}'],
    ['four braces: two pairs', '{{{{', '{{ "{{" }}{{ "{{" }}'],
    ['a single brace before a closing pair (it would open an action with the replacement)', '.{}}', '.{{ "{" }}{{ "}}" }}'],
    ['two braces before a closing pair: a pair, then a single one', '{{}}', '{{ "{{" }}{{ "}}" }}'],
    ['three braces then a closing pair', '{{{}}', '{{ "{{" }}{{ "{" }}{{ "}}" }}'],
    ['already escaped text is escaped again (it is literal text too)', '{{ "{{" }}', '{{ "{{" }} "{{ "{{" }}" {{ "}}" }}'],
    ['the empty text', '', ''],
  ])('%s', (_name, input, expected) => {
    // WHEN / THEN
    expect(escapeTemplateText(input)).toBe(expected);
  });
});
