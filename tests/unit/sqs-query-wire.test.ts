// SQS's query protocol on the wire, as query-era clients send it: forms to `/` naming the queue by QueueUrl, or to
// the queue's own URL (AWS SDK for Java 1.x) with no QueueUrl at all; answers and errors in SQS's XML.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { serveSqs, signedPost, SQS_ACCOUNT, type RawAnswer, type SqsGateway } from '../helpers/sqs-gateway.js';

let g: SqsGateway;

function post(path: string, form: string): Promise<RawAnswer> {
  return signedPost(g.endpoint, path, form, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
}

before(async () => {
  g = await serveSqs();
});
after(async () => g.close());

describe('sqs query protocol', () => {
  test('CreateQueue with Attribute.N and Tag.N; SendMessage with MessageAttribute.N to the queue URL path', async () => {
    const created = await post('/', 'Action=CreateQueue&Version=2012-11-05&QueueName=by-path&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=50&Tag.1.Key=t&Tag.1.Value=v');
    assert.equal(created.status, 200, created.text);
    assert.match(created.text, new RegExp(`<CreateQueueResult><QueueUrl>${g.endpoint}/${SQS_ACCOUNT}/by-path</QueueUrl></CreateQueueResult>`));
    const sent = await post(
      `/${SQS_ACCOUNT}/by-path`,
      'Action=SendMessage&Version=2012-11-05&MessageBody=via%20path&MessageAttribute.1.Name=k&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=v',
    );
    assert.equal(sent.status, 200, sent.text);
    assert.match(sent.text, /<SendMessageResult><MD5OfMessageBody>[0-9a-f]{32}<\/MD5OfMessageBody><MD5OfMessageAttributes>[0-9a-f]{32}<\/MD5OfMessageAttributes><MessageId>[0-9a-f-]{36}<\/MessageId>/);
    const sqs = g.client();
    try {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${g.endpoint}/${SQS_ACCOUNT}/by-path`, MessageAttributeNames: ['All'] }));
      assert.equal(got.Messages?.[0]?.Body, 'via path');
      assert.equal(got.Messages?.[0]?.MessageAttributes?.['k']?.StringValue, 'v');
    } finally {
      sqs.destroy();
    }
    const attrs = await post(`/${SQS_ACCOUNT}/by-path`, 'Action=GetQueueAttributes&Version=2012-11-05&AttributeName.1=VisibilityTimeout');
    assert.match(attrs.text, /<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout<\/Name><Value>50<\/Value><\/Attribute><\/GetQueueAttributesResult>/);
  });

  test("errors are SQS's ErrorResponse with the query codes", async () => {
    const missing = await post(`/${SQS_ACCOUNT}/no-such-queue`, 'Action=SendMessage&Version=2012-11-05&MessageBody=x');
    assert.equal(missing.status, 400);
    assert.match(
      missing.text,
      /^<ErrorResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type><Code>AWS\.SimpleQueueService\.NonExistentQueue<\/Code><Message>The specified queue does not exist\.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
    const exists = await post('/', 'Action=CreateQueue&Version=2012-11-05&QueueName=by-path&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=51');
    assert.match(exists.text, /<Code>QueueAlreadyExists<\/Code>/);
    const batch = await post(`/${SQS_ACCOUNT}/by-path`, 'Action=SendMessageBatch&Version=2012-11-05');
    assert.match(batch.text, /<Code>AWS\.SimpleQueueService\.EmptyBatchRequest<\/Code><Message>There should be at least one SendMessageBatchRequestEntry in the request\.<\/Message>/);
    const noBody = await post(`/${SQS_ACCOUNT}/by-path`, 'Action=SendMessage&Version=2012-11-05');
    assert.match(noBody.text, /<Code>MissingParameter<\/Code><Message>The request must contain the parameter MessageBody\.<\/Message>/);
    const noName = await post('/', 'Action=CreateQueue&Version=2012-11-05');
    assert.match(noName.text, /<Code>MissingParameter<\/Code><Message>The request must contain the parameter QueueName\.<\/Message>/);
  });
});
