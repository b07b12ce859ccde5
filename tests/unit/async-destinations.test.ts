// SQS queues as asynchronous invocation destinations and dead-letter queues, with
// a fake SQS behind ServiceCalls (the test seam) and a fake engine: what the
// queue receives (the destination record, the dead letter and its attributes),
// as whom (the function's execution role), in which order against the event
// store (sent before the event is finished: at-least-once), what a failed send
// counts, and the configuration-time checks with AWS's sentences.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import type { InvocationEngine } from '../../src/invocation/engine.js';
import type { InvokeResult } from '../../src/invocation/types.js';
import { AwsError } from '../../src/protocol/errors.js';
import type { AccessRequest, CallerIdentity, Denial } from '../../src/services/identity.js';
import type { FunctionConfiguration } from '../../src/services/lambda/api-types.js';
import { AsyncInvocations } from '../../src/services/lambda/async-invoke.js';
import type { LambdaDeps } from '../../src/services/lambda/deps.js';
import { EventInvokeConfigApi } from '../../src/services/lambda/event-invoke-config.js';
import { checkDeadLetterQueue, checkSettings, deadLetterToCheck } from '../../src/services/lambda/function-config.js';
import { parseQueueArn } from '../../src/store/queue-types.js';
import { queueUrlOf, SqsTargets } from '../../src/services/lambda/sqs-delivery.js';
import type { RequestContext, ServiceCalls } from '../../src/services/types.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { QueueRow } from '../../src/store/queue-types.js';
import type { FunctionKey } from '../../src/store/types.js';
import { waitFor } from '../helpers/raw-http.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/fn-role`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:dest`;
const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
const key: FunctionKey = { accountId: ACCOUNT, region: REGION, name: 'fn' };

function roleIdentity(roleArn: string, session: string): CallerIdentity {
  const roleName = roleArn.split('/').pop() ?? '';
  return {
    kind: 'assumed-role',
    accountId: ACCOUNT,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${session}`,
    userId: `AROAEXAMPLE:${session}`,
    accessKeyId: 'ASIAEXAMPLE',
    roleArn,
    sessionName: session,
  };
}

const executionRoles = {
  identityFor: (roleArn: string, session: string): Promise<CallerIdentity> =>
    roleArn === ROLE ? Promise.resolve(roleIdentity(roleArn, session)) : Promise.reject(new Error('no such role')),
};

interface Sent {
  input: Record<string, unknown>;
  caller: CallerIdentity;
}

/** SQS as ServiceCalls sees it: records SendMessage calls; `refuse` answers chosen queues with an error. */
function fakeSqs(refuse: (queueUrl: string) => AwsError | undefined = () => undefined, onSend?: () => void | Promise<void>): { calls: ServiceCalls; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    calls: {
      async call(service, operation, input, caller) {
        assert.equal(service, 'sqs');
        assert.equal(operation, 'SendMessage');
        await onSend?.();
        const refusal = refuse(String(input['QueueUrl']));
        if (refusal) throw refusal;
        sent.push({ input, caller });
        return { MessageId: 'm-1', MD5OfMessageBody: 'x' };
      },
    },
  };
}

function fakeEngine(answer: (payload: string) => InvokeResult): { engine: InvocationEngine; runs: number } {
  const box = { runs: 0, engine: undefined as unknown as InvocationEngine };
  box.engine = {
    invoke: (_snap: unknown, req: { payload: Buffer }) => {
      box.runs++;
      return Promise.resolve(answer(req.payload.toString('utf8')));
    },
  } as unknown as InvocationEngine;
  return box;
}

function config(extra: Partial<FunctionConfiguration> = {}): FunctionConfiguration {
  return {
    FunctionName: 'fn',
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn`,
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Role: ROLE,
    State: 'Active',
    Version: '$LATEST',
    ...extra,
  };
}

