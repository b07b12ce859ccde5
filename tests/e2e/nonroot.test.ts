// Full isolation as a normal user: Lambent started as an unprivileged user, with a cgroup subtree delegated to it the
// way README's "Running as yourself" says, gives a 128 MB function a real memory cap (Runtime.OutOfMemory, as on AWS
// and as root) and serves cold starts from the pre-warmed pool (late code attachment in a user namespace of its own).
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { deployFunction, lambdaClient, startServer, type TestServer } from '../helpers/lambent.js';
import { nonRootUnavailable, readableCheckout, setUpNonRoot, type NonRootUser } from '../helpers/nonroot.js';

interface Health {
  sandbox: { sandbox: string; cgroups: string; cgroupSource?: string; pool?: boolean; controllers: Record<string, boolean>; missing?: unknown[] };
  environments: { stems: { ready: number; hits: number; misses: number } };
}

const skip = nonRootUnavailable();
if (skip) process.stdout.write(`# nonroot: skipped: ${skip}\n`);

let u: NonRootUser | undefined;
let checkout: { root: string; dispose(): void } | undefined;
let server: TestServer | undefined;
let tunMode: number | undefined;
let lambda: LambdaClient;

const health = async (): Promise<Health> => (await (await fetch(`${server?.url ?? ''}/health`)).json()) as Health;

async function waitFor(what: string, cond: (h: Health) => boolean, timeoutMs = 20_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await health();
    if (cond(h)) return h;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function invoke(name: string): Promise<{ error?: string; json: { errorType?: string; [k: string]: unknown }; tail: string }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}'), LogType: 'Tail' }));
  return {
    ...(out.FunctionError ? { error: out.FunctionError } : {}),
    json: JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as { errorType?: string },
    tail: Buffer.from(out.LogResult ?? '', 'base64').toString('utf8'),
  };
}

