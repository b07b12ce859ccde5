// Synchronous Invoke end to end: real server, real runtimes in real execution
// environments, driven by the AWS SDK v3.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  InvokeCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
  type CreateFunctionCommandInput,
  type InvokeCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import Database from 'better-sqlite3';
import { deployFunction, lambdaClient, makeZip, startServer, type TestServer, type ZipFiles } from '../helpers/lambent.js';
import { RIC_DIR, ricSkipReason } from '../helpers/ric.js';

let server: TestServer;
let lambda: LambdaClient;
let sandboxed = false;

before(async () => {
  server = await startServer({ args: ['--idle-timeout', '60'] });
  lambda = lambdaClient(server.url);
  const health = (await (await fetch(`${server.url}/health`)).json()) as { sandbox: { sandbox: string } };
  sandboxed = health.sandbox.sandbox === 'bubblewrap';
});
after(async () => {
  lambda.destroy();
  await server.dispose();
});

const deploy = (name: string, files: ZipFiles, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> =>
  deployFunction(lambda, name, files, extra);

async function invoke(name: string, event: unknown = {}, extra: { LogType?: 'Tail'; ClientContext?: string } = {}): Promise<InvokeCommandOutput & { json: () => any }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), ...extra }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handler results are free-form JSON
  return Object.assign(out, { json: (): any => JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) });
}

const tailOf = (out: InvokeCommandOutput): string => Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');

