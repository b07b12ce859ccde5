// The Runtime API's rules as AWS's Runtime Interface Emulator enforces them
// (internal/lambda/rapi: AwsRequestIDValidator, then the runtime state machine;
// its security_test.go): which invocation a post may name, what a second /next
// does, posts after a timeout, /init/error only during init, body and head
// limits, and what a connection that breaks the protocol can and cannot do to
// the invocation in flight.
import { afterEach, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as http from 'node:http';

import { RuntimeApiEndpoint } from '../../src/runtime-api/index.js';
import type { InvocationOutcome, RuntimeApiEvents, RuntimeInvocation } from '../../src/runtime-api/index.js';
import { exchange, openExchange, parseResponses, waitFor } from '../helpers/raw-http.js';

const NEXT = '/2018-06-01/runtime/invocation/next';
const INIT_ERROR = '/2018-06-01/runtime/init/error';
const inv = (id: string) => `/2018-06-01/runtime/invocation/${id}`;
const INVALID_ID = { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' };
const transition = (from: string, to: string) => ({
  errorMessage: `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
  errorType: 'InvalidStateTransition',
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let ep: RuntimeApiEndpoint | null = null;
const agents: http.Agent[] = [];

async function open(events: RuntimeApiEvents = {}, opts: { maxResponseBytes?: number } = {}): Promise<RuntimeApiEndpoint> {
  ep = await RuntimeApiEndpoint.listen(events, opts);
  return ep;
}

afterEach(async () => {
  for (const a of agents.splice(0)) a.destroy();
  if (ep) await ep.close();
  ep = null;
});

function request(e: RuntimeApiEndpoint, path: string, method: string, body?: string | Buffer, headers: Record<string, string | number> = {}): Promise<Reply> {
  const [host, port] = e.address.split(':') as [string, string];
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
const get = (e: RuntimeApiEndpoint, path: string) => request(e, path, 'GET');
const post = (e: RuntimeApiEndpoint, path: string, body: string | Buffer, headers: Record<string, string | number> = {}) =>
  request(e, path, 'POST', body, headers);

function invocation(id: string, extra: Partial<RuntimeInvocation> = {}): RuntimeInvocation {
  return { requestId: id, payload: Buffer.from(`{"for":"${id}"}`), deadlineMs: 1795327201403, invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', ...extra };
}

/** Serves one invocation to a /next; the outcome is wrapped (an async function returning it would await it). */
async function deliver(e: RuntimeApiEndpoint, i: RuntimeInvocation): Promise<{ outcome: Promise<InvocationOutcome> }> {
  const next = get(e, NEXT);
  const outcome = e.dispatch(i);
  const n = await next;
  assert.equal(n.headers['lambda-runtime-aws-request-id'], i.requestId);
  return { outcome };
}

/** Lets the endpoint take in what was sent (a parked /next, a closed connection). */
const settle = () => new Promise((r) => setTimeout(r, 30));
const json = (r: Reply): unknown => JSON.parse(r.body);

describe('RIE rules: a post must name the invocation the runtime holds', { timeout: 30_000 }, () => {
  test('the id of an invocation not yet handed to the runtime: 403 from the state machine; another id: 400', async () => {
    const e = await open();
    const outcome = e.dispatch(invocation('A'));
    // RIE's security test: "Try to use the invoke id before next" → 403 InvalidStateTransition.
    const r = await post(e, inv('A') + '/response', '{}');
    assert.equal(r.status, 403);
    assert.deepEqual(json(r), transition('Started', 'InvocationResponse'));
    const r2 = await post(e, inv('A') + '/error', '{}');
    assert.equal(r2.status, 403);
    assert.deepEqual(json(r2), transition('Started', 'InvocationErrorResponse'));
    const z = await post(e, inv('Z') + '/response', '{}');
    assert.equal(z.status, 400);
    assert.deepEqual(json(z), INVALID_ID);
    // Nothing of that reached the caller: the runtime takes it and answers.
    const n = await get(e, NEXT);
    assert.equal(n.headers['lambda-runtime-aws-request-id'], 'A');
    assert.equal((await post(e, inv('A') + '/response', '"a"')).status, 202);
    assert.equal((await outcome).payload.toString(), '"a"');
  });

  test('after the next invocation is served, the previous id is unknown for /response and /error (400)', async () => {
    const e = await open();
    const { outcome: a } = await deliver(e, invocation('A'));
    assert.equal((await post(e, inv('A') + '/response', '1')).status, 202);
    await a;
    const { outcome: b } = await deliver(e, invocation('B'));
    for (const what of ['/response', '/error']) {
      const r = await post(e, inv('A') + what, '{}');
      assert.equal(r.status, 400, what);
      assert.deepEqual(json(r), INVALID_ID);
    }
    assert.equal((await post(e, inv('B') + '/error', '{"errorType":"E","errorMessage":"m"}')).status, 202);
    const o = await b;
    assert.equal(o.kind, 'error');
  });

  test('while a result is being received: the same id again → 403, another id → 400, the result completes', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('R'));
    const slow = await openExchange(e.address, [`POST ${inv('R')}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n"ab`]);
    await settle();
    const again = await post(e, inv('R') + '/response', '"x"');
    assert.equal(again.status, 403);
    assert.deepEqual(json(again), transition('InvocationResponse', 'InvocationResponse'));
    const other = await post(e, inv('Q') + '/error', '{}');
    assert.equal(other.status, 400);
    slow.socket.write('cd"');
    const o = await outcome;
    assert.equal(o.payload.toString(), '"abcd"');
    await waitFor(() => slow.received().includes('{"status":"OK"}'), 5000, 'the 202');
    slow.socket.destroy();
  });

  test('ids that only resemble the real one are refused; its percent-encoded form is the same id', async () => {
    const e = await open();
    const id = 'req id/with:odd+chars';
    const { outcome } = await deliver(e, invocation(id));
    const real = encodeURIComponent(id);
    for (const fake of [
      '..%2F' + real,
      real + '%2F..',
      real.toUpperCase(),
      real + '%00',
      real + '%',
      '%E2%80%8B' + real, // zero-width space in front
      real.replace('req', 'r%C3%A9q'),
    ]) {
      const r = await post(e, inv(fake) + '/response', '"fake"');
      assert.equal(r.status, 400, fake);
      assert.deepEqual(json(r), INVALID_ID);
    }
    // Raw traversal segments change the route, not the id: no such route.
    for (const path of [inv('..') + '/next/response', inv(real) + '/../response', inv(real) + '/response/..']) {
      assert.equal((await post(e, path, '"fake"')).status, 404, path);
    }
    assert.equal((await post(e, inv(real) + '/response', '"real"')).status, 202);
    assert.equal((await outcome).payload.toString(), '"real"');
  });

  test('a post after the invocation timed out (abort) is refused with 400, even while the next one runs', async () => {
    const e = await open();
    const { outcome: timedOut } = await deliver(e, invocation('T'));
    e.abort(new Error('Task timed out'));
    await assert.rejects(timedOut, /timed out/);
    assert.deepEqual(json(await post(e, inv('T') + '/response', '"late"')), INVALID_ID);
    const { outcome: next } = await deliver(e, invocation('U'));
    const late = await post(e, inv('T') + '/error', '{}');
    assert.equal(late.status, 400);
    assert.equal((await post(e, inv('U') + '/response', '"u"')).status, 202);
    assert.equal((await next).payload.toString(), '"u"');
  });
});

