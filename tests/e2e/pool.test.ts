// Fast cold starts end to end: functions started from the stem-cell pool (pre-started runtimes specialized on
// demand) behave exactly like freshly launched ones and carry nothing over from the pool or from each other; idle
// environments are frozen and resume with their module state.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import {
  InvokeCommand,
  type CreateFunctionCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { deployFunction, lambdaClient, startServer, type TestServer, type ZipFiles } from '../helpers/lambent.js';

interface Health {
  sandbox: { sandbox: string; cgroups: string; pool?: boolean };
  environments: {
    environments: number;
    frozen: number;
    stems: { ready: number; starting: number; hits: number; misses: number; commands: { command: string; ready: number }[] };
  };
}

let server: TestServer;
let lambda: LambdaClient;
let sandboxed = false;
let poolAvailable = false;

const health = async (): Promise<Health> => (await (await fetch(`${server.url}/health`)).json()) as Health;

before(async () => {
  server = await startServer({ args: ['--idle-timeout', '120'] });
  lambda = lambdaClient(server.url);
  const h = await health();
  sandboxed = h.sandbox.sandbox === 'bubblewrap';
  // Unsandboxed the pool always works; sandboxed it needs late code attachment (root, or user namespaces).
  poolAvailable = !sandboxed || h.sandbox.pool !== false;
});
after(async () => {
  lambda.destroy();
  await server.dispose();
});

const deploy = (name: string, files: ZipFiles, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> =>
  deployFunction(lambda, name, files, extra);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handler results are free-form JSON
async function invoke(name: string, event: unknown = {}): Promise<{ json: any; tail: string; error?: string }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail' }));
  return {
    json: JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')),
    tail: Buffer.from(out.LogResult ?? '', 'base64').toString('utf8'),
    ...(out.FunctionError ? { error: out.FunctionError } : {}),
  };
}

