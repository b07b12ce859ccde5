// A small in-memory QueueStore for the SQS service's tests (the wire, the handlers, the clients), so they do not
// depend on the embedded store. It keeps the contract's semantics at test scale: delays, leases, receive counts
// and redrive on receive, FIFO group order and 5-minute deduplication, long polls woken by sends, purge, move.
import { randomUUID } from 'node:crypto';
import {
  QueueMissingError,
  type HandleOutcome,
  type NewMessage,
  type QueueCounts,
  type QueueKey,
  type QueuePage,
  type QueueRow,
  type QueueStore,
  type ReceiveOptions,
  type ReceivedMessage,
  type SentMessage,
} from '../../src/store/queue-types.js';

interface Stored {
  message: NewMessage;
  sequenceNumber?: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number;
  handle?: string;
  /** true while a receive holds it (until visibleAt). */
  leased: boolean;
}

interface Q {
  row: QueueRow;
  messages: Stored[];
  dedup: Map<string, { at: number; sent: SentMessage }>;
  seq: bigint;
  waiters: Set<() => void>;
}

const id = (k: QueueKey): string => `${k.accountId}/${k.region}/${k.name}`;

export class MemoryQueues implements QueueStore {
  private readonly queues = new Map<string, Q>();
  private readonly deleted = new Map<string, number>();
  private closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  open(): Promise<void> {
    return Promise.resolve();
  }

  createQueue(row: QueueRow): Promise<{ created: boolean; row: QueueRow }> {
    const existing = this.queues.get(id(row));
    if (existing) return Promise.resolve({ created: false, row: existing.row });
    this.queues.set(id(row), { row: structuredClone(row), messages: [], dedup: new Map(), seq: 0n, waiters: new Set() });
    return Promise.resolve({ created: true, row });
  }

  getQueue(key: QueueKey): QueueRow | undefined {
    return this.queues.get(id(key))?.row;
  }

  getQueueByArn(arn: string): QueueRow | undefined {
    for (const q of this.queues.values()) if (q.row.arn === arn) return q.row;
    return undefined;
  }

  listQueues(accountId: string, region: string, opts: { prefix?: string; after?: string; limit: number }): QueuePage {
    const rows = [...this.queues.values()]
      .map((q) => q.row)
      .filter((r) => r.accountId === accountId && r.region === region && r.name.startsWith(opts.prefix ?? '') && (opts.after === undefined || r.name > opts.after))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const page = rows.slice(0, opts.limit);
    const last = page[page.length - 1];
    return rows.length > page.length && last ? { queues: page, next: last.name } : { queues: page };
  }

