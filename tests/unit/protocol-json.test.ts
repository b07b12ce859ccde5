// The awsJson1_0/1_1 codec on the real sqs (json 1.0, query-compatible) and
// logs (json 1.1) models: X-Amz-Target routing, JSON members, validation and
// the error document, with SQS's x-amzn-query-error header.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadModel, Model, type ServiceModel } from '../../src/protocol/model.js';
import { JsonCodec } from '../../src/protocol/json/codec.js';
import type { HttpRequestParts } from '../../src/protocol/codec.js';
import { AwsError, CommonErrors } from '../../src/protocol/errors.js';
import { thrown } from '../helpers/aws-error.js';

const sqs = new JsonCodec(loadModel('sqs'), { queryModel: loadModel('sqs-query') });
const logs = new JsonCodec(
  new Model(JSON.parse(readFileSync(new URL('../fixtures/models/logs/service-2.json', import.meta.url), 'utf8')) as ServiceModel),
);

function post(target: string | undefined, body: string): HttpRequestParts {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target !== undefined) headers['x-amz-target'] = target;
  return { method: 'POST', rawPath: '/', rawQuery: '', headers, body: Buffer.from(body) };
}

describe('routing', () => {
  test('X-Amz-Target {targetPrefix}.{Operation}', () => {
    assert.equal(sqs.route(post('AmazonSQS.SendMessage', '{}'))?.operation.name, 'SendMessage');
    assert.equal(logs.route(post('Logs_20140328.PutLogEvents', '{}'))?.operation.name, 'PutLogEvents');
    // Another service's target, or none: not this codec's request.
    assert.equal(sqs.route(post('Logs_20140328.PutLogEvents', '{}')), undefined);
    assert.equal(sqs.route(post(undefined, '{}')), undefined);
  });

  test("an unknown operation under the service's prefix is UnknownOperationException", () => {
    const e = thrown(() => sqs.route(post('AmazonSQS.Nope', '{}')));
    assert.equal(e.code, 'UnknownOperationException');
    assert.equal(sqs.encodeError(e).status, 400);
  });
});

describe('decoding', () => {
  test('JSON members by shape; validation with AWS wording', () => {
    const r = post('AmazonSQS.SendMessage', '{"QueueUrl":"http://h/1/q","MessageBody":"hi","DelaySeconds":5,"MessageAttributes":{"c":{"DataType":"String","StringValue":"red"}}}');
    const routed = sqs.route(r);
    assert.ok(routed);
    assert.deepEqual(sqs.decode(r, routed.operation), {
      QueueUrl: 'http://h/1/q',
      MessageBody: 'hi',
      DelaySeconds: 5,
      MessageAttributes: { c: { DataType: 'String', StringValue: 'red' } },
    });
    const bad = post('AmazonSQS.SendMessage', '{"QueueUrl":"u"}');
    const e = thrown(() => sqs.decode(bad, sqs.model.operation('SendMessage')));
    assert.equal(e.message, "1 validation error detected: Value null at 'messageBody' failed to satisfy constraint: Member must not be null");
  });

  test('unparsable or mistyped bodies are SerializationException (400)', () => {
    const op = sqs.model.operation('SendMessage');
    assert.equal(thrown(() => sqs.decode(post('AmazonSQS.SendMessage', '{"QueueUrl":'), op)).code, 'SerializationException');
    assert.equal(thrown(() => sqs.decode(post('AmazonSQS.SendMessage', '{"QueueUrl":1,"MessageBody":"x"}'), op)).code, 'SerializationException');
  });

  test('an empty body is an empty input (then validated)', () => {
    const op = logs.model.operation('DescribeLogGroups');
    assert.deepEqual(logs.decode(post('Logs_20140328.DescribeLogGroups', ''), op), {});
  });
});

describe('encoding', () => {
  test('content type per json version; outputs as JSON; no output is {}', () => {
    const out = sqs.encode(sqs.model.operation('SendMessage'), { MessageId: 'm', MD5OfMessageBody: 'x' });
    assert.equal(out.headers['Content-Type'], 'application/x-amz-json-1.0');
    assert.deepEqual(JSON.parse(out.body.toString()), { MessageId: 'm', MD5OfMessageBody: 'x' });
    const del = logs.encode(logs.model.operation('DeleteLogGroup'), undefined);
    assert.equal(del.headers['Content-Type'], 'application/x-amz-json-1.1');
    assert.equal(del.body.toString(), '{}');
  });

  test('errors: __type and message; query-compatible services add x-amzn-query-error', () => {
    const out = sqs.encodeError(new AwsError('QueueDoesNotExist', 'The specified queue does not exist.'));
    assert.equal(out.status, 400);
    assert.deepEqual(JSON.parse(out.body.toString()), { __type: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
    assert.equal(out.headers['x-amzn-query-error'], 'AWS.SimpleQueueService.NonExistentQueue;Sender');
    const v = sqs.encodeError(CommonErrors.validation(['x']));
    assert.equal(v.headers['x-amzn-query-error'], 'ValidationError;Sender');
    const l = logs.encodeError(new AwsError('ResourceNotFoundException', 'The specified log group does not exist.'));
    assert.equal(l.headers['x-amzn-query-error'], undefined);
    assert.deepEqual(JSON.parse(l.body.toString()), { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  });
});
