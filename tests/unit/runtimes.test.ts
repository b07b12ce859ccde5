// The real bootstraps (runtimes/nodejs/bootstrap.mjs, runtimes/python/bootstrap.py),
// and AWS's own aws-lambda-ric when installed, run as child processes against a
// RuntimeApiEndpoint with fixture functions from tests/fixtures/functions/.
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';

import { RuntimeApiEndpoint } from '../../src/runtime-api/index.js';
import { RIC_ENTRY, ricSkipReason } from '../helpers/ric.js';
import type { InvocationOutcome, RuntimeInvocation } from '../../src/runtime-api/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'functions');
const NODE_BOOTSTRAP = join(ROOT, 'runtimes', 'nodejs', 'bootstrap.mjs');
const PY_BOOTSTRAP = join(ROOT, 'runtimes', 'python', 'bootstrap.py');
const PYTHON = '/usr/bin/python3';
const RIC = RIC_ENTRY;
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn';

interface Runtime {
  ep: RuntimeApiEndpoint;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  initError: Promise<{ errorType: string; body: string }>;
  invoke(payload?: unknown, extra?: Partial<RuntimeInvocation>): Promise<InvocationOutcome & { requestId: string }>;
}

const running = new Set<Runtime>();

after(async () => {
  for (const rt of running) await stop(rt);
});

async function stop(rt: Runtime): Promise<void> {
  running.delete(rt);
  if (rt.child.exitCode === null && rt.child.signalCode === null) rt.child.kill('SIGKILL');
  await rt.exited;
  await rt.ep.close();
}

interface StartOptions {
  kind: 'node' | 'python' | 'ric';
  root: string;
  handler: string;
  env?: Record<string, string>;
}

/** Starts a runtime with a clean, explicit environment (nothing inherited from this process). */
async function start(o: StartOptions): Promise<Runtime> {
  let rejectInit: (e: Error) => void = () => {};
  let resolveInit: (v: { errorType: string; body: string }) => void = () => {};
  const initError = new Promise<{ errorType: string; body: string }>((res, rej) => {
    resolveInit = res;
    rejectInit = rej;
  });
  initError.catch(() => {});
  const ep = await RuntimeApiEndpoint.listen({ initError: (errorType, body) => resolveInit({ errorType, body: body.toString('utf8') }) });
  const taskRoot = join(FIXTURES, o.root);
  const env: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    AWS_LAMBDA_RUNTIME_API: ep.address,
    _HANDLER: o.handler,
    LAMBDA_TASK_ROOT: taskRoot,
    AWS_LAMBDA_FUNCTION_NAME: 'fixture-fn',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fixture-fn',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/22/[$LATEST]0123456789abcdef',
    AWS_REGION: 'us-east-1',
    ...(o.kind === 'python' ? { PYTHONDONTWRITEBYTECODE: '1' } : {}),
    ...o.env,
  };
  const [cmd, args] =
    o.kind === 'node'
      ? [process.execPath, [NODE_BOOTSTRAP]]
      : o.kind === 'python'
        ? [PYTHON, ['-u', PY_BOOTSTRAP]]
        : [process.execPath, [RIC, o.handler]];
  const child = spawn(cmd, args, { env, cwd: taskRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => {
      rejectInit(new Error(`runtime exited (${code ?? signal}) without an init error`));
      res({ code, signal });
    }),
  );
  const rt: Runtime = {
    ep,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    initError,
    async invoke(payload: unknown = {}, extra: Partial<RuntimeInvocation> = {}) {
      const requestId = extra.requestId ?? randomUUID();
      const outcome = await withTimeout(
        ep.dispatch({
          requestId,
          payload: Buffer.from(JSON.stringify(payload)),
          deadlineMs: Date.now() + 5000,
          invokedFunctionArn: ARN,
          ...extra,
        }),
        10_000,
        () => `invocation timed out; stdout:\n${out}\nstderr:\n${err}`,
      );
      return { ...outcome, requestId };
    },
  };
  running.add(rt);
  return rt;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(what())), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const json = (o: InvocationOutcome): any => JSON.parse(o.payload.toString('utf8'));

function expectResponse(o: InvocationOutcome): any {
  assert.equal(o.kind, 'response', `expected a response, got ${o.kind === 'error' ? `${o.errorType}: ${o.payload.toString()}` : ''}`);
  return json(o);
}

