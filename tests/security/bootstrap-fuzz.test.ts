// The HTTP clients inside Lambent's bootstraps (runtimes/nodejs/bootstrap.mjs,
// runtimes/python/bootstrap.py) against a hostile Runtime API: a raw TCP
// server that answers GET /next with malformed, oversized, truncated or lying
// responses, resets, trickles, invalid events and header injection attempts.
// Each bootstrap must fail cleanly (exit 1 with its "Runtime API request
// failed" line, or report the invocation's error), never hang (every scenario
// is bounded by a deadline, and after it the bootstrap must exit once the
// server goes away), never run the handler on a partial event and never
// execute data.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { prng, withDeadline } from '../helpers/raw-http.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NODE_BOOTSTRAP = join(ROOT, 'runtimes', 'nodejs', 'bootstrap.mjs');
const PY_BOOTSTRAP = join(ROOT, 'runtimes', 'python', 'bootstrap.py');
const PYTHON = '/usr/bin/python3';
const NEXT = '/2018-06-01/runtime/invocation/next';
const INVOCATION = '/2018-06-01/runtime/invocation/';
/** Generous bound for anything a bootstrap should do promptly (start, answer, exit). */
const DEADLINE_MS = 15_000;
const SEED = Number(process.env.LAMBENT_FUZZ_SEED ?? 20261205);

// ---- a hostile Runtime API ----------------------------------------------------------------

interface Req {
  line: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  socket: net.Socket;
}

class HostileApi {
  readonly sockets = new Set<net.Socket>();
  private readonly queue: Req[] = [];
  private waiting: ((r: Req) => void) | null = null;

  private constructor(
    private readonly server: net.Server,
    readonly address: string,
  ) {}

  static async start(): Promise<HostileApi> {
    const server = net.createServer({ allowHalfOpen: true });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const api = new HostileApi(server, `127.0.0.1:${(server.address() as net.AddressInfo).port}`);
    server.on('connection', (s) => api.accept(s));
    return api;
  }

  private accept(s: net.Socket): void {
    this.sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => this.sockets.delete(s));
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const lines = buf.toString('latin1', 0, end).split('\r\n');
        const headers: Record<string, string> = {};
        for (const l of lines.slice(1)) {
          const c = l.indexOf(':');
          headers[l.slice(0, c).toLowerCase()] = l.slice(c + 1).trim();
        }
        const len = Number(headers['content-length'] ?? 0);
        if (buf.length < end + 4 + len) return;
        const line = lines[0] ?? '';
        const [method = '', path = ''] = line.split(' ');
        this.push({ line, method, path, headers, body: buf.subarray(end + 4, end + 4 + len), socket: s });
        buf = buf.subarray(end + 4 + len);
      }
    });
  }

  private push(r: Req): void {
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      w(r);
    } else this.queue.push(r);
  }

  /** The next request the bootstrap sends (on any connection). */
  next(what = 'a request'): Promise<Req> {
    const r = this.queue.shift();
    if (r) return Promise.resolve(r);
    return withDeadline(new Promise<Req>((res) => (this.waiting = res)), DEADLINE_MS, () => `the bootstrap never sent ${what}`);
  }

  /** Its next request must be GET /next. */
  async nextInvocationRequest(): Promise<Req> {
    const r = await this.next('GET /next');
    assert.equal(r.line, `GET ${NEXT} HTTP/1.1`);
    return r;
  }

  /** Every request received and not yet taken by next(). */
  takeAll(): Req[] {
    return this.queue.splice(0);
  }

  dropAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

// ---- bootstraps as child processes ----------------------------------------------------------

type Kind = 'node' | 'python';

interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let taskRoot = '';
const MARKER = () => join(taskRoot, 'EXECUTED');

