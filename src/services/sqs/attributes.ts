// Queue attributes: which exist, their defaults, their limits and AWS's messages when a value breaks one, and the
// engine settings (QueueSettings) they imply. Values are kept as the strings SQS returns; RedrivePolicy and
// RedriveAllowPolicy are stored normalized (compact JSON, numbers as numbers) as AWS echoes them.
import type { QueueRow, QueueSettings } from '../../store/queue-types.js';
import { SqsErrors } from './errors.js';
import { parseQueueArn } from '../../store/queue-types.js';

type Attrs = Record<string, string>;

/** Integer attributes and their inclusive ranges. */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  VisibilityTimeout: [0, 43200],
  DelaySeconds: [0, 900],
  MessageRetentionPeriod: [60, 1209600],
  MaximumMessageSize: [1024, 1048576],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  KmsDataKeyReusePeriodSeconds: [60, 86400],
};

/** Attributes only FIFO queues have; on a standard queue SQS does not know them. */
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** Attributes a caller may set (CreateQueue also takes FifoQueue). */
const SETTABLE = new Set([
  ...Object.keys(INTEGER_RANGES),
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
  ...FIFO_ONLY,
]);

/** What GetQueueAttributes computes rather than stores. */
export const COMPUTED_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

/** Every name GetQueueAttributes accepts. */
export const READABLE_ATTRIBUTES: ReadonlySet<string> = new Set(['All', 'FifoQueue', ...SETTABLE, ...COMPUTED_ATTRIBUTES]);

/** AWS's defaults (MaximumMessageSize: 1 MiB since AWS raised the limit in 2025). */
export function defaultAttributes(fifo: boolean): Attrs {
  const out: Attrs = {
    VisibilityTimeout: '30',
    DelaySeconds: '0',
    MessageRetentionPeriod: '345600',
    MaximumMessageSize: '1048576',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'true',
  };
  if (fifo) {
    out['FifoQueue'] = 'true';
    out['ContentBasedDeduplication'] = 'false';
    out['DeduplicationScope'] = 'queue';
    out['FifoThroughputLimit'] = 'perQueue';
  }
  return out;
}

const BOOL_RE = /^(true|false)$/i;
const INT_RE = /^-?\d{1,10}$/;

/** Looks a queue up by ARN (redrive targets must exist and be of the same type). */
export type QueueByArn = (arn: string) => QueueRow | undefined;

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** RedrivePolicy: {"deadLetterTargetArn": ARN, "maxReceiveCount": 1–1000}; normalized text. */
function redrivePolicy(text: string, fifo: boolean, sourceArn: string, byArn: QueueByArn): string {
  const doc = parseJsonObject(text);
  if (doc === undefined) throw SqsErrors.invalidAttributeValue('RedrivePolicy', 'Redrive policy is not a valid JSON map.');
  const bad = (reason: string): Error => SqsErrors.invalidParameter(text, 'RedrivePolicy', reason);
  const target = doc['deadLetterTargetArn'];
  if (typeof target !== 'string' || target === '') throw bad('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  const rawCount = doc['maxReceiveCount'];
  if (rawCount === undefined) throw bad('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  const count = typeof rawCount === 'number' ? rawCount : typeof rawCount === 'string' && INT_RE.test(rawCount) ? Number(rawCount) : NaN;
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw bad(`Invalid value for maxReceiveCount: ${String(rawCount)}, valid values are from 1 to 1000 both inclusive.`);
  }
  for (const k of Object.keys(doc)) {
    if (k !== 'deadLetterTargetArn' && k !== 'maxReceiveCount') throw bad(`Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount].`);
  }
  if (parseQueueArn(target) === undefined) throw bad('Invalid value for deadLetterTargetArn.');
  const dlq = byArn(target);
  if (dlq === undefined) throw bad('Dead letter target does not exist.');
  if (dlq.settings.fifo !== fifo) throw bad('Dead-letter queue must be same type of queue as the source..');
  if (!redriveAllowed(dlq, sourceArn)) throw bad('Dead-letter queue does not allow this queue as a source by its RedriveAllowPolicy.');
  return JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: count });
}

