// QueueStore on SQLite (the semantics are store/queue-types.ts's). Each queue's index lives in memory
// (message-index.ts: ids, times, receive counts, groups; no bodies), so choosing messages never queries; every
// change is decided there synchronously (two concurrent receives never pick the same message) and written through
// to SQLite in the store's group commit, and the promise settles only once that transaction has committed
// (synchronous=FULL: on disk). Sends are the exception to "memory first": a sent message enters the index only
// after its rows committed, so no receiver can get a message whose send might still fail. Should a commit fail
// (disk full), the call rejects; a lease that did not reach the disk is given back, while a delete, an expiry or a
// redrive already made in memory stays made there, and the rows come back only with the next start (at least
// once, never lost).
//
// Time comes from `now()` (tests move it); due work (delays ending, leases running out, retention, the FIFO
// windows) runs from timers armed at the next deadline, or from `tick()`.
import { randomUUID } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import type { GroupCommit } from '../sqlite-async.js';
import {
  QueueMissingError,
  type HandleOutcome,
  type NewMessage,
  type QueueCounts,
  type QueueKey,
  type QueuePage,
  type QueueRow,
  type QueueSettings,
  type QueueStore,
  type ReceiveOptions,
  type ReceivedMessage,
  type SentMessage,
} from '../../queue-types.js';
import { AttemptLog, DEDUP_WINDOW_MS, DedupWindow, dedupKey, type DedupEntry } from './dedup.js';
import { MessageIndex, type IndexedMessage, type ReceiveDecision } from './message-index.js';
import { MessageState } from './message-states.js';
import { prepareQueueStatements, type BodyDbRow, type QueueDbRow, type QueueStatements } from './queue-statements.js';
import { ReceiptHandles } from './receipt-handles.js';

export interface SqliteQueueStoreOptions {
  /** The clock (ms since the epoch). */
  now?: () => number;
  /** Arm real timers for due work (default true); tests with a moved clock call tick() instead. */
  timers?: boolean;
  /** How often retention and the FIFO windows are swept (ms, default 1000). */
  sweepIntervalMs?: number;
  /** Where failures of background writes (retention sweeps) are reported. */
  onError?: (e: unknown) => void;
}

/** A queue name deleted this recently cannot be created again (QueueDeletedRecently). */
const DELETED_RECENTLY_MS = 60_000;
/** At most this many messages expire per queue per sweep (a sweep never holds the event loop for long). */
const SWEEP_BATCH = 10_000;
/** Rows of purged or deleted queues removed per background step (one short transaction each). */
const CLEANUP_CHUNK = 2000;
/** FIFO sequence numbers: 20 digits, growing with the message id. */
const SEQUENCE_BASE = 10n ** 19n;

const NOTHING: Promise<ReceivedMessage[]> = Promise.resolve([]);

export function sequenceNumberOf(id: number): string {
  return String(SEQUENCE_BASE + BigInt(id));
}

interface Waiter {
  max: number;
  visibilityTimeoutSeconds: number | undefined;
  attemptId: string | undefined;
  deadline: number;
  finish: (messages: Promise<ReceivedMessage[]> | ReceivedMessage[]) => void;
}

interface Queue {
  readonly id: number;
  row: QueueRow;
  readonly index: MessageIndex;
  readonly dedup: DedupWindow;
  readonly attempts: AttemptLog;
  waiters: Waiter[];
  deleted: boolean;
  /** Ids up to this were purged: a send that commits after the purge does not bring them back. */
  purgedUpTo: number;
  timer: NodeJS.Timeout | undefined;
  timerAt: number | undefined;
}

/** A message on its way into a queue (a send, a redrive, a move), entering the index once committed. */
interface Arrival {
  id: number;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number;
  groupId: string | undefined;
}

function keyOf(k: QueueKey): string {
  return `${k.accountId}\u0000${k.region}\u0000${k.name}`;
}

/** What a message row stores besides id, body and group: the rest of NewMessage, as the service gave it. */
function metaOf(m: NewMessage): string {
  const meta: Record<string, unknown> = { md5OfBody: m.md5OfBody, senderId: m.senderId, delaySeconds: m.delaySeconds };
  if (m.messageAttributes !== undefined) meta.messageAttributes = m.messageAttributes;
  if (m.md5OfMessageAttributes !== undefined) meta.md5OfMessageAttributes = m.md5OfMessageAttributes;
  if (m.messageSystemAttributes !== undefined) meta.messageSystemAttributes = m.messageSystemAttributes;
  if (m.md5OfMessageSystemAttributes !== undefined) meta.md5OfMessageSystemAttributes = m.md5OfMessageSystemAttributes;
  if (m.deduplicationId !== undefined) meta.deduplicationId = m.deduplicationId;
  if (m.deadLetterQueueSourceArn !== undefined) meta.deadLetterQueueSourceArn = m.deadLetterQueueSourceArn;
  return JSON.stringify(meta);
}

