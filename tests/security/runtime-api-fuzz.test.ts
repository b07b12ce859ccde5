// Fuzzing the Runtime API endpoint over raw TCP: while a runtime holds a real
// invocation, other connections send random and adversarial requests
// (malformed request lines, oversized and broken heads, bogus Content-Length,
// bad chunked bodies, pipelined garbage, odd methods and paths, request ids
// with traversal or unicode, random bodies, connections dropped mid-body).
// For every such connection the endpoint answers with well-formed HTTP
// responses or closes it, never hands it the invocation unless it asked with
// a well-formed GET /next, never accepts a result from it; the endpoint never
// crashes and the runtime's own invocation completes with exactly its result.
//
// Seeded: LAMBENT_FUZZ_SEED=<n> reproduces a run; every failure names the seed,
// round, phase and case.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as http from 'node:http';

import { RuntimeApiEndpoint } from '../../src/runtime-api/index.js';
import type { InvocationOutcome } from '../../src/runtime-api/index.js';
import { openExchange, parseResponses, prng, waitFor, withDeadline } from '../helpers/raw-http.js';
import type { Exchange, RawResponse, Rng } from '../helpers/raw-http.js';

const SEED = Number(process.env.LAMBENT_FUZZ_SEED ?? 20261205);
const ROUNDS = 16;
const CASES_PER_PHASE = 8;
/** Generous: a connection the endpoint neither answers nor closes within this is a hang. */
const CLOSE_DEADLINE_MS = 10_000;

const NEXT = '/2018-06-01/runtime/invocation/next';
const INVOCATION = '/2018-06-01/runtime/invocation/';
const INIT_ERROR = '/2018-06-01/runtime/init/error';
const PING = '/2018-06-01/ping';

interface Case {
  name: string;
  parts: Buffer[];
  /** 'half-close': we end our side and wait for the endpoint to close; 'reset': we drop the connection mid-request. */
  end: 'half-close' | 'reset';
  /** The bytes hold a well-formed GET /next: while Running the endpoint serves it the invocation again (as RIE). */
  mayGetInvocation: boolean;
  /** A HEAD request: its answer has a Content-Length but no body. */
  head: boolean;
}

// ---- case generation ----------------------------------------------------------------------------

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'get', 'post', 'BREW', 'G\x00T', 'GET\t', 'PRI', 'M-SEARCH'];
const HEADER_NAMES = [
  'Content-Type',
  'Lambda-Runtime-Function-Error-Type',
  'Lambda-Runtime-Function-Response-Mode',
  'Lambda-Runtime-Function-XRay-Error-Cause',
  'Lambda-Runtime-Aws-Request-Id',
  'Trailer',
  'Expect',
  'Connection',
  'Upgrade',
  'Host',
  'X-Forwarded-For',
];

function hexId(r: Rng): string {
  const h = () => r.bytes(2).toString('hex');
  return `${h()}${h()}-${h()}-${h()}-${h()}-${h()}${h()}${h()}`;
}

/** Ids that must never be taken for realId: none of them decodes to it. */
function resemblingIds(realId: string): string[] {
  return [
    `..%2F${realId}`,
    `%2e%2e%2f${realId}`,
    `${realId}%00`,
    `${realId}%`,
    `${realId}%zz`,
    realId.toUpperCase() === realId ? `${realId}A` : realId.toUpperCase(),
    realId.slice(1),
    realId + realId,
    `${realId}\u00e9`, // raw UTF-8 in the request line
    `\u202e${realId}`,
    `${realId};`,
    `${realId}?`,
  ];
}

function randomId(r: Rng, realId: string | null): string {
  const generic = ['x', '..', '.', '%2e%2e', '..%2f..%2f..%2finit%2ferror', '%00', 'a'.repeat(1 + r.int(5000)), '%', '\u2603\u00e9', '\ud83d\ude00', hexId(r), '*', ' '];
  if (realId !== null && r.chance(0.5)) return r.pick(resemblingIds(realId));
  return r.pick(generic);
}

