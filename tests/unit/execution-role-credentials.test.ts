// Execution-role credentials in execution environments, at the engine: minted once per cold start (never per
// invoke), each function gets its own role's, AWS_ENDPOINT_URL says where Lambent is, an environment is retired
// before its credentials expire, and a role that cannot be assumed fails the start without leaking anything.
// Runs real Node functions without a sandbox (the engine path is the same; the sandboxed address is covered by
// tests/e2e/function-credentials.test.ts).
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HostCapacity } from '../../src/invocation/capacity.js';
import { CodeCache } from '../../src/invocation/code-cache.js';
import { ConcurrencyLimits } from '../../src/invocation/concurrency.js';
import { InvocationEngine } from '../../src/invocation/engine.js';
import { CREDENTIALS_MARGIN_MS } from '../../src/invocation/environment.js';
import { detectInterpreters } from '../../src/invocation/launch-spec.js';
import type { EnvironmentCredentials, FunctionSnapshot } from '../../src/invocation/types.js';
import { FunctionLogWriter } from '../../src/observability/function-logs.js';
import type { Logger } from '../../src/observability/logger.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { CodeStore } from '../../src/store/code-store.js';
import type { LogEvent } from '../../src/store/types.js';

// Answers the variables a role's SDK reads, and the Lambda ones next to them.
const HANDLER = `exports.handler = async () => ({
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN: process.env.AWS_SESSION_TOKEN,
  AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
  AWS_REGION: process.env.AWS_REGION,
});
`;
const DIGEST = createHash('sha256').update(HANDLER).digest('hex');

interface Seen {
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
  AWS_ENDPOINT_URL?: string;
  AWS_REGION?: string;
}

let dir: string;
let sandbox: Sandbox;
const logged: string[] = [];
const functionLog: string[] = [];
const log: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lambent-role-creds-'));
  // The code cache finds the unpacked tree and never reads the (absent) package store.
  const codeDir = join(dir, 'unpacked', DIGEST);
  mkdirSync(codeDir, { recursive: true, mode: 0o755 });
  writeFileSync(join(codeDir, 'index.js'), HANDLER, { mode: 0o644 });
  sandbox = await createSandbox({ mode: 'none', stateDir: join(dir, 'environments') });
});

after(async () => {
  await sandbox.close?.();
  rmSync(dir, { recursive: true, force: true });
});