describe('RIE rules: GET /next', { timeout: 30_000 }, () => {
  test('a second /next while one is parked waits too (RIE: both block); they are served in arrival order', async () => {
    const e = await open();
    const first = get(e, NEXT);
    await settle();
    const second = get(e, NEXT);
    await settle();
    const a = e.dispatch(invocation('A'));
    assert.equal((await first).headers['lambda-runtime-aws-request-id'], 'A');
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await settle();
    assert.equal(secondDone, false, 'the second /next is still waiting');
    await post(e, inv('A') + '/response', '1');
    await a;
    const b = e.dispatch(invocation('B'));
    assert.equal((await second).headers['lambda-runtime-aws-request-id'], 'B');
    await post(e, inv('B') + '/response', '2');
    assert.equal((await b).payload.toString(), '2');
  });

  test('a parked /next whose connection went away is skipped: the invocation goes to a live one', async () => {
    const e = await open();
    const gone = await openExchange(e.address, [`GET ${NEXT} HTTP/1.1\r\nHost: x\r\n\r\n`]);
    await settle();
    gone.socket.destroy();
    await gone.closed;
    const live = get(e, NEXT);
    await settle();
    const o = e.dispatch(invocation('L'));
    assert.equal((await live).headers['lambda-runtime-aws-request-id'], 'L');
    await post(e, inv('L') + '/response', '"l"');
    assert.equal((await o).payload.toString(), '"l"');
  });

  test('a parked /next on a connection that then sent garbage or half-closed never receives the invocation', async () => {
    const e = await open();
    // Stays open on our side after the endpoint's 400 (allowHalfOpen): only the endpoint's own view of the
    // connection (no longer writable) keeps the invocation off it.
    const garbage = await openExchange(e.address, [`GET ${NEXT} HTTP/1.1\r\nHost: x\r\n\r\n`], { allowHalfOpen: true });
    await settle();
    garbage.socket.write('\x00\x01 NOT HTTP\r\n\r\n');
    const halfClosed = await openExchange(e.address, [`GET ${NEXT} HTTP/1.1\r\nHost: x\r\n\r\n`], { halfClose: true });
    await waitFor(() => garbage.received().length > 0, 5000, 'the 400');
    await halfClosed.closed;
    const live = get(e, NEXT);
    await settle();
    const o = e.dispatch(invocation('G'));
    assert.equal((await live).headers['lambda-runtime-aws-request-id'], 'G');
    const answered = parseResponses(garbage.received());
    assert.deepEqual(answered.map((r) => r.status), [400]);
    assert.equal(halfClosed.received().length, 0);
    await post(e, inv('G') + '/response', '"g"');
    assert.equal((await o).payload.toString(), '"g"');
    garbage.socket.destroy();
  });

  test('/next while a result is being received is answered once the result is in (pipelining), not refused', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('P'));
    const conn = await openExchange(e.address, [`POST ${inv('P')}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"p`]);
    await settle();
    const next = get(e, NEXT); // another connection, while InvocationResponse
    await settle();
    conn.socket.write('"');
    assert.equal((await outcome).payload.toString(), '"p"');
    const o2 = e.dispatch(invocation('P2'));
    assert.equal((await next).headers['lambda-runtime-aws-request-id'], 'P2');
    await post(e, inv('P2') + '/response', '2');
    await o2;
    conn.socket.destroy();
  });

  test('an invocation whose headers HTTP cannot carry is refused before anything is sent; the long-poll waits on', async () => {
    const e = await open();
    const next = get(e, NEXT);
    await settle();
    await assert.rejects(e.dispatch(invocation('H', { traceId: 'Root=1\r\nLambda-Runtime-Aws-Request-Id: evil' })));
    await assert.rejects(e.dispatch(invocation('evil\r\nX-Injected: 1')));
    const o = e.dispatch(invocation('H2', { traceId: 'Root=1-2-3' }));
    const n = await next;
    assert.equal(n.headers['lambda-runtime-aws-request-id'], 'H2');
    assert.equal(n.headers['x-injected'], undefined);
    await post(e, inv('H2') + '/response', '1');
    await o;
  });
});

