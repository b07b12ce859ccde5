// Nothing deployed is lost: parallel clients create, update, publish and delete functions (with and without SIGKILL
// cycles of the server on the same data dir), then every acknowledged, undeleted version must download from
// GetFunction's Code.Location with its acknowledged CodeSha256 and invoke successfully. And errors about lost code
// reach callers without host paths.
//
// "Acknowledged" means precisely: the server answered the request with its success status (CreateFunction 201,
// UpdateFunctionCode 200, PublishVersion 201, DeleteFunction 204), i.e. the SDK call resolved. What an acknowledged
// write promised is then checked: the CodeSha256 (and Version) in that answer. A request answered with a 4xx error
// changed nothing (the model is left as it was). A request that got no answer (the connection died with the server)
// may or may not have taken effect: the function's $LATEST (update, create) or its existence (delete) is then
// unknown and not checked, but versions acknowledged before it still are (a version is immutable and only an
// acknowledged delete removes it). Any 5xx answer fails the test.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  deployFunction,
  lambdaClient,
  makeZip,
  startServer,
  tempDir,
  TEST_ROLE,
  type SdkError,
  type TestServer,
} from '../helpers/lambent.js';

/** A deployment package and what it answers when invoked. */
interface Pkg {
  zip: Buffer;
  sha: string;
  tag: string;
}

interface Fn {
  name: string;
  /** $LATEST's acknowledged package; undefined once an unanswered write made it unknown. */
  latest: Pkg | undefined;
  /** Acknowledged published versions by number. */
  versions: Map<string, Pkg>;
  /** 'maybe-gone': a delete got no answer; 'limbo': a write got no answer (no further writes, versions still checked). */
  state: 'live' | 'limbo' | 'maybe-gone' | 'gone';
}

function pkg(tag: string): Pkg {
  const zip = makeZip({ 'index.js': `exports.handler = async () => ({ tag: ${JSON.stringify(tag)} });\n` });
  return { zip, sha: createHash('sha256').update(zip).digest('base64'), tag };
}

/** Packages several clients deploy: identical content makes deletes, sweeps and re-deploys meet on one file. */
const SHARED = Array.from({ length: 5 }, (_, i) => pkg(`shared-${i}`));

type Outcome<T> = { kind: 'ack'; value: T } | { kind: 'rejected'; name: string } | { kind: 'unanswered' };

/** The server (restarted on the same data dir by kill cycles); requests wait while it is down. */
class Target {
  client!: LambdaClient;
  server!: TestServer;
  ready: Promise<void> = Promise.resolve();
  serverErrors: string[] = [];

  constructor(readonly dataDir: string) {}

  async start(): Promise<void> {
    this.server = await startServer({ dataDir: this.dataDir, env: { LAMBENT_HOST_MEMORY_MB: '1024' } });
    this.client = lambdaClient(this.server.url);
  }

  /** SIGKILL, then start again on the same data dir. */
  async crash(): Promise<void> {
    let up!: () => void;
    this.ready = new Promise((r) => (up = r));
    await this.server.kill();
    this.client.destroy();
    await this.start();
    up();
  }

  async attempt<T>(send: (c: LambdaClient) => Promise<T>): Promise<Outcome<T>> {
    await this.ready;
    try {
      return { kind: 'ack', value: await send(this.client) };
    } catch (e) {
      const err = e as SdkError;
      const status = err.$metadata?.httpStatusCode;
      if (status !== undefined && status >= 400 && status < 500) return { kind: 'rejected', name: err.name };
      if (status !== undefined) this.serverErrors.push(`${status} ${err.name}: ${err.message}`);
      return { kind: 'unanswered' };
    }
  }
}

