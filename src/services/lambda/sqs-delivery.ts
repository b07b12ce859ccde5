// Amazon SQS queues as asynchronous invocation destinations and dead-letter
// queues. Lambda acts as the function's execution role towards SQS, both when
// it checks a target (PutFunctionEventInvokeConfig, CreateFunction,
// UpdateFunctionConfiguration) and when it delivers, so IAM (the role's
// policies and the queue's policy) decides as on AWS.
//
// The check is a decision of the authorizer on sqs:SendMessage for the queue, as
// the role, without sending anything: SQS has no call that needs exactly that
// permission and changes nothing, and a probe through another action would ask
// IAM the wrong question (a role allowed only sqs:SendMessage must pass).
// Delivery is an in-process SendMessage as the role (ServiceCalls), the same
// request a client would make.
import { AwsError } from '../../protocol/errors.js';
import type { Authorizer, CallerIdentity, ExecutionRoles, RequestFacts } from '../identity.js';
import type { ServiceCalls } from '../types.js';
import { parseQueueArn, type QueueKey } from '../../store/queue-types.js';

/**
 * IAM's decision on `caller` doing `action` on a queue, without making the call (what Lambda checks of an execution
 * role at configuration). Audit mode (--iam audit) refuses nothing, as the gateway does.
 */
export async function mayOnQueue(
  authorizer: Pick<Authorizer, 'authorize' | 'mode'>,
  caller: CallerIdentity,
  action: string,
  queueArn: string,
  region: string,
): Promise<boolean> {
  const facts: RequestFacts = { region, sourceIp: '', now: Date.now(), secureTransport: false };
  const denial = await authorizer.authorize(caller, [{ action, resource: queueArn }], facts);
  return denial === undefined || authorizer.mode === 'audit';
}

/** The ARN's service part ("sqs", "lambda", …), '' when it is not an ARN. */
export function arnService(arn: string): string {
  return /^arn:[^:]+:([^:]+):/.exec(arn)?.[1] ?? '';
}

/**
 * The queue's URL in AWS's own form: the SQS service accepts it whatever host Lambent is reached on, and the
 * URL never depends on how the function's caller reached Lambent.
 */
export function queueUrlOf(q: QueueKey): string {
  return `https://sqs.${q.region}.amazonaws.com/${q.accountId}/${q.name}`;
}

/** What checking and delivering to queues needs; every part is optional so Lambda runs without SQS wired. */
export interface SqsTargetDeps {
  executionRoles: Pick<ExecutionRoles, 'identityFor'>;
  /** In-process calls to SQS (a getter: built after Lambda, main.ts). Absent: deliveries fail and are counted. */
  serviceCalls?: (() => ServiceCalls) | undefined;
  /** Decides the configuration-time check. Absent: the permission is not checked ahead (delivery still is). */
  authorizer?: Pick<Authorizer, 'authorize' | 'mode'> | undefined;
  /** Whether a queue exists, by ARN. Absent: existence is not checked ahead. */
  queues?: { getQueueByArn(arn: string): unknown } | undefined;
}

/** Why a queue cannot be a target: it does not exist, or the role may not send to it (or is gone). */
export type TargetProblem = 'missing' | 'denied';

/** A message attribute as SendMessage takes it. */
export interface MessageAttribute {
  DataType: 'String' | 'Number';
  StringValue: string;
}

/** The part of LambdaDeps the queue checks read (structural: deps.ts imports modules that import this one). */
export interface LambdaQueueAccess {
  store: { queues: { getQueueByArn(arn: string): unknown } };
  executionRoles: Pick<ExecutionRoles, 'identityFor'>;
  serviceCalls?: (() => ServiceCalls) | undefined;
  authorizer?: Pick<Authorizer, 'authorize' | 'mode'> | undefined;
}

/**
 * Lambda's view of the queues: existence from the store's queues, the decision from the authorizer. Built per use:
 * main.ts may complete LambdaDeps (authorizer, serviceCalls) after the service was created.
 */
export function sqsTargetsOf(deps: LambdaQueueAccess): SqsTargets {
  return new SqsTargets({
    executionRoles: deps.executionRoles,
    serviceCalls: deps.serviceCalls,
    authorizer: deps.authorizer,
    queues: deps.store.queues,
  });
}

export class SqsTargets {
  constructor(private readonly deps: SqsTargetDeps) {}

  /**
   * Whether the role `roleArn` (acting for function `functionName`) may send to the queue; undefined when it may.
   * In IAM's audit mode a denial is not a problem (the gateway logs it, as for any call).
   */
  async problem(queueArn: string, roleArn: string, functionName: string, region: string): Promise<TargetProblem | undefined> {
    const queues = this.deps.queues;
    if (queues && queues.getQueueByArn(queueArn) === undefined) return 'missing';
    const authorizer = this.deps.authorizer;
    if (!authorizer) return undefined;
    let caller;
    try {
      caller = await this.deps.executionRoles.identityFor(roleArn, functionName);
    } catch {
      // The role is gone: nothing can be sent as it.
      return 'denied';
    }
    return (await mayOnQueue(authorizer, caller, 'sqs:SendMessage', queueArn, region)) ? undefined : 'denied';
  }

  /**
   * Sends one message to the queue as the function's role. Rejects with SQS's error (AccessDenied,
   * QueueDoesNotExist…) or, when SQS is not available, an error saying so.
   */
  async send(
    queueArn: string,
    roleArn: string,
    functionName: string,
    body: string,
    attributes?: Record<string, MessageAttribute>,
  ): Promise<void> {
    const q = parseQueueArn(queueArn);
    if (!q) throw new AwsError('InvalidParameterValue', `${queueArn} is not an SQS queue ARN`);
    const calls = this.deps.serviceCalls?.();
    if (!calls) throw new AwsError('ServiceUnavailable', 'SQS is not available in this Lambent');
    const caller = await this.deps.executionRoles.identityFor(roleArn, functionName);
    const input: Record<string, unknown> = { QueueUrl: queueUrlOf(q), MessageBody: body };
    if (attributes && Object.keys(attributes).length > 0) input['MessageAttributes'] = attributes;
    await calls.call('sqs', 'SendMessage', input, caller, { region: q.region });
  }
}