function expectError(o: InvocationOutcome, errorType: string): any {
  assert.equal(o.kind, 'error', `expected an error, got a response: ${o.payload.toString()}`);
  assert.equal(o.kind === 'error' && o.errorType, errorType);
  return json(o);
}

// ---------------------------------------------------------------------------------------------

describe('nodejs bootstrap: loading and context', () => {
  test('CommonJS: context fields as AWS fills them, module state across invocations, trace env', async () => {
    const rt = await start({ kind: 'node', root: 'node-cjs', handler: 'index.handler' });
    const o1 = await rt.invoke(
      { hello: 'world' },
      {
        traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1',
        clientContext: '{"custom":{"name":"Zoë"},"env":{},"client":{}}',
        cognitoIdentity: '{"cognitoIdentityId":"id1","cognitoIdentityPoolId":"pool1"}',
        tenantId: 'tenant-1',
      },
    );
    const r1 = expectResponse(o1);
    assert.equal(o1.kind === 'response' && o1.contentType, 'application/json');
    assert.deepEqual(r1.event, { hello: 'world' });
    assert.equal(r1.invocations, 1);
    assert.equal(r1.awsRequestId, o1.requestId);
    assert.equal(r1.functionName, 'fixture-fn');
    assert.equal(r1.functionVersion, '$LATEST');
    assert.equal(r1.invokedFunctionArn, ARN);
    assert.equal(r1.memoryLimitInMB, '256'); // a string, as AWS
    assert.equal(r1.logGroupName, '/aws/lambda/fixture-fn');
    assert.equal(r1.logStreamName, '2026/11/22/[$LATEST]0123456789abcdef');
    assert.deepEqual(r1.clientContext, { custom: { name: 'Zoë' }, env: {}, client: {} });
    assert.deepEqual(r1.identity, { cognitoIdentityId: 'id1', cognitoIdentityPoolId: 'pool1' });
    assert.equal(r1.tenantId, 'tenant-1');
    assert.ok(r1.remainingMs > 3000 && r1.remainingMs <= 5000, `remainingMs ${r1.remainingMs}`);
    assert.equal(r1.callbackWaitsForEmptyEventLoop, true);
    assert.equal(r1.traceEnv, 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1');
    assert.equal(r1.hasLegacy, true);

    const r2 = expectResponse(await rt.invoke({ n: 2 }));
    assert.equal(r2.invocations, 2, 'module state persists in one process');
    assert.equal(r2.traceEnv, null, '_X_AMZN_TRACE_ID is cleared when the invocation has none');
    assert.equal(r2.clientContext, undefined);
    assert.equal(r2.identity, undefined);
    await stop(rt);
  });

  test('a 5 MB event and result pass through the runtime client intact', async () => {
    const rt = await start({ kind: 'node', root: 'node-cjs', handler: 'index.handler' });
    const big = 'é'.repeat(2_500_000); // 5 MB of UTF-8
    const r = expectResponse(await rt.invoke({ big }));
    assert.equal(r.event.big, big);
    assert.equal(expectResponse(await rt.invoke({ small: true })).invocations, 2);
    await stop(rt);
  });

  test('nested handler path (index.nested.deeper.handler)', async () => {
    const rt = await start({ kind: 'node', root: 'node-cjs', handler: 'index.nested.deeper.handler' });
    assert.equal(expectResponse(await rt.invoke()), 'nested ok');
    await stop(rt);
  });

  test('ES module (.mjs)', async () => {
    const rt = await start({ kind: 'node', root: 'node-esm-mjs', handler: 'index.handler' });
    const r1 = expectResponse(await rt.invoke({ a: 1 }));
    assert.equal(r1.kind, 'mjs');
    assert.equal(r1.esm, true);
    assert.equal(r1.count, 1);
    assert.equal(expectResponse(await rt.invoke()).count, 2);
    await stop(rt);
  });

  test('ES module (.js under "type": "module", handler in a subdirectory)', async () => {
    const rt = await start({ kind: 'node', root: 'node-esm-type-module', handler: 'src/app.lambdaHandler' });
    const r = expectResponse(await rt.invoke({ b: 2 }));
    assert.deepEqual(r, { kind: 'type-module', esm: true, helper: 'helped', event: { b: 2 } });
    await stop(rt);
  });

  test('console output: "<ISO time>\\t<requestId>\\t<LEVEL>\\t<message>", one line per call', async () => {
    const rt = await start({ kind: 'node', root: 'node-cjs', handler: 'index.logs' });
    const o = await rt.invoke();
    assert.equal(expectResponse(o), 'logged');
    const id = o.requestId;
    await waitFor(() => rt.stdout().includes('\tDEBUG\t'), 'log lines');
    const lines = rt.stdout().split('\n').filter((l) => l.includes(id));
    const ts = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    assert.equal(lines.length, 5, rt.stdout());
    assert.match(lines[0] as string, new RegExp(`^${ts}\\t${id}\\tINFO\\thello world \\{ a: 1 \\}$`));
    assert.match(lines[1] as string, new RegExp(`^${ts}\\t${id}\\tINFO\\tmulti\\rline$`));
    assert.match(lines[2] as string, new RegExp(`^${ts}\\t${id}\\tWARN\\tcareful$`));
    assert.match(lines[3] as string, new RegExp(`^${ts}\\t${id}\\tERROR\\tbad logged error$`));
    assert.match(lines[4] as string, new RegExp(`^${ts}\\t${id}\\tDEBUG\\tdetails$`));
    await stop(rt);
  });

  test('AWS_LAMBDA_LOG_LEVEL filters and AWS_LAMBDA_LOG_FORMAT=JSON structures console output', async () => {
    const rt = await start({ kind: 'node', root: 'node-cjs', handler: 'index.logs', env: { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'WARN' } });
    const o = await rt.invoke();
    await waitFor(() => rt.stdout().includes('"ERROR"'), 'json log lines');
    const lines = rt.stdout().trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.level, l.requestId, l.message]),
      [
        ['WARN', o.requestId, 'careful'],
        ['ERROR', o.requestId, 'bad logged error'],
      ],
    );
    assert.match(lines[0].timestamp, /Z$/);
    await stop(rt);
  });
});

