// Message operations: send (single and batch), receive (long polling), delete and visibility changes.
import { randomUUID, createHash } from 'node:crypto';
import type { HandleOutcome, NewMessage, QueueRow, QueueStore, ReceivedMessage, SentMessage } from '../../store/queue-types.js';
import type { RequestContext } from '../types.js';
import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  ChangeMessageVisibilityRequest,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  DeleteMessageRequest,
  Message,
  MessageAttributeValue,
  ReceiveMessageRequest,
  ReceiveMessageResult,
  SendMessageBatchRequest,
  SendMessageBatchResult,
  SendMessageBatchResultEntry,
  SendMessageRequest,
  SendMessageResult,
} from './api-types.js';
import { AwsError } from '../../protocol/errors.js';
import { MessageSystemAttributeNameValues, type MessageSystemAttributeName } from './api-types.js';
import { SqsErrors } from './errors.js';
import { md5Hex, md5OfAttributes, type AttributeValue } from './md5.js';
import { checkBatch, checkCharacters, checkDelay, checkIdToken, checkMessageAttributes, checkSystemAttributes } from './message-checks.js';
import { onQueue } from './queues.js';
import { keyOf, queueOfUrl } from './resolve.js';

/** A batch's messages together may not exceed this (AWS: the sum of the entries' sizes, 1 MiB). */
export const BATCH_LIMIT_BYTES = 1_048_576;

/** One message to send, as SendMessage and each SendMessageBatch entry give it. */
type SendInput = Omit<SendMessageRequest, 'QueueUrl'>;

type SystemName = Exclude<MessageSystemAttributeName, 'All'>;
/** System attribute names ReceiveMessage may ask for, in the model's order ('All' stands for every one). */
const SYSTEM_NAMES: readonly SystemName[] = MessageSystemAttributeNameValues.filter((n): n is SystemName => n !== 'All');

function maximumMessageSize(row: QueueRow): number {
  return Number(row.attributes['MaximumMessageSize'] ?? 1048576);
}

/** Which message attributes a receive returns: all, or by name, or by `prefix.*`. */
function attributeSelector(names: readonly string[] | undefined): ((name: string) => boolean) | undefined {
  if (names === undefined || names.length === 0) return undefined;
  if (names.includes('All') || names.includes('.*')) return () => true;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const n of names) {
    if (n.endsWith('.*')) prefixes.push(n.slice(0, -1));
    else exact.add(n);
  }
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

function failure(id: string, err: AwsError): BatchResultErrorEntry {
  return { Id: id, SenderFault: err.type === 'User', Code: err.code, Message: err.message };
}

export class SqsMessages {
  private readonly queues: QueueStore;

  constructor(queues: QueueStore) {
    this.queues = queues;
  }

  /** A message ready for the store, and its size as SQS counts it. Throws AWS's error for what SQS refuses. */
  private prepare(row: QueueRow, input: SendInput, ctx: RequestContext): { message: NewMessage; bytes: number } {
    const body = input.MessageBody;
    if (typeof body !== 'string' || body === '') throw SqsErrors.missingParameter('MessageBody');
    checkCharacters(body);
    const attrs = checkMessageAttributes(input.MessageAttributes as Record<string, unknown> | undefined);
    const bytes = Buffer.byteLength(body, 'utf8') + attrs.bytes;
    const limit = maximumMessageSize(row);
    if (bytes > limit) throw SqsErrors.messageTooLong(limit);
    const system = checkSystemAttributes(input.MessageSystemAttributes);
    checkDelay(input.DelaySeconds);
    const fifo = row.settings.fifo;
    const message: NewMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      senderId: ctx.caller.userId,
      delaySeconds: input.DelaySeconds ?? row.settings.delaySeconds,
    };
    if (fifo) {
      if (input.DelaySeconds !== undefined) {
        throw SqsErrors.invalidParameter(String(input.DelaySeconds), 'DelaySeconds', 'The request include parameter that is not valid for this queue type.');
      }
      message.delaySeconds = row.settings.delaySeconds;
      if (input.MessageGroupId === undefined || input.MessageGroupId === '') throw SqsErrors.missingParameter('MessageGroupId');
      checkIdToken(input.MessageGroupId, 'MessageGroupId');
      message.groupId = input.MessageGroupId;
      if (input.MessageDeduplicationId !== undefined) {
        checkIdToken(input.MessageDeduplicationId, 'MessageDeduplicationId');
        message.deduplicationId = input.MessageDeduplicationId;
      } else if (row.attributes['ContentBasedDeduplication'] === 'true') {
        message.deduplicationId = createHash('sha256').update(body, 'utf8').digest('hex');
      } else {
        throw SqsErrors.invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
    } else {
      if (input.MessageDeduplicationId !== undefined) {
        throw SqsErrors.invalidParameter(input.MessageDeduplicationId.slice(0, 256), 'MessageDeduplicationId', 'The request include parameter that is not valid for this queue type.');
      }
      // Standard queues take a MessageGroupId since fair queues (2025): kept and returned, no ordering.
      if (input.MessageGroupId !== undefined) {
        checkIdToken(input.MessageGroupId, 'MessageGroupId');
        message.groupId = input.MessageGroupId;
      }
    }
    if (attrs.attributes !== undefined) {
      message.messageAttributes = toStored(attrs.attributes);
      message.md5OfMessageAttributes = md5OfAttributes(attrs.attributes) as string;
    }
    if (system !== undefined) {
      message.messageSystemAttributes = toStored(system);
      message.md5OfMessageSystemAttributes = md5OfAttributes(system) as string;
    }
    return { message, bytes };
  }

