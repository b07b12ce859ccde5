// The query protocol's decoder against hostile forms: random and malformed
// parameters, deep dotted names, huge and sparse member indexes, duplicates,
// prototype names. Every outcome is an input or an AwsError a client can read
// (never a crash, never a 500), in time and memory linear in the form's size.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import { AwsError } from '../../src/protocol/errors.js';
import { loadModel } from '../../src/protocol/model.js';
import { QueryCodec } from '../../src/protocol/query/codec.js';
import type { HttpRequestParts } from '../../src/protocol/codec.js';
import type { ServiceDefinition } from '../../src/services/types.js';
import { ALLOW_ALL, rootKeyIdentities, serveGateway, type ServedGateway } from '../helpers/gateway.js';

const iam = new QueryCodec(loadModel('iam'));
const sqs = new QueryCodec(loadModel('sqs-query'));

/** A deterministic generator, so a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

const PARTS = ['Tags', 'member', 'entry', 'key', 'value', 'Key', 'Value', 'Name', 'RoleName', 'MessageAttribute', 'Attribute',
  'AttributeName', 'PolicyDocument', 'MaxItems', 'SetAsDefault', '1', '2', '0', '01', '-1', '999999999', '1e3', '4294967297',
  '', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '%', '%zz', '%E0%A4', '\u0000', 'é', '+', '=', '&&'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function randomForm(r: () => number, codec: QueryCodec): string {
  const ops = codec.model.operationNames;
  const out: string[] = [];
  if (r() < 0.9) out.push(`Action=${pick(r, ops)}`);
  if (r() < 0.9) out.push(`Version=${codec.model.raw.metadata.apiVersion}`);
  const n = Math.floor(r() * 30);
  for (let i = 0; i < n; i++) {
    const depth = 1 + Math.floor(r() * 7);
    const name: string[] = [];
    for (let d = 0; d < depth; d++) name.push(pick(r, PARTS));
    const value = pick(r, ['', 'x', '1', 'true', 'false', 'TRUE', '1.5', 'NaN', '-0', '2026-12-07T00:00:00Z', '%', '%00', 'a'.repeat(200), '{"a":1}']);
    out.push(`${r() < 0.5 ? name.join('.') : encodeURIComponent(name.join('.'))}=${value}`);
  }
  return out.join(r() < 0.1 ? '&&' : '&');
}

function form(body: string, rawQuery = ''): HttpRequestParts {
  return { method: 'POST', rawPath: '/', rawQuery, headers: {}, body: Buffer.from(body) };
}

/** Route and decode; an AwsError is a fine answer (encoded without trouble), anything else fails the test. */
function attempt(codec: QueryCodec, body: string): Record<string, unknown> | AwsError {
  try {
    const r = form(body);
    const routed = codec.route(r);
    return codec.decode(r, routed.operation, routed.labels);
  } catch (e) {
    if (!(e instanceof AwsError)) throw new Error(`non-AWS error for body ${JSON.stringify(body.slice(0, 300))}: ${String(e)}`);
    const enc = codec.encodeError(e, 'rid');
    assert.ok(enc.status >= 400 && enc.status < 500, `${e.code} → ${enc.status}`);
    return e;
  }
}