function snapshot(name: string, role: string, timeoutSec = 3): FunctionSnapshot {
  return {
    accountId: '123456789012', region: 'eu-west-1', name, version: '$LATEST',
    arn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`, runtime: 'nodejs20.x', handler: 'index.handler',
    memoryMb: 128, timeoutSec, ephemeralStorageMb: 512, environment: {}, codeSha256Hex: DIGEST,
    logGroup: `/aws/lambda/${name}`, role, fingerprint: `${DIGEST.slice(0, 8)}-${role}`,
  };
}

/** An engine whose credentials hook records each call and mints distinct credentials per call. */
function engine(lifetimeMs: number | ((n: number) => number), fail?: Set<string>, idleTimeoutMs = 60_000): { engine: InvocationEngine; minted: { role: string; name: string; creds: EnvironmentCredentials }[] } {
  const minted: { role: string; name: string; creds: EnvironmentCredentials }[] = [];
  const logs = new FunctionLogWriter(
    {
      append: async (_g: string, _s: string, events: LogEvent[]) => void functionLog.push(...events.map((e) => e.message)),
      read: async () => [],
      listStreams: async () => [],
      storedBytes: async () => 0,
      deleteOldest: async () => ({ events: 0, bytes: 0 }),
    },
    () => undefined,
  );
  const e = new InvocationEngine({
    sandbox,
    codeCache: new CodeCache(join(dir, 'unpacked'), {} as CodeStore),
    logs,
    interpreters: detectInterpreters(),
    stateDir: join(dir, 'environments'),
    idleTimeoutMs,
    concurrency: new ConcurrencyLimits(1000),
    capacity: new HostCapacity(4096),
    log,
    stemsPerRuntime: 0,
    freezeAfterMs: null,
    hostEndpointUrl: async () => 'http://127.0.0.1:4566',
    credentials: async (snap) => {
      if (fail?.has(snap.role ?? '')) throw new Error(`role ${snap.role} is gone`);
      const n = minted.length;
      const creds: EnvironmentCredentials = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(20).toString('base64'),
        sessionToken: randomBytes(48).toString('base64'),
        expiresAt: Date.now() + (typeof lifetimeMs === 'number' ? lifetimeMs : lifetimeMs(n)),
      };
      minted.push({ role: snap.role ?? '', name: snap.name, creds });
      return creds;
    },
  });
  return { engine: e, minted };
}

async function invoke(e: InvocationEngine, snap: FunctionSnapshot): Promise<Seen & { errorMessage?: string }> {
  const out = await e.invoke(snap, { requestId: randomBytes(16).toString('hex'), payload: Buffer.from('{}'), invokedArn: snap.arn, tailLogs: false });
  return JSON.parse(out.payload.toString()) as Seen & { errorMessage?: string };
}

describe('execution role credentials in environments', () => {
  test('minted at the cold start only, for the function\'s own role, with the session name and Lambent\'s endpoint', async () => {
    const { engine: e, minted } = engine(12 * 3600_000);
    try {
      const a = snapshot('fn-a', 'arn:aws:iam::123456789012:role/role-a');
      const b = snapshot('fn-b', 'arn:aws:iam::123456789012:role/role-b');
      const first = await invoke(e, a);
      const second = await invoke(e, a);
      assert.equal(minted.length, 1, 'a warm invoke mints nothing');
      assert.deepEqual(minted.map((m) => [m.role, m.name]), [['arn:aws:iam::123456789012:role/role-a', 'fn-a']]);
      const creds = minted[0]?.creds;
      assert.equal(first.AWS_ACCESS_KEY_ID, creds?.accessKeyId);
      assert.equal(first.AWS_SECRET_ACCESS_KEY, creds?.secretAccessKey);
      assert.equal(first.AWS_SESSION_TOKEN, creds?.sessionToken);
      assert.deepEqual(second, first);
      // Unsandboxed there is no Lambent API at 127.0.0.1:9001: the function is sent to the front door.
      assert.equal(first.AWS_ENDPOINT_URL, 'http://127.0.0.1:4566');
      assert.equal(first.AWS_REGION, 'eu-west-1');

      const other = await invoke(e, b);
      assert.equal(minted.length, 2);
      assert.equal(minted[1]?.role, 'arn:aws:iam::123456789012:role/role-b');
      assert.equal(other.AWS_ACCESS_KEY_ID, minted[1]?.creds.accessKeyId);
      assert.notEqual(other.AWS_ACCESS_KEY_ID, first.AWS_ACCESS_KEY_ID);
    } finally {
      await e.shutdown();
    }
  });

  test('an environment whose credentials would expire during an invocation is replaced by a fresh one', async () => {
    // The first environment's credentials expire within the timeout + margin from now; the next ones last.
    const short = 3000 + CREDENTIALS_MARGIN_MS - 1000;
    const { engine: e, minted } = engine((n) => (n === 0 ? short : 12 * 3600_000));
    try {
      const snap = snapshot('fn-expiring', 'arn:aws:iam::123456789012:role/r');
      const first = await invoke(e, snap);
      const second = await invoke(e, snap);
      assert.equal(minted.length, 2, 'the second invocation needed a new environment');
      assert.notEqual(second.AWS_ACCESS_KEY_ID, first.AWS_ACCESS_KEY_ID);
      assert.equal(second.AWS_ACCESS_KEY_ID, minted[1]?.creds.accessKeyId);
      // The new one lasts: it is reused.
      await invoke(e, snap);
      assert.equal(minted.length, 2);
    } finally {
      await e.shutdown();
    }
  });

  test('a provisioned environment is replaced before its credentials expire, without an invocation asking', async () => {
    // The first environment becomes unusable ~1 s after its start; the reaper (every 250 ms here) replaces it.
    const { engine: e, minted } = engine((n) => (n === 0 ? 3000 + CREDENTIALS_MARGIN_MS + 1000 : 12 * 3600_000), undefined, 1000);
    try {
      const snap = snapshot('fn-provisioned', 'arn:aws:iam::123456789012:role/p');
      e.provision(snap, 1);
      const deadline = Date.now() + 15_000;
      while (minted.length < 2 || e.provisionedStatus(snap.arn, snap.version)?.available !== 1) {
        assert.ok(Date.now() < deadline, `not replaced in 15 s (minted ${minted.length})`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const seen = await invoke(e, snap);
      assert.equal(seen.AWS_ACCESS_KEY_ID, minted[1]?.creds.accessKeyId);
      assert.equal(minted.length, 2);
    } finally {
      await e.shutdown();
    }
  });

  test('a role that cannot be assumed fails the start with Lambda\'s words; no credentials in any log', async () => {
    const gone = 'arn:aws:iam::123456789012:role/gone';
    const { engine: e, minted } = engine(12 * 3600_000, new Set([gone]));
    let failed: Seen & { errorMessage?: string };
    try {
      failed = await invoke(e, snapshot('fn-gone', gone));
      assert.match(failed.errorMessage ?? '', /The role defined for the function cannot be assumed by Lambda\./);
      const ok = await invoke(e, snapshot('fn-fine', 'arn:aws:iam::123456789012:role/fine'));
      assert.equal(ok.AWS_ACCESS_KEY_ID, minted[0]?.creds.accessKeyId);
    } finally {
      // Flushes the function logs too.
      await e.shutdown();
    }
    assert.ok(logged.some((l) => l.includes('role arn:aws:iam::123456789012:role/gone is gone')), 'the cause is in Lambent\'s log');
    assert.ok(functionLog.length > 0);
    for (const m of minted) {
      for (const line of [...logged, ...functionLog, JSON.stringify(failed)]) {
        assert.ok(!line.includes(m.creds.secretAccessKey) && !line.includes(m.creds.sessionToken), `credentials leaked in: ${line}`);
      }
    }
  });
});