describe('Node.js runtime', () => {
  test('CommonJS async handler: payload, status, executed version, context and env', async () => {
    await deploy('node-cjs', {
      'index.js': `
        let count = 0;
        exports.handler = async (event, context) => {
          count++;
          console.log('hello from handler', JSON.stringify(event));
          return {
            event, count,
            ctx: {
              functionName: context.functionName, functionVersion: context.functionVersion,
              invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
              awsRequestId: context.awsRequestId, logGroupName: context.logGroupName, logStreamName: context.logStreamName,
              remaining: context.getRemainingTimeInMillis(), clientContext: context.clientContext,
            },
            env: process.env,
            cwd: process.cwd(),
          };
        };`,
    }, { Environment: { Variables: { MY_VAR: 'mine' } }, MemorySize: 256, Timeout: 7 });
    const cc = Buffer.from(JSON.stringify({ custom: { a: 1 } })).toString('base64');
    const out = await invoke('node-cjs', { hello: 'world' }, { LogType: 'Tail', ClientContext: cc });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, undefined);
    assert.equal(out.ExecutedVersion, '$LATEST');
    const r = out.json();
    assert.deepEqual(r.event, { hello: 'world' });
    assert.equal(r.count, 1);
    assert.equal(r.ctx.functionName, 'node-cjs');
    assert.equal(r.ctx.functionVersion, '$LATEST');
    assert.equal(r.ctx.invokedFunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:node-cjs');
    assert.equal(String(r.ctx.memoryLimitInMB), '256');
    assert.equal(r.ctx.awsRequestId, out.$metadata.requestId);
    assert.equal(r.ctx.logGroupName, '/aws/lambda/node-cjs');
    assert.match(r.ctx.logStreamName, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.ok(r.ctx.remaining > 5000 && r.ctx.remaining <= 7000, `remaining ${r.ctx.remaining}`);
    assert.deepEqual(r.ctx.clientContext?.custom ?? r.ctx.clientContext?.Custom, { a: 1 });
    const env = r.env as Record<string, string>;
    assert.equal(env['MY_VAR'], 'mine');
    assert.equal(env['AWS_LAMBDA_FUNCTION_NAME'], 'node-cjs');
    assert.equal(env['AWS_LAMBDA_FUNCTION_VERSION'], '$LATEST');
    assert.equal(env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'], '256');
    assert.equal(env['AWS_REGION'], 'us-east-1');
    assert.equal(env['AWS_DEFAULT_REGION'], 'us-east-1');
    assert.equal(env['AWS_EXECUTION_ENV'], 'AWS_Lambda_nodejs20.x');
    assert.equal(env['_HANDLER'], 'index.handler');
    assert.equal(env['TZ'], ':UTC');
    assert.ok(env['AWS_LAMBDA_RUNTIME_API']);
    assert.ok(env['PATH'] && env['LD_LIBRARY_PATH'] && env['NODE_PATH']);
    if (sandboxed) {
      assert.equal(env['LAMBDA_TASK_ROOT'], '/var/task');
      assert.equal(env['LAMBDA_RUNTIME_DIR'], '/var/runtime');
      assert.equal(r.cwd, '/var/task');
    }
    for (const leaked of ['LAMBENT_TEST', 'NODE_EXTRA_CA_CERTS', 'HOME_LAMBENT', 'npm_lifecycle_event', 'SHELL']) {
      assert.equal(env[leaked], undefined, `${leaked} leaked into the function`);
    }
    const tail = tailOf(out);
    assert.match(tail, new RegExp(`START RequestId: ${out.$metadata.requestId} Version: \\$LATEST`));
    assert.match(tail, /\tINFO\thello from handler \{"hello":"world"\}/);
    assert.match(tail, new RegExp(`END RequestId: ${out.$metadata.requestId}`));
    assert.match(
      tail,
      /REPORT RequestId: \S+\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t/,
    );
  });

  test('warm reuse keeps module state; no Init Duration on a warm invoke', async () => {
    const second = await invoke('node-cjs', {}, { LogType: 'Tail' });
    assert.equal(second.json().count, 2);
    assert.doesNotMatch(tailOf(second), /Init Duration/);
  });

  test('a code update gives a cold start with the new code', async () => {
    await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'node-cjs', ZipFile: makeZip({ 'index.js': 'let n = 0; exports.handler = async () => ({ v: 2, n: ++n });' }) }),
    );
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'node-cjs' });
    const out = await invoke('node-cjs', {}, { LogType: 'Tail' });
    assert.deepEqual(out.json(), { v: 2, n: 1 });
    assert.match(tailOf(out), /Init Duration/);
  });

  test('ES modules: .mjs and "type": "module"', async () => {
    await deploy('node-mjs', { 'index.mjs': 'export const handler = async (e) => ({ esm: true, e });' });
    assert.deepEqual((await invoke('node-mjs', { x: 1 })).json(), { esm: true, e: { x: 1 } });
    await deploy('node-typemodule', {
      'package.json': '{"type":"module"}',
      'src/app.js': 'import { x } from "./lib.js"; export async function lambdaHandler() { return { x }; }',
      'src/lib.js': 'export const x = 42;',
    }, { Handler: 'src/app.lambdaHandler' });
    assert.deepEqual((await invoke('node-typemodule')).json(), { x: 42 });
  });

  test('callback handlers', async () => {
    await deploy('node-callback', {
      'index.js': 'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { cb: event.v }), 10); };',
    });
    assert.deepEqual((await invoke('node-callback', { v: 'yes' })).json(), { cb: 'yes' });
  });

  test('handler errors: Unhandled with errorType, errorMessage, trace', async () => {
    await deploy('node-throws', {
      'index.js': 'class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }\nexports.handler = async () => { throw new MyError("boom"); };',
    });
    const out = await invoke('node-throws');
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    const err = out.json();
    assert.equal(err.errorType, 'MyError');
    assert.equal(err.errorMessage, 'boom');
    assert.ok(Array.isArray(err.trace) && err.trace.length > 0);
  });

  const initErrors: [string, ZipFiles, string, string][] = [
    ['missing module', { 'other.js': '' }, 'index.handler', 'Runtime.ImportModuleError'],
    ['missing handler', { 'index.js': 'exports.other = async () => 1;' }, 'index.handler', 'Runtime.HandlerNotFound'],
    ['syntax error', { 'index.js': 'exports.handler = async () => { return 1 +; };' }, 'index.handler', 'Runtime.UserCodeSyntaxError'],
  ];
  for (const [label, files, handler, type] of initErrors) {
    test(`init failure: ${label} → ${type}`, async () => {
      const name = `node-init-${label.replace(/\W/g, '')}`;
      await deploy(name, files, { Handler: handler });
      const out = await invoke(name, {}, { LogType: 'Tail' });
      assert.equal(out.FunctionError, 'Unhandled');
      assert.equal(out.json().errorType, type);
      assert.match(tailOf(out), /REPORT RequestId/);
    });
  }

  test('uncaught exception and process.exit end the environment with AWS errors', async () => {
    await deploy('node-crash', {
      'index.js': `exports.handler = async (e) => {
        if (e.mode === 'exit') process.exit(3);
        if (e.mode === 'uncaught') { setTimeout(() => { throw new Error('later'); }, 1); return new Promise(() => {}); }
        return 'ok';
      };`,
    });
    const exited = await invoke('node-crash', { mode: 'exit' });
    assert.equal(exited.FunctionError, 'Unhandled');
    assert.equal(exited.json().errorType, 'Runtime.ExitError');
    assert.match(exited.json().errorMessage, /^RequestId: \S+ Error: Runtime exited with error: exit status 3$/);
    const uncaught = await invoke('node-crash', { mode: 'uncaught' });
    assert.equal(uncaught.FunctionError, 'Unhandled');
    assert.ok(['Error', 'Runtime.ExitError'].includes(uncaught.json().errorType), uncaught.json().errorType);
    assert.equal((await invoke('node-crash', {})).json(), 'ok');
  });

  test('timeout → Sandbox.Timedout after the configured seconds', async () => {
    // A timer keeps the event loop busy: a bare never-settling promise would let Node's runtime answer null, as on AWS.
    await deploy('node-slow', { 'index.js': 'exports.handler = () => new Promise(() => setInterval(() => {}, 1000));' }, { Timeout: 1 });
    const t0 = Date.now();
    const out = await invoke('node-slow', {}, { LogType: 'Tail' });
    const took = Date.now() - t0;
    assert.equal(out.FunctionError, 'Unhandled');
    assert.deepEqual(Object.keys(out.json()).sort(), ['errorMessage', 'errorType']);
    assert.equal(out.json().errorType, 'Sandbox.Timedout');
    assert.match(out.json().errorMessage, /^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/);
    assert.ok(took >= 1000 && took < 5000, `took ${took} ms`);
    assert.match(tailOf(out), /Task timed out after 1\.00 seconds/);
    assert.match(tailOf(out), /Status: timeout/);
  });

  test('response over 6 MB → Function.ResponseSizeTooLarge', async () => {
    await deploy('node-big', { 'index.js': 'exports.handler = async () => "x".repeat(6 * 1024 * 1024 + 200);' });
    const out = await invoke('node-big');
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(out.json().errorType, 'Function.ResponseSizeTooLarge');
    assert.match(out.json().errorMessage, /Response payload size exceeded maximum allowed payload size \(6291556 bytes\)/);
  });
});

