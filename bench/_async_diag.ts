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
import { CreateFunctionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { lambdaClient, makeZip, startServer } from './_helper_diag.js';

const REGION = 'us-east-1';
const CONNECTIONS = 16;
const WARMUP_MS = 1_500;
const MEASURE_MS = 5_000;
const FLOOR_MS = 3_000;
const PRESIGNED = 4_000;
const FUNCTION = 'bench-async';
const HANDLER_SOURCE = 'exports.handler = async (e) => ({ ok: true });\n';
const RESULTS = '/tmp/ASYNC-diag.md';

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

async function presign(host: string, port: number, n: number): Promise<Signed[]> {
  const signer = new SignatureV4({
    service: 'lambda',
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    sha256: Sha256,
  });
  const path = `/2015-03-31/functions/${FUNCTION}/invocations`;
  const out: Signed[] = [];
  for (let i = 0; i < n; i++) {
    const body = eventBody(i);
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: host,
      port,
      path,
      query: {},
      headers: { host: `${host}:${port}`, 'content-type': 'application/json', 'x-amz-invocation-type': 'Event' },
      body,
    });
    out.push({ path, headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) }, body });
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

async function queued(url: string): Promise<number> {
  const h = (await (await fetch(`${url}/health`)).json()) as { async: { functions: { functionArn: string; queued: number }[] } };
  return h.async.functions.find((f) => f.functionArn.endsWith(`:${FUNCTION}`))?.queued ?? 0;
}

async function waitEmpty(url: string, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if ((await queued(url)) === 0) return performance.now();
    if (Date.now() > end) throw new Error('queue did not drain');
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface EnqueueResult {
  accepted: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  backlog: number;
  drainSeconds: number;
  drainRate: number;
  overallDrainRate: number;
}

async function measureLambent(): Promise<EnqueueResult> {
  const server = await startServer({ args: ['--idle-timeout', '300'] });
  const lambda = lambdaClient(server.url);
  try {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: FUNCTION,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::000000000000:role/r',
        Code: { ZipFile: makeZip({ 'index.js': HANDLER_SOURCE }) },
        MemorySize: 1769,
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: FUNCTION });
    const u = new URL(server.url);
    const host = u.hostname;
    const port = Number(u.port);
    log(`signing ${PRESIGNED} requests`);
    const pool = await presign(host, port, PRESIGNED);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

    let i = 0;
    const run = async (untilMs: number, samples: number[] | undefined): Promise<number> => {
      let n = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < untilMs) {
            const r = await send(host, port, agent, pool[i++ % pool.length] as Signed);
            if (r.status !== 202) throw new Error(`unexpected status ${r.status}`);
            n++;
            samples?.push(r.ms);
          }
        }),
      );
      return n;
    };
    log('warm-up');
    await run(performance.now() + WARMUP_MS, undefined);
    await waitEmpty(server.url, 60_000);
    log('measuring accepted events/s');
    const samples: number[] = [];
    const t0 = performance.now();
    const accepted = await run(t0 + MEASURE_MS, samples);
    const t1 = performance.now();
    const backlog = await queued(server.url);
    log(`accepted ${accepted}, backlog ${backlog}; draining`);
    const tEmpty = await waitEmpty(server.url, 300_000);
    agent.destroy();
    samples.sort((a, b) => a - b);
    const seconds = (t1 - t0) / 1000;
    return {
      accepted,
      seconds,
      rate: accepted / seconds,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      backlog,
      drainSeconds: (tEmpty - t1) / 1000,
      drainRate: backlog / ((tEmpty - t1) / 1000),
      overallDrainRate: accepted / ((tEmpty - t0) / 1000),
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
  const md = `# Lambent asynchronous invocation benchmark

Generated by \`npm run bench:async\` (bench/async.ts) on ${new Date().toISOString()}; the run took ${((performance.now() - began) / 1000).toFixed(0)} s.

## Machine

${machine()}

## Results

| Metric | Lambent | Floor | Ratio (Lambent / floor) |
|---|---:|---:|---:|
| Accepted async events/s (Invoke Event, ${CONNECTIONS} keep-alive connections, 202 = committed) | ${f(r.rate)} | ${f(floor1.rate)} (one insert + commit per event) | ${(r.rate / floor1.rate).toFixed(2)}× |
| Same, against batched inserts | ${f(r.rate)} | ${f(floor16.rate)} (16 inserts per commit) | ${(r.rate / floor16.rate).toFixed(2)}× |
| Drained events/s (backlog of ${r.backlog} after sending stopped) | ${f(r.drainRate)} | | |
| Drained events/s (all ${r.accepted} events, first accept → queue empty) | ${f(r.overallDrainRate)} | | |

Accepted: ${r.accepted} events in ${r.seconds.toFixed(2)} s; 202 latency p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms.
Backlog of ${r.backlog} drained in ${r.drainSeconds.toFixed(2)} s.
Floor: ${floor1.n} single-row commits in ${floor1.seconds.toFixed(2)} s; ${floor16.n} rows in 16-row commits in ${floor16.seconds.toFixed(2)} s.

## Method

- **Floor.** One process, better-sqlite3, WAL, \`synchronous=FULL\`, a table shaped like Lambent's queue; each
  iteration inserts and commits one event row (the cost of "durable before answering" with nothing else in the way),
  and, for reference, 16 rows per commit.
- **Accepted events/s.** \`lambent start\` (default settings) with a Node.js function (MemorySize 1769, handler
  \`${HANDLER_SOURCE.trim()}\`). ${CONNECTIONS} concurrent loops over a keep-alive \`http.Agent\` send
  \`POST /2015-03-31/functions/${FUNCTION}/invocations\` with \`X-Amz-Invocation-Type: Event\`, SigV4-signed before the
  window (a pool of ${PRESIGNED} signed requests, reused round-robin; signing is the client's cost). A ${WARMUP_MS} ms
  warm-up (which also starts the environments) is drained first; then ${MEASURE_MS} ms are measured. Lambent answers
  202 only after the event's transaction committed; events arriving in the same event-loop turn share one commit
  (group commit), which is how it can pass the single-commit floor. The queue drains at the same time, on the same
  ${cpus().length} cores.
- **Drained events/s.** When sending stops, the backlog (\`queued\` in \`/health\`) is timed until empty: up to 10
  events of the function run at once, each a full Lambda invocation through the Runtime API, with its row deleted
  in a group-committed transaction.
`;
  writeFileSync(RESULTS, md);
  process.stdout.write(md);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