function randomPath(r: Rng, realId: string | null): string {
  const id = randomId(r, realId);
  const path = r.pick([
    NEXT,
    `${INVOCATION}${id}/response`,
    `${INVOCATION}${id}/error`,
    `${INVOCATION}${id}/response`,
    INIT_ERROR,
    PING,
    `${INVOCATION}${id}`,
    `${INVOCATION}${id}/response/..`,
    `${INVOCATION}../../runtime/invocation/next`,
    '/',
    '*',
    `http://127.0.0.1${NEXT}`,
    '/2020-01-01/extension/register',
    '//2018-06-01//runtime/invocation/next',
    `/${r.bytes(1 + r.int(40)).toString('latin1')}`,
    '',
  ]);
  return r.chance(0.2) ? `${path}?${r.pick(['a=1', '', '&&', '%', id, 'x'.repeat(r.int(3000))])}` : path;
}

function randomHeaders(r: Rng): string {
  let out = '';
  const n = r.int(6);
  for (let i = 0; i < n; i++) {
    const name = r.chance(0.8) ? r.pick(HEADER_NAMES) : r.bytes(1 + r.int(12)).toString('latin1');
    const value = r.pick([
      'streaming',
      'buffered',
      'Function.Fuzz',
      'Runtime.X\r\nLambda-Runtime-Aws-Request-Id: injected',
      '100-continue',
      'websocket',
      'upgrade',
      'close',
      'application/vnd.aws.lambda.error.cause+json',
      'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
      r.bytes(r.int(64)).toString('latin1'),
      'v'.repeat(r.int(9000)),
    ]);
    out += `${name}: ${value}\r\n`;
  }
  if (r.chance(0.05)) out += 'X-Folded: a\r\n  continued\r\n';
  if (r.chance(0.05)) out += 'NoColonHere\r\n';
  if (r.chance(0.04)) out += `X-Huge: ${'h'.repeat((1 << 20) + 1)}\r\n`; // over the head cap → 431
  if (r.chance(0.04)) for (let i = 0; i < 3000; i++) out += `X-Many-${i}: ${i}\r\n`;
  return out;
}

/** A body with its framing headers, well-formed or not. */
function randomBody(r: Rng): { headers: string; body: Buffer; truncated: boolean } {
  const data = r.chance(0.8) ? r.bytes(r.int(600)) : Buffer.from(JSON.stringify({ errorType: 'Fuzz', errorMessage: r.bytes(20).toString('hex') }));
  switch (r.int(11)) {
    case 0:
      return { headers: '', body: Buffer.alloc(0), truncated: false };
    case 1:
    case 2:
      return { headers: `Content-Length: ${data.length}\r\n`, body: data, truncated: false };
    case 3: // promises more than it sends
      return { headers: `Content-Length: ${data.length + 1 + r.int(1 << 20)}\r\n`, body: data, truncated: true };
    case 4: // sends more than it promises: the rest is parsed as the next request
      return { headers: `Content-Length: ${r.int(data.length + 1)}\r\n`, body: data, truncated: false };
    case 5:
      return { headers: `Content-Length: ${r.pick(['-1', 'abc', '1e3', '99999999999999999999999', ' 5', '0x10', '5, 6', ''])}\r\n`, body: data, truncated: false };
    case 6:
      return { headers: `Content-Length: ${data.length}\r\nContent-Length: ${data.length + 1}\r\n`, body: data, truncated: false };
    case 7: {
      // valid chunked, random chunk sizes, maybe trailers
      let b = '';
      let pos = 0;
      const chunks: Buffer[] = [];
      while (pos < data.length) {
        const n = Math.min(data.length - pos, 1 + r.int(100));
        chunks.push(Buffer.from(`${n.toString(16)}\r\n`, 'latin1'), data.subarray(pos, pos + n), Buffer.from('\r\n'));
        pos += n;
      }
      b = r.chance(0.5) ? 'Lambda-Runtime-Function-Error-Type: Function.Fuzz\r\nLambda-Runtime-Function-Error-Body: !!notbase64\r\n' : '';
      chunks.push(Buffer.from(`0\r\n${b}\r\n`, 'latin1'));
      return { headers: 'Transfer-Encoding: chunked\r\n', body: Buffer.concat(chunks), truncated: false };
    }
    case 8: {
      // broken chunked framing
      const bad = r.pick(['zz\r\nab\r\n0\r\n\r\n', '-1\r\nab\r\n0\r\n\r\n', 'ffffffffffffffffff\r\nab', '5\r\nab\r\n0\r\n\r\n', '2\r\nabXX0\r\n\r\n', `2;${'e'.repeat(20000)}\r\nab\r\n0\r\n\r\n`, '0\r\nBad Trailer\r\n\r\n', '\r\n\r\n']);
      return { headers: 'Transfer-Encoding: chunked\r\n', body: Buffer.from(bad, 'latin1'), truncated: false };
    }
    case 9:
      return { headers: `Transfer-Encoding: chunked\r\nContent-Length: ${data.length}\r\n`, body: data, truncated: false };
    default:
      return { headers: `Transfer-Encoding: ${r.pick(['gzip, chunked', 'chunkedx', 'identity', 'chunked, chunked'])}\r\n`, body: data, truncated: false };
  }
}

