// IAM documents in one table keyed by account, kind and key; each write (several rows) is one transaction.
import type { Database as Db, Statement } from 'better-sqlite3';
import type { IamEntityKey, IamEntityKind, IamEntityRow, IamStore } from '../iam-types.js';

interface IamDbRow {
  account_id: string;
  kind: IamEntityKind;
  key: string;
  doc: string;
}

export class SqliteIamStore implements IamStore {
  private readonly s: Record<'all' | 'put' | 'delete', Statement>;
  private readonly writeTx: (put: readonly IamEntityRow[], del: readonly IamEntityKey[]) => void;

  constructor(db: Db) {
    this.s = {
      all: db.prepare('SELECT * FROM iam_entities ORDER BY account_id, kind, key'),
      put: db.prepare(
        `INSERT INTO iam_entities (account_id, kind, key, doc) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, kind, key) DO UPDATE SET doc = excluded.doc`,
      ),
      delete: db.prepare('DELETE FROM iam_entities WHERE account_id = ? AND kind = ? AND key = ?'),
    };
    this.writeTx = db.transaction((put: readonly IamEntityRow[], del: readonly IamEntityKey[]) => {
      for (const k of del) this.s.delete.run(k.accountId, k.kind, k.key);
      for (const r of put) this.s.put.run(r.accountId, r.kind, r.key, JSON.stringify(r.doc));
    });
  }

  async all(): Promise<IamEntityRow[]> {
    return (this.s.all.all() as IamDbRow[]).map((r) => ({
      accountId: r.account_id,
      kind: r.kind,
      key: r.key,
      doc: JSON.parse(r.doc) as unknown,
    }));
  }

  async write(change: { put?: readonly IamEntityRow[]; delete?: readonly IamEntityKey[] }): Promise<void> {
    this.writeTx(change.put ?? [], change.delete ?? []);
  }
}
