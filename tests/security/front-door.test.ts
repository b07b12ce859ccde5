// The front door against hostile or broken clients, on the real server: slow headers and bodies are cut off
// (while slow-but-moving uploads and slow responses are not), the connection cap holds and is logged once,
// unauthenticated bodies cannot grow the server's memory without bound, deep JSON is a 400, a signature scoped
// to another service or an invalid region is refused with AWS's words, Node's own HTTP rejections carry an
// AWS-shaped body, and /health shows no host path.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { deployFunction, lambdaClient, startServer, TEST_RUNTIMES_DIR, type TestServer } from '../helpers/lambent.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request on its own connection; resolves with whatever the server answers. A server refusing a request
 * before reading its body may close the connection (Connection: close) while the body is still being written:
 * the answer counts, the write error after it does not.
 */
function send(url: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: u.hostname, port: u.port, method, path, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      const done = (): void => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', done);
      res.on('close', done);
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    req.end(body);
  });
}

/** Signs a request as the SDKs do; `payloadHeader: false` leaves out x-amz-content-sha256 (AWS CLI, boto3). */
async function sign(
  url: string,
  method: string,
  path: string,
  body: string | Buffer,
  opts: { service?: string; region?: string; payloadHeader?: boolean; headers?: Record<string, string> } = {},
): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({
    service: opts.service ?? 'lambda',
    region: opts.region ?? 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    sha256: Sha256,
    applyChecksum: opts.payloadHeader ?? true,
  });
  const q = path.indexOf('?');
  const query = q < 0 ? {} : Object.fromEntries(new URLSearchParams(path.slice(q + 1)));
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: u.hostname,
    port: Number(u.port),
    path: q < 0 ? path : path.slice(0, q),
    query,
    headers: { host: u.host, 'content-type': 'application/json', ...opts.headers },
    body,
  });
  return { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) };
}

/** What an AWS SDK needs from an error: a JSON body with a message, and the error name in x-amzn-ErrorType. */
function assertAwsError(r: Reply, status: number, code: string, message?: string | RegExp): void {
  assert.equal(r.status, status, r.body);
  assert.equal(r.headers['x-amzn-errortype'], code, r.body);
  const doc = JSON.parse(r.body) as { message?: string; Message?: string };
  const msg = doc.message ?? doc.Message;
  assert.equal(typeof msg, 'string', r.body);
  if (typeof message === 'string') assert.equal(msg, message);
  else if (message) assert.match(msg as string, message);
}

