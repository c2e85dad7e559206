/**
 * The string formats the API server checks in custom resources (kube-openapi's format registry).
 * Formats not listed here are accepted as the API server accepts unknown formats.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#format
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// kube-openapi's IsDateTime: a date, "T" (either case), hh:mm:ss, fraction, zone; no space separator, no leap second
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*\.?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAC = /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Go's `time.ParseDuration` grammar. */
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;
/** The unit spellings of the OpenAPI `duration` format's fallback parser (go-openapi/kube-openapi strfmt). */
const DURATION_UNITS = new Set([
  'ns', 'nano', 'nanos', 'nanosecond', 'nanoseconds', 'us', 'µs', 'micro', 'micros', 'microsecond', 'microseconds',
  'ms', 'milli', 'millis', 'millisecond', 'milliseconds', 's', 'sec', 'secs', 'second', 'seconds',
  'm', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'wk', 'week', 'weeks',
]);

/**
 * The OpenAPI `duration` format as kube-openapi checks it: Go's `time.ParseDuration`, else any
 * `<integer><space?><unit>` with a known unit spelling found in the string ("5 min", "2 days", "1h 30m").
 */
function isDuration(value: string): boolean {
  if (GO_DURATION.test(value)) return true;
  for (const m of value.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)) {
    if (DURATION_UNITS.has(m[2].toLowerCase())) return true;
  }
  return false;
}

/**
 * The OpenAPI `uri` format as kube-openapi checks it: an absolute URI or absolute path
 * (`url.ParseRequestURI`), or a host name.
 */
function isUri(value: string): boolean {
  if (/\s/.test(value) || value === '') return false;
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || value.startsWith('/') || HOSTNAME.test(value);
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || !s.includes(':')) return false;
  const double = s.split('::');
  if (double.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  let all = [...groups(double[0]), ...(double.length === 2 ? groups(double[1]) : [])];
  let extra = 0;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    all = all.slice(0, -1);
    extra = 2;
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length + extra;
  return double.length === 2 ? count < 8 : count === 8;
}

/** Whether `value` is valid for `format`, or undefined when the format is not checked. */
export function checkFormat(format: string, value: string): boolean | undefined {
  switch (format) {
    case 'date': {
      const m = DATE.exec(value);
      return !!m && validDate(+m[1], +m[2], +m[3]);
    }
    case 'date-time':
    case 'datetime': {
      const m = DATE_TIME.exec(value);
      return !!m && validDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60;
    }
    case 'uuid': case 'uuid3': case 'uuid4': case 'uuid5':
      return UUID.test(value);
    case 'hostname':
      return HOSTNAME.test(value);
    case 'email':
      return EMAIL.test(value);
    case 'ipv4':
      return isIPv4(value);
    case 'ipv6':
      return isIPv6(value);
    case 'cidr': {
      const [ip, bits, ...rest] = value.split('/');
      if (rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
      return (isIPv4(ip) && +bits <= 32) || (isIPv6(ip) && +bits <= 128);
    }
    case 'mac':
      return MAC.test(value);
    case 'byte':
      return BASE64.test(value);
    case 'duration':
      return isDuration(value);
    case 'uri':
      return isUri(value);
    default:
      return undefined;
  }
}

/** What a format expects, for messages. */
export function describeFormat(format: string): string {
  const examples: { [f: string]: string } = {
    'date': 'a date like "2026-01-31"',
    'date-time': 'an RFC 3339 date-time like "2026-01-31T12:00:00Z"',
    'datetime': 'an RFC 3339 date-time like "2026-01-31T12:00:00Z"',
    'uuid': 'a UUID',
    'hostname': 'a DNS host name',
    'email': 'an e-mail address',
    'ipv4': 'an IPv4 address like "10.0.0.1"',
    'ipv6': 'an IPv6 address like "fd00::1"',
    'cidr': 'a CIDR like "10.0.0.0/8"',
    'mac': 'a MAC address',
    'byte': 'base64-encoded data',
    'duration': 'a duration like "1h30m"',
    'uri': 'an absolute URI, an absolute path or a host name',
  };
  return examples[format] ?? `format ${format}`;
}
