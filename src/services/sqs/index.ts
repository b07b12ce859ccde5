// The SQS service: two codecs (json 1.0 for current SDKs, query for older CLIs and SDKs), the handler table, the
// access map and the service's own error for denials. Every operation of models/sqs has a handler.
import type { HttpRequestParts } from '../../protocol/codec.js';
import { AwsError } from '../../protocol/errors.js';
import { JsonCodec } from '../../protocol/json/codec.js';
import { loadModel, Model, type Operation, type ServiceModel } from '../../protocol/model.js';
import type { OperationHandler, RequestContext, ServiceDefinition } from '../types.js';
import type { ReceiveMessageRequest } from './api-types.js';
import { sqsAccess } from './access.js';
import type { SqsDeps } from './deps.js';
import { SqsErrors } from './errors.js';
import { SqsMessages } from './messages.js';
import { MoveTasks } from './move-tasks.js';
import { SqsQueues } from './queues.js';
import { SqsQueryCodec } from './query-codec.js';
import { sqsDecodeError } from './missing-parameter.js';

/**
 * A request body's limit: a batch's messages total at most 1 MiB, but the request's text (JSON escapes, base64
 * binary attributes, a form's percent-encoding) can take about three times that.
 */
const BODY_LIMIT = 4 * 1048576;

/**
 * The model as SQS validates: no enum constraints on strings (SQS checks attribute names itself: InvalidAttributeName
 * "Unknown Attribute X.", where model validation would answer a generic ValidationException), batch entries
 * checked by the handlers.
 */
function sqsModel(model: Model): Model {
  const raw = structuredClone(model.raw) as ServiceModel;
  for (const [name, shape] of Object.entries(raw.shapes)) {
    if (shape.type === 'string' && shape.enum !== undefined) delete shape.enum;
    // A batch without entries is EmptyBatchRequest (the query protocol cannot even send an empty list).
    if (shape.type === 'structure' && BATCH_REQUESTS.has(name)) shape.required = (shape.required ?? []).filter((m) => m !== 'Entries');
  }
  return new Model(raw, model.paginators);
}

const BATCH_REQUESTS = new Set(['SendMessageBatchRequest', 'DeleteMessageBatchRequest', 'ChangeMessageVisibilityBatchRequest']);

/** The json codec with SQS's MissingParameter for a required member left out. */
class SqsJsonCodec extends JsonCodec {
  override decode(req: HttpRequestParts, operation: Operation): Record<string, unknown> {
    try {
      return super.decode(req, operation);
    } catch (e) {
      throw sqsDecodeError(e);
    }
  }
}

function op<I, O>(fn: (input: I, ctx: RequestContext) => Promise<O>): OperationHandler {
  // The codec has validated the document against the model shape that I mirrors.
  return (input, ctx) => fn(input as I, ctx) as Promise<Record<string, unknown> | undefined>;
}

export interface SqsService extends ServiceDefinition {
  /** Stops running message move tasks (shutdown). */
  stop(): void;
}

export function createSqsService(deps: SqsDeps): SqsService {
  const json = new SqsJsonCodec(sqsModel(loadModel('sqs')), { queryModel: loadModel('sqs-query') });
  const query = new SqsQueryCodec(sqsModel(loadModel('sqs-query')));
  const queues = new SqsQueues(deps);
  const messages = new SqsMessages(deps.queues);
  const moves = new MoveTasks(deps.queues, deps.now, deps.log);
  const handlers: Record<string, OperationHandler> = {
    CreateQueue: op(queues.createQueue.bind(queues)),
    DeleteQueue: op(queues.deleteQueue.bind(queues)),
    GetQueueUrl: op(queues.getQueueUrl.bind(queues)),
    ListQueues: op(queues.listQueues.bind(queues)),
    GetQueueAttributes: op(queues.getQueueAttributes.bind(queues)),
    SetQueueAttributes: op(queues.setQueueAttributes.bind(queues)),
    PurgeQueue: op(queues.purgeQueue.bind(queues)),
    TagQueue: op(queues.tagQueue.bind(queues)),
    UntagQueue: op(queues.untagQueue.bind(queues)),
    ListQueueTags: op(queues.listQueueTags.bind(queues)),
    AddPermission: op(queues.addPermission.bind(queues)),
    RemovePermission: op(queues.removePermission.bind(queues)),
    ListDeadLetterSourceQueues: op(queues.listDeadLetterSourceQueues.bind(queues)),
    SendMessage: op(messages.sendMessage.bind(messages)),
    SendMessageBatch: op(messages.sendMessageBatch.bind(messages)),
    // A long poll ends when its client goes away (the signal of an HTTP request), so it leases nothing for nobody.
    ReceiveMessage: op((req: ReceiveMessageRequest, ctx: RequestContext) => messages.receiveMessage(req, ctx, ctx.signal)),
    DeleteMessage: op(messages.deleteMessage.bind(messages)),
    DeleteMessageBatch: op(messages.deleteMessageBatch.bind(messages)),
    ChangeMessageVisibility: op(messages.changeMessageVisibility.bind(messages)),
    ChangeMessageVisibilityBatch: op(messages.changeMessageVisibilityBatch.bind(messages)),
    StartMessageMoveTask: op(moves.start.bind(moves)),
    ListMessageMoveTasks: op(moves.list.bind(moves)),
    CancelMessageMoveTask: op((req: { TaskHandle: string }) => moves.cancel(req)),
  };
  return {
    signingName: 'sqs',
    displayName: 'SQS',
    codec: json,
    // Current SDKs send json 1.0 (X-Amz-Target: AmazonSQS.*); the query protocol's clients send a form.
    codecFor: (req: HttpRequestParts) => (req.headers['x-amz-target'] !== undefined || isJson(req.headers['content-type']) ? json : query),
    handlers,
    bodyLimit: () => ({
      bytes: BODY_LIMIT,
      error: () => new AwsError('RequestEntityTooLarge', `Request body must be smaller than ${BODY_LIMIT} bytes`, { status: 413 }),
    }),
    // Queue URLs are paths (/ACCOUNT/NAME): an unsigned request there gets SQS's error format.
    ownsPath: (rawPath) => /^\/\d{12}\/[A-Za-z0-9_.-]{1,80}\/?$/.test(rawPath),
    access: sqsAccess,
    accessDenied: (message) => SqsErrors.accessDenied(lowerActions(message)),
    stop: () => moves.stop(),
  };
}

function isJson(contentType: string | string[] | undefined): boolean {
  return typeof contentType === 'string' && contentType.startsWith('application/x-amz-json');
}

/** SQS writes the action in lower case in its denial messages ("not authorized to perform: sqs:sendmessage"). */
function lowerActions(message: string): string {
  return message.replace(/\bsqs:[A-Za-z*]+/g, (a) => a.toLowerCase());
}

export { QueuePolicies } from './queue-policies.js';
export type { SqsDeps } from './deps.js';