/** Parses a raw HTTP/1.1 response (one, with Content-Length) as a socket received it. */
function parseRaw(raw: string): Reply {
  const end = raw.indexOf('\r\n\r\n');
  assert.ok(end > 0, `no complete response head in ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine ?? '')?.[1]);
  const body = raw.slice(end + 4, end + 4 + Number(headers['content-length'] ?? 0));
  return { status, headers, body };
}

interface RawConn {
  socket: Socket;
  received: () => string;
  /** Resolves when the server closed the connection (ms after `since`). */
  closed: Promise<number>;
}

function openRaw(url: string, since = Date.now()): Promise<RawConn> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname);
    let data = '';
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - since)));
    socket.once('error', () => undefined); // a reset is one way of being closed
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

/** Writes `bytes` a piece at a time every `everyMs` until the socket closes or the pieces run out. */
function trickle(socket: Socket, bytes: string, everyMs: number): () => void {
  let i = 0;
  const t = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) return clearInterval(t);
    socket.write(bytes[i++] as string);
  }, everyMs);
  return () => clearInterval(t);
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]);
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(m, `${field} of ${pid}`);
  return Number(m[1]) * 1024;
}

const MB = 1024 * 1024;

describe('front door', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({
      env: {
        LAMBENT_HEADERS_TIMEOUT: '1',
        LAMBENT_BODY_TIMEOUT: '1',
        LAMBENT_UNAUTHENTICATED_BODY_MB: '16',
      },
    });
  });
  after(() => server.dispose());

  test('slow headers (slowloris) and a silent connection are answered 408 and closed', async () => {
    const conns = await Promise.all(Array.from({ length: 5 }, () => openRaw(server.url)));
    const silent = await openRaw(server.url);
    const stops = conns.map((c) => {
      c.socket.write('GET /2015-03-31/functions HTTP/1.1\r\nHost: x\r\n');
      return trickle(c.socket, 'X-Slow: ' + 'a'.repeat(1000), 200);
    });
    try {
      // 1 s timeout, checked every 250 ms; the bound only guards against "never".
      await within(Promise.all([...conns.map((c) => c.closed), silent.closed]), 15_000, 'slowloris connections closed');
    } finally {
      stops.forEach((s) => s());
    }
    for (const c of conns) assertAwsError(parseRaw(c.received()), 408, 'RequestTimeoutException');
    assert.equal(parseRaw(conns[0]!.received()).headers['connection'], 'close');
  });

  test('a stalled body is answered 408 and closed; a slow but steady upload and a slow response are not cut', async () => {
    // Headers complete, then a byte every 300 ms: far below 1 KiB/s.
    const c = await openRaw(server.url);
    c.socket.write('POST /2015-03-31/functions/f/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n');
    const stop = trickle(c.socket, 'x'.repeat(1000), 300);
    try {
      await within(c.closed, 15_000, 'stalled body closed');
    } finally {
      stop();
    }
    assertAwsError(parseRaw(c.received()), 408, 'RequestTimeoutException');

    // A signed 48 KiB body sent in 4 KiB pieces every 250 ms (16 KiB/s) takes 3 s, three body timeouts: it is
    // read whole and answered by the service (the function does not exist).
    const body = JSON.stringify({ pad: 'p'.repeat(48 * 1024) });
    const path = '/2015-03-31/functions/nothing-here/invocations';
    const headers = await sign(server.url, 'POST', path, body);
    const u = new URL(server.url);
    const slow = await new Promise<Reply>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, method: 'POST', path, headers, agent: false }, (res) => {
        let b = '';
        res.on('data', (d: Buffer) => (b += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b }));
      });
      req.on('error', reject);
      let off = 0;
      const t = setInterval(() => {
        req.write(body.slice(off, off + 4096));
        off += 4096;
        if (off >= body.length) {
          clearInterval(t);
          req.end();
        }
      }, 250);
    });
    assertAwsError(slow, 404, 'ResourceNotFoundException', /Function not found/);

    // The answer may take far longer than either timeout: a 3 s invoke.
    const lambda = lambdaClient(server.url);
    try {
      await deployFunction(lambda, 'slow-answer', {
        'index.js': 'exports.handler = async () => { await new Promise((r) => setTimeout(r, 3000)); return { late: true }; };\n',
      }, { Timeout: 10 });
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'slow-answer' }));
      assert.equal(out.FunctionError, undefined);
      assert.deepEqual(JSON.parse(Buffer.from(out.Payload ?? []).toString()), { late: true });
    } finally {
      lambda.destroy();
    }
  });

  test('many concurrent unauthenticated large bodies keep the server memory bounded', async () => {
    const pid = server.proc.pid as number;
    const before = procStatus(pid, 'VmRSS');
    // 24 MB JSON bodies, each under CreateFunction's 70 MB limit; 10 at once is 240 MB the server would hold
    // (twice that while concatenating) if it buffered every unauthenticated body.
    const body = Buffer.alloc(24 * MB, 0x61);
    body.write('{"FunctionName":"x","Pad":"');
    body.write('"}', body.length - 2);
    const path = '/2015-03-31/functions';
    const forged = (payloadHeader: boolean): Record<string, string> => ({
      host: 'x',
      'content-type': 'application/json',
      'content-length': String(body.length),
      'x-amz-date': new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, ''),
      ...(payloadHeader ? { 'x-amz-content-sha256': 'e'.repeat(64) } : {}),
      authorization:
        `AWS4-HMAC-SHA256 Credential=test/${new Date().toISOString().slice(0, 10).replace(/-/g, '')}/us-east-1/lambda/aws4_request, ` +
        `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    });
    // Without x-amz-content-sha256 (as the AWS CLI sends) the body must be read to check the signature; with it
    // (as the JS SDK sends) the signature is refused before the body is read.
    const replies = await Promise.all([
      ...Array.from({ length: 10 }, () => send(server.url, 'POST', path, forged(false), body)),
      ...Array.from({ length: 10 }, () => send(server.url, 'POST', path, forged(true), body)),
    ]);
    for (const r of replies) assertAwsError(r, 403, 'InvalidSignatureException', /signature we calculated does not match/);
    const peak = procStatus(pid, 'VmHWM');
    const grew = peak - before;
    // The budget is 16 MB; a body larger than the budget runs alone, so about 2 × 24 MB at the peak plus what the
    // collector has not reclaimed yet (about 130 MB measured). Buffering them all grew it by 440 MB.
    assert.ok(grew < 250 * MB, `server peak RSS grew by ${(grew / MB).toFixed(0)} MB (from ${(before / MB).toFixed(0)} MB)`);
  });

  test('deeply nested JSON is a 400 with the AWS error body, never a 500', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const cases: [string, string, string][] = [
      ['POST', '/2015-03-31/functions', deep],
      ['POST', '/2015-03-31/functions', `{"FunctionName":"f","Environment":{"Variables":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}}`],
      ['PUT', '/2015-03-31/functions/f/configuration', `{"Layers":${deep}}`],
    ];
    for (const [method, path, body] of cases) {
      for (const payloadHeader of [true, false]) {
        const r = await send(server.url, method, path, await sign(server.url, method, path, body, { payloadHeader }), body);
        assertAwsError(r, 400, 'InvalidRequestContentException', /^Could not parse request body into json: /);
        assert.equal(JSON.parse(r.body).Type, 'User');
      }
    }
  });

  test('a signature scoped to another service, or to no valid region, is refused with AWS wording', async () => {
    const path = '/2015-03-31/functions';
    for (const service of ['s3', 'sqs']) {
      for (const payloadHeader of [true, false]) {
        const r = await send(server.url, 'GET', path, await sign(server.url, 'GET', path, '', { service, payloadHeader }));
        assertAwsError(r, 403, 'InvalidSignatureException', "Credential should be scoped to correct service: 'lambda'. ");
      }
    }
    const bad = await send(server.url, 'GET', path, await sign(server.url, 'GET', path, '', { region: 'nowhere' }));
    assertAwsError(bad, 403, 'InvalidSignatureException', "Credential should be scoped to a valid region, not 'nowhere'. ");
    // Any real region is served (Lambent is every region at once).
    const ok = await send(server.url, 'GET', path, await sign(server.url, 'GET', path, '', { region: 'eu-west-1' }));
    assert.equal(ok.status, 200, ok.body);
  });

  test('the body must be the one whose x-amz-content-sha256 was signed', async () => {
    const path = '/2015-03-31/functions/f/invocations';
    const headers = await sign(server.url, 'POST', path, '{"a":1}');
    const r = await send(server.url, 'POST', path, headers, '{"a":2}');
    assertAwsError(r, 403, 'InvalidSignatureException', "The provided 'x-amz-content-sha256' header does not match what was computed.");

    // A declared length over the limit is answered at once, before the signature and without the body.
    const big = await openRaw(server.url);
    const h = await sign(server.url, 'POST', path, '{}');
    h['content-length'] = String(7 * MB);
    big.socket.write(`POST ${path} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    const deadline = Date.now() + 10_000;
    while (!big.received().includes('\r\n\r\n{') && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    assertAwsError(parseRaw(big.received()), 413, 'RequestTooLargeException');
    big.socket.destroy();
  });

  test("Node's own HTTP rejections (431, malformed request) carry an AWS-shaped body", async () => {
    const big = await openRaw(server.url);
    big.socket.write(`GET /2015-03-31/functions HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    await within(big.closed, 10_000, '431 connection closed');
    const r431 = parseRaw(big.received());
    assertAwsError(r431, 431, 'RequestHeaderFieldsTooLargeException');
    assert.equal(r431.headers['connection'], 'close');
    assert.ok(r431.headers['x-amzn-requestid']);

    const junk = await openRaw(server.url);
    junk.socket.write('THIS IS NOT HTTP\r\n\r\n');
    await within(junk.closed, 10_000, '400 connection closed');
    assertAwsError(parseRaw(junk.received()), 400, 'BadRequestException');
  });

  test('/health answers without credentials and shows no host path', async () => {
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    const text = await res.text();
    const doc = JSON.parse(text) as { status: string; sandbox: { sandbox: string }; runtimes: { runtimes: { runtime: string }[] }; environments: object };
    assert.equal(doc.status, 'ok');
    assert.ok(doc.sandbox.sandbox);
    assert.ok(doc.runtimes.runtimes.some((r) => r.runtime === 'nodejs20.x'));
    assert.ok(doc.environments);
    assert.ok(!text.includes(server.dataDir), 'data dir in /health');
    assert.ok(!text.includes(TEST_RUNTIMES_DIR), 'runtimes dir in /health');
    assert.ok(!text.includes(process.execPath), 'node binary path in /health');
    assert.doesNotMatch(text, /"\/[^"]*"/, 'an absolute path in /health');
  });
});

