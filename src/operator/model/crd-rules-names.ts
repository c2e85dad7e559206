/**
 * Names and spec (R1–R8), versions (R9–R13) and conversion (R14–R16) rules of the API server.
 *
 * @see https://github.com/kubernetes/apiextensions-apiserver/blob/master/pkg/apis/apiextensions/validation/validation.go
 */
import { isPlainObject } from './json-schema';
import { isDns1035Label, isDns1123Subdomain } from '../../core/names';
import { portNumberProblems } from '../../core/ports';
import { Problem, problem } from '../../core/problem';

const APPROVAL = 'api-approved.kubernetes.io';

/** R1–R8. */
export function checkNames(crd: any): Problem[] {
  const out: Problem[] = [];
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const group = spec.group;
  const expectedName = `${names.plural}.${group}`;
  if (crd.metadata?.name !== expectedName) {
    out.push(problem('metadata.name', `must be spec.names.plural + "." + spec.group ("${expectedName}")`, crd.metadata?.name, `name the CRD "${expectedName}"`, 'R1'));
  }
  if (!isDns1123Subdomain(group) || !String(group).includes('.')) {
    out.push(problem('spec.group', 'must be a lowercase DNS subdomain with at least one dot', group, 'use a domain you own, e.g. "backup.example.com"', 'R2'));
  }
  const scope = spec.scope;
  if (scope !== 'Cluster' && scope !== 'Namespaced') {
    out.push(problem('spec.scope', 'must be "Cluster" or "Namespaced"', scope, 'use ResourceScope.NAMESPACED or ResourceScope.CLUSTER', 'R3'));
  }
  for (const key of ['plural', 'kind']) {
    if (typeof names[key] !== 'string' || names[key] === '') {
      out.push(problem(`spec.names.${key}`, 'is required', names[key], key === 'kind' ? 'give the kind in CamelCase, e.g. BackupPlan' : 'give the lowercase plural, e.g. backupplans', 'R4'));
    }
  }
  for (const key of ['singular', 'listKind']) {
    // v1 defaulting fills an empty or absent singular (lowercase kind) and listKind (kind + "List")
    if (names[key] !== undefined && names[key] !== null && typeof names[key] !== 'string') {
      out.push(problem(`spec.names.${key}`, 'must be a string when set', names[key], `remove ${key} to get the default`, 'R4'));
    }
  }
  for (const key of ['plural', 'singular']) {
    const v = names[key];
    if (typeof v === 'string' && v !== '' && !isDns1035Label(v)) {
      out.push(problem(`spec.names.${key}`, 'must be a lowercase DNS-1035 label (a-z, 0-9, "-", starting with a letter)', v, `use "${v.toLowerCase().replace(/[^a-z0-9-]/g, '')}"`, 'R5'));
    }
  }
  for (const key of ['shortNames', 'categories']) {
    const list = names[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.push(problem(`spec.names.${key}`, 'must be a list', list, 'give a list of lowercase names', 'R5'));
      continue;
    }
    list.forEach((v: unknown, i: number) => {
      if (!isDns1035Label(v)) out.push(problem(`spec.names.${key}[${i}]`, 'must be a lowercase DNS-1035 label', v, 'use lowercase letters, digits and "-"', 'R5'));
    });
  }
  for (const key of ['kind', 'listKind']) {
    const v = names[key];
    if (typeof v === 'string' && v !== '' && !isDns1035Label(v.toLowerCase())) {
      out.push(problem(`spec.names.${key}`, 'must be a DNS-1035 label once lowercased (letters and digits, starting with a letter)', v, 'use a CamelCase name like BackupPlan', 'R5'));
    }
  }
  const listKind = names.listKind || (typeof names.kind === 'string' ? `${names.kind}List` : undefined);
  if (typeof names.kind === 'string' && names.kind !== '' && listKind === names.kind) {
    out.push(problem('spec.names.listKind', 'must differ from kind', listKind, `use "${names.kind}List"`, 'R6'));
  }
  if (typeof group === 'string' && /(^|\.)(k8s\.io|kubernetes\.io)$/.test(group)) {
    const annotation = crd.metadata?.annotations?.[APPROVAL];
    if (typeof annotation !== 'string' || annotation === '') {
      out.push(problem(`metadata.annotations["${APPROVAL}"]`, `is required for groups under k8s.io or kubernetes.io (${group})`, annotation, 'use your own domain, or set the annotation to the URL of the approved Kubernetes API review ("unapproved, ..." to opt out)', 'R7'));
    }
  }
  if (spec.preserveUnknownFields === true) {
    out.push(problem('spec.preserveUnknownFields', 'must not be true in apiextensions.k8s.io/v1', true, 'remove it and use x-kubernetes-preserve-unknown-fields on the fields that need it', 'R8'));
  }
  return out;
}

