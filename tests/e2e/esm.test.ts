// Lambda event source mappings from SQS end to end, with the JS SDK v3 against the real server: a queue with a
// dead-letter queue (maxReceiveCount 2), a Node function that reports batch item failures for a deterministic
// subset, 10,000 messages sent in batches. Every other message is processed (reported to a collector in this
// process) and deleted; the failing ones are received twice and land in the dead-letter queue. Plus the refusal
// of an execution role without SQS permissions, as AWS words it.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  UpdateEventSourceMappingCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { deployFunction, expectError, LAMBDA_TRUST_POLICY, lambdaClient, startServer, TEST_ACCOUNT, TEST_REGION, TEST_ROLE, type TestServer } from '../helpers/lambent.js';

const MESSAGES = 10_000;
const failing = (body: string): boolean => body.endsWith('7');

let server: TestServer;
let lambda: LambdaClient;
let sqs: SQSClient;
let iam: IAMClient;
let collector: Server;
let collectorPort = 0;
const processed = new Set<string>();

let firstReport: { keys: string[]; attributes: string[]; source: string } | undefined;

const WORKER_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/esm-worker`;
/** What AWS's AWSLambdaSQSQueueExecutionRole grants on queues. */
const SQS_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: '*' }],
});

const HANDLER = `
const http = require('http');
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(process.env.COLLECTOR_PORT), method: 'POST', path: '/' }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
exports.handler = async (event) => {
  const batchItemFailures = [];
  const ok = [];
  for (const r of event.Records) {
    if (r.body.endsWith('7')) batchItemFailures.push({ itemIdentifier: r.messageId });
    else ok.push(r.body);
  }
  const first = event.Records[0];
  await post({ ok, keys: Object.keys(first), attributes: Object.keys(first.attributes), source: first.eventSource });
  return { batchItemFailures };
};
`;

before(async () => {
  collector = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const doc = JSON.parse(text) as { ok: string[]; keys: string[]; attributes: string[]; source: string };
      for (const b of doc.ok) processed.add(b);
      firstReport ??= { keys: doc.keys, attributes: doc.attributes, source: doc.source };
      res.end('ok');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  collectorPort = (collector.address() as AddressInfo).port;
  // The handler reports to this process's collector on 127.0.0.1: only the host network mode reaches it.
  server = await startServer({ args: ['--function-network', 'host'] });
  lambda = lambdaClient(server.url);
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  sqs = new SQSClient({ endpoint: server.url, region: TEST_REGION, credentials, maxAttempts: 1 });
  iam = new IAMClient({ endpoint: server.url, region: TEST_REGION, credentials, maxAttempts: 1 });
  // The execution role of the working functions: what AWS's AWSLambdaSQSQueueExecutionRole grants on queues.
  await iam.send(new CreateRoleCommand({ RoleName: 'esm-worker', AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'esm-worker',
      PolicyName: 'sqs',
      PolicyDocument: SQS_POLICY,
    }),
  );
});

after(async () => {
  lambda.destroy();
  sqs.destroy();
  iam.destroy();
  await server.dispose();
  await new Promise<void>((r) => collector.close(() => r()));
});

async function queue(name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url = '' } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return { url, arn: `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:${name}` };
}

async function counts(url: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes: a = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(a['ApproximateNumberOfMessages']), inFlight: Number(a['ApproximateNumberOfMessagesNotVisible']) };
}

async function until(what: string, deadlineMs: number, cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await cond())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('an execution role without SQS permissions cannot be mapped: AWS\'s InvalidParameterValueException', async () => {
  const q = await queue('esm-no-permission');
  // TEST_ROLE has a trust policy for Lambda and no permission policy at all.
  await deployFunction(lambda, 'esm-no-permission', { 'index.js': 'exports.handler = async () => null;\n' }, { Role: TEST_ROLE });
  await expectError(
    lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: q.arn, FunctionName: 'esm-no-permission' })),
    'InvalidParameterValueException',
    'The function execution role does not have permissions to call ReceiveMessage on SQS',
    400,
  );
});

test('a queue that does not exist: AWS\'s InvalidParameterValueException quoting SQS', async () => {
  await deployFunction(lambda, 'esm-no-queue', { 'index.js': 'exports.handler = async () => null;\n' }, { Role: WORKER_ROLE });
  await expectError(
    lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:esm-missing`, FunctionName: 'esm-no-queue' })),
    'InvalidParameterValueException',
    'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.',
    400,
  );
});

