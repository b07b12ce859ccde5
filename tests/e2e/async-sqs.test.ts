// SQS queues as asynchronous invocation destinations and dead-letter queues, end
// to end with the JS SDK: Lambda's configuration-time checks (the execution role
// must be allowed sqs:SendMessage on the queue; the queue must exist) with AWS's
// sentences, the destination record and the dead letter as a consumer receives
// them from the queue (sent as the function's role: SenderId), and a delivery
// that IAM refuses at run time, counted in /health instead of delivered. A queue
// of another account is a destination once its queue policy lets the role send.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { CreateRoleCommand, DeleteRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  InvokeCommand,
  PutFunctionEventInvokeConfigCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import {
  deployFunction,
  expectError,
  LAMBDA_TRUST_POLICY,
  lambdaClient,
  makeZip,
  startServer,
  TEST_ACCOUNT,
  TEST_REGION,
  type TestServer,
} from '../helpers/lambent.js';

const DEV = { accessKeyId: 'test', secretAccessKey: 'test' };
const SENDER = 'sender-role';
const MUTE = 'mute-role';
const roleArn = (name: string): string => `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`;
const queueArn = (name: string): string => `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:${name}`;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let server: TestServer;
let lambda: LambdaClient;
let sqs: SQSClient;
let iam: IAMClient;
const urls: Record<string, string> = {};

/** The role may send to the `allowed` queues only (and nothing else). */
async function allowSend(role: string, allowed: string[]): Promise<void> {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: allowed.map(queueArn) }] };
  await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: 'send', PolicyDocument: JSON.stringify(policy) }));
}

/** Long-polls a queue until a message arrives (or the deadline passes). */
async function receiveOne(queue: string, deadlineMs = 30_000): Promise<Message> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: urls[queue],
        WaitTimeSeconds: 2,
        MaxNumberOfMessages: 1,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SenderId'],
      }),
    );
    const m = got.Messages?.[0];
    if (m) return m;
  }
  assert.fail(`no message in ${queue} within ${deadlineMs} ms`);
}

async function health(): Promise<{ functionArn: string; destinationDeliveryFailures: number; deadLetterErrors: number; queued: number }[]> {
  const h = (await (await fetch(`${server.url}/health`)).json()) as { async: { functions: never[] } };
  return h.async.functions;
}

const OK_SOURCE = 'exports.handler = async (event) => ({ ok: true, got: event });\n';
const FAIL_SOURCE = "exports.handler = async () => { throw new Error('intentional failure'); };\n";

before(async () => {
  server = await startServer({ args: ['--async-retry-delay-ms', '200'] });
  lambda = lambdaClient(server.url);
  sqs = new SQSClient({ endpoint: server.url, region: TEST_REGION, credentials: DEV });
  iam = new IAMClient({ endpoint: server.url, region: TEST_REGION, credentials: DEV });
  for (const role of [SENDER, MUTE]) {
    await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }));
  }
  for (const q of ['destination', 'dead-letters', 'revoked']) {
    urls[q] = (await sqs.send(new CreateQueueCommand({ QueueName: q }))).QueueUrl ?? '';
  }
  await allowSend(SENDER, ['destination', 'dead-letters', 'revoked']);
});

after(async () => {
  lambda?.destroy();
  sqs?.destroy();
  iam?.destroy();
  await server?.dispose();
});

describe('configuration-time checks', () => {
  test('PutFunctionEventInvokeConfig: a role without sqs:SendMessage, and a queue that does not exist, are refused', async () => {
    await deployFunction(lambda, 'mute-fn', { 'index.js': OK_SOURCE }, { Role: roleArn(MUTE) });
    await expectError(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'mute-fn', DestinationConfig: { OnSuccess: { Destination: queueArn('destination') } } })),
      'InvalidParameterValueException',
      `The function's execution role does not have permissions to call SendMessage on ${queueArn('destination')}`,
      400,
    );
    await deployFunction(lambda, 'sender-fn', { 'index.js': OK_SOURCE }, { Role: roleArn(SENDER) });
    await expectError(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'sender-fn', DestinationConfig: { OnFailure: { Destination: queueArn('no-such-queue') } } })),
      'InvalidParameterValueException',
      `The destination ARN ${queueArn('no-such-queue')} is invalid.`,
    );
    const ok = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'sender-fn', DestinationConfig: { OnFailure: { Destination: queueArn('destination') } } }),
    );
    assert.deepEqual(ok.DestinationConfig, { OnSuccess: {}, OnFailure: { Destination: queueArn('destination') } });
  });

  test('CreateFunction / UpdateFunctionConfiguration: a dead-letter queue the role may not send to is refused', async () => {
    await expectError(
      lambda.send(new CreateFunctionCommand({
        FunctionName: 'mute-dlq',
        Runtime: 'nodejs20.x',
        Role: roleArn(MUTE),
        Handler: 'index.handler',
        Code: { ZipFile: makeZip({ 'index.js': OK_SOURCE }) },
        DeadLetterConfig: { TargetArn: queueArn('dead-letters') },
      })),
      'InvalidParameterValueException',
      'The provided execution role does not have permissions to call SendMessage on SQS',
    );
    await expectError(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'mute-fn', DeadLetterConfig: { TargetArn: queueArn('dead-letters') } })),
      'InvalidParameterValueException',
      'The provided execution role does not have permissions to call SendMessage on SQS',
    );
  });
});

