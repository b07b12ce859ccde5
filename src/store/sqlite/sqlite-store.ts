// Embedded store on SQLite (better-sqlite3) in WAL mode with synchronous=FULL:
// a committed write survives a crash or power loss, and every multi-row change
// runs in one transaction so no reader ever sees half a function.
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';
import { SqliteLogStore } from './sqlite-logs.js';
import {
  StoreConflictError,
  type FunctionKey,
  type FunctionRow,
  type FunctionStore,
  type LogStore,
  type Store,
  type VersionRow,
} from '../types.js';

interface FunctionDbRow {
  account_id: string;
  region: string;
  name: string;
  created_at: string;
  tags: string;
}
interface VersionDbRow {
  account_id: string;
  region: string;
  name: string;
  version: string;
  config: string;
  code_sha256: string;
  revision_id: string;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i] as string);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

function toVersion<C>(r: VersionDbRow): VersionRow<C> {
  return {
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    version: r.version,
    config: JSON.parse(r.config) as C,
    codeSha256: r.code_sha256,
    revisionId: r.revision_id,
  };
}

class SqliteFunctionStore implements FunctionStore {
  private readonly s: Record<
    | 'getFn'
    | 'getVersion'
    | 'listLatest'
    | 'allLatest'
    | 'insertFn'
    | 'insertVersion'
    | 'replaceVersion'
    | 'deleteFn'
    | 'setTags'
    | 'codeRefs'
    | 'usage',
    Statement
  >;

  constructor(private readonly db: Db) {
    this.s = {
      getFn: db.prepare('SELECT * FROM functions WHERE account_id = ? AND region = ? AND name = ?'),
      getVersion: db.prepare(
        'SELECT * FROM function_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?',
      ),
      listLatest: db.prepare(
        `SELECT * FROM function_versions WHERE account_id = ? AND region = ? AND version = '$LATEST' AND name > ?
         ORDER BY name LIMIT ?`,
      ),
      allLatest: db.prepare(`SELECT * FROM function_versions WHERE version = '$LATEST'`),
      insertFn: db.prepare(
        'INSERT INTO functions (account_id, region, name, created_at, tags) VALUES (?, ?, ?, ?, ?)',
      ),
      insertVersion: db.prepare(
        `INSERT INTO function_versions (account_id, region, name, version, config, code_sha256, revision_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      replaceVersion: db.prepare(
        `UPDATE function_versions SET config = ?, code_sha256 = ?, revision_id = ?
         WHERE account_id = ? AND region = ? AND name = ? AND version = ? AND revision_id = ?`,
      ),
      deleteFn: db.prepare('DELETE FROM functions WHERE account_id = ? AND region = ? AND name = ?'),
      setTags: db.prepare('UPDATE functions SET tags = ? WHERE account_id = ? AND region = ? AND name = ?'),
      codeRefs: db.prepare('SELECT DISTINCT code_sha256 FROM function_versions'),
      usage: db.prepare(
        `SELECT COUNT(DISTINCT name) AS n, COALESCE(SUM(json_extract(config, '$.CodeSize')), 0) AS size
         FROM function_versions WHERE account_id = ? AND region = ?`,
      ),
    };
  }

  async get(k: FunctionKey): Promise<FunctionRow | undefined> {
    const r = this.s.getFn.get(k.accountId, k.region, k.name) as FunctionDbRow | undefined;
    if (!r) return undefined;
    return {
      accountId: r.account_id,
      region: r.region,
      name: r.name,
      createdAt: r.created_at,
      tags: JSON.parse(r.tags) as Record<string, string>,
    };
  }

  async getVersion<C>(k: FunctionKey, version: string): Promise<VersionRow<C> | undefined> {
    const r = this.s.getVersion.get(k.accountId, k.region, k.name, version) as VersionDbRow | undefined;
    return r ? toVersion<C>(r) : undefined;
  }

  async listLatest<C>(accountId: string, region: string, afterName: string | undefined, limit: number): Promise<VersionRow<C>[]> {
    const rows = this.s.listLatest.all(accountId, region, afterName ?? '', limit) as VersionDbRow[];
    return rows.map((r) => toVersion<C>(r));
  }

  async allLatest<C>(): Promise<VersionRow<C>[]> {
    return (this.s.allLatest.all() as VersionDbRow[]).map((r) => toVersion<C>(r));
  }

  async create<C>(fn: FunctionRow, latest: VersionRow<C>): Promise<void> {
    try {
      this.db.transaction(() => {
        this.s.insertFn.run(fn.accountId, fn.region, fn.name, fn.createdAt, JSON.stringify(fn.tags));
        this.s.insertVersion.run(
          latest.accountId,
          latest.region,
          latest.name,
          latest.version,
          JSON.stringify(latest.config),
          latest.codeSha256,
          latest.revisionId,
        );
      })();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreConflictError(fn.name);
      throw e;
    }
  }

  async replaceVersion<C>(row: VersionRow<C>, expectRevisionId: string): Promise<boolean> {
    const info = this.s.replaceVersion.run(
      JSON.stringify(row.config),
      row.codeSha256,
      row.revisionId,
      row.accountId,
      row.region,
      row.name,
      row.version,
      expectRevisionId,
    );
    return info.changes === 1;
  }

  async delete(k: FunctionKey): Promise<boolean> {
    return this.s.deleteFn.run(k.accountId, k.region, k.name).changes === 1;
  }

  async setTags(k: FunctionKey, tags: Record<string, string>): Promise<void> {
    this.s.setTags.run(JSON.stringify(tags), k.accountId, k.region, k.name);
  }

  async usage(accountId: string, region: string): Promise<{ functionCount: number; totalCodeSize: number }> {
    const r = this.s.usage.get(accountId, region) as { n: number; size: number };
    return { functionCount: r.n, totalCodeSize: r.size };
  }

  async codeReferences(): Promise<Set<string>> {
    return new Set((this.s.codeRefs.all() as { code_sha256: string }[]).map((r) => r.code_sha256));
  }
}

export class SqliteStore implements Store {
  readonly functions: FunctionStore;
  readonly logs: LogStore;
  private readonly db: Db;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the API answers (crash safety over a few µs).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.functions = new SqliteFunctionStore(this.db);
    this.logs = new SqliteLogStore(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