/** R9–R13. */
export function checkVersions(crd: any): Problem[] {
  const out: Problem[] = [];
  const versions: any[] = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  if (versions.length === 0) {
    out.push(problem('spec.versions', 'must list at least one version', crd.spec?.versions, 'add a version such as v1alpha1', 'R9'));
    return out;
  }
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    const p = `spec.versions[${i}]`;
    if (!isDns1035Label(v?.name)) {
      out.push(problem(`${p}.name`, 'must be a DNS-1035 label (e.g. v1, v1beta1)', v?.name, 'use a lowercase version name such as v1alpha1', 'R9'));
    } else if (seen.has(v.name)) {
      out.push(problem(`${p}.name`, 'must be unique among the versions', v.name, 'remove or rename the duplicate version', 'R9'));
    }
    seen.add(v?.name);
    if (!isPlainObject(v?.schema) || !isPlainObject(v.schema.openAPIV3Schema)) {
      out.push(problem(`${p}.schema.openAPIV3Schema`, 'is required', undefined, 'give the version a schema (Schema.object(...))', 'R11'));
    }
    if (v?.deprecationWarning !== undefined) {
      const w = v.deprecationWarning;
      if (v.deprecated !== true) {
        out.push(problem(`${p}.deprecationWarning`, 'may only be set when deprecated is true', w, 'set deprecated: true or remove the warning', 'R12'));
      }
      // at most 256 bytes of UTF-8, printable as Go's unicode.IsPrint (letters, marks, numbers, punctuation,
      // symbols and the ASCII space: no control or format characters, no other spaces)
      if (typeof w !== 'string' || w.length === 0 || new TextEncoder().encode(w).length > 256 || !/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u.test(w)) {
        out.push(problem(`${p}.deprecationWarning`, 'must be 1-256 bytes of printable UTF-8 (letters, digits, punctuation, symbols and plain spaces)', w, 'shorten the warning and put it on one line', 'R12'));
      }
    }
  });
  const storage = versions.filter((v) => v?.storage === true);
  if (storage.length !== 1) {
    out.push(problem('spec.versions', `must have exactly one storage version, has ${storage.length}`, storage.map((v) => v.name), storage.length === 0 ? 'set storage: true on the version objects are stored as' : 'keep storage: true on one version only', 'R10'));
  }
  return out;
}

/**
 * Why a webhook URL is refused, as the API server reads it with Go's url.Parse (the fragment after the first "#",
 * the query after the first "?", the authority after "//"): scheme https, a host, no user info, no query and no
 * fragment (an empty "?" or "#" is fine). Undefined when it is accepted.
 */
export function webhookUrlProblem(url: string): string | undefined {
  const hash = url.indexOf('#');
  if (hash >= 0 && hash < url.length - 1) return 'it has a fragment';
  const rest = hash >= 0 ? url.slice(0, hash) : url;
  const q = rest.indexOf('?');
  if (q >= 0 && q < rest.length - 1) return 'it has a query';
  const beforeQuery = q >= 0 ? rest.slice(0, q) : rest;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(beforeQuery);
  if (!m || m[1].toLowerCase() !== 'https') return 'the scheme is not https';
  if (!m[2].startsWith('//')) return 'it has no host';
  const authority = m[2].slice(2).split('/')[0];
  if (authority.includes('@')) return 'it has user info';
  if (authority === '') return 'it has no host';
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(authority)) return 'the host is not valid';
  const port = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority);
  if (port?.[2] !== undefined && !/^\d*$/.test(port[2])) return 'the port is not a number';
  return undefined;
}

/**
 * Why a webhook service path is refused (ValidateWebhookService): "" and "/" are fine; otherwise it starts with
 * "/", and after dropping one trailing "/", every segment is a non-empty DNS-1123 subdomain.
 */
export function webhookPathProblem(path: string): string | undefined {
  if (path === '' || path === '/') return undefined;
  if (path === '//') return 'segment 0 is empty';
  if (!path.startsWith('/')) return 'it does not start with "/"';
  const rest = path.slice(1).replace(/\/$/, '');
  const bad = rest.split('/').findIndex((seg) => !isDns1123Subdomain(seg));
  return bad < 0 ? undefined : `segment ${bad} ${rest.split('/')[bad] === '' ? 'is empty' : 'is not a DNS-1123 subdomain'}`;
}