describe('delivery', () => {
  test('OnSuccess: the queue receives the invocation record, sent as the function\'s role', async () => {
    await deployFunction(lambda, 'success-fn', { 'index.js': OK_SOURCE }, { Role: roleArn(SENDER) });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'success-fn', DestinationConfig: { OnSuccess: { Destination: queueArn('destination') } } }));
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'success-fn', InvocationType: 'Event', Payload: Buffer.from('{"n":1}') }));
    assert.equal(invoked.StatusCode, 202);
    const m = await receiveOne('destination');
    const record = JSON.parse(m.Body ?? '') as Record<string, unknown>;
    assert.equal(record['version'], '1.0');
    assert.match(String(record['timestamp']), ISO);
    assert.deepEqual(record['requestContext'], {
      requestId: invoked.$metadata.requestId,
      functionArn: `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:success-fn:$LATEST`,
      condition: 'Success',
      approximateInvokeCount: 1,
    });
    assert.deepEqual(record['requestPayload'], { n: 1 });
    assert.deepEqual(record['responseContext'], { statusCode: 200, executedVersion: '$LATEST' });
    assert.deepEqual(record['responsePayload'], { ok: true, got: { n: 1 } });
    // Sent by Lambda as the execution role's session named after the function.
    assert.match(m.Attributes?.SenderId ?? '', /^AROA[A-Z0-9]+:success-fn$/);
  });

  test('failure: OnFailure gets RetriesExhausted; the dead-letter queue the original event with AWS\'s attributes', async () => {
    await deployFunction(lambda, 'failing-fn', { 'index.js': FAIL_SOURCE }, {
      Role: roleArn(SENDER),
      DeadLetterConfig: { TargetArn: queueArn('dead-letters') },
    });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({
      FunctionName: 'failing-fn',
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: queueArn('destination') } },
    }));
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'failing-fn', InvocationType: 'Event', Payload: Buffer.from('{"raise_error":1}') }));
    const requestId = invoked.$metadata.requestId;
    const record = JSON.parse((await receiveOne('destination')).Body ?? '') as Record<string, Record<string, unknown>>;
    assert.equal(record['requestContext']?.['requestId'], requestId);
    assert.equal(record['requestContext']?.['condition'], 'RetriesExhausted');
    assert.equal(record['requestContext']?.['approximateInvokeCount'], 2);
    assert.deepEqual(record['requestPayload'], { raise_error: 1 });
    assert.deepEqual(record['responseContext'], { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    assert.equal(record['responsePayload']?.['errorMessage'], 'intentional failure');
    const dead = await receiveOne('dead-letters');
    assert.equal(dead.Body, '{"raise_error":1}');
    assert.deepEqual(dead.MessageAttributes, {
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: 'intentional failure' },
      RequestID: { DataType: 'String', StringValue: requestId },
    });
  });

  test('a send IAM refuses at delivery time is not delivered and counts as a destination delivery failure', async () => {
    await deployFunction(lambda, 'revoked-fn', { 'index.js': OK_SOURCE }, { Role: roleArn(SENDER) });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'revoked-fn', DestinationConfig: { OnSuccess: { Destination: queueArn('revoked') } } }));
    // The permission goes after the configuration was accepted: IAM decides at delivery, as on AWS.
    await allowSend(SENDER, ['destination', 'dead-letters']);
    try {
      await lambda.send(new InvokeCommand({ FunctionName: 'revoked-fn', InvocationType: 'Event', Payload: Buffer.from('{}') }));
      const arn = `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:revoked-fn`;
      const end = Date.now() + 30_000;
      let failures = 0;
      while (Date.now() < end && failures === 0) {
        failures = (await health()).find((f) => f.functionArn === arn)?.destinationDeliveryFailures ?? 0;
        if (failures === 0) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(failures, 1);
      const counts = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urls['revoked'], AttributeNames: ['ApproximateNumberOfMessages'] }));
      assert.equal(counts.Attributes?.['ApproximateNumberOfMessages'], '0');
      assert.match(server.output(), /not delivered to arn:aws:sqs:us-east-1:000000000000:revoked \(AccessDenied/);
    } finally {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: SENDER, PolicyName: 'send' }));
      await allowSend(SENDER, ['destination', 'dead-letters', 'revoked']);
    }
  });
});

