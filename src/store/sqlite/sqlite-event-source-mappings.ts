// Lambda event source mappings: one row each, the configuration document as JSON. The service keeps every mapping
// in memory too (its pollers run from there); this table is what survives a restart.
import type { Database as Db, Statement } from 'better-sqlite3';
import type { EventSourceMappingRow, EventSourceMappingStore } from '../types.js';

interface MappingDbRow {
  uuid: string;
  account_id: string;
  region: string;
  event_source_arn: string;
  function_arn: string;
  config: string;
  tags: string;
}

function toRow<C>(r: MappingDbRow): EventSourceMappingRow<C> {
  return {
    uuid: r.uuid,
    accountId: r.account_id,
    region: r.region,
    eventSourceArn: r.event_source_arn,
    functionArn: r.function_arn,
    config: JSON.parse(r.config) as C,
    tags: JSON.parse(r.tags) as Record<string, string>,
  };
}

export class SqliteEventSourceMappingStore implements EventSourceMappingStore {
  private readonly s: Record<'get' | 'put' | 'delete' | 'list' | 'all', Statement>;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM event_source_mappings WHERE uuid = ?'),
      put: db.prepare(
        `INSERT INTO event_source_mappings (uuid, account_id, region, event_source_arn, function_arn, config, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (uuid) DO UPDATE SET event_source_arn = excluded.event_source_arn,
           function_arn = excluded.function_arn, config = excluded.config, tags = excluded.tags`,
      ),
      delete: db.prepare('DELETE FROM event_source_mappings WHERE uuid = ?'),
      // A function filter matches the ARN itself and, when unqualified, every qualified ARN of the function.
      list: db.prepare(
        `SELECT * FROM event_source_mappings
         WHERE account_id = @account AND region = @region AND uuid > @after
           AND (@source IS NULL OR event_source_arn = @source)
           AND (@fn IS NULL OR function_arn = @fn OR (@unqualified = 1 AND substr(function_arn, 1, length(@fn) + 1) = @fn || ':'))
         ORDER BY uuid LIMIT @limit`,
      ),
      all: db.prepare('SELECT * FROM event_source_mappings ORDER BY uuid'),
    };
  }

  async get<C>(uuid: string): Promise<EventSourceMappingRow<C> | undefined> {
    const r = this.s.get.get(uuid) as MappingDbRow | undefined;
    return r ? toRow<C>(r) : undefined;
  }

  async put<C>(row: EventSourceMappingRow<C>): Promise<void> {
    this.s.put.run(row.uuid, row.accountId, row.region, row.eventSourceArn, row.functionArn, JSON.stringify(row.config), JSON.stringify(row.tags));
  }

  async delete(uuid: string): Promise<boolean> {
    return this.s.delete.run(uuid).changes === 1;
  }

  async list<C>(
    accountId: string,
    region: string,
    opts: { eventSourceArn?: string; functionArn?: string; after?: string; limit: number },
  ): Promise<EventSourceMappingRow<C>[]> {
    const fn = opts.functionArn ?? null;
    const rows = this.s.list.all({
      account: accountId,
      region,
      after: opts.after ?? '',
      source: opts.eventSourceArn ?? null,
      fn,
      // arn:aws:lambda:REGION:ACCOUNT:function:NAME has 7 parts; a qualified one has 8.
      unqualified: fn !== null && fn.split(':').length === 7 ? 1 : 0,
      limit: opts.limit,
    }) as MappingDbRow[];
    return rows.map((r) => toRow<C>(r));
  }

  async all<C>(): Promise<EventSourceMappingRow<C>[]> {
    return (this.s.all.all() as MappingDbRow[]).map((r) => toRow<C>(r));
  }
}
