// The Runtime API endpoint, driven with raw node:http requests (and one raw
// socket for pipelining), checked against RIE's conventions.
import { afterEach, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';

import { RuntimeApiEndpoint } from '../../src/runtime-api/index.js';
import type { InvocationOutcome, RuntimeApiEvents, RuntimeInvocation } from '../../src/runtime-api/index.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:f1';
const NEXT = '/2018-06-01/runtime/invocation/next';
const inv = (id: string) => `/2018-06-01/runtime/invocation/${id}`;
const INVALID_ID = '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Req {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Chunks written one by one (chunked encoding). */
  chunks?: (string | Buffer)[];
  trailers?: Record<string, string>;
}

let ep: RuntimeApiEndpoint | null = null;

async function open(events: RuntimeApiEvents = {}, opts: { maxResponseBytes?: number } = {}): Promise<RuntimeApiEndpoint> {
  ep = await RuntimeApiEndpoint.listen(events, opts);
  return ep;
}

afterEach(async () => {
  if (ep) await ep.close();
  ep = null;
});

function request(e: RuntimeApiEndpoint, path: string, r: Req = {}): Promise<Reply> {
  const [host, port] = e.address.split(':') as [string, string];
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port: Number(port), path, method: r.method ?? (r.body !== undefined || r.chunks ? 'POST' : 'GET'), headers: r.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (r.chunks) {
      for (const c of r.chunks) req.write(c);
      if (r.trailers) req.addTrailers(r.trailers);
      req.end();
    } else {
      req.end(r.body);
    }
  });
}

const post = (e: RuntimeApiEndpoint, path: string, body: string | Buffer, headers: Record<string, string | number> = {}): Promise<Reply> =>
  request(e, path, { method: 'POST', body, headers });

function invocation(id: string, extra: Partial<RuntimeInvocation> = {}): RuntimeInvocation {
  return { requestId: id, payload: Buffer.from('{"hello":"world"}'), deadlineMs: 1795327201403, invokedFunctionArn: ARN, ...extra };
}

/** Runs one invocation through /next: returns the /next reply and the pending outcome. */
async function deliver(e: RuntimeApiEndpoint, i: RuntimeInvocation): Promise<{ next: Reply; outcome: Promise<InvocationOutcome> }> {
  const next = request(e, NEXT);
  const outcome = e.dispatch(i);
  return { next: await next, outcome };
}

const text = (o: InvocationOutcome): string => o.payload.toString('utf8');