export class SqliteQueueStore implements QueueStore {
  private readonly s: QueueStatements;
  private readonly now: () => number;
  private readonly timers: boolean;
  private readonly sweepIntervalMs: number;
  private readonly onError: (e: unknown) => void;
  private handles: ReceiptHandles | undefined;
  private readonly byKey = new Map<string, Queue>();
  private readonly byArn = new Map<string, Queue>();
  private readonly deletedAt = new Map<string, number>();
  /** The last message id handed out (ids are never reused: handles name messages by id). */
  private lastId = 0;
  private lastQueueId = 0;
  private sweeper: NodeJS.Timeout | undefined;
  private lastDedupSweep = 0;
  private closed = false;
  /** Message rows to remove in the background: per queue id, every id up to this (purges, deleted queues). */
  private readonly leftovers = new Map<number, number>();
  private cleaning: Promise<void> | undefined;

  constructor(
    db: Db,
    private readonly writes: GroupCommit,
    opts: SqliteQueueStoreOptions = {},
  ) {
    this.s = prepareQueueStatements(db);
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? true;
    this.sweepIntervalMs = opts.sweepIntervalMs ?? 1000;
    this.onError = opts.onError ?? (() => {});
  }

  async open(): Promise<void> {
    if (this.handles) return;
    this.handles = new ReceiptHandles(this.s.meta.get('receipt_key') as Buffer);
    this.lastId = (this.s.sequence.get('queue_bodies') as number | undefined) ?? 0;
    this.lastQueueId = (this.s.sequence.get('queues') as number | undefined) ?? 0;
    const now = this.now();
    const byId = new Map<number, Queue>();
    for (const r of this.s.allQueues.all() as QueueDbRow[]) {
      const row: QueueRow = {
        accountId: r.account_id,
        region: r.region,
        name: r.name,
        arn: r.arn,
        createdAt: r.created_at,
        lastModifiedAt: r.last_modified_at,
        attributes: JSON.parse(r.attributes) as Record<string, string>,
        tags: JSON.parse(r.tags) as Record<string, string>,
        settings: JSON.parse(r.settings) as QueueSettings,
      };
      const q = this.register(r.id, row);
      q.purgedUpTo = r.purged_up_to;
      byId.set(r.id, q);
    }
    let q: Queue | undefined;
    let queueId = -1;
    for (const r of this.s.allMessages.iterate() as Iterable<[number, number, number, number, number, number, string | null]>) {
      if (queueId !== r[0]) {
        queueId = r[0];
        q = byId.get(queueId);
      }
      if (q === undefined || r[1] <= q.purgedUpTo) {
        // Left by a purge or a deleted queue before the last stop: finish removing them.
        this.leftovers.set(queueId, Math.max(this.leftovers.get(queueId) ?? 0, r[1]));
        continue;
      }
      q.index.add(r[1], r[2], r[3], r[4], r[5], r[6] ?? undefined, now);
    }
    this.cleanUp();
    for (const r of this.s.liveDedup.iterate(now) as Iterable<{
      queue_id: number;
      key: string;
      message_id: string;
      sequence_number: string;
      expires_at: number;
    }>) {
      byId.get(r.queue_id)?.dedup.set(r.key, {
        messageId: r.message_id,
        sequenceNumber: r.sequence_number,
        expiresAt: r.expires_at,
      });
    }
    for (const queue of byId.values()) this.schedule(queue);
    if (this.timers) {
      this.sweeper = setInterval(() => {
        this.sweep().catch(this.onError);
      }, this.sweepIntervalMs);
      this.sweeper.unref();
    }
  }

  // ---------------------------------------------------------------- queues

