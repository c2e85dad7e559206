/**
 * The string formats the API server checks in custom resources, exactly as it checks them: kube-openapi's
 * `strfmt.Default` registry (v0.0.0-20260721132016-d427ff9ee9ad, with its quirks), limited to the formats
 * apiextensions-apiserver v0.37 keeps at its default compatibility version 1.36 (`supportedVersionedFormats`).
 *
 * - Format names are normalized by removing every `-` (`date-time` = `datetime` = `date--time`); the match is
 *   case-sensitive (`UUID` is not checked).
 * - Any other format is dropped before validation: the API server accepts every value for it.
 * - Only string values are checked, and only under `type: string` or no type (int-or-string).
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#format
 */
import { isGoEmail } from './go-mail';
import { isGoMAC, parseCIDRSloppy, parseIPSloppy, parseIPStrict } from './go-net';
import { isRequestURI } from './go-url';
import { isDns1123Label, isDns1123Subdomain } from '../../core/names';

/** Go's `\s` (ASCII only). */
const WS = '[\\t\\n\\f\\r ]';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const HOSTNAME = /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const CREDIT_CARD = /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35[0-9]{3})[0-9]{11})$/;
const ISBN10 = /^(?:[0-9]{9}X|[0-9]{10})$/;
const ISBN13 = /^(?:[0-9]{13})$/;
const HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_OCTET = '(0|[1-9][0-9]?|1[0-9][0-9]?|2[0-4][0-9]|25[0-5])';
const RGB_COLOR = new RegExp(`^rgb\\(${WS}*${RGB_OCTET}${WS}*,${WS}*${RGB_OCTET}${WS}*,${WS}*${RGB_OCTET}${WS}*\\)$`);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const SSN = /^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}$/;
const DATE_TIME_TAIL = /^([0-9]{2}):([0-9]{2}):([0-9]{2})([^\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/u;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Go's `time.Parse("2006-01-02", s)` succeeds. */
export function isGoDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const month = +m[2];
  const day = +m[3];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, +m[1]);
}

/**
 * kube-openapi's `IsDateTime`: lower-cased, split at every "t"; the first part is a date, the second matches
 * hh:mm:ss[<any char><digits>](z|±hh:mm) with hh <= 23, mm and ss <= 59. Further parts are ignored (quirk).
 */
export function isKubeDateTime(str: string): boolean {
  if (utf8Length(str) < 4) return false;
  const parts = str.toLowerCase().split('t');
  if (parts.length < 2 || !isGoDate(parts[0])) return false;
  const m = DATE_TIME_TAIL.exec(parts[1]);
  if (!m) return false;
  return m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

const GO_UNITS: { [u: string]: bigint } = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const MAX_DURATION = 2n ** 63n;

/** Go's `time.ParseDuration(s)` in nanoseconds, or undefined when it fails (overflow included). */
export function parseGoDuration(input: string): bigint | undefined {
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return undefined;
    const intPart = /^[0-9]*/.exec(s)![0];
    let v = 0n;
    for (const c of intPart) {
      if (v > (MAX_DURATION - 1n) / 10n) return undefined;
      v = v * 10n + BigInt(c.charCodeAt(0) - 48);
      if (v > MAX_DURATION) return undefined;
    }
    s = s.slice(intPart.length);
    const pre = intPart.length > 0;
    let post = false;
    let f = 0n;
    let scale = 1;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      const frac = /^[0-9]*/.exec(s)![0];
      let overflow = false;
      for (const c of frac) {
        if (overflow) continue;
        if (f > (MAX_DURATION - 1n) / 10n) { overflow = true; continue; }
        const y = f * 10n + BigInt(c.charCodeAt(0) - 48);
        if (y > MAX_DURATION) { overflow = true; continue; }
        f = y;
        scale *= 10;
      }
      s = s.slice(frac.length);
      post = frac.length > 0;
    }
    if (!pre && !post) return undefined;
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText === '') return undefined;
    s = s.slice(unitText.length);
    const unit = GO_UNITS[unitText];
    if (unit === undefined) return undefined;
    if (v > MAX_DURATION / unit) return undefined;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX_DURATION) return undefined;
    }
    d += v;
    if (d > MAX_DURATION) return undefined;
  }
  if (neg) return -d;
  if (d > MAX_DURATION - 1n) return undefined;
  return d;
}

