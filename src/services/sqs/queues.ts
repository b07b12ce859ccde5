// Queue operations: create, delete, find, list, attributes, purge, tags, permissions, dead-letter sources.
import { QueueMissingError, type QueueRow, type QueueStore } from '../../store/queue-types.js';
import type { RequestContext } from '../types.js';
import type {
  AddPermissionRequest,
  CreateQueueRequest,
  CreateQueueResult,
  DeleteQueueRequest,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  GetQueueUrlRequest,
  GetQueueUrlResult,
  ListDeadLetterSourceQueuesRequest,
  ListDeadLetterSourceQueuesResult,
  ListQueueTagsRequest,
  ListQueueTagsResult,
  ListQueuesRequest,
  ListQueuesResult,
  PurgeQueueRequest,
  RemovePermissionRequest,
  SetQueueAttributesRequest,
  TagQueueRequest,
  UntagQueueRequest,
} from './api-types.js';
import {
  COMPUTED_ATTRIBUTES,
  defaultAttributes,
  firstDifference,
  mergeAttributes,
  READABLE_ATTRIBUTES,
  settingsOf,
  validateAttributes,
} from './attributes.js';
import type { SqsDeps } from './deps.js';
import { SqsErrors } from './errors.js';
import { addPermission, removePermission } from './queue-policies.js';
import { isValidQueueName } from '../../store/queue-types.js';
import { queueArn, queueUrl } from './queue-urls.js';
import { keyOf, queueOfUrl } from './resolve.js';
import { MAX_TAGS, validateTags } from './tags.js';

/** PurgeQueue may run once per queue per 60 s. */
const PURGE_INTERVAL_MS = 60_000;
/** ListQueues without MaxResults answers up to 1000 URLs and no token, as AWS does. */
const LIST_LIMIT = 1000;

/** Rejections of the store for a queue deleted under a request are AWS's QueueDoesNotExist. */
export async function onQueue<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof QueueMissingError) throw SqsErrors.queueDoesNotExist();
    throw e;
  }
}

/** ListQueues / ListDeadLetterSourceQueues tokens: where the last page ended (opaque to callers). */
function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}
function decodeToken(token: string): string {
  try {
    const doc = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof doc.after === 'string') return doc.after;
  } catch {
    // falls through to AWS's error
  }
  throw SqsErrors.invalidParameterValue('Invalid NextToken value.');
}

function maxResults(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > LIST_LIMIT) {
    throw SqsErrors.invalidParameter(String(value), 'MaxResults', 'MaxResults must be an integer between 1 and 1000.');
  }
  return value;
}

export class SqsQueues {
  private readonly queues: QueueStore;
  private readonly now: () => number;
  /** Queue ARN → when its last purge began. */
  private readonly purges = new Map<string, number>();

  constructor(private readonly deps: SqsDeps) {
    this.queues = deps.queues;
    this.now = deps.now ?? Date.now;
  }

  async createQueue(req: CreateQueueRequest, ctx: RequestContext): Promise<CreateQueueResult> {
    const requested = req.Attributes ?? {};
    const fifoAttr = requested['FifoQueue'];
    const fifo = fifoAttr !== undefined && fifoAttr.toLowerCase() === 'true';
    const name = req.QueueName;
    if (!isValidQueueName(name) || name.endsWith('.fifo') !== fifo) throw SqsErrors.invalidQueueName(fifo || name.endsWith('.fifo'));
    const key = { accountId: ctx.accountId, region: ctx.region, name };
    const arn = queueArn(ctx.region, ctx.accountId, name);
    const byArn = (a: string): QueueRow | undefined => this.queues.getQueueByArn(a);
    const attributes = validateAttributes(requested, { fifo, creating: true, arn, byArn });
    const url = queueUrl(ctx.endpoint, ctx.accountId, name);
    const existing = this.queues.getQueue(key);
    if (existing !== undefined) return this.sameQueue(existing, attributes, url);
    if (this.queues.deletedRecently(key) !== undefined) throw SqsErrors.queueDeletedRecently();
    const tags = req.tags ?? {};
    if (Object.keys(tags).length > MAX_TAGS) throw SqsErrors.tooManyTags(name);
    validateTags(tags);
    const stored = mergeAttributes(defaultAttributes(fifo), attributes);
    const at = this.now();
    const { created, row } = await this.queues.createQueue({
      ...key,
      arn,
      createdAt: at,
      lastModifiedAt: at,
      attributes: stored,
      tags: { ...tags },
      settings: settingsOf(stored),
    });
    if (!created) return this.sameQueue(row, attributes, url);
    this.deps.policies.changed();
    return { QueueUrl: url };
  }