function randomRequest(r: Rng, realId: string | null): { bytes: Buffer; truncated: boolean; method: string } {
  const method = r.chance(0.85) ? r.pick(['GET', 'POST', 'POST', 'PUT', 'OPTIONS']) : r.pick(METHODS);
  const version = r.chance(0.9) ? 'HTTP/1.1' : r.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTX/1.1', '', 'HTTP/1.1 extra']);
  const sep = r.chance(0.95) ? ' ' : r.pick(['  ', '\t', '']);
  const line = `${method}${sep}${randomPath(r, realId)}${sep}${version}\r\n`;
  const { headers, body, truncated } = method === 'GET' && r.chance(0.7) ? { headers: '', body: Buffer.alloc(0), truncated: false } : randomBody(r);
  const host = r.chance(0.9) ? 'Host: 127.0.0.1\r\n' : '';
  const head = Buffer.from(`${line}${host}${randomHeaders(r)}${headers}\r\n`, 'utf8');
  return { bytes: Buffer.concat([head, body]), truncated, method };
}

function randomCase(r: Rng, realId: string | null, label: string): Case {
  const kind = r.int(10);
  let parts: Buffer[];
  let end: Case['end'] = 'half-close';
  let head = false;
  let name: string;
  if (kind === 0) {
    name = `${label} random bytes`;
    parts = [r.bytes(r.int(3000))];
  } else if (kind === 1) {
    name = `${label} pipelined requests + garbage`;
    parts = [];
    for (let i = 0, n = 1 + r.int(4); i < n; i++) parts.push(randomRequest(r, realId).bytes);
    parts.push(r.bytes(r.int(200)));
  } else if (kind === 2) {
    name = `${label} many pipelined pings`;
    parts = [Buffer.from(`GET ${PING} HTTP/1.1\r\nHost: x\r\n\r\n`.repeat(1 + r.int(60)))];
  } else if (kind === 3) {
    name = `${label} dropped mid-body`;
    const id = randomId(r, realId);
    parts = [Buffer.from(`POST ${INVOCATION}${id}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n`), r.bytes(r.int(5000))];
    end = 'reset';
  } else if (kind === 4) {
    name = `${label} trickled request`;
    const req = randomRequest(r, realId).bytes;
    parts = [];
    // The first bytes a few at a time (separate writes, often separate segments), the rest at once.
    let i = 0;
    while (i < Math.min(req.length, 2048)) {
      const n = 1 + r.int(7);
      parts.push(req.subarray(i, i + n));
      i += n;
    }
    if (i < req.length) parts.push(req.subarray(i));
  } else if (kind === 5) {
    name = `${label} HEAD`;
    parts = [Buffer.from(`HEAD ${r.pick([NEXT, PING, INIT_ERROR, '/nope'])} HTTP/1.1\r\nHost: x\r\n\r\n`)];
    head = true;
  } else {
    const req = randomRequest(r, realId);
    name = `${label} request ${req.method}${req.truncated ? ' (body cut short)' : ''}`;
    parts = [req.bytes];
  }
  const all = Buffer.concat(parts).toString('latin1');
  return { name, parts, end, mayGetInvocation: all.includes(`GET ${NEXT}`), head };
}

