// The persistence contract. The embedded SQLite store implements it today; a
// PostgreSQL store can implement the same promises for cluster mode. Rows hold
// service documents as opaque JSON so the store never depends on services.
import type { IamStore } from './iam-types.js';
import type { QueueStore } from './queue-types.js';

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
  /** Published versions: digest of the $LATEST content they were published from (publish idempotence). */
  publishedFrom?: string;
}

/** An alias: a name for one version, optionally routing a share of invocations to a second one. */
export interface AliasRow<C = unknown> extends FunctionKey {
  alias: string;
  /** The version the alias points at. */
  functionVersion: string;
  /** The additional version of a weighted routing configuration. */
  routingVersion?: string;
  config: C;
  revisionId: string;
}

/** Outcome of an alias write: "exists" (name taken), "moved" (revision or alias gone), "missing-version". */
export type AliasWriteResult = 'ok' | 'exists' | 'moved' | 'missing-version';

export class StoreConflictError extends Error {}

export interface FunctionStore {
  get(key: FunctionKey): Promise<FunctionRow | undefined>;
  getVersion<C>(key: FunctionKey, version: string): Promise<VersionRow<C> | undefined>;
  /**
   * The same row for the invoke path, which reads a version on every invocation: the returned object
   * (and its config) is shared between calls and frozen, so it must never be modified.
   */
  getVersionShared<C>(key: FunctionKey, version: string): Promise<Readonly<VersionRow<C>> | undefined>;
  /** $LATEST rows ordered by name, starting after `afterName`. */
  listLatest<C>(accountId: string, region: string, afterName: string | undefined, limit: number): Promise<VersionRow<C>[]>;
  /** Every $LATEST row in every account and region (start-up recovery). */
  allLatest<C>(): Promise<VersionRow<C>[]>;
  /**
   * Creates the function and its $LATEST atomically, with its first published version when given
   * (CreateFunction with Publish); StoreConflictError when the name exists.
   */
  create<C>(fn: FunctionRow, latest: VersionRow<C>, firstVersion?: VersionRow<C>): Promise<void>;
  /** Replaces a version row when its current revision is `expectRevisionId`; false when it moved on. */
  replaceVersion<C>(row: VersionRow<C>, expectRevisionId: string): Promise<boolean>;
  /** Deletes the function with all versions and aliases; false when absent. */
  delete(key: FunctionKey): Promise<boolean>;
  /** Versions of one function, $LATEST first then by number, after `afterVersion`. */
  listVersions<C>(key: FunctionKey, afterVersion: string | undefined, limit: number): Promise<VersionRow<C>[]>;
  /** Every version of every function in an account and region, by name then version, after a position. */
  listAllVersions<C>(
    accountId: string,
    region: string,
    after: { name: string; version: string } | undefined,
    limit: number,
  ): Promise<VersionRow<C>[]>;
  /** Every version row in every account and region (start-up recovery). */
  allVersions<C>(): Promise<VersionRow<C>[]>;
  /** The most recently published version, unless it was deleted since. */
  lastPublished<C>(key: FunctionKey): Promise<VersionRow<C> | undefined>;
  /**
   * Publishes a version atomically: replaces $LATEST with `latest` when its revision is still
   * `expectLatestRevisionId`, takes the function's next version number (numbers are never reused)
   * and inserts the row `build` makes for it. Undefined when $LATEST moved on.
   */
  publishVersion<C>(
    latest: VersionRow<C>,
    expectLatestRevisionId: string,
    build: (version: string) => VersionRow<C>,
  ): Promise<VersionRow<C> | undefined>;
  /** Deletes one published version unless aliases reference it (their names are returned then). */
  deleteVersion(key: FunctionKey, version: string): Promise<{ deleted: boolean; referencedBy: string[] }>;
  getAlias<C>(key: FunctionKey, alias: string): Promise<AliasRow<C> | undefined>;
  /** Aliases by name after `after`, optionally only those pointing at `functionVersion`. */
  listAliases<C>(
    key: FunctionKey,
    opts: { after?: string; functionVersion?: string; limit: number },
  ): Promise<AliasRow<C>[]>;
  /** Creates an alias if the name is free and the versions it names exist. */
  createAlias<C>(row: AliasRow<C>): Promise<AliasWriteResult>;
  /** Replaces an alias whose revision is still `expectRevisionId`, if the versions it names exist. */
  updateAlias<C>(row: AliasRow<C>, expectRevisionId: string): Promise<AliasWriteResult>;
  /** Deletes an alias; false when absent. */
  deleteAlias(key: FunctionKey, alias: string): Promise<boolean>;
  setTags(key: FunctionKey, tags: Record<string, string>): Promise<void>;
  /** Function count and the summed CodeSize of every version, for GetAccountSettings. */
  usage(accountId: string, region: string): Promise<{ functionCount: number; totalCodeSize: number }>;
  /** SHA-256 (hex) of every code package some version still references. */
  codeReferences(): Promise<Set<string>>;
}

