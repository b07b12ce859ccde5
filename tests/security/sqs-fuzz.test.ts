// SQS's inputs against hostile clients on both protocols (json 1.0 and query): random and malformed bodies,
// attribute maps with hostile names, batches and lists of huge counts. Every answer is a success or a 4xx in the
// protocol's error format, never a 500, never a host path; memory stays bounded.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { loadModel } from '../../src/protocol/model.js';
import { serveSqs, signedPost, SQS_ACCOUNT, type RawAnswer, type SqsGateway } from '../helpers/sqs-gateway.js';

let g: SqsGateway;
let queueUrl: string;
let fifoUrl: string;

const OPERATIONS = loadModel('sqs').operationNames;
const QUERY_OPERATIONS = loadModel('sqs-query').operationNames;

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}
function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

const STRINGS = ['', 'x', ' ', '\u0000', '\uD800', '\uFFFF', '😀', '%', '../../etc/passwd', '/work/secret', 'All', '.*', 'a.*', 'AWS.x', '__proto__', 'constructor',
  'true', '-1', '0', '1', '900', '43201', '1e309', 'NaN', '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:q","maxReceiveCount":1}', '{', 'a'.repeat(300)];
const MEMBERS = ['QueueUrl', 'QueueName', 'Attributes', 'AttributeNames', 'MessageSystemAttributeNames', 'MessageAttributeNames', 'MessageBody', 'DelaySeconds',
  'MessageAttributes', 'MessageSystemAttributes', 'MessageGroupId', 'MessageDeduplicationId', 'Entries', 'Id', 'ReceiptHandle', 'VisibilityTimeout', 'MaxNumberOfMessages',
  'WaitTimeSeconds', 'Tags', 'tags', 'TagKeys', 'Label', 'AWSAccountIds', 'Actions', 'SourceArn', 'DestinationArn', 'TaskHandle', 'MaxResults', 'NextToken',
  'QueueNamePrefix', 'DataType', 'StringValue', 'BinaryValue', '__proto__', 'constructor'];

function randomValue(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 3 || k < 0.35) return pick(r, [...STRINGS, queueUrl, fifoUrl]);
  if (k < 0.45) return Math.floor((r() - 0.3) * 100_000);
  if (k < 0.5) return r() < 0.5;
  if (k < 0.55) return null;
  if (k < 0.75) return Array.from({ length: Math.floor(r() * 12) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 8); i > 0; i--) o[pick(r, [...MEMBERS, ...STRINGS])] = randomValue(r, depth + 1);
  return o;
}

function randomJson(r: () => number): string {
  const doc: Record<string, unknown> = {};
  if (r() < 0.8) doc['QueueUrl'] = pick(r, [queueUrl, fifoUrl, ...STRINGS]);
  for (let i = Math.floor(r() * 8); i > 0; i--) doc[pick(r, MEMBERS)] = randomValue(r, 0);
  const text = JSON.stringify(doc);
  return r() < 0.05 ? text.slice(0, Math.floor(r() * text.length)) : text;
}

/** Percent-encodes; a lone surrogate goes as the invalid UTF-8 bytes a hostile client would send. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

function randomForm(r: () => number, op: string): string {
  const out = [`Action=${op}`, 'Version=2012-11-05'];
  if (r() < 0.8) out.push(`QueueUrl=${enc(pick(r, [queueUrl, fifoUrl, ...STRINGS]))}`);
  const parts = ['Attribute', 'AttributeName', 'MessageAttribute', 'MessageAttributeName', 'SendMessageBatchRequestEntry', 'DeleteMessageBatchRequestEntry',
    'Tag', 'TagKey', 'Name', 'Value', 'Key', 'StringValue', 'BinaryValue', 'DataType', 'Id', 'MessageBody', 'ReceiptHandle', '1', '2', '10', '999999999', '0', ''];
  for (let i = Math.floor(r() * 20); i > 0; i--) {
    const name = Array.from({ length: 1 + Math.floor(r() * 5) }, () => pick(r, [...parts, ...MEMBERS])).join('.');
    out.push(`${enc(name)}=${enc(String(pick(r, STRINGS)))}`);
  }
  return out.join('&');
}

function post(body: string, headers: Record<string, string>): Promise<RawAnswer> {
  return signedPost(g.endpoint, '/', body, headers);
}

function json(op: string, body: string): ReturnType<typeof post> {
  return post(body, { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${op}` });
}
function form(body: string): ReturnType<typeof post> {
  return post(body, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
}

/** What every answer must be: below 500, in the protocol's format, naming no host path. */
function acceptable(res: { status: number; text: string; headers: Record<string, unknown> }, protocol: 'json' | 'query', what: string): void {
  assert.ok(res.status < 500, `${what}: ${res.status} ${res.text.slice(0, 300)}`);
  assert.doesNotMatch(res.text, /\/(work|tmp|home|root|usr)\/[\w.-]+\/|\bat \w+ \(|node:internal/, `${what}: a host path or stack in ${res.text.slice(0, 300)}`);
  if (res.status >= 400) {
    if (protocol === 'json') {
      const doc = JSON.parse(res.text) as { __type?: unknown };
      assert.equal(typeof doc.__type, 'string', res.text);
      assert.match(String(res.headers['x-amzn-query-error'] ?? ''), /^[\w.]+;(Sender|Receiver)$/, `${what}: ${res.text}`);
    } else {
      assert.match(res.text, /^<ErrorResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type><Code>/, res.text);
    }
  }
}

before(async () => {
  g = await serveSqs();
  const sqs = g.client();
  const { CreateQueueCommand } = await import('@aws-sdk/client-sqs');
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'fuzz' }))).QueueUrl as string;
  fifoUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'fuzz.fifo', Attributes: { FifoQueue: 'true' } }))).QueueUrl as string;
  sqs.destroy();
});
after(async () => g.close());

