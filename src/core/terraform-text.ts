/**
 * Escaping of literal text embedded in Terraform JSON — the one escaping path (pure; `terraform-safe-text.ts`
 * applies it to every element of a stack).
 *
 * In Terraform's JSON syntax every string is a template: `${…}` interpolates and `%{…}` is a directive.
 * Rule files, Alertmanager templates (`{{ .CommonLabels }}` is harmless, but `${x}` in a description is not)
 * and Grafana JSON (`${datasource}`) must reach Terraform as literal text, so `${` becomes `$${` and `%{`
 * becomes `%%{`. cdktn does not do this for plain attribute strings (and its `Fn.*` functions escape only
 * `${`), so opskit escapes every literal text of a stack, in this one place.
 *
 * Unresolved cdktn tokens (`${TfToken[TOKEN.n]}`) are kept as they are, so references such as an SNS
 * topic's ARN still resolve to interpolations.
 *
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */

const TOKEN = /\$\{TfToken\[[A-Za-z0-9_.-]+\]\}/g;

/**
 * Escapes `${` → `$${` and `%{` → `%%{` so Terraform reads the text literally; cdktn tokens are kept.
 *
 * Already-escaped text is not special: `$${x}` (the literal text `$${x}`) becomes `$$${x}`, which Terraform
 * reads back as `$${x}`.
 */
export function escapeTerraformTemplate(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    out += escapePlain(text.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}

/**
 * What Terraform makes of a JSON-syntax string that holds no interpolation or directive: the inverse of
 * `escapeTerraformTemplate` for text without tokens (used by tests and by the checks that read emitted JSON).
 * Returns `undefined` when the text holds an unescaped `${` or `%{`, i.e. Terraform would evaluate something.
 */
export function unescapeTerraformTemplate(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i, i + 3);
    if (rest === '$${' || rest === '%%{') {
      out += rest.slice(1);
      i += 2;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '${' || two === '%{') return undefined;
    out += text[i];
  }
  return out;
}

function escapePlain(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * Escapes every string (object keys too) of an unresolved Terraform JSON fragment; cdktn token markers are
 * kept, and non-string values (numbers, booleans, resolvable objects) are returned unchanged.
 */
export function escapeTerraformStrings(value: unknown): unknown {
  if (typeof value === 'string') return escapeTerraformTemplate(value);
  if (Array.isArray(value)) return value.map(escapeTerraformStrings);
  if (value === null || typeof value !== 'object') return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value; // a token (IResolvable) or a class instance
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(value)) out[escapeTerraformTemplate(k)] = escapeTerraformStrings(v);
  return out;
}
