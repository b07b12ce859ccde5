// SQS on the real server through the other clients users have: boto3 (json 1.0, as pip's botocore speaks it), AWS
// CLI v1 (pip, json) and AWS CLI v2 2.9 (Debian, the query protocol): queues, messages with attributes (the
// clients check the digests), errors in each protocol's own format.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, TEST_ACCOUNT, TEST_REGION, type TestServer } from '../helpers/lambent.js';

const run = promisify(execFile);
let server: TestServer;

interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Runs a client without blocking the event loop (the server under test may share this process's helpers). */
async function exec(file: string, args: string[], input?: Record<string, string>): Promise<Ran> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: TEST_REGION,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    ...input,
  };
  try {
    const r = await run(file, args, { env, encoding: 'utf8', timeout: 60_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: err.stdout ?? '', err: err.stderr ?? '' };
  }
}

function cli(bin: string, args: string[]): Promise<Ran> {
  return exec(bin, ['sqs', ...args, '--endpoint-url', server.url, '--output', 'json']);
}

const BOTO3 = `
import json, sys, boto3, botocore
endpoint = sys.argv[1]
sqs = boto3.client('sqs', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test',
                   config=botocore.config.Config(retries={'max_attempts': 0}))
out = {}
url = sqs.create_queue(QueueName='boto3-q', Attributes={'DelaySeconds': '0'})['QueueUrl']
out['url'] = url
sent = sqs.send_message(QueueUrl=url, MessageBody='from boto3 \\u2713',
                        MessageAttributes={'n': {'DataType': 'Number', 'StringValue': '7'}, 'b': {'DataType': 'Binary', 'BinaryValue': b'\\x00\\x01'}})
out['md5attrs'] = sent['MD5OfMessageAttributes']
batch = sqs.send_message_batch(QueueUrl=url, Entries=[{'Id': 'a', 'MessageBody': 'one'}, {'Id': 'b', 'MessageBody': 'two'}])
out['batch'] = sorted(e['Id'] for e in batch['Successful'])
got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=['All'], AttributeNames=['All'], WaitTimeSeconds=1)
msgs = got.get('Messages', [])
out['bodies'] = sorted(m['Body'] for m in msgs)
first = [m for m in msgs if m['Body'].startswith('from boto3')][0]
out['binary'] = list(first['MessageAttributes']['b']['BinaryValue'])
out['md5recv'] = first['MD5OfMessageAttributes']
for m in msgs:
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m['ReceiptHandle'])
fifo = sqs.create_queue(QueueName='boto3-q.fifo', Attributes={'FifoQueue': 'true', 'ContentBasedDeduplication': 'true'})['QueueUrl']
first_id = sqs.send_message(QueueUrl=fifo, MessageBody='f1', MessageGroupId='g')['MessageId']
sqs.send_message(QueueUrl=fifo, MessageBody='f2', MessageGroupId='g')
out['fifo_dup_same_id'] = sqs.send_message(QueueUrl=fifo, MessageBody='f1', MessageGroupId='g')['MessageId'] == first_id
f = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10, AttributeNames=['All'])['Messages']
out['fifo'] = [m['Body'] for m in f]
out['fifo_group'] = f[0]['Attributes']['MessageGroupId']
out['fifo_seq_growing'] = int(f[0]['Attributes']['SequenceNumber']) < int(f[1]['Attributes']['SequenceNumber'])
try:
    sqs.get_queue_url(QueueName='no-such-queue')
except botocore.exceptions.ClientError as e:
    out['error'] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
    out['modeled'] = isinstance(e, sqs.exceptions.QueueDoesNotExist)
print(json.dumps(out))
`;

before(async () => {
  server = await startServer();
});
after(async () => {
  await server.dispose();
});

