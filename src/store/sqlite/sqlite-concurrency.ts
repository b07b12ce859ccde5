// Reserved and provisioned concurrency settings. Both tables reference their
// function with ON DELETE CASCADE: deleting a function deletes its settings.
import type { Database as Db, Statement } from 'better-sqlite3';
import {
  StoreMissingError,
  type ConcurrencyStore,
  type FunctionKey,
  type ProvisionedConcurrencyRow,
} from '../types.js';
import { isForeignKeyError } from './sqlite-async.js';

interface ReservedDbRow {
  account_id: string;
  region: string;
  name: string;
  reserved: number;
}

interface ProvisionedDbRow {
  account_id: string;
  region: string;
  name: string;
  qualifier: string;
  requested: number;
  last_modified: number;
}

function toProvisioned(r: ProvisionedDbRow): ProvisionedConcurrencyRow {
  return {
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    qualifier: r.qualifier,
    requested: r.requested,
    lastModified: r.last_modified,
  };
}

const KEY = 'account_id = ? AND region = ? AND name = ?';

export class SqliteConcurrencyStore implements ConcurrencyStore {
  private readonly s: Record<
    'getReserved' | 'putReserved' | 'deleteReserved' | 'allReserved' | 'getProv' | 'putProv' | 'deleteProv' | 'listProv' | 'allProv',
    Statement
  >;

  constructor(db: Db) {
    this.s = {
      getReserved: db.prepare(`SELECT reserved FROM function_concurrency WHERE ${KEY}`),
      putReserved: db.prepare(
        `INSERT INTO function_concurrency (account_id, region, name, reserved) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, region, name) DO UPDATE SET reserved = excluded.reserved`,
      ),
      deleteReserved: db.prepare(`DELETE FROM function_concurrency WHERE ${KEY}`),
      allReserved: db.prepare('SELECT * FROM function_concurrency'),
      getProv: db.prepare(`SELECT * FROM provisioned_concurrency WHERE ${KEY} AND qualifier = ?`),
      putProv: db.prepare(
        `INSERT INTO provisioned_concurrency (account_id, region, name, qualifier, requested, last_modified)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, name, qualifier) DO UPDATE SET
           requested = excluded.requested, last_modified = excluded.last_modified`,
      ),
      deleteProv: db.prepare(`DELETE FROM provisioned_concurrency WHERE ${KEY} AND qualifier = ?`),
      listProv: db.prepare(`SELECT * FROM provisioned_concurrency WHERE ${KEY} AND qualifier > ? ORDER BY qualifier LIMIT ?`),
      allProv: db.prepare('SELECT * FROM provisioned_concurrency'),
    };
  }

  async getReserved(k: FunctionKey): Promise<number | undefined> {
    return (this.s.getReserved.get(k.accountId, k.region, k.name) as { reserved: number } | undefined)?.reserved;
  }

  async putReserved(k: FunctionKey, reserved: number): Promise<void> {
    try {
      this.s.putReserved.run(k.accountId, k.region, k.name, reserved);
    } catch (e) {
      if (isForeignKeyError(e)) throw new StoreMissingError(k.name);
      throw e;
    }
  }

  async deleteReserved(k: FunctionKey): Promise<boolean> {
    return this.s.deleteReserved.run(k.accountId, k.region, k.name).changes === 1;
  }

  async allReserved(): Promise<(FunctionKey & { reserved: number })[]> {
    return (this.s.allReserved.all() as ReservedDbRow[]).map((r) => ({
      accountId: r.account_id,
      region: r.region,
      name: r.name,
      reserved: r.reserved,
    }));
  }

  async getProvisioned(k: FunctionKey, qualifier: string): Promise<ProvisionedConcurrencyRow | undefined> {
    const r = this.s.getProv.get(k.accountId, k.region, k.name, qualifier) as ProvisionedDbRow | undefined;
    return r ? toProvisioned(r) : undefined;
  }

  async putProvisioned(row: ProvisionedConcurrencyRow): Promise<void> {
    try {
      this.s.putProv.run(row.accountId, row.region, row.name, row.qualifier, row.requested, row.lastModified);
    } catch (e) {
      if (isForeignKeyError(e)) throw new StoreMissingError(row.name);
      throw e;
    }
  }

  async deleteProvisioned(k: FunctionKey, qualifier: string): Promise<boolean> {
    return this.s.deleteProv.run(k.accountId, k.region, k.name, qualifier).changes === 1;
  }

  async listProvisioned(k: FunctionKey, afterQualifier: string | undefined, limit: number): Promise<ProvisionedConcurrencyRow[]> {
    const rows = this.s.listProv.all(k.accountId, k.region, k.name, afterQualifier ?? '', limit) as ProvisionedDbRow[];
    return rows.map(toProvisioned);
  }

  async allProvisioned(): Promise<ProvisionedConcurrencyRow[]> {
    return (this.s.allProv.all() as ProvisionedDbRow[]).map(toProvisioned);
  }
}
