// IP addresses for `cidr` and for exact values that are IP literals. EventBridge compares addresses as bytes, so
// "2001:db8::1" and "2001:0DB8:0:0:0:0:0:1" are the same address, and an IPv4-mapped IPv6 address is its IPv4
// address. A CIDR's range runs from the address as written (EventBridge does not clear the host bits) to the address
// with every host bit set.
import { fail } from './errors.js';

// What EventBridge considers an attempt at an address (anything else is not an address at all).
const LOOKS_V4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const LOOKS_V6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
// An IPv6 address may end in a dotted IPv4 part ("::ffff:10.0.0.1").
const LOOKS_V6_WITH_V4 = /^[0-9a-fA-F:]*:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;

/** True when `s` has the shape of an address, valid or not. */
export function looksLikeIp(s: string): boolean {
  return LOOKS_V4.test(s) || LOOKS_V6.test(s) || LOOKS_V6_WITH_V4.test(s);
}

/** The address's bytes (4 or 16), or undefined when `s` is not a valid IPv4/IPv6 literal. */
export function parseIp(s: string): Uint8Array | undefined {
  if (LOOKS_V4.test(s)) return parseV4(s);
  if (LOOKS_V6.test(s) || LOOKS_V6_WITH_V4.test(s)) {
    const v6 = parseV6(s);
    return v6 && isV4Mapped(v6) ? v6.slice(12) : v6;
  }
  return undefined;
}

function parseV4(s: string): Uint8Array | undefined {
  const parts = s.split('.');
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (p.length > 3) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseV6(s: string): Uint8Array | undefined {
  let tail: Uint8Array | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    tail = parseV4(s.slice(lastColon + 1));
    if (!tail) return undefined;
    // Keep the colon so the dotted part stands in for two groups of the address.
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    for (const g of half.split(':')) {
      if (g.length === 0 || g.length > 4) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return undefined;
  const all = [...head, ...new Array<number>(8 - total).fill(0), ...rest];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  if (tail) out.set(tail, 12);
  return out;
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

export interface IpRange {
  readonly low: Uint8Array;
  readonly high: Uint8Array;
}

/** Parses `{"cidr": "..."}`'s operand with EventBridge's reasons. */
export function parseCidr(text: string): IpRange {
  // Java's split drops trailing empty parts: "10.0.0.0/" has one part, not two.
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) fail("Malformed CIDR, one '/' required");
  const maskText = parts[1]!;
  if (!/^[+-]?[0-9]+$/.test(maskText) || Math.abs(Number(maskText)) > 2147483647) {
    fail('Malformed CIDR, mask bits must be an integer');
  }
  const mask = Number(maskText);
  if (mask < 0) fail('Malformed CIDR, mask bits must not be negative');
  const address = parts[0]!;
  if (!looksLikeIp(address)) fail(`Nonstandard IP address: ${address}`);
  const low = parseIp(address);
  if (!low) fail(`Invalid IP address: ${address}`);
  if (low.length === 4 && mask > 31) fail('IPv4 mask bits must be < 32');
  if (low.length === 16 && mask > 127) fail('IPv6 mask bits must be < 128');
  const high = low.slice();
  for (let bit = mask; bit < high.length * 8; bit++) high[bit >> 3]! |= 0x80 >> (bit & 7);
  return { low, high };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** True when `address` (already parsed) lies in the range; IPv4 never matches an IPv6 range or the reverse. */
export function inIpRange(range: IpRange, address: Uint8Array): boolean {
  return (
    address.length === range.low.length && compareBytes(address, range.low) >= 0 && compareBytes(address, range.high) <= 0
  );
}

export function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}