describe('nodejs bootstrap: callbacks and the event loop', () => {
  test('callback with callbackWaitsForEmptyEventLoop (default true) answers once pending work drains', async () => {
    const rt = await start({ kind: 'node', root: 'node-callback', handler: 'index.waits' });
    await rt.invoke(); // warm
    const t = Date.now();
    const r = expectResponse(await rt.invoke());
    const elapsed = Date.now() - t;
    assert.deepEqual(r, { state: 'before-timer', waits: true });
    assert.ok(elapsed >= 250, `answered after ${elapsed} ms, before the 300 ms timer drained`);
    await stop(rt);
  });

  test('callbackWaitsForEmptyEventLoop = false answers at once, pending work keeps running', async () => {
    const rt = await start({ kind: 'node', root: 'node-callback', handler: 'index.nowait' });
    await rt.invoke();
    const t = Date.now();
    const r = expectResponse(await rt.invoke());
    assert.ok(Date.now() - t < 250, 'did not wait for the timer');
    assert.equal(r.waits, false);
    await stop(rt);
  });

  test('callback called later, callback(error), only the first callback counts', async () => {
    const later = await start({ kind: 'node', root: 'node-callback', handler: 'index.later' });
    assert.deepEqual(expectResponse(await later.invoke({ x: 1 })), { delayed: true, event: { x: 1 } });
    await stop(later);

    const failing = await start({ kind: 'node', root: 'node-callback', handler: 'index.error' });
    const e = expectError(await failing.invoke(), 'TypeError');
    assert.equal(e.errorMessage, 'callback failure');
    assert.equal(e.trace[0], 'TypeError: callback failure');
    await stop(failing);

    const twice = await start({ kind: 'node', root: 'node-callback', handler: 'index.twice' });
    assert.equal(expectResponse(await twice.invoke()), 'first');
    assert.equal(expectResponse(await twice.invoke()), 'first');
    await stop(twice);
  });

  test('legacy context.succeed / context.fail / context.done', async () => {
    const s = await start({ kind: 'node', root: 'node-callback', handler: 'index.succeed' });
    assert.deepEqual(expectResponse(await s.invoke()), { legacy: 'succeed' });
    await stop(s);
    const f = await start({ kind: 'node', root: 'node-callback', handler: 'index.fail' });
    assert.equal(expectError(await f.invoke(), 'Error').errorMessage, 'legacy fail');
    await stop(f);
    const d = await start({ kind: 'node', root: 'node-callback', handler: 'index.done' });
    assert.deepEqual(expectResponse(await d.invoke()), { legacy: 'done' });
    await stop(d);
  });

  test('a handler that neither returns a promise nor calls back answers null once the loop drains', async () => {
    const rt = await start({ kind: 'node', root: 'node-callback', handler: 'index.nothing' });
    assert.equal(expectResponse(await rt.invoke()), null);
    assert.equal(expectResponse(await rt.invoke()), null);
    await stop(rt);
  });
});