  async createQueue(row: QueueRow): Promise<{ created: boolean; row: QueueRow }> {
    this.assertOpen();
    const existing = this.byKey.get(keyOf(row));
    if (existing) return { created: false, row: existing.row };
    const id = ++this.lastQueueId;
    const q = this.register(id, row);
    try {
      await this.writes.run(() =>
        this.s.insertQueue.run(
          id,
          row.accountId,
          row.region,
          row.name,
          row.arn,
          row.createdAt,
          row.lastModifiedAt,
          JSON.stringify(row.attributes),
          JSON.stringify(row.tags),
          JSON.stringify(row.settings),
        ),
      );
    } catch (e) {
      this.unregister(q);
      throw e;
    }
    return { created: true, row };
  }

  getQueue(key: QueueKey): QueueRow | undefined {
    return this.byKey.get(keyOf(key))?.row;
  }

  getQueueByArn(arn: string): QueueRow | undefined {
    return this.byArn.get(arn)?.row;
  }

  listQueues(accountId: string, region: string, opts: { prefix?: string; after?: string; limit: number }): QueuePage {
    const prefix = opts.prefix ?? '';
    const after = opts.after;
    const rows: QueueRow[] = [];
    for (const q of this.byKey.values()) {
      const r = q.row;
      if (r.accountId !== accountId || r.region !== region || !r.name.startsWith(prefix)) continue;
      if (after !== undefined && !(r.name > after)) continue;
      rows.push(r);
    }
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (rows.length > opts.limit) {
      const page = rows.slice(0, opts.limit);
      return { queues: page, next: (page[page.length - 1] as QueueRow).name };
    }
    return { queues: rows };
  }