  /** CreateQueue of an existing name: its URL when the requested attributes match, else QueueNameExists. */
  private sameQueue(existing: QueueRow, requested: Record<string, string>, url: string): CreateQueueResult {
    const differs = firstDifference(existing.attributes, requested, existing.settings.fifo);
    if (differs !== undefined) throw SqsErrors.queueNameExists(differs);
    return { QueueUrl: url };
  }

  async deleteQueue(req: DeleteQueueRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    if (!(await this.queues.deleteQueue(keyOf(row)))) throw SqsErrors.queueDoesNotExist();
    this.purges.delete(row.arn);
    this.deps.policies.changed();
  }

  getQueueUrl(req: GetQueueUrlRequest, ctx: RequestContext): Promise<GetQueueUrlResult> {
    const accountId = req.QueueOwnerAWSAccountId ?? ctx.accountId;
    const row = this.queues.getQueue({ accountId, region: ctx.region, name: req.QueueName });
    if (row === undefined) throw SqsErrors.queueDoesNotExist();
    return Promise.resolve({ QueueUrl: queueUrl(ctx.endpoint, row.accountId, row.name) });
  }

  listQueues(req: ListQueuesRequest, ctx: RequestContext): Promise<ListQueuesResult> {
    const limit = maxResults(req.MaxResults);
    const opts: { prefix?: string; after?: string; limit: number } = { limit: limit ?? LIST_LIMIT };
    if (req.QueueNamePrefix !== undefined && req.QueueNamePrefix !== '') opts.prefix = req.QueueNamePrefix;
    if (req.NextToken !== undefined && req.NextToken !== '') opts.after = decodeToken(req.NextToken);
    const page = this.queues.listQueues(ctx.accountId, ctx.region, opts);
    const out: ListQueuesResult = {};
    if (page.queues.length > 0) out.QueueUrls = page.queues.map((q) => queueUrl(ctx.endpoint, q.accountId, q.name));
    // Only a caller that set MaxResults is given a token (AWS's rule).
    if (limit !== undefined && page.next !== undefined) out.NextToken = encodeToken(page.next);
    return Promise.resolve(out);
  }