  deadLetterSources(deadLetterArn: string): QueueRow[] {
    return [...this.queues.values()].map((q) => q.row).filter((r) => r.settings.redrive?.deadLetterTargetArn === deadLetterArn).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  updateQueue(key: QueueKey, change: Pick<QueueRow, 'attributes' | 'settings' | 'tags' | 'lastModifiedAt'>): Promise<boolean> {
    const q = this.queues.get(id(key));
    if (!q) return Promise.resolve(false);
    q.row = { ...q.row, ...structuredClone(change) };
    return Promise.resolve(true);
  }

  deleteQueue(key: QueueKey): Promise<boolean> {
    const q = this.queues.get(id(key));
    if (!q) return Promise.resolve(false);
    this.queues.delete(id(key));
    this.deleted.set(id(key), this.now());
    for (const w of q.waiters) w();
    return Promise.resolve(true);
  }

  deletedRecently(key: QueueKey): number | undefined {
    const at = this.deleted.get(id(key));
    return at !== undefined && this.now() - at < 60_000 ? at : undefined;
  }

  private q(key: QueueKey): Q {
    const q = this.queues.get(id(key));
    if (!q) throw new QueueMissingError(key.name);
    return q;
  }

  send(key: QueueKey, messages: readonly NewMessage[]): Promise<SentMessage[]> {
    let q: Q;
    try {
      q = this.q(key);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    const now = this.now();
    const out = messages.map((m): SentMessage => {
      if (q.row.settings.fifo && m.deduplicationId !== undefined) {
        const dkey = q.row.settings.deduplicationScope === 'messageGroup' ? `${m.groupId ?? ''}\u0000${m.deduplicationId}` : m.deduplicationId;
        const seen = q.dedup.get(dkey);
        if (seen && now - seen.at < 300_000) return { ...seen.sent, duplicate: true };
        const sent: SentMessage = { messageId: m.messageId, sequenceNumber: String(++q.seq).padStart(20, '0'), duplicate: false };
        q.dedup.set(dkey, { at: now, sent });
        q.messages.push({ message: m, sequenceNumber: sent.sequenceNumber as string, sentAt: now, visibleAt: now + m.delaySeconds * 1000, receiveCount: 0, firstReceivedAt: 0, leased: false });
        return sent;
      }
      q.messages.push({ message: m, sentAt: now, visibleAt: now + m.delaySeconds * 1000, receiveCount: 0, firstReceivedAt: 0, leased: false });
      return { messageId: m.messageId, duplicate: false };
    });
    for (const w of q.waiters) w();
    return Promise.resolve(out);
  }

  private takeNow(q: Q, opts: ReceiveOptions): ReceivedMessage[] {
    const now = this.now();
    const out: ReceivedMessage[] = [];
    const busyGroups = new Set<string>();
    if (q.row.settings.fifo) for (const s of q.messages) if (s.visibleAt > now && s.leased && s.message.groupId) busyGroups.add(s.message.groupId);
    for (const s of [...q.messages]) {
      if (out.length >= opts.max) break;
      if (s.visibleAt > now) continue;
      const group = s.message.groupId;
      if (q.row.settings.fifo && group !== undefined && busyGroups.has(group)) continue;
      const redrive = q.row.settings.redrive;
      if (redrive && s.receiveCount >= redrive.maxReceiveCount) {
        const dlq = this.getQueueByArn(redrive.deadLetterTargetArn);
        if (dlq) {
          q.messages.splice(q.messages.indexOf(s), 1);
          const target = this.q(dlq);
          target.messages.push({ message: { ...s.message, deadLetterQueueSourceArn: q.row.arn }, sentAt: s.sentAt, visibleAt: now, receiveCount: 0, firstReceivedAt: 0, leased: false, ...(s.sequenceNumber ? { sequenceNumber: s.sequenceNumber } : {}) });
          for (const w of target.waiters) w();
          continue;
        }
      }
      s.receiveCount += 1;
      if (s.firstReceivedAt === 0) s.firstReceivedAt = now;
      s.handle = `${Buffer.from(id(q.row)).toString('base64url')}.${randomUUID()}`;
      s.leased = true;
      s.visibleAt = now + (opts.visibilityTimeoutSeconds ?? q.row.settings.visibilityTimeoutSeconds) * 1000;
      const r: ReceivedMessage = { ...s.message, receiptHandle: s.handle, receiveCount: s.receiveCount, sentAt: s.sentAt, firstReceivedAt: s.firstReceivedAt };
      if (s.sequenceNumber !== undefined) r.sequenceNumber = s.sequenceNumber;
      out.push(r);
    }
    return out;
  }

  async receive(key: QueueKey, opts: ReceiveOptions): Promise<ReceivedMessage[]> {
    const deadline = this.now() + opts.waitMs;
    for (;;) {
      const q = this.q(key);
      const got = this.takeNow(q, opts);
      if (got.length > 0 || this.now() >= deadline || opts.signal?.aborted || this.closed) return got;
      // Woken by a send (or every 50 ms, for delays and leases running out).
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          q.waiters.delete(done);
          opts.signal?.removeEventListener('abort', done);
          resolve();
        };
        const t = setTimeout(done, Math.min(50, Math.max(1, deadline - this.now())));
        q.waiters.add(done);
        opts.signal?.addEventListener('abort', done);
      });
    }
  }

  private find(q: Q, handle: string): Stored | undefined {
    return q.messages.find((s) => s.handle === handle);
  }

  private ours(q: Q, handle: string): boolean {
    return handle.startsWith(`${Buffer.from(id(q.row)).toString('base64url')}.`);
  }

  deleteMessages(key: QueueKey, receiptHandles: readonly string[]): Promise<HandleOutcome[]> {
    let q: Q;
    try {
      q = this.q(key);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    return Promise.resolve(
      receiptHandles.map((h): HandleOutcome => {
        if (!this.ours(q, h)) return 'malformed';
        const s = this.find(q, h);
        if (!s) return 'expired';
        q.messages.splice(q.messages.indexOf(s), 1);
        return 'ok';
      }),
    );
  }

  changeVisibility(key: QueueKey, entries: readonly { receiptHandle: string; visibilityTimeoutSeconds: number }[]): Promise<HandleOutcome[]> {
    let q: Q;
    try {
      q = this.q(key);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    const now = this.now();
    const out = entries.map((e): HandleOutcome => {
      if (!this.ours(q, e.receiptHandle)) return 'malformed';
      const s = this.find(q, e.receiptHandle);
      if (!s) return 'expired';
      if (!s.leased || s.visibleAt <= now) return 'not-in-flight';
      s.visibleAt = now + e.visibilityTimeoutSeconds * 1000;
      if (e.visibilityTimeoutSeconds === 0) s.leased = false;
      return 'ok';
    });
    for (const w of q.waiters) w();
    return Promise.resolve(out);
  }

  purge(key: QueueKey): Promise<void> {
    try {
      this.q(key).messages = [];
    } catch (e) {
      return Promise.reject(e as Error);
    }
    return Promise.resolve();
  }

  counts(key: QueueKey): QueueCounts {
    const q = this.queues.get(id(key));
    const now = this.now();
    const c = { visible: 0, inFlight: 0, delayed: 0 };
    for (const s of q?.messages ?? []) {
      if (s.visibleAt <= now) c.visible++;
      else if (s.leased) c.inFlight++;
      else c.delayed++;
    }
    return c;
  }

  async move(from: QueueKey, to: QueueKey | 'source', max: number): Promise<number> {
    const q = this.q(from);
    const now = this.now();
    let moved = 0;
    for (const s of [...q.messages]) {
      if (moved >= max) break;
      if (s.visibleAt > now) continue;
      const targetRow = to === 'source' ? (s.message.deadLetterQueueSourceArn ? this.getQueueByArn(s.message.deadLetterQueueSourceArn) : undefined) : this.getQueue(to);
      if (!targetRow) continue;
      q.messages.splice(q.messages.indexOf(s), 1);
      await this.send(targetRow, [{ ...s.message, messageId: randomUUID(), delaySeconds: 0 }]);
      moved++;
    }
    return moved;
  }

  close(): Promise<void> {
    this.closed = true;
    for (const q of this.queues.values()) for (const w of q.waiters) w();
    return Promise.resolve();
  }
}
