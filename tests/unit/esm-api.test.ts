// The event source mapping API (event-source-mappings/api.ts + manager.ts) over a real SQLite store, a fake SQS
// behind ServiceCalls (which answers as the execution role would be answered) and a fake engine: the responses,
// Lambda's checks and messages (shared/parity), the state transitions clients see, lists, tags and restarts.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';

import type { InvocationEngine } from '../../src/invocation/engine.js';
import { AwsError } from '../../src/protocol/errors.js';
import type { AccessRequest, CallerIdentity } from '../../src/services/identity.js';
import type { RequestContext, ServiceCalls } from '../../src/services/types.js';
import type { LambdaDeps } from '../../src/services/lambda/deps.js';
import { EventSourceMappingsApi } from '../../src/services/lambda/event-source-mappings/api.js';
import { EventSourceMappings } from '../../src/services/lambda/event-source-mappings/manager.js';
import { ConcurrencyLimits } from '../../src/invocation/concurrency.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/worker`;

const ctx: RequestContext = {
  requestId: 'r',
  accountId: ACCOUNT,
  region: REGION,
  accessKeyId: 'AKIA',
  endpoint: 'http://localhost',
  caller: { kind: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, accessKeyId: 'AKIA' },
  sourceIp: '127.0.0.1',
};

/** SQS as the execution role sees it: queues by name, operations the role is denied. */
class FakeSqs implements ServiceCalls {
  readonly queues = new Map<string, number>([['jobs', 30], ['other', 30], ['jobs.fifo', 30]]);
  readonly denied = new Set<string>();
  readonly calls: { op: string; caller: CallerIdentity }[] = [];

  async call(_svc: string, op: string, input: Record<string, unknown>, caller: CallerIdentity): Promise<Record<string, unknown> | undefined> {
    this.calls.push({ op, caller });
    if (this.denied.has(op)) throw new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sqs:${op}`, { status: 403 });
    const name = String(input['QueueUrl']).split('/').pop() ?? '';
    const visibility = this.queues.get(name);
    if (visibility === undefined) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
    switch (op) {
      case 'ReceiveMessage':
        if ((input['MaxNumberOfMessages'] as number) > 10) throw new AwsError('InvalidParameterValue', 'Value 11 for parameter MaxNumberOfMessages is invalid.');
        await new Promise((r) => setTimeout(r, 20));
        return {};
      case 'DeleteMessage':
        throw new AwsError('ReceiptHandleIsInvalid', 'The input receipt handle is invalid.');
      case 'GetQueueAttributes':
        return { Attributes: { VisibilityTimeout: String(visibility) } };
      default:
        return {};
    }
  }
}

async function setup() {
  const store = new SqliteStore(':memory:');
  const sqs = new FakeSqs();
  for (const [name, timeout] of [['fn', 3], ['fn2', 3], ['slow', 60]] as const) {
    await store.functions.create(
      { accountId: ACCOUNT, region: REGION, name, createdAt: 'now', tags: {} },
      { accountId: ACCOUNT, region: REGION, name, version: '$LATEST', config: { FunctionName: name, Role: ROLE_ARN, Timeout: timeout, State: 'Active' }, codeSha256: 'x', revisionId: 'r1' },
    );
  }
  const identity = (role: string, session: string): CallerIdentity => ({
    kind: 'assumed-role',
    accountId: ACCOUNT,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.split('/').pop() ?? ''}/${session}`,
    userId: `AROA:${session}`,
    accessKeyId: 'ASIA',
    roleArn: role,
  });
  const deps = {
    store,
    concurrency: new ConcurrencyLimits(1000),
    executionRoles: {
      identityFor: async (role: string, session: string) => {
        if (role !== ROLE_ARN) throw new Error('no such role');
        return identity(role, session);
      },
    },
    serviceCalls: () => sqs,
    // IAM's decision on the actions a mapping needs but Lambda does not call at create (ReceiveMessage, DeleteMessage).
    authorizer: {
      mode: 'enforce',
      authorize: (caller: CallerIdentity, requests: readonly AccessRequest[]) => {
        const denied = requests.find((r) => sqs.denied.has(r.action.replace(/^sqs:/, '')));
        if (!denied) return undefined;
        sqs.calls.push({ op: `decide:${denied.action}`, caller });
        return { action: denied.action, resource: denied.resource, policyType: 'identity-based', explicit: false, message: `not authorized to perform: ${denied.action}` };
      },
    },
  } as unknown as LambdaDeps;
  const engine = {
    invoke: async () => ({ payload: Buffer.from('null'), contentType: 'application/json', executedVersion: '$LATEST' }),
  } as unknown as InvocationEngine;
  const mappings = new EventSourceMappings({ deps, engine, log: { warn: () => undefined } });
  const api = new EventSourceMappingsApi(deps, mappings);
  const close = async () => {
    await mappings.settled();
    await mappings.stop(100);
    await store.close();
  };
  return { store, sqs, deps, engine, mappings, api, close };
}

