/**
 * IP address and CIDR helpers for the DNS model (pure, no I/O).
 *
 * Strict parsing: IPv4 in dotted-quad form without leading zeros, IPv6 in RFC 4291 text form
 * (with `::` compression and an optional trailing dotted quad); zone ids (`%eth0`) are rejected.
 */
import { isPortNumber } from '../../core/ports';

/** An IP family. */
export type IpFamily = 4 | 6;

/** A parsed IP address. */
export interface ParsedIp {
  readonly family: IpFamily;
  /** 4 or 16 bytes, network order. */
  readonly bytes: number[];
}

/** A parsed CIDR block. */
export interface ParsedCidr {
  readonly ip: ParsedIp;
  readonly prefix: number;
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6(text: string): number[] | undefined {
  if (text.length === 0 || text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  let v4: number[] | undefined;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    v4 = parseIpv4(last);
    if (!v4) return undefined;
    if (tail.length > 0) tail.pop(); else head.pop();
  }
  const groups = [...head, ...tail];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
  }
  const wanted = v4 ? 6 : 8;
  if (halves.length === 1 && groups.length !== wanted) return undefined;
  if (halves.length === 2 && groups.length > wanted - 1) return undefined;
  const fill = wanted - groups.length;
  const words = [...head.map((g) => parseInt(g, 16)), ...new Array(halves.length === 2 ? fill : 0).fill(0), ...tail.map((g) => parseInt(g, 16))];
  const bytes: number[] = [];
  for (const w of words) bytes.push(Math.floor(w / 256), w % 256);
  if (v4) bytes.push(...v4);
  return bytes.length === 16 ? bytes : undefined;
}

/** Parses an IPv4 or IPv6 address; `undefined` when it is not one. */
export function parseIp(text: string): ParsedIp | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes(':')) {
    const bytes = parseIpv6(text);
    return bytes ? { family: 6, bytes } : undefined;
  }
  const bytes = parseIpv4(text);
  return bytes ? { family: 4, bytes } : undefined;
}

/** Parses `ip/prefix`; `undefined` when invalid. */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > ip.bytes.length * 8) return undefined;
  return { ip, prefix };
}

/** Whether an address lies inside a CIDR block of the same family. */
export function cidrContains(cidr: ParsedCidr, ip: ParsedIp): boolean {
  if (cidr.ip.family !== ip.family) return false;
  let bits = cidr.prefix;
  for (let i = 0; i < ip.bytes.length && bits > 0; i++) {
    const take = Math.min(8, bits);
    const unit = 2 ** (8 - take); // compare the top `take` bits of the byte
    if (Math.floor(cidr.ip.bytes[i] / unit) !== Math.floor(ip.bytes[i] / unit)) return false;
    bits -= take;
  }
  return true;
}

/** Whether two addresses are the same address (`fd00::10` equals `fd00:0::10`). */
export function sameIp(a: ParsedIp, b: ParsedIp): boolean {
  return a.family === b.family && a.bytes.every((x, i) => x === b.bytes[i]);
}

/** Whether a string is an IP address equal to another string's address. */
export function ipEquals(a: string, b: string): boolean {
  const pa = parseIp(a);
  const pb = parseIp(b);
  return !!pa && !!pb && sameIp(pa, pb);
}

/** Whether an address is a loopback address (127.0.0.0/8, ::1). */
export function isLoopback(ip: ParsedIp): boolean {
  if (ip.family === 4) return ip.bytes[0] === 127;
  return ip.bytes.slice(0, 15).every((b) => b === 0) && ip.bytes[15] === 1;
}

/** Whether an address is the unspecified address (0.0.0.0, ::). */
export function isUnspecified(ip: ParsedIp): boolean {
  return ip.bytes.every((b) => b === 0);
}

/** The ranges the NodeLocal DNSCache docs recommend for the local IP: 169.254.0.0/16 and fd00::/8. */
export const RECOMMENDED_LOCAL_RANGES: readonly string[] = ['169.254.0.0/16', 'fd00::/8'];

/** Whether an address is inside the recommended local ranges. */
export function isRecommendedLocalIp(ip: ParsedIp): boolean {
  return RECOMMENDED_LOCAL_RANGES.some((r) => cidrContains(parseCidr(r)!, ip));
}

/**
 * Formats `host:port`, bracketing IPv6 hosts as CoreDNS and Kubernetes expect (`[fd00::10]:8080`).
 * An empty host gives `:port` (all addresses).
 */
export function formatHostPort(host: string, port: number): string {
  if (host === '') return `:${port}`;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Splits a CoreDNS `ip[:port]` target (`10.0.0.1`, `10.0.0.1:53`, `fd00::1`, `[fd00::1]:53`).
 * Returns `undefined` when the text is not one; an IPv6 address with a port must be bracketed.
 */
export function parseIpPort(text: string): { ip: ParsedIp; port?: number } | undefined {
  const withoutScheme = text.replace(/^dns:\/\//, '');
  const bracketed = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(withoutScheme);
  if (bracketed) {
    const ip = parseIp(bracketed[1]);
    if (!ip || ip.family !== 6) return undefined;
    const port = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
    if (port !== undefined && !isPortNumber(port)) return undefined;
    return { ip, port };
  }
  const direct = parseIp(withoutScheme);
  if (direct) return { ip: direct };
  const m = /^([0-9.]+):([0-9]+)$/.exec(withoutScheme);
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  const port = Number(m[2]);
  if (!ip || !isPortNumber(port)) return undefined;
  return { ip, port };
}