describe('sqs fuzzing', () => {
  test('random json bodies over every operation: never a 500, never a host path', async () => {
    const r = rng(0x5c5);
    for (let i = 0; i < 1500; i++) {
      const op = pick(r, OPERATIONS);
      const body = randomJson(r);
      acceptable(await json(op, body), 'json', `${op} ${body.slice(0, 200)}`);
    }
    assert.deepEqual(g.internalErrors, []);
  });

  test('random query forms over every operation: never a 500, never a host path', async () => {
    const r = rng(0xf0f0);
    for (let i = 0; i < 1000; i++) {
      const body = randomForm(r, pick(r, QUERY_OPERATIONS));
      acceptable(await form(body), 'query', body.slice(0, 200));
    }
    assert.deepEqual(g.internalErrors, []);
  });

  test('huge counts are refused cheaply: batches, attribute maps, name lists, tags', async () => {
    const before = process.memoryUsage().rss;
    const many = (n: number, f: (i: number) => unknown): unknown[] => Array.from({ length: n }, (_, i) => f(i));
    const cases: [string, unknown][] = [
      ['SendMessageBatch', { QueueUrl: queueUrl, Entries: many(50_000, (i) => ({ Id: `m${i}`, MessageBody: 'x' })) }],
      ['DeleteMessageBatch', { QueueUrl: queueUrl, Entries: many(50_000, (i) => ({ Id: `m${i}`, ReceiptHandle: 'h' })) }],
      ['SendMessage', { QueueUrl: queueUrl, MessageBody: 'x', MessageAttributes: Object.fromEntries(many(20_000, (i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]) as [string, unknown][]) }],
      ['GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: many(100_000, () => 'All') }],
      ['ReceiveMessage', { QueueUrl: queueUrl, MessageAttributeNames: many(100_000, (i) => `p${i}.*`), MaxNumberOfMessages: 10 }],
      ['TagQueue', { QueueUrl: queueUrl, Tags: Object.fromEntries(many(20_000, (i) => [`k${i}`, 'v']) as [string, unknown][]) }],
      ['SetQueueAttributes', { QueueUrl: queueUrl, Attributes: Object.fromEntries(many(20_000, (i) => [`A${i}`, 'v']) as [string, unknown][]) }],
      ['CreateQueue', { QueueName: 'big', Attributes: { Policy: JSON.stringify({ Statement: many(5_000, () => ({ Effect: 'Allow' })) }) } }],
    ];
    for (const [op, doc] of cases) {
      const started = Date.now();
      const res = await json(op, JSON.stringify(doc));
      acceptable(res, 'json', op);
      assert.ok(res.status >= 400, `${op} with huge counts was accepted: ${res.text.slice(0, 200)}`);
      assert.ok(Date.now() - started < 5_000, `${op} took ${Date.now() - started} ms`);
    }
    // A body over the service's limit is refused with SQS's format, unread.
    const huge = await json('SendMessage', JSON.stringify({ QueueUrl: queueUrl, MessageBody: 'x'.repeat(5 * 1048576) }));
    assert.equal(huge.status, 413);
    assert.ok(process.memoryUsage().rss - before < 512 * 1048576, 'memory stayed bounded');
    assert.deepEqual(g.internalErrors, []);
  });

  test('queue URLs naming other accounts, paths, hosts and encodings find nothing', async () => {
    for (const url of [`http://evil/${SQS_ACCOUNT}/fuzz/../fuzz`, `${g.endpoint}/${SQS_ACCOUNT}/fu%7Az`, `${g.endpoint}/999999999999/fuzz`, `file:///${SQS_ACCOUNT}/fuzz`]) {
      const res = await json('SendMessage', JSON.stringify({ QueueUrl: url, MessageBody: 'x' }));
      acceptable(res, 'json', url);
      assert.equal(res.status, 400, `${url}: ${res.text}`);
    }
  });
});