test('10,000 messages: processed and deleted, the failing tenth dead-lettered after two receives', { timeout: 300_000 }, async () => {
  const dlq = await queue('esm-dlq');
  // A short visibility timeout so failed messages come back soon; the function's timeout must fit inside it, and a
  // batch must finish well within it even on a busy machine (or SQS delivers it again, as it would on AWS).
  const main = await queue('esm-main', {
    VisibilityTimeout: '5',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
  });
  await deployFunction(lambda, 'esm-worker', { 'index.js': HANDLER }, {
    Role: WORKER_ROLE,
    Timeout: 5,
    Environment: { Variables: { COLLECTOR_PORT: String(collectorPort) } },
  });
  const mapping = await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: main.arn,
      FunctionName: 'esm-worker',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    }),
  );
  assert.equal(mapping.State, 'Creating');
  assert.equal(mapping.$metadata.httpStatusCode, 202);

  const bodies = Array.from({ length: MESSAGES }, (_, i) => `message-${i}`);
  const started = Date.now();
  for (let i = 0; i < bodies.length; i += 100) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, j) => {
        const chunk = bodies.slice(i + j * 10, i + j * 10 + 10);
        if (chunk.length === 0) return;
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: main.url, Entries: chunk.map((b, k) => ({ Id: String(k), MessageBody: b })) }));
        assert.equal(out.Failed?.length ?? 0, 0);
      }),
    );
  }
  const expectedOk = bodies.filter((b) => !failing(b));
  const expectedDead = bodies.filter(failing);

  await until('every message processed or dead-lettered', 240_000, async () => {
    const m = await counts(main.url);
    const d = await counts(dlq.url);
    return m.visible === 0 && m.inFlight === 0 && d.visible === expectedDead.length && processed.size === expectedOk.length;
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(`drained ${MESSAGES} messages (${expectedDead.length} through two failed receives) in ${seconds.toFixed(1)} s`);

  assert.deepEqual([...processed].sort(), [...expectedOk].sort());
  assert.ok(firstReport);
  assert.equal(firstReport.source, 'aws:sqs');
  assert.deepEqual(firstReport.keys, [
    'messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfMessageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion',
  ]);
  assert.deepEqual(firstReport.attributes, ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp']);

  // The dead-letter queue holds exactly the failing messages, each received twice from the source queue.
  const dead: string[] = [];
  while (dead.length < expectedDead.length) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10, VisibilityTimeout: 600, WaitTimeSeconds: 1 }));
    if (!out.Messages || out.Messages.length === 0) break;
    for (const m of out.Messages) dead.push(m.Body ?? '');
  }
  assert.deepEqual(dead.sort(), [...expectedDead].sort());

  const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }));
  assert.equal(got.State, 'Enabled');
  assert.equal(got.LastProcessingResult, undefined, 'no problem reported');
  const deleting = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID }));
  assert.equal(deleting.State, 'Deleting');
});

/** A handler that reports every body it gets (the collector's `processed`). */
const REPORTER = HANDLER.replace("r.body.endsWith('7')", 'false');