// ---- running cases and checking what came back ----------------------------------------------

interface Observed {
  c: Case;
  responses: RawResponse[];
  raw: Buffer;
}

async function runCase(address: string, c: Case): Promise<Observed> {
  let ex: Exchange;
  try {
    ex = await openExchange(address, c.parts, { halfClose: c.end === 'half-close' });
  } catch {
    return { c, responses: [], raw: Buffer.alloc(0) }; // refused at connect: the endpoint is full; nothing to check
  }
  if (c.end === 'reset') {
    await new Promise((r) => setImmediate(r));
    ex.socket.resetAndDestroy();
  }
  await withDeadline(ex.closed, CLOSE_DEADLINE_MS, () => `${c.name}: the endpoint neither answered nor closed the connection`);
  const raw = ex.received();
  return { c, raw, responses: parse(raw, c) };
}

function parse(raw: Buffer, c: Case): RawResponse[] {
  if (c.head) {
    // Only the status line and head: a HEAD answer carries no body.
    const end = raw.indexOf('\r\n\r\n');
    if (raw.length === 0) return [];
    assert.ok(end > 0, `${c.name}: incomplete head`);
    const m = /^HTTP\/1\.1 (\d{3}) /.exec(raw.toString('latin1', 0, end));
    assert.ok(m, `${c.name}: malformed status line`);
    return [{ status: Number(m[1]), headers: {}, body: Buffer.alloc(0) }];
  }
  // A reset may cut what we read short; otherwise everything the endpoint sent must be whole responses.
  return parseResponses(raw, c.end === 'reset');
}

// 417: an Expect other than 100-continue (node's answer, as Go's net/http under RIE).
const ALLOWED_STATUS = new Set([100, 200, 400, 403, 404, 405, 408, 413, 417, 431]);

