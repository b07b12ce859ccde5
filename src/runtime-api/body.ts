// Bounded request-body reader for runtime posts. Callback-based (no promise per
// request on the hot path). Past the limit it stops buffering and reports
// 'too-large' at once; the rest of the body is discarded as it arrives so the
// keep-alive connection survives, and a runtime that keeps sending past twice
// the limit has its connection destroyed.
import type { IncomingMessage } from 'node:http';

export type BodyFailure = 'too-large' | 'truncated';
export type BodyCallback = (failure: BodyFailure | null, body: Buffer, trailers: NodeJS.Dict<string> | null) => void;

const EMPTY = Buffer.alloc(0);

export function readBody(req: IncomingMessage, limit: number, cb: BodyCallback): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    const n = Number(declared);
    if (n > limit) {
      // Never buffer it; discard what the runtime still sends.
      discardBeyond(req, 0, limit);
      cb('too-large', EMPTY, null);
      return;
    }
  }
  let first: Buffer | null = null;
  let chunks: Buffer[] | null = null;
  let size = 0;
  let settled = false;

  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > limit) {
      settled = true;
      first = null;
      chunks = null;
      req.removeListener('data', onData);
      discardBeyond(req, size, limit);
      cb('too-large', EMPTY, null);
      return;
    }
    if (first === null) first = chunk;
    else if (chunks === null) chunks = [first, chunk];
    else chunks.push(chunk);
  };
  req.on('data', onData);
  req.once('end', () => {
    if (settled) return;
    settled = true;
    const body = chunks !== null ? Buffer.concat(chunks, size) : (first ?? EMPTY);
    const t = req.trailers;
    cb(null, body, t !== undefined && Object.keys(t).length > 0 ? t : null);
  });
  req.once('close', () => {
    if (settled) return;
    settled = true;
    cb('truncated', EMPTY, null);
  });
  req.on('error', () => {
    // 'close' follows; handled there.
  });
}

/** Counts (without keeping) the rest of an oversize body; destroys the socket past 2x the limit. */
function discardBeyond(req: IncomingMessage, already: number, limit: number): void {
  let seen = already;
  req.on('error', () => {});
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > 2 * limit) req.socket.destroy();
  });
}

/** A request header as one string (the first, if repeated). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
