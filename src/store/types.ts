// The persistence contract. The embedded SQLite store implements it today; a
// PostgreSQL store can implement the same promises for cluster mode. Rows hold
// service documents as opaque JSON so the store never depends on services.

export interface FunctionKey {
  accountId: string;
  region: string;
  name: string;
}

export interface FunctionRow extends FunctionKey {
  createdAt: string;
  tags: Record<string, string>;
}

/** One version of a function: "$LATEST" (mutable) or a published number (immutable). */
export interface VersionRow<C = unknown> extends FunctionKey {
  version: string;
  config: C;
  codeSha256: string;
  revisionId: string;
}

export class StoreConflictError extends Error {}

export interface FunctionStore {
  get(key: FunctionKey): Promise<FunctionRow | undefined>;
  getVersion<C>(key: FunctionKey, version: string): Promise<VersionRow<C> | undefined>;
  /** $LATEST rows ordered by name, starting after `afterName`. */
  listLatest<C>(accountId: string, region: string, afterName: string | undefined, limit: number): Promise<VersionRow<C>[]>;
  /** Every $LATEST row in every account and region (start-up recovery). */
  allLatest<C>(): Promise<VersionRow<C>[]>;
  /** Creates the function and its $LATEST atomically; StoreConflictError when the name exists. */
  create<C>(fn: FunctionRow, latest: VersionRow<C>): Promise<void>;
  /** Replaces a version row when its current revision is `expectRevisionId`; false when it moved on. */
  replaceVersion<C>(row: VersionRow<C>, expectRevisionId: string): Promise<boolean>;
  /** Deletes the function with all versions; false when absent. */
  delete(key: FunctionKey): Promise<boolean>;
  setTags(key: FunctionKey, tags: Record<string, string>): Promise<void>;
  /** Function count and the summed CodeSize of every version, for GetAccountSettings. */
  usage(accountId: string, region: string): Promise<{ functionCount: number; totalCodeSize: number }>;
  /** SHA-256 (hex) of every code package some version still references. */
  codeReferences(): Promise<Set<string>>;
}

export interface LogEvent {
  timestamp: number;
  message: string;
}

export interface StoredLogEvent extends LogEvent {
  ingestionTime: number;
}

/** Function logs by CloudWatch-style log group and stream. */
export interface LogStore {
  /** Appends events to a stream, creating the stream on first use. */
  append(group: string, stream: string, events: LogEvent[]): Promise<void>;
  /** Events of a stream (or of the group when stream is undefined) in time order. */
  read(group: string, stream: string | undefined, opts?: { startTime?: number; limit?: number }): Promise<StoredLogEvent[]>;
  listStreams(group: string): Promise<string[]>;
}

export interface Store {
  readonly functions: FunctionStore;
  readonly logs: LogStore;
  close(): Promise<void>;
}