describe('query decoder fuzzing', () => {
  test('random and malformed forms over every iam and sqs-query operation: inputs or 4xx AwsErrors only', () => {
    const r = rng(0x5eed);
    for (let i = 0; i < 4000; i++) {
      attempt(iam, randomForm(r, iam));
      attempt(sqs, randomForm(r, sqs));
    }
  });

  test('prototype names neither pollute nor crash', () => {
    const out = attempt(
      sqs,
      'Action=CreateQueue&Version=2012-11-05&QueueName=q&Attribute.1.Name=__proto__&Attribute.1.Value=x&Tag.1.Key=constructor&Tag.1.Value=y&__proto__.polluted=1',
    );
    assert.ok(!(out instanceof AwsError) || out.code === 'ValidationException');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  test('huge and sparse indexes make short lists; indexes past 9 digits or with leading zeros are ignored', () => {
    const out = attempt(
      iam,
      'Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=x' +
        '&Tags.member.999999999.Key=z&Tags.member.999999999.Value=9&Tags.member.3.Key=a&Tags.member.3.Value=3' +
        '&Tags.member.99999999999999999999.Key=big&Tags.member.01.Key=lead&Tags.member.0.Key=zero',
    );
    assert.ok(!(out instanceof AwsError), String(out));
    assert.deepEqual(out['Tags'], [
      { Key: 'a', Value: '3' },
      { Key: 'z', Value: '9' },
    ]);
  });

  test('duplicate names: the first wins, also for Action', () => {
    const out = attempt(iam, 'Action=GetRole&Action=DeleteRole&Version=2010-05-08&RoleName=a&RoleName=b');
    assert.ok(!(out instanceof AwsError));
    assert.deepEqual(out, { RoleName: 'a' });
  });

  test('deep dotted names and a million-part name cost linear time', () => {
    const deep = `Action=GetRole&Version=2010-05-08&RoleName=r&${'a.'.repeat(500_000)}b=1&Tags.${'member.1.'.repeat(100_000)}Key=x`;
    const t0 = performance.now();
    const out = attempt(iam, deep);
    assert.ok(!(out instanceof AwsError));
    assert.deepEqual(out, { RoleName: 'r' });
    assert.ok(performance.now() - t0 < 5000, `took ${performance.now() - t0} ms`);
  });

  test('100,000 list items in a 1.6 MB form: a validation error, bounded memory', () => {
    const items: string[] = [];
    for (let i = 1; i <= 100_000; i++) items.push(`ActionNames.member.${i}=s3%3AX`);
    const body = `Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn&${items.join('&')}`;
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const out = attempt(iam, body);
    const took = performance.now() - t0;
    const grown = process.memoryUsage().heapUsed - before;
    // ActionNames has no max in the model, so it decodes: 100,000 strings.
    assert.ok(!(out instanceof AwsError) || out.code === 'ValidationException', String(out));
    assert.ok(took < 5000, `took ${took} ms`);
    assert.ok(grown < 256 * 1024 * 1024, `heap grew by ${grown} bytes`);
  });

  test('a list over its max is a validation error naming the limit', () => {
    const tags: string[] = [];
    for (let i = 1; i <= 51; i++) tags.push(`Tags.member.${i}.Key=k${i}&Tags.member.${i}.Value=v`);
    const out = attempt(iam, `Action=TagRole&Version=2010-05-08&RoleName=r&${tags.join('&')}`);
    assert.ok(out instanceof AwsError);
    assert.match(out.message, /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50/);
  });
});

describe('query requests through the gateway', () => {
  let served: ServedGateway;
  let endpoint = '';
  const service: ServiceDefinition = {
    signingName: 'iam',
    displayName: 'IAM',
    codec: iam,
    handlers: new Proxy({}, { get: () => async () => ({}) }),
    bodyLimit: () => ({ bytes: 256 * 1024, error: () => new AwsError('RequestEntityTooLarge', 'Request is too large', { status: 413 }) }),
    ownsPath: () => false,
    accessDenied: (m) => new AwsError('AccessDenied', m, { status: 403 }),
  };

  before(async () => {
    served = await serveGateway({
      services: [service],
      identities: rootKeyIdentities([{ accessKeyId: 'AKID', secretAccessKey: 's', accountId: '111122223333' }]),
      authorizer: ALLOW_ALL,
      logger: { warn: () => {}, error: (m, e) => assert.fail(`gateway logged an internal error: ${m} ${String(e)}`) },
    });
    endpoint = served.endpoint;
  });
  after(async () => served.close());

  /** Signs like boto3 and the CLI (no x-amz-content-sha256: the body is read before verification). */
  async function post(body: string): Promise<{ status: number; text: string }> {
    const u = new URL(endpoint);
    const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', sha256: Sha256, applyChecksum: false, credentials: { accessKeyId: 'AKID', secretAccessKey: 's' } });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: u.hostname,
      port: Number(u.port),
      path: '/',
      query: {},
      headers: { host: u.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    return new Promise((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, method: 'POST', path: '/', headers: signed.headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  test('random signed forms: every answer is 2xx or a 4xx ErrorResponse, never a 500', async () => {
    const r = rng(42);
    for (let i = 0; i < 150; i++) {
      const res = await post(randomForm(r, iam));
      assert.ok(res.status < 500, `${res.status} ${res.text}`);
      if (res.status >= 400) assert.match(res.text, /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>/);
      else assert.match(res.text, /^<\w+Response xmlns=/);
    }
  });

  test('a form over the body limit gets the service error, unread', async () => {
    const res = await post(`Action=GetRole&Version=2010-05-08&RoleName=${'x'.repeat(300 * 1024)}`);
    assert.equal(res.status, 413);
    assert.match(res.text, /<Code>RequestEntityTooLarge<\/Code>/);
  });
});
