// The IAM store contract. IAM state is small (AWS's quotas: thousands of roles and users per account, a few KB
// each) and read on every authorized request, so the IAM service holds all of it in memory and uses the store
// for durability only: one load at start, then each write is a set of whole documents put or deleted together.
// The documents are opaque JSON to the store; a PostgreSQL store can satisfy the same two promises.

/** What a row holds: the kind of IAM entity. */
export type IamEntityKind = 'role' | 'user' | 'group' | 'policy' | 'access-key';

export interface IamEntityKey {
  accountId: string;
  kind: IamEntityKind;
  /** Unique within account and kind: a lower-cased name (IAM names are case-insensitively unique), a policy ARN, an access key id. */
  key: string;
}

export interface IamEntityRow<D = unknown> extends IamEntityKey {
  doc: D;
}

export interface IamStore {
  /** Every row of every account (start-up). */
  all(): Promise<IamEntityRow[]>;
  /** Puts (insert or replace) and deletes rows in one transaction: a reader never sees half of an IAM change. */
  write(change: { put?: readonly IamEntityRow[]; delete?: readonly IamEntityKey[] }): Promise<void>;
}
