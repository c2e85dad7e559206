/**
 * Escaping of literal text for Helm's template engine (Go `text/template` with the default `{{` `}}` delimiters).
 *
 * Every `{{` and `}}` of the text becomes an action that prints that pair as a quoted string constant
 * (`{{ "{{" }}`, `{{ "}}" }}`), so that Helm renders the escaped text back to the original byte for byte. One pass
 * left to right over the text: the replacements themselves contain `{{` and `}}`, so escaping one pair and then the
 * other would escape the first replacement again. A single `{` right before a `}}` is escaped too (`{{ "{" }}`):
 * left as it is, it would stand before the replacement's own `{{` and Go's lexer would read `{{{` as the start of
 * an action followed by `{` (a `{` before `{{` cannot happen: the leftmost pair is the one replaced). Nothing else
 * in Go templates is special outside an action (a `{{-` trim marker or a `{{/*` comment starts with `{{`).
 *
 * This is the one escaping function of the Helm chart writer: templates apply it to the whole YAML text of each
 * object (keys, values, block scalars alike) before opskit inserts its own actions.
 */
export function escapeTemplateText(text: string): string {
  return text.replace(/\{\{|\}\}|\{(?=\}\})/g, (found) => `{{ "${found}" }}`);
}