  deadLetterSources(deadLetterArn: string): QueueRow[] {
    const rows: QueueRow[] = [];
    for (const q of this.byKey.values()) {
      if (q.row.settings.redrive?.deadLetterTargetArn === deadLetterArn) rows.push(q.row);
    }
    return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async updateQueue(
    key: QueueKey,
    change: Pick<QueueRow, 'attributes' | 'settings' | 'tags' | 'lastModifiedAt'>,
  ): Promise<boolean> {
    this.assertOpen();
    const q = this.byKey.get(keyOf(key));
    if (!q) return false;
    q.row = { ...q.row, ...change };
    await this.writes.run(() =>
      this.s.updateQueue.run(
        JSON.stringify(change.attributes),
        JSON.stringify(change.tags),
        JSON.stringify(change.settings),
        change.lastModifiedAt,
        q.id,
      ),
    );
    // A shorter retention or a new redrive target can change what a waiting receive gets.
    this.wake(q);
    return true;
  }

  async deleteQueue(key: QueueKey): Promise<boolean> {
    this.assertOpen();
    const q = this.byKey.get(keyOf(key));
    if (!q) return false;
    this.unregister(q);
    q.deleted = true;
    q.index.purgeAll(Number.MAX_SAFE_INTEGER);
    q.attempts.clear();
    this.deletedAt.set(keyOf(key), this.now());
    for (const w of q.waiters.splice(0)) w.finish([]);
    await this.writes.run(() => {
      this.s.deleteQueueDedup.run(q.id);
      this.s.deleteQueue.run(q.id);
    });
    this.leftovers.set(q.id, Number.MAX_SAFE_INTEGER);
    this.cleanUp();
    return true;
  }

  deletedRecently(key: QueueKey): number | undefined {
    const at = this.deletedAt.get(keyOf(key));
    if (at === undefined) return undefined;
    if (this.now() - at >= DELETED_RECENTLY_MS) {
      this.deletedAt.delete(keyOf(key));
      return undefined;
    }
    return at;
  }

  // ---------------------------------------------------------------- messages

  async send(key: QueueKey, messages: readonly NewMessage[]): Promise<SentMessage[]> {
    const q = this.need(key);
    const now = this.now();
    const fifo = q.index.fifo;
    const results: SentMessage[] = [];
    const rows: { m: NewMessage; a: Arrival; dedup?: { key: string; entry: DedupEntry } }[] = [];
    const duplicates: Promise<unknown>[] = [];
    for (const m of messages) {
      let dk: string | undefined;
      if (fifo && m.deduplicationId !== undefined) {
        dk = dedupKey(q.row.settings.deduplicationScope, m.groupId ?? '', m.deduplicationId);
        const seen = q.dedup.get(dk, now);
        if (seen) {
          results.push({ messageId: seen.messageId, sequenceNumber: seen.sequenceNumber, duplicate: true });
          if (seen.committed) duplicates.push(seen.committed);
          continue;
        }
      }
      const id = ++this.lastId;
      const a: Arrival = {
        id,
        sentAt: now,
        visibleAt: now + m.delaySeconds * 1000,
        receiveCount: 0,
        firstReceivedAt: 0,
        groupId: fifo ? (m.groupId ?? '') : undefined,
      };
      if (fifo) {
        const sequenceNumber = sequenceNumberOf(id);
        results.push({ messageId: m.messageId, sequenceNumber, duplicate: false });
        if (dk !== undefined) {
          const entry: DedupEntry = { messageId: m.messageId, sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS };
          q.dedup.set(dk, entry);
          rows.push({ m, a, dedup: { key: dk, entry } });
          continue;
        }
      } else {
        results.push({ messageId: m.messageId, duplicate: false });
      }
      rows.push({ m, a });
    }
    if (rows.length > 0) {
      const committed = this.writes.run(() => {
        for (const { m, a, dedup } of rows) {
          this.s.insertBody.run(a.id, m.messageId, m.body, metaOf(m));
          this.s.insertMessage.run(q.id, a.id, a.sentAt, a.visibleAt, 0, 0, a.groupId ?? null);
          if (dedup) {
            const e = dedup.entry;
            this.s.insertDedup.run(q.id, dedup.key, e.messageId, e.sequenceNumber, e.expiresAt);
          }
        }
      });
      for (const r of rows) if (r.dedup) r.dedup.entry.committed = committed;
      try {
        await committed;
      } catch (e) {
        for (const r of rows) if (r.dedup && q.dedup.peek(r.dedup.key) === r.dedup.entry) q.dedup.delete(r.dedup.key);
        throw e;
      }
      for (const r of rows) if (r.dedup) delete r.dedup.entry.committed;
      this.arrive(q, rows.map((r) => r.a));
    }
    // A duplicate is acknowledged once the send it duplicates is.
    if (duplicates.length > 0) await Promise.all(duplicates);
    return results;
  }

  async receive(key: QueueKey, opts: ReceiveOptions): Promise<ReceivedMessage[]> {
    const q = this.need(key);
    const visibility = opts.visibilityTimeoutSeconds;
    const attemptId = q.index.fifo ? opts.attemptId : undefined;
    if (attemptId !== undefined) {
      const replayed = this.replay(q, attemptId, visibility);
      if (replayed) return replayed;
    }
    this.advance(q);
    let got = this.tryReceive(q, opts.max, visibility, attemptId);
    if (got.leased > 0 || opts.waitMs <= 0 || opts.signal?.aborted) return got.messages;
    if (got.messages !== NOTHING) {
      // Expiries and redrives this receive met are on disk before it waits; meanwhile messages may have come.
      await got.messages;
      if (q.deleted || this.closed) return [];
      this.advance(q);
      got = this.tryReceive(q, opts.max, visibility, attemptId);
      if (got.leased > 0) return got.messages;
      got.messages.catch(this.onError);
    }
    return this.wait(q, opts, attemptId);
  }

  async deleteMessages(key: QueueKey, receiptHandles: readonly string[]): Promise<HandleOutcome[]> {
    const q = this.need(key);
    const outcomes: HandleOutcome[] = [];
    const gone: number[] = [];
    for (const h of receiptHandles) {
      const found = this.lookup(q, h);
      if (typeof found === 'string') {
        outcomes.push(found);
        continue;
      }
      q.index.remove(found, MessageState.Deleted);
      gone.push(found.id);
      outcomes.push('ok');
    }
    if (gone.length > 0) {
      await this.writes.run(() => {
        for (const id of gone) {
          this.s.deleteMessage.run(q.id, id);
          this.s.deleteBody.run(id);
        }
      });
      // FIFO: deleting the last in-flight message of a group unblocks it.
      if (q.index.fifo) this.wake(q);
    }
    return outcomes;
  }

  async changeVisibility(
    key: QueueKey,
    entries: readonly { receiptHandle: string; visibilityTimeoutSeconds: number }[],
  ): Promise<HandleOutcome[]> {
    const q = this.need(key);
    const now = this.now();
    const outcomes: HandleOutcome[] = [];
    const changed: IndexedMessage[] = [];
    for (const e of entries) {
      const found = this.lookup(q, e.receiptHandle);
      if (typeof found === 'string') {
        outcomes.push(found);
      } else if (found.state !== MessageState.InFlight) {
        outcomes.push('not-in-flight');
      } else {
        q.index.changeVisibility(found, now + e.visibilityTimeoutSeconds * 1000, now);
        changed.push(found);
        outcomes.push('ok');
      }
    }
    if (changed.length > 0) {
      const rows = changed.map((m) => [m.state === MessageState.InFlight ? m.visibleAt : now, m.id] as const);
      await this.writes.run(() => {
        for (const [visibleAt, id] of rows) this.s.setVisibleAt.run(visibleAt, q.id, id);
      });
      this.schedule(q);
      this.wake(q);
    }
    return outcomes;
  }

  async purge(key: QueueKey): Promise<void> {
    const q = this.need(key);
    const upTo = this.lastId;
    q.purgedUpTo = upTo;
    q.index.purgeAll(upTo);
    q.attempts.clear();
    this.schedule(q);
    // Durable in one row; the messages' rows go in the background (skipped at load until then).
    await this.writes.run(() => this.s.setPurgedUpTo.run(upTo, q.id));
    this.leftovers.set(q.id, Math.max(this.leftovers.get(q.id) ?? 0, upTo));
    this.cleanUp();
  }

  counts(key: QueueKey): QueueCounts {
    const q = this.need(key);
    this.advance(q);
    return { visible: q.index.visible, inFlight: q.index.inFlight, delayed: q.index.delayed };
  }

  async move(from: QueueKey, to: QueueKey | 'source', max: number): Promise<number> {
    const src = this.need(from);
    const fixed = to === 'source' ? undefined : this.need(to);
    this.advance(src);
    const now = this.now();
    const targets = new Map<IndexedMessage, Queue>();
    const chosen = src.index.oldestVisible(max, (m) => {
      if (m.sentAt <= now - src.row.settings.retentionSeconds * 1000) return true;
      let target = fixed;
      if (!target) {
        const arn = this.s.sourceArnOf.get(m.id) as string | null | undefined;
        target = arn ? this.byArn.get(arn) : undefined;
      }
      if (!target || target === src) return true;
      targets.set(m, target);
      return false;
    });
    if (chosen.length === 0) return 0;
    const moves = chosen.map((m) => {
      const target = targets.get(m) as Queue;
      src.index.remove(m, MessageState.Moved);
      const a: Arrival = {
        id: ++this.lastId,
        sentAt: now,
        visibleAt: now + target.row.settings.delaySeconds * 1000,
        receiveCount: 0,
        firstReceivedAt: 0,
        groupId: target.index.fifo ? (m.group?.id ?? '') : undefined,
      };
      return { m, target, a, messageId: randomUUID() };
    });
    await this.writes.run(() => {
      for (const { m, target, a, messageId } of moves) {
        this.s.copyMoved.run(a.id, messageId, m.id);
        this.s.insertMessage.run(target.id, a.id, a.sentAt, a.visibleAt, 0, 0, a.groupId ?? null);
        this.s.deleteMessage.run(src.id, m.id);
        this.s.deleteBody.run(m.id);
      }
    });
    const byTarget = new Map<Queue, Arrival[]>();
    for (const { target, a } of moves) {
      const list = byTarget.get(target);
      if (list) list.push(a);
      else byTarget.set(target, [a]);
    }
    for (const [target, arrivals] of byTarget) this.arrive(target, arrivals);
    if (src.index.fifo) this.wake(src);
    return moves.length;
  }

  /** Runs the work that is due now (delays ended, leases run out, retention, expired long polls). For tests. */
  async tick(): Promise<void> {
    const now = this.now();
    for (const q of this.byKey.values()) {
      // Due messages first: a waiter whose deadline is also now still gets them.
      this.runDue(q);
      for (const w of q.waiters.filter((x) => x.deadline <= now)) {
        q.waiters.splice(q.waiters.indexOf(w), 1);
        w.finish([]);
      }
    }
    await this.sweep();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A cleanup step in progress finishes; the rest waits for the next start.
    await this.cleaning;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const q of this.byKey.values()) {
      if (q.timer) clearTimeout(q.timer);
      q.timer = undefined;
      for (const w of q.waiters.splice(0)) w.finish([]);
    }
  }

