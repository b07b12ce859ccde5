// What each SQS operation asks IAM for, per AWS's Service Authorization Reference for SQS
// (/work/shared/aws-iam/service-authorization/sqs.json): every action but ListQueues is on the queue
// (arn:aws:sqs:REGION:ACCOUNT:NAME, from the QueueUrl, so a queue of another account is decided by its policy);
// CreateQueue and TagQueue carry aws:RequestTag/* and aws:TagKeys, UntagQueue aws:TagKeys. A URL that names no
// queue is asked for as "*": the handler then answers InvalidAddress to whoever may call the action at all.
import type { AccessRequest } from '../identity.js';
import type { RequestContext } from '../types.js';
import { parseQueueUrl, queueArn } from './queue-urls.js';
import { taskSourceArn } from './move-tasks.js';

type Input = Record<string, unknown>;

function str(input: Input, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

function arnOfUrl(input: Input, ctx: RequestContext): string {
  const url = str(input, 'QueueUrl');
  const key = url === undefined ? undefined : parseQueueUrl(url, ctx.region);
  return key === undefined ? '*' : queueArn(key.region, key.accountId, key.name);
}

function tagConditions(tags: unknown, keysOnly: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (tags !== null && typeof tags === 'object' && !Array.isArray(tags)) {
    const entries = Object.entries(tags as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    for (const [k, v] of entries) out[`aws:RequestTag/${k}`] = v;
    out['aws:TagKeys'] = entries.map(([k]) => k);
  }
  if (Array.isArray(keysOnly)) out['aws:TagKeys'] = keysOnly.filter((k): k is string => typeof k === 'string');
  return out;
}

const onQueue = (action: string) => (input: Input, ctx: RequestContext): AccessRequest[] => [{ action, resource: arnOfUrl(input, ctx) }];

export const SQS_ACCESS: Readonly<Record<string, (input: Input, ctx: RequestContext) => AccessRequest[]>> = {
  AddPermission: onQueue('sqs:AddPermission'),
  ChangeMessageVisibility: onQueue('sqs:ChangeMessageVisibility'),
  // Batch operations are authorized as their single-message action, as AWS does.
  ChangeMessageVisibilityBatch: onQueue('sqs:ChangeMessageVisibility'),
  CreateQueue: (input, ctx) => {
    const name = str(input, 'QueueName') ?? '';
    const conditions = tagConditions(input['tags'], undefined);
    const req: AccessRequest = { action: 'sqs:CreateQueue', resource: queueArn(ctx.region, ctx.accountId, name) };
    if (Object.keys(conditions).length > 0) req.conditions = conditions;
    return [req];
  },
  DeleteMessage: onQueue('sqs:DeleteMessage'),
  DeleteMessageBatch: onQueue('sqs:DeleteMessage'),
  DeleteQueue: onQueue('sqs:DeleteQueue'),
  GetQueueAttributes: onQueue('sqs:GetQueueAttributes'),
  GetQueueUrl: (input, ctx) => [
    { action: 'sqs:GetQueueUrl', resource: queueArn(ctx.region, str(input, 'QueueOwnerAWSAccountId') ?? ctx.accountId, str(input, 'QueueName') ?? '') },
  ],
  ListDeadLetterSourceQueues: onQueue('sqs:ListDeadLetterSourceQueues'),
  ListQueueTags: onQueue('sqs:ListQueueTags'),
  ListQueues: () => [{ action: 'sqs:ListQueues', resource: '*' }],
  PurgeQueue: onQueue('sqs:PurgeQueue'),
  ReceiveMessage: onQueue('sqs:ReceiveMessage'),
  RemovePermission: onQueue('sqs:RemovePermission'),
  SendMessage: onQueue('sqs:SendMessage'),
  SendMessageBatch: onQueue('sqs:SendMessage'),
  SetQueueAttributes: onQueue('sqs:SetQueueAttributes'),
  TagQueue: (input, ctx) => [{ action: 'sqs:TagQueue', resource: arnOfUrl(input, ctx), conditions: tagConditions(input['Tags'], undefined) }],
  UntagQueue: (input, ctx) => [{ action: 'sqs:UntagQueue', resource: arnOfUrl(input, ctx), conditions: tagConditions(undefined, input['TagKeys']) }],
  // A move task reads and deletes from its source and sends to its destination (AWS's documented permissions).
  StartMessageMoveTask: (input) => {
    const source = str(input, 'SourceArn') ?? '*';
    const out: AccessRequest[] = [
      { action: 'sqs:StartMessageMoveTask', resource: source },
      { action: 'sqs:ReceiveMessage', resource: source },
      { action: 'sqs:DeleteMessage', resource: source },
    ];
    const destination = str(input, 'DestinationArn');
    if (destination !== undefined) out.push({ action: 'sqs:SendMessage', resource: destination });
    return out;
  },
  ListMessageMoveTasks: (input) => [{ action: 'sqs:ListMessageMoveTasks', resource: str(input, 'SourceArn') ?? '*' }],
  CancelMessageMoveTask: (input) => [{ action: 'sqs:CancelMessageMoveTask', resource: taskSourceArn(str(input, 'TaskHandle') ?? '') ?? '*' }],
};

/** ServiceDefinition.access for SQS. */
export function sqsAccess(operation: string, input: Record<string, unknown>, ctx: RequestContext): AccessRequest[] {
  const mapper = SQS_ACCESS[operation];
  return mapper === undefined ? [{ action: `sqs:${operation}`, resource: '*' }] : mapper(input, ctx);
}
