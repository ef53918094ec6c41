/**
 * Parsers for the value forms of the format: addresses, sizes, durations,
 * firewall rules and host names. Each returns the value or a reason.
 */
import ipaddr from 'ipaddr.js';

export type Parsed<T> = { readonly ok: T } | { readonly error: string };

/** Dotted decimal, four parts, no leading zeros (what Node's `net.isIPv4` accepts). */
export function isIPv4(s: string): boolean {
  // The character check first: names are tested far more often than addresses, and it is cheap.
  return /^[0-9.]{7,15}$/.test(s) && ipaddr.IPv4.isValidFourPartDecimal(s);
}

/** Characters a zone index (`fe80::1%eth0`) may use. */
const ZONE = /^[0-9A-Za-z.:-]+$/;

/**
 * An IPv6 address with an optional zone index, accepting exactly what Node's
 * `net.isIPv6` does (the unit tests compare the two): an embedded IPv4 tail
 * must itself be strict dotted decimal.
 */
export function isIPv6(s: string): boolean {
  const percent = s.indexOf('%');
  const address = percent < 0 ? s : s.slice(0, percent);
  if (!/^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/.test(address)) return false;
  if (percent >= 0 && !ZONE.test(s.slice(percent + 1))) return false;
  if (!ipaddr.IPv6.isValid(address)) return false;
  return !address.includes('.') || isIPv4(address.slice(address.lastIndexOf(':') + 1));
}

export function isIp(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

export function isCidr(s: string): boolean {
  const m = /^(.+)\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const bits = Number(m[2]);
  return (isIPv4(m[1]!) && bits <= 32) || (isIPv6(m[1]!) && bits <= 128);
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** A DNS host name, absolute with or without its trailing dot. */
export function isHostName(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253 || isIp(name)) return false;
  return name.split('.').every((l) => LABEL.test(l)) && !/^\d+$/.test(name.split('.').pop() ?? '');
}

/** Lower-case, without a trailing dot: the form names are compared in. */
export function normalizeHost(s: string): string {
  return (s.endsWith('.') ? s.slice(0, -1) : s).toLowerCase();
}

export function parseSize(s: string): Parsed<string> {
  return /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)$/i.test(s.trim())
    ? { ok: s.trim() }
    : { error: `'${s}' is not a size: write a number and a unit, e.g. 8GB or 512MB` };
}

/** A duration in milliseconds; a bare number means milliseconds. */
export function parseDuration(v: unknown): Parsed<number> {
  if (typeof v === 'number' && v >= 0) return { ok: v };
  const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m)$/.exec(v.trim()) : null;
  if (!m) return { error: `'${String(v)}' is not a duration: write a number and a unit, e.g. 5ms or 1.5s` };
  const n = Number(m[1]);
  const factor: Record<string, number> = { us: 0.001, 'µs': 0.001, ms: 1, s: 1000, m: 60000 };
  return { ok: n * factor[m[2]!]! };
}

export interface ParsedRule {
  readonly action: 'allow' | 'deny';
  readonly ports: readonly [number, number];
  readonly protocol: 'tcp' | 'udp' | 'any';
  readonly from: string;
}

const RULE = /^(allow|deny)\s+(any|\*|\d{1,5}(?:-\d{1,5})?)(?:\/(tcp|udp))?(?:\s+from\s+(\S+))?$/i;

/** `allow|deny PORT[/tcp|/udp] [from any|CIDR|NAME]`; PORT may be a range or `any`. */
export function parseFirewallRule(s: string, isName: (n: string) => boolean): Parsed<ParsedRule> {
  const m = RULE.exec(s.trim());
  if (!m) return { error: `'${s}' is not a firewall rule: write 'allow|deny PORT[/tcp|/udp] [from any|CIDR|NAME]', e.g. 'allow 443/tcp from any'` };
  const portText = m[2]!.toLowerCase();
  let ports: [number, number];
  if (portText === 'any' || portText === '*') ports = [0, 65535];
  else {
    const [a, b] = portText.split('-').map(Number) as [number, number?];
    ports = [a, b ?? a];
  }
  if (ports[0] > 65535 || ports[1] > 65535 || ports[0] > ports[1]) return { error: `'${m[2]}' is not a port or port range (0–65535)` };
  const from = m[4] ?? 'any';
  if (from !== 'any' && !isCidr(from) && !isIp(from) && !isName(from)) {
    return { error: `'${from}' is neither 'any', a CIDR such as 10.0.0.0/8, nor the name of a server or component` };
  }
  return { ok: { action: m[1]!.toLowerCase() as 'allow' | 'deny', ports, protocol: (m[3]?.toLowerCase() as 'tcp' | 'udp' | undefined) ?? 'any', from } };
}

/** Whether a certificate subject covers a host: exact, or `*.` covering exactly one label. */
export function certificateCovers(subject: string, host: string): boolean {
  const s = normalizeHost(subject);
  const h = normalizeHost(host);
  if (s === h) return true;
  if (!s.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === s.slice(2);
}
