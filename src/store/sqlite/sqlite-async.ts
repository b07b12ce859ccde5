// The asynchronous invocation queue and EventInvokeConfig documents in SQLite.
//
// Queue writes (accepting an event, recording an attempt, finishing an event
// with its destination deliveries; SQS messages) go through a group commit:
// every write submitted during one turn of the event loop runs in one
// transaction, each in its own savepoint, and every promise resolves only
// after that transaction is on disk. With many clients sending at once, one
// fsync then covers many writes.
import { fsync, openSync, closeSync } from 'node:fs';
import type { Database as Db, Statement } from 'better-sqlite3';
import {
  StoreMissingError,
  type AsyncAttemptResult,
  type AsyncCounter,
  type AsyncDelivery,
  type AsyncEvent,
  type AsyncEventStore,
  type AsyncFunctionStats,
  type EventInvokeConfigRow,
  type EventInvokeConfigStore,
  type FunctionKey,
  type NewAsyncEvent,
} from '../types.js';

const LAZY_MS = 2;

interface Pending {
  fn: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs the writes submitted in one event-loop turn in a single transaction (one fsync for all).
 * Writes nobody is waiting on (`lazy`: recording an attempt, finishing an event) may wait up to
 * LAZY_MS for company, so a draining queue does not pay one fsync per event.
 *
 * Where the fsync runs: with `walFile` (a file database in WAL mode), the transaction commits with
 * synchronous=NORMAL (its frames are written to the WAL, not yet synced) and the WAL is then fsynced on libuv's
 * thread pool; the promises settle after that fsync. The main thread never waits for the disk, and commits made
 * while an fsync is in flight share the next one. The durability is FULL's: every acknowledged commit's frames are
 * synced (a checkpoint in between syncs the WAL before copying and the database after, at NORMAL too). Other
 * connections could read a commit before its fsync; Lambent is the database's only user, and the queue engine makes
 * a sent message receivable only once its promise settled. Without `walFile` (':memory:'), commits are FULL.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private walFd: number | undefined;
  /** Settlements waiting for the next WAL fsync, and whether one is in flight. */
  private unsynced: ((error?: unknown) => void)[] = [];
  private syncing = false;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly opts: { walFile?: string } = {},
  ) {}

  run<T>(fn: () => T, opts: { lazy?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.scheduled) return;
      if (opts.lazy) this.timer ??= setTimeout(() => this.flush(), LAZY_MS);
      else this.scheduled = setImmediate(() => this.flush());
    });
  }

  /** Commits everything submitted so far (also called before the database closes). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.timer) clearTimeout(this.timer);
    this.scheduled = undefined;
    this.timer = undefined;
    const ops = this.queue;
    this.queue = [];
    if (ops.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const offThread = this.walSync();
    try {
      if (offThread) this.db.pragma('synchronous = NORMAL');
      try {
        this.db.transaction(() => {
          for (const op of ops) {
            try {
              // A nested transaction is a savepoint: a failing write is undone alone.
              outcomes.push({ ok: true, value: this.db.transaction(op.fn)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })();
      } finally {
        if (offThread) this.db.pragma('synchronous = FULL');
      }
    } catch (error) {
      for (const op of ops) op.reject(error);
      return;
    }
    const settle = (syncError?: unknown): void => {
      ops.forEach((op, i) => {
        const o = outcomes[i];
        if (syncError !== undefined) op.reject(syncError);
        else if (o?.ok) op.resolve(o.value);
        else op.reject(o?.error);
      });
    };
    if (!offThread) settle();
    else this.afterSync(settle);
  }

  /** Waits for in-flight fsyncs; later commits are FULL (the database is closing). */
  async close(): Promise<void> {
    this.flush();
    this.closed = true;
    while (this.syncing || this.unsynced.length > 0) await new Promise<void>((r) => this.unsynced.push(() => r()));
    if (this.walFd !== undefined) closeSync(this.walFd);
    this.walFd = undefined;
  }

  /** True when commits are synced off the main thread (the WAL file is open). */
  private walSync(): boolean {
    if (this.closed || this.opts.walFile === undefined) return false;
    if (this.walFd === undefined) {
      try {
        // The WAL exists once the database is in WAL mode and has been written (migrations ran).
        this.walFd = openSync(this.opts.walFile, 'r+');
      } catch {
        return false;
      }
    }
    return true;
  }

  private afterSync(settle: (error?: unknown) => void): void {
    this.unsynced.push(settle);
    if (!this.syncing) this.startSync();
  }

  private startSync(): void {
    const fd = this.walFd;
    const batch = this.unsynced;
    this.unsynced = [];
    if (fd === undefined) {
      for (const done of batch) done();
      return;
    }
    this.syncing = true;
    fsync(fd, (err) => {
      this.syncing = false;
      // A failed fsync (EIO, disk gone): the writes are committed but maybe not on disk; the callers hear so.
      for (const done of batch) done(err ?? undefined);
      if (this.unsynced.length > 0) this.startSync();
    });
  }
}

