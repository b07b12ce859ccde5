// The SQS event exactly as Lambda delivers it to a function: one record per message, built from what SQS's
// ReceiveMessage returned (the handler's output document: attribute values are strings, binary values bytes).
// Field order and shapes follow recorded AWS events (shared/parity test_lambda_integration_sqs): attributes carry
// the receive count, sent time, sender and first receive time (FIFO adds sequence number, group and deduplication
// ids), message attributes are {stringValue | binaryValue, stringListValues, binaryListValues, dataType}, and
// md5OfMessageAttributes is null when the message has none.

/** One message of ReceiveMessage's output, as far as Lambda reads it. */
export interface ReceivedSqsMessage {
  MessageId?: string;
  ReceiptHandle?: string;
  MD5OfBody?: string;
  Body?: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, SqsAttributeValue>;
}

export interface SqsAttributeValue {
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
  StringListValues?: string[];
  BinaryListValues?: (Uint8Array | string)[];
  DataType?: string;
}

export interface SqsRecordAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsRecordAttribute>;
  md5OfMessageAttributes: string | null;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** System attributes in the order Lambda writes them; any other attribute SQS returned follows. */
const ATTRIBUTE_ORDER = [
  'ApproximateReceiveCount',
  'AWSTraceHeader',
  'SentTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'SenderId',
  'MessageDeduplicationId',
  'ApproximateFirstReceiveTimestamp',
  'DeadLetterQueueSourceArn',
] as const;

function base64(v: Uint8Array | string): string {
  return typeof v === 'string' ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

function recordAttributes(given: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!given) return out;
  for (const k of ATTRIBUTE_ORDER) {
    const v = given[k];
    if (v !== undefined) out[k] = v;
  }
  for (const [k, v] of Object.entries(given)) if (!(k in out)) out[k] = v;
  return out;
}

function recordMessageAttributes(given: Record<string, SqsAttributeValue> | undefined): Record<string, SqsRecordAttribute> {
  const out: Record<string, SqsRecordAttribute> = {};
  if (!given) return out;
  for (const [name, v] of Object.entries(given)) {
    // AWS's key order: the value, the (reserved, always empty) list values, then the type.
    out[name] = {
      ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      ...(v.BinaryValue !== undefined ? { binaryValue: base64(v.BinaryValue) } : {}),
      stringListValues: v.StringListValues ?? [],
      binaryListValues: (v.BinaryListValues ?? []).map(base64),
      dataType: v.DataType ?? 'String',
    };
  }
  return out;
}

export function toRecord(m: ReceivedSqsMessage, queueArn: string, region: string): SqsRecord {
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: recordAttributes(m.Attributes),
    messageAttributes: recordMessageAttributes(m.MessageAttributes),
    md5OfMessageAttributes: m.MD5OfMessageAttributes ?? null,
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** The invocation payload for a batch. */
export function eventPayload(records: readonly SqsRecord[]): Buffer {
  return Buffer.from(JSON.stringify({ Records: records }));
}