/** One client: its own functions, one request at a time, random operations until told to stop. */
async function runClient(t: Target, id: number, stop: () => boolean, maxOps: number, fns: Fn[]): Promise<void> {
  let n = 0;
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(Math.random() * xs.length)];
  const content = (): Pkg => (Math.random() < 0.5 ? (pick(SHARED) as Pkg) : pkg(`c${id}-${n}`));
  while (!stop() && n < maxOps) {
    n++;
    const live = fns.filter((f) => f.state === 'live');
    const fn = pick(live);
    const r = Math.random();
    if (!fn || (r < 0.3 && live.length < 4)) {
      const name = `dur-${id}-${n}`;
      const p = content();
      const publish = Math.random() < 0.3;
      const o = await t.attempt((c) =>
        c.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: p.zip }, Publish: publish })),
      );
      if (o.kind === 'ack') {
        assert.equal(o.value.CodeSha256, p.sha);
        const f: Fn = { name, latest: p, versions: new Map(), state: 'live' };
        if (publish) f.versions.set(o.value.Version ?? '', p);
        fns.push(f);
      }
      // Unanswered: the function may exist; nothing about it was promised.
    } else if (r < 0.65) {
      const p = content();
      const publish = Math.random() < 0.3;
      const o = await t.attempt((c) => c.send(new UpdateFunctionCodeCommand({ FunctionName: fn.name, ZipFile: p.zip, Publish: publish })));
      if (o.kind === 'ack') {
        assert.equal(o.value.CodeSha256, p.sha);
        fn.latest = p;
        if (publish) fn.versions.set(o.value.Version ?? '', p);
      } else if (o.kind === 'unanswered') {
        fn.latest = undefined;
        fn.state = 'limbo';
      }
    } else if (r < 0.85) {
      const o = await t.attempt((c) => c.send(new PublishVersionCommand({ FunctionName: fn.name })));
      if (o.kind === 'ack') {
        const latest = fn.latest as Pkg; // live functions have a known $LATEST
        assert.equal(o.value.CodeSha256, latest.sha, `version ${o.value.Version} of ${fn.name} publishes $LATEST`);
        fn.versions.set(o.value.Version ?? '', latest);
      }
    } else if (r < 0.92 && fn.versions.size > 0) {
      const v = pick([...fn.versions.keys()]) as string;
      const o = await t.attempt((c) => c.send(new DeleteFunctionCommand({ FunctionName: fn.name, Qualifier: v })));
      // Answered or not, the version is no longer promised.
      if (o.kind !== 'rejected') fn.versions.delete(v);
    } else {
      const o = await t.attempt((c) => c.send(new DeleteFunctionCommand({ FunctionName: fn.name })));
      if (o.kind === 'ack') fn.state = 'gone';
      else if (o.kind === 'unanswered') fn.state = 'maybe-gone';
    }
  }
}

/** Waits until a version is no longer being prepared; returns its configuration. */
async function settled(c: LambdaClient, name: string, qualifier: string): Promise<{ State?: string; StateReason?: string; LastUpdateStatus?: string; LastUpdateStatusReason?: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const cfg = await c.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier }));
    if (cfg.State !== 'Pending' && cfg.LastUpdateStatus !== 'InProgress') return cfg;
    assert.ok(Date.now() < deadline, `${name}:${qualifier} is still ${cfg.State}/${cfg.LastUpdateStatus}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The acknowledged package of one version: state, CodeSha256, download and invoke. */
async function verify(c: LambdaClient, name: string, qualifier: string, p: Pkg): Promise<void> {
  const what = `${name}:${qualifier} (${p.tag})`;
  const cfg = await settled(c, name, qualifier);
  assert.equal(cfg.State, 'Active', `${what}: ${cfg.StateReason ?? ''}`);
  assert.notEqual(cfg.LastUpdateStatus, 'Failed', `${what}: ${cfg.LastUpdateStatusReason ?? ''}`);
  const got = await c.send(new GetFunctionCommand({ FunctionName: name, Qualifier: qualifier }));
  assert.equal(got.Configuration?.CodeSha256, p.sha, `${what}: CodeSha256`);
  const res = await fetch(got.Code?.Location ?? '');
  assert.equal(res.status, 200, `${what}: Code.Location answers ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(createHash('sha256').update(body).digest('base64'), p.sha, `${what}: downloaded package digest`);
  const inv = await c.send(new InvokeCommand({ FunctionName: name, Qualifier: qualifier, LogType: 'Tail' }));
  const payload = Buffer.from(inv.Payload ?? []).toString();
  const tail = Buffer.from(inv.LogResult ?? '', 'base64').toString();
  assert.equal(inv.FunctionError, undefined, `${what}: ${payload}\n${tail}`);
  assert.deepEqual(JSON.parse(payload), { tag: p.tag }, `${what} runs its own code`);
}

async function verifyAll(t: Target, fns: Fn[]): Promise<{ versions: number }> {
  const jobs: { name: string; qualifier: string; p: Pkg }[] = [];
  for (const f of fns) {
    if (f.state === 'gone' || f.state === 'maybe-gone') continue;
    if (f.latest) jobs.push({ name: f.name, qualifier: '$LATEST', p: f.latest });
    for (const [v, p] of f.versions) jobs.push({ name: f.name, qualifier: v, p });
  }
  // Two at a time: enough to overlap cold starts, not enough to starve a loaded machine.
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let j = jobs[next++]; j; j = jobs[next++]) await verify(t.client, j.name, j.qualifier, j.p);
  };
  await Promise.all([worker(), worker()]);
  return { versions: jobs.length };
}

const CLIENTS = 4;
const OPS_PER_CLIENT = 8;