describe('RIE rules: /init/error only during init', { timeout: 30_000 }, () => {
  test('a second /init/error → 403 from InitError; /init/error after a completed invocation → 403', async () => {
    const types: string[] = [];
    const e = await open({ initError: (t) => types.push(t) });
    assert.equal((await post(e, INIT_ERROR, '{"errorType":"Runtime.Alpha","errorMessage":"a"}', { 'Lambda-Runtime-Function-Error-Type': 'Runtime.Alpha' })).status, 202);
    const again = await post(e, INIT_ERROR, '{}', { 'Lambda-Runtime-Function-Error-Type': 'Runtime.B' });
    assert.equal(again.status, 403);
    assert.deepEqual(json(again), transition('InitError', 'InitError'));
    assert.deepEqual(types, ['Runtime.Alpha']);

    const e2 = await RuntimeApiEndpoint.listen({ initError: () => types.push('late') });
    try {
      const { outcome: o } = await deliver(e2, invocation('I'));
      await post(e2, inv('I') + '/response', '1');
      await o;
      const late = await post(e2, INIT_ERROR, '{}');
      assert.equal(late.status, 403);
      assert.deepEqual(json(late), transition('RuntimeResponseSentState', 'InitError'));
      assert.deepEqual(types, ['Runtime.Alpha']);
    } finally {
      await e2.close();
    }
  });
});