before(() => {
  taskRoot = mkdtempSync(join(tmpdir(), 'lambent-bootstrap-fuzz-'));
  // The handlers say when they run and echo what they got; nothing in them evaluates the event.
  writeFileSync(
    join(taskRoot, 'index.js'),
    `exports.handler = async (event, context) => {
  console.log('HANDLER RAN');
  return { event, id: context.awsRequestId, polluted: ({}).polluted === undefined ? null : 'POLLUTED' };
};
`,
  );
  writeFileSync(
    join(taskRoot, 'handler.py'),
    `def handler(event, context):
    print("HANDLER RAN")
    return {"event": event, "id": context.aws_request_id, "polluted": None}
`,
  );
});

after(() => rmSync(taskRoot, { recursive: true, force: true }));

function startBootstrap(kind: Kind, api: HostileApi): Child {
  const env: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    AWS_LAMBDA_RUNTIME_API: api.address,
    _HANDLER: kind === 'node' ? 'index.handler' : 'handler.handler',
    LAMBDA_TASK_ROOT: taskRoot,
    AWS_LAMBDA_FUNCTION_NAME: 'fuzz',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    ...(kind === 'python' ? { PYTHONDONTWRITEBYTECODE: '1' } : {}),
  };
  const [cmd, args] = kind === 'node' ? [process.execPath, [NODE_BOOTSTRAP]] : [PYTHON, ['-u', PY_BOOTSTRAP]];
  const proc = spawn(cmd, args, { env, cwd: taskRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.on('exit', (code, signal) => res({ code, signal })));
  return { proc, stdout: () => out, stderr: () => err, exited };
}

// ---- what a scenario can check --------------------------------------------------------------

interface Ctx {
  kind: Kind;
  api: HostileApi;
  child: Child;
}

/**
 * The bootstrap gives up on its own (the server stays silent and connected): exit 1 with its one-line message, no
 * traceback, and (unless the handler legitimately ran before the hostile part) the handler never ran.
 */
async function failsCleanly(t: Ctx, why: string, handlerMayHaveRun = false): Promise<void> {
  const ex = await withDeadline(t.child.exited, DEADLINE_MS, () => `${why}: the bootstrap hangs (stderr: ${t.child.stderr().slice(-500)})`);
  assert.equal(ex.code, 1, `${why}: exit ${ex.code ?? ex.signal}; stderr: ${t.child.stderr().slice(-800)}`);
  assert.match(t.child.stderr(), /Runtime API request failed/, why);
  assert.doesNotMatch(t.child.stderr(), /Traceback|Uncaught/, `${why}: not a clean failure: ${t.child.stderr().slice(-800)}`);
  if (!handlerMayHaveRun) assert.doesNotMatch(t.child.stdout(), /HANDLER RAN/, `${why}: the handler ran`);
}

function invocationHead(id: string, extra = ''): string {
  return `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: ${id}\r\nLambda-Runtime-Deadline-Ms: ${Date.now() + 60_000}\r\n${extra}`;
}

function invocation(id: string, body: string | Buffer, extra = ''): Buffer {
  const b = Buffer.from(body);
  return Buffer.concat([Buffer.from(`${invocationHead(id, extra)}Content-Length: ${b.length}\r\n\r\n`, 'latin1'), b]);
}

/** The bootstrap's next request is its result or error post for id; returns it. */
async function expectPost(t: Ctx, id: string, what: 'response' | 'error'): Promise<Req> {
  const r = await t.api.next(`its ${what} post`);
  assert.match(r.line, /^POST [\x21-\x7e]+ HTTP\/1\.1$/, `a well-formed request line: ${JSON.stringify(r.line)}`);
  assert.equal(r.path, `${INVOCATION}${encodeURIComponent(id)}/${what}`);
  assert.equal(decodeURIComponent(r.path.slice(INVOCATION.length, r.path.lastIndexOf('/'))), id);
  return r;
}

// ---- scenarios --------------------------------------------------------------------------------

type Scenario = [name: string, play: (t: Ctx) => Promise<void>];

