// Function logs in SQLite: one row per event, streams tracked for listing. Batches are written
// with one statement each and committed without fsync (see append).
import type { Database as Db, Statement } from 'better-sqlite3';
import type { LogEvent, LogStore, StoredLogEvent } from '../types.js';

export class SqliteLogStore implements LogStore {
  private readonly insertEvents: Statement;
  private readonly upsertStream: Statement;
  private readonly readStream: Statement;
  private readonly readGroup: Statement;
  private readonly streams: Statement;

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
  }

  async append(group: string, stream: string, events: LogEvent[]): Promise<void> {
    if (events.length === 0) return;
    const now = Date.now();
    let first = Infinity;
    let last = 0;
    let bytes = 0;
    const pairs: [number, string][] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as LogEvent;
      pairs[i] = [e.timestamp, e.message];
      if (e.timestamp < first) first = e.timestamp;
      if (e.timestamp > last) last = e.timestamp;
      bytes += Buffer.byteLength(e.message);
    }
    const json = JSON.stringify(pairs);
    // Function logs promise no durability beyond the process (they wait up to 250 ms in memory before
    // they get here), so their commit does not wait for fsync: WAL with synchronous=NORMAL survives a
    // process crash, and the next FULL commit or checkpoint puts them on disk. better-sqlite3 is
    // synchronous, so no other transaction can run between the two pragmas.
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        this.insertEvents.run(group, stream, now, json);
        this.upsertStream.run(group, stream, now, first, last, bytes);
      })();
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