async function refused(p: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AwsError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

test('CreateEventSourceMapping answers Creating with AWS\'s fields, then the mapping is Enabled', async () => {
  const s = await setup();
  try {
    const created = await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn' }, ctx);
    assert.deepEqual(Object.keys(created).sort(), [
      'BatchSize',
      'EventSourceArn',
      'EventSourceMappingArn',
      'FunctionArn',
      'FunctionResponseTypes',
      'LastModified',
      'MaximumBatchingWindowInSeconds',
      'State',
      'StateTransitionReason',
      'UUID',
    ]);
    assert.equal(created.State, 'Creating');
    assert.equal(created.StateTransitionReason, 'USER_INITIATED');
    assert.equal(created.BatchSize, 10);
    assert.equal(created.MaximumBatchingWindowInSeconds, 0);
    assert.deepEqual(created.FunctionResponseTypes, []);
    assert.equal(created.FunctionArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn`);
    assert.equal(created.EventSourceMappingArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${created.UUID ?? ''}`);
    assert.ok(created.LastModified instanceof Date);
    await s.mappings.settled();
    const got = await s.api.get({ UUID: created.UUID ?? '' }, ctx);
    assert.equal(got.State, 'Enabled');
    // The create-time checks went to SQS as the function's role, session named after the function.
    assert.ok(s.sqs.calls.length > 0);
    assert.ok(s.sqs.calls.every((c) => c.caller.arn === `arn:aws:sts::${ACCOUNT}:assumed-role/worker/fn`));
  } finally {
    await s.close();
  }
});

test('Lambda\'s create checks, with its messages', async () => {
  const s = await setup();
  try {
    await refused(s.api.create({ FunctionName: 'fn' }, ctx), 'InvalidParameterValueException', 'Unrecognized event source.');
    await refused(s.api.create({ EventSourceArn: QUEUE, FunctionName: 'nope' }, ctx), 'InvalidParameterValueException', 'Function does not exist');
    await refused(
      s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn', BatchSize: 11 }, ctx),
      'InvalidParameterValueException',
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
    await refused(
      s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn', StartingPosition: 'LATEST' }, ctx),
      'InvalidParameterValueException',
      `Unsupported starting position for arn type: ${QUEUE}`,
    );
    await refused(
      s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: QUEUE } } }, ctx),
      'InvalidParameterValueException',
      'Unsupported DestinationConfig parameter for given event source mapping type.',
    );
    await refused(
      s.api.create({ EventSourceArn: `${QUEUE}.fifo`, FunctionName: 'fn', BatchSize: 11, MaximumBatchingWindowInSeconds: 1 }, ctx),
      'InvalidParameterValueException',
      'Batch size for FIFO queues must be between 1 and 10.',
    );
    await refused(
      s.api.create({ EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/s`, FunctionName: 'fn', StartingPosition: 'LATEST' }, ctx),
      'InvalidParameterValueException',
      'Event source mappings for Amazon Kinesis are not supported by Lambent yet: only Amazon SQS queues are.',
    );
    await refused(
      s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn', FilterCriteria: { Filters: [{ Pattern: 'simple string' }] } }, ctx),
      'InvalidParameterValueException',
      'Invalid filter pattern definition.',
    );
    await refused(
      s.api.create({ EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:missing`, FunctionName: 'fn' }, ctx),
      'InvalidParameterValueException',
      'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.',
    );
    await refused(
      s.api.create({ EventSourceArn: QUEUE, FunctionName: 'slow' }, ctx),
      'InvalidParameterValueException',
      'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds',
    );
    assert.equal((await s.api.list({}, ctx)).EventSourceMappings?.length, 0, 'nothing refused was stored');
  } finally {
    await s.close();
  }
});

test('an execution role without SQS permissions is refused at create, naming the action', async () => {
  for (const op of ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes']) {
    const s = await setup();
    try {
      s.sqs.denied.add(op);
      await refused(
        s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn' }, ctx),
        'InvalidParameterValueException',
        `The function execution role does not have permissions to call ${op} on SQS`,
      );
    } finally {
      await s.close();
    }
  }
});

test('a second mapping of the same queue and function is a conflict', async () => {
  const s = await setup();
  try {
    const first = await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn' }, ctx);
    await refused(
      s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn' }, ctx),
      'ResourceConflictException',
      `An event source mapping with SQS arn (" ${QUEUE} ") and function (" fn ") already exists. Please update or delete the existing mapping with UUID ${first.UUID ?? ''}`,
    );
    // Another function, or a qualified ARN of the same one, is another mapping.
    await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn2' }, ctx);
  } finally {
    await s.close();
  }
});

