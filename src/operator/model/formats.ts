/**
 * The string formats the API server checks in custom resources (kube-openapi's format registry).
 * Formats not listed here are accepted as the API server accepts unknown formats.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#format
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*\.?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAC = /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DURATION = /^-?((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h|d|w))+$|^0$/;

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
      return !!m && validDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 61;
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
      return DURATION.test(value);
    case 'uri':
      return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
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
    'uri': 'a URI with a scheme',
  };
  return examples[format] ?? `format ${format}`;
}
