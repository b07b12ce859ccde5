// An execution environment whose runtime dies while idle is torn down when the engine finds it dead: its per-env
// dir under the data dir and its cgroups do not accumulate.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  PublishVersionCommand,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import { deployFunction, lambdaClient, startServer } from '../helpers/lambent.js';

const CGROUP_ROOT = '/sys/fs/cgroup';

/** Every cgroup directory of an environment, in every v1 hierarchy (or the v2 tree). */
function cgroupsOf(id: string): string[] {
  const out: string[] = [];
  const v2 = join(CGROUP_ROOT, 'lambent', id);
  if (existsSync(v2)) out.push(v2);
  let hierarchies: string[] = [];
  try {
    hierarchies = readdirSync(CGROUP_ROOT);
  } catch {
    return out;
  }
  for (const h of hierarchies) {
    const dir = join(CGROUP_ROOT, h, 'lambent', id);
    if (existsSync(dir)) out.push(dir);
  }
  return out;
}

/** Processes left in an environment's cgroups. */
function processesIn(dirs: string[]): number {
  let n = 0;
  for (const d of dirs) {
    try {
      n += readFileSync(join(d, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).length;
    } catch {
      // removed meanwhile
    }
  }
  return n;
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const HANDLER = `exports.handler = async (event) => {
  if (event.die) setTimeout(() => process.exit(3), 100);
  return { stream: process.env.AWS_LAMBDA_LOG_STREAM_NAME, pid: process.pid };
};\n`;

test('an environment that died while idle has its dir and cgroups removed when the engine finds it', async () => {
  const server = await startServer();
  const client = lambdaClient(server.url);
  try {
    // The handler answers with its environment's id (the log stream name ends with it); with {die: true} the runtime
    // exits shortly after answering, i.e. while the environment sits idle (warm pool or provisioned pool).
    await deployFunction(client, 'dies-idle', { 'index.js': HANDLER });
    const call = async (payload: object, qualifier?: string): Promise<{ id: string; pid: number }> => {
      const r = await client.send(
        new InvokeCommand({ FunctionName: 'dies-idle', Qualifier: qualifier, Payload: Buffer.from(JSON.stringify(payload)) }),
      );
      assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload ?? []).toString());
      const body = JSON.parse(Buffer.from(r.Payload ?? []).toString()) as { stream: string; pid: number };
      const id = /\]([0-9a-f]+)$/.exec(body.stream)?.[1];
      assert.ok(id, `environment id in ${body.stream}`);
      return { id, pid: body.pid };
    };
    const dieWhileIdle = async (qualifier?: string): Promise<{ envDir: string; id: string }> => {
      const first = await call({ die: true }, qualifier);
      const envDir = join(server.dataDir, 'environments', first.id);
      assert.ok(existsSync(envDir), 'the environment has its own dir while it lives');
      const cgroups = cgroupsOf(first.id);
      if (cgroups.length > 0) {
        await until('the idle runtime exited', () => processesIn(cgroups) === 0);
      } else {
        // No cgroups on this host: the runtime runs unsandboxed and reports its host pid.
        await until('the idle runtime exited', () => !existsSync(`/proc/${first.pid}`));
      }
      return { envDir, id: first.id };
    };

    // On demand (the idle reaper would also find it eventually; the next invoke must not wait for that).
    const onDemand = await dieWhileIdle();
    const next = await call({});
    assert.notEqual(next.id, onDemand.id, 'the dead environment was not reused');
    await until('the dead on-demand environment is torn down', () => !existsSync(onDemand.envDir) && cgroupsOf(onDemand.id).length === 0);
    assert.ok(existsSync(join(server.dataDir, 'environments', next.id)), 'the live one is untouched');

    // Provisioned (the idle reaper never looks at provisioned pools: only the invoke that finds it dead can).
    const v = await client.send(new PublishVersionCommand({ FunctionName: 'dies-idle' }));
    const version = v.Version ?? '';
    await client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'dies-idle', Qualifier: version, ProvisionedConcurrentExecutions: 1 }));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const got = await client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'dies-idle', Qualifier: version }));
      if (got.Status === 'READY') break;
      assert.ok(Date.now() < deadline, `provisioned concurrency is ${got.Status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const provisioned = await dieWhileIdle(version);
    await call({}, version);
    await until('the dead provisioned environment is torn down', () => !existsSync(provisioned.envDir) && cgroupsOf(provisioned.id).length === 0);
  } finally {
    client.destroy();
    await server.dispose();
  }
});
