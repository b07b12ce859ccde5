// Receipt handles: what a receive hands out and a delete or visibility change presents back. A handle names one
// lease of one message of one queue: the queue's internal id (never reused, so a handle outlives neither its queue
// nor a queue re-created under the same name), the message's row id and the receive count at that lease (each
// receive counts one up, so the count identifies the lease). A 128-bit HMAC under a random per-database key makes
// handles unforgeable: a handle we did not mint, or one edited by hand, is 'malformed' without any lookup. The key
// lives in the database so handles stay valid across a restart, as their leases do.
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 1;
/** version (1) + queue id (4) + message id (6) + receive count (4) */
const BODY = 15;
const MAC = 16;

export interface HandleParts {
  queueId: number;
  messageId: number;
  receiveCount: number;
}

export class ReceiptHandles {
  constructor(private readonly key: Buffer) {}

  mint(queueId: number, messageId: number, receiveCount: number): string {
    const buf = Buffer.allocUnsafe(BODY + MAC);
    buf.writeUInt8(VERSION, 0);
    buf.writeUInt32BE(queueId, 1);
    buf.writeUIntBE(messageId, 5, 6);
    buf.writeUInt32BE(receiveCount, 11);
    this.mac(buf.subarray(0, BODY)).copy(buf, BODY, 0, MAC);
    return buf.toString('base64url');
  }

  /** The parts of a handle this database minted; undefined for anything else. */
  parse(handle: string): HandleParts | undefined {
    // 31 bytes are 42 base64url characters; anything else cannot be ours (and is not worth decoding).
    if (handle.length !== 42) return undefined;
    const buf = Buffer.from(handle, 'base64url');
    if (buf.length !== BODY + MAC || buf.readUInt8(0) !== VERSION) return undefined;
    // The decoder skips characters outside the alphabet and ignores the last character's spare bits: only the
    // one spelling we minted is the handle.
    if (buf.toString('base64url') !== handle) return undefined;
    const expected = this.mac(buf.subarray(0, BODY)).subarray(0, MAC);
    if (!timingSafeEqual(expected, buf.subarray(BODY))) return undefined;
    return { queueId: buf.readUInt32BE(1), messageId: buf.readUIntBE(5, 6), receiveCount: buf.readUInt32BE(11) };
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