  // ---------------------------------------------------------------- internals

  private assertOpen(): void {
    if (!this.handles) throw new Error('queue store used before open()');
    if (this.closed) throw new Error('queue store is closed');
  }

  private need(key: QueueKey): Queue {
    this.assertOpen();
    const q = this.byKey.get(keyOf(key));
    if (!q) throw new QueueMissingError(key.name);
    return q;
  }

  private register(id: number, row: QueueRow): Queue {
    const q: Queue = {
      id,
      row,
      index: new MessageIndex(row.settings.fifo),
      dedup: new DedupWindow(),
      attempts: new AttemptLog(),
      waiters: [],
      deleted: false,
      purgedUpTo: 0,
      timer: undefined,
      timerAt: undefined,
    };
    this.byKey.set(keyOf(row), q);
    this.byArn.set(row.arn, q);
    return q;
  }

  private unregister(q: Queue): void {
    if (this.byKey.get(keyOf(q.row)) === q) this.byKey.delete(keyOf(q.row));
    if (this.byArn.get(q.row.arn) === q) this.byArn.delete(q.row.arn);
    if (q.timer) clearTimeout(q.timer);
    q.timer = undefined;
  }

  /** Committed messages enter the index (unless their queue went or was purged meanwhile) and wake receivers. */
  private arrive(q: Queue, arrivals: readonly Arrival[]): void {
    if (q.deleted) return;
    const now = this.now();
    for (const a of arrivals) {
      if (a.id <= q.purgedUpTo) continue;
      q.index.add(a.id, a.sentAt, a.visibleAt, a.receiveCount, a.firstReceivedAt, a.groupId, now);
    }
    this.schedule(q);
    this.wake(q);
  }