async function waitState(client: LambdaClient, uuid: string | undefined, state: string): Promise<void> {
  await until(`mapping ${state}`, 30_000, async () => (await client.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State === state);
}

test('FilterCriteria, disable and enable: filtered-out messages are deleted unseen; a disabled mapping leaves the queue alone', async () => {
  const q = await queue('esm-filtered');
  await deployFunction(lambda, 'esm-filtered', { 'index.js': REPORTER }, {
    Role: WORKER_ROLE,
    Environment: { Variables: { COLLECTOR_PORT: String(collectorPort) } },
  });
  const m = await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: q.arn,
      FunctionName: 'esm-filtered',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ['keep'] } }) }] },
    }),
  );
  assert.deepEqual(m.FilterCriteria, { Filters: [{ Pattern: '{"body":{"kind":["keep"]}}' }] });
  const keep = JSON.stringify({ kind: 'keep', id: 'filtered-1' });
  const drop = JSON.stringify({ kind: 'drop', id: 'filtered-2' });
  await sqs.send(new SendMessageBatchCommand({
    QueueUrl: q.url,
    Entries: [keep, drop, 'filtered plain text'].map((b, i) => ({ Id: String(i), MessageBody: b })),
  }));
  await until('the queue emptied', 20_000, async () => {
    const c = await counts(q.url);
    return c.visible === 0 && c.inFlight === 0 && processed.has(keep);
  });
  assert.equal(processed.has(drop), false);
  assert.equal(processed.has('filtered plain text'), false);

  const disabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: m.UUID, Enabled: false }));
  assert.equal(disabling.State, 'Disabling');
  await waitState(lambda, m.UUID, 'Disabled');
  const late = JSON.stringify({ kind: 'keep', id: 'while-disabled' });
  await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: late }));
  // Were the mapping still polling, its long poll would take the message within milliseconds: this receive
  // getting it shows the queue was left alone.
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: 2, VisibilityTimeout: 0 }));
  assert.equal(got.Messages?.[0]?.Body, late);
  assert.equal(processed.has(late), false);

  const enabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: m.UUID, Enabled: true }));
  assert.equal(enabling.State, 'Enabling');
  await until('the message processed once enabled', 20_000, async () => processed.has(late));
  await lambda.send(new DeleteEventSourceMappingCommand({ UUID: m.UUID }));
});

test('an enabled mapping polls again after a restart', async () => {
  const restarted = await startServer({ args: ['--function-network', 'host'] });
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  let client = lambdaClient(restarted.url);
  let queues = new SQSClient({ endpoint: restarted.url, region: TEST_REGION, credentials, maxAttempts: 1 });
  let again: TestServer | undefined;
  try {
    const roles = new IAMClient({ endpoint: restarted.url, region: TEST_REGION, credentials, maxAttempts: 1 });
    await roles.send(new CreateRoleCommand({ RoleName: 'esm-worker', AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }));
    await roles.send(new PutRolePolicyCommand({ RoleName: 'esm-worker', PolicyName: 'sqs', PolicyDocument: SQS_POLICY }));
    roles.destroy();
    const { QueueUrl: url = '' } = await queues.send(new CreateQueueCommand({ QueueName: 'esm-restart' }));
    await deployFunction(client, 'esm-restart', { 'index.js': REPORTER }, {
      Role: WORKER_ROLE,
      Environment: { Variables: { COLLECTOR_PORT: String(collectorPort) } },
    });
    const m = await client.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:esm-restart`, FunctionName: 'esm-restart' }),
    );
    await waitState(client, m.UUID, 'Enabled');
    await restarted.stop();
    client.destroy();
    queues.destroy();

    again = await startServer({ dataDir: restarted.dataDir, args: ['--function-network', 'host'] });
    client = lambdaClient(again.url);
    queues = new SQSClient({ endpoint: again.url, region: TEST_REGION, credentials, maxAttempts: 1 });
    assert.equal((await client.send(new GetEventSourceMappingCommand({ UUID: m.UUID }))).State, 'Enabled');
    await queues.send(new SendMessageCommand({ QueueUrl: url.replace(restarted.url, again.url), MessageBody: 'after-restart' }));
    await until('processed after the restart', 30_000, async () => processed.has('after-restart'));
  } finally {
    client.destroy();
    queues.destroy();
    await (again ?? restarted).dispose();
    if (again) await restarted.dispose();
  }
});