describe('Runtime API: /next and /response', () => {
  test('GET /ping answers pong', async () => {
    const e = await open();
    const r = await request(e, '/2018-06-01/ping');
    assert.equal(r.status, 200);
    assert.equal(r.body, 'pong');
    assert.match(e.address, /^127\.0\.0\.1:\d+$/);
  });

  test('/next long-polls, carries every invocation header, response resolves the dispatch', async () => {
    let ready = 0;
    const e = await open({ ready: () => (ready += 1) });
    const next = request(e, NEXT);
    await new Promise((r) => setTimeout(r, 30)); // the runtime is waiting
    assert.equal(ready, 1);
    const outcome = e.dispatch(
      invocation('8476a536-e9f4-11e8-9739-2dfe598c3fcd', {
        traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1',
        clientContext: '{"custom":{"a":1},"env":{},"client":{}}',
        cognitoIdentity: '{"cognitoIdentityId":"id1","cognitoIdentityPoolId":"pool1"}',
        tenantId: 'tenant-7',
        contentType: 'application/octet-stream',
        payload: Buffer.from([0, 1, 2, 255]),
      }),
    );
    const n = await next;
    assert.equal(n.status, 200);
    assert.equal(n.headers['lambda-runtime-aws-request-id'], '8476a536-e9f4-11e8-9739-2dfe598c3fcd');
    assert.equal(n.headers['lambda-runtime-deadline-ms'], '1795327201403');
    assert.equal(n.headers['lambda-runtime-invoked-function-arn'], ARN);
    assert.equal(n.headers['lambda-runtime-trace-id'], 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1');
    assert.equal(n.headers['lambda-runtime-client-context'], '{"custom":{"a":1},"env":{},"client":{}}');
    assert.equal(n.headers['lambda-runtime-cognito-identity'], '{"cognitoIdentityId":"id1","cognitoIdentityPoolId":"pool1"}');
    assert.equal(n.headers['lambda-runtime-aws-tenant-id'], 'tenant-7');
    assert.equal(n.headers['content-type'], 'application/octet-stream');
    assert.deepEqual(Buffer.from(n.body, 'utf8').length > 0, true);

    const r = await post(e, inv('8476a536-e9f4-11e8-9739-2dfe598c3fcd') + '/response', '{"ok":true}', { 'Content-Type': 'application/json' });
    assert.equal(r.status, 202);
    assert.equal(r.body, '{"status":"OK"}');
    assert.equal(r.headers['content-type'], 'application/json');
    const o = await outcome;
    assert.equal(o.kind, 'response');
    assert.equal(text(o), '{"ok":true}');
    assert.equal(o.kind === 'response' && o.contentType, 'application/json');
    assert.equal(ready, 1, 'ready fires on the first /next only');
  });

  test('optional Lambda-Runtime-* headers are sent only when non-empty; Content-Type defaults to JSON', async () => {
    const e = await open();
    const { next, outcome } = await deliver(e, invocation('r1', { traceId: '', clientContext: '', cognitoIdentity: '', tenantId: '', invokedFunctionArn: '' }));
    const lambdaHeaders = Object.keys(next.headers).filter((h) => h.startsWith('lambda-runtime-')).sort();
    assert.deepEqual(lambdaHeaders, ['lambda-runtime-aws-request-id', 'lambda-runtime-deadline-ms']);
    assert.equal(next.headers['content-type'], 'application/json');
    assert.equal(next.body, '{"hello":"world"}');
    await post(e, inv('r1') + '/response', 'null');
    assert.equal(text(await outcome), 'null');
  });

  test('a dispatch made before the runtime asks is served on its next /next', async () => {
    const e = await open();
    const outcome = e.dispatch(invocation('early'));
    const n = await request(e, NEXT);
    assert.equal(n.headers['lambda-runtime-aws-request-id'], 'early');
    await post(e, inv('early') + '/response', '"x"', { 'Content-Type': 'text/plain' });
    const o = await outcome;
    assert.equal(o.kind === 'response' && o.contentType, 'text/plain');
  });

  test('client context with non-ASCII text arrives as UTF-8 bytes', async () => {
    const e = await open();
    const { next, outcome } = await deliver(e, invocation('utf', { clientContext: '{"custom":{"name":"Zoë ☃"}}' }));
    const raw = Buffer.from(next.headers['lambda-runtime-client-context'] as string, 'latin1').toString('utf8');
    assert.equal(raw, '{"custom":{"name":"Zoë ☃"}}');
    await post(e, inv('utf') + '/response', '1');
    await outcome;
  });

  test('/next asked again without a result serves the same invocation (as RIE)', async () => {
    const e = await open();
    const { next, outcome } = await deliver(e, invocation('again'));
    assert.equal(next.headers['lambda-runtime-aws-request-id'], 'again');
    const second = await request(e, NEXT);
    assert.equal(second.status, 200);
    assert.equal(second.headers['lambda-runtime-aws-request-id'], 'again');
    await post(e, inv('again') + '/response', '2');
    assert.equal(text(await outcome), '2');
  });

  test('one invocation at a time: a second dispatch while one is in flight is refused', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('busy'));
    await assert.rejects(e.dispatch(invocation('other')), /busy/);
    await post(e, inv('busy') + '/response', '1');
    await outcome;
  });

  test('a /next pipelined behind the result on one connection is served after it', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('p1'));
    const [host, port] = e.address.split(':') as [string, string];
    const sock = net.connect({ host, port: Number(port) });
    let got = '';
    sock.on('data', (d: Buffer) => (got += d.toString('latin1')));
    sock.write(
      `POST ${inv('p1')}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n"p1"` + `GET ${NEXT} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    assert.equal(text(await outcome), '"p1"');
    const o2 = e.dispatch(invocation('p2', { payload: Buffer.from('{"n":2}') }));
    await waitFor(() => got.includes('{"n":2}'));
    assert.match(got, /^HTTP\/1\.1 202 Accepted\r\n[\s\S]*\{"status":"OK"\}HTTP\/1\.1 200 OK\r\n[\s\S]*Lambda-Runtime-Aws-Request-Id: p2\r\n/);
    e.abort(new Error('done'));
    await assert.rejects(o2, /done/);
    sock.destroy();
  });
});

describe('Runtime API: /error and error types', () => {
  test('handler error without a type header takes errorType from the body; payload is the posted body', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('e1'));
    const body = '{"errorType":"MyError","errorMessage":"boom","trace":["MyError: boom","    at exports.handler (/var/task/index.js:3:31)"]}';
    const r = await post(e, inv('e1') + '/error', body, { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-XRay-Error-Cause': '{"exceptions":[]}' });
    assert.equal(r.status, 202);
    assert.equal(r.body, '{"status":"OK"}');
    const o = await outcome;
    assert.equal(o.kind, 'error');
    assert.equal(o.kind === 'error' && o.errorType, 'MyError');
    assert.equal(text(o), body);
  });

  for (const [header, expected] of [
    ['Function.CustomThing', 'Function.CustomThing'],
    ['Runtime.ImportModuleError', 'Runtime.ImportModuleError'],
    ['Error', 'Runtime.Unknown'],
    ['Function.lowercase', 'Function.Unknown'],
    ['Runtime.Bad1', 'Runtime.Unknown'],
    ['xRuntime.Foo', 'Runtime.Unknown'],
  ] as const) {
    test(`Lambda-Runtime-Function-Error-Type ${header} → ${expected}`, async () => {
      const e = await open();
      const { outcome } = await deliver(e, invocation('t'));
      await post(e, inv('t') + '/error', '{"errorType":"FromBody","errorMessage":"m"}', { 'Lambda-Runtime-Function-Error-Type': header });
      const o = await outcome;
      assert.equal(o.kind === 'error' && o.errorType, expected);
    });
  }

  test('error body that is not JSON and has no header → Runtime.Unknown, payload kept', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('nj'));
    await post(e, inv('nj') + '/error', 'plain text failure');
    const o = await outcome;
    assert.equal(o.kind === 'error' && o.errorType, 'Runtime.Unknown');
    assert.equal(text(o), 'plain text failure');
  });

  test('application/vnd.aws.lambda.error.cause+json drops errorCause from the payload', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('cause'));
    await post(
      e,
      inv('cause') + '/error',
      '{"errorMessage":"m","errorType":"Function.Oops","stackTrace":["a"],"errorCause":{"paths":["x"]}}',
      { 'Content-Type': 'application/vnd.aws.lambda.error.cause+json' },
    );
    const o = await outcome;
    assert.deepEqual(JSON.parse(text(o)), { errorMessage: 'm', errorType: 'Function.Oops', stackTrace: ['a'] });
  });
});

describe('Runtime API: request ids and state transitions', () => {
  test('unknown request id → 400 InvalidRequestID', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('real'));
    for (const what of ['/response', '/error']) {
      const r = await post(e, inv('nope') + what, '{}');
      assert.equal(r.status, 400);
      assert.equal(r.body, INVALID_ID);
      assert.equal(r.headers['content-type'], 'application/json');
    }
    // Posting before any invocation was delivered, too.
    const e2 = await RuntimeApiEndpoint.listen();
    assert.equal((await post(e2, inv('x') + '/response', '1')).status, 400);
    await e2.close();
    await post(e, inv('real') + '/response', '1');
    await outcome;
  });

  test('a second response for the same id → 403 InvalidStateTransition (RIE message)', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('twice'));
    assert.equal((await post(e, inv('twice') + '/response', '1')).status, 202);
    const r = await post(e, inv('twice') + '/response', '2');
    assert.equal(r.status, 403);
    assert.deepEqual(JSON.parse(r.body), {
      errorMessage: 'State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not allowed',
      errorType: 'InvalidStateTransition',
    });
    const r2 = await post(e, inv('twice') + '/error', '{}');
    assert.equal(r2.status, 403);
    assert.match(JSON.parse(r2.body).errorMessage, /from RuntimeResponseSentState to InvocationErrorResponse failed/);
    assert.equal(text(await outcome), '1');
  });

  test('once the runtime asks for more work, the finished id is unknown (400)', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('old'));
    await post(e, inv('old') + '/response', '1');
    await outcome;
    const next = request(e, NEXT);
    await new Promise((r) => setTimeout(r, 20));
    const r = await post(e, inv('old') + '/response', '1');
    assert.equal(r.status, 400);
    assert.equal(r.body, INVALID_ID);
    const o = e.dispatch(invocation('new'));
    assert.equal((await next).headers['lambda-runtime-aws-request-id'], 'new');
    await post(e, inv('new') + '/response', '3');
    assert.equal(text(await o), '3');
  });

  test('/init/error before /next → 202 and initError(normalized type, body); later dispatches get the init failure', async () => {
    const seen: [string, string][] = [];
    const e = await open({ initError: (t, b) => seen.push([t, b.toString()]) });
    const body = '{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'index\'","trace":[]}';
    const r = await post(e, '/2018-06-01/runtime/init/error', body, { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' });
    assert.equal(r.status, 202);
    assert.equal(r.body, '{"status":"OK"}');
    assert.deepEqual(seen, [['Runtime.ImportModuleError', body]]);
    const o = await e.dispatch(invocation('after-init'));
    assert.equal(o.kind === 'error' && o.errorType, 'Runtime.ImportModuleError');
    assert.equal(text(o), body);
    const n = await request(e, NEXT);
    assert.equal(n.status, 403);
    assert.match(JSON.parse(n.body).errorMessage, /^State transition from InitError to Ready failed for runtime/);
  });

  test('/init/error with a raw error name (aws-lambda-ric sends "Error") → Runtime.Unknown', async () => {
    const seen: string[] = [];
    const e = await open({ initError: (t) => seen.push(t) });
    const pending = e.dispatch(invocation('waiting'));
    await post(e, '/2018-06-01/runtime/init/error', '{"errorType":"Error","errorMessage":"init failed","trace":[]}', { 'Lambda-Runtime-Function-Error-Type': 'Error' });
    assert.deepEqual(seen, ['Runtime.Unknown']);
    const o = await pending; // a dispatch waiting for the runtime gets the init failure
    assert.equal(o.kind === 'error' && o.errorType, 'Runtime.Unknown');
    assert.equal(JSON.parse(text(o)).errorMessage, 'init failed');
  });

  test('/init/error after /next → 403 InvalidStateTransition', async () => {
    let initErrors = 0;
    const e = await open({ initError: () => (initErrors += 1) });
    const next = request(e, NEXT);
    await new Promise((r) => setTimeout(r, 20));
    const r = await post(e, '/2018-06-01/runtime/init/error', '{}', { 'Lambda-Runtime-Function-Error-Type': 'Runtime.X' });
    assert.equal(r.status, 403);
    assert.deepEqual(JSON.parse(r.body), {
      errorMessage: 'State transition from Ready to InitError failed for runtime. Error: State transition is not allowed',
      errorType: 'InvalidStateTransition',
    });
    assert.equal(initErrors, 0);
    const o = e.dispatch(invocation('still-works'));
    await next;
    await post(e, inv('still-works') + '/response', '1');
    await o;
  });
});

describe('Runtime API: payload limits and streaming', () => {
  test('response over maxResponseBytes → 413 and a Function.ResponseSizeTooLarge outcome', async () => {
    const e = await open({}, { maxResponseBytes: 1000 });
    const { outcome } = await deliver(e, invocation('big'));
    const r = await post(e, inv('big') + '/response', Buffer.alloc(1001, 0x61));
    assert.equal(r.status, 413);
    assert.deepEqual(JSON.parse(r.body), { errorMessage: 'Exceeded maximum allowed payload size (1000 bytes).', errorType: 'RequestEntityTooLarge' });
    const o = await outcome;
    assert.equal(o.kind === 'error' && o.errorType, 'Function.ResponseSizeTooLarge');
    assert.deepEqual(JSON.parse(text(o)), {
      errorMessage: 'Response payload size exceeded maximum allowed payload size (1000 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
    // The environment stays usable: the runtime can take the next invocation.
    const { outcome: o2 } = await deliver(e, invocation('small'));
    await post(e, inv('small') + '/response', Buffer.alloc(1000, 0x62));
    assert.equal((await o2).payload.length, 1000);
  });

  test('default limit is 6291556 bytes (6 MiB + 100 B, as RIE); exactly the limit is accepted', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('max'));
    assert.equal((await post(e, inv('max') + '/response', Buffer.alloc(6291556, 0x30))).status, 202);
    assert.equal((await outcome).payload.length, 6291556);
    const { outcome: o2 } = await deliver(e, invocation('over'));
    const r = await post(e, inv('over') + '/response', Buffer.alloc(6291557, 0x30));
    assert.equal(r.status, 413);
    assert.equal(JSON.parse(r.body).errorMessage, 'Exceeded maximum allowed payload size (6291556 bytes).');
    const o = await o2;
    assert.equal(
      text(o),
      '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}',
    );
  });

  test('chunked body (no Content-Length) over the limit is cut off as it streams', async () => {
    const e = await open({}, { maxResponseBytes: 100 });
    const { outcome } = await deliver(e, invocation('chunky'));
    const r = await request(e, inv('chunky') + '/response', { method: 'POST', chunks: ['x'.repeat(60), 'y'.repeat(60)] });
    assert.equal(r.status, 413);
    const o = await outcome;
    assert.equal(o.kind === 'error' && o.errorType, 'Function.ResponseSizeTooLarge');
  });

  test('streaming response is collected into one payload with its content type', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('s1'));
    const r = await request(e, inv('s1') + '/response', {
      method: 'POST',
      headers: {
        'Lambda-Runtime-Function-Response-Mode': 'streaming',
        'Transfer-Encoding': 'chunked',
        Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
        'Content-Type': 'text/plain',
      },
      chunks: ['chunk1 ', 'chunk2'],
    });
    assert.equal(r.status, 202);
    const o = await outcome;
    assert.equal(o.kind, 'response');
    assert.equal(text(o), 'chunk1 chunk2');
    assert.equal(o.kind === 'response' && o.contentType, 'text/plain');
  });

  test('streaming response with an error in the trailers → error outcome with the decoded error body', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('s2'));
    const errBody = '{"errorType":"Error","errorMessage":"mid-stream failure","trace":["Error: mid-stream failure"]}';
    const r = await request(e, inv('s2') + '/response', {
      method: 'POST',
      headers: {
        'Lambda-Runtime-Function-Response-Mode': 'streaming',
        'Transfer-Encoding': 'chunked',
        Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
        'Content-Type': 'text/plain',
      },
      chunks: ['chunk1 '],
      trailers: { 'Lambda-Runtime-Function-Error-Type': 'Error', 'Lambda-Runtime-Function-Error-Body': Buffer.from(errBody).toString('base64') },
    });
    assert.equal(r.status, 202);
    const o = await outcome;
    assert.equal(o.kind, 'error');
    assert.equal(o.kind === 'error' && o.errorType, 'Runtime.Unknown'); // "Error" is not a Runtime./Function. type (RIE)
    assert.equal(text(o), errBody);

    // A well-formed Function.* type in the trailer is kept.
    const { outcome: o2 } = await deliver(e, invocation('s3'));
    await request(e, inv('s3') + '/response', {
      method: 'POST',
      headers: { 'Lambda-Runtime-Function-Response-Mode': 'streaming', 'Transfer-Encoding': 'chunked', Trailer: 'Lambda-Runtime-Function-Error-Type' },
      chunks: ['x'],
      trailers: { 'Lambda-Runtime-Function-Error-Type': 'Function.StreamBroke' },
    });
    const e2 = await o2;
    assert.equal(e2.kind === 'error' && e2.errorType, 'Function.StreamBroke');
    assert.equal(JSON.parse(text(e2)).errorType, 'Function.StreamBroke');
  });

  test('unknown response mode → 400 InvalidFunctionResponseMode and a Runtime.InvalidResponseModeHeader outcome', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('mode'));
    const r = await post(e, inv('mode') + '/response', 'x', { 'Lambda-Runtime-Function-Response-Mode': 'buffered-please' });
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body), { errorMessage: 'Invalid function response mode', errorType: 'InvalidFunctionResponseMode' });
    const o = await outcome;
    assert.equal(o.kind === 'error' && o.errorType, 'Runtime.InvalidResponseModeHeader');
  });

  test('a runtime that drops the connection mid-body → Runtime.TruncatedResponse', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('cut'));
    const [host, port] = e.address.split(':') as [string, string];
    const sock = net.connect({ host, port: Number(port) });
    sock.write(`POST ${inv('cut')}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly some`);
    await new Promise((r) => setTimeout(r, 30));
    sock.destroy();
    const o = await outcome;
    assert.equal(o.kind === 'error' && o.errorType, 'Runtime.TruncatedResponse');
  });
});

describe('Runtime API: routing and abort', () => {
  test('unknown path → 404 text; wrong method → 405 JSON', async () => {
    const e = await open();
    for (const p of ['/', '/2018-06-01/runtime/invocation/next/', '/2018-06-01/runtime/invocation/id/other', '/2020-01-01/extension/register', '/2018-06-01/runtime/invocation//response']) {
      const r = await request(e, p);
      assert.equal(r.status, 404, p);
      assert.equal(r.body, '404 page not found\n');
    }
    for (const [method, p] of [
      ['POST', NEXT],
      ['GET', inv('x') + '/response'],
      ['PUT', inv('x') + '/error'],
      ['GET', '/2018-06-01/runtime/init/error'],
      ['DELETE', '/2018-06-01/ping'],
    ] as const) {
      const r = await request(e, p, { method });
      assert.equal(r.status, 405, `${method} ${p}`);
      assert.deepEqual(JSON.parse(r.body), { errorMessage: 'Method Not Allowed', errorType: 'MethodNotAllowed' });
    }
  });

  test('a query string does not change the route', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('q'));
    assert.equal((await post(e, inv('q') + '/response?x=1', '1')).status, 202);
    await outcome;
  });

  test('malformed HTTP gets a 400 JSON answer and the endpoint keeps working', async () => {
    const e = await open();
    const [host, port] = e.address.split(':') as [string, string];
    const got = await new Promise<string>((resolve) => {
      const sock = net.connect({ host, port: Number(port) });
      let data = '';
      sock.on('data', (d: Buffer) => (data += d.toString()));
      sock.on('close', () => resolve(data));
      sock.write('BLAH\r\n\r\n');
    });
    assert.match(got, /^HTTP\/1\.1 400 /);
    assert.deepEqual(JSON.parse(got.split('\r\n\r\n')[1] as string), { errorMessage: 'Malformed HTTP request', errorType: 'BadRequest' });
    assert.equal((await request(e, '/2018-06-01/ping')).status, 200);
  });

  test('abort: the dispatch rejects with the reason; later posts for the id get 400', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('slow'));
    const reason = new Error('Task timed out after 3.00 seconds');
    e.abort(reason);
    await assert.rejects(outcome, (err) => err === reason);
    const r = await post(e, inv('slow') + '/response', '1');
    assert.equal(r.status, 400);
    assert.equal(r.body, INVALID_ID);
    assert.equal((await post(e, inv('slow') + '/error', '{}')).status, 400);
    // The endpoint can serve a new invocation afterwards.
    const { next, outcome: o2 } = await deliver(e, invocation('fresh'));
    assert.equal(next.headers['lambda-runtime-aws-request-id'], 'fresh');
    await post(e, inv('fresh') + '/response', '5');
    assert.equal(text(await o2), '5');
  });

  test('abort before the runtime picked the invocation up: it is never served', async () => {
    const e = await open();
    const pending = e.dispatch(invocation('never'));
    e.abort(new Error('environment killed'));
    await assert.rejects(pending, /environment killed/);
    const next = request(e, NEXT);
    await new Promise((r) => setTimeout(r, 20));
    const o = e.dispatch(invocation('instead'));
    assert.equal((await next).headers['lambda-runtime-aws-request-id'], 'instead');
    await post(e, inv('instead') + '/response', '1');
    await o;
  });

  test('abort while the result is still arriving: the post gets 400 and the outcome is the rejection', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('mid'));
    const [host, port] = e.address.split(':') as [string, string];
    const sock = net.connect({ host, port: Number(port) });
    let got = '';
    sock.on('data', (d: Buffer) => (got += d.toString()));
    sock.write(`POST ${inv('mid')}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345`);
    await new Promise((r) => setTimeout(r, 30));
    e.abort(new Error('timeout'));
    await assert.rejects(outcome, /timeout/);
    sock.write('67890');
    await waitFor(() => got.includes('InvalidRequestID'));
    assert.match(got, /^HTTP\/1\.1 400 /);
    sock.destroy();
  });

  test('close() rejects the pending dispatch and ends parked long-polls', async () => {
    const e = await RuntimeApiEndpoint.listen();
    const next = request(e, NEXT).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 20));
    const { outcome } = { outcome: e.dispatch(invocation('c')) };
    await next; // delivered
    const second = e.dispatch(invocation('d')).catch((err: Error) => err);
    await e.close();
    assert.equal((await outcome.catch((err: Error) => err)) instanceof Error, true);
    assert.equal((await second) instanceof Error, true);
    await assert.rejects(e.dispatch(invocation('e')), /closed/);
  });
});

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
