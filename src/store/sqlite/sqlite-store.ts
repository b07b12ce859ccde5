// Embedded store on SQLite (better-sqlite3) in WAL mode with synchronous=FULL:
// a committed write survives a crash or power loss, and every multi-row change
// runs in one transaction so no reader ever sees half a function.
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';
import { SqliteAliases } from './sqlite-aliases.js';
import { SqliteConcurrencyStore } from './sqlite-concurrency.js';
import { GroupCommit, SqliteAsyncEventStore, SqliteEventInvokeConfigStore } from './sqlite-async.js';
import { SqliteLogStore } from './sqlite-logs.js';
import { SqlitePolicyStore } from './sqlite-policies.js';
import { SqliteIamStore } from './sqlite-iam.js';
import { SqliteEventSourceMappingStore } from './sqlite-event-source-mappings.js';
import type { IamStore } from '../iam-types.js';
import { RowCache } from './row-cache.js';
import { SqliteQueueStore, type SqliteQueueStoreOptions } from './queues/sqlite-queues.js';
import {
  StoreConflictError,
  type AliasRow,
  type AliasWriteResult,
  type FunctionKey,
  type FunctionRow,
  type FunctionStore,
  type LogStore,
  type AsyncEventStore,
  type ConcurrencyStore,
  type EventInvokeConfigStore,
  type FunctionPolicyStore,
  type EventSourceMappingStore,
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
  published_from: string | null;
}

/** Sort key of a version: $LATEST first, then published versions by number. */
const VERSION_ORDER = `(CASE WHEN version = '$LATEST' THEN -1 ELSE CAST(version AS INTEGER) END)`;

function versionOrder(version: string): number {
  return version === '$LATEST' ? -1 : Number(version);
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
  const row: VersionRow<C> = {
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    version: r.version,
    config: JSON.parse(r.config) as C,
    codeSha256: r.code_sha256,
    revisionId: r.revision_id,
  };
  if (r.published_from !== null) row.publishedFrom = r.published_from;
  return row;
}