describe('Python runtime', () => {
  test('module.function handler, context, errors', async () => {
    await deploy('py-basic', {
      'app.py': [
        'import json, os',
        'count = 0',
        'def handler(event, context):',
        '    global count',
        '    count += 1',
        '    print("python says", json.dumps(event))',
        '    return {"event": event, "count": count, "name": context.function_name, "rid": context.aws_request_id,',
        '            "remaining": context.get_remaining_time_in_millis(), "mem": context.memory_limit_in_mb,',
        '            "env": os.environ.get("AWS_LAMBDA_FUNCTION_NAME")}',
        'def fails(event, context):',
        '    raise ValueError("bad value")',
      ].join('\n'),
    }, { Runtime: 'python3.12', Handler: 'app.handler' });
    const out = await invoke('py-basic', { a: 1 }, { LogType: 'Tail' });
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
    const r = out.json();
    assert.deepEqual(r.event, { a: 1 });
    assert.equal(r.count, 1);
    assert.equal(r.name, 'py-basic');
    assert.equal(r.rid, out.$metadata.requestId);
    assert.equal(String(r.mem), '128');
    assert.equal(r.env, 'py-basic');
    assert.match(tailOf(out), /python says \{"a": 1\}/);
    assert.equal((await invoke('py-basic')).json().count, 2);

    await deploy('py-fails', { 'app.py': 'def fails(event, context):\n    raise ValueError("bad value")\n' }, { Runtime: 'python3.12', Handler: 'app.fails' });
    const err = await invoke('py-fails');
    assert.equal(err.FunctionError, 'Unhandled');
    assert.equal(err.json().errorType, 'ValueError');
    assert.equal(err.json().errorMessage, 'bad value');
    assert.ok(Array.isArray(err.json().stackTrace));
    assert.equal(err.json().requestId, err.$metadata.requestId);

    await deploy('py-noimport', { 'app.py': 'x = 1\n' }, { Runtime: 'python3.12', Handler: 'missing.handler' });
    assert.equal((await invoke('py-noimport')).json().errorType, 'Runtime.ImportModuleError');
  });
});

