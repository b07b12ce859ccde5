// Function aliases in SQLite. Every write checks, in the same transaction,
// that the versions the alias names still exist, so an alias never points at a
// deleted version (DeleteFunction with a Qualifier checks the reverse).
import type { Database as Db, Statement } from 'better-sqlite3';
import type { AliasRow, AliasWriteResult, FunctionKey } from '../types.js';
import type { RowCache } from './row-cache.js';

interface AliasDbRow {
  account_id: string;
  region: string;
  name: string;
  alias: string;
  function_version: string;
  routing_version: string | null;
  config: string;
  revision_id: string;
}

function toAlias<C>(r: AliasDbRow): AliasRow<C> {
  const row: AliasRow<C> = {
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    alias: r.alias,
    functionVersion: r.function_version,
    config: JSON.parse(r.config) as C,
    revisionId: r.revision_id,
  };
  if (r.routing_version !== null) row.routingVersion = r.routing_version;
  return row;
}

export class SqliteAliases {
  private readonly s: Record<
    'get' | 'list' | 'listForVersion' | 'insert' | 'update' | 'delete' | 'versionExists' | 'referencing',
    Statement
  >;

  /** Alias rows share the version cache (and its invalidation): see SqliteFunctionStore. */
  constructor(
    private readonly db: Db,
    private readonly cache: RowCache,
  ) {
    this.s = {
      get: db.prepare('SELECT * FROM function_aliases WHERE account_id = ? AND region = ? AND name = ? AND alias = ?'),
      list: db.prepare(
        `SELECT * FROM function_aliases WHERE account_id = ? AND region = ? AND name = ? AND alias > ?
         ORDER BY alias LIMIT ?`,
      ),
      listForVersion: db.prepare(
        `SELECT * FROM function_aliases WHERE account_id = ? AND region = ? AND name = ? AND alias > ?
         AND function_version = ? ORDER BY alias LIMIT ?`,
      ),
      insert: db.prepare(
        `INSERT INTO function_aliases
           (account_id, region, name, alias, function_version, routing_version, config, revision_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE function_aliases SET function_version = ?, routing_version = ?, config = ?, revision_id = ?
         WHERE account_id = ? AND region = ? AND name = ? AND alias = ? AND revision_id = ?`,
      ),
      delete: db.prepare('DELETE FROM function_aliases WHERE account_id = ? AND region = ? AND name = ? AND alias = ?'),
      versionExists: db.prepare(
        'SELECT 1 FROM function_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?',
      ),
      referencing: db.prepare(
        `SELECT alias FROM function_aliases WHERE account_id = ? AND region = ? AND name = ?
         AND (function_version = ? OR routing_version = ?) ORDER BY alias`,
      ),
    };
  }

  get<C>(k: FunctionKey, alias: string): AliasRow<C> | undefined {
    const r = this.cache.read(`a\u0000${k.accountId}\u0000${k.region}\u0000${k.name}\u0000${alias}`, () =>
      this.s.get.get(k.accountId, k.region, k.name, alias),
    ) as AliasDbRow | undefined;
    return r ? toAlias<C>(r) : undefined;
  }

  list<C>(k: FunctionKey, opts: { after?: string; functionVersion?: string; limit: number }): AliasRow<C>[] {
    const after = opts.after ?? '';
    const rows = (
      opts.functionVersion === undefined
        ? this.s.list.all(k.accountId, k.region, k.name, after, opts.limit)
        : this.s.listForVersion.all(k.accountId, k.region, k.name, after, opts.functionVersion, opts.limit)
    ) as AliasDbRow[];
    return rows.map((r) => toAlias<C>(r));
  }

  /** Names of the aliases that route to a version (primary or additional). Call inside a transaction. */
  referencing(k: FunctionKey, version: string): string[] {
    return (this.s.referencing.all(k.accountId, k.region, k.name, version, version) as { alias: string }[]).map(
      (r) => r.alias,
    );
  }

  create<C>(row: AliasRow<C>): AliasWriteResult {
    return this.cache.writing(() => this.db.transaction((): AliasWriteResult => {
      if (!this.versionsExist(row)) return 'missing-version';
      if (this.s.get.get(row.accountId, row.region, row.name, row.alias)) return 'exists';
      this.s.insert.run(
        row.accountId,
        row.region,
        row.name,
        row.alias,
        row.functionVersion,
        row.routingVersion ?? null,
        JSON.stringify(row.config),
        row.revisionId,
      );
      return 'ok';
    })());
  }

  update<C>(row: AliasRow<C>, expectRevisionId: string): AliasWriteResult {
    return this.cache.writing(() => this.db.transaction((): AliasWriteResult => {
      if (!this.versionsExist(row)) return 'missing-version';
      const info = this.s.update.run(
        row.functionVersion,
        row.routingVersion ?? null,
        JSON.stringify(row.config),
        row.revisionId,
        row.accountId,
        row.region,
        row.name,
        row.alias,
        expectRevisionId,
      );
      return info.changes === 1 ? 'ok' : 'moved';
    })());
  }

  delete(k: FunctionKey, alias: string): boolean {
    return this.cache.writing(() => this.s.delete.run(k.accountId, k.region, k.name, alias).changes === 1);
  }

  private versionsExist(row: AliasRow<unknown>): boolean {
    for (const v of [row.functionVersion, row.routingVersion]) {
      if (v !== undefined && !this.s.versionExists.get(row.accountId, row.region, row.name, v)) return false;
    }
    return true;
  }
}