test('updates pass through Disabling, Enabling and Updating; changes in progress are refused', async () => {
  const s = await setup();
  try {
    const { UUID } = await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn' }, ctx);
    const uuid = UUID ?? '';
    await refused(
      s.api.update({ UUID: uuid, BatchSize: 5 }, ctx),
      'ResourceInUseException',
      'The operation cannot be performed at this time. The event source mapping is currently in the following state: Creating',
    );
    await s.mappings.settled();
    assert.equal((await s.api.update({ UUID: uuid, Enabled: false }, ctx)).State, 'Disabling');
    await s.mappings.settled();
    assert.equal((await s.api.get({ UUID: uuid }, ctx)).State, 'Disabled');
    assert.equal((await s.api.update({ UUID: uuid, Enabled: true }, ctx)).State, 'Enabling');
    await s.mappings.settled();
    const updating = await s.api.update({ UUID: uuid, BatchSize: 100, MaximumBatchingWindowInSeconds: 2, FunctionResponseTypes: ['ReportBatchItemFailures'] }, ctx);
    assert.equal(updating.State, 'Updating');
    assert.equal(updating.BatchSize, 100);
    await s.mappings.settled();
    const got = await s.api.get({ UUID: uuid }, ctx);
    assert.equal(got.State, 'Enabled');
    assert.deepEqual(got.FunctionResponseTypes, ['ReportBatchItemFailures']);
    await refused(
      s.api.update({ UUID: uuid, MaximumBatchingWindowInSeconds: 0 }, ctx),
      'InvalidParameterValueException',
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
    await refused(s.api.update({ UUID: '00000000-0000-0000-0000-000000000000' }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
  } finally {
    await s.close();
  }
});

test('delete answers Deleting, then the mapping is gone', async () => {
  const s = await setup();
  try {
    const { UUID } = await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn' }, ctx);
    const uuid = UUID ?? '';
    await s.mappings.settled();
    assert.equal((await s.api.delete({ UUID: uuid }, ctx)).State, 'Deleting');
    await s.mappings.settled();
    await refused(s.api.get({ UUID: uuid }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    await refused(s.api.delete({ UUID: uuid }, ctx), 'ResourceNotFoundException', 'The resource you requested does not exist.');
    assert.equal((await s.store.eventSourceMappings.all()).length, 0);
  } finally {
    await s.close();
  }
});

test('ListEventSourceMappings filters by queue and function and pages with NextMarker', async () => {
  const s = await setup();
  try {
    await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn' }, ctx);
    await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn2' }, ctx);
    await s.api.create({ EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:other`, FunctionName: 'fn:$LATEST' }, ctx);
    assert.equal((await s.api.list({ EventSourceArn: QUEUE }, ctx)).EventSourceMappings?.length, 2);
    assert.equal((await s.api.list({ FunctionName: 'fn' }, ctx)).EventSourceMappings?.length, 2, 'unqualified: every qualifier');
    assert.equal((await s.api.list({ FunctionName: 'fn2' }, ctx)).EventSourceMappings?.length, 1);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await s.api.list({ MaxItems: 1, ...(marker ? { Marker: marker } : {}) }, ctx);
      assert.equal(page.EventSourceMappings?.length, 1);
      seen.push(page.EventSourceMappings?.[0]?.UUID ?? '');
      marker = page.NextMarker;
    } while (marker);
    assert.equal(new Set(seen).size, 3);
  } finally {
    await s.close();
  }
});

test('tags on mapping ARNs; an unknown mapping ARN is AWS\'s not found', async () => {
  const s = await setup();
  try {
    const { EventSourceMappingArn: arn = '' } = await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn', Tags: { a: '1' } }, ctx);
    await s.api.tag(arn, { b: '2', c: '3' }, ctx);
    await s.api.untag(arn, ['a', 'zz'], ctx);
    assert.deepEqual(s.api.listTags(arn, ctx), { b: '2', c: '3' });
    const unknown = `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:11111111-1111-1111-1111-111111111111`;
    assert.throws(() => s.api.listTags(unknown, ctx), (e: unknown) => e instanceof AwsError && e.message === `Event source mapping not found: ${unknown}`);
  } finally {
    await s.close();
  }
});

test('mappings survive a restart; one a crash left Creating is settled at start', async () => {
  const s = await setup();
  try {
    const { UUID } = await s.api.create({ EventSourceArn: QUEUE, FunctionName: 'fn', Enabled: false }, ctx);
    // A second manager over the same store, as after a restart before the first one settled anything.
    const again = new EventSourceMappings({ deps: s.deps, engine: s.engine, log: { warn: () => undefined } });
    await again.start();
    await again.settled();
    assert.equal(again.get(UUID ?? '')?.config.State, 'Disabled');
    await again.stop(10);
  } finally {
    await s.close();
  }
});