describe('custom runtimes', () => {
  test('provided.al2023 with a shell bootstrap speaking the Runtime API', async () => {
    const bootstrap = `#!/bin/sh
set -eu
while true; do
  HEADERS=$(mktemp)
  EVENT=$(curl -sS -D "$HEADERS" "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next")
  ID=$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  echo "shell got $EVENT"
  curl -sS -o /dev/null -X POST "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$ID/response" -d "{\\"shell\\":$EVENT}"
done
`;
    await deploy('shell-fn', { bootstrap: { content: bootstrap, mode: 0o755 } }, { Runtime: 'provided.al2023', Handler: 'unused' });
    const out = await invoke('shell-fn', { q: 1 }, { LogType: 'Tail' });
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
    assert.deepEqual(out.json(), { shell: { q: 1 } });
    assert.match(tailOf(out), /shell got \{"q":1\}/);
  });

  test('provided.al2023 running the official aws-lambda-ric', async (t) => {
    const skip = ricSkipReason();
    if (skip) {
      t.skip(skip);
      return;
    }
    // The package goes into the zip as node_modules/aws-lambda-ric/..., as a user would ship it.
    const ric = 'node_modules/aws-lambda-ric';
    const files: ZipFiles = {
      bootstrap: { content: `#!/bin/sh\ncd /var/task 2>/dev/null || cd "$LAMBDA_TASK_ROOT"\nexec ${process.execPath} ./${ric}/bin/index.mjs "$_HANDLER"\n`, mode: 0o755 },
      'index.js': 'exports.handler = async (e, ctx) => ({ ric: true, e, rid: ctx.awsRequestId });\nexports.fails = async () => { throw new TypeError("ric boom"); };',
    };
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else files[`${ric}/${relative(RIC_DIR, p)}`] = { content: readFileSync(p), mode: statSync(p).mode & 0o777 };
      }
    };
    files[`${ric}/package.json`] = readFileSync(join(RIC_DIR, 'package.json'));
    walk(join(RIC_DIR, 'bin'));
    walk(join(RIC_DIR, 'dist'));
    await deploy('ric-fn', files, { Runtime: 'provided.al2023', Handler: 'index.handler' });
    const out = await invoke('ric-fn', { r: 1 });
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
    assert.deepEqual(out.json(), { ric: true, e: { r: 1 }, rid: out.$metadata.requestId });

    await deploy('ric-fails', files, { Runtime: 'provided.al2023', Handler: 'index.fails' });
    const bad = await invoke('ric-fails');
    assert.equal(bad.FunctionError, 'Unhandled');
    assert.equal(bad.json().errorType, 'TypeError');
    assert.equal(bad.json().errorMessage, 'ric boom');
  });
});

