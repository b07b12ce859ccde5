// Function logs in SQLite: one row per event, streams tracked for listing.
import type { Database as Db, Statement } from 'better-sqlite3';
import type { LogEvent, LogStore, StoredLogEvent } from '../types.js';

export class SqliteLogStore implements LogStore {
  private readonly insertEvent: Statement;
  private readonly upsertStream: Statement;
  private readonly readStream: Statement;
  private readonly readGroup: Statement;
  private readonly streams: Statement;

  constructor(private readonly db: Db) {
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
  }

  async append(group: string, stream: string, events: LogEvent[]): Promise<void> {
    if (events.length === 0) return;
    const now = Date.now();
    this.db.transaction(() => {
      let first = Infinity;
      let last = 0;
      let bytes = 0;
      for (const e of events) {
        this.insertEvent.run(group, stream, e.timestamp, now, e.message);
        first = Math.min(first, e.timestamp);
        last = Math.max(last, e.timestamp);
        bytes += Buffer.byteLength(e.message);
      }
      this.upsertStream.run(group, stream, now, first, last, bytes);
    })();
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
