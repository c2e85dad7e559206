/**
 * Go's `url.ParseRequestURI` (Go 1.26) as a yes/no check: what the API server's `uri` string format accepts.
 * Written from its behaviour: an absolute URI or an absolute path, no fragment splitting (a `#` stays in the
 * path, and in a host it is invalid), control characters rejected, `%` escapes checked.
 *
 * Pure: no I/O.
 */
import { parseNetipAddr } from './go-net';

type Mode = 'path' | 'host' | 'zone' | 'user';

const HEX = /^[0-9A-Fa-f]$/;

function isAlnum(c: string): boolean {
  return /^[A-Za-z0-9]$/.test(c);
}

/** Go's `shouldEscape` for the host and zone modes (the only ones whose unescaping rejects characters). */
function hostNeedsEscape(c: string): boolean {
  if (isAlnum(c)) return false;
  if ('!$&\'()*+,;=:[]<>"'.includes(c)) return false;
  if ('-_.~'.includes(c)) return false;
  return true;
}

function unescapeOk(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      if (i + 2 >= s.length || !HEX.test(s[i + 1]) || !HEX.test(s[i + 2])) return false;
      const hi = parseInt(s[i + 1], 16);
      if (mode === 'host' && hi < 8 && s.slice(i, i + 3) !== '%25') return false;
      if (mode === 'zone') {
        const v = String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
        if (s.slice(i, i + 3) !== '%25' && v !== ' ' && hostNeedsEscape(v)) return false;
      }
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && hostNeedsEscape(c)) return false;
      i++;
    }
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function parseHostOk(scheme: string, host: string): boolean {
  const open = host.lastIndexOf('[');
  if (open > 0) return false;
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) return false;
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort) || !unescapeOk(colonPort, 'host')) return false;
    const hostname = host.slice(1, close);
    const zoneIdx = hostname.indexOf('%25');
    let unescaped: string;
    if (zoneIdx >= 0) {
      if (!unescapeOk(hostname.slice(0, zoneIdx), 'host') || !unescapeOk(hostname.slice(zoneIdx), 'zone')) return false;
      unescaped = decodePercent(hostname);
    } else {
      if (!unescapeOk(hostname, 'host')) return false;
      unescaped = decodePercent(hostname);
    }
    const addr = parseNetipAddr(unescaped);
    return addr !== undefined && addr.bytes.length === 16;
  }
  let i = host.indexOf(':');
  if (i !== -1) {
    const last = host.lastIndexOf(':');
    // GODEBUG urlstrictcolons=1 (the Go 1.26 default): http and https keep the first colon
    if (last !== i && scheme !== 'http' && scheme !== 'https') i = last;
    if (!validOptionalPort(host.slice(i))) return false;
  }
  return unescapeOk(host, 'host');
}

function decodePercent(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseAuthorityOk(scheme: string, authority: string): boolean {
  const at = authority.lastIndexOf('@');
  if (!parseHostOk(scheme, at < 0 ? authority : authority.slice(at + 1))) return false;
  if (at < 0) return true;
  const userinfo = authority.slice(0, at);
  if (!USERINFO.test(userinfo)) return false;
  const colon = userinfo.indexOf(':');
  if (colon < 0) return unescapeOk(userinfo, 'user');
  return unescapeOk(userinfo.slice(0, colon), 'user') && unescapeOk(userinfo.slice(colon + 1), 'user');
}

/** Whether Go's `url.ParseRequestURI(s)` succeeds. */
export function isRequestURI(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const b = raw.charCodeAt(i);
    if (b < 0x20 || b === 0x7f) return false;
  }
  if (raw === '') return false;
  if (raw === '*') return true;
  let scheme = '';
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return false;
      scheme = raw.slice(0, i).toLowerCase();
      rest = raw.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    return scheme !== '';
  }
  if (scheme !== '' && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    if (!parseAuthorityOk(scheme, authority)) return false;
  }
  return unescapeOk(rest, 'path');
}
