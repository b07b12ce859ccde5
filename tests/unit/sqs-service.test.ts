// The SQS service through the JS SDK v3 (json 1.0) on a real gateway, over an in-memory queue store: what a user
// of the SDK sees for queues, messages, batches, FIFO, long polls, visibility, redrive, move tasks and errors.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import {
  AddPermissionCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  RemovePermissionCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
  TagQueueCommand,
  UntagQueueCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { serveSqs, SQS_ACCOUNT, type SqsGateway } from '../helpers/sqs-gateway.js';
import { failure } from '../helpers/sqs-errors.js';

let g: SqsGateway;
let sqs: SQSClient;

async function create(name: string, attributes?: Record<string, string>): Promise<string> {
  const out = await sqs.send(new CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }));
  return out.QueueUrl as string;
}

async function attrs(url: string, ...names: string[]): Promise<Record<string, string>> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: names.length ? (names as never[]) : ['All'] }));
  return out.Attributes ?? {};
}

before(async () => {
  g = await serveSqs();
  sqs = g.client();
});
after(async () => {
  sqs.destroy();
  await g.close();
});

describe('sqs queues', () => {
  test('CreateQueue answers a URL on the endpoint used; a second create with the same attributes is the same queue', async () => {
    const url = await create('orders', { VisibilityTimeout: '45' });
    assert.equal(url, `${g.endpoint}/${SQS_ACCOUNT}/orders`);
    assert.equal(await create('orders', { VisibilityTimeout: '45' }), url);
    assert.equal(await create('orders'), url);
    const e = await failure(create('orders', { VisibilityTimeout: '46' }));
    assert.equal(e.name, 'QueueNameExists');
    assert.equal(e.code, 'QueueAlreadyExists');
    assert.equal(e.message, 'A queue already exists with the same name and a different value for attribute VisibilityTimeout');
    assert.equal((await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl, url);
  });

  test('queue names: rules for standard and FIFO', async () => {
    const std = await failure(create('bad name'));
    assert.equal(std.code, 'InvalidParameterValue');
    assert.equal(std.message, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    const fifo = await failure(create('no-suffix', { FifoQueue: 'true' }));
    assert.match(fifo.message, /must end with \.fifo suffix/);
    assert.match((await failure(create('suffix.fifo'))).message, /must end with \.fifo suffix/);
  });

  test('GetQueueAttributes: defaults, read-only values, a chosen subset, unknown names', async () => {
    const url = await create('attrs');
    const all = await attrs(url);
    assert.equal(all['QueueArn'], `arn:aws:sqs:us-east-1:${SQS_ACCOUNT}:attrs`);
    assert.equal(all['VisibilityTimeout'], '30');
    assert.equal(all['MaximumMessageSize'], '1048576');
    assert.equal(all['MessageRetentionPeriod'], '345600');
    assert.equal(all['ApproximateNumberOfMessages'], '0');
    assert.match(all['CreatedTimestamp'] ?? '', /^\d{10}$/);
    assert.equal(all['FifoQueue'], undefined);
    assert.deepEqual(await attrs(url, 'DelaySeconds'), { DelaySeconds: '0' });
    assert.deepEqual((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url }))).Attributes, undefined);
    const e = await failure(sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Nope' as never] })));
    assert.equal(e.name, 'InvalidAttributeName');
    assert.equal(e.message, 'Unknown Attribute Nope.');
  });

  test('SetQueueAttributes changes what it names and refuses values out of range', async () => {
    const url = await create('settable');
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DelaySeconds: '5', KmsMasterKeyId: 'alias/aws/sqs' } }));
    const a = await attrs(url);
    assert.equal(a['DelaySeconds'], '5');
    assert.equal(a['KmsMasterKeyId'], 'alias/aws/sqs');
    const e = await failure(sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { ReceiveMessageWaitTimeSeconds: '21' } })));
    assert.equal(e.name, 'InvalidAttributeValue');
    assert.equal(e.message, 'Invalid value for the parameter ReceiveMessageWaitTimeSeconds.');
  });

  test('a queue that does not exist: QueueDoesNotExist with the query code; a URL that is none: InvalidAddress', async () => {
    const e = await failure(sqs.send(new SendMessageCommand({ QueueUrl: `${g.endpoint}/${SQS_ACCOUNT}/missing`, MessageBody: 'x' })));
    assert.equal(e.name, 'QueueDoesNotExist');
    assert.equal(e.code, 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(e.message, 'The specified queue does not exist.');
    assert.equal(e.status, 400);
    const bad = await failure(sqs.send(new SendMessageCommand({ QueueUrl: 'not-a-url', MessageBody: 'x' })));
    assert.equal(bad.name, 'InvalidAddress');
  });

  test('DeleteQueue, then QueueDeletedRecently for 60 s', async () => {
    const url = await create('short-lived');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    assert.equal((await failure(sqs.send(new GetQueueUrlCommand({ QueueName: 'short-lived' })))).name, 'QueueDoesNotExist');
    const e = await failure(create('short-lived'));
    assert.equal(e.name, 'QueueDeletedRecently');
    assert.equal(e.message, 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
  });

  test('ListQueues: prefix and MaxResults/NextToken pages', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await create(n);
    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2 }));
    assert.deepEqual(first.QueueUrls, [`${g.endpoint}/${SQS_ACCOUNT}/page-a`, `${g.endpoint}/${SQS_ACCOUNT}/page-b`]);
    assert.ok(first.NextToken);
    const second = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.QueueUrls, [`${g.endpoint}/${SQS_ACCOUNT}/page-c`]);
    assert.equal(second.NextToken, undefined);
    assert.equal((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'zzz' }))).QueueUrls, undefined);
    assert.equal((await failure(sqs.send(new ListQueuesCommand({ MaxResults: 1001 })))).code, 'InvalidParameterValue');
  });

  test('tags: create, tag, untag, list; at most 50', async () => {
    const out = await sqs.send(new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'a' } }));
    const url = out.QueueUrl as string;
    await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { env: 'dev' } }));
    assert.deepEqual((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags, { team: 'a', env: 'dev' });
    await sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ['team'] }));
    assert.deepEqual((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags, { env: 'dev' });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const e = await failure(sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: many })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(e.message, 'Too many tags added for queue tagged.');
  });

  test('AddPermission and RemovePermission edit the Policy attribute', async () => {
    const url = await create('shared');
    await sqs.send(new AddPermissionCommand({ QueueUrl: url, Label: 'send', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }));
    const policy = JSON.parse((await attrs(url, 'Policy'))['Policy'] ?? '{}') as { Statement: Record<string, unknown>[] };
    assert.deepEqual(policy.Statement, [
      { Sid: 'send', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'SQS:SendMessage', Resource: `arn:aws:sqs:us-east-1:${SQS_ACCOUNT}:shared` },
    ]);
    const again = await failure(sqs.send(new AddPermissionCommand({ QueueUrl: url, Label: 'send', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] })));
    assert.equal(again.message, 'Value send for parameter Label is invalid. Reason: Already exists.');
    await sqs.send(new RemovePermissionCommand({ QueueUrl: url, Label: 'send' }));
    assert.deepEqual(await attrs(url, 'Policy'), {});
    assert.equal((await failure(sqs.send(new RemovePermissionCommand({ QueueUrl: url, Label: 'send' })))).code, 'InvalidParameterValue');
  });

  test('PurgeQueue empties the queue, then PurgeQueueInProgress within 60 s', async () => {
    const url = await create('purged');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    assert.equal((await attrs(url, 'ApproximateNumberOfMessages'))['ApproximateNumberOfMessages'], '0');
    const e = await failure(sqs.send(new PurgeQueueCommand({ QueueUrl: url })));
    assert.equal(e.name, 'PurgeQueueInProgress');
    assert.equal(e.code, 'AWS.SimpleQueueService.PurgeQueueInProgress');
    assert.equal(e.status, 403);
    assert.equal(e.message, 'Only one PurgeQueue operation on purged is allowed every 60 seconds.');
  });
});

