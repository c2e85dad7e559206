import { Problem, problem } from './problem';
import { childField } from './schema/object-path';

/*
 * Kubernetes names and labels, exactly as the API server checks them
 * (`k8s.io/apimachinery/pkg/util/validation` and `pkg/api/validate/content`, v0.37.2). The one implementation:
 * domains never write their own pattern for a name, a label or a qualified name. Lengths count bytes, as Go's
 * `len` does; any non-ASCII character fails the patterns anyway.
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*$`);
const DNS1035_LABEL_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** The DNS-1123 subdomain pattern, for the JSON Schemas opskit writes (Helm's `values.schema.json`). */
export const DNS1123_SUBDOMAIN_PATTERN = DNS1123_SUBDOMAIN_RE.source;
/** The label value pattern, for the JSON Schemas opskit writes. */
export const LABEL_VALUE_PATTERN = LABEL_VALUE.source;

/** Maximum length of a DNS-1123 or DNS-1035 label. */
export const DNS_LABEL_MAX_LENGTH = 63;
/** Maximum length of a DNS-1123 subdomain. */
export const DNS_SUBDOMAIN_MAX_LENGTH = 253;
/** Maximum length of a label value and of the name part of a qualified name. */
export const LABEL_VALUE_MAX_LENGTH = 63;

/** Whether a text is at most `max` bytes in UTF-8 (the limits of the API server count bytes). */
function fitsBytes(value: string, max: number): boolean {
  // a UTF-16 code unit is at most 3 bytes of UTF-8, and at least 1: only lengths in between need counting
  if (value.length * 3 <= max) return true;
  return value.length <= max && Buffer.byteLength(value, 'utf8') <= max;
}

/** `IsDNS1123Label`: at most 63 lowercase alphanumerics or `-`, starting and ending alphanumeric. */
export function isDns1123Label(value: unknown): boolean {
  return typeof value === 'string' && fitsBytes(value, DNS_LABEL_MAX_LENGTH) && DNS1123_LABEL_RE.test(value);
}

/** `IsDNS1123Subdomain`: DNS-1123 labels joined by `.`, at most 253 characters (labels are not limited to 63). */
export function isDns1123Subdomain(value: unknown): boolean {
  return typeof value === 'string' && fitsBytes(value, DNS_SUBDOMAIN_MAX_LENGTH) && DNS1123_SUBDOMAIN_RE.test(value);
}

/** `IsDNS1035Label`: a DNS-1123 label that starts with a letter. */
export function isDns1035Label(value: unknown): boolean {
  return typeof value === 'string' && fitsBytes(value, DNS_LABEL_MAX_LENGTH) && DNS1035_LABEL_RE.test(value);
}

/**
 * `IsQualifiedName` / `IsLabelKey`: an optional DNS-1123 subdomain prefix and `/`, then a name of at most 63
 * alphanumerics, `-`, `_` or `.`, starting and ending alphanumeric (label keys, annotation keys, resource names).
 */
export function isQualifiedName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const slash = value.indexOf('/');
  if (slash >= 0 && (value.indexOf('/', slash + 1) >= 0 || !isDns1123Subdomain(value.slice(0, slash)))) return false;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  return fitsBytes(name, LABEL_VALUE_MAX_LENGTH) && LABEL_KEY_NAME.test(name);
}

/** `IsLabelValue`: empty, or at most 63 alphanumerics, `-`, `_` or `.`, starting and ending alphanumeric. */
export function isLabelValue(value: unknown): boolean {
  return typeof value === 'string' && fitsBytes(value, LABEL_VALUE_MAX_LENGTH) && LABEL_VALUE.test(value);
}

/** The kinds of Kubernetes name opskit checks. */
export enum NameFormat {
  /** A DNS-1123 label: namespaces, Services, container names. */
  DNS1123_LABEL = 'DNS-1123 label',
  /** A DNS-1123 subdomain: most object names, API groups. */
  DNS1123_SUBDOMAIN = 'DNS-1123 subdomain',
  /** A DNS-1035 label: CRD plural and singular names, API versions. */
  DNS1035_LABEL = 'DNS-1035 label',
}

const FORMAT_TEXT: Record<NameFormat, { test: (v: unknown) => boolean; expected: string; example: string }> = {
  [NameFormat.DNS1123_LABEL]: {
    test: isDns1123Label,
    expected: 'must be a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)',
    example: 'my-name',
  },
  [NameFormat.DNS1123_SUBDOMAIN]: {
    test: isDns1123Subdomain,
    expected: 'must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit, at most 253 characters)',
    example: 'my-name',
  },
  [NameFormat.DNS1035_LABEL]: {
    test: isDns1035Label,
    expected: 'must be a DNS-1035 label (at most 63 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit)',
    example: 'my-name',
  },
};

/**
 * The problem of a name in a format, or none. `what` names the thing in the message's fix (`"a namespace such as
 * "monitoring""`); `undefined` values are not checked (optional props).
 */
export function nameProblems(field: string, value: unknown, format: NameFormat, fix?: string, rule?: string): Problem[] {
  if (value === undefined) return [];
  const f = FORMAT_TEXT[format];
  return f.test(value) ? [] : [problem(field, f.expected, value, fix ?? `use a lowercase name such as "${f.example}"`, rule)];
}

/** The problem of a namespace name (a DNS-1123 label), or none; `undefined` is not checked. */
export function namespaceProblems(field: string, value: unknown, rule?: string): Problem[] {
  if (value === undefined) return [];
  return isDns1123Label(value) ? [] : [problem(field, 'must be a namespace name (a DNS-1123 label: at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)',
    value, 'use a lowercase namespace such as "monitoring"', rule)];
}

/** Problems of a label or annotation key (a qualified name). */
export function qualifiedNameProblems(field: string, key: unknown): Problem[] {
  return isQualifiedName(key) ? [] : [problem(field, 'must be a qualified name (optional DNS subdomain prefix and "/", then at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric)', key, 'rename the key, e.g. "app.kubernetes.io/name"')];
}

/** Problems of a label value. */
export function labelValueProblems(field: string, value: unknown): Problem[] {
  return isLabelValue(value) ? [] : [problem(field, 'must be a label value (at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric, or empty)', value, 'shorten the value or replace the invalid characters')];
}

/**
 * Problems of a label map (keys qualified names, values label values); non-objects are not checked. `into`: a list
 * to add them to (returned), where a caller gathers the problems of many checks.
 */
export function labelProblems(field: string, labels: unknown, into: Problem[] = []): Problem[] {
  if (!labels || typeof labels !== 'object') return into;
  // keys and reads, not Object.entries (a pair per label), and the field named only for a problem: a synth checks
  // every label of every object
  for (const key of Object.keys(labels)) {
    const value = (labels as Record<string, unknown>)[key];
    if (isQualifiedName(key) && (typeof value !== 'string' || isLabelValue(value))) continue;
    const f = childField(field, key);
    into.push(...qualifiedNameProblems(f, key));
    if (typeof value === 'string') into.push(...labelValueProblems(f, value));
  }
  return into;
}
