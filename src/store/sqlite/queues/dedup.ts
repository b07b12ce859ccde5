// FIFO queues' two five-minute memories: deduplication ids of sends (a duplicate returns the first message's id and
// sequence number and adds nothing) and ReceiveRequestAttemptIds of receives (a retried receive gets the same
// messages and receipt handles back). Both expire in the order they were made (every entry lives exactly the
// window), so a Map's insertion order is also expiry order and a sweep stops at the first live entry.
import type { IndexedMessage } from './message-index.js';
import { MessageState } from './message-states.js';

/** SQS's deduplication interval and ReceiveRequestAttemptId window. */
export const DEDUP_WINDOW_MS = 5 * 60 * 1000;

export interface DedupEntry {
  messageId: string;
  sequenceNumber: string;
  expiresAt: number;
  /** While the first send is still committing: duplicates are acknowledged only once it is. */
  committed?: Promise<unknown>;
}

/** The key a deduplication id is unique under: the queue (scope 'queue') or its message group. */
export function dedupKey(scope: 'queue' | 'messageGroup', groupId: string, deduplicationId: string): string {
  return scope === 'messageGroup' ? `${groupId}\u0000${deduplicationId}` : `\u0000${deduplicationId}`;
}

export class DedupWindow {
  private readonly entries = new Map<string, DedupEntry>();

  get size(): number {
    return this.entries.size;
  }

  /** The first send's answer, if that send is within the window. */
  get(key: string, now: number): DedupEntry | undefined {
    const e = this.entries.get(key);
    return e !== undefined && e.expiresAt > now ? e : undefined;
  }

  /** The entry under a key, expired or not. */
  peek(key: string): DedupEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: DedupEntry): void {
    // Re-inserting moves the key to the end, keeping insertion order = expiry order.
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets what expired; returns how many entries went. */
  sweep(now: number): number {
    let n = 0;
    for (const [key, e] of this.entries) {
      if (e.expiresAt > now) break;
      this.entries.delete(key);
      n++;
    }
    return n;
  }
}

/** One receive's answer, kept for a retry with the same ReceiveRequestAttemptId. */
export interface AttemptRecord {
  expiresAt: number;
  /** The messages with the lease (receive count) and deadline this receive gave them. */
  items: { m: IndexedMessage; receiveCount: number; visibleAt: number }[];
}

export class AttemptLog {
  private readonly records = new Map<string, AttemptRecord>();

  /**
   * The messages a receive with this attempt id returned, if the id is within its window and none of them was
   * deleted, received again or had its visibility changed since; otherwise undefined (the retry receives anew).
   */
  replay(attemptId: string, now: number): AttemptRecord | undefined {
    const r = this.records.get(attemptId);
    if (r === undefined) return undefined;
    const intact =
      r.expiresAt > now &&
      r.items.every(
        (it) => it.m.state === MessageState.InFlight && it.m.receiveCount === it.receiveCount && it.m.visibleAt === it.visibleAt,
      );
    if (!intact) {
      this.records.delete(attemptId);
      return undefined;
    }
    return r;
  }

  record(attemptId: string, items: IndexedMessage[], now: number): void {
    this.records.delete(attemptId);
    this.records.set(attemptId, {
      expiresAt: now + DEDUP_WINDOW_MS,
      items: items.map((m) => ({ m, receiveCount: m.receiveCount, visibleAt: m.visibleAt })),
    });
  }

  sweep(now: number): void {
    for (const [id, r] of this.records) {
      if (r.expiresAt > now) break;
      this.records.delete(id);
    }
  }

  clear(): void {
    this.records.clear();
  }
}