describe('RIE rules: body and head limits', { timeout: 30_000 }, () => {
  test('an /error body over the limit → 413 and Function.ResponseSizeTooLarge; the environment stays usable', async () => {
    const e = await open({}, { maxResponseBytes: 500 });
    const { outcome } = await deliver(e, invocation('E'));
    const r = await post(e, inv('E') + '/error', Buffer.alloc(501, 0x61), { 'Lambda-Runtime-Function-Error-Type': 'Runtime.Big' });
    assert.equal(r.status, 413);
    assert.deepEqual(json(r), { errorMessage: 'Exceeded maximum allowed payload size (500 bytes).', errorType: 'RequestEntityTooLarge' });
    const o = await outcome;
    assert.equal(o.kind === 'error' && o.errorType, 'Function.ResponseSizeTooLarge');
    const { outcome: o2 } = await deliver(e, invocation('E2'));
    assert.equal((await post(e, inv('E2') + '/response', Buffer.alloc(500, 0x62))).status, 202);
    assert.equal((await o2).payload.length, 500);
  });

  test('an /init/error body over the limit → 413; the init failure is still recorded with its type', async () => {
    const seen: [string, number][] = [];
    const e = await open({ initError: (t, b) => seen.push([t, b.length]) }, { maxResponseBytes: 100 });
    const r = await post(e, INIT_ERROR, Buffer.alloc(101, 0x61), { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' });
    assert.equal(r.status, 413);
    assert.deepEqual(seen, [['Runtime.ImportModuleError', 0]]);
    const o = await e.dispatch(invocation('after'));
    assert.equal(o.kind === 'error' && o.errorType, 'Runtime.ImportModuleError');
    assert.deepEqual(JSON.parse(o.payload.toString()), { errorMessage: 'The runtime failed to initialize.', errorType: 'Runtime.ImportModuleError' });
  });

  test('a request head over 1 MiB → 431 and the connection closes; a 512 KiB X-Ray cause header is accepted', async () => {
    const e = await open();
    const { outcome } = await deliver(e, invocation('X'));
    const huge = 'a'.repeat((1 << 20) + 10);
    const got = parseResponses(await exchange(e.address, [`POST ${inv('X')}/error HTTP/1.1\r\nHost: x\r\nX-Pad: ${huge}\r\nContent-Length: 2\r\n\r\n{}`]));
    assert.deepEqual(got.map((r) => r.status), [431]);
    assert.deepEqual(JSON.parse(got[0]?.body.toString() ?? ''), { errorMessage: 'Request Header Fields Too Large', errorType: 'RequestHeaderFieldsTooLarge' });
    const cause = JSON.stringify({ working_directory: '/var/task', exceptions: [{ message: 'x'.repeat(512 * 1024) }], paths: [] });
    const r = await post(e, inv('X') + '/error', '{"errorType":"Function.Big","errorMessage":"m"}', { 'Lambda-Runtime-Function-XRay-Error-Cause': cause });
    assert.equal(r.status, 202);
    const o = await outcome;
    assert.equal(o.kind === 'error' && o.errorType, 'Function.Big');
  });
});

describe('RIE rules: routes and methods', { timeout: 30_000 }, () => {
  test('every route refuses other methods with 405 (HEAD and OPTIONS too); unknown paths and APIs → 404', async () => {
    const e = await open();
    for (const [method, path] of [
      ['HEAD', NEXT],
      ['OPTIONS', NEXT],
      ['DELETE', inv('x') + '/response'],
      ['PATCH', inv('x') + '/error'],
      ['PUT', INIT_ERROR],
      ['POST', '/2018-06-01/ping'],
    ] as const) {
      const r = await request(e, path, method);
      assert.equal(r.status, 405, `${method} ${path}`);
      if (method !== 'HEAD') assert.equal(JSON.parse(r.body).errorType, 'MethodNotAllowed');
    }
    for (const [method, path] of [
      ['GET', '/2018-06-01/runtime/invocation'],
      ['POST', '/2018-06-01/runtime/invocation/x/response/extra'],
      ['GET', '/2018-06-01/runtime/restore/next'],
      ['POST', '/2020-01-01/extension/register'],
      ['PUT', '/2020-08-15/logs'],
      ['GET', '/2021-04-23/credentials'],
      ['GET', '/2018-06-01/RUNTIME/invocation/next'],
    ] as const) {
      const r = await request(e, path, method, method === 'GET' ? undefined : '{}');
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.equal(r.body, '404 page not found\n');
    }
  });
});
