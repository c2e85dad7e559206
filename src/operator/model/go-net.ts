/**
 * IP, CIDR and MAC parsing as Go's standard library and `k8s.io/utils/net` do it, for the string formats the
 * API server checks (`ipv4`, `ipv6`, `cidr`, `mac`) and the CEL `ip`/`cidr` libraries. Written from the behaviour of
 * Go 1.26's `net/netip`, `net.ParseMAC` and the "sloppy" parsers of `k8s.io/utils/net`, which accept IPv4 octets
 * with leading zeros.
 *
 * Pure: no I/O. Addresses are returned as byte arrays (4 bytes for IPv4, 16 for IPv6), or undefined.
 */

const BIG = 0xffffff;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
  if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 55;
  return -1;
}

/** Go's `dtoi`: a decimal prefix, its length, and whether it is valid (at least one digit, below 2^24). */
function dtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length && isDigit(s[i]); i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= BIG) return [BIG, i, false];
  }
  return i === 0 ? [0, 0, false] : [n, i, true];
}

/** Go's `xtoi`: a hexadecimal prefix, its length, and whether it is valid. */
function xtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length && hexValue(s[i]) >= 0; i++) {
    n = n * 16 + hexValue(s[i]);
    if (n >= BIG) return [0, i, false];
  }
  return i === 0 ? [0, i, false] : [n, i, true];
}

/** IPv4 as `k8s.io/utils/net` parses it: four decimal octets, leading zeros allowed (read as decimal). */
function sloppyV4(input: string): number[] | undefined {
  let s = input;
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    if (s.length === 0) return undefined;
    if (i > 0) {
      if (s[0] !== '.') return undefined;
      s = s.slice(1);
    }
    const [n, c, ok] = dtoi(s);
    if (!ok || n > 0xff) return undefined;
    s = s.slice(c);
    out.push(n);
  }
  return s.length === 0 ? out : undefined;
}

/** One hexadecimal group of an IPv6 address: its value and the characters it took, or undefined. */
type HexGroup = (s: string) => [number, number] | undefined;

/**
 * The IPv6 group loop both of Go's parsers share (`net.parseIPv6` and `netip.parseIPv6`); they differ only in how a
 * group and an embedded IPv4 address are read.
 */
function parseV6(input: string, group: HexGroup, v4: (s: string) => number[] | undefined): number[] | undefined {
  let s = input;
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const g = group(s);
    if (!g) return undefined;
    const [n, c] = g;
    if (c < s.length && s[c] === '.') {
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const embedded = v4(s);
      if (!embedded) return undefined;
      ip.splice(i, 4, ...embedded);
      s = '';
      i += 4;
      break;
    }
    ip[i] = Math.floor(n / 256);
    ip[i + 1] = n % 256;
    i += 2;
    s = s.slice(c);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return undefined;
  return expandEllipsis(ip, i, ellipsis);
}

/** `net`'s group: any number of hex digits up to 0xffff. */
const sloppyGroup: HexGroup = (s) => {
  const [n, c, ok] = xtoi(s);
  return ok && n <= 0xffff ? [n, c] : undefined;
};

/** `netip`'s group: one to four hex digits. */
const strictGroup: HexGroup = (s) => {
  let off = 0;
  let acc = 0;
  for (; off < s.length; off++) {
    const h = hexValue(s[off]);
    if (h < 0) break;
    acc = acc * 16 + h;
    if (off > 3) return undefined;
    if (acc > 0xffff) return undefined;
  }
  return off === 0 ? undefined : [acc, off];
};

function sloppyV6(input: string): number[] | undefined {
  return parseV6(input, sloppyGroup, sloppyV4);
}

function expandEllipsis(ip: number[], i: number, ellipsis: number): number[] | undefined {
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
    return ip;
  }
  return ellipsis >= 0 ? undefined : ip;
}