/**
 * A function's resource-based policy (AddPermission/RemovePermission/GetPolicy): one per function ('' qualifier),
 * published version or alias. The document is the JSON text GetPolicy returns; its revision id is the one its
 * resource ($LATEST, the version or the alias) got when the policy last changed (AWS: the policy's revision is the
 * function's).
 */
export interface FunctionPolicyRow extends FunctionKey {
  /** '' for the function itself (unqualified), else a version number or an alias name. */
  qualifier: string;
  policy: string;
  revisionId: string;
}

/** What a policy write found: 'moved' (the resource's revision is not the one expected), 'missing' (no resource). */
export type PolicyWriteResult = 'ok' | 'moved' | 'missing';

export interface FunctionPolicyStore {
  get(key: FunctionKey, qualifier: string): Promise<FunctionPolicyRow | undefined>;
  /**
   * The revision id of the resource a policy belongs to ($LATEST for '', a published version, or an alias), or
   * undefined when it does not exist.
   */
  resourceRevision(key: FunctionKey, qualifier: string): Promise<string | undefined>;
  /**
   * In one transaction, when the resource's revision is still `expectRevisionId`: writes the policy (undefined:
   * deletes it) and gives the resource (its row and its configuration's RevisionId) the new `revisionId`. Deleting
   * the function, version or alias deletes its policy.
   */
  write(key: FunctionKey, qualifier: string, policy: string | undefined, revisionId: string, expectRevisionId: string): Promise<PolicyWriteResult>;
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
  /** UTF-8 bytes of every stored message, kept up to date as events come and go (never a scan). */
  storedBytes(): Promise<number>;
  /**
   * Deletes the oldest events (in the order they were appended, across all groups) until at least `bytes` message
   * bytes went or `maxEvents` events did; returns what was deleted. The cap on stored logs is built on these two.
   */
  deleteOldest(bytes: number, maxEvents: number): Promise<{ events: number; bytes: number }>;
}

/** What one attempt of an asynchronous event returned (kept for the failure record after the last one). */
export interface AsyncAttemptResult {
  statusCode: number;
  executedVersion: string;
  functionError?: string;
  payload: Buffer;
}

/** An event accepted by Invoke (InvocationType Event) and waiting in its function's queue. */
export interface AsyncEvent extends FunctionKey {
  /** Queue position: increasing in acceptance order. */
  id: number;
  /** The version to run ("$LATEST" is re-read at every attempt). */
  version: string;
  /** The qualifier the caller used ("$LATEST" when none): selects the EventInvokeConfig. */
  qualifier: string;
  /** Request id of the accepted Invoke, shared by every attempt. */
  requestId: string;
  /** ARN the caller used, as the handler sees it in its context. */
  invokedArn: string;
  payload: Buffer;
  /** Base64 client context handed to the function (Lambent's dead-letter deliveries only). */
  clientContext?: string;
  /** Epoch ms of acceptance; event age counts from here, across restarts. */
  acceptedAt: number;
  /** Completed attempts. */
  attempts: number;
  /** Epoch ms before which the event is not run. */
  nextAttemptAt: number;
  lastResult?: AsyncAttemptResult;
}

export type NewAsyncEvent = Omit<AsyncEvent, 'id' | 'attempts' | 'nextAttemptAt' | 'lastResult'>;

/** Per-function counters kept next to the queue (names follow Lambda's CloudWatch metrics). */
export type AsyncCounter = 'received' | 'dropped' | 'destinationDeliveryFailures' | 'deadLetterErrors';

/** An event to enqueue for another function when an event finishes; `onMissing` counts a target that is gone. */
export interface AsyncDelivery {
  event: NewAsyncEvent;
  onMissing: AsyncCounter;
}

export interface AsyncFunctionStats extends FunctionKey {
  queued: number;
  /** Epoch ms of the oldest queued event's acceptance, when any. */
  oldestAcceptedAt: number | undefined;
  counters: Record<AsyncCounter, number>;
}

/** The asynchronous invocation queue: one ordered queue per function, durable before Invoke answers 202. */
export interface AsyncEventStore {
  /** Stores an event; resolves once committed. StoreMissingError when its function no longer exists. */
  enqueue(event: NewAsyncEvent): Promise<number>;
  /** Events of a function due at `now`, oldest first, leaving out the ids in `exclude` (running). */
  due(key: FunctionKey, now: number, limit: number, exclude: readonly number[]): Promise<AsyncEvent[]>;
  /** When the next event of a function not in `exclude` is due; undefined when none is queued. */
  nextDueAt(key: FunctionKey, exclude: readonly number[]): Promise<number | undefined>;
  /** Functions with queued events (start-up). */
  functionsWithEvents(): Promise<FunctionKey[]>;
  /** Records a completed attempt and when to run the event again; false when the event is gone. */
  retry(id: number, next: { attempts: number; nextAttemptAt: number; lastResult?: AsyncAttemptResult }): Promise<boolean>;
  /**
   * Removes a finished event and, in the same transaction, enqueues its deliveries (destination,
   * dead-letter) and counts it as dropped when asked. `found` is false when the event was already
   * gone (its function was deleted): nothing is delivered then. `undelivered` lists deliveries
   * whose target function does not exist (counted on the event's function under `onMissing`). `failed` counts
   * deliveries made elsewhere before finishing that did not succeed (SQS destinations and dead-letter queues).
   */
  finish(
    id: number,
    key: FunctionKey,
    outcome: { dropped: boolean; deliveries: AsyncDelivery[]; failed?: AsyncCounter[] },
  ): Promise<{ found: boolean; undelivered: number[] }>;
  /** Queue depth, oldest event and counters of every function that has any. */
  stats(): Promise<AsyncFunctionStats[]>;
}