function check(o: Observed, realId: string | null, where: string): void {
  const what = `${where} ${o.c.name}`;
  for (const r of o.responses) {
    assert.ok(ALLOWED_STATUS.has(r.status), `${what}: unexpected status ${r.status}`);
    if (r.status === 200) {
      const isInvocation = r.headers['lambda-runtime-aws-request-id'] !== undefined;
      if (isInvocation) assert.ok(o.c.mayGetInvocation, `${what}: received an invocation without asking for one`);
    }
    if (r.status >= 400 && r.headers['content-type'] === 'application/json') {
      const doc = JSON.parse(r.body.toString('utf8')) as { errorType?: unknown; errorMessage?: unknown };
      assert.equal(typeof doc.errorType, 'string', `${what}: error body without errorType`);
      assert.equal(typeof doc.errorMessage, 'string', `${what}: error body without errorMessage`);
    }
    // Nothing of the host or of Lambent's internals in an answer.
    assert.doesNotMatch(r.body.toString('latin1'), /\/work\/|node:internal|\bat [\w.<>]+ \(|src\/runtime-api/, `${what}: internals in an answer`);
  }
  if (realId !== null && !o.c.mayGetInvocation) {
    assert.ok(!o.raw.includes(realId), `${what}: the invocation's request id reached a connection that did not ask for it`);
  }
}

async function runPhase(ep: RuntimeApiEndpoint, r: Rng, realId: string | null, where: string): Promise<void> {
  const cases = Array.from({ length: CASES_PER_PHASE }, (_, i) => randomCase(r, realId, `#${i}`));
  const observed = await Promise.all(cases.map((c) => runCase(ep.address, c)));
  for (const o of observed) check(o, realId, where);
}

// ---- the runtime's own traffic -------------------------------------------------------------

function nextInvocation(address: string): Promise<{ id: string; body: Buffer }> {
  const [host, port] = address.split(':') as [string, string];
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), path: NEXT, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`the runtime's /next got ${res.statusCode}`));
        else resolve({ id: String(res.headers['lambda-runtime-aws-request-id']), body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Runtime API endpoint under hostile connections', { timeout: 240_000 }, () => {
  let ep: RuntimeApiEndpoint;
  let ready!: Promise<void>;

  before(async () => {
    let fire: () => void = () => {};
    ready = new Promise((res) => (fire = res));
    ep = await RuntimeApiEndpoint.listen({ ready: () => fire() });
  });
  after(async () => {
    await ep.close();
  });

  test(`${ROUNDS} rounds of fuzzed connections around real invocations (seed ${SEED})`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const r = prng(SEED + round * 7919);
      const where = `seed ${SEED} round ${round}`;
      const id = hexId(r);
      const payload = Buffer.from(JSON.stringify({ round, data: r.bytes(r.int(2000)).toString('base64') }));

      // Ready: the runtime's long-poll is parked (on the first round, init ends with it: /init/error is
      // refused from then on, so fuzzed /init/error posts cannot fail the environment).
      const next = nextInvocation(ep.address);
      if (round === 0) await ready;
      await runPhase(ep, r, null, `${where} ready`);

      const outcome: Promise<InvocationOutcome> = ep.dispatch({ requestId: id, payload, deadlineMs: Date.now() + 60_000, invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fuzz' });
      outcome.catch(() => {}); // awaited below; if an assertion fails first, close() rejects it
      const got = await withDeadline(next, CLOSE_DEADLINE_MS, () => `${where}: the runtime never received its invocation`);
      assert.equal(got.id, id, `${where}: the runtime got another invocation`);
      assert.deepEqual(got.body, payload, `${where}: the payload changed`);

      // Running: the invocation is the runtime's; fuzzed connections try ids that resemble its id.
      await runPhase(ep, r, id, `${where} running`);

      // Receiving: the runtime's result arrives in two parts with fuzzed traffic in between.
      const asError = r.chance(0.3);
      const result = asError
        ? Buffer.from(JSON.stringify({ errorType: 'FuzzError', errorMessage: `round ${round}` }))
        : Buffer.from(JSON.stringify({ ok: round, echo: r.bytes(r.int(3000)).toString('hex') }));
      const head =
        `POST ${INVOCATION}${id}/${asError ? 'error' : 'response'} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        (asError ? 'Lambda-Runtime-Function-Error-Type: Function.FuzzError\r\n' : '') +
        `Content-Length: ${result.length}\r\n\r\n`;
      const cut = r.int(result.length);
      const runtime = await openExchange(ep.address, [head, result.subarray(0, cut)]);
      await runPhase(ep, r, id, `${where} receiving`);
      runtime.socket.write(result.subarray(cut));
      const o = await withDeadline(outcome, CLOSE_DEADLINE_MS, () => `${where}: the invocation never completed`);
      await waitFor(() => runtime.received().includes('{"status":"OK"}'), CLOSE_DEADLINE_MS, `${where}: the runtime's 202`);
      assert.deepEqual(parseResponses(runtime.received()).map((x) => x.status), [202], where);
      runtime.socket.destroy();
      if (asError) {
        assert.equal(o.kind, 'error', where);
        assert.equal(o.kind === 'error' && o.errorType, 'Function.FuzzError', where);
      } else {
        assert.equal(o.kind, 'response', where);
      }
      assert.deepEqual(o.payload, result, `${where}: the outcome is not the runtime's result`);
    }
    // Still serving.
    const ping = parseResponses((await runCase(ep.address, { name: 'final ping', parts: [Buffer.from(`GET ${PING} HTTP/1.1\r\nHost: x\r\n\r\n`)], end: 'half-close', mayGetInvocation: false, head: false })).raw);
    assert.equal(ping[0]?.status, 200);
  });
});
