/**
 * Finds credentials embedded in a URL, so that opskit never writes them into a plain file (an Alertmanager
 * config, Terraform JSON). Pure.
 */

/** Query parameter names that carry credentials (`?token=`, `?api_key=`, `?sig=`, …). */
const SECRET_PARAM = /^(.*[_-])?(token|key|secret|password|passwd|signature|sig|auth|apikey|access_token|code)$/i;

/** Path shapes of well-known services whose URL itself is the credential. */
const SECRET_PATHS: ReadonlyArray<{ host: RegExp; path: RegExp; what: string }> = [
  { host: /(^|\.)pagerduty\.com$/i, path: /\/integration\/[^/]+/i, what: 'a PagerDuty integration key' },
  { host: /^hooks\.slack\.com$/i, path: /^\/services\/.+/i, what: 'a Slack webhook secret' },
  { host: /(^|\.)office\.com$|(^|\.)webhook\.office\.com$/i, path: /\/webhookb2\/.+/i, what: 'a Teams webhook secret' },
];

/** What credential a URL carries (a short description that does not reveal it), or `undefined`. */
export function urlCredentials(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username !== '' || parsed.password !== '') return 'user info';
  const param = [...parsed.searchParams.keys()].find((k) => SECRET_PARAM.test(k));
  if (param !== undefined) return `a "${param}=" query parameter`;
  const known = SECRET_PATHS.find((s) => s.host.test(parsed.hostname) && s.path.test(parsed.pathname));
  return known?.what;
}