describe('nodejs bootstrap: errors', () => {
  test('handler throw → {errorType, errorMessage, trace}; the process keeps serving', async () => {
    const rt = await start({ kind: 'node', root: 'node-errors', handler: 'index.throws' });
    const o = await rt.invoke();
    const e = expectError(o, 'MyError');
    assert.deepEqual(Object.keys(e), ['errorType', 'errorMessage', 'trace']);
    assert.equal(e.errorMessage, 'boom');
    assert.equal(e.trace[0], 'MyError: boom');
    assert.match(e.trace[1], /at exports\.throws \[as handler\] \(.*node-errors\/index\.js:\d+:\d+\)/);
    await waitFor(() => rt.stdout().includes('Invoke Error'), 'error log');
    assert.match(rt.stdout(), new RegExp(`\\t${o.requestId}\\tERROR\\tInvoke Error \\t\\{"errorType":"MyError","errorMessage":"boom"`));
    expectError(await rt.invoke(), 'MyError');
    await stop(rt);
  });

  test('synchronous throw, thrown string, unserializable result', async () => {
    const sync = await start({ kind: 'node', root: 'node-errors', handler: 'index.throwsSync' });
    assert.equal(expectError(await sync.invoke(), 'RangeError').errorMessage, 'sync boom');
    await stop(sync);
    const str = await start({ kind: 'node', root: 'node-errors', handler: 'index.throwString' });
    assert.deepEqual(expectError(await str.invoke(), 'string'), { errorType: 'string', errorMessage: 'just a string', trace: [] });
    await stop(str);
    const circ = await start({ kind: 'node', root: 'node-errors', handler: 'index.unserializable' });
    assert.equal(expectError(await circ.invoke(), 'Error').errorMessage, 'Unable to stringify response body');
    await stop(circ);
  });

  test('uncaught exception during an invocation → error posted, exit 129', async () => {
    const rt = await start({ kind: 'node', root: 'node-errors', handler: 'index.uncaught' });
    const o = await rt.invoke();
    const e = expectError(o, 'Error');
    assert.equal(e.errorMessage, 'uncaught boom');
    assert.equal((await rt.exited).code, 129);
    assert.match(rt.stdout(), new RegExp(`\\t${o.requestId}\\tERROR\\tUncaught Exception \\t\\{"errorType":"Error","errorMessage":"uncaught boom"`));
    await stop(rt);
  });

  test('unhandled rejection during an invocation → Runtime.UnhandledPromiseRejection, exit 128 (as AWS)', async () => {
    const rt = await start({ kind: 'node', root: 'node-errors', handler: 'index.rejection' });
    const e = expectError(await rt.invoke(), 'Runtime.UnhandledPromiseRejection');
    assert.equal(e.errorMessage, 'Error: rejected boom');
    assert.equal(e.trace[0], 'Runtime.UnhandledPromiseRejection: Error: rejected boom');
    assert.equal((await rt.exited).code, 128);
    await stop(rt);
  });

  const initCases: [string, string, string, RegExp][] = [
    ['missing module', 'nope.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module 'nope'\nRequire stack:\n- /],
    ['missing dependency', 'missingdep.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module 'definitely-not-installed-xyz'/],
    ['missing export', 'index.missing', 'Runtime.HandlerNotFound', /^index\.missing is undefined or not exported$/],
    ['export not a function', 'index.notAFunction', 'Runtime.HandlerNotFound', /^index\.notAFunction is not a function$/],
    ['CommonJS syntax error', 'syntax.handler', 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
    ['ES module syntax error', 'esmsyntax.handler', 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
    ['no function part', 'index', 'Runtime.MalformedHandlerName', /^Bad handler$/],
    ['relative path', '../node-cjs/index.handler', 'Runtime.MalformedHandlerName', /is not a valid handler name\. Use absolute paths/],
  ];
  for (const [label, handler, errorType, message] of initCases) {
    test(`init failure (${label}) → /runtime/init/error ${errorType}, exit 129`, async () => {
      const rt = await start({ kind: 'node', root: 'node-errors', handler });
      const init = await rt.initError;
      assert.equal(init.errorType, errorType);
      const body = JSON.parse(init.body);
      assert.equal(body.errorType, errorType);
      assert.match(body.errorMessage, message);
      assert.ok(Array.isArray(body.trace) && String(body.trace[0]).startsWith(`${errorType}: `), init.body);
      assert.equal((await rt.exited).code, 129);
      assert.match(rt.stdout(), /\tundefined\tERROR\tUncaught Exception \t\{/);
      // The invoke layer's dispatch gets the init failure.
      expectError(await rt.invoke(), errorType);
      await stop(rt);
    });
  }

  test('init failure (module throws) → init error with the raw type in the body, exit 129', async () => {
    const rt = await start({ kind: 'node', root: 'node-errors', handler: 'initthrow.handler' });
    const init = await rt.initError;
    assert.equal(init.errorType, 'Runtime.Unknown'); // header "Error", normalized as RIE does
    const body = JSON.parse(init.body);
    assert.equal(body.errorType, 'Error');
    assert.equal(body.errorMessage, 'init failed');
    assert.equal((await rt.exited).code, 129);
    assert.match(rt.stdout(), /\tundefined\tINFO\tinitializing\n/);
    await stop(rt);
  });
});

describe('nodejs bootstrap: response streaming', () => {
  test('awslambda.streamifyResponse: streamed body, then a mid-stream failure via trailers', async () => {
    const rt = await start({ kind: 'node', root: 'node-esm-mjs', handler: 'stream.handler' });
    const ok = await rt.invoke({});
    assert.equal(ok.kind, 'response');
    assert.equal(ok.payload.toString(), 'chunk1 chunk2');
    assert.equal(ok.kind === 'response' && ok.contentType, 'text/plain');
    const failed = await rt.invoke({ fail: true });
    const e = expectError(failed, 'Runtime.Unknown');
    assert.equal(e.errorType, 'Error');
    assert.equal(e.errorMessage, 'mid-stream failure');
    assert.equal((await rt.invoke({})).payload.toString(), 'chunk1 chunk2', 'still serving');
    await stop(rt);
  });
});

// ---------------------------------------------------------------------------------------------

describe('python bootstrap', () => {
  test('context fields, module state, trace env, dotted and slashed module paths', async () => {
    const rt = await start({ kind: 'python', root: 'python-basic', handler: 'app.handler' });
    const o1 = await rt.invoke(
      { hello: 'world' },
      {
        traceId: 'Root=1-abc',
        clientContext: '{"custom":{"name":"Zoë"},"env":{},"client":{"app_title":"t"}}',
        cognitoIdentity: '{"cognitoIdentityId":"id1","cognitoIdentityPoolId":"pool1"}',
      },
    );
    const r1 = expectResponse(o1);
    assert.deepEqual(r1.event, { hello: 'world' });
    assert.equal(r1.invocations, 1);
    assert.equal(r1.aws_request_id, o1.requestId);
    assert.equal(r1.function_name, 'fixture-fn');
    assert.equal(r1.function_version, '$LATEST');
    assert.equal(r1.invoked_function_arn, ARN);
    assert.equal(r1.memory_limit_in_mb, '256');
    assert.equal(r1.log_group_name, '/aws/lambda/fixture-fn');
    assert.equal(r1.log_stream_name, '2026/11/22/[$LATEST]0123456789abcdef');
    assert.deepEqual(r1.client_context_custom, { name: 'Zoë' });
    assert.equal(r1.client_context_app_title, 't');
    assert.equal(r1.identity_id, 'id1');
    assert.equal(r1.identity_pool_id, 'pool1');
    assert.ok(r1.remaining_ms > 3000 && r1.remaining_ms <= 5000, `remaining ${r1.remaining_ms}`);
    assert.equal(r1.trace_env, 'Root=1-abc');
    const r2 = expectResponse(await rt.invoke({}));
    assert.equal(r2.invocations, 2);
    assert.equal(r2.trace_env, null);
    assert.equal(r2.client_context_custom, null);
    await stop(rt);

    const big = 'é'.repeat(2_500_000);
    const rb = await start({ kind: 'python', root: 'python-basic', handler: 'pkg.mod.handler' });
    assert.equal(expectResponse(await rb.invoke({ big })).event.big, big, 'a 5 MB event and result pass intact');
    await stop(rb);

    for (const handler of ['pkg/mod.handler', 'pkg.mod.handler']) {
      const p = await start({ kind: 'python', root: 'python-basic', handler });
      assert.deepEqual(expectResponse(await p.invoke({ x: 1 })), { module: 'pkg.mod', event: { x: 1 } });
      await stop(p);
    }
  });

  test('logging root logger format, print to stdout, bytes results', async () => {
    const rt = await start({ kind: 'python', root: 'python-basic', handler: 'app.logs' });
    const o = await rt.invoke();
    assert.equal(expectResponse(o), 'logged');
    await waitFor(() => rt.stdout().includes('multi'), 'log lines');
    const out = rt.stdout();
    const ts = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    assert.match(out, /^printed line\n/m);
    assert.match(out, new RegExp(`^\\[WARNING\\]\\t${ts}\\t${o.requestId}\\twarned here\\n`, 'm'));
    assert.match(out, new RegExp(`^\\[ERROR\\]\\t${ts}\\t${o.requestId}\\tmulti\\nline\\n`, 'm'));
    assert.doesNotMatch(out, /info is below/, 'root logger stays at WARNING, as on AWS');
    await stop(rt);

    const b = await start({ kind: 'python', root: 'python-basic', handler: 'app.raw_bytes' });
    const ob = await b.invoke();
    assert.equal(ob.kind === 'response' && ob.contentType, 'application/unknown');
    assert.deepEqual(ob.payload, Buffer.from('\x00raw', 'latin1'));
    await stop(b);
  });

  test('handler exception → {errorMessage, errorType, requestId, stackTrace}; the process keeps serving', async () => {
    const rt = await start({ kind: 'python', root: 'python-errors', handler: 'handlers.raises' });
    const o = await rt.invoke();
    const e = expectError(o, 'MyError');
    assert.deepEqual(Object.keys(e), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    assert.equal(e.errorMessage, 'boom');
    assert.equal(e.requestId, o.requestId);
    assert.equal(e.stackTrace.length, 2);
    assert.match(e.stackTrace[0], /^ {2}File ".*python-errors\/handlers\.py", line \d+, in raises\n {4}_inner\(\)\n$/);
    assert.match(e.stackTrace[1], /^ {2}File ".*python-errors\/handlers\.py", line \d+, in _inner\n {4}raise MyError\("boom"\)\n$/);
    await waitFor(() => rt.stdout().includes('[ERROR] MyError: boom'), 'error log');
    assert.match(rt.stdout(), /\[ERROR\] MyError: boom\nTraceback \(most recent call last\):\n {2}File /);
    expectError(await rt.invoke(), 'MyError');
    await stop(rt);
  });

  test('non-serializable result → Runtime.MarshalError; missing handler → Runtime.HandlerNotFound on each invocation', async () => {
    const m = await start({ kind: 'python', root: 'python-errors', handler: 'handlers.unserializable' });
    const e = expectError(await m.invoke(), 'Runtime.MarshalError');
    assert.equal(e.errorMessage, 'Unable to marshal response: Object of type set is not JSON serializable');
    assert.deepEqual(e.stackTrace, []);
    await stop(m);

    const h = await start({ kind: 'python', root: 'python-errors', handler: 'handlers.nope' });
    assert.equal(expectError(await h.invoke(), 'Runtime.HandlerNotFound').errorMessage, "Handler 'nope' missing on module 'handlers'");
    assert.equal(expectError(await h.invoke(), 'Runtime.HandlerNotFound').errorMessage, "Handler 'nope' missing on module 'handlers'");
    await stop(h);
  });

  const pyInit: [string, string, string, RegExp][] = [
    ['missing module', 'nomodule.handler', 'Runtime.ImportModuleError', /^Unable to import module 'nomodule': No module named 'nomodule'$/],
    ['missing dependency', 'missing_dep.handler', 'Runtime.ImportModuleError', /^Unable to import module 'missing_dep': No module named 'definitely_not_installed_xyz'$/],
    ['syntax error', 'syntax_error.handler', 'Runtime.UserCodeSyntaxError', /^Syntax error in module 'syntax_error': /],
    ['no function part', 'nodots', 'Runtime.MalformedHandlerName', /^Bad handler 'nodots'/],
  ];
  for (const [label, handler, errorType, message] of pyInit) {
    test(`init failure (${label}) → /runtime/init/error ${errorType}, exit 1`, async () => {
      const rt = await start({ kind: 'python', root: 'python-errors', handler });
      const init = await rt.initError;
      assert.equal(init.errorType, errorType);
      const body = JSON.parse(init.body);
      assert.equal(body.errorType, errorType);
      assert.match(body.errorMessage, message);
      assert.equal(body.requestId, '');
      assert.equal((await rt.exited).code, 1);
      assert.match(rt.stdout(), new RegExp(`\\[ERROR\\] ${errorType.replace('.', '\\.')}: `));
      await stop(rt);
    });
  }

  test('init failure (module raises) → init error with the exception type in the body, exit 1', async () => {
    const rt = await start({ kind: 'python', root: 'python-errors', handler: 'init_raises.handler' });
    const init = await rt.initError;
    assert.equal(init.errorType, 'Runtime.Unknown');
    const body = JSON.parse(init.body);
    assert.equal(body.errorType, 'ValueError');
    assert.equal(body.errorMessage, 'init failed');
    assert.match(body.stackTrace.at(-1), /init_raises\.py", line 2, in <module>\n {4}raise ValueError\("init failed"\)\n$/);
    assert.equal((await rt.exited).code, 1);
    assert.match(rt.stdout(), /^initializing\n/);
    await stop(rt);
  });
});

// ---------------------------------------------------------------------------------------------

describe("AWS's aws-lambda-ric against the endpoint", () => {
  const skip = ricSkipReason();
  if (skip) console.log(`# skipping aws-lambda-ric tests: ${skip}`);

  test('success, with every context field from the invocation headers', { skip }, async () => {
    const rt = await start({ kind: 'ric', root: 'node-cjs', handler: 'index.handler' });
    const o = await rt.invoke(
      { via: 'ric' },
      { traceId: 'Root=1-ric', clientContext: '{"custom":{"a":1}}', cognitoIdentity: '{"cognitoIdentityId":"id1","cognitoIdentityPoolId":"pool1"}' },
    );
    const r = expectResponse(o);
    assert.deepEqual(r.event, { via: 'ric' });
    assert.equal(r.awsRequestId, o.requestId);
    assert.equal(r.invokedFunctionArn, ARN);
    assert.equal(r.memoryLimitInMB, '256');
    assert.deepEqual(r.clientContext, { custom: { a: 1 } });
    assert.deepEqual(r.identity, { cognitoIdentityId: 'id1', cognitoIdentityPoolId: 'pool1' });
    assert.equal(r.traceEnv, 'Root=1-ric');
    assert.equal(expectResponse(await rt.invoke()).invocations, 2);
    await stop(rt);
  });

  test('handler throw (no error-type header: the type comes from the body)', { skip }, async () => {
    const rt = await start({ kind: 'ric', root: 'node-errors', handler: 'index.throws' });
    const e = expectError(await rt.invoke(), 'MyError');
    assert.equal(e.errorMessage, 'boom');
    assert.equal(e.trace[0], 'MyError: boom');
    expectError(await rt.invoke(), 'MyError');
    await stop(rt);
  });

  test('init error: /runtime/init/error, exit 129', { skip }, async () => {
    const rt = await start({ kind: 'ric', root: 'node-errors', handler: 'initthrow.handler' });
    const init = await rt.initError;
    assert.equal(init.errorType, 'Runtime.Unknown');
    assert.equal(JSON.parse(init.body).errorMessage, 'init failed');
    assert.equal((await rt.exited).code, 129);
    const missing = await start({ kind: 'ric', root: 'node-errors', handler: 'nope.handler' });
    assert.equal((await missing.initError).errorType, 'Runtime.ImportModuleError');
    assert.equal((await missing.exited).code, 129);
    await stop(rt);
    await stop(missing);
  });

  test('our bootstrap and aws-lambda-ric report the same error document for a handler throw', { skip }, async () => {
    const ours = await start({ kind: 'node', root: 'node-errors', handler: 'index.throws' });
    const theirs = await start({ kind: 'ric', root: 'node-errors', handler: 'index.throws' });
    const a = json(await ours.invoke());
    const b = json(await theirs.invoke());
    assert.deepEqual(Object.keys(a), Object.keys(b));
    assert.equal(a.errorType, b.errorType);
    assert.equal(a.errorMessage, b.errorMessage);
    assert.equal(a.trace[0], b.trace[0]);
    assert.equal(a.trace[1], b.trace[1]);
    await stop(ours);
    await stop(theirs);
  });
});