  /** The live message a handle names, or why there is none. */
  private lookup(q: Queue, handle: string): IndexedMessage | 'malformed' | 'expired' {
    const parts = (this.handles as ReceiptHandles).parse(handle);
    if (!parts || parts.queueId !== q.id) return 'malformed';
    const m = q.index.byId.get(parts.messageId);
    if (!m || m.receiveCount !== parts.receiveCount) return 'expired';
    return m;
  }

  /**
   * Makes what is due visible before a call looks at the queue (its timer may not have fired yet). Whoever consumes
   * the due work also serves the waiting long polls: the timer will find nothing left to do.
   */
  private advance(q: Queue): void {
    if (q.index.advance(this.now()) > 0) {
      this.schedule(q);
      this.wake(q);
    }
  }

  /**
   * One receive: decides in memory now, then writes the leases (and any expiries and dead-letter moves it met on
   * the way) and reads the bodies in one transaction. `leased` says how many messages it will return.
   */
  private tryReceive(
    q: Queue,
    max: number,
    visibilityTimeoutSeconds: number | undefined,
    attemptId: string | undefined,
  ): { leased: number; messages: Promise<ReceivedMessage[]> } {
    const now = this.now();
    const settings = q.row.settings;
    const redrive = settings.redrive;
    const dlq = redrive ? this.byArn.get(redrive.deadLetterTargetArn) : undefined;
    const decision = q.index.receive(max, {
      now,
      deadline: now + (visibilityTimeoutSeconds ?? settings.visibilityTimeoutSeconds) * 1000,
      expiredAtOrBefore: now - settings.retentionSeconds * 1000,
      maxReceiveCount: dlq && dlq !== q ? redrive?.maxReceiveCount : undefined,
    });
    const leased = decision.leased.length;
    if (leased === 0 && decision.expired.length === 0 && decision.deadLettered.length === 0) {
      return { leased, messages: NOTHING };
    }
    if (attemptId !== undefined && leased > 0) q.attempts.record(attemptId, decision.leased, now);
    if (leased > 0) this.schedule(q);
    const messages = this.writeReceive(q, decision, dlq, now).catch((e: unknown) => {
      // The leases never reached the disk: give the messages back rather than keep them hidden.
      for (const m of decision.leased) {
        if (m.state === MessageState.InFlight) q.index.changeVisibility(m, now, now);
      }
      this.wake(q);
      throw e;
    });
    return { leased, messages };
  }