  private static sent(message: NewMessage, sent: SentMessage): SendMessageResult {
    const out: SendMessageResult = { MessageId: sent.messageId, MD5OfMessageBody: message.md5OfBody };
    if (message.md5OfMessageAttributes !== undefined) out.MD5OfMessageAttributes = message.md5OfMessageAttributes;
    if (message.md5OfMessageSystemAttributes !== undefined) out.MD5OfMessageSystemAttributes = message.md5OfMessageSystemAttributes;
    if (sent.sequenceNumber !== undefined) out.SequenceNumber = sent.sequenceNumber;
    return out;
  }

  async sendMessage(req: SendMessageRequest, ctx: RequestContext): Promise<SendMessageResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const { message } = this.prepare(row, req, ctx);
    const [sent] = await onQueue(this.queues.send(keyOf(row), [message]));
    if (sent === undefined) throw new Error('the queue store answered no result for a send');
    return SqsMessages.sent(message, sent);
  }

  async sendMessageBatch(req: SendMessageBatchRequest, ctx: RequestContext): Promise<SendMessageBatchResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    checkBatch(req.Entries ?? [], 'SendMessageBatchRequestEntry');
    const accepted: { id: string; message: NewMessage }[] = [];
    const failed: BatchResultErrorEntry[] = [];
    let total = 0;
    for (const entry of req.Entries) {
      try {
        const { message, bytes } = this.prepare(row, entry, ctx);
        total += bytes;
        accepted.push({ id: entry.Id, message });
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        failed.push(failure(entry.Id, e));
      }
    }
    if (total > BATCH_LIMIT_BYTES) throw SqsErrors.batchTooLong(BATCH_LIMIT_BYTES, total);
    const successful: SendMessageBatchResultEntry[] = [];
    if (accepted.length > 0) {
      const sent = await onQueue(this.queues.send(keyOf(row), accepted.map((a) => a.message)));
      accepted.forEach((a, i) => {
        const s = sent[i];
        if (s === undefined) throw new Error('the queue store answered fewer results than messages sent');
        successful.push({ Id: a.id, ...(SqsMessages.sent(a.message, s) as Required<Pick<SendMessageResult, 'MessageId' | 'MD5OfMessageBody'>>) });
      });
    }
    return { Successful: successful, Failed: failed };
  }

  async receiveMessage(req: ReceiveMessageRequest, ctx: RequestContext, signal?: AbortSignal): Promise<ReceiveMessageResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const max = req.MaxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw SqsErrors.invalidParameter(String(max), 'MaxNumberOfMessages', 'Must be between 1 and 10, if provided.');
    }
    const wait = req.WaitTimeSeconds ?? Number(row.attributes['ReceiveMessageWaitTimeSeconds'] ?? 0);
    if (!Number.isInteger(wait) || wait < 0 || wait > 20) {
      throw SqsErrors.invalidParameter(String(wait), 'WaitTimeSeconds', 'Must be >= 0 and <= 20, if provided.');
    }
    const visibility = req.VisibilityTimeout;
    if (visibility !== undefined && (!Number.isInteger(visibility) || visibility < 0 || visibility > 43200)) {
      throw SqsErrors.invalidParameter(String(visibility), 'VisibilityTimeout', 'Must be >= 0 and <= 43200, if provided.');
    }
    if (req.ReceiveRequestAttemptId !== undefined) checkIdToken(req.ReceiveRequestAttemptId, 'ReceiveRequestAttemptId');
    const opts: Parameters<QueueStore['receive']>[1] = { max, waitMs: wait * 1000 };
    if (visibility !== undefined) opts.visibilityTimeoutSeconds = visibility;
    if (row.settings.fifo && req.ReceiveRequestAttemptId !== undefined) opts.attemptId = req.ReceiveRequestAttemptId;
    if (signal !== undefined) opts.signal = signal;
    const received = await onQueue(this.queues.receive(keyOf(row), opts));
    if (received.length === 0) return {};
    const system = new Set<string>([...(req.AttributeNames ?? []), ...(req.MessageSystemAttributeNames ?? [])]);
    const allSystem = system.has('All');
    const wantSystem = SYSTEM_NAMES.filter((n) => allSystem || system.has(n));
    const pick = attributeSelector(req.MessageAttributeNames);
    return { Messages: received.map((m) => toMessage(m, wantSystem, pick)) };
  }

  async deleteMessage(req: DeleteMessageRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const [outcome] = await onQueue(this.queues.deleteMessages(keyOf(row), [req.ReceiptHandle]));
    // A handle whose lease ended, or of a message already deleted, deletes nothing and succeeds (AWS's rule).
    if (outcome === 'malformed') throw SqsErrors.receiptHandleInvalid(req.ReceiptHandle);
  }

  async deleteMessageBatch(req: DeleteMessageBatchRequest, ctx: RequestContext): Promise<DeleteMessageBatchResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    checkBatch(req.Entries ?? [], 'DeleteMessageBatchRequestEntry');
    const outcomes = await onQueue(this.queues.deleteMessages(keyOf(row), req.Entries.map((e) => e.ReceiptHandle)));
    const out: DeleteMessageBatchResult = { Successful: [], Failed: [] };
    req.Entries.forEach((e, i) => {
      if (outcomes[i] === 'malformed') out.Failed.push(failure(e.Id, SqsErrors.receiptHandleInvalid(e.ReceiptHandle)));
      else out.Successful.push({ Id: e.Id });
    });
    return out;
  }

  async changeMessageVisibility(req: ChangeMessageVisibilityRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    checkVisibility(req.VisibilityTimeout);
    const [outcome] = await onQueue(
      this.queues.changeVisibility(keyOf(row), [{ receiptHandle: req.ReceiptHandle, visibilityTimeoutSeconds: req.VisibilityTimeout }]),
    );
    const err = visibilityError(outcome ?? 'malformed', req.ReceiptHandle);
    if (err !== undefined) throw err;
  }

  async changeMessageVisibilityBatch(req: ChangeMessageVisibilityBatchRequest, ctx: RequestContext): Promise<ChangeMessageVisibilityBatchResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    checkBatch(req.Entries ?? [], 'ChangeMessageVisibilityBatchRequestEntry');
    const out: ChangeMessageVisibilityBatchResult = { Successful: [], Failed: [] };
    const valid: { id: string; receiptHandle: string; visibilityTimeoutSeconds: number }[] = [];
    const results = new Map<string, BatchResultErrorEntry | undefined>();
    for (const e of req.Entries) {
      try {
        checkVisibility(e.VisibilityTimeout ?? 0);
        valid.push({ id: e.Id, receiptHandle: e.ReceiptHandle, visibilityTimeoutSeconds: e.VisibilityTimeout ?? 0 });
      } catch (err) {
        if (!(err instanceof AwsError)) throw err;
        results.set(e.Id, failure(e.Id, err));
      }
    }
    if (valid.length > 0) {
      const outcomes = await onQueue(this.queues.changeVisibility(keyOf(row), valid));
      valid.forEach((v, i) => {
        const err = visibilityError(outcomes[i] ?? 'malformed', v.receiptHandle);
        results.set(v.id, err === undefined ? undefined : failure(v.id, err));
      });
    }
    for (const e of req.Entries) {
      const f = results.get(e.Id);
      if (f === undefined) out.Successful.push({ Id: e.Id });
      else out.Failed.push(f);
    }
    return out;
  }
}

