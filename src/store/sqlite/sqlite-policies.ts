// Resource-based policies of functions, versions and aliases (function_policies). A policy write is a
// compare-and-set on the revision of the resource it belongs to ($LATEST, the version or the alias), which gets the
// policy's new revision id in the same transaction, as on AWS (the policy's revision is the function's). The rows go
// with their function (cascade) and with their version or alias (triggers in the migration).
import type { Database as Db, Statement } from 'better-sqlite3';
import type { FunctionKey, FunctionPolicyRow, FunctionPolicyStore, PolicyWriteResult } from '../types.js';
import type { RowCache } from './row-cache.js';

interface PolicyDbRow {
  account_id: string;
  region: string;
  name: string;
  qualifier: string;
  policy: string;
  revision_id: string;
}

const KEY = 'account_id = ? AND region = ? AND name = ?';

/** The version row a qualifier names: '' is $LATEST; numbers are published versions; anything else is an alias. */
function versionOf(qualifier: string): string | undefined {
  if (qualifier === '') return '$LATEST';
  return /^[0-9]+$/.test(qualifier) ? qualifier : undefined;
}

export class SqlitePolicyStore implements FunctionPolicyStore {
  private readonly s: Record<
    'get' | 'versionRevision' | 'aliasRevision' | 'bumpVersion' | 'bumpAlias' | 'upsert' | 'delete',
    Statement
  >;

  /** `cache`: the function store's row cache (versions and aliases), emptied around every write that changes them. */
  constructor(
    private readonly db: Db,
    private readonly cache: RowCache,
  ) {
    this.s = {
      get: db.prepare(`SELECT * FROM function_policies WHERE ${KEY} AND qualifier = ?`),
      versionRevision: db.prepare(`SELECT revision_id FROM function_versions WHERE ${KEY} AND version = ?`),
      aliasRevision: db.prepare(`SELECT revision_id FROM function_aliases WHERE ${KEY} AND alias = ?`),
      bumpVersion: db.prepare(
        `UPDATE function_versions SET revision_id = ?, config = json_set(config, '$.RevisionId', ?)
          WHERE ${KEY} AND version = ? AND revision_id = ?`,
      ),
      bumpAlias: db.prepare(
        `UPDATE function_aliases SET revision_id = ?, config = json_set(config, '$.RevisionId', ?)
          WHERE ${KEY} AND alias = ? AND revision_id = ?`,
      ),
      upsert: db.prepare(
        `INSERT INTO function_policies (account_id, region, name, qualifier, policy, revision_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, name, qualifier) DO UPDATE SET policy = excluded.policy, revision_id = excluded.revision_id`,
      ),
      delete: db.prepare(`DELETE FROM function_policies WHERE ${KEY} AND qualifier = ?`),
    };
  }

  async get(k: FunctionKey, qualifier: string): Promise<FunctionPolicyRow | undefined> {
    const r = this.s.get.get(k.accountId, k.region, k.name, qualifier) as PolicyDbRow | undefined;
    return r && {
      accountId: r.account_id,
      region: r.region,
      name: r.name,
      qualifier: r.qualifier,
      policy: r.policy,
      revisionId: r.revision_id,
    };
  }

  async resourceRevision(k: FunctionKey, qualifier: string): Promise<string | undefined> {
    return this.currentRevision(k, qualifier);
  }

  async write(
    k: FunctionKey,
    qualifier: string,
    policy: string | undefined,
    revisionId: string,
    expectRevisionId: string,
  ): Promise<PolicyWriteResult> {
    return this.cache.writing(() => this.db.transaction((): PolicyWriteResult => {
      const current = this.currentRevision(k, qualifier);
      if (current === undefined) return 'missing';
      if (current !== expectRevisionId) return 'moved';
      const version = versionOf(qualifier);
      if (version !== undefined) this.s.bumpVersion.run(revisionId, revisionId, k.accountId, k.region, k.name, version, current);
      else this.s.bumpAlias.run(revisionId, revisionId, k.accountId, k.region, k.name, qualifier, current);
      if (policy === undefined) this.s.delete.run(k.accountId, k.region, k.name, qualifier);
      else this.s.upsert.run(k.accountId, k.region, k.name, qualifier, policy, revisionId);
      return 'ok';
    })());
  }

  private currentRevision(k: FunctionKey, qualifier: string): string | undefined {
    const version = versionOf(qualifier);
    const r = (version !== undefined
      ? this.s.versionRevision.get(k.accountId, k.region, k.name, version)
      : this.s.aliasRevision.get(k.accountId, k.region, k.name, qualifier)) as { revision_id: string } | undefined;
    return r?.revision_id;
  }
}