describe('invoke API edges', () => {
  test('DryRun → 204; Event → 202 with an empty body (async invocation: tests/e2e/async.test.ts)', async () => {
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'node-mjs', InvocationType: 'DryRun' }));
    assert.equal(dry.StatusCode, 204);
    const ev = await lambda.send(new InvokeCommand({ FunctionName: 'node-mjs', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    assert.equal(ev.StatusCode, 202);
    assert.equal(Buffer.from(ev.Payload ?? []).length, 0);
  });

  test('request over 6 MB → RequestTooLargeException (413)', async () => {
    const big = Buffer.from(JSON.stringify({ x: 'y'.repeat(6 * 1024 * 1024) }));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'node-mjs', Payload: big })), (e: Error & { $metadata: { httpStatusCode: number } }) => {
      assert.equal(e.name, 'RequestTooLargeException');
      assert.equal(e.$metadata.httpStatusCode, 413);
      return true;
    });
  });

  test('payload that is not JSON → InvalidRequestContentException; unknown function → ResourceNotFoundException', async () => {
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'node-mjs', Payload: Buffer.from('{not json') })), /InvalidRequestContent|Could not parse/);
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'nope' })), (e: Error) => {
      assert.equal(e.name, 'ResourceNotFoundException');
      // Invoke names the unqualified function as $LATEST (recorded AWS responses).
      assert.equal(e.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:$LATEST');
      return true;
    });
  });
});

describe('isolation (bubblewrap + cgroups)', () => {
  test('a handler cannot see the data dir or other code, cannot write /var/task, has a private bounded /tmp', async (t) => {
    if (!sandboxed) {
      t.skip('no bubblewrap sandbox on this host (lambent doctor says why)');
      return;
    }
    await deploy('snoop', {
      'index.js': `
        const fs = require('fs');
        const tryIt = (f) => { try { return f(); } catch (e) { return e.code; } };
        exports.handler = async (e) => ({
          dataDir: tryIt(() => fs.readdirSync(e.dataDir)),
          unpacked: tryIt(() => fs.readdirSync(e.dataDir + '/unpacked')),
          writeTask: tryIt(() => fs.writeFileSync('/var/task/x', 'x')),
          tmpWrite: tryIt(() => { fs.writeFileSync('/tmp/mine', e.mark); return fs.readFileSync('/tmp/mine', 'utf8'); }),
          tmpList: fs.readdirSync('/tmp'),
          pids: fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).length,
          fill: e.fill ? tryIt(() => { const b = Buffer.alloc(1 << 20); for (let i = 0; i < e.fill; i++) fs.appendFileSync('/tmp/fill', b); return 'filled'; }) : undefined,
        });`,
    }, { MemorySize: 1024, EphemeralStorage: { Size: 512 } });
    await deploy('snoop2', { 'index.js': 'exports.handler = async () => require("fs").readdirSync("/tmp");' });
    const r = (await invoke('snoop', { dataDir: server.dataDir, mark: 'A' })).json();
    assert.equal(r.dataDir, 'ENOENT');
    assert.equal(r.unpacked, 'ENOENT');
    assert.equal(r.writeTask, 'EROFS');
    assert.equal(r.tmpWrite, 'A');
    assert.ok(r.pids < 10, `sees ${r.pids} processes`);
    assert.deepEqual((await invoke('snoop2')).json(), [], "another function's /tmp is not visible");
    const filled = (await invoke('snoop', { dataDir: server.dataDir, mark: 'B', fill: 600 })).json();
    assert.equal(filled.fill, 'ENOSPC');
  });

  test('out of memory → Runtime.OutOfMemory, and Lambent keeps serving', async (t) => {
    if (!sandboxed) {
      t.skip('no memory cgroup sandbox on this host');
      return;
    }
    await deploy('hog', { 'index.js': 'const keep = []; exports.handler = async () => { for (;;) keep.push(Buffer.alloc(16 << 20, 1)); };' }, { MemorySize: 128, Timeout: 30 });
    const out = await invoke('hog');
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(out.json().errorType, 'Runtime.OutOfMemory');
    assert.deepEqual((await invoke('node-mjs', { still: 'alive' })).json(), { esm: true, e: { still: 'alive' } });
  });
});