describe('deployed code is never lost', () => {
  test('parallel clients create, update, publish and delete: every acknowledged version downloads and runs', async () => {
    const t = new Target(tempDir());
    await t.start();
    try {
      const fns: Fn[][] = Array.from({ length: CLIENTS }, () => []);
      const until = Date.now() + 3000;
      await Promise.all(fns.map((mine, i) => runClient(t, i, () => Date.now() > until, OPS_PER_CLIENT, mine)));
      assert.deepEqual(t.serverErrors, []);
      const { versions } = await verifyAll(t, fns.flat());
      assert.ok(versions > 0, 'something was deployed');
    } finally {
      t.client.destroy();
      await t.server.stop();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  test('with SIGKILL cycles of the server: every acknowledged version survives, downloads and runs', async () => {
    const t = new Target(tempDir());
    await t.start();
    try {
      const fns: Fn[][] = Array.from({ length: CLIENTS }, () => []);
      let stopped = false;
      const clients = Promise.all(fns.map((mine, i) => runClient(t, i, () => stopped, OPS_PER_CLIENT, mine)));
      for (let k = 0; k < 2; k++) {
        // Lets some requests through, then kills the server under them.
        await new Promise((r) => setTimeout(r, 500 + Math.random() * 700));
        await t.crash();
      }
      await new Promise((r) => setTimeout(r, 500));
      stopped = true;
      await clients;
      // A last crash after the final acknowledgements: what was promised must be on disk, not in memory.
      await t.crash();
      assert.deepEqual(t.serverErrors, []);
      const { versions } = await verifyAll(t, fns.flat());
      assert.ok(versions > 0, 'something was deployed');
    } finally {
      t.client.destroy();
      await t.server.stop();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  test('a package lost behind the server\'s back fails invocations without revealing host paths', async () => {
    const server = await startServer();
    const client = lambdaClient(server.url);
    const leaks = (s: string): string[] =>
      [server.dataDir, '/tmp/', '/root', '/var/lib/', '/home/'].filter((p) => s.includes(p));
    try {
      await deployFunction(client, 'lost', { 'index.js': 'exports.handler = async () => 1;\n' });
      await deployFunction(client, 'unpackable', { 'index.js': 'exports.handler = async () => 2;\n' });
      const hexOf = async (name: string): Promise<string> => {
        const cfg = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
        return Buffer.from(cfg.CodeSha256 ?? '', 'base64').toString('hex');
      };
      const invokeFailure = async (name: string): Promise<{ errorType: string; errorMessage: string }> => {
        const r = await client.send(new InvokeCommand({ FunctionName: name }));
        assert.equal(r.FunctionError, 'Unhandled');
        return JSON.parse(Buffer.from(r.Payload ?? []).toString()) as { errorType: string; errorMessage: string };
      };

      // 1. The package file and its unpacked tree are deleted.
      const lost = await hexOf('lost');
      rmSync(join(server.dataDir, 'code', lost.slice(0, 2), `${lost}.zip`));
      rmSync(join(server.dataDir, 'unpacked', lost), { recursive: true });
      const missing = await invokeFailure('lost');
      assert.equal(missing.errorType, 'Sandbox.Failure');
      assert.match(missing.errorMessage, /missing from Lambent's code store/);
      assert.deepEqual(leaks(missing.errorMessage), [], missing.errorMessage);

      // 2. The unpacked tree cannot be written (its root is a file now): Node's error names the host path.
      const unpackable = await hexOf('unpackable');
      rmSync(join(server.dataDir, 'unpacked'), { recursive: true });
      writeFileSync(join(server.dataDir, 'unpacked'), 'not a directory');
      const enotdir = await invokeFailure('unpackable');
      assert.equal(enotdir.errorType, 'Sandbox.Failure');
      assert.match(enotdir.errorMessage, /ENOTDIR/);
      assert.deepEqual(leaks(enotdir.errorMessage), [], enotdir.errorMessage);
      assert.ok(existsSync(join(server.dataDir, 'code', unpackable.slice(0, 2), `${unpackable}.zip`)));

      // 3. An update whose package cannot be unpacked: the reason callers read has no host path either.
      await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'unpackable', ZipFile: makeZip({ 'index.js': 'exports.handler = async () => 3;\n' }) }));
      const cfg = await settled(client, 'unpackable', '$LATEST');
      assert.equal(cfg.LastUpdateStatus, 'Failed');
      assert.match(cfg.LastUpdateStatusReason ?? '', /ENOTDIR/);
      assert.deepEqual(leaks(cfg.LastUpdateStatusReason ?? ''), [], cfg.LastUpdateStatusReason);

      // The full text, host path included, is in Lambent's own log.
      assert.ok(server.output().includes(join(server.dataDir, 'unpacked')), 'the log has the full error');
    } finally {
      client.destroy();
      rmSync(join(server.dataDir, 'unpacked'), { force: true });
      await server.dispose();
    }
  });
});