  private async writeReceive(
    q: Queue,
    decision: ReceiveDecision,
    dlq: Queue | undefined,
    now: number,
  ): Promise<ReceivedMessage[]> {
    const leases = decision.leased.map((m) => [m, m.receiveCount, m.visibleAt, m.firstReceivedAt] as const);
    const redriven = dlq
      ? decision.deadLettered.map((m): { m: IndexedMessage; a: Arrival } => ({
          m,
          a: {
            id: ++this.lastId,
            // Standard queues keep the original enqueue time (retention counts from it); FIFO queues reset it.
            sentAt: dlq.index.fifo ? now : m.sentAt,
            visibleAt: now,
            receiveCount: m.receiveCount,
            firstReceivedAt: m.firstReceivedAt,
            groupId: dlq.index.fifo ? (m.group?.id ?? '') : undefined,
          },
        }))
      : [];
    const handles = this.handles as ReceiptHandles;
    const messages = await this.writes.run(() => {
      for (const m of decision.expired) {
        this.s.deleteMessage.run(q.id, m.id);
        this.s.deleteBody.run(m.id);
      }
      if (dlq) {
        const copy = dlq.index.fifo ? this.s.copyToFifoDeadLetter : this.s.copyToDeadLetter;
        for (const { m, a } of redriven) {
          copy.run(a.id, q.row.arn, m.id);
          this.s.insertMessage.run(dlq.id, a.id, a.sentAt, a.visibleAt, a.receiveCount, a.firstReceivedAt, a.groupId ?? null);
          this.s.deleteMessage.run(q.id, m.id);
          this.s.deleteBody.run(m.id);
        }
      }
      const out: ReceivedMessage[] = [];
      for (const [m, receiveCount, visibleAt, firstReceivedAt] of leases) {
        this.s.lease.run(receiveCount, visibleAt, firstReceivedAt, q.id, m.id);
        const row = this.s.readBody.get(m.id) as BodyDbRow | undefined;
        if (!row) continue;
        out.push(this.toReceived(q, m, row, handles.mint(q.id, m.id, receiveCount), receiveCount, firstReceivedAt));
      }
      return out;
    });
    if (dlq && redriven.length > 0) this.arrive(dlq, redriven.map((r) => r.a));
    return messages;
  }

  private toReceived(
    q: Queue,
    m: IndexedMessage,
    row: BodyDbRow,
    receiptHandle: string,
    receiveCount: number,
    firstReceivedAt: number,
  ): ReceivedMessage {
    const meta = JSON.parse(row.meta) as Omit<NewMessage, 'messageId' | 'body'>;
    const out: ReceivedMessage = {
      ...meta,
      messageId: row.message_id,
      body: row.body,
      receiptHandle,
      receiveCount,
      sentAt: m.sentAt,
      firstReceivedAt,
    };
    if (q.index.fifo) {
      out.groupId = m.group?.id ?? '';
      out.sequenceNumber = sequenceNumberOf(m.id);
    }
    return out;
  }

  /**
   * A retried FIFO receive (same ReceiveRequestAttemptId within 5 minutes, nothing changed since): the same
   * messages and handles, with their visibility timeout started again.
   */
  private replay(q: Queue, attemptId: string, visibilityTimeoutSeconds: number | undefined): Promise<ReceivedMessage[]> | undefined {
    const now = this.now();
    const record = q.attempts.replay(attemptId, now);
    if (!record) return undefined;
    const deadline = now + (visibilityTimeoutSeconds ?? q.row.settings.visibilityTimeoutSeconds) * 1000;
    for (const it of record.items) {
      q.index.changeVisibility(it.m, deadline, now);
      it.visibleAt = it.m.visibleAt;
    }
    this.schedule(q);
    const handles = this.handles as ReceiptHandles;
    const items = record.items.map((it) => [it.m, it.m.visibleAt] as const);
    return this.writes.run(() => {
      const out: ReceivedMessage[] = [];
      for (const [m, visibleAt] of items) {
        this.s.setVisibleAt.run(visibleAt, q.id, m.id);
        const row = this.s.readBody.get(m.id) as BodyDbRow | undefined;
        if (row) out.push(this.toReceived(q, m, row, handles.mint(q.id, m.id, m.receiveCount), m.receiveCount, m.firstReceivedAt));
      }
      return out;
    });
  }