/** Attributes as the store keeps them (opaque JSON: binary values base64, per the QueueStore contract). */
interface StoredValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

function toStored(attrs: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const out: Record<string, StoredValue> = {};
  for (const [k, v] of Object.entries(attrs)) {
    out[k] = v.BinaryValue !== undefined ? { DataType: v.DataType, BinaryValue: v.BinaryValue.toString('base64') } : { DataType: v.DataType, StringValue: v.StringValue ?? '' };
  }
  return out;
}

function fromStored(v: unknown): AttributeValue | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const s = v as Partial<StoredValue>;
  if (typeof s.DataType !== 'string') return undefined;
  if (typeof s.BinaryValue === 'string') return { DataType: s.DataType, BinaryValue: Buffer.from(s.BinaryValue, 'base64') };
  return { DataType: s.DataType, StringValue: typeof s.StringValue === 'string' ? s.StringValue : '' };
}

function checkVisibility(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43200) {
    throw SqsErrors.invalidParameter(String(seconds), 'VisibilityTimeout', 'Must be between 0 and 43200, if provided.');
  }
}

function visibilityError(outcome: HandleOutcome, handle: string): AwsError | undefined {
  switch (outcome) {
    case 'ok':
      return undefined;
    case 'expired':
      return SqsErrors.receiptHandleExpired(handle);
    case 'not-in-flight':
      return SqsErrors.messageNotInflight();
    default:
      return SqsErrors.receiptHandleInvalid(handle);
  }
}