const FALLBACK_UNITS = [['ns', 'nano'], ['us', '\u00b5s', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'], ['d', 'day'], ['w', 'wk', 'week']];
const MAX_INT64 = 2n ** 63n - 1n;

/**
 * kube-openapi's `ParseDuration`: Go's `time.ParseDuration`, else any `<digits><spaces?><letters>` found anywhere
 * whose unit is a known spelling (the last spelling of each unit also as a prefix: "hours", "minutes", "weeks").
 * A number that does not fit in an int64 makes the whole value invalid.
 */
export function isKubeDuration(s: string): boolean {
  if (parseGoDuration(s) !== undefined) return true;
  let ok = false;
  for (const m of s.matchAll(/([0-9]+)[\t\n\f\r ]*([A-Za-z\u00b5]+)/g)) {
    if (BigInt(m[1]) > MAX_INT64) return false;
    const unit = m[2].toLowerCase();
    for (const variants of FALLBACK_UNITS) {
      variants.forEach((v, i) => {
        if ((i === variants.length - 1 && unit.startsWith(v)) || v === unit) ok = true;
      });
    }
  }
  return ok;
}

function isCreditCard(str: string): boolean {
  const digits = str.replace(/[^0-9]+/g, '');
  if (!CREDIT_CARD.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      sum += n >= 10 ? (n % 10) + 1 : n;
    } else {
      sum += n;
    }
    double = !double;
  }
  return sum % 10 === 0;
}

function isISBN(str: string, version: 10 | 13): boolean {
  const s = str.replace(/[\t\n\f\r \-]+/g, '');
  if (version === 10) {
    if (!ISBN10.test(s)) return false;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (i + 1) * (s.charCodeAt(i) - 48);
    sum += s[9] === 'X' ? 100 : 10 * (s.charCodeAt(9) - 48);
    return sum % 11 === 0;
  }
  if (!ISBN13.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * (s.charCodeAt(i) - 48);
  return (s.charCodeAt(12) - 48) - ((10 - (sum % 10)) % 10) === 0;
}

function isHostname(str: string): boolean {
  if (!HOSTNAME.test(str)) return false;
  if (utf8Length(str) > 255) return false;
  return str.split('.').every((p) => utf8Length(p) <= 63);
}

/** The validators of kube-openapi's registry, by normalized name, that apiextensions-apiserver keeps at 1.36. */
const VALIDATORS: { [name: string]: (s: string) => boolean } = {
  bsonobjectid: (s) => /^[0-9a-fA-F]{24}$/.test(s),
  uri: isRequestURI,
  email: isGoEmail,
  hostname: isHostname,
  ipv4: (s) => parseIPSloppy(s) !== undefined && s.includes('.'),
  ipv6: (s) => parseIPStrict(s) !== undefined && s.includes(':'),
  cidr: (s) => parseCIDRSloppy(s) !== undefined,
  mac: isGoMAC,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID3.test(s),
  uuid4: (s) => UUID4.test(s),
  uuid5: (s) => UUID5.test(s),
  isbn: (s) => isISBN(s, 10) || isISBN(s, 13),
  isbn10: (s) => isISBN(s, 10),
  isbn13: (s) => isISBN(s, 13),
  creditcard: isCreditCard,
  ssn: (s) => utf8Length(s) === 11 && SSN.test(s),
  hexcolor: (s) => HEX_COLOR.test(s),
  rgbcolor: (s) => RGB_COLOR.test(s),
  byte: (s) => BASE64.test(s),
  password: () => true,
  date: isGoDate,
  duration: isKubeDuration,
  datetime: isKubeDateTime,
  // kube-openapi's k8s-short-name / k8s-long-name are apimachinery's IsDNS1123Label / IsDNS1123Subdomain
  k8sshortname: isDns1123Label,
  k8slongname: isDns1123Subdomain,
};

/** The registry name of a format (`date-time` → `datetime`), or undefined when the API server does not check it. */
export function checkedFormat(format: string): string | undefined {
  const name = format.replace(/-/g, '');
  return Object.prototype.hasOwnProperty.call(VALIDATORS, name) ? name : undefined;
}

/** Whether `value` is valid for `format`, or undefined when the API server does not check the format. */
export function checkFormat(format: string, value: string): boolean | undefined {
  const name = checkedFormat(format);
  return name === undefined ? undefined : VALIDATORS[name](value);
}

const DESCRIPTIONS: { [name: string]: string } = {
  bsonobjectid: 'a BSON object id (24 hex digits)',
  uri: 'an absolute URI or an absolute path (Go url.ParseRequestURI)',
  email: 'an e-mail address (Go mail.ParseAddress)',
  hostname: 'a DNS host name',
  ipv4: 'an IPv4 address like "10.0.0.1"',
  ipv6: 'an IPv6 address like "fd00::1"',
  cidr: 'a CIDR like "10.0.0.0/8"',
  mac: 'a MAC address like "00:1a:2b:3c:4d:5e"',
  uuid: 'a UUID',
  uuid3: 'a version 3 UUID',
  uuid4: 'a version 4 UUID',
  uuid5: 'a version 5 UUID',
  isbn: 'an ISBN-10 or ISBN-13',
  isbn10: 'an ISBN-10',
  isbn13: 'an ISBN-13',
  creditcard: 'a credit card number',
  ssn: 'a U.S. social security number like "123-45-6789"',
  hexcolor: 'a hex color like "#ff0000"',
  rgbcolor: 'an RGB color like "rgb(255,0,0)"',
  byte: 'base64-encoded data (standard alphabet, padded, not empty)',
  password: 'a password',
  date: 'a date like "2026-01-31"',
  duration: 'a duration like "1h30m" or "5 minutes"',
  datetime: 'an RFC 3339 date-time like "2026-01-31T12:00:00Z"',
  k8sshortname: 'a DNS-1123 label (lowercase alphanumerics and "-", at most 63 characters)',
  k8slongname: 'a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".", at most 253 characters)',
};

/** What a format expects, for messages. */
export function describeFormat(format: string): string {
  const name = checkedFormat(format);
  return name === undefined ? `format ${format}` : DESCRIPTIONS[name];
}
