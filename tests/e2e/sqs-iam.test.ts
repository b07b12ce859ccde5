// Who may use a queue, on the real server with two accounts: an IAM user without sqs:SendMessage is refused with
// SQS's AccessDenied (json and query protocols); the owner's root may do anything; another account's caller is
// refused until the queue's policy (AddPermission, or a Policy attribute) grants it, and refused again once the
// grant is removed.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutUserPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AddPermissionCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  RemovePermissionCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createIamUser, type Keys } from '../helpers/iam-user.js';
import { failure } from '../helpers/sqs-errors.js';
import { startServer, TEST_REGION, type TestServer } from '../helpers/lambent.js';

const run = promisify(execFile);
const A = { id: '111111111111', accessKeyId: 'AKIAACCOUNTA00000001', secretAccessKey: 'secret-of-account-a' };
const B = { id: '222222222222', accessKeyId: 'AKIAACCOUNTB00000001', secretAccessKey: 'secret-of-account-b' };
const QUEUE_ARN = `arn:aws:sqs:${TEST_REGION}:${A.id}:guarded`;

let server: TestServer;
let queueUrl: string;
let reader: Keys;
const clients: { destroy(): void }[] = [];

function sqs(keys: Keys): SQSClient {
  const c = new SQSClient({ endpoint: server.url, region: TEST_REGION, credentials: keys, maxAttempts: 1 });
  clients.push(c);
  return c;
}

before(async () => {
  server = await startServer({
    env: { LAMBENT_CREDENTIALS: `${A.accessKeyId}:${A.secretAccessKey}:${A.id},${B.accessKeyId}:${B.secretAccessKey}:${B.id}` },
  });
  queueUrl = (await sqs(A).send(new CreateQueueCommand({ QueueName: 'guarded' }))).QueueUrl as string;
  // A user of account A who may only read from queues.
  const user = await createIamUser(server.url, A, 'reader');
  reader = user.keys;
  const iam = new IAMClient({ endpoint: server.url, region: TEST_REGION, credentials: A, maxAttempts: 1 });
  clients.push(iam);
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'reader',
      PolicyName: 'read-only',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], Resource: '*' }] }),
    }),
  );
});
after(async () => {
  for (const c of clients) c.destroy();
  await server.dispose();
});

describe('sqs authorization', () => {
  test('a user without sqs:SendMessage is refused with AccessDenied (json)', async () => {
    const as = sqs(reader);
    // New keys become usable at once; allowed actions work.
    await as.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const e = await failure(as.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' })));
    assert.equal(e.code, 'AccessDenied');
    assert.equal(e.status, 403);
    assert.equal(
      e.message,
      `User: arn:aws:iam::${A.id}:user/reader is not authorized to perform: sqs:sendmessage on resource: ${QUEUE_ARN} because no identity-based policy allows the sqs:sendmessage action`,
    );
  });

  test('the same refusal on the query protocol (AWS CLI v2)', async () => {
    let err = '';
    try {
      await run('/usr/bin/aws', ['sqs', 'send-message', '--queue-url', queueUrl, '--message-body', 'x', '--endpoint-url', server.url], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: reader.accessKeyId, AWS_SECRET_ACCESS_KEY: reader.secretAccessKey, AWS_DEFAULT_REGION: TEST_REGION, AWS_MAX_ATTEMPTS: '1' },
        encoding: 'utf8',
      });
      assert.fail('expected the CLI to fail');
    } catch (e) {
      err = (e as { stderr?: string }).stderr ?? '';
    }
    assert.match(err, /An error occurred \(AccessDenied\) when calling the SendMessage operation.*: User: arn:aws:iam::111111111111:user\/reader is not authorized to perform: sqs:sendmessage/);
  });

  test("another account is refused until the queue's policy grants it, and again once the grant goes", async () => {
    const b = sqs(B);
    const before = await failure(b.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'from B' })));
    assert.equal(before.code, 'AccessDenied');
    assert.match(before.message, /because no resource-based policy allows the sqs:sendmessage action/);
    await sqs(A).send(new AddPermissionCommand({ QueueUrl: queueUrl, Label: 'b-sends', AWSAccountIds: [B.id], Actions: ['SendMessage'] }));
    const sent = await b.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'from B' }));
    assert.ok(sent.MessageId);
    // The grant is for SendMessage only.
    assert.equal((await failure(b.send(new ReceiveMessageCommand({ QueueUrl: queueUrl })))).code, 'AccessDenied');
    const got = (await sqs(A).send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['SenderId'] }))).Messages?.[0];
    assert.equal(got?.Body, 'from B');
    assert.equal(got?.Attributes?.['SenderId'], B.id);
    await sqs(A).send(new RemovePermissionCommand({ QueueUrl: queueUrl, Label: 'b-sends' }));
    assert.equal((await failure(b.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'again' })))).code, 'AccessDenied');
  });

  test('a Policy attribute set directly decides too', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B.id}:root` }, Action: 'sqs:GetQueueAttributes', Resource: QUEUE_ARN }],
    };
    await sqs(A).send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: JSON.stringify(policy) } }));
    const attrs = await sqs(B).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    assert.equal(attrs.Attributes?.['QueueArn'], QUEUE_ARN);
  });
});
