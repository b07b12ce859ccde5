// Asynchronous invocation benchmark, written to bench/ASYNC-RESULTS.md. Run
// with `npm run bench:async` (builds first).
//
// - Floor: plain better-sqlite3 in one process, WAL + synchronous=FULL, one
//   event row inserted and committed per transaction (what "durable before
//   202" costs without any HTTP, auth or batching), and, for reference, the
//   same with 16 rows per transaction.
// - Accepted events/s: Invoke with X-Amz-Invocation-Type: Event over raw
//   node:http, 16 keep-alive connections, each request SigV4-signed before the
//   measured window (signing is client cost, not Lambent's). Every 202 means
//   the event was committed. The queue drains while events arrive.
// - Drained events/s: the backlog left when sending stops, timed until
//   /health reports the queue empty; trivial handler, 10 environments.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import {
  CreateFunctionCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { lambdaClient, makeZip, startServer } from '../tests/helpers/lambent.js';
import { ensureBenchRole } from './roles.js';
import { signedInvokeHeaders } from './signing.js';

const REGION = 'us-east-1';
const CONNECTIONS = 16;
const WARMUP_MS = 1_500;
const MEASURE_MS = 5_000;
const FLOOR_MS = 3_000;
const PRESIGNED = 4_000;
const FUNCTION = 'bench-async';
const HELD = 'bench-async-held';
const HANDLER_SOURCE = 'exports.handler = async (e) => ({ ok: true });\n';
const RESULTS = new URL('./ASYNC-RESULTS.md', import.meta.url).pathname;