describe('REPORT line', () => {
  const usedMb = (out: InvokeCommandOutput): number => Number(/\tMax Memory Used: (\d+) MB\t/.exec(tailOf(out))?.[1]);

  test("Max Memory Used is the environment's high-water mark: the runtime's resident set, never lower on a later invoke", async () => {
    await deploy('node-mem', {
      'index.js': `
        exports.handler = async (e) => {
          if (e.growMb) Buffer.alloc(e.growMb * 1024 * 1024, 1); // resident while it lives, then garbage
          return { ok: true };
        };`,
    }, { MemorySize: 512 });
    const first = usedMb(await invoke('node-mem', {}, { LogType: 'Tail' }));
    // A Node process alone is tens of MB resident (AWS reports ~40-70 MB for a hello world), not a few.
    assert.ok(first >= 20, `Max Memory Used ${first} MB`);
    const grown = usedMb(await invoke('node-mem', { growMb: 96 }, { LogType: 'Tail' }));
    assert.ok(grown >= first + 64, `after allocating 96 MB: ${grown} MB (before: ${first} MB)`);
    const later = usedMb(await invoke('node-mem', {}, { LogType: 'Tail' }));
    assert.ok(later >= grown, `a later invoke reports ${later} MB, below the earlier peak ${grown} MB`);
  });

  test('without Tail, output written just before the response is stored before END and REPORT', async () => {
    await deploy('node-order', {
      'index.js': `exports.handler = async (e) => { console.log('last words ' + e.n); process.stdout.write('x'.repeat(e.n * 1000) + '\\n'); return e.n; };`,
    });
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const out = await invoke('node-order', { n });
      assert.equal(out.json(), n);
      ids.push(out.$metadata.requestId ?? '');
    }
    await new Promise((r) => setTimeout(r, 600)); // the log writer flushes in batches
    const db = new Database(join(server.dataDir, 'lambent.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare("SELECT message FROM log_events WHERE log_group = '/aws/lambda/node-order' ORDER BY timestamp, id")
        .all() as { message: string }[];
      const at = (re: RegExp): number => rows.findIndex((r) => re.test(r.message));
      for (const [i, id] of ids.entries()) {
        const n = i + 1;
        const start = at(new RegExp(`^START RequestId: ${id} `));
        const words = at(new RegExp(`\\tINFO\\tlast words ${n}$`));
        const bulk = at(new RegExp(`^x{${n * 1000}}$`));
        const end = at(new RegExp(`^END RequestId: ${id}$`));
        const report = at(new RegExp(`^REPORT RequestId: ${id}\\t`));
        assert.ok(start >= 0 && start < words && words < bulk && bulk < end && end === report - 1, `invoke ${n}: ${[start, words, bulk, end, report].join(' ')}`);
        const next = ids[i + 1];
        if (next) assert.ok(report < at(new RegExp(`^START RequestId: ${next} `)), `REPORT ${n} before the next START`);
      }
    } finally {
      db.close();
    }
  });
});

describe('function logs', () => {
  test('START/END/REPORT and handler output are stored per log group and per-environment stream', async () => {

    await new Promise((r) => setTimeout(r, 600)); // the log writer flushes in batches
    const db = new Database(join(server.dataDir, 'lambent.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare("SELECT log_stream, message FROM log_events WHERE log_group = '/aws/lambda/node-cjs' ORDER BY timestamp, id")
        .all() as { log_stream: string; message: string }[];
      assert.ok(rows.some((r) => /^START RequestId: \S+ Version: \$LATEST$/.test(r.message)));
      assert.ok(rows.some((r) => /\tINFO\thello from handler/.test(r.message)));
      assert.ok(rows.some((r) => /^REPORT RequestId: /.test(r.message)));
      for (const r of rows) assert.match(r.log_stream, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
      // The code update made a second environment, so a second stream.
      assert.ok(new Set(rows.map((r) => r.log_stream)).size >= 2);
    } finally {
      db.close();
    }
  });
});
