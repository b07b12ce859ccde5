// Reads a request body into one Buffer, refusing it as soon as it grows past
// the operation's limit so an oversized upload costs bounded memory. A refused
// body is still drained (and discarded) so the client gets to read the error
// instead of a connection reset in the middle of its upload.
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}
/** The connection closed (client gone, or Lambent cut a stalled body) before the body was complete. */
export class BodyAbortedError extends Error {}

const EMPTY = Buffer.alloc(0);
/** Beyond this many times the limit, a refused upload is cut off rather than drained. */
const DRAIN_FACTOR = 4;
const draining = new WeakSet<IncomingMessage>();

/**
 * Reads and throws away what is left of a body Lambent answers without reading (refused, unauthenticated,
 * too large), so the client can read the answer; past DRAIN_FACTOR × `limit` bytes the connection is cut.
 * Never unbounded: Node's own discarding (after the response) reads whatever the client keeps sending.
 * Resolves once the body has ended or the connection is gone.
 */
export function discardBody(req: IncomingMessage, limit: number): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  const settled = new Promise<void>((resolve) => {
    const done = (): void => {
      req.off('end', done);
      req.off('close', done);
      resolve();
    };
    req.once('end', done);
    req.once('close', done);
  });
  if (draining.has(req)) return settled;
  draining.add(req);
  let seen = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit * DRAIN_FACTOR) req.destroy();
  });
  req.resume();
  return settled;
}

/** Throws BodyTooLargeError (and drains the body) when the declared Content-Length is over `limit`. */
export function refuseDeclaredOversize(req: IncomingMessage, limit: number): void {
  if (Number(req.headers['content-length'] ?? NaN) > limit) {
    void discardBody(req, limit);
    throw new BodyTooLargeError();
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    void discardBody(req, limit);
    return Promise.reject(new BodyTooLargeError());
  }
  if (declared === 0) return Promise.resolve(EMPTY);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        done();
        void discardBody(req, limit);
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (e: Error): void => {
      done();
      reject(new BodyAbortedError(e.message));
    };
    // 'close' before 'end': the connection went away mid-body (or Lambent cut it, see rejectRequest).
    const onClose = (): void => {
      done();
      reject(new BodyAbortedError('connection closed before the request body was complete'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