describe('a queue of another account', () => {
  const A = { id: '111111111111', accessKeyId: 'AKIAACCOUNTA00000001', secretAccessKey: 'secret-of-account-a' };
  const B = { id: '222222222222', accessKeyId: 'AKIAACCOUNTB00000001', secretAccessKey: 'secret-of-account-b' };
  const inboxArn = `arn:aws:sqs:${TEST_REGION}:${B.id}:inbox`;
  const fnRole = `arn:aws:iam::${A.id}:role/fn-role`;
  let two: TestServer;
  let lambdaA: LambdaClient;
  let sqsB: SQSClient;
  let iamA: IAMClient;

  before(async () => {
    two = await startServer({
      env: { LAMBENT_CREDENTIALS: `${A.accessKeyId}:${A.secretAccessKey}:${A.id},${B.accessKeyId}:${B.secretAccessKey}:${B.id}` },
    });
    const credsA = { accessKeyId: A.accessKeyId, secretAccessKey: A.secretAccessKey };
    lambdaA = new LambdaClient({ endpoint: two.url, region: TEST_REGION, credentials: credsA, maxAttempts: 1 });
    iamA = new IAMClient({ endpoint: two.url, region: TEST_REGION, credentials: credsA });
    sqsB = new SQSClient({ endpoint: two.url, region: TEST_REGION, credentials: { accessKeyId: B.accessKeyId, secretAccessKey: B.secretAccessKey } });
    await iamA.send(new CreateRoleCommand({ RoleName: 'fn-role', AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }));
    const send = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: inboxArn }] };
    await iamA.send(new PutRolePolicyCommand({ RoleName: 'fn-role', PolicyName: 'send', PolicyDocument: JSON.stringify(send) }));
    await sqsB.send(new CreateQueueCommand({ QueueName: 'inbox' }));
  });

  after(async () => {
    lambdaA?.destroy();
    sqsB?.destroy();
    iamA?.destroy();
    await two?.dispose();
  });

  test('refused until the queue policy lets the role send; then the record arrives in the other account\'s queue', async () => {
    await deployFunction(lambdaA, 'cross-fn', { 'index.js': OK_SOURCE }, { Role: fnRole });
    const put = (): Promise<unknown> =>
      lambdaA.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'cross-fn', DestinationConfig: { OnSuccess: { Destination: inboxArn } } }));
    // The role's own policy allows it, but across accounts the queue's policy must too.
    await expectError(put(), 'InvalidParameterValueException', `The function's execution role does not have permissions to call SendMessage on ${inboxArn}`);
    const url = `${two.url}/${B.id}/inbox`;
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: fnRole }, Action: 'sqs:SendMessage', Resource: inboxArn }] };
    await sqsB.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: JSON.stringify(policy) } }));
    await put();
    await lambdaA.send(new InvokeCommand({ FunctionName: 'cross-fn', InvocationType: 'Event', Payload: Buffer.from('{"from":"A"}') }));
    const end = Date.now() + 30_000;
    let body: string | undefined;
    while (body === undefined && Date.now() < end) {
      const got = await sqsB.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2 }));
      body = got.Messages?.[0]?.Body;
    }
    assert.ok(body, 'no record in the other account\'s queue within 30 s');
    const record = JSON.parse(body) as { requestContext: { functionArn: string; condition: string }; requestPayload: unknown };
    assert.equal(record.requestContext.functionArn, `arn:aws:lambda:${TEST_REGION}:${A.id}:function:cross-fn:$LATEST`);
    assert.equal(record.requestContext.condition, 'Success');
    assert.deepEqual(record.requestPayload, { from: 'A' });
  });
});