describe('front door: connection cap', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ env: { LAMBENT_MAX_CONNECTIONS: '4' } });
  });
  after(() => server.dispose());

  test('connections past the cap are closed at once, logged once, and served again once below it', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => openRaw(server.url)));
    // Each held connection has begun a request, so the server has surely accepted all four.
    for (const c of held) c.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    await new Promise((r) => setTimeout(r, 200));
    const refused = await Promise.all(Array.from({ length: 5 }, () => openRaw(server.url)));
    for (const c of refused) c.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await within(Promise.all(refused.map((c) => c.closed)), 10_000, 'refused connections closed');
    for (const c of refused) assert.equal(c.received(), '', 'a refused connection got an answer');
    const limitLines = (): string[] => server.output().split('\n').filter((l) => l.includes('connection limit reached'));
    const logDeadline = Date.now() + 5_000;
    while (limitLines().length === 0 && Date.now() < logDeadline) await new Promise((r) => setTimeout(r, 50));
    const lines = limitLines();
    assert.equal(lines.length, 1, server.output());
    assert.match(lines[0] as string, /4 connections are open; refused \d+ new connection/);

    for (const c of held) c.socket.destroy();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await fetch(`${server.url}/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      assert.ok(Date.now() < deadline, '/health never answered after the held connections closed');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