/** Freezes a parsed row and everything in it, so a shared row cannot be changed by accident. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
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
    | 'usage'
    | 'listVersions'
    | 'listAllVersions'
    | 'allVersions'
    | 'lastPublished'
    | 'nextVersion'
    | 'setFirstVersion'
    | 'deleteVersion',
    Statement
  >;
  private readonly aliases: SqliteAliases;
  /**
   * Version rows as last read, for the invoke path (one indexed SELECT costs ~20 µs, most of a warm
   * invoke's store time). Every write method of this store (aliases included) and of the policy store (which changes
   * version and alias revisions) invalidates it; the
   * cached value is the raw row, so each read still returns a freshly parsed object callers may own.
   */
  readonly versionCache = new RowCache();

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
        `INSERT INTO function_versions
           (account_id, region, name, version, config, code_sha256, revision_id, published_from)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
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
      listVersions: db.prepare(
        `SELECT * FROM function_versions WHERE account_id = ? AND region = ? AND name = ? AND ${VERSION_ORDER} > ?
         ORDER BY ${VERSION_ORDER} LIMIT ?`,
      ),
      listAllVersions: db.prepare(
        `SELECT * FROM function_versions WHERE account_id = ? AND region = ?
         AND (name > ? OR (name = ? AND ${VERSION_ORDER} > ?))
         ORDER BY name, ${VERSION_ORDER} LIMIT ?`,
      ),
      allVersions: db.prepare('SELECT * FROM function_versions'),
      lastPublished: db.prepare(
        `SELECT v.* FROM functions f JOIN function_versions v
           ON v.account_id = f.account_id AND v.region = f.region AND v.name = f.name
          AND v.version = CAST(f.last_version AS TEXT)
         WHERE f.account_id = ? AND f.region = ? AND f.name = ?`,
      ),
      nextVersion: db.prepare(
        `UPDATE functions SET last_version = last_version + 1 WHERE account_id = ? AND region = ? AND name = ?
         RETURNING last_version`,
      ),
      setFirstVersion: db.prepare(
        'UPDATE functions SET last_version = 1 WHERE account_id = ? AND region = ? AND name = ?',
      ),
      deleteVersion: db.prepare(
        `DELETE FROM function_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?
         AND version <> '$LATEST'`,
      ),
    };
    this.aliases = new SqliteAliases(db, this.versionCache);
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
    const r = this.versionCache.read(`v\u0000${k.accountId}\u0000${k.region}\u0000${k.name}\u0000${version}`, () =>
      this.s.getVersion.get(k.accountId, k.region, k.name, version) as VersionDbRow | undefined,
    );
    return r ? toVersion<C>(r) : undefined;
  }

  async getVersionShared<C>(k: FunctionKey, version: string): Promise<Readonly<VersionRow<C>> | undefined> {
    return this.versionCache.read(`s\u0000${k.accountId}\u0000${k.region}\u0000${k.name}\u0000${version}`, () => {
      const r = this.s.getVersion.get(k.accountId, k.region, k.name, version) as VersionDbRow | undefined;
      return r ? deepFreeze(toVersion<C>(r)) : undefined;
    });
  }

  async listLatest<C>(accountId: string, region: string, afterName: string | undefined, limit: number): Promise<VersionRow<C>[]> {
    const rows = this.s.listLatest.all(accountId, region, afterName ?? '', limit) as VersionDbRow[];
    return rows.map((r) => toVersion<C>(r));
  }

  async allLatest<C>(): Promise<VersionRow<C>[]> {
    return (this.s.allLatest.all() as VersionDbRow[]).map((r) => toVersion<C>(r));
  }

  async create<C>(fn: FunctionRow, latest: VersionRow<C>, firstVersion?: VersionRow<C>): Promise<void> {
    try {
      this.versionCache.writing(() => this.db.transaction(() => {
        this.s.insertFn.run(fn.accountId, fn.region, fn.name, fn.createdAt, JSON.stringify(fn.tags));
        this.insertVersion(latest);
        if (firstVersion) {
          this.insertVersion(firstVersion);
          this.s.setFirstVersion.run(fn.accountId, fn.region, fn.name);
        }
      })());
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreConflictError(fn.name);
      throw e;
    }
  }

  async replaceVersion<C>(row: VersionRow<C>, expectRevisionId: string): Promise<boolean> {
    const info = this.versionCache.writing(() => this.s.replaceVersion.run(
      JSON.stringify(row.config),
      row.codeSha256,
      row.revisionId,
      row.accountId,
      row.region,
      row.name,
      row.version,
      expectRevisionId,
    ));
    return info.changes === 1;
  }

  async listVersions<C>(k: FunctionKey, afterVersion: string | undefined, limit: number): Promise<VersionRow<C>[]> {
    const after = afterVersion === undefined ? -2 : versionOrder(afterVersion);
    const rows = this.s.listVersions.all(k.accountId, k.region, k.name, after, limit) as VersionDbRow[];
    return rows.map((r) => toVersion<C>(r));
  }

  async listAllVersions<C>(
    accountId: string,
    region: string,
    after: { name: string; version: string } | undefined,
    limit: number,
  ): Promise<VersionRow<C>[]> {
    const name = after?.name ?? '';
    const order = after ? versionOrder(after.version) : -2;
    const rows = this.s.listAllVersions.all(accountId, region, name, name, order, limit) as VersionDbRow[];
    return rows.map((r) => toVersion<C>(r));
  }

  async allVersions<C>(): Promise<VersionRow<C>[]> {
    return (this.s.allVersions.all() as VersionDbRow[]).map((r) => toVersion<C>(r));
  }

  async lastPublished<C>(k: FunctionKey): Promise<VersionRow<C> | undefined> {
    const r = this.s.lastPublished.get(k.accountId, k.region, k.name) as VersionDbRow | undefined;
    return r ? toVersion<C>(r) : undefined;
  }

  async publishVersion<C>(
    latest: VersionRow<C>,
    expectLatestRevisionId: string,
    build: (version: string) => VersionRow<C>,
  ): Promise<VersionRow<C> | undefined> {
    return this.versionCache.writing(() => this.db.transaction((): VersionRow<C> | undefined => {
      const info = this.s.replaceVersion.run(
        JSON.stringify(latest.config),
        latest.codeSha256,
        latest.revisionId,
        latest.accountId,
        latest.region,
        latest.name,
        latest.version,
        expectLatestRevisionId,
      );
      if (info.changes !== 1) return undefined;
      const n = this.s.nextVersion.get(latest.accountId, latest.region, latest.name) as { last_version: number } | undefined;
      if (!n) return undefined;
      const row = build(String(n.last_version));
      this.insertVersion(row);
      return row;
    })());
  }

  async deleteVersion(k: FunctionKey, version: string): Promise<{ deleted: boolean; referencedBy: string[] }> {
    return this.versionCache.writing(() => this.db.transaction(() => {
      const referencedBy = this.aliases.referencing(k, version);
      if (referencedBy.length > 0) return { deleted: false, referencedBy };
      const deleted = this.s.deleteVersion.run(k.accountId, k.region, k.name, version).changes === 1;
      return { deleted, referencedBy };
    })());
  }

  async getAlias<C>(k: FunctionKey, alias: string): Promise<AliasRow<C> | undefined> {
    return this.aliases.get<C>(k, alias);
  }

  async listAliases<C>(
    k: FunctionKey,
    opts: { after?: string; functionVersion?: string; limit: number },
  ): Promise<AliasRow<C>[]> {
    return this.aliases.list<C>(k, opts);
  }

  async createAlias<C>(row: AliasRow<C>): Promise<AliasWriteResult> {
    return this.aliases.create(row);
  }

  async updateAlias<C>(row: AliasRow<C>, expectRevisionId: string): Promise<AliasWriteResult> {
    return this.aliases.update(row, expectRevisionId);
  }

  async deleteAlias(k: FunctionKey, alias: string): Promise<boolean> {
    return this.aliases.delete(k, alias);
  }

  private insertVersion<C>(row: VersionRow<C>): void {
    this.s.insertVersion.run(
      row.accountId,
      row.region,
      row.name,
      row.version,
      JSON.stringify(row.config),
      row.codeSha256,
      row.revisionId,
      row.publishedFrom ?? null,
    );
  }

  async delete(k: FunctionKey): Promise<boolean> {
    return this.versionCache.writing(() => this.s.deleteFn.run(k.accountId, k.region, k.name).changes === 1);
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
  readonly asyncEvents: AsyncEventStore;
  readonly eventInvokeConfigs: EventInvokeConfigStore;
  readonly concurrency: ConcurrencyStore;
  readonly policies: FunctionPolicyStore;
  readonly eventSourceMappings: EventSourceMappingStore;
  readonly iam: IamStore;
  readonly queues: SqliteQueueStore;
  private readonly db: Db;
  private readonly groupCommit: GroupCommit;

  constructor(file: string, opts: { queues?: SqliteQueueStoreOptions } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the API answers (crash safety over a few µs).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    const functions = new SqliteFunctionStore(this.db);
    this.functions = functions;
    this.logs = new SqliteLogStore(this.db);
    // File databases sync the group commit's WAL off the main thread (see GroupCommit).
    this.groupCommit = new GroupCommit(this.db, file === ':memory:' ? {} : { walFile: `${file}-wal` });
    this.asyncEvents = new SqliteAsyncEventStore(this.db, this.groupCommit);
    this.eventInvokeConfigs = new SqliteEventInvokeConfigStore(this.db);
    this.concurrency = new SqliteConcurrencyStore(this.db);
    // Policy writes change version and alias revisions: they share the function store's row cache.
    this.policies = new SqlitePolicyStore(this.db, functions.versionCache);
    this.eventSourceMappings = new SqliteEventSourceMappingStore(this.db);
    this.iam = new SqliteIamStore(this.db);
    this.queues = new SqliteQueueStore(this.db, this.groupCommit, opts.queues);
  }

  async close(): Promise<void> {
    await this.queues.close();
    await this.groupCommit.close();
    this.db.close();
  }
}
