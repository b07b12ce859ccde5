// Resource-based policies of functions, versions and aliases (function_policies). A write is a compare-and-set on
// the policy's revision id inside one transaction; the rows go with their function (cascade) and with their
// version or alias (triggers in the migration).
import type { Database as Db, Statement } from 'better-sqlite3';
import type { FunctionKey, FunctionPolicyRow, FunctionPolicyStore, PolicyWriteResult } from '../types.js';
import { isForeignKeyError } from './sqlite-async.js';

interface PolicyDbRow {
  account_id: string;
  region: string;
  name: string;
  qualifier: string;
  policy: string;
  revision_id: string;
}

const KEY = 'account_id = ? AND region = ? AND name = ? AND qualifier = ?';

export class SqlitePolicyStore implements FunctionPolicyStore {
  private readonly s: Record<'get' | 'revision' | 'upsert' | 'delete', Statement>;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare(`SELECT * FROM function_policies WHERE ${KEY}`),
      revision: db.prepare(`SELECT revision_id FROM function_policies WHERE ${KEY}`),
      upsert: db.prepare(
        `INSERT INTO function_policies (account_id, region, name, qualifier, policy, revision_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, name, qualifier) DO UPDATE SET policy = excluded.policy, revision_id = excluded.revision_id`,
      ),
      delete: db.prepare(`DELETE FROM function_policies WHERE ${KEY}`),
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

  async put(row: FunctionPolicyRow, expectRevisionId: string | undefined): Promise<PolicyWriteResult> {
    try {
      return this.db.transaction((): PolicyWriteResult => {
        if (this.currentRevision(row, row.qualifier) !== expectRevisionId) return 'moved';
        this.s.upsert.run(row.accountId, row.region, row.name, row.qualifier, row.policy, row.revisionId);
        return 'ok';
      })();
    } catch (e) {
      // The function was deleted between the caller's read and this write.
      if (isForeignKeyError(e)) return 'missing';
      throw e;
    }
  }

  async delete(k: FunctionKey, qualifier: string, expectRevisionId: string): Promise<PolicyWriteResult> {
    return this.db.transaction((): PolicyWriteResult => {
      const current = this.currentRevision(k, qualifier);
      if (current === undefined) return 'missing';
      if (current !== expectRevisionId) return 'moved';
      this.s.delete.run(k.accountId, k.region, k.name, qualifier);
      return 'ok';
    })();
  }

  private currentRevision(k: FunctionKey, qualifier: string): string | undefined {
    const r = this.s.revision.get(k.accountId, k.region, k.name, qualifier) as { revision_id: string } | undefined;
    return r?.revision_id;
  }
}