/** Whether a dead-letter queue's RedriveAllowPolicy lets `sourceArn` use it (no policy: every queue may). */
export function redriveAllowed(dlq: QueueRow, sourceArn: string): boolean {
  const text = dlq.attributes['RedriveAllowPolicy'];
  if (text === undefined || text === '') return true;
  const doc = parseJsonObject(text);
  switch (doc?.['redrivePermission']) {
    case 'denyAll':
      return false;
    case 'byQueue': {
      const arns = doc['sourceQueueArns'];
      return Array.isArray(arns) && arns.includes(sourceArn);
    }
    default:
      return true;
  }
}

/** RedriveAllowPolicy: allowAll | denyAll | byQueue with 1–10 source queue ARNs; normalized text. */
function redriveAllowPolicy(text: string): string {
  const bad = (reason: string): Error => SqsErrors.invalidParameter(text, 'RedriveAllowPolicy', reason);
  const doc = parseJsonObject(text);
  if (doc === undefined) throw SqsErrors.invalidAttributeValue('RedriveAllowPolicy', 'Redrive allow policy is not a valid JSON map.');
  const permission = doc['redrivePermission'];
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw bad('Amazon SQS can\'t create the redrive allow policy, as it\'s in an unsupported format. Valid values for redrivePermission: allowAll, denyAll, byQueue.');
  }
  const arns = doc['sourceQueueArns'];
  if (permission === 'byQueue') {
    if (!Array.isArray(arns) || arns.length === 0) throw bad('Amazon SQS can\'t create the redrive allow policy. When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.');
    if (arns.length > 10) throw bad('Amazon SQS can\'t create the redrive allow policy. The maximum number of source queue ARNs you can specify is 10.');
    if (!arns.every((a) => typeof a === 'string' && parseQueueArn(a) !== undefined)) throw bad('Amazon SQS can\'t create the redrive allow policy. sourceQueueArns must be queue ARNs.');
    return JSON.stringify({ redrivePermission: permission, sourceQueueArns: arns });
  }
  if (arns !== undefined) throw bad(`Amazon SQS can't create the redrive allow policy. To specify one or more source queue ARNs, you must set redrivePermission to byQueue.`);
  return JSON.stringify({ redrivePermission: permission });
}

/**
 * Validates attributes a caller asked for (CreateQueue or SetQueueAttributes) against the queue's type and returns
 * them normalized. `creating`: FifoQueue may be given (CreateQueue); afterwards it cannot change.
 */
