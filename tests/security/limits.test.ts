// Limits a hostile function runs into. A fork bomb fills its environment's pids cgroup; when the invocation times
// out, the caller gets Sandbox.Timedout at the timeout, not after the seconds it takes to kill a thousand
// processes (the environment is torn down in the background and holds its slot until it is gone), the timed-out
// invocation still gets its END and REPORT lines, and Lambent keeps serving.
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import Database from 'better-sqlite3';
import { deployFunction, lambdaClient, startServer, type TestServer } from '../helpers/lambent.js';

let server: TestServer;
let lambda: LambdaClient;

before(async () => {
  server = await startServer();
  lambda = lambdaClient(server.url);
});
after(async () => {
  lambda.destroy();
  await server.dispose();
});

interface Health {
  sandbox: { sandbox: string; controllers: { pids: boolean } };
  environments: { environments: number; concurrentExecutions: number };
}
const health = async (): Promise<Health> => (await (await fetch(`${server.url}/health`)).json()) as Health;

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a fork bomb: Sandbox.Timedout at the timeout, END/REPORT logged, Lambent still serving', async (t) => {
  const h = await health();
  // Without a sandbox and a pids cgroup the bomb would go off on the host itself.
  if (h.sandbox.sandbox !== 'bubblewrap' || !h.sandbox.controllers.pids) {
    t.skip('needs bubblewrap and the pids cgroup controller');
    return;
  }
  const TIMEOUT_S = 3;
  await deployFunction(lambda, 'bomb', {
    'index.js': `
const { spawn } = require('node:child_process');
exports.handler = () => {
  spawn('/bin/sh', ['-c', 'b() { b | b & }; b'], { stdio: 'ignore' });
  return new Promise(() => setInterval(() => {}, 1000));
};`,
  }, { Timeout: TIMEOUT_S });

  await deployFunction(lambda, 'calm', { 'index.js': `exports.handler = async () => 'calm';` });
  const calm = async (): Promise<string> => Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: 'calm' }))).Payload ?? []).toString('utf8');
  assert.equal(await calm(), '"calm"');

  const t0 = Date.now();
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'bomb', Payload: Buffer.from('{}') }));
  const took = Date.now() - t0;
  // Killing a thousand processes takes a while: the bomb's environment is still there, holding its concurrency slot
  // (and its memory), when the caller already has the answer.
  const meanwhile = (await health()).environments;
  const doc = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as { errorType: string; errorMessage: string };
  assert.equal(out.FunctionError, 'Unhandled');
  assert.equal(doc.errorType, 'Sandbox.Timedout');
  assert.match(doc.errorMessage, new RegExp(`^RequestId: ${out.$metadata.requestId} Error: Task timed out after 3\\.00 seconds$`));
  // The answer must not wait for the bomb to be cleared away (that took 20–37 s): a generous margin over the timeout.
  assert.ok(took >= TIMEOUT_S * 1000 && took < (TIMEOUT_S + 4) * 1000, `answered after ${took} ms`);
  assert.equal(meanwhile.environments, 2, 'the bomb environment is torn down after the answer, not before');
  assert.equal(meanwhile.concurrentExecutions, 1, 'its slot is held until it is gone');

  // Lambent keeps serving, and the bomb's environment is really gone in the end (its slot and memory given back).
  assert.equal(await calm(), '"calm"');
  await until('the bomb environment destroyed', async () => {
    const e = (await health()).environments;
    return e.concurrentExecutions === 0 && e.environments === 1 ? true : undefined;
  });
  t.diagnostic(`Sandbox.Timedout after ${took} ms; environment gone after ${Date.now() - t0} ms`);

  // The timed-out invocation has its END and REPORT (Status: timeout) after the timeout line.
  const id = out.$metadata.requestId ?? '';
  const rows = await until('the bomb log stored', async () => {
    const db = new Database(join(server.dataDir, 'lambent.db'), { readonly: true, fileMustExist: true });
    try {
      const r = db.prepare("SELECT message FROM log_events WHERE log_group = '/aws/lambda/bomb' ORDER BY id").all() as { message: string }[];
      return r.some((x) => x.message.startsWith('REPORT ')) ? r.map((x) => x.message) : undefined;
    } finally {
      db.close();
    }
  });
  const at = (re: RegExp): number => rows.findIndex((m) => re.test(m));
  const start = at(new RegExp(`^START RequestId: ${id} `));
  const timedOut = at(new RegExp(`\\t?${id} Task timed out after 3\\.00 seconds$`));
  const end = at(new RegExp(`^END RequestId: ${id}$`));
  const report = at(new RegExp(`^REPORT RequestId: ${id}\\t.*Status: timeout`));
  assert.ok(start >= 0 && start < timedOut && timedOut < end && end === report - 1, rows.join('\n'));
});