function log(msg: string): void {
  process.stderr.write(`[bench:async] ${msg}\n`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function eventBody(i: number): string {
  return JSON.stringify({ bench: true, id: i, at: '2026-01-01T00:00:00Z' });
}

// ---------------------------------------------------------------- floor

function measureFloor(rowsPerTx: number): { rate: number; n: number; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'lambent-bench-floor-'));
  try {
    const db = new Database(join(dir, 'floor.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, fn TEXT NOT NULL, request_id TEXT NOT NULL,
             payload BLOB NOT NULL, accepted_at INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL)`);
    const insert = db.prepare('INSERT INTO events (fn, request_id, payload, accepted_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)');
    const tx = db.transaction((first: number) => {
      for (let k = 0; k < rowsPerTx; k++) {
        const now = Date.now();
        insert.run(FUNCTION, `00000000-0000-0000-0000-${String(first + k).padStart(12, '0')}`, Buffer.from(eventBody(first + k)), now, now);
      }
    });
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < FLOOR_MS) {
      tx(n);
      n += rowsPerTx;
    }
    const seconds = (performance.now() - t0) / 1000;
    db.close();
    return { rate: n / seconds, n, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- Lambent

interface Signed {
  path: string;
  headers: Record<string, string>;
  body: string;
}

async function presign(host: string, port: number, fn: string, n: number): Promise<Signed[]> {
  const path = `/2015-03-31/functions/${fn}/invocations`;
  const out: Signed[] = [];
  for (let i = 0; i < n; i++) {
    const body = eventBody(i);
    const headers = await signedInvokeHeaders(host, port, path, body, { 'x-amz-invocation-type': 'Event' }, REGION);
    out.push({ path, headers, body });
  }
  return out;
}

function send(host: string, port: number, agent: Agent, r: Signed): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host, port, method: 'POST', path: r.path, headers: r.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

async function queued(url: string, fn: string): Promise<number> {
  const h = (await (await fetch(`${url}/health`)).json()) as { async: { functions: { functionArn: string; queued: number }[] } };
  return h.async.functions.find((f) => f.functionArn.endsWith(`:${fn}`))?.queued ?? 0;
}

async function waitEmpty(url: string, fn: string, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if ((await queued(url, fn)) === 0) return performance.now();
    if (Date.now() > end) throw new Error('queue did not drain');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Phase {
  accepted: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
}

interface LambentResult {
  /** Sending with the queue held (its function's 10 slots busy): the accept path alone. */
  held: Phase;
  /** Draining that backlog once released: the drain path alone. */
  backlog: number;
  drainSeconds: number;
  drainRate: number;
  /** Sending while the queue drains (steady state). */
  mixed: Phase & { drainedInWindow: number; drainedRate: number };
}

/** Handler that holds every event until RELEASE_AT (epoch ms), then returns at once. */
const HELD_SOURCE = `const releaseAt = Number(process.env.RELEASE_AT || 0);
exports.handler = async () => {
  const wait = releaseAt - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return { ok: true };
};
`;

async function measureLambent(): Promise<LambentResult> {
  const server = await startServer({ args: ['--idle-timeout', '300'] });
  const lambda = lambdaClient(server.url);
  try {
    for (const [name, source] of [[HELD, HELD_SOURCE], [FUNCTION, HANDLER_SOURCE]] as const) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: await ensureBenchRole(server.url),
          Code: { ZipFile: makeZip({ 'index.js': source }) },
          MemorySize: 1769,
          Timeout: 120,
        }),
      );
      await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: name });
    }
    const u = new URL(server.url);
    const host = u.hostname;
    const port = Number(u.port);
    log(`signing ${2 * PRESIGNED} requests`);
    const heldPool = await presign(host, port, HELD, PRESIGNED);
    const pool = await presign(host, port, FUNCTION, PRESIGNED);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

    let i = 0;
    const run = async (requests: Signed[], untilMs: number, samples: number[] | undefined): Promise<number> => {
      let n = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < untilMs) {
            const r = await send(host, port, agent, requests[i++ % requests.length] as Signed);
            if (r.status !== 202) throw new Error(`unexpected status ${r.status}`);
            n++;
            samples?.push(r.ms);
          }
        }),
      );
      return n;
    };
    const phase = (accepted: number, t0: number, t1: number, samples: number[]): Phase => {
      samples.sort((a, b) => a - b);
      const seconds = (t1 - t0) / 1000;
      return { accepted, seconds, rate: accepted / seconds, p50: percentile(samples, 50), p99: percentile(samples, 99) };
    };

    // 1. Accept path alone: the held function's 10 slots wait until RELEASE_AT, so nothing drains.
    const holdMs = WARMUP_MS + MEASURE_MS + 4_000;
    const releaseAt = Date.now() + holdMs;
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: HELD, Environment: { Variables: { RELEASE_AT: String(releaseAt) } } }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: HELD });
    log('accept path (queue held)');
    await run(heldPool, performance.now() + WARMUP_MS, undefined);
    const heldSamples: number[] = [];
    const h0 = performance.now();
    const heldAccepted = await run(heldPool, h0 + MEASURE_MS, heldSamples);
    const held = phase(heldAccepted, h0, performance.now(), heldSamples);

    // 2. Drain path alone: the backlog, released.
    while (Date.now() < releaseAt) await new Promise((r) => setTimeout(r, 5));
    const backlog = await queued(server.url, HELD);
    const d0 = performance.now();
    log(`draining a backlog of ${backlog}`);
    const dEnd = await waitEmpty(server.url, HELD, 300_000);
    const drainSeconds = (dEnd - d0) / 1000;

    // 3. Both at once: sending while the queue drains.
    log('mixed: sending while draining');
    await run(pool, performance.now() + WARMUP_MS, undefined);
    await waitEmpty(server.url, FUNCTION, 60_000);
    const mixedSamples: number[] = [];
    const m0 = performance.now();
    const mixedAccepted = await run(pool, m0 + MEASURE_MS, mixedSamples);
    const m1 = performance.now();
    const left = await queued(server.url, FUNCTION);
    await waitEmpty(server.url, FUNCTION, 300_000);
    agent.destroy();
    const mixed = phase(mixedAccepted, m0, m1, mixedSamples);
    return {
      held,
      backlog,
      drainSeconds,
      drainRate: backlog / drainSeconds,
      mixed: { ...mixed, drainedInWindow: mixedAccepted - left, drainedRate: (mixedAccepted - left) / mixed.seconds },
    };
  } finally {
    lambda.destroy();
    await server.dispose();
  }
}

// ---------------------------------------------------------------- report

function machine(): string {
  let kernel = release();
  try {
    kernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim();
  } catch {
    /* os.release() */
  }
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    /* os.cpus() */
  }
  return `- Kernel: ${kernel}\n- CPU: ${cpu}\n- Cores: ${cpus().length}\n- RAM: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB\n- Node: ${process.version}`;
}

async function main(): Promise<void> {
  const began = performance.now();
  log('floor: one row per transaction');
  const floor1 = measureFloor(1);
  log(`floor: ${floor1.rate.toFixed(0)} /s; 16 rows per transaction`);
  const floor16 = measureFloor(16);
  log(`floor16: ${floor16.rate.toFixed(0)} /s`);
  const r = await measureLambent();
  const f = (v: number): string => `${v.toFixed(0)} /s`;
  const lat = (p: Phase): string => `p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms`;
  const md = `# Lambent asynchronous invocation benchmark

Generated by \`npm run bench:async\` (bench/async.ts) on ${new Date().toISOString()}; the run took ${((performance.now() - began) / 1000).toFixed(0)} s.

## Machine

${machine()}

## Results

| Metric | Lambent | Floor | Ratio (Lambent / floor) |
|---|---:|---:|---:|
| Accepted async events/s, queue held (accept path alone) | ${f(r.held.rate)} | ${f(floor1.rate)} (one insert + commit per event) | ${(r.held.rate / floor1.rate).toFixed(2)}× |
| Accepted async events/s while the queue drains | ${f(r.mixed.rate)} | ${f(floor1.rate)} | ${(r.mixed.rate / floor1.rate).toFixed(2)}× |
| Drained events/s, backlog of ${r.backlog} (drain path alone) | ${f(r.drainRate)} | | |
| Drained events/s while events arrive | ${f(r.mixed.drainedRate)} | | |
| (reference) batched inserts, 16 rows per commit | | ${f(floor16.rate)} | |

- Queue held: ${r.held.accepted} events accepted in ${r.held.seconds.toFixed(2)} s; 202 latency ${lat(r.held)}.
- Backlog: ${r.backlog} events (warm-up included) drained in ${r.drainSeconds.toFixed(2)} s.
- While draining: ${r.mixed.accepted} accepted in ${r.mixed.seconds.toFixed(2)} s (202 latency ${lat(r.mixed)}), ${r.mixed.drainedInWindow} of them drained within the window.
- Floor: ${floor1.n} single-row commits in ${floor1.seconds.toFixed(2)} s; ${floor16.n} rows in 16-row commits in ${floor16.seconds.toFixed(2)} s.

## Method

- **Floor.** One process, better-sqlite3, WAL, \`synchronous=FULL\`, a table shaped like Lambent's queue; each
  iteration inserts and commits one event row: the cost of "durable before answering" with nothing else in the way.
  For reference, the same with 16 rows per commit (the most one group commit can gather from 16 connections).
- **Sending.** \`lambent start\` (default settings), Node.js functions with MemorySize 1769. ${CONNECTIONS} concurrent
  loops over a keep-alive \`http.Agent\` send \`POST /2015-03-31/functions/NAME/invocations\` with
  \`X-Amz-Invocation-Type: Event\`, SigV4-signed before the window (pools of ${PRESIGNED} signed requests reused
  round-robin; signing is the client's cost, not Lambent's). ${WARMUP_MS} ms of warm-up, then ${MEASURE_MS} ms measured.
  Lambent answers 202 only after the event's transaction committed; events arriving in the same event-loop turn share
  one commit (group commit). Client, server and functions share the machine's ${cpus().length} cores.
- **Accept path alone.** The events go to a function whose handler waits until a time given in its environment
  (\`RELEASE_AT\`): its 10 concurrency slots are taken by the first 10 events, so nothing else drains while the window
  is measured. Nothing is faked: the queue simply has no free slot.
- **Drain path alone.** At \`RELEASE_AT\` the held handlers return and the backlog drains through the same 10 (now warm)
  environments with a trivial handler; timed until \`/health\` reports the queue empty. Each event is a full Lambda
  invocation through the Runtime API, its row deleted in a group-committed transaction.
- **Both at once.** A second function with the trivial handler \`${HANDLER_SOURCE.trim()}\`: sending and draining
  compete for the same cores; "drained while events arrive" counts the window's events no longer queued at its end.
`;
  writeFileSync(RESULTS, md);
  process.stdout.write(md);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