describe('sqs messages (standard)', () => {
  test('send, receive with attributes, delete; the SDK verifies the digests', async () => {
    const url = await create('std');
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'hello ✓',
        MessageAttributes: { n: { DataType: 'Number', StringValue: '42' }, bin: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2]) } },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } },
      }),
    );
    assert.ok(sent.MessageId && sent.MD5OfMessageAttributes && sent.MD5OfMessageSystemAttributes);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    const m = got.Messages?.[0];
    assert.ok(m);
    assert.equal(m.Body, 'hello ✓');
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(m.MessageAttributes?.['n'], { DataType: 'Number', StringValue: '42' });
    assert.deepEqual(Buffer.from(m.MessageAttributes?.['bin']?.BinaryValue ?? []), Buffer.from([0, 1, 2]));
    assert.equal(m.Attributes?.['SenderId'], SQS_ACCOUNT);
    assert.equal(m.Attributes?.['ApproximateReceiveCount'], '1');
    assert.equal(m.Attributes?.['AWSTraceHeader'], 'Root=1-abc');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
  });

  test('message attribute selection by name and prefix', async () => {
    const url = await create('select');
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'x',
        MessageAttributes: { 'a.one': { DataType: 'String', StringValue: '1' }, 'a.two': { DataType: 'String', StringValue: '2' }, b: { DataType: 'String', StringValue: '3' } },
      }),
    );
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['a.*'] }));
    assert.deepEqual(Object.keys(got.Messages?.[0]?.MessageAttributes ?? {}).sort(), ['a.one', 'a.two']);
  });

  test('bad bodies and attributes: AWS\'s errors', async () => {
    const url = await create('checks', { MaximumMessageSize: '1024' });
    const chars = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a\u0001b' })));
    assert.equal(chars.name, 'InvalidMessageContents');
    assert.match(chars.message, /^Invalid characters found\./);
    const big = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1025) })));
    assert.equal(big.message, 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.');
    // Attributes count toward the size.
    const withAttrs = await failure(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1000), MessageAttributes: { k: { DataType: 'String', StringValue: 'v'.repeat(30) } } })),
    );
    assert.equal(withAttrs.code, 'InvalidParameterValue');
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
    assert.equal(
      (await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: tooMany })))).message,
      'Number of message attributes [11] exceeds the allowed maximum [10].',
    );
    const badType = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { k: { DataType: 'Json', StringValue: 'v' } } })));
    assert.match(badType.message, /supported type prefixes: Binary, Number, String/);
    const delay = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 })));
    assert.equal(delay.message, 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.');
    assert.equal((await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '' })))).code, 'MissingParameter');
    const noUrl = await failure(sqs.send(new SendMessageCommand({ MessageBody: 'x' } as never)));
    assert.equal(noUrl.code, 'MissingParameter');
    assert.equal(noUrl.message, 'The request must contain the parameter QueueUrl.');
  });

  test('SendMessageBatch: per-entry results, and whole-batch errors', async () => {
    const url = await create('batch');
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'bad\u0000' },
          { Id: 'c', MessageBody: 'three', DelaySeconds: 0 },
        ],
      }),
    );
    assert.deepEqual(out.Successful?.map((s) => s.Id), ['a', 'c']);
    assert.deepEqual(out.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]), [['b', 'InvalidMessageContents', true]]);
    const cases: [SendMessageBatchCommand, string, string][] = [
      [new SendMessageBatchCommand({ QueueUrl: url, Entries: [] }), 'EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.'],
      [
        new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' })) }),
        'TooManyEntriesInBatchRequest',
        'Maximum number of entries per request are 10. You have sent 11.',
      ],
      [new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] }), 'BatchEntryIdsNotDistinct', 'Id x repeated.'],
      [new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'no spaces', MessageBody: '1' }] }), 'InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.'],
      [
        new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 2 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x'.repeat(600_000) })) }),
        'BatchRequestTooLong',
        'Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.',
      ],
    ];
    for (const [cmd, name, message] of cases) {
      const e = await failure(sqs.send(cmd));
      assert.equal(e.name, name);
      assert.equal(e.code, `AWS.SimpleQueueService.${name}`);
      assert.equal(e.message, message);
    }
  });

  test('visibility: a received message is hidden until its lease ends or is changed; stale handles', async () => {
    const url = await create('visibility');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'v' }));
    const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 1 }))).Messages?.[0];
    assert.ok(first?.ReceiptHandle);
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
    // Back after the lease: a long poll wakes when it ends.
    const again = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }))).Messages?.[0];
    assert.equal(again?.Attributes?.['ApproximateReceiveCount'], '2');
    // The first handle's lease is over and the message was received since.
    const stale = await failure(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 10 })));
    assert.equal(stale.code, 'InvalidParameterValue');
    assert.match(stale.message, /Reason: The receipt handle has expired\.$/);
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: again?.ReceiptHandle, VisibilityTimeout: 0 }));
    const third = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages?.[0];
    assert.ok(third);
    const invalid = await failure(sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })));
    assert.equal(invalid.name, 'ReceiptHandleIsInvalid');
    assert.equal(invalid.message, 'The input receipt handle "garbage" is not a valid receipt handle.');
    const batch = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: [{ Id: 'ok', ReceiptHandle: third.ReceiptHandle, VisibilityTimeout: 30 }, { Id: 'bad', ReceiptHandle: 'nope', VisibilityTimeout: 30 }] }),
    );
    assert.deepEqual(batch.Successful?.map((s) => s.Id), ['ok']);
    assert.deepEqual(batch.Failed?.map((f) => [f.Id, f.Code]), [['bad', 'ReceiptHandleIsInvalid']]);
    const del = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', ReceiptHandle: third.ReceiptHandle }] }));
    assert.deepEqual(del.Successful?.map((s) => s.Id), ['a']);
  });

  test('ReceiveMessage limits', async () => {
    const url = await create('limits');
    const max = await failure(sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })));
    assert.equal(max.message, 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    const wait = await failure(sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 21 })));
    assert.equal(wait.message, 'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.');
  });

  test('a long poll wakes on a send from another client', async () => {
    const url = await create('long-poll');
    const other = g.client();
    try {
      const started = Date.now();
      const poll = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
      await new Promise((r) => setTimeout(r, 200));
      await other.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'wake' }));
      const got = await poll;
      assert.equal(got.Messages?.[0]?.Body, 'wake');
      assert.ok(Date.now() - started < 5000, 'answered long before the wait ran out');
    } finally {
      other.destroy();
    }
  });

  test('a long poll whose client went away ends, and leases nothing for nobody', async () => {
    const url = await create('abandoned-poll');
    const poller = g.client();
    const aborter = new AbortController();
    const poll = poller.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), { abortSignal: aborter.signal });
    await new Promise((r) => setTimeout(r, 200));
    aborter.abort();
    await assert.rejects(poll);
    poller.destroy();
    // Give the server a moment to see the connection close.
    await new Promise((r) => setTimeout(r, 100));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'for a live client' }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
    assert.equal(got.Messages?.[0]?.Body, 'for a live client');
  });

  test('the queue\'s ReceiveMessageWaitTimeSeconds is the default wait', async () => {
    const url = await create('default-wait', { ReceiveMessageWaitTimeSeconds: '1' });
    const started = Date.now();
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
    assert.ok(Date.now() - started >= 900, 'waited about a second');
  });

  test('redrive: after maxReceiveCount receives the message goes to the DLQ, which lists its source', async () => {
    const dlq = await create('redrive-dlq');
    const dlqArn = (await attrs(dlq, 'QueueArn'))['QueueArn'] as string;
    const src = await create('redrive-src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) });
    assert.equal((await attrs(src, 'RedrivePolicy'))['RedrivePolicy'], `{"deadLetterTargetArn":"${dlqArn}","maxReceiveCount":2}`);
    await sqs.send(new SendMessageCommand({ QueueUrl: src, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const m = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: src, WaitTimeSeconds: 2 }))).Messages?.[0];
      assert.ok(m, `receive ${i + 1}`);
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: src, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
    }
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: src }))).Messages, undefined);
    const dead = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] }))).Messages?.[0];
    assert.equal(dead?.Body, 'poison');
    assert.equal(dead?.Attributes?.['DeadLetterQueueSourceArn'], `arn:aws:sqs:us-east-1:${SQS_ACCOUNT}:redrive-src`);
    assert.deepEqual((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls, [src]);
    // A move task takes it back to its source.
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: dlq, ReceiptHandle: dead?.ReceiptHandle, VisibilityTimeout: 0 }));
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    assert.ok(TaskHandle);
    const back = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: src, WaitTimeSeconds: 5 }))).Messages?.[0];
    assert.equal(back?.Body, 'poison');
    const deadline = Date.now() + 5000;
    let status: string | undefined;
    while (Date.now() < deadline) {
      status = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results?.[0]?.Status;
      if (status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 'COMPLETED');
    const notDlq = await failure(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: `arn:aws:sqs:us-east-1:${SQS_ACCOUNT}:redrive-src` })));
    assert.equal(notDlq.message, 'Source queue must be configured as a Dead Letter Queue.');
  });
});