/** Answers the first GET /next with raw bytes and keeps the connection open: the bootstrap must give up by itself. */
const answerAndStall = (name: string, answer: () => string | Buffer): Scenario => [
  name,
  async (t) => {
    const r = await t.api.nextInvocationRequest();
    r.socket.write(answer());
    await failsCleanly(t, name);
  },
];

/** Answers the first GET /next with raw bytes and closes the connection. */
const answerAndClose = (name: string, answer: () => string | Buffer, how: 'end' | 'reset' = 'end'): Scenario => [
  name,
  async (t) => {
    const r = await t.api.nextInvocationRequest();
    if (how === 'reset') r.socket.resetAndDestroy();
    else r.socket.end(answer());
    await failsCleanly(t, name);
  },
];

const rng = prng(SEED);
const SCENARIOS: Scenario[] = [
  answerAndStall('a status line that is not HTTP', () => 'HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\n{}'),
  answerAndStall('random bytes', () => Buffer.concat([rng.bytes(3000), Buffer.from('\r\n\r\n')])),
  answerAndStall('a non-200 answer to /next', () => 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}'),
  answerAndStall('200 without a request id', () => 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'),
  answerAndStall('a negative Content-Length', () => `${invocationHead('neg')}Content-Length: -1\r\n\r\n{"a":1}`),
  answerAndStall('a Content-Length that is not a number', () => `${invocationHead('nan')}Content-Length: 12abc\r\n\r\n{"a":1}`),
  answerAndStall('a Content-Length beyond any invocation (1 TB)', () => `${invocationHead('huge')}Content-Length: 1000000000000\r\n\r\n{"a":1}`),
  answerAndStall('two different Content-Lengths', () => `${invocationHead('two')}Content-Length: 7\r\nContent-Length: 2\r\n\r\n{"a":1}`),
  answerAndStall('an unknown Transfer-Encoding', () => `${invocationHead('te')}Transfer-Encoding: gzip\r\n\r\n{"a":1}`),
  answerAndStall('a head of 2 MiB of headers that never ends', () => `${invocationHead('big')}${'X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(40_000)}`),
  answerAndStall('one 2 MiB header line', () => `${invocationHead('line')}X-Pad: ${'b'.repeat(2 << 20)}`),
  answerAndStall('a chunk size that is not hex', () => `${invocationHead('zz')}Transfer-Encoding: chunked\r\n\r\nzz\r\n{"a":1}\r\n0\r\n\r\n`),
  answerAndStall('a negative chunk size', () => `${invocationHead('neg-chunk')}Transfer-Encoding: chunked\r\n\r\n-7\r\n{"a":1}\r\n0\r\n\r\n`),
  answerAndStall('a chunk larger than any invocation', () => `${invocationHead('big-chunk')}Transfer-Encoding: chunked\r\n\r\nffffffffff\r\n{"a":1}`),
  answerAndStall('chunk data not followed by CRLF', () => `${invocationHead('crlf')}Transfer-Encoding: chunked\r\n\r\n2\r\n{"a":1}\r\n0\r\n\r\n`),
  answerAndClose('a head cut short, then the connection closes', () => 'HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Re'),
  answerAndClose('a body cut short, then the connection closes', () => `${invocationHead('short')}Content-Length: 50\r\n\r\n{"a":1}`),
  answerAndClose('a chunked body cut short, then the connection closes', () => `${invocationHead('short-chunked')}Transfer-Encoding: chunked\r\n\r\n7\r\n{"a":1}\r\n`),
  answerAndClose('a reset instead of an answer', () => '', 'reset'),
  [
    'an event that is not JSON is reported as the invocation error',
    async (t) => {
      (await t.api.nextInvocationRequest()).socket.write(invocation('bad-json', '{"a": nope'));
      const r = await expectPost(t, 'bad-json', 'error');
      const doc = JSON.parse(r.body.toString('utf8')) as { errorType: string; errorMessage: string };
      assert.match(doc.errorType, t.kind === 'node' ? /SyntaxError/ : /Runtime\.UnmarshalError/);
    },
  ],
  [
    'a request id with traversal, query and fragment is only ever a percent-encoded path segment',
    async (t) => {
      const id = '../../init/error?a=1#b %2F;,';
      (await t.api.nextInvocationRequest()).socket.write(invocation(id, '{"k":1}'));
      const r = await expectPost(t, id, 'response');
      assert.deepEqual(JSON.parse(r.body.toString()).event, { k: 1 });
    },
  ],
  [
    'a bare LF in the request id header cannot inject a header or a request',
    async (t) => {
      const head = invocationHead('lf-id').replace('Lambda-Runtime-Aws-Request-Id: lf-id\r\n', 'Lambda-Runtime-Aws-Request-Id: lf-id\nPOST /2018-06-01/runtime/init/error HTTP/1.1\nX-Evil: 1\r\n');
      (await t.api.nextInvocationRequest()).socket.write(`${head}Content-Length: 2\r\n\r\n{}`);
      const r = await t.api.next('its result post');
      assert.match(r.line, /^POST \/2018-06-01\/runtime\/invocation\/[A-Za-z0-9%._~-]+\/response HTTP\/1\.1$/, JSON.stringify(r.line));
      assert.equal(r.headers['x-evil'], undefined);
      assert.equal((await t.api.next('GET /next')).line, `GET ${NEXT} HTTP/1.1`, 'nothing but the result and the next /next');
    },
  ],
  [
    'data in the event and in context headers is data: nothing is evaluated, nothing polluted',
    async (t) => {
      const marker = MARKER();
      const event = {
        __proto__: { polluted: 'yes' },
        constructor: { prototype: { polluted: 'yes' } },
        js: `"); require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); ("`,
        py: `__import__('os').system('touch ${marker}')`,
        template: '${process.exit(7)}',
      };
      const body = JSON.stringify(event).replace('{', '{"__proto__":{"polluted":"yes"},');
      const ctx = `Lambda-Runtime-Client-Context: {"custom":{"__proto__":{"polluted":"yes"},"x":"\${7*7}"}}\r\nLambda-Runtime-Cognito-Identity: {"cognitoIdentityId":"__import__('os')","cognitoIdentityPoolId":"p"}\r\nLambda-Runtime-Trace-Id: $(touch ${marker})\r\n`;
      (await t.api.nextInvocationRequest()).socket.write(invocation('data', body, ctx));
      const r = await expectPost(t, 'data', 'response');
      const result = JSON.parse(r.body.toString('utf8')) as { polluted: unknown; event: Record<string, unknown> };
      assert.equal(result.polluted, null);
      assert.equal(result.event['template'], '${process.exit(7)}');
      assert.equal(existsSync(marker), false, 'something was executed');
    },
  ],
  [
    'a valid invocation trickled a few bytes at a time is received whole',
    async (t) => {
      const r = await t.api.nextInvocationRequest();
      const bytes = invocation('slow', JSON.stringify({ slow: 'x'.repeat(300) }));
      for (let i = 0; i < bytes.length; i += 9) {
        r.socket.write(bytes.subarray(i, i + 9));
        await new Promise((res) => setTimeout(res, 1));
      }
      const post = await expectPost(t, 'slow', 'response');
      assert.deepEqual(JSON.parse(post.body.toString()).event, { slow: 'x'.repeat(300) });
    },
  ],
  [
    'a chunked invocation with chunk extensions and trailers is received whole',
    async (t) => {
      const r = await t.api.nextInvocationRequest();
      r.socket.write(`${invocationHead('chunked')}Transfer-Encoding: chunked\r\n\r\n3;ext=1\r\n{"c\r\n5\r\n":42}\r\n0\r\nX-Trailer: t\r\n\r\n`);
      const post = await expectPost(t, 'chunked', 'response');
      assert.deepEqual(JSON.parse(post.body.toString()).event, { c: 42 });
    },
  ],
  [
    'a 100 Continue before the answer is skipped',
    async (t) => {
      const r = await t.api.nextInvocationRequest();
      r.socket.write(Buffer.concat([Buffer.from('HTTP/1.1 100 Continue\r\n\r\n'), invocation('continued', '{"n":1}')]));
      const post = await expectPost(t, 'continued', 'response');
      assert.deepEqual(JSON.parse(post.body.toString()).event, { n: 1 });
    },
  ],
  [
    'garbage in answer to the result post ends the bootstrap cleanly',
    async (t) => {
      (await t.api.nextInvocationRequest()).socket.write(invocation('then-garbage', '{}'));
      const post = await expectPost(t, 'then-garbage', 'response');
      post.socket.write('HTTP/1.1 2O2 Accepted\r\nContent-Length: zz\r\n\r\n');
      await failsCleanly(t, 'garbage answer to the result', true);
    },
  ],
];

/**
 * Seeded mutations of a valid invocation (bytes flipped, inserted, deleted, spans duplicated). What a mutated answer
 * means varies (it may still be valid, or promise more bytes than it sends), so the property is the general one: the
 * bootstrap posts well-formed requests or exits cleanly, and once the Runtime API goes away it exits with 1.
 */
function mutated(r: ReturnType<typeof prng>, round: number): Buffer {
  let b = invocation(`mut-${round}`, JSON.stringify({ round, s: 'x'.repeat(r.int(200)) }), 'Lambda-Runtime-Client-Context: {"custom":{}}\r\n');
  for (let i = 0, n = 1 + r.int(4); i < n; i++) {
    const at = r.int(b.length);
    switch (r.int(4)) {
      case 0:
        b = Buffer.concat([b.subarray(0, at), r.bytes(1 + r.int(8)), b.subarray(at)]);
        break;
      case 1:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + r.int(8))]);
        break;
      case 2:
        b = Buffer.from(b);
        b[at] = r.int(256);
        break;
      default:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + r.int(40)), b.subarray(at)]);
    }
  }
  return b;
}

