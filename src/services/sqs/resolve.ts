// From a request's QueueUrl (or ARN) to the stored queue, with AWS's errors for what does not name one.
import type { QueueKey, QueueRow, QueueStore } from '../../store/queue-types.js';
import type { RequestContext } from '../types.js';
import { SqsErrors } from './errors.js';
import { parseQueueUrl } from './queue-urls.js';

export function keyOfUrl(url: string, ctx: RequestContext): QueueKey {
  const key = parseQueueUrl(url, ctx.region);
  if (key === undefined) throw SqsErrors.invalidAddress(url);
  return key;
}

export function queueOfUrl(queues: QueueStore, url: string, ctx: RequestContext): QueueRow {
  const row = queues.getQueue(keyOfUrl(url, ctx));
  if (row === undefined) throw SqsErrors.queueDoesNotExist();
  return row;
}

/** Store errors mean the queue went away meanwhile (QueueMissingError): AWS's QueueDoesNotExist. */
export function keyOf(row: QueueRow): QueueKey {
  return { accountId: row.accountId, region: row.region, name: row.name };
}
