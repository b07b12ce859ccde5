// The queue contract (issue 15): queues and their messages, with SQS's semantics stated at the level a cluster
// implementation must satisfy, not as tables. The embedded implementation (store/sqlite/queues/) keeps each
// queue's index in memory and writes every acknowledged change through to SQLite before its promise settles;
// a PostgreSQL implementation can satisfy the same promises with rows and `FOR UPDATE SKIP LOCKED`, a NATS
// JetStream one with a stream per queue (visibility = ack wait, receive count = delivery count, deduplication
// window = the stream's duplicate window).
//
// Semantics every implementation keeps:
// - A message is in exactly one named state: delayed (visibleAt in the future, never received) → visible →
//   in-flight (leased by one receive until its visibility deadline) → visible again (deadline passed or visibility
//   set to 0) | deleted (by a current receipt handle) | dead-lettered (moved to the redrive target when a receive
//   finds receiveCount ≥ maxReceiveCount) | expired (retention passed) | purged.
// - Dead-lettering (as AWS): the message keeps its MessageId, body, attributes, receive count and first receive
//   time and gains deadLetterQueueSourceArn; a standard DLQ keeps the original SentTimestamp (retention counts from
//   it), a FIFO DLQ resets it and takes the MessageId as the deduplication id. The move is in the transaction of
//   the receive that found it; that receive's promise settles after it.
// - Durability: a promise that settles successfully means the change is durable (survives kill -9). In-flight
//   deadlines are stored: after a restart, leased messages become visible when their deadline passes, not before.
// - Receipt handles are opaque strings minted by the implementation, one per receive of a message; they name the
//   queue they came from (a handle used on another queue is 'malformed').
// - FIFO: messages of one group are received in send order; while any message of a group is in flight, no later
//   message of that group is received. Deduplication ids are remembered for 5 minutes per queue (or per
//   group when DeduplicationScope is messageGroup); a duplicate send returns the first message's id and
//   sequence number and adds nothing. A receive with the same ReceiveRequestAttemptId within 5 minutes returns
//   the same messages (with the same receipt handles) while none of them was deleted or changed.
// - Long polling: receive() with waitMs > 0 resolves as soon as a message can be received (sent, delay over,
//   visibility expired, moved in), at most waitMs later with none, or at once with none when `signal` aborts.

/** A queue: account, region and name (name ends in `.fifo` for FIFO queues). */
export interface QueueKey {
  accountId: string;
  region: string;
  name: string;
}

/** What the engine acts on, parsed from the queue's attributes by the service (which validates them). */
export interface QueueSettings {
  fifo: boolean;
  /** Default lease of a receive, seconds (0–43200). */
  visibilityTimeoutSeconds: number;
  /** Default delay of a send, seconds (0–900). */
  delaySeconds: number;
  /** Messages older than this are deleted (60–1209600 s); enforced by receive and a periodic sweep. */
  retentionSeconds: number;
  /** RedrivePolicy: messages received maxReceiveCount times go to this queue on their next receive. */
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  /** FIFO: where deduplication ids are unique. */
  deduplicationScope: 'queue' | 'messageGroup';
}

export interface QueueRow extends QueueKey {
  /** arn:aws:sqs:REGION:ACCOUNT:NAME */
  arn: string;
  /** ms since the epoch. */
  createdAt: number;
  lastModifiedAt: number;
  /**
   * The queue's attributes as SQS names them, with string values, as set by CreateQueue/SetQueueAttributes and
   * their defaults (VisibilityTimeout, Policy, RedrivePolicy, FifoQueue…). Counts and timestamps are not stored here.
   */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  settings: QueueSettings;
}

/** A message as SendMessage(Batch) accepted it (validated, digests computed by the service). */
export interface NewMessage {
  /** A UUID, minted by the service. */
  messageId: string;
  body: string;
  md5OfBody: string;
  /**
   * Message attributes as the service decoded them (opaque to the store: {Name: {DataType, StringValue |
   * BinaryValue}}, binary values base64), and their MD5 as SQS computes it.
   */
  messageAttributes?: Record<string, unknown>;
  md5OfMessageAttributes?: string;
  /** MessageSystemAttributes (AWSTraceHeader), opaque like messageAttributes, and their MD5. */
  messageSystemAttributes?: Record<string, unknown>;
  md5OfMessageSystemAttributes?: string;
  /** SenderId: the account id (root), the user id (AIDA…) or the role session's AROA…:SESSION. */
  senderId: string;
  /** Effective delay: the message's DelaySeconds, else the queue's (FIFO queues: the queue's only). */
  delaySeconds: number;
  /** FIFO only. */
  groupId?: string;
  /** FIFO only: given, or the SHA-256 of the body when ContentBasedDeduplication is on. */
  deduplicationId?: string;
  /** Set when the message arrives by redrive or a move task (DeadLetterQueueSourceArn). */
  deadLetterQueueSourceArn?: string;
}

export interface SentMessage {
  messageId: string;
  /** FIFO: a 20-digit decimal string, growing per queue (SequenceNumber). */
  sequenceNumber?: string;
  /** FIFO: true when the deduplication id was seen within 5 minutes (nothing was added). */
  duplicate: boolean;
}

export interface ReceivedMessage extends NewMessage {
  receiptHandle: string;
  /** ApproximateReceiveCount, this receive included. */
  receiveCount: number;
  /** SentTimestamp, ms. */
  sentAt: number;
  /** ApproximateFirstReceiveTimestamp, ms. */
  firstReceivedAt: number;
  sequenceNumber?: string;
}

