// Function logs in SQLite: one row per event, streams tracked for listing. Batches are written
// with one statement each and committed without fsync (see append). The total of stored message
// bytes is kept in memory (Lambent is the database's only writer), so the cap on stored logs
// (observability/function-logs.ts) costs no query per batch.
import type { Database as Db, Statement } from 'better-sqlite3';
import type { LogEvent, LogStore, StoredLogEvent } from '../types.js';

/** Batches whose messages average this many characters are inserted event by event, not as one JSON array. */
const LARGE_EVENT_CHARS = 16_384;

export class SqliteLogStore implements LogStore {
  private readonly insertEvents: Statement;
  private readonly insertEvent: Statement;
  private readonly upsertStream: Statement;
  private readonly readStream: Statement;
  private readonly readGroup: Statement;
  private readonly streams: Statement;
  private readonly oldest: Statement;
  private readonly deleteUpTo: Statement;
  private readonly shrinkStream: Statement;
  /** UTF-8 bytes of all stored messages: summed from log_streams once, then kept by append and deleteOldest. */
  private total: number;

  /** The store's own synchronous setting, restored after each log commit. */
  private readonly synchronous: number;

  constructor(private readonly db: Db) {
    this.synchronous = db.pragma('synchronous', { simple: true }) as number;
    // One statement per batch: the events travel as one JSON array of [timestamp, message] pairs,
    // which SQLite unpacks in order (json_each keeps array order, so ids follow the write order).
    // One bind and one step instead of five binds and a step per event.
    this.insertEvents = db.prepare(
      `INSERT INTO log_events (log_group, log_stream, timestamp, ingested_at, message)
       SELECT ?, ?, value ->> 0, ?, value ->> 1 FROM json_each(?)`,
    );
    // Large messages (a long line's events) go one statement each: for them escaping and parsing the JSON costs
    // about three times the four extra binds.
    this.insertEvent = db.prepare(
      'INSERT INTO log_events (log_group, log_stream, timestamp, ingested_at, message) VALUES (?, ?, ?, ?, ?)',
    );
    this.upsertStream = db.prepare(
      `INSERT INTO log_streams (log_group, log_stream, created_at, first_event_at, last_event_at, stored_bytes)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (log_group, log_stream) DO UPDATE SET
         first_event_at = MIN(COALESCE(first_event_at, excluded.first_event_at), excluded.first_event_at),
         last_event_at = MAX(COALESCE(last_event_at, excluded.last_event_at), excluded.last_event_at),
         stored_bytes = stored_bytes + excluded.stored_bytes`,
    );
    this.readStream = db.prepare(
      `SELECT timestamp, ingested_at, message FROM log_events
       WHERE log_group = ? AND log_stream = ? AND timestamp >= ? ORDER BY timestamp, id LIMIT ?`,
    );
    this.readGroup = db.prepare(
      `SELECT timestamp, ingested_at, message FROM log_events
       WHERE log_group = ? AND timestamp >= ? ORDER BY timestamp, id LIMIT ?`,
    );
    this.streams = db.prepare('SELECT log_stream FROM log_streams WHERE log_group = ? ORDER BY log_stream');
    // octet_length reads a message's size from its record header, not the message itself.
    this.oldest = db.prepare('SELECT id, log_group, log_stream, octet_length(message) AS bytes FROM log_events ORDER BY id LIMIT ?');
    this.deleteUpTo = db.prepare('DELETE FROM log_events WHERE id <= ?');
    this.shrinkStream = db.prepare(
      `UPDATE log_streams SET stored_bytes = MAX(0, stored_bytes - @bytes),
         first_event_at = (SELECT MIN(timestamp) FROM log_events WHERE log_group = @group AND log_stream = @stream)
       WHERE log_group = @group AND log_stream = @stream`,
    );
    this.total = (db.prepare('SELECT COALESCE(SUM(stored_bytes), 0) AS n FROM log_streams').get() as { n: number }).n;
  }

  async append(group: string, stream: string, events: LogEvent[]): Promise<void> {
    if (events.length === 0) return;
    const now = Date.now();
    let first = Infinity;
    let last = 0;
    let bytes = 0;
    let chars = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as LogEvent;
      if (e.timestamp < first) first = e.timestamp;
      if (e.timestamp > last) last = e.timestamp;
      chars += e.message.length;
      bytes += Buffer.byteLength(e.message);
    }
    const large = chars >= LARGE_EVENT_CHARS * events.length;
    const json = large ? '' : JSON.stringify(events.map((e) => [e.timestamp, e.message]));
    // Function logs promise no durability beyond the process (they wait up to 250 ms in memory before
    // they get here), so their commit does not wait for fsync: WAL with synchronous=NORMAL survives a
    // process crash, and the next FULL commit or checkpoint puts them on disk. better-sqlite3 is
    // synchronous, so no other transaction can run between the two pragmas.
    this.withoutFsync(() => {
      if (large) for (const e of events) this.insertEvent.run(group, stream, e.timestamp, now, e.message);
      else this.insertEvents.run(group, stream, now, json);
      this.upsertStream.run(group, stream, now, first, last, bytes);
    });
    this.total += bytes;
  }

  async storedBytes(): Promise<number> {
    return this.total;
  }

  async deleteOldest(bytes: number, maxEvents: number): Promise<{ events: number; bytes: number }> {
    // Ids follow the append order, so the oldest events are a prefix of the id order: one range delete.
    let lastId = -1;
    let events = 0;
    let freed = 0;
    const perStream = new Map<string, { group: string; stream: string; bytes: number }>();
    for (const row of this.oldest.iterate(maxEvents) as IterableIterator<{ id: number; log_group: string; log_stream: string; bytes: number }>) {
      lastId = row.id;
      events++;
      freed += row.bytes;
      const key = `${row.log_group}\u0000${row.log_stream}`;
      const s = perStream.get(key);
      if (s) s.bytes += row.bytes;
      else perStream.set(key, { group: row.log_group, stream: row.log_stream, bytes: row.bytes });
      if (freed >= bytes) break;
    }
    if (events === 0) return { events: 0, bytes: 0 };
    // Trimmed logs are no more durable than appended ones: the same commit without fsync.
    this.withoutFsync(() => {
      this.deleteUpTo.run(lastId);
      for (const s of perStream.values()) this.shrinkStream.run(s);
    });
    this.total = Math.max(0, this.total - freed);
    return { events, bytes: freed };
  }

  /** Runs fn in a transaction committed with synchronous=NORMAL, then restores the store's own setting. */
  private withoutFsync(fn: () => void): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(fn)();
    } finally {
      this.db.pragma(`synchronous = ${this.synchronous}`);
    }
  }

  async read(
    group: string,
    stream: string | undefined,
    opts: { startTime?: number; limit?: number } = {},
  ): Promise<StoredLogEvent[]> {
    const start = opts.startTime ?? 0;
    const limit = opts.limit ?? 10000;
    const rows = (
      stream === undefined ? this.readGroup.all(group, start, limit) : this.readStream.all(group, stream, start, limit)
    ) as { timestamp: number; ingested_at: number; message: string }[];
    return rows.map((r) => ({ timestamp: r.timestamp, ingestionTime: r.ingested_at, message: r.message }));
  }

  async listStreams(group: string): Promise<string[]> {
    return (this.streams.all(group) as { log_stream: string }[]).map((r) => r.log_stream);
  }
}
