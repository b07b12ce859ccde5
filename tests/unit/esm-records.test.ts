// The SQS event Lambda hands a function (event-source-mappings/records.ts), against the shape of recorded AWS
// events (shared/parity test_lambda_integration_sqs: test_message_body_and_attributes_passed_correctly, FIFO).
import { test } from 'node:test';
import { strict as assert } from 'node:assert';

import { eventPayload, toRecord } from '../../src/services/lambda/event-source-mappings/records.js';

const ARN = 'arn:aws:sqs:eu-west-1:111111111111:orders';

test('a standard message becomes a record with AWS\'s keys, in AWS\'s order', () => {
  const r = toRecord(
    {
      MessageId: 'id-1',
      ReceiptHandle: 'rh-1',
      MD5OfBody: 'md5-body',
      Body: '{"a":1}',
      Attributes: { SentTimestamp: '10', ApproximateFirstReceiveTimestamp: '12', SenderId: 'AIDAEXAMPLE', ApproximateReceiveCount: '1' },
    },
    ARN,
    'eu-west-1',
  );
  assert.deepEqual(Object.keys(r), [
    'messageId',
    'receiptHandle',
    'body',
    'attributes',
    'messageAttributes',
    'md5OfMessageAttributes',
    'md5OfBody',
    'eventSource',
    'eventSourceARN',
    'awsRegion',
  ]);
  assert.equal(r.body, '{"a":1}', 'the body stays the string that was sent');
  assert.deepEqual(Object.keys(r.attributes), ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp']);
  assert.deepEqual(r.messageAttributes, {});
  assert.equal(r.md5OfMessageAttributes, null);
  assert.equal(r.eventSource, 'aws:sqs');
  assert.equal(r.eventSourceARN, ARN);
  assert.equal(r.awsRegion, 'eu-west-1');
});

test('message attributes use lower-case keys, empty list values, binary values in base64', () => {
  const r = toRecord(
    {
      MessageId: 'id',
      ReceiptHandle: 'rh',
      MD5OfBody: 'm',
      Body: 'b',
      MD5OfMessageAttributes: 'd25a6aea97eb8f585bfa92d314504a92',
      MessageAttributes: {
        WeeksOn: { StringValue: '6', DataType: 'Number' },
        Author: { StringValue: 'John Grisham', DataType: 'String' },
        Cover: { BinaryValue: Buffer.from([1, 2, 3]), DataType: 'Binary' },
      },
    },
    ARN,
    'eu-west-1',
  );
  assert.deepEqual(r.messageAttributes, {
    WeeksOn: { stringValue: '6', stringListValues: [], binaryListValues: [], dataType: 'Number' },
    Author: { stringValue: 'John Grisham', stringListValues: [], binaryListValues: [], dataType: 'String' },
    Cover: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
  });
  assert.deepEqual(Object.keys(r.messageAttributes['WeeksOn'] ?? {}), ['stringValue', 'stringListValues', 'binaryListValues', 'dataType']);
  assert.equal(r.md5OfMessageAttributes, 'd25a6aea97eb8f585bfa92d314504a92');
});

test('FIFO records add the sequence number, group and deduplication ids in AWS\'s order', () => {
  const r = toRecord(
    {
      MessageId: 'id',
      ReceiptHandle: 'rh',
      MD5OfBody: 'm',
      Body: 'b',
      Attributes: {
        MessageDeduplicationId: 'dedup',
        MessageGroupId: 'g1',
        SequenceNumber: '18849496460467696128',
        ApproximateReceiveCount: '1',
        SentTimestamp: '1',
        SenderId: 'S',
        ApproximateFirstReceiveTimestamp: '2',
      },
    },
    `${ARN}.fifo`,
    'eu-west-1',
  );
  assert.deepEqual(Object.keys(r.attributes), [
    'ApproximateReceiveCount',
    'SentTimestamp',
    'SequenceNumber',
    'MessageGroupId',
    'SenderId',
    'MessageDeduplicationId',
    'ApproximateFirstReceiveTimestamp',
  ]);
});

test('the invocation payload is {"Records": [...]}', () => {
  const r = toRecord({ MessageId: 'i', ReceiptHandle: 'h', MD5OfBody: 'm', Body: 'x' }, ARN, 'eu-west-1');
  const doc = JSON.parse(eventPayload([r]).toString()) as { Records: unknown[] };
  assert.deepEqual(Object.keys(doc), ['Records']);
  assert.equal(doc.Records.length, 1);
});