export interface ReceiveOptions {
  /** 1–10 for ReceiveMessage. */
  max: number;
  /** The lease; the queue's VisibilityTimeout when absent. */
  visibilityTimeoutSeconds?: number;
  /** Long polling: how long to wait for a first message (0: answer at once). */
  waitMs: number;
  /** FIFO: ReceiveRequestAttemptId. */
  attemptId?: string;
  /** Aborts a long poll (client gone, shutdown): resolves with what was received, usually nothing. */
  signal?: AbortSignal;
}

/**
 * Outcome per receipt handle: 'ok' (a delete also succeeds with the latest handle of a message whose lease ran out,
 * as long as nobody received it since); 'malformed' (not a handle of this queue: ReceiptHandleIsInvalid);
 * 'expired' (the lease ended and the message was received again since, or it was deleted: deletes of these
 * succeed on AWS, visibility changes fail); 'not-in-flight' (visibility change of a message that is not leased).
 */
export type HandleOutcome = 'ok' | 'malformed' | 'expired' | 'not-in-flight';

export interface QueueCounts {
  /** ApproximateNumberOfMessages */
  visible: number;
  /** ApproximateNumberOfMessagesNotVisible */
  inFlight: number;
  /** ApproximateNumberOfMessagesDelayed */
  delayed: number;
}

/** Queues a listing returns, and the key to continue after. */
export interface QueuePage {
  queues: QueueRow[];
  /** The name to pass as `after` for the next page; absent on the last page. */
  next?: string;
}

export interface QueueStore {
  /**
   * Loads what the last run stored (queues, messages, leases, dedup ids); called once before serving. Every other
   * method throws before it.
   */
  open(): Promise<void>;

  // Queues.
  /** Creates the queue, or returns the existing row untouched (the service compares attributes). */
  createQueue(row: QueueRow): Promise<{ created: boolean; row: QueueRow }>;
  getQueue(key: QueueKey): QueueRow | undefined;
  /** By ARN (redrive targets, event source mappings, destinations). */
  getQueueByArn(arn: string): QueueRow | undefined;
  /** Names in byte order starting after `after`, with an optional name prefix. */
  listQueues(accountId: string, region: string, opts: { prefix?: string; after?: string; limit: number }): QueuePage;
  /** Queues whose RedrivePolicy names `deadLetterArn` (ListDeadLetterSourceQueues), in name order. */
  deadLetterSources(deadLetterArn: string): QueueRow[];
  /** Replaces attributes, settings and tags (SetQueueAttributes, TagQueue, UntagQueue). False: no such queue. */
  updateQueue(key: QueueKey, change: Pick<QueueRow, 'attributes' | 'settings' | 'tags' | 'lastModifiedAt'>): Promise<boolean>;
  /** Deletes the queue and its messages; remembers when, for QueueDeletedRecently. False: no such queue. */
  deleteQueue(key: QueueKey): Promise<boolean>;
  /** When a queue of this name was last deleted (ms), if within the last 60 s. */
  deletedRecently(key: QueueKey): number | undefined;

  // Messages. Every call on a queue that does not exist rejects with QueueMissingError.
  send(key: QueueKey, messages: readonly NewMessage[]): Promise<SentMessage[]>;
  receive(key: QueueKey, opts: ReceiveOptions): Promise<ReceivedMessage[]>;
  deleteMessages(key: QueueKey, receiptHandles: readonly string[]): Promise<HandleOutcome[]>;
  changeVisibility(key: QueueKey, entries: readonly { receiptHandle: string; visibilityTimeoutSeconds: number }[]): Promise<HandleOutcome[]>;
  /** Deletes every message sent before now. */
  purge(key: QueueKey): Promise<void>;
  counts(key: QueueKey): QueueCounts;
  /**
   * Moves up to `max` of the oldest visible messages of `from` to `to` (a queue key) or, with 'source', each to the
   * queue its deadLetterQueueSourceArn names (messages whose source is gone stay). Resolves with how many moved.
   * A moved message is a new message on its target, as AWS's redrive makes it ("considered new messages with a new
   * messageID and enqueueTime"): new id, sent now, receive count 0, the target's delay; body, attributes and FIFO
   * group kept; no deadLetterQueueSourceArn. Messages past `from`'s retention are not moved.
   */
  move(from: QueueKey, to: QueueKey | 'source', max: number): Promise<number>;

  /** Stops timers and wakes every long poll (they resolve empty). */
  close(): Promise<void>;
}

/** Queue names: 1–80 of [A-Za-z0-9_-], or 1–75 of them plus `.fifo` (the suffix counts toward the 80). */
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$|^[A-Za-z0-9_-]{1,75}\.fifo$/;
const QUEUE_ARN = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,80})$/;

export function isValidQueueName(name: string): boolean {
  return QUEUE_NAME.test(name);
}

/** arn:aws:sqs:REGION:ACCOUNT:NAME, the form QueueRow.arn holds. */
export function queueArnOf(key: QueueKey): string {
  return `arn:aws:sqs:${key.region}:${key.accountId}:${key.name}`;
}

/** The queue an ARN names, or undefined when it is not an SQS queue ARN (every service reads them the same way). */
export function parseQueueArn(arn: string): QueueKey | undefined {
  const m = QUEUE_ARN.exec(arn);
  if (!m || !QUEUE_NAME.test(m[3] as string)) return undefined;
  return { region: m[1] as string, accountId: m[2] as string, name: m[3] as string };
}

/** An operation named a queue that does not exist (any more). */
export class QueueMissingError extends Error {}