/** PutFunctionEventInvokeConfig documents per function and qualifier ("$LATEST", a version or an alias). */
export interface EventInvokeConfigRow<C = unknown> extends FunctionKey {
  qualifier: string;
  config: C;
  /** Epoch ms. */
  lastModified: number;
}

export interface EventInvokeConfigStore {
  get<C>(key: FunctionKey, qualifier: string): Promise<EventInvokeConfigRow<C> | undefined>;
  /** Creates or replaces; StoreMissingError when the function no longer exists. */
  put<C>(row: EventInvokeConfigRow<C>): Promise<void>;
  delete(key: FunctionKey, qualifier: string): Promise<boolean>;
  /** Configurations of a function ordered by qualifier, after `afterQualifier`. */
  list<C>(key: FunctionKey, afterQualifier: string | undefined, limit: number): Promise<EventInvokeConfigRow<C>[]>;
}

/** A provisioned concurrency configuration of one version or alias ("qualifier"). */
export interface ProvisionedConcurrencyRow extends FunctionKey {
  qualifier: string;
  requested: number;
  /** Epoch ms. */
  lastModified: number;
}

/** Reserved concurrency per function and provisioned concurrency per version/alias; both go with their function. */
export interface ConcurrencyStore {
  getReserved(key: FunctionKey): Promise<number | undefined>;
  /** StoreMissingError when the function no longer exists. */
  putReserved(key: FunctionKey, reserved: number): Promise<void>;
  deleteReserved(key: FunctionKey): Promise<boolean>;
  /** Every reservation (start-up). */
  allReserved(): Promise<(FunctionKey & { reserved: number })[]>;
  getProvisioned(key: FunctionKey, qualifier: string): Promise<ProvisionedConcurrencyRow | undefined>;
  /** Creates or replaces; StoreMissingError when the function no longer exists. */
  putProvisioned(row: ProvisionedConcurrencyRow): Promise<void>;
  deleteProvisioned(key: FunctionKey, qualifier: string): Promise<boolean>;
  /** A function's configurations ordered by qualifier, after `afterQualifier`. */
  listProvisioned(key: FunctionKey, afterQualifier: string | undefined, limit: number): Promise<ProvisionedConcurrencyRow[]>;
  /** Every configuration (start-up). */
  allProvisioned(): Promise<ProvisionedConcurrencyRow[]>;
}

/**
 * A Lambda event source mapping (issue 15): the configuration document as Lambda returns it (opaque JSON, State
 * included) plus the keys it is found by. Mappings do not belong to their function's rows: deleting a function
 * leaves its mappings, as on AWS.
 */
export interface EventSourceMappingRow<C = unknown> {
  uuid: string;
  accountId: string;
  region: string;
  eventSourceArn: string;
  /** The function ARN the mapping invokes (qualified when it was created or updated with a qualifier). */
  functionArn: string;
  config: C;
  tags: Record<string, string>;
}

export interface EventSourceMappingStore {
  get<C>(uuid: string): Promise<EventSourceMappingRow<C> | undefined>;
  /** Creates or replaces the row of `uuid`. */
  put<C>(row: EventSourceMappingRow<C>): Promise<void>;
  delete(uuid: string): Promise<boolean>;
  /** Mappings of an account and region by UUID after `afterUuid`, optionally of one event source and/or function. */
  list<C>(
    accountId: string,
    region: string,
    opts: { eventSourceArn?: string; functionArn?: string; after?: string; limit: number },
  ): Promise<EventSourceMappingRow<C>[]>;
  /** Every mapping (start-up: pollers for enabled mappings, transitions a crash interrupted). */
  all<C>(): Promise<EventSourceMappingRow<C>[]>;
}

/** A write referred to a function that does not exist (any more). */
export class StoreMissingError extends Error {}

export interface Store {
  readonly functions: FunctionStore;
  readonly logs: LogStore;
  readonly asyncEvents: AsyncEventStore;
  readonly eventInvokeConfigs: EventInvokeConfigStore;
  readonly concurrency: ConcurrencyStore;
  readonly policies: FunctionPolicyStore;
  readonly eventSourceMappings: EventSourceMappingStore;
  readonly iam: IamStore;
  /** SQS queues and their messages (issue 15); call `queues.open()` once before serving. */
  readonly queues: QueueStore;
  close(): Promise<void>;
}