  /** A long poll: waits until a receive gets something, the deadline passes, the signal aborts or the store closes. */
  private wait(q: Queue, opts: ReceiveOptions, attemptId: string | undefined): Promise<ReceivedMessage[]> {
    if (this.closed || q.deleted) return Promise.resolve([]);
    return new Promise<ReceivedMessage[]>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const signal = opts.signal;
      const onAbort = (): void => {
        const i = q.waiters.indexOf(waiter);
        if (i >= 0) q.waiters.splice(i, 1);
        waiter.finish([]);
      };
      let done = false;
      const waiter: Waiter = {
        max: opts.max,
        visibilityTimeoutSeconds: opts.visibilityTimeoutSeconds,
        attemptId,
        deadline: this.now() + opts.waitMs,
        finish: (messages) => {
          if (done) return;
          done = true;
          if (timer) clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (Array.isArray(messages)) resolve(messages);
          else messages.then(resolve, reject);
        },
      };
      q.waiters.push(waiter);
      timer = setTimeout(onAbort, opts.waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Serves waiting long polls, oldest first, while messages can be received. */
  private wake(q: Queue): void {
    while (q.waiters.length > 0 && !q.deleted) {
      const w = q.waiters[0] as Waiter;
      // A receive that leases nothing has also met every message it could (expiries and redrives do not count
      // toward `max`), so nothing is receivable for anyone.
      const got = this.tryReceive(q, w.max, w.visibilityTimeoutSeconds, w.attemptId);
      if (got.leased === 0) {
        got.messages.catch(this.onError);
        break;
      }
      q.waiters.shift();
      w.finish(got.messages);
    }
  }

  /** Makes due messages visible and serves waiters, then re-arms the queue's timer. */
  private runDue(q: Queue): void {
    q.timerAt = undefined;
    q.timer = undefined;
    const n = q.index.advance(this.now());
    this.schedule(q);
    if (n > 0) this.wake(q);
  }

  /** Arms the queue's timer for its next delay end or lease deadline. */
  private schedule(q: Queue): void {
    if (!this.timers || this.closed || q.deleted) return;
    const next = q.index.nextDueAt();
    if (next === q.timerAt && (next === undefined || q.timer)) return;
    if (q.timer) clearTimeout(q.timer);
    q.timer = undefined;
    q.timerAt = next;
    if (next === undefined) return;
    // setTimeout's longest delay is 2^31-1 ms; a later deadline re-arms when that fires.
    const delay = Math.min(Math.max(0, next - this.now()), 0x7fffffff);
    q.timer = setTimeout(() => this.runDue(q), delay);
    q.timer.unref();
  }

  /**
   * Removes the rows purges and queue deletions left, a chunk per transaction with the event loop free in between
   * (a purge of a million messages must not stall every other call for seconds).
   */
  private cleanUp(): void {
    if (this.cleaning || this.leftovers.size === 0 || this.closed) return;
    this.cleaning = (async () => {
      try {
        while (!this.closed) {
          const next = this.leftovers.entries().next();
          if (next.done) break;
          const [queueId, upTo] = next.value;
          const ids = await this.writes.run(
            () => {
              const chunk = this.s.leftovers.all(queueId, upTo, CLEANUP_CHUNK) as number[];
              for (const id of chunk) {
                this.s.deleteMessage.run(queueId, id);
                this.s.deleteBody.run(id);
              }
              return chunk.length;
            },
            { lazy: true },
          );
          if (ids < CLEANUP_CHUNK && this.leftovers.get(queueId) === upTo) this.leftovers.delete(queueId);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch (e) {
        this.onError(e);
      } finally {
        this.cleaning = undefined;
      }
      // Leftovers added while the last step finished.
      if (this.leftovers.size > 0) this.cleanUp();
    })();
  }

  /** Retention (expired messages leave, counted and on disk) and the FIFO windows. */
  private async sweep(): Promise<void> {
    const now = this.now();
    const writes: Promise<unknown>[] = [];
    for (const q of this.byKey.values()) {
      q.dedup.sweep(now);
      q.attempts.sweep(now);
      const expired = q.index.expiredBy(now - q.row.settings.retentionSeconds * 1000, SWEEP_BATCH);
      if (expired.length === 0) continue;
      for (const m of expired) q.index.remove(m, MessageState.Expired);
      const ids = expired.map((m) => m.id);
      writes.push(
        this.writes.run(
          () => {
            for (const id of ids) {
              this.s.deleteMessage.run(q.id, id);
              this.s.deleteBody.run(id);
            }
          },
          { lazy: true },
        ),
      );
      this.schedule(q);
      if (q.index.fifo) this.wake(q);
    }
    if (now - this.lastDedupSweep >= DEDUP_WINDOW_MS / 10) {
      this.lastDedupSweep = now;
      for (const [k, at] of this.deletedAt) if (now - at >= DELETED_RECENTLY_MS) this.deletedAt.delete(k);
      writes.push(this.writes.run(() => this.s.sweepDedup.run(now), { lazy: true }));
    }
    await Promise.all(writes);
  }
}