describe('sqs messages (FIFO)', () => {
  test('order within a group, one group in flight at a time, deduplication, sequence numbers', async () => {
    const url = await create('orders.fifo', { FifoQueue: 'true' });
    const s1 = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'g1-a', MessageGroupId: 'g1', MessageDeduplicationId: 'd1' }));
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'g1-a again', MessageGroupId: 'g1', MessageDeduplicationId: 'd1' }));
    assert.equal(dup.MessageId, s1.MessageId);
    assert.match(s1.SequenceNumber ?? '', /^\d{20}$/);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'b', MessageBody: 'g1-b', MessageGroupId: 'g1', MessageDeduplicationId: 'd2' },
          { Id: 'c', MessageBody: 'g2-a', MessageGroupId: 'g2', MessageDeduplicationId: 'd3' },
        ],
      }),
    );
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'] }));
    const bodies = got.Messages?.map((m) => m.Body) ?? [];
    assert.deepEqual(bodies, ['g1-a', 'g1-b', 'g2-a']);
    assert.equal(got.Messages?.[0]?.Attributes?.['MessageGroupId'], 'g1');
  });

  test('FIFO rules: group id required, dedup id or content-based deduplication, no per-message delay', async () => {
    const url = await create('rules.fifo', { FifoQueue: 'true' });
    const group = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd' })));
    assert.equal(group.code, 'MissingParameter');
    assert.equal(group.message, 'The request must contain the parameter MessageGroupId.');
    const dedup = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' })));
    assert.equal(dedup.message, 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    const delay = await failure(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 1 })));
    assert.equal(delay.code, 'InvalidParameterValue');
    const cbd = await create('cbd.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const a = await sqs.send(new SendMessageCommand({ QueueUrl: cbd, MessageBody: 'same', MessageGroupId: 'g' }));
    const b = await sqs.send(new SendMessageCommand({ QueueUrl: cbd, MessageBody: 'same', MessageGroupId: 'g' }));
    assert.equal(a.MessageId, b.MessageId);
    const std = await create('std-no-dedup');
    assert.equal((await failure(sqs.send(new SendMessageCommand({ QueueUrl: std, MessageBody: 'x', MessageDeduplicationId: 'd' })))).code, 'InvalidParameterValue');
    const set = await failure(sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: 'false' } })));
    assert.equal(set.message, 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.');
  });
});
