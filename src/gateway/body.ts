// Reads a request body into one Buffer, refusing it as soon as it grows past
// the operation's limit so an oversized upload costs bounded memory. A refused
// body is still drained (and discarded) so the client gets to read the error
// instead of a connection reset in the middle of its upload.
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}

const EMPTY = Buffer.alloc(0);
/** Beyond this many times the limit, a refused upload is cut off rather than drained. */
const DRAIN_FACTOR = 4;

function drain(req: IncomingMessage, limit: number): void {
  let seen = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit * DRAIN_FACTOR) req.destroy();
  });
  req.resume();
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    drain(req, limit);
    return Promise.reject(new BodyTooLargeError());
  }
  if (declared === 0) return Promise.resolve(EMPTY);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('end', onEnd);
        drain(req, limit);
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}