describe('Lambent as an unprivileged user with a delegated cgroup', { skip }, () => {
  before(async () => {
    // Outbound networking without root opens /dev/net/tun as the user: Debian and Ubuntu ship it 0666, as laptops
    // have it; some containers make it root-only. Give it the distributions' mode for this test, then restore it.
    tunMode = statSync('/dev/net/tun', { throwIfNoEntry: false })?.mode;
    if (tunMode !== undefined && (tunMode & 0o006) !== 0o006) chmodSync('/dev/net/tun', 0o666);
    u = setUpNonRoot('lambentnr');
    checkout = readableCheckout(u);
    const dataDir = u.dataDir();
    server = await startServer({
      dataDir,
      root: checkout.root,
      wrapper: u.wrapper,
      // Only the user's own environment: nothing of root's (HOME, npm settings) reaches the server.
      env: { ...u.env, LAMBENT_RUNTIMES_DIR: join(dataDir, 'runtimes') },
      args: ['--idle-timeout', '120'],
    });
    lambda = lambdaClient(server.url);
  });
  after(async () => {
    lambda?.destroy();
    await server?.stop();
    if (tunMode !== undefined && (tunMode & 0o006) !== 0o006) chmodSync('/dev/net/tun', tunMode & 0o7777);
    await u?.cleanup();
    checkout?.dispose();
  });

  test('runs as that user, says which cgroup subtree it uses, and has every limit and the pool', async () => {
    const pid = server?.proc.pid ?? 0;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    assert.match(status, new RegExp(`^Uid:\\s+${u?.uid ?? -1}\\s`, 'm'), 'the server runs as the unprivileged user');
    const h = await health();
    assert.equal(h.sandbox.sandbox, 'bubblewrap');
    assert.equal(h.sandbox.cgroups, u?.cgroups.version);
    assert.deepEqual(h.sandbox.controllers, { memory: true, cpu: true, pids: true, freezer: true });
    assert.match(h.sandbox.cgroupSource ?? '', /delegated/);
    assert.equal(h.sandbox.pool, true);
    assert.deepEqual(h.sandbox.missing, []);
    // The start banner says so too (the summary line of what isolation functions get).
    assert.match(server?.output() ?? '', /isolation: bubblewrap sandbox; cgroup v[12], (subtree delegated to lambentnr|delegated subtree)/);
    assert.doesNotMatch(server?.output() ?? '', /WITHOUT full isolation/);
  });

  test('a 128 MB function that allocates 400 MB gets Runtime.OutOfMemory', async () => {
    await deployFunction(lambda, 'hog', {
      'index.js': 'const keep = []; exports.handler = async () => { for (let i = 0; i < 25; i++) keep.push(Buffer.alloc(16 << 20, 1)); return { survived: keep.length * 16 }; };',
    }, { MemorySize: 128, Timeout: 30 });
    const out = await invoke('hog');
    assert.equal(out.error, 'Unhandled', `expected an out-of-memory kill, got ${JSON.stringify(out.json)}`);
    assert.equal(out.json.errorType, 'Runtime.OutOfMemory');
  });

  test('cold starts come from the pool, into cgroups under the delegated subtree', async () => {
    // The first cold start of a runtime marks it used: the pool fills for it.
    await deployFunction(lambda, 'warmup', { 'index.js': 'exports.handler = async () => "warm";\n' });
    assert.equal((await invoke('warmup')).json as unknown, 'warm');
    await waitFor('a ready stem', (h) => h.environments.stems.ready >= 1);

    await deployFunction(lambda, 'pooled', {
      'index.js': 'const fs = require("node:fs"); exports.handler = async (e, c) => ({ uid: process.getuid(), caps: /^CapEff:\\s*(\\S+)/m.exec(fs.readFileSync("/proc/self/status", "utf8"))[1], task: fs.readdirSync("/var/task"), stream: c.logStreamName });\n',
    }, { MemorySize: 256 });
    const hits0 = (await health()).environments.stems.hits;
    const out = await invoke('pooled');
    assert.equal(out.error, undefined, JSON.stringify(out.json));
    assert.equal((await health()).environments.stems.hits, hits0 + 1, 'served from the pool');
    assert.deepEqual(out.json.task, ['index.js'], 'the code was attached to the pre-started sandbox');
    assert.equal(out.json.uid, u?.uid, 'the function runs as the user (its own user namespace maps it to itself)');
    assert.equal(out.json.caps, '0000000000000000', 'without any capability, although it started in the mount helper\'s namespaces');
    assert.match(out.tail, /Init Duration: [\d.]+ ms/);

    // Its cgroup is in the delegated subtree and was re-sized to the function's 256 MB.
    const id = /([0-9a-f]{32})$/.exec(String(out.json.stream))?.[1];
    if (u?.cgroups.version === 'v1') {
      const memDir = u.cgroups.dirs.find((d) => d.includes('/memory/')) ?? '';
      const children = readdirSync(memDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
      assert.ok(children.length > 0, `environment cgroups under ${memDir}`);
      assert.ok(id !== undefined && children.includes(id), `the function's cgroup ${id ?? '?'} is under ${memDir}`);
      {
        assert.equal(Number(readFileSync(join(memDir, id ?? '', 'memory.limit_in_bytes'), 'utf8')), 256 * 1024 * 1024);
      }
    }
  });

  test('lambent doctor as that user lists no missing capability and exits 0', () => {
    const [file, ...args] = [...(u?.wrapper ?? []), process.execPath, join(checkout?.root ?? '', 'bin/lambent.js'), 'doctor', '--data-dir', u?.dataDir() ?? ''];
    const out = execFileSync(file as string, args, { encoding: 'utf8', env: u?.env });
    assert.match(out, /cgroups: +cgroup v[12], (subtree delegated to lambentnr|delegated subtree)/);
    assert.match(out, /pool: +yes/);
    assert.doesNotMatch(out, /Missing/);
  });
});