export function validateAttributes(requested: Readonly<Attrs>, opts: { fifo: boolean; creating: boolean; arn: string; byArn: QueueByArn }): Attrs {
  const out: Attrs = {};
  for (const [name, value] of Object.entries(requested)) {
    if (name === 'FifoQueue') {
      if (!opts.creating) throw SqsErrors.invalidAttributeValue('FifoQueue', 'Modifying queue type is not supported.');
      if (!BOOL_RE.test(value)) throw SqsErrors.invalidAttributeValue('FifoQueue');
      continue;
    }
    if (!SETTABLE.has(name) || (FIFO_ONLY.has(name) && !opts.fifo)) throw SqsErrors.unknownAttribute(name);
    const range = INTEGER_RANGES[name];
    if (range !== undefined) {
      const t = value.trim();
      if (!INT_RE.test(t) || Number(t) < range[0] || Number(t) > range[1]) throw SqsErrors.invalidAttributeValue(name);
      out[name] = String(Number(t));
      continue;
    }
    switch (name) {
      case 'SqsManagedSseEnabled':
      case 'ContentBasedDeduplication':
        if (!BOOL_RE.test(value)) throw SqsErrors.invalidAttributeValue(name);
        out[name] = value.toLowerCase();
        break;
      case 'DeduplicationScope':
        if (value !== 'messageGroup' && value !== 'queue') throw SqsErrors.invalidAttributeValue(name);
        out[name] = value;
        break;
      case 'FifoThroughputLimit':
        if (value !== 'perQueue' && value !== 'perMessageGroupId') throw SqsErrors.invalidAttributeValue(name);
        out[name] = value;
        break;
      case 'Policy':
        // An empty value removes the policy; otherwise a JSON document (the authorizer parses its statements).
        if (value !== '' && (value.length > 20480 || parseJsonObject(value) === undefined)) throw SqsErrors.invalidAttributeValue(name);
        out[name] = value;
        break;
      case 'RedrivePolicy':
        out[name] = value === '' ? '' : redrivePolicy(value, opts.fifo, opts.arn, opts.byArn);
        break;
      case 'RedriveAllowPolicy':
        out[name] = value === '' ? '' : redriveAllowPolicy(value);
        break;
      case 'KmsMasterKeyId':
        if (value.length > 2048) throw SqsErrors.invalidAttributeValue(name);
        out[name] = value;
        break;
      default:
        out[name] = value;
    }
  }
  if (out['FifoThroughputLimit'] === 'perMessageGroupId' && (out['DeduplicationScope'] ?? 'queue') !== 'messageGroup' && opts.creating) {
    throw SqsErrors.invalidAttributeValue('FifoThroughputLimit', 'The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.');
  }
  return out;
}

/** Merges validated changes into stored attributes; an empty Policy/RedrivePolicy/... removes the attribute. */
export function mergeAttributes(current: Readonly<Attrs>, changes: Readonly<Attrs>): Attrs {
  const out: Attrs = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === '' && (k === 'Policy' || k === 'RedrivePolicy' || k === 'RedriveAllowPolicy' || k === 'KmsMasterKeyId')) delete out[k];
    else out[k] = v;
  }
  // The data key reuse period belongs to SSE-KMS: shown once a KMS key is set (AWS's default 300 s).
  if (out['KmsMasterKeyId'] !== undefined && out['KmsDataKeyReusePeriodSeconds'] === undefined) out['KmsDataKeyReusePeriodSeconds'] = '300';
  return out;
}

/** The engine's settings from stored attributes (already validated). */
export function settingsOf(attrs: Readonly<Attrs>): QueueSettings {
  const fifo = attrs['FifoQueue'] === 'true';
  const settings: QueueSettings = {
    fifo,
    visibilityTimeoutSeconds: Number(attrs['VisibilityTimeout'] ?? 30),
    delaySeconds: Number(attrs['DelaySeconds'] ?? 0),
    retentionSeconds: Number(attrs['MessageRetentionPeriod'] ?? 345600),
    deduplicationScope: attrs['DeduplicationScope'] === 'messageGroup' ? 'messageGroup' : 'queue',
  };
  const redrive = attrs['RedrivePolicy'];
  if (redrive !== undefined && redrive !== '') {
    const doc = parseJsonObject(redrive);
    if (doc && typeof doc['deadLetterTargetArn'] === 'string' && typeof doc['maxReceiveCount'] === 'number') {
      settings.redrive = { deadLetterTargetArn: doc['deadLetterTargetArn'], maxReceiveCount: doc['maxReceiveCount'] };
    }
  }
  return settings;
}

/**
 * The first attribute whose requested value differs from the queue's (CreateQueue of an existing name), or
 * undefined when every requested attribute matches. Attributes not requested are not compared, as on AWS.
 */
export function firstDifference(existing: Readonly<Attrs>, requested: Readonly<Attrs>, fifo: boolean): string | undefined {
  const defaults = defaultAttributes(fifo);
  for (const [k, v] of Object.entries(requested)) {
    const have = existing[k] ?? defaults[k] ?? '';
    if (have !== v) return k;
  }
  return undefined;
}