/** R14–R16. */
export function checkConversion(crd: any): Problem[] {
  const out: Problem[] = [];
  const c = crd.spec?.conversion;
  if (c === undefined) return out;
  const strategy = c?.strategy ?? 'None';
  if (strategy !== 'None' && strategy !== 'Webhook') {
    out.push(problem('spec.conversion.strategy', 'must be "None" or "Webhook"', strategy, 'use CustomResourceConversion.none() or .webhook(...)', 'R14'));
    return out;
  }
  const webhook = c.webhook;
  if (strategy === 'None') {
    if (webhook?.clientConfig !== undefined && webhook?.clientConfig !== null) {
      out.push(problem('spec.conversion.webhook.clientConfig', 'must not be set when strategy is None', webhook.clientConfig, 'remove the webhook or set strategy: Webhook', 'R16'));
    }
    if (Array.isArray(webhook?.conversionReviewVersions) && webhook.conversionReviewVersions.length > 0) {
      out.push(problem('spec.conversion.webhook.conversionReviewVersions', 'must not be set when strategy is None', webhook.conversionReviewVersions, 'remove them or set strategy: Webhook', 'R16'));
    }
    for (const key of ['webhookClientConfig', 'conversionReviewVersions']) {
      if (c[key] !== undefined) out.push(problem(`spec.conversion.${key}`, 'must not be set when strategy is None', c[key], `remove ${key}`, 'R16'));
    }
    return out;
  }
  const cc = webhook?.clientConfig;
  if (!isPlainObject(cc)) {
    out.push(problem('spec.conversion.webhook.clientConfig', 'is required when strategy is Webhook', cc, 'give the conversion webhook service (or url)', 'R15'));
  } else {
    const hasUrl = cc.url !== undefined;
    const hasService = cc.service !== undefined;
    if (hasUrl === hasService) {
      out.push(problem('spec.conversion.webhook.clientConfig', 'must set exactly one of url or service', Object.keys(cc), 'keep either service or url', 'R15'));
    }
    if (hasUrl) {
      const why = webhookUrlProblem(String(cc.url));
      if (why) {
        out.push(problem('spec.conversion.webhook.clientConfig.url', `must be an https URL with a host and without user info, query or fragment (${why})`, cc.url, 'use e.g. "https://convert.example.com/convert"', 'R15'));
      }
    }
    if (hasService) {
      const s = cc.service ?? {};
      if (typeof s.name !== 'string' || s.name === '') out.push(problem('spec.conversion.webhook.clientConfig.service.name', 'is required', s.name, 'name the webhook Service', 'R15'));
      if (typeof s.namespace !== 'string' || s.namespace === '') out.push(problem('spec.conversion.webhook.clientConfig.service.namespace', 'is required', s.namespace, 'give the Service namespace', 'R15'));
      out.push(...portNumberProblems('spec.conversion.webhook.clientConfig.service.port', s.port, 'use 443 (the default) or the Service port', 'R15'));
      const why = s.path === undefined || s.path === null ? undefined : webhookPathProblem(String(s.path));
      if (why) {
        out.push(problem('spec.conversion.webhook.clientConfig.service.path', `must be "/" followed by "/"-separated DNS-1123 subdomains (${why})`, s.path, 'use e.g. "/convert"', 'R15'));
      }
    }
  }
  const crv = webhook?.conversionReviewVersions;
  if (!Array.isArray(crv) || crv.length === 0) {
    out.push(problem('spec.conversion.webhook.conversionReviewVersions', 'must list at least one version', crv, 'use ["v1"]', 'R15'));
  } else {
    const uniq = new Set(crv);
    if (uniq.size !== crv.length) out.push(problem('spec.conversion.webhook.conversionReviewVersions', 'must not repeat a version', crv, 'remove duplicates', 'R15'));
    crv.forEach((v: unknown, i: number) => {
      if (!isDns1035Label(v)) out.push(problem(`spec.conversion.webhook.conversionReviewVersions[${i}]`, 'must be a DNS-1035 label', v, 'use "v1"', 'R15'));
    });
    if (!crv.includes('v1') && !crv.includes('v1beta1')) {
      out.push(problem('spec.conversion.webhook.conversionReviewVersions', 'must include "v1" or "v1beta1"', crv, 'add "v1"', 'R15'));
    }
  }
  return out;
}