/** `k8s.io/utils/net.ParseIPSloppy`: the first '.' or ':' decides the family. */
export function parseIPSloppy(s: string): number[] | undefined {
  for (const c of s) {
    if (c === '.') return sloppyV4(s);
    if (c === ':') return sloppyV6(s);
  }
  return undefined;
}

/** `k8s.io/utils/net.ParseCIDRSloppy`: address and prefix length, or undefined. */
export function parseCIDRSloppy(s: string): { ip: number[]; bits: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  let ip = sloppyV4(addr);
  let len = 4;
  if (!ip) {
    len = 16;
    ip = sloppyV6(addr);
  }
  const [n, i, ok] = dtoi(mask);
  if (!ip || !ok || i !== mask.length || n < 0 || n > 8 * len) return undefined;
  return { ip, bits: n };
}

/** IPv4 as `net/netip` parses it: four decimal octets of 1–3 digits, no leading zero, each at most 255. */
function strictV4(s: string): number[] | undefined {
  const out: number[] = [];
  let val = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (isDigit(c)) {
      if (digits === 1 && val === 0) return undefined;
      val = val * 10 + (c.charCodeAt(0) - 48);
      digits++;
      if (val > 255) return undefined;
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') return undefined;
      if (out.length === 3) return undefined;
      out.push(val);
      val = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  if (out.length < 3 || digits === 0) return undefined;
  out.push(val);
  return out;
}

/** IPv6 as `net/netip` parses it, zone included (returned apart). */
function strictV6(input: string): { ip: number[]; zone: string } | undefined {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct !== -1) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return undefined;
  }
  const ip = parseV6(s, strictGroup, strictV4);
  return ip ? { ip, zone } : undefined;
}

/** A parsed `net/netip` address. */
export interface NetipAddr {
  /** 4 bytes for IPv4, 16 for IPv6. */
  readonly bytes: number[];
  /** The IPv6 zone (`fe80::1%eth0`), or empty. */
  readonly zone: string;
}

/** `netip.ParseAddr`: the first '.', ':' or '%' decides the family. */
export function parseNetipAddr(s: string): NetipAddr | undefined {
  for (const c of s) {
    if (c === '.') {
      const v4 = strictV4(s);
      return v4 ? { bytes: v4, zone: '' } : undefined;
    }
    if (c === ':') {
      const v6 = strictV6(s);
      return v6 ? { bytes: v6.ip, zone: v6.zone } : undefined;
    }
    if (c === '%') return undefined;
  }
  return undefined;
}

/** Go's `net.ParseIP` (netip without zones). */
export function parseIPStrict(s: string): number[] | undefined {
  const a = parseNetipAddr(s);
  return a && a.zone === '' ? a.bytes : undefined;
}

/** Go's `net.ParseMAC`: 6, 8 or 20 octets as `xx:xx:…`, `xx-xx-…`, `xxxx.xxxx.…` or bare hex digits (Go 1.26). */
export function isGoMAC(s: string): boolean {
  if (s.length < 12) return false;
  const pair = (t: string, sep: string | undefined): boolean => {
    if (t.length > 2 && t[2] !== sep) return false;
    const [, ei, ok] = xtoi(t.slice(0, 2));
    return ok && ei === 2;
  };
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0) return false;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let x = 0, i = 0; i < n; i++, x += 3) if (!pair(s.slice(x), s[2])) return false;
    return true;
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0) return false;
    const n = (2 * (s.length + 1)) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let x = 0, i = 0; i < n; i += 2, x += 5) {
      if (!pair(s.slice(x, x + 2), undefined) || !pair(s.slice(x + 2), s[4])) return false;
    }
    return true;
  }
  if (s.length % 2 !== 0) return false;
  const n = s.length / 2;
  if (n !== 6 && n !== 8 && n !== 20) return false;
  for (let x = 0; x < s.length; x += 2) if (!pair(s.slice(x, x + 2), undefined)) return false;
  return true;
}