function systemValue(m: ReceivedMessage, name: SystemName): string | undefined {
  switch (name) {
    case 'SenderId':
      return m.senderId;
    case 'SentTimestamp':
      return String(m.sentAt);
    case 'ApproximateReceiveCount':
      return String(m.receiveCount);
    case 'ApproximateFirstReceiveTimestamp':
      return String(m.firstReceivedAt);
    case 'SequenceNumber':
      return m.sequenceNumber;
    case 'MessageDeduplicationId':
      return m.deduplicationId;
    case 'MessageGroupId':
      return m.groupId;
    case 'AWSTraceHeader': {
      return fromStored(m.messageSystemAttributes?.['AWSTraceHeader'])?.StringValue;
    }
    case 'DeadLetterQueueSourceArn':
      return m.deadLetterQueueSourceArn;
  }
}

/** The receive's view of a message: requested system attributes, selected message attributes and their MD5. */
function toMessage(m: ReceivedMessage, system: readonly SystemName[], pick: ((name: string) => boolean) | undefined): Message {
  const out: Message = { MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: m.md5OfBody, Body: m.body };
  if (system.length > 0) {
    const attrs: Record<string, string> = {};
    for (const n of system) {
      const v = systemValue(m, n);
      if (v !== undefined) attrs[n] = v;
    }
    if (Object.keys(attrs).length > 0) out.Attributes = attrs;
  }
  const all = m.messageAttributes;
  if (pick !== undefined && all !== undefined) {
    const chosen: Record<string, AttributeValue> = {};
    for (const [k, v] of Object.entries(all)) {
      const value = pick(k) ? fromStored(v) : undefined;
      if (value !== undefined) chosen[k] = value;
    }
    const names = Object.keys(chosen);
    if (names.length > 0) {
      out.MessageAttributes = chosen as Record<string, MessageAttributeValue>;
      // SDKs check the digest against the attributes they were given, so it covers the ones returned.
      out.MD5OfMessageAttributes =
        names.length === Object.keys(all).length && m.md5OfMessageAttributes !== undefined ? m.md5OfMessageAttributes : (md5OfAttributes(chosen) as string);
    }
  }
  return out;
}