describe('sqs with boto3 and the AWS CLIs', () => {
  test('boto3: queues, messages with attributes (digests checked), batches, modeled errors', async () => {
    const r = await exec('python3', ['-c', BOTO3, server.url]);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as Record<string, unknown>;
    assert.equal(out['url'], `${server.url}/${TEST_ACCOUNT}/boto3-q`);
    assert.deepEqual(out['batch'], ['a', 'b']);
    assert.deepEqual(out['bodies'], ['from boto3 ✓', 'one', 'two']);
    assert.deepEqual(out['binary'], [0, 1]);
    assert.equal(out['md5recv'], out['md5attrs']);
    assert.deepEqual(out['error'], ['AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.', 400]);
    assert.equal(out['modeled'], true);
    // FIFO: group order, content-based deduplication (the duplicate gets the first message's id), sequence numbers.
    assert.deepEqual(out['fifo'], ['f1', 'f2']);
    assert.equal(out['fifo_dup_same_id'], true);
    assert.equal(out['fifo_group'], 'g');
    assert.equal(out['fifo_seq_growing'], true);
  });

  for (const [label, bin] of [
    ['AWS CLI v1 (json)', 'aws'],
    ['AWS CLI v2 (query protocol)', '/usr/bin/aws'],
  ] as const) {
    test(`${label}: create, send, receive, attributes, delete; errors`, async () => {
      const name = `cli-${bin.length}`;
      const created = await cli(bin, ['create-queue', '--queue-name', name, '--attributes', 'VisibilityTimeout=40', '--tags', 'team=a']);
      assert.equal(created.code, 0, created.err);
      const url = (JSON.parse(created.out) as { QueueUrl: string }).QueueUrl;
      assert.equal(url, `${server.url}/${TEST_ACCOUNT}/${name}`);
      const sent = await cli(bin, ['send-message', '--queue-url', url, '--message-body', 'hi <&> ✓', '--message-attributes', '{"k":{"DataType":"String","StringValue":"v"}}']);
      assert.equal(sent.code, 0, sent.err);
      const md5 = (JSON.parse(sent.out) as { MD5OfMessageBody: string }).MD5OfMessageBody;
      const got = await cli(bin, ['receive-message', '--queue-url', url, '--attribute-names', 'All', '--message-attribute-names', 'All']);
      assert.equal(got.code, 0, got.err);
      const m = (JSON.parse(got.out) as { Messages: { Body: string; MD5OfBody: string; ReceiptHandle: string; Attributes: Record<string, string>; MessageAttributes: Record<string, { StringValue: string }> }[] }).Messages[0];
      assert.equal(m?.Body, 'hi <&> ✓');
      assert.equal(m?.MD5OfBody, md5);
      assert.equal(m?.Attributes['SenderId'], TEST_ACCOUNT);
      assert.equal(m?.MessageAttributes['k']?.StringValue, 'v');
      const attrs = await cli(bin, ['get-queue-attributes', '--queue-url', url, '--attribute-names', 'All']);
      const a = (JSON.parse(attrs.out) as { Attributes: Record<string, string> }).Attributes;
      assert.equal(a['VisibilityTimeout'], '40');
      assert.equal(a['ApproximateNumberOfMessagesNotVisible'], '1');
      const tags = await cli(bin, ['list-queue-tags', '--queue-url', url]);
      assert.deepEqual((JSON.parse(tags.out) as { Tags: Record<string, string> }).Tags, { team: 'a' });
      const del = await cli(bin, ['delete-message', '--queue-url', url, '--receipt-handle', m?.ReceiptHandle ?? '']);
      assert.equal(del.code, 0, del.err);
      const missing = await cli(bin, ['get-queue-url', '--queue-name', 'nope']);
      assert.notEqual(missing.code, 0);
      assert.match(missing.err, /\(AWS\.SimpleQueueService\.NonExistentQueue\) when calling the GetQueueUrl operation.*The specified queue does not exist\./);
      const dup = await cli(bin, ['send-message-batch', '--queue-url', url, '--entries', 'Id=a,MessageBody=x', 'Id=a,MessageBody=y']);
      assert.match(dup.err, /\(AWS\.SimpleQueueService\.BatchEntryIdsNotDistinct\).*Id a repeated\./);
      const unknown = await cli(bin, ['set-queue-attributes', '--queue-url', url, '--attributes', 'Bogus=1']);
      assert.match(unknown.err, /\(InvalidAttributeName\).*Unknown Attribute Bogus\./);
      const listed = await cli(bin, ['list-queues', '--queue-name-prefix', name]);
      assert.deepEqual((JSON.parse(listed.out) as { QueueUrls: string[] }).QueueUrls, [url]);
      const gone = await cli(bin, ['delete-queue', '--queue-url', url]);
      assert.equal(gone.code, 0, gone.err);

      // FIFO: a group's messages in order with their FIFO attributes; a duplicate within 5 minutes adds nothing.
      const fifo = await cli(bin, ['create-queue', '--queue-name', `${name}.fifo`, '--attributes', 'FifoQueue=true,ContentBasedDeduplication=true']);
      assert.equal(fifo.code, 0, fifo.err);
      const furl = (JSON.parse(fifo.out) as { QueueUrl: string }).QueueUrl;
      for (const body of ['first', 'second', 'first']) {
        const r = await cli(bin, ['send-message', '--queue-url', furl, '--message-body', body, '--message-group-id', 'g1']);
        assert.equal(r.code, 0, r.err);
        assert.match((JSON.parse(r.out) as { SequenceNumber: string }).SequenceNumber, /^\d{20}$/);
      }
      const fgot = await cli(bin, ['receive-message', '--queue-url', furl, '--max-number-of-messages', '10', '--attribute-names', 'All']);
      assert.equal(fgot.code, 0, fgot.err);
      const fm = (JSON.parse(fgot.out) as { Messages: { Body: string; Attributes: Record<string, string> }[] }).Messages;
      assert.deepEqual(fm.map((x) => x.Body), ['first', 'second']);
      assert.equal(fm[0]?.Attributes['MessageGroupId'], 'g1');
      const noGroup = await cli(bin, ['send-message', '--queue-url', furl, '--message-body', 'x']);
      assert.match(noGroup.err, /MessageGroupId/);
    });
  }
});