interface EventDbRow {
  id: number;
  account_id: string;
  region: string;
  name: string;
  version: string;
  qualifier: string;
  request_id: string;
  invoked_arn: string;
  payload: Buffer;
  client_context: string | null;
  accepted_at: number;
  attempts: number;
  next_attempt_at: number;
  last_result: string | null;
  last_payload: Buffer | null;
}

const COUNTER_COLUMNS: Record<AsyncCounter, string> = {
  received: 'received',
  dropped: 'dropped',
  destinationDeliveryFailures: 'destination_delivery_failures',
  deadLetterErrors: 'dead_letter_errors',
};

export function isForeignKeyError(e: unknown): boolean {
  return (e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function toEvent(r: EventDbRow): AsyncEvent {
  const ev: AsyncEvent = {
    id: r.id,
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    version: r.version,
    qualifier: r.qualifier,
    requestId: r.request_id,
    invokedArn: r.invoked_arn,
    payload: r.payload,
    acceptedAt: r.accepted_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
  };
  if (r.client_context !== null) ev.clientContext = r.client_context;
  if (r.last_result !== null) {
    const meta = JSON.parse(r.last_result) as Omit<AsyncAttemptResult, 'payload'>;
    ev.lastResult = { ...meta, payload: r.last_payload ?? Buffer.alloc(0) };
  }
  return ev;
}

export class SqliteAsyncEventStore implements AsyncEventStore {
  private readonly s: Record<'insert' | 'due' | 'nextDue' | 'keys' | 'retry' | 'delete' | 'depth' | 'counters', Statement>;
  private readonly bump: Record<AsyncCounter, Statement>;

  constructor(
    private readonly db: Db,
    private readonly writes: GroupCommit,
  ) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO async_events (account_id, region, name, version, qualifier, request_id, invoked_arn, payload,
           client_context, accepted_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      due: db.prepare(
        `SELECT * FROM async_events WHERE account_id = ? AND region = ? AND name = ? AND next_attempt_at <= ?
         AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      nextDue: db.prepare(
        `SELECT MIN(next_attempt_at) AS t FROM async_events WHERE account_id = ? AND region = ? AND name = ?
         AND id NOT IN (SELECT value FROM json_each(?))`,
      ),
      keys: db.prepare('SELECT DISTINCT account_id, region, name FROM async_events'),
      retry: db.prepare(
        'UPDATE async_events SET attempts = ?, next_attempt_at = ?, last_result = ?, last_payload = ? WHERE id = ?',
      ),
      delete: db.prepare('DELETE FROM async_events WHERE id = ?'),
      depth: db.prepare(
        `SELECT account_id, region, name, COUNT(*) AS n, MIN(accepted_at) AS oldest FROM async_events
         GROUP BY account_id, region, name`,
      ),
      counters: db.prepare('SELECT * FROM async_counters'),
    };
    const bump = (column: string): Statement =>
      db.prepare(
        `INSERT INTO async_counters (account_id, region, name, ${column}) VALUES (?, ?, ?, 1)
         ON CONFLICT (account_id, region, name) DO UPDATE SET ${column} = ${column} + 1`,
      );
    this.bump = {
      received: bump(COUNTER_COLUMNS.received),
      dropped: bump(COUNTER_COLUMNS.dropped),
      destinationDeliveryFailures: bump(COUNTER_COLUMNS.destinationDeliveryFailures),
      deadLetterErrors: bump(COUNTER_COLUMNS.deadLetterErrors),
    };
  }

  async enqueue(event: NewAsyncEvent): Promise<number> {
    try {
      return await this.writes.run(() => this.insert(event));
    } catch (e) {
      if (isForeignKeyError(e)) throw new StoreMissingError(event.name);
      throw e;
    }
  }

  async due(k: FunctionKey, now: number, limit: number, exclude: readonly number[]): Promise<AsyncEvent[]> {
    const rows = this.s.due.all(k.accountId, k.region, k.name, now, JSON.stringify(exclude), limit) as EventDbRow[];
    return rows.map(toEvent);
  }

  async nextDueAt(k: FunctionKey, exclude: readonly number[]): Promise<number | undefined> {
    const r = this.s.nextDue.get(k.accountId, k.region, k.name, JSON.stringify(exclude)) as { t: number | null } | undefined;
    return r?.t ?? undefined;
  }

  async functionsWithEvents(): Promise<FunctionKey[]> {
    return (this.s.keys.all() as { account_id: string; region: string; name: string }[]).map((r) => ({
      accountId: r.account_id,
      region: r.region,
      name: r.name,
    }));
  }

  async retry(
    id: number,
    next: { attempts: number; nextAttemptAt: number; lastResult?: AsyncAttemptResult },
  ): Promise<boolean> {
    const last = next.lastResult;
    const meta = last
      ? JSON.stringify({
          statusCode: last.statusCode,
          executedVersion: last.executedVersion,
          ...(last.functionError ? { functionError: last.functionError } : {}),
        })
      : null;
    return this.writes.run(
      () => this.s.retry.run(next.attempts, next.nextAttemptAt, meta, last?.payload ?? null, id).changes === 1,
      { lazy: true },
    );
  }

  async finish(
    id: number,
    key: FunctionKey,
    outcome: { dropped: boolean; deliveries: AsyncDelivery[]; failed?: AsyncCounter[] },
  ): Promise<{ found: boolean; undelivered: number[] }> {
    return this.writes.run(() => {
      const undelivered: number[] = [];
      if (this.s.delete.run(id).changes !== 1) return { found: false, undelivered };
      if (outcome.dropped) this.count(key, 'dropped');
      for (const counter of outcome.failed ?? []) this.count(key, counter);
      outcome.deliveries.forEach((d, i) => {
        try {
          this.db.transaction(() => this.insert(d.event))();
        } catch (e) {
          if (!isForeignKeyError(e)) throw e;
          undelivered.push(i);
          this.count(key, d.onMissing);
        }
      });
      return { found: true, undelivered };
    }, { lazy: true });
  }

  async stats(): Promise<AsyncFunctionStats[]> {
    const byKey = new Map<string, AsyncFunctionStats>();
    const entry = (r: { account_id: string; region: string; name: string }): AsyncFunctionStats => {
      const id = `${r.account_id}\u0000${r.region}\u0000${r.name}`;
      let s = byKey.get(id);
      if (!s) {
        s = {
          accountId: r.account_id,
          region: r.region,
          name: r.name,
          queued: 0,
          oldestAcceptedAt: undefined,
          counters: { received: 0, dropped: 0, destinationDeliveryFailures: 0, deadLetterErrors: 0 },
        };
        byKey.set(id, s);
      }
      return s;
    };
    type Keyed = { account_id: string; region: string; name: string };
    for (const r of this.s.counters.all() as (Keyed & Record<string, number>)[]) {
      const s = entry(r);
      for (const [counter, column] of Object.entries(COUNTER_COLUMNS) as [AsyncCounter, string][]) {
        s.counters[counter] = r[column] ?? 0;
      }
    }
    for (const r of this.s.depth.all() as (Keyed & { n: number; oldest: number })[]) {
      const s = entry(r);
      s.queued = r.n;
      s.oldestAcceptedAt = r.oldest;
    }
    return [...byKey.values()];
  }

  private insert(e: NewAsyncEvent): number {
    const info = this.s.insert.run(
      e.accountId,
      e.region,
      e.name,
      e.version,
      e.qualifier,
      e.requestId,
      e.invokedArn,
      e.payload,
      e.clientContext ?? null,
      e.acceptedAt,
      e.acceptedAt,
    );
    this.count(e, 'received');
    return Number(info.lastInsertRowid);
  }

  private count(k: FunctionKey, counter: AsyncCounter): void {
    this.bump[counter].run(k.accountId, k.region, k.name);
  }
}

interface ConfigDbRow {
  account_id: string;
  region: string;
  name: string;
  qualifier: string;
  config: string;
  last_modified: number;
}

function toConfigRow<C>(r: ConfigDbRow): EventInvokeConfigRow<C> {
  return {
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    qualifier: r.qualifier,
    config: JSON.parse(r.config) as C,
    lastModified: r.last_modified,
  };
}

export class SqliteEventInvokeConfigStore implements EventInvokeConfigStore {
  private readonly s: Record<'get' | 'put' | 'delete' | 'list', Statement>;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM event_invoke_configs WHERE account_id = ? AND region = ? AND name = ? AND qualifier = ?'),
      put: db.prepare(
        `INSERT INTO event_invoke_configs (account_id, region, name, qualifier, config, last_modified)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, name, qualifier) DO UPDATE SET
           config = excluded.config, last_modified = excluded.last_modified`,
      ),
      delete: db.prepare('DELETE FROM event_invoke_configs WHERE account_id = ? AND region = ? AND name = ? AND qualifier = ?'),
      list: db.prepare(
        `SELECT * FROM event_invoke_configs WHERE account_id = ? AND region = ? AND name = ? AND qualifier > ?
         ORDER BY qualifier LIMIT ?`,
      ),
    };
  }

  async get<C>(k: FunctionKey, qualifier: string): Promise<EventInvokeConfigRow<C> | undefined> {
    const r = this.s.get.get(k.accountId, k.region, k.name, qualifier) as ConfigDbRow | undefined;
    return r ? toConfigRow<C>(r) : undefined;
  }

  async put<C>(row: EventInvokeConfigRow<C>): Promise<void> {
    try {
      this.s.put.run(row.accountId, row.region, row.name, row.qualifier, JSON.stringify(row.config), row.lastModified);
    } catch (e) {
      if (isForeignKeyError(e)) throw new StoreMissingError(row.name);
      throw e;
    }
  }

  async delete(k: FunctionKey, qualifier: string): Promise<boolean> {
    return this.s.delete.run(k.accountId, k.region, k.name, qualifier).changes === 1;
  }

  async list<C>(k: FunctionKey, afterQualifier: string | undefined, limit: number): Promise<EventInvokeConfigRow<C>[]> {
    const rows = this.s.list.all(k.accountId, k.region, k.name, afterQualifier ?? '', limit) as ConfigDbRow[];
    return rows.map((r) => toConfigRow<C>(r));
  }
}
