// Raw HTTP/1.1 over TCP for tests that must send what node:http would refuse to
// (malformed heads, pipelined garbage, half-closes) and check the exact bytes
// that come back. Also a strict parser of response streams and a seeded PRNG.
import * as net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** "host:port" (IPv6 host in brackets) → connect options. */
export function hostPort(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(colon + 1)) };
}

export interface Exchange {
  /** Every byte the server sent on this connection. */
  received: () => Buffer;
  /** Resolves when the connection is closed (by either side). */
  closed: Promise<void>;
  socket: net.Socket;
}

/**
 * Opens a connection, writes each part (in order), and collects what the server answers. halfClose ends our side
 * after writing; allowHalfOpen keeps our side open after the server ended its own (node's default closes it).
 */
export async function openExchange(
  address: string,
  parts: (string | Buffer)[],
  opts: { halfClose?: boolean; allowHalfOpen?: boolean } = {},
): Promise<Exchange> {
  const socket = net.connect({ ...hostPort(address), allowHalfOpen: opts.allowHalfOpen ?? false });
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  socket.on('error', () => {}); // resets from the server are part of what is tested; 'close' follows
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  for (const p of parts) if (!socket.destroyed) socket.write(p);
  if (opts.halfClose && !socket.destroyed) socket.end();
  return { received: () => Buffer.concat(chunks), closed, socket };
}

/** Sends parts, half-closes, and returns everything the server answered once it closed the connection. */
export async function exchange(address: string, parts: (string | Buffer)[], deadlineMs = 10_000): Promise<Buffer> {
  const ex = await openExchange(address, parts, { halfClose: true });
  await withDeadline(ex.closed, deadlineMs, () => `the server did not close the connection; it sent: ${ex.received().toString('latin1').slice(0, 300)}`);
  return ex.received();
}

/**
 * Parses a stream of HTTP/1.1 responses framed by Content-Length (how the Runtime API answers) or chunked (node's own 417); 1xx have no body. Throws on anything
 * malformed; a trailing incomplete response is an error too, unless allowPartialTail.
 */
export function parseResponses(buf: Buffer, allowPartialTail = false): RawResponse[] {
  const out: RawResponse[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const end = buf.indexOf('\r\n\r\n', pos, 'latin1');
    if (end < 0) {
      if (allowPartialTail) break;
      throw new Error(`incomplete response head: ${JSON.stringify(buf.toString('latin1', pos, pos + 200))}`);
    }
    const lines = buf.toString('latin1', pos, end).split('\r\n');
    const m = /^HTTP\/1\.1 (\d{3}) [^\r\n]*$/.exec(lines[0] ?? '');
    if (!m) throw new Error(`malformed status line: ${JSON.stringify(lines[0])}`);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const c = line.indexOf(':');
      if (c <= 0) throw new Error(`malformed header line: ${JSON.stringify(line)}`);
      headers[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
    }
    const status = Number(m[1]);
    if (status < 200) {
      // 1xx (100 Continue) has no body.
      out.push({ status, headers, body: Buffer.alloc(0) });
      pos = end + 4;
      continue;
    }
    const start = end + 4;
    if (headers['transfer-encoding'] !== undefined) {
      if (headers['transfer-encoding'] !== 'chunked') throw new Error(`unexpected Transfer-Encoding: ${headers['transfer-encoding']}`);
      const chunked = dechunk(buf, start);
      if (chunked === null) {
        if (allowPartialTail) break;
        throw new Error('chunked response body truncated');
      }
      out.push({ status, headers, body: chunked.body });
      pos = chunked.end;
      continue;
    }
    const cl = headers['content-length'];
    if (cl === undefined || !/^\d+$/.test(cl)) throw new Error(`response without a valid Content-Length: ${JSON.stringify(lines)}`);
    const len = Number(cl);
    if (start + len > buf.length) {
      if (allowPartialTail) break;
      throw new Error(`response body truncated (${buf.length - start} of ${len} bytes)`);
    }
    out.push({ status, headers, body: buf.subarray(start, start + len) });
    pos = start + len;
  }
  return out;
}

/** A strictly framed chunked body starting at pos: the body and where it ends, or null when incomplete. */
function dechunk(buf: Buffer, pos: number): { body: Buffer; end: number } | null {
  const parts: Buffer[] = [];
  for (;;) {
    const eol = buf.indexOf('\r\n', pos, 'latin1');
    if (eol < 0) return null;
    const sizeText = buf.toString('latin1', pos, eol);
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new Error(`malformed chunk size: ${JSON.stringify(sizeText)}`);
    const size = parseInt(sizeText, 16);
    pos = eol + 2;
    if (size === 0) {
      const t = buf.indexOf('\r\n', pos, 'latin1');
      if (t < 0) return null;
      if (t !== pos) throw new Error('unexpected trailers in a response');
      return { body: Buffer.concat(parts), end: t + 2 };
    }
    if (buf.length < pos + size + 2) return null;
    if (buf.toString('latin1', pos + size, pos + size + 2) !== '\r\n') throw new Error('chunk not followed by CRLF');
    parts.push(buf.subarray(pos, pos + size));
    pos += size + 2;
  }
}

export async function withDeadline<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function waitFor(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** mulberry32: a small seeded PRNG so a failing fuzz case reproduces from its seed. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T,
    bytes: (n: number): Buffer => {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = int(256);
      return b;
    },
    chance: (p: number): boolean => next() < p,
  };
}

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  bytes(n: number): Buffer;
  chance(p: number): boolean;
}
