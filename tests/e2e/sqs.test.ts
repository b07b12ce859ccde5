// SQS on the real server through the JS SDK v3 (json 1.0): standard and FIFO queues end to end, batches, attributes,
// a long poll woken by another client's send, visibility timeouts, redrive to a dead-letter queue, AWS's errors,
// and messages that survive a restart.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type DeleteMessageBatchCommandOutput,
  type ReceiveMessageCommandOutput,
} from '@aws-sdk/client-sqs';
import { failure } from '../helpers/sqs-errors.js';
import { startServer, tempDir, TEST_ACCOUNT, TEST_REGION, type TestServer } from '../helpers/lambent.js';

let dataDir: string;
let server: TestServer;
const clients: SQSClient[] = [];

function client(): SQSClient {
  const c = new SQSClient({ endpoint: server.url, region: TEST_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  clients.push(c);
  return c;
}

async function count(sqs: SQSClient, url: string, name: 'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible' = 'ApproximateNumberOfMessages'): Promise<string | undefined> {
  return (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [name] }))).Attributes?.[name];
}

before(async () => {
  dataDir = tempDir();
  server = await startServer({ dataDir });
});
after(async () => {
  for (const c of clients) c.destroy();
  await server.dispose();
});

describe('sqs on the real server (JS SDK v3)', () => {
  test('standard queue: batch send, receive with attributes, batch delete', async () => {
    const sqs = client();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-std', Attributes: { VisibilityTimeout: '20' } }));
    assert.equal(QueueUrl, `${server.url}/${TEST_ACCOUNT}/e2e-std`);
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: Array.from({ length: 10 }, (_, i) => ({
          Id: `m${i}`,
          MessageBody: `body ${i} ✓`,
          MessageAttributes: { index: { DataType: 'Number', StringValue: String(i) } },
        })),
      }),
    );
    assert.equal(sent.Successful?.length, 10);
    assert.equal(await count(sqs, QueueUrl as string), '10');
    const seen = new Set<string>();
    const handles: { Id: string; ReceiptHandle: string }[] = [];
    const deadline = Date.now() + 10_000;
    while (seen.size < 10 && Date.now() < deadline) {
      const got: ReceiveMessageCommandOutput = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
      for (const m of got.Messages ?? []) {
        seen.add(m.Body as string);
        assert.equal(m.Attributes?.['SenderId'], TEST_ACCOUNT);
        assert.match(m.MessageAttributes?.['index']?.StringValue ?? '', /^\d$/);
        handles.push({ Id: `h${handles.length}`, ReceiptHandle: m.ReceiptHandle as string });
      }
    }
    assert.equal(seen.size, 10);
    for (let i = 0; i < handles.length; i += 10) {
      const del: DeleteMessageBatchCommandOutput = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: handles.slice(i, i + 10) }));
      assert.equal(del.Failed?.length ?? 0, 0);
    }
    assert.equal(await count(sqs, QueueUrl as string, 'ApproximateNumberOfMessagesNotVisible'), '0');
  });

  test('FIFO queue: group order, deduplication, sequence numbers', async () => {
    const sqs = client();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }));
    const first = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a', MessageGroupId: 'g' }));
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a', MessageGroupId: 'g' }));
    assert.equal(dup.MessageId, first.MessageId);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'b', MessageGroupId: 'g' }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['SequenceNumber', 'MessageGroupId'] }));
    assert.deepEqual(got.Messages?.map((m) => m.Body), ['a', 'b']);
    assert.match(got.Messages?.[0]?.Attributes?.['SequenceNumber'] ?? '', /^\d{20}$/);
    // While the group's messages are in flight, nothing more of it is received.
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'c', MessageGroupId: 'g' }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    const missing = await failure(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })));
    assert.equal(missing.name, 'MissingParameter');
  });

  test('a long poll wakes on a send from another client', async () => {
    const a = client();
    const b = client();
    const { QueueUrl } = await a.send(new CreateQueueCommand({ QueueName: 'e2e-long-poll' }));
    const started = Date.now();
    const poll = a.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 15 }));
    await new Promise((r) => setTimeout(r, 300));
    await b.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    assert.equal((await poll).Messages?.[0]?.Body, 'wake up');
    assert.ok(Date.now() - started < 5_000);
  });

  test('a long poll whose client went away leases nothing', async () => {
    const sqs = client();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-abandoned' }));
    const poller = client();
    const aborter = new AbortController();
    const poll = poller.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }), { abortSignal: aborter.signal });
    await new Promise((r) => setTimeout(r, 300));
    aborter.abort();
    await assert.rejects(poll);
    poller.destroy();
    await new Promise((r) => setTimeout(r, 200));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'for the living' }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }))).Messages?.[0]?.Body, 'for the living');
  });

  test('visibility timeout hides a received message until it ends; a deleted message stays deleted', async () => {
    const sqs = client();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-visibility' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'lease' }));
    const m = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }))).Messages?.[0];
    assert.ok(m);
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    const again = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }))).Messages?.[0];
    assert.equal(again?.Attributes?.['ApproximateReceiveCount'], '2');
    const stale = await failure(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 5 })));
    assert.match(stale.message, /The receipt handle has expired/);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: again?.ReceiptHandle }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }))).Messages, undefined);
  });

  test('redrive: after maxReceiveCount receives a message moves to the dead-letter queue', async () => {
    const sqs = client();
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-dlq' }))).QueueUrl as string;
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes?.['QueueArn'];
    const src = (await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-src', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) } })))
      .QueueUrl as string;
    await sqs.send(new SendMessageCommand({ QueueUrl: src, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const m = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: src, WaitTimeSeconds: 2 }))).Messages?.[0];
      assert.ok(m);
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: src, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
    }
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: src }))).Messages, undefined);
    const dead = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 2, MessageSystemAttributeNames: ['All'] }))).Messages?.[0];
    assert.equal(dead?.Body, 'poison');
    assert.equal(dead?.Attributes?.['DeadLetterQueueSourceArn'], `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:e2e-src`);
  });

  test("errors carry SQS's codes on the json protocol", async () => {
    const sqs = client();
    const gone = await failure(sqs.send(new SendMessageCommand({ QueueUrl: `${server.url}/${TEST_ACCOUNT}/nope`, MessageBody: 'x' })));
    assert.equal(gone.name, 'QueueDoesNotExist');
    assert.equal(gone.code, 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(gone.status, 400);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-errors' }));
    const bad = await failure(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '\uFFFF' })));
    assert.equal(bad.name, 'InvalidMessageContents');
    const exists = await failure(sqs.send(new CreateQueueCommand({ QueueName: 'e2e-errors', Attributes: { DelaySeconds: '3' } })));
    assert.equal(exists.name, 'QueueNameExists');
    assert.equal(exists.code, 'QueueAlreadyExists');
  });

  test('queues and messages survive a restart', async () => {
    const sqs = client();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-durable', tags: { keep: 'yes' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'still here' }));
    await server.stop();
    server = await startServer({ dataDir });
    const after = client();
    // The port changed: the URL is the new endpoint's.
    const urls = (await after.send(new ListQueuesCommand({ QueueNamePrefix: 'e2e-durable' }))).QueueUrls;
    assert.deepEqual(urls, [`${server.url}/${TEST_ACCOUNT}/e2e-durable`]);
    const got = (await after.send(new ReceiveMessageCommand({ QueueUrl: urls?.[0], WaitTimeSeconds: 2 }))).Messages?.[0];
    assert.equal(got?.Body, 'still here');
  });

  test('kill -9 during sends loses no acknowledged message; a leased message stays leased across the restart', async () => {
    const sqs = client();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-kill9' }));
    // A lease that must survive: received with 60 s of visibility before the kill.
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'leased' }));
    const leased = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 60 }))).Messages?.[0];
    assert.equal(leased?.Body, 'leased');
    const acknowledged = new Set<string>();
    let stop = false;
    const loops = Array.from({ length: 8 }, async (_, loop) => {
      for (let i = 0; !stop; i++) {
        const entries = Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: `m-${loop}-${i}-${j}` }));
        try {
          const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries }));
          for (const ok of out.Successful ?? []) acknowledged.add(`m-${loop}-${i}-${ok.Id?.slice(1) ?? ''}`);
        } catch {
          return; // the server died under this request: it was never acknowledged
        }
      }
    });
    // Kill while sends are in flight, once a good number were acknowledged.
    const deadline = Date.now() + 30_000;
    while (acknowledged.size < 2000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    stop = true;
    await Promise.all(loops);
    assert.ok(acknowledged.size >= 2000, `only ${acknowledged.size} sends were acknowledged before the kill`);

    server = await startServer({ dataDir });
    const after = client();
    const url = `${server.url}/${TEST_ACCOUNT}/e2e-kill9`;
    assert.equal(await count(after, url, 'ApproximateNumberOfMessagesNotVisible'), '1', 'the leased message is still in flight');
    const seen = new Set<string>();
    for (;;) {
      const got = (await after.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 120 }))).Messages ?? [];
      if (got.length === 0) break;
      for (const m of got) {
        assert.notEqual(m.Body, 'leased', 'a leased message must not be visible before its timeout');
        seen.add(m.Body ?? '');
      }
    }
    const lost = [...acknowledged].filter((b) => !seen.has(b));
    assert.deepEqual(lost.slice(0, 5), [], `${lost.length} acknowledged messages were lost`);
  });
});