async function storeWith(cfg: FunctionConfiguration, destinations?: { OnSuccess?: string; OnFailure?: string }): Promise<SqliteStore> {
  const store = new SqliteStore(':memory:');
  await store.functions.create(
    { ...key, createdAt: 'now', tags: {} },
    { ...key, version: '$LATEST', config: cfg, codeSha256: 'ab'.repeat(32), revisionId: 'r1' },
  );
  if (destinations) {
    await store.eventInvokeConfigs.put({
      ...key,
      qualifier: '$LATEST',
      lastModified: Date.now(),
      config: {
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          ...(destinations.OnSuccess ? { OnSuccess: { Destination: destinations.OnSuccess } } : {}),
          ...(destinations.OnFailure ? { OnFailure: { Destination: destinations.OnFailure } } : {}),
        },
      },
    });
  }
  return store;
}

function ctx(requestId: string): RequestContext {
  return {
    requestId,
    accountId: ACCOUNT,
    region: REGION,
    accessKeyId: 'AKIDEXAMPLE',
    endpoint: 'http://127.0.0.1:1',
    caller: { kind: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, accessKeyId: 'AKIDEXAMPLE' },
    sourceIp: '127.0.0.1',
  };
}

async function counters(store: SqliteStore): Promise<{ queued: number; failures: number; deadLetterErrors: number }> {
  const s = (await store.asyncEvents.stats()).find((x) => x.name === 'fn');
  return { queued: s?.queued ?? 0, failures: s?.counters.destinationDeliveryFailures ?? 0, deadLetterErrors: s?.counters.deadLetterErrors ?? 0 };
}

async function run(
  store: SqliteStore,
  engine: InvocationEngine,
  calls: ServiceCalls | undefined,
  payload: string,
  requestId: string,
): Promise<{ invocations: AsyncInvocations; warnings: string[] }> {
  const warnings: string[] = [];
  const invocations = new AsyncInvocations({
    store,
    engine,
    retryBaseDelayMs: 10,
    concurrencyPerFunction: 2,
    log: { warn: (m) => warnings.push(m) },
    executionRoles,
    ...(calls ? { serviceCalls: () => calls } : {}),
  });
  await invocations.start();
  const row = await store.functions.getVersion<FunctionConfiguration>(key, '$LATEST');
  assert.ok(row);
  await invocations.accept(row, undefined, row.config.FunctionArn ?? '', Buffer.from(payload), ctx(requestId));
  return { invocations, warnings };
}

const ok = (payload: string): InvokeResult => ({ payload: Buffer.from(JSON.stringify({ echoed: JSON.parse(payload) as unknown })), contentType: 'application/json', executedVersion: '$LATEST' });
const failing = (): InvokeResult => ({
  payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage: 'intentional failure', trace: [] })),
  contentType: 'application/json',
  executedVersion: '$LATEST',
  functionError: 'Unhandled',
});

describe('queue ARNs', () => {
  test('an SQS queue ARN is parsed; its URL is AWS\'s own form; other ARNs are not queues', () => {
    const q = parseQueueArn('arn:aws:sqs:eu-west-1:111111111111:jobs.fifo');
    assert.deepEqual(q, { region: 'eu-west-1', accountId: '111111111111', name: 'jobs.fifo' });
    assert.equal(queueUrlOf(q), 'https://sqs.eu-west-1.amazonaws.com/111111111111/jobs.fifo');
    assert.equal(parseQueueArn('arn:aws:sqs:eu-west-1:111111111111:'), undefined);
    assert.equal(parseQueueArn('arn:aws:sqs:eu-west-1:1111:q'), undefined);
    assert.equal(parseQueueArn('arn:aws:sns:eu-west-1:111111111111:q'), undefined);
    assert.equal(parseQueueArn(`arn:aws:sqs:eu-west-1:111111111111:${'a'.repeat(81)}`), undefined);
  });
});