/** Polls /health until cond holds (the pool refills and environments freeze in the background). */
async function waitFor(what: string, cond: (h: Health) => boolean, timeoutMs = 20_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await health();
    if (cond(h)) return h;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(h.environments)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Reports everything a function could observe about its environment, and leaves traces for the next one to find.
const PROBE = `
const fs = require('node:fs');
const path = require('node:path');
const before = { tmpMarker: fs.existsSync('/tmp/pool-marker'), globalMark: globalThis.poolMark ?? null };
globalThis.poolMark = process.env.AWS_LAMBDA_FUNCTION_NAME;
let count = 0;
exports.main = async (event, context) => {
  count++;
  let writeError = null;
  try { fs.writeFileSync(path.join(__dirname, 'written.txt'), 'x'); } catch (e) { writeError = e.code; }
  fs.writeFileSync('/tmp/pool-marker', process.env.AWS_LAMBDA_FUNCTION_NAME);
  return {
    count, before, writeError,
    env: process.env,
    dirname: __dirname, cwd: process.cwd(), relative: fs.readFileSync('./data.txt', 'utf8'),
    nodePath: require('node:module').globalPaths,
    fn: context.functionName, arn: context.invokedFunctionArn, mem: context.memoryLimitInMB, stream: context.logStreamName,
    uid: process.getuid(),
  };
};
`;

/** Nothing left by an earlier function: module state, and /tmp (private per sandbox; the host's own without one). */
function assertFresh(before: { tmpMarker: boolean; globalMark: string | null }): void {
  assert.equal(before.globalMark, null);
  if (sandboxed) assert.equal(before.tmpMarker, false);
}

describe('stem-cell pool', () => {
  test('a pool-backed cold start serves a new function exactly, and the next one finds nothing of it', async (t) => {
    if (!poolAvailable) return t.skip('no late code attachment here (lambent doctor says why)');
    // The first cold start of a runtime finds the pool empty and makes it refill for this runtime.
    await deploy('pool-warmup', { 'index.js': 'exports.handler = async () => "warm";\n' });
    assert.equal((await invoke('pool-warmup')).json, 'warm');
    const h0 = await waitFor('a ready stem', (h) => h.environments.stems.ready >= 1);

    const files = { 'app.js': PROBE, 'data.txt': 'relative read ok' };
    await deploy('pool-a', files, { Handler: 'app.main', MemorySize: 256, Environment: { Variables: { GREETING: 'hello a', NODE_PATH: '/var/task/lib' } } });
    const hits0 = (await health()).environments.stems.hits;
    const a = await invoke('pool-a');
    assert.equal(a.error, undefined, JSON.stringify(a.json));
    assert.equal((await health()).environments.stems.hits, hits0 + 1, 'served from the pool');
    assert.match(a.tail, /REPORT RequestId: \S+\tDuration: [\d.]+ ms\t.*Init Duration: [\d.]+ ms/);

    const env = a.json.env as Record<string, string>;
    assert.equal(env.GREETING, 'hello a');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'pool-a');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '256');
    assert.equal(env._HANDLER, 'app.main');
    assert.equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, 'on-demand');
    assert.equal(env.NODE_PATH, '/var/task/lib');
    assert.ok(a.json.nodePath.includes('/var/task/lib'), 'NODE_PATH re-read after specialization');
    const leaked = Object.keys(env).filter((k) => /LAMBENT|STEM/i.test(k));
    assert.deepEqual(leaked, [], 'no variable of the pool remains');
    assert.equal(a.json.fn, 'pool-a');
    assert.equal(a.json.mem, '256');
    assert.match(a.json.arn, /:function:pool-a$/);
    assert.equal(a.json.stream, env.AWS_LAMBDA_LOG_STREAM_NAME);
    assert.equal(a.json.relative, 'relative read ok', 'cwd is the task root with the code in it');
    assertFresh(a.json.before);
    assert.equal(a.json.count, 1);
    // The stem's cgroup was re-sized to the function's MemorySize (256 MB: memory cap and CPU quota).
    const id = /([0-9a-f]{32})$/.exec(a.json.stream as string)?.[1] ?? '';
    if (h0.sandbox.cgroups === 'v1' && existsSync(`/sys/fs/cgroup/cpu/lambent/${id}`)) {
      const read = (f: string): number => Number(readFileSync(f, 'utf8').trim());
      assert.equal(read(`/sys/fs/cgroup/memory/lambent/${id}/memory.limit_in_bytes`), 256 * 1024 * 1024);
      assert.equal(read(`/sys/fs/cgroup/cpu/lambent/${id}/cpu.cfs_quota_us`), Math.round((100_000 * 256) / 1769));
    }
    if (sandboxed) {
      assert.equal(a.json.dirname, '/var/task');
      assert.equal(a.json.cwd, '/var/task');
      assert.equal(env.LAMBDA_TASK_ROOT, '/var/task');
      assert.equal(a.json.writeError, process.getuid?.() === 0 ? 'EROFS' : a.json.writeError, 'code is read-only');
      assert.notEqual(a.json.writeError, null);
      if (process.getuid?.() === 0) assert.equal(a.json.uid, 993);
    }

    // A second function from the pool: a fresh process that never saw pool-a (no /tmp file, no module state).
    await waitFor('the pool refilled', (h) => h.environments.stems.ready >= 1);
    await deploy('pool-b', files, { Handler: 'app.main', Environment: { Variables: { GREETING: 'hello b' } } });
    const hits1 = (await health()).environments.stems.hits;
    const b = await invoke('pool-b');
    assert.equal(b.error, undefined, JSON.stringify(b.json));
    assert.equal((await health()).environments.stems.hits, hits1 + 1, 'served from the pool');
    assert.equal(b.json.env.GREETING, 'hello b');
    assert.equal(b.json.env.AWS_LAMBDA_FUNCTION_NAME, 'pool-b');
    assert.equal(b.json.env.NODE_PATH.includes('/var/task/lib'), false, "pool-a's NODE_PATH is gone");
    assertFresh(b.json.before);
    assert.equal(b.json.count, 1);
    // The environments stay separate: pool-a's keeps its own state.
    const a2 = await invoke('pool-a');
    assert.equal(a2.json.count, 2);
    assertFresh(a2.json.before);
  });

  test('functions whose variables shape process start bypass the pool and still run', async (t) => {
    if (!poolAvailable) return t.skip('no late code attachment here (lambent doctor says why)');
    await waitFor('a ready stem', (h) => h.environments.stems.ready >= 1);
    await deploy('pool-bypass', { 'index.js': 'exports.handler = async () => ({ opts: process.env.NODE_OPTIONS, max: require("node:v8").getHeapStatistics().heap_size_limit });\n' }, {
      Environment: { Variables: { NODE_OPTIONS: '--max-old-space-size=100' } },
    });
    const hits0 = (await health()).environments.stems.hits;
    const r = await invoke('pool-bypass');
    assert.equal(r.json.opts, '--max-old-space-size=100');
    assert.ok(r.json.max < 200 * 1024 * 1024, 'NODE_OPTIONS applied at process start');
    assert.equal((await health()).environments.stems.hits, hits0);
  });

  test('python functions start from the pool too', async (t) => {
    if (!poolAvailable) return t.skip('no late code attachment here (lambent doctor says why)');
    if (!existsSync('/usr/bin/python3') && !existsSync('/usr/local/bin/python3')) return t.skip('no python3');
    const code = {
      'app.py': [
        'import os, sys',
        'state = {"n": 0}',
        'def main(event, context):',
        '    state["n"] += 1',
        '    with open("./data.txt") as f: rel = f.read()',
        '    return {"n": state["n"], "env": dict(os.environ), "fn": context.function_name, "file": __file__, "rel": rel, "path": sys.path}',
      ].join('\n'),
      'data.txt': 'py ok',
    };
    await deploy('pool-py-warm', code, { Runtime: 'python3.12', Handler: 'app.main' });
    assert.equal((await invoke('pool-py-warm')).json.n, 1);
    await waitFor('a ready python stem', (h) => h.environments.stems.commands.some((c) => c.command.includes('bootstrap.py') && c.ready >= 1));
    await deploy('pool-py', code, { Runtime: 'python3.12', Handler: 'app.main', Environment: { Variables: { COLOR: 'blue' } } });
    const hits0 = (await health()).environments.stems.hits;
    const r = await invoke('pool-py');
    assert.equal(r.error, undefined, JSON.stringify(r.json));
    assert.equal((await health()).environments.stems.hits, hits0 + 1, 'served from the pool');
    assert.equal(r.json.fn, 'pool-py');
    assert.equal(r.json.env.COLOR, 'blue');
    assert.equal(r.json.rel, 'py ok');
    assert.deepEqual(Object.keys(r.json.env).filter((k: string) => /LAMBENT|STEM/i.test(k)), []);
    assert.ok((r.json.path as string[]).includes('/opt/python') || !sandboxed, 'PYTHONPATH of the function on sys.path');
    if (sandboxed) assert.equal(r.json.file, '/var/task/app.py');
  });
});

describe('freezing idle environments', () => {
  test('an idle environment is frozen and resumes with its module state', async () => {
    await deploy('freeze-counter', { 'index.js': 'let n = 0; const started = Date.now();\nexports.handler = async () => ({ n: ++n, started });\n' });
    const first = await invoke('freeze-counter');
    assert.equal(first.json.n, 1);
    // Frozen after the freeze delay (1 s): /health counts frozen environments (every idle one, this one included).
    await waitFor('every environment frozen', (h) => h.environments.frozen === h.environments.environments);
    const second = await invoke('freeze-counter');
    assert.equal(second.json.n, 2);
    assert.equal(second.json.started, first.json.started, 'same environment, module state kept');
    assert.doesNotMatch(second.tail, /Init Duration/);
    await waitFor('frozen again', (h) => h.environments.frozen === h.environments.environments);
    assert.equal((await invoke('freeze-counter')).json.n, 3);
  });
});