  getQueueAttributes(req: GetQueueAttributesRequest, ctx: RequestContext): Promise<GetQueueAttributesResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const names: readonly string[] = req.AttributeNames ?? [];
    for (const n of names) if (!READABLE_ATTRIBUTES.has(n)) throw SqsErrors.unknownAttribute(n);
    const all = names.includes('All');
    const want = (n: string): boolean => all || names.includes(n);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(row.attributes)) if (want(k)) out[k] = v;
    if (COMPUTED_ATTRIBUTES.some(want)) {
      const counts = this.queues.counts(keyOf(row));
      const computed: Record<(typeof COMPUTED_ATTRIBUTES)[number], string> = {
        QueueArn: row.arn,
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
        ApproximateNumberOfMessagesDelayed: String(counts.delayed),
        CreatedTimestamp: String(Math.floor(row.createdAt / 1000)),
        LastModifiedTimestamp: String(Math.floor(row.lastModifiedAt / 1000)),
      };
      for (const n of COMPUTED_ATTRIBUTES) if (want(n)) out[n] = computed[n];
    }
    return Promise.resolve(Object.keys(out).length > 0 ? { Attributes: out } : {});
  }

  async setQueueAttributes(req: SetQueueAttributesRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const changes = validateAttributes(req.Attributes, {
      fifo: row.settings.fifo,
      creating: false,
      arn: row.arn,
      byArn: (a) => this.queues.getQueueByArn(a),
    });
    if (Object.keys(changes).length === 0) return;
    const attributes = mergeAttributes(row.attributes, changes);
    await this.update(row, { attributes });
    if ('Policy' in changes) this.deps.policies.changed();
  }

  private async update(row: QueueRow, change: { attributes?: Record<string, string>; tags?: Record<string, string> }): Promise<void> {
    const attributes = change.attributes ?? row.attributes;
    const ok = await this.queues.updateQueue(keyOf(row), {
      attributes,
      settings: change.attributes ? settingsOf(attributes) : row.settings,
      tags: change.tags ?? row.tags,
      lastModifiedAt: change.attributes ? this.now() : row.lastModifiedAt,
    });
    if (!ok) throw SqsErrors.queueDoesNotExist();
  }

  async purgeQueue(req: PurgeQueueRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const now = this.now();
    const last = this.purges.get(row.arn);
    if (last !== undefined && now - last < PURGE_INTERVAL_MS) throw SqsErrors.purgeInProgress(row.name);
    // Forget purges long past, so the map holds only queues purged within the last minute.
    for (const [arn, at] of this.purges) if (now - at >= PURGE_INTERVAL_MS) this.purges.delete(arn);
    this.purges.set(row.arn, now);
    await onQueue(this.queues.purge(keyOf(row)));
  }

  async tagQueue(req: TagQueueRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    validateTags(req.Tags);
    const tags = { ...row.tags, ...req.Tags };
    if (Object.keys(tags).length > MAX_TAGS) throw SqsErrors.tooManyTags(row.name);
    await this.update(row, { tags });
  }

  async untagQueue(req: UntagQueueRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const tags = { ...row.tags };
    for (const k of req.TagKeys) delete tags[k];
    await this.update(row, { tags });
  }

  listQueueTags(req: ListQueueTagsRequest, ctx: RequestContext): Promise<ListQueueTagsResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    return Promise.resolve(Object.keys(row.tags).length > 0 ? { Tags: { ...row.tags } } : {});
  }

  async addPermission(req: AddPermissionRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const policy = addPermission(row.attributes['Policy'], row.arn, req.Label, req.AWSAccountIds, req.Actions);
    await this.update(row, { attributes: { ...row.attributes, Policy: policy } });
    this.deps.policies.changed();
  }

  async removePermission(req: RemovePermissionRequest, ctx: RequestContext): Promise<void> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const policy = removePermission(row.attributes['Policy'], row.arn, req.Label);
    const attributes = { ...row.attributes };
    if (policy === '') delete attributes['Policy'];
    else attributes['Policy'] = policy;
    await this.update(row, { attributes });
    this.deps.policies.changed();
  }

  listDeadLetterSourceQueues(req: ListDeadLetterSourceQueuesRequest, ctx: RequestContext): Promise<ListDeadLetterSourceQueuesResult> {
    const row = queueOfUrl(this.queues, req.QueueUrl, ctx);
    const limit = maxResults(req.MaxResults);
    const after = req.NextToken !== undefined && req.NextToken !== '' ? decodeToken(req.NextToken) : undefined;
    let sources = this.queues.deadLetterSources(row.arn).filter((q) => q.accountId === row.accountId || q.accountId === ctx.accountId);
    if (after !== undefined) sources = sources.filter((q) => q.name > after);
    const page = sources.slice(0, limit ?? LIST_LIMIT);
    const out: ListDeadLetterSourceQueuesResult = { queueUrls: page.map((q) => queueUrl(ctx.endpoint, q.accountId, q.name)) };
    const last = page[page.length - 1];
    if (limit !== undefined && sources.length > page.length && last !== undefined) out.NextToken = encodeToken(last.name);
    return Promise.resolve(out);
  }
}