describe('delivery to SQS', () => {
  test('OnSuccess: the destination record AWS sends, as the function\'s execution role, to the queue\'s URL', async () => {
    const store = await storeWith(config(), { OnSuccess: QUEUE });
    const { calls, sent } = fakeSqs();
    const { engine } = fakeEngine(ok);
    const { invocations } = await run(store, engine, calls, '{"n":1}', 'req-success');
    await waitFor(() => sent.length === 1, 5000, 'the destination message');
    await invocations.stop(1000);
    const m = sent[0];
    assert.ok(m);
    assert.equal(m.input['QueueUrl'], `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/dest`);
    assert.equal(m.input['MessageAttributes'], undefined);
    assert.equal(m.caller.roleArn, ROLE);
    assert.equal(m.caller.sessionName, 'fn');
    const body = JSON.parse(String(m.input['MessageBody'])) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['version', 'timestamp', 'requestContext', 'requestPayload', 'responseContext', 'responsePayload']);
    assert.equal(body['version'], '1.0');
    assert.match(String(body['timestamp']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(body['requestContext'], {
      requestId: 'req-success',
      functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn:$LATEST`,
      condition: 'Success',
      approximateInvokeCount: 1,
    });
    assert.deepEqual(body['requestPayload'], { n: 1 });
    assert.deepEqual(body['responseContext'], { statusCode: 200, executedVersion: '$LATEST' });
    assert.deepEqual(body['responsePayload'], { echoed: { n: 1 } });
    assert.deepEqual(await counters(store), { queued: 0, failures: 0, deadLetterErrors: 0 });
    await store.close();
  });

  test('failure: OnFailure gets the RetriesExhausted record; the dead-letter queue the original event with RequestID, ErrorCode (Number), ErrorMessage', async () => {
    const store = await storeWith(config({ DeadLetterConfig: { TargetArn: DLQ } }), { OnFailure: QUEUE });
    const { calls, sent } = fakeSqs();
    const fake = fakeEngine(failing);
    const { invocations } = await run(store, fake.engine, calls, '{"raise_error":1}', 'req-fail');
    await waitFor(() => sent.length === 2, 5000, 'the failure record and the dead letter');
    await invocations.stop(1000);
    assert.equal(fake.runs, 1, 'MaximumRetryAttempts 0: one attempt');
    const toQueue = sent.find((s) => String(s.input['QueueUrl']).endsWith('/dest'));
    const toDlq = sent.find((s) => String(s.input['QueueUrl']).endsWith('/dlq'));
    assert.ok(toQueue && toDlq);
    const record = JSON.parse(String(toQueue.input['MessageBody'])) as Record<string, Record<string, unknown>>;
    assert.equal(record['requestContext']?.['condition'], 'RetriesExhausted');
    assert.equal(record['requestContext']?.['approximateInvokeCount'], 1);
    assert.deepEqual(record['responseContext'], { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    assert.equal(record['responsePayload']?.['errorMessage'], 'intentional failure');
    assert.equal(toDlq.input['MessageBody'], '{"raise_error":1}');
    assert.deepEqual(toDlq.input['MessageAttributes'], {
      RequestID: { DataType: 'String', StringValue: 'req-fail' },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: 'intentional failure' },
    });
    assert.equal(toDlq.caller.roleArn, ROLE);
    assert.deepEqual(await counters(store), { queued: 0, failures: 0, deadLetterErrors: 0 });
    await store.close();
  });

  test('the message is sent while the event is still stored: a crash in between delivers twice, never loses', async () => {
    const store = await storeWith(config(), { OnSuccess: QUEUE });
    const queuedAtSend: number[] = [];
    const { calls, sent } = fakeSqs(undefined, async () => {
      queuedAtSend.push((await counters(store)).queued);
    });
    const { engine } = fakeEngine(ok);
    const { invocations } = await run(store, engine, calls, '{}', 'req-order');
    await waitFor(() => sent.length === 1, 5000, 'the destination message');
    await invocations.stop(1000);
    assert.deepEqual(queuedAtSend, [1]);
    assert.equal((await counters(store)).queued, 0);
    await store.close();
  });

  test('a refused send (access denied, queue gone) is counted and logged; the event is finished all the same', async () => {
    const store = await storeWith(config({ DeadLetterConfig: { TargetArn: DLQ } }), { OnFailure: QUEUE });
    const { calls, sent } = fakeSqs((url) =>
      url.endsWith('/dest')
        ? new AwsError('AccessDenied', `User: arn:aws:sts::${ACCOUNT}:assumed-role/fn-role/fn is not authorized to perform: sqs:sendmessage on resource: ${QUEUE}`)
        : new AwsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.'),
    );
    const { engine } = fakeEngine(failing);
    const { invocations, warnings } = await run(store, engine, calls, '{}', 'req-refused');
    await waitFor(() => warnings.length === 2, 5000, 'two warnings');
    await invocations.stop(1000);
    assert.equal(sent.length, 0);
    assert.deepEqual(await counters(store), { queued: 0, failures: 1, deadLetterErrors: 1 });
    assert.ok(warnings.some((w) => w.includes(`not delivered to ${QUEUE}`) && w.includes('AccessDenied')), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes(`not delivered to ${DLQ}`) && w.includes('NonExistentQueue')), warnings.join('\n'));
    await store.close();
  });

  test('without SQS wired, a queue delivery fails and is counted instead of blocking the event', async () => {
    const store = await storeWith(config(), { OnSuccess: QUEUE });
    const { engine } = fakeEngine(ok);
    const { invocations, warnings } = await run(store, engine, undefined, '{}', 'req-unwired');
    await waitFor(() => warnings.length === 1, 5000, 'the warning');
    await invocations.stop(1000);
    assert.deepEqual(await counters(store), { queued: 0, failures: 1, deadLetterErrors: 0 });
    await store.close();
  });
});

/** An authorizer that allows sqs:SendMessage on `allowed` queues to the role only, and records what it was asked. */
function fakeAuthorizer(allowed: string[], mode: 'enforce' | 'audit' = 'enforce'): {
  authorize(c: CallerIdentity, r: readonly AccessRequest[]): Denial | undefined;
  mode: 'enforce' | 'audit';
  asked: { caller: CallerIdentity; requests: readonly AccessRequest[] }[];
} {
  const asked: { caller: CallerIdentity; requests: readonly AccessRequest[] }[] = [];
  return {
    mode,
    asked,
    authorize(caller, requests) {
      asked.push({ caller, requests });
      const r = requests[0];
      if (r && caller.roleArn === ROLE && r.action === 'sqs:SendMessage' && allowed.includes(r.resource)) return undefined;
      return { action: r?.action ?? '', resource: r?.resource ?? '', policyType: 'identity-based', explicit: false, message: 'denied' };
    },
  };
}

const existing = (arns: string[]): { getQueueByArn(arn: string): unknown } => ({
  getQueueByArn: (arn) => (arns.includes(arn) ? { arn } : undefined),
});

function queueRow(name: string): QueueRow {
  const fifo = name.endsWith('.fifo');
  return {
    accountId: ACCOUNT,
    region: REGION,
    name,
    arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
    createdAt: Date.now(),
    lastModifiedAt: Date.now(),
    attributes: fifo ? { FifoQueue: 'true' } : {},
    tags: {},
    settings: { fifo, visibilityTimeoutSeconds: 30, delaySeconds: 0, retentionSeconds: 345600, deduplicationScope: 'queue' },
  };
}

describe('configuration-time checks', () => {
  test('SqsTargets asks the authorizer for sqs:SendMessage on the queue as the role\'s session named after the function', async () => {
    const authorizer = fakeAuthorizer([QUEUE]);
    const targets = new SqsTargets({ executionRoles, authorizer, queues: existing([QUEUE, DLQ]) });
    assert.equal(await targets.problem(QUEUE, ROLE, 'fn', REGION), undefined);
    assert.deepEqual(authorizer.asked[0]?.requests, [{ action: 'sqs:SendMessage', resource: QUEUE }]);
    assert.equal(authorizer.asked[0]?.caller.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/fn-role/fn`);
    assert.equal(await targets.problem(DLQ, ROLE, 'fn', REGION), 'denied');
    assert.equal(await targets.problem(`arn:aws:sqs:${REGION}:${ACCOUNT}:nope`, ROLE, 'fn', REGION), 'missing');
    assert.equal(await targets.problem(QUEUE, `arn:aws:iam::${ACCOUNT}:role/gone`, 'fn', REGION), 'denied');
    // IAM in audit mode refuses nothing (the decision is logged by the gateway's calls).
    const audit = new SqsTargets({ executionRoles, authorizer: fakeAuthorizer([], 'audit') });
    assert.equal(await audit.problem(DLQ, ROLE, 'fn', REGION), undefined);
  });

  test('PutFunctionEventInvokeConfig: an SQS destination the role may send to is saved; AWS\'s sentences otherwise', async () => {
    const store = await storeWith(config());
    const fifo = `arn:aws:sqs:${REGION}:${ACCOUNT}:ordered.fifo`;
    // Real queues in the store; the FIFO one exists and the role may send to it: refused for being FIFO.
    await store.queues.open();
    for (const name of ['dest', 'dlq', 'ordered.fifo']) await store.queues.createQueue(queueRow(name));
    const deps = { store, executionRoles, authorizer: fakeAuthorizer([QUEUE, fifo]) } as unknown as LambdaDeps;
    const api = new EventInvokeConfigApi(deps);
    const put = (destination: string): Promise<unknown> =>
      api.put({ FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: destination } } }, ctx('r'));
    const saved = (await put(QUEUE)) as { DestinationConfig: unknown };
    assert.deepEqual(saved.DestinationConfig, { OnSuccess: {}, OnFailure: { Destination: QUEUE } });
    await assert.rejects(put(DLQ), (e: AwsError) =>
      e.code === 'InvalidParameterValueException' && e.message === `The function's execution role does not have permissions to call SendMessage on ${DLQ}`);
    const missing = `arn:aws:sqs:${REGION}:${ACCOUNT}:missing`;
    await assert.rejects(put(missing), (e: AwsError) =>
      e.code === 'InvalidParameterValueException' && e.message === `The destination ARN ${missing} is invalid.`);
    const malformed = `arn:aws:sqs:${REGION}:${ACCOUNT}:bad/name`;
    await assert.rejects(put(malformed), (e: AwsError) => e.message === `The destination ARN ${malformed} is invalid.`);
    await assert.rejects(put(fifo), (e: AwsError) => e.message === `The destination ARN ${fifo} is invalid.`);
    // SNS is still refused, saying so.
    await assert.rejects(put(`arn:aws:sns:${REGION}:${ACCOUNT}:t`), (e: AwsError) => /an Amazon SNS topic\) is not supported by Lambent yet/.test(e.message));
    await store.close();
  });

  test('DeadLetterConfig: SQS ARNs pass the static check; the role must be able to send (AWS\'s DLQ sentence)', async () => {
    assert.doesNotThrow(() => checkSettings({ DeadLetterConfig: { TargetArn: DLQ } }));
    assert.throws(() => checkSettings({ DeadLetterConfig: { TargetArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` } }), /an Amazon SNS topic\) is not supported by Lambent yet/);
    assert.throws(() => checkSettings({ DeadLetterConfig: { TargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:a/b` } }), /not a valid SQS queue ARN/);
    const deps = { executionRoles, authorizer: fakeAuthorizer([DLQ]), store: { queues: existing([DLQ, QUEUE]) } };
    await checkDeadLetterQueue(deps, { role: ROLE, functionName: 'fn', region: REGION, deadLetterArn: DLQ });
    for (const arn of [QUEUE, `arn:aws:sqs:${REGION}:${ACCOUNT}:missing`]) {
      await assert.rejects(
        checkDeadLetterQueue(deps, { role: ROLE, functionName: 'fn', region: REGION, deadLetterArn: arn }),
        (e: AwsError) => e.code === 'InvalidParameterValueException' && e.message === 'The provided execution role does not have permissions to call SendMessage on SQS',
      );
    }
    // Function targets (a Lambent extension) and no target are not SQS's business.
    await checkDeadLetterQueue(deps, { role: ROLE, functionName: 'fn', region: REGION, deadLetterArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:other` });
    await checkDeadLetterQueue(deps, { role: ROLE, functionName: 'fn', region: REGION, deadLetterArn: undefined });
  });

  test('UpdateFunctionConfiguration checks the new target, or the current one when only the role changes', () => {
    const current = config({ DeadLetterConfig: { TargetArn: DLQ } });
    assert.equal(deadLetterToCheck(current, { FunctionName: 'fn', DeadLetterConfig: { TargetArn: QUEUE } }), QUEUE);
    assert.equal(deadLetterToCheck(current, { FunctionName: 'fn', Role: ROLE }), DLQ);
    assert.equal(deadLetterToCheck(current, { FunctionName: 'fn', Timeout: 5 }), undefined);
    assert.equal(deadLetterToCheck(current, { FunctionName: 'fn', DeadLetterConfig: {} }), undefined);
  });
});