for (let round = 0; round < 10; round++) {
  SCENARIOS.push([
    `seeded mutation ${round} of a valid invocation (seed ${SEED})`,
    async (t) => {
      const r = prng(SEED + 1000 + round);
      (await t.api.nextInvocationRequest()).socket.write(mutated(r, round));
      // Give it a moment to act on the answer (a valid-looking one gets posted back), then go away.
      await Promise.race([t.child.exited, new Promise((res) => setTimeout(res, 300))]);
      t.api.dropAll();
      const ex = await withDeadline(t.child.exited, DEADLINE_MS, () => 'the bootstrap did not exit after the Runtime API went away');
      // Whatever it sent meanwhile is well-formed requests of the Runtime API.
      for (const q of t.api.takeAll()) assert.match(q.line, /^(GET|POST) \/2018-06-01\/runtime\/[\x21-\x7e]+ HTTP\/1\.1$/, JSON.stringify(q.line));
      assert.equal(ex.code, 1, `exit ${ex.code ?? ex.signal}; stderr: ${t.child.stderr().slice(-800)}`);
      assert.doesNotMatch(t.child.stderr(), /Traceback|Uncaught/, t.child.stderr().slice(-800));
    },
  ]);
}

for (const kind of ['node', 'python'] as const) {
  describe(`${kind} bootstrap against a hostile Runtime API`, { timeout: 300_000 }, () => {
    for (const [name, play] of SCENARIOS) {
      test(name, async () => {
        const api = await HostileApi.start();
        const child = startBootstrap(kind, api);
        try {
          await play({ kind, api, child });
          // Whatever happened, once the Runtime API goes away the bootstrap must exit.
          api.dropAll();
          await withDeadline(child.exited, DEADLINE_MS, () => `the bootstrap did not exit after the Runtime API went away (stderr: ${child.stderr().slice(-500)})`);
        } finally {
          if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
          await child.exited;
          await api.close();
        }
      });
    }
  });
}
