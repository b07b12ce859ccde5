// Lambent benchmark: cold start, warm invoke latency, throughput, scale-out
// and idle-environment cost, each beside a "floor" (the same work without
// Lambent in the way) and the closest Node peers (serverless-offline,
// lambda-local; bench/peers.ts), written to bench/RESULTS.md. Run with
// `npm run bench` (builds first).
//
// All Lambent invokes go over raw node:http with a keep-alive Agent and are
// SigV4-signed per request with @smithy/signature-v4; the signing time is kept
// out of the measured interval and reported on its own.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, release, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  PutFunctionConcurrencyCommand,
  type LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { lambdaClient, makeZip, startServer, type TestServer } from '../tests/helpers/lambent.js';
import { BENCH_ROLE, ensureBenchRole, invokerSession } from './roles.js';
import type { SigningCredentials } from './signing.js';
import type { ColdStartResults } from './coldstart.js';
import { BARRIER_HANDLER, environmentCost, startBarrier, type EnvironmentCost } from './environments.js';
import { ensurePeers, startLambdaLocal, startServerlessOffline, type PeerStart } from './peers.js';
import { signedInvokeHeaders } from './signing.js';

// ---------------------------------------------------------------- settings

/** BENCH_QUICK=1: a few samples of everything, to check the bench itself (figures are not meaningful). */
const QUICK = process.env['BENCH_QUICK'] === '1';
const COLD_SAMPLES = QUICK ? 4 : 40;
const SPAWN_SAMPLES = QUICK ? 4 : 40;
const WARM_SAMPLES = QUICK ? 300 : 5_000;
const WARM_WARMUP = QUICK ? 50 : 300;
/** Sequential samples for the extra row at the 128 MB default (CPU-capped). */
const WARM_SAMPLES_128 = QUICK ? 200 : 2_000;
/**
 * Lambent caps an environment's CPU in proportion to MemorySize, as AWS does
 * (1,769 MB = 1 vCPU; 128 MB = 7.2 ms of CPU per 100 ms period). The warm and
 * throughput figures use one full vCPU so they measure Lambent, not the cap;
 * cold starts (init runs uncapped) and one extra warm row use the 128 MB default.
 */
const WARM_MEMORY_MB = 1769;
const DEFAULT_MEMORY_MB = 128;
/** c=1 runs on one environment, c=2 on two (one per in-flight request), c=32 on 32 connections. */
const THROUGHPUT_LEVELS = [1, 2, 32] as const;
/**
 * MemorySize of the throughput functions per level: one vCPU each at c=1 and c=2; at c=32, 32 environments
 * of 1,769 MB would not fit the host's memory (Lambent admits environments by MemorySize, as the host can
 * hold them), so 256 MB each (14 % of a vCPU, far more than each one's 1/32 share of the load needs).
 */
const THROUGHPUT_MEMORY_MB: Record<number, number> = { 1: WARM_MEMORY_MB, 2: WARM_MEMORY_MB, 32: 256 };
const PEER_SAMPLES = QUICK ? 300 : 3_000;
/** Scale-out: this many invocations held at a barrier, so as many environments run at once. */
const SCALE_OUT = QUICK ? 10 : 100;
const THROUGHPUT_WARMUP_MS = QUICK ? 300 : 1_500;
const THROUGHPUT_MS = QUICK ? 500 : 5_000;

const REGION = 'us-east-1';
const ROLE = BENCH_ROLE;
const HANDLER_SOURCE = 'exports.handler = async (e) => ({ ok: true })\n';
const EVENT = JSON.stringify({ bench: true });
const EXPECTED = JSON.stringify({ ok: true });
const RESULTS = new URL(QUICK ? './RESULTS-quick.md' : './RESULTS.md', import.meta.url).pathname;

// ---------------------------------------------------------------- helpers

type Handler = (event: unknown) => Promise<unknown>;

/** Evaluates the very source the Lambda functions run, CommonJS-style. */
function loadHandler(source: string): Handler {
  const module: { exports: Record<string, unknown> } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the floor must run the exact handler source
  new Function('exports', 'module', source)(module.exports, module);
  const h = module.exports['handler'];
  if (typeof h !== 'function') throw new Error('handler source does not export a handler');
  return h as Handler;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

interface Stats {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    mean: sum / s.length,
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
  };
}

const ms = (v: number, digits = 3): string => `${v.toFixed(digits)} ms`;
const rate = (v: number): string => `${v.toFixed(0)} /s`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const diffMs = (a: number, b: number): string => `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(3)} ms`;

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

// ---------------------------------------------------------------- HTTP client

interface Target {
  host: string;
  port: number;
}

interface Sent {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
  /** Request issued → response fully read. */
  ms: number;
  /** Time spent signing before the request was issued (0 when unsigned). */
  signMs: number;
}

function invokePath(name: string): string {
  return `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`;
}

async function send(
  target: Target,
  agent: Agent,
  path: string,
  body: string,
  opts: { sign: boolean; tail?: boolean; creds?: SigningCredentials },
): Promise<Sent> {
  const extra: Record<string, string> = opts.tail ? { 'x-amz-log-type': 'Tail' } : {};
  let headers: Record<string, string>;
  let signMs = 0;
  if (opts.sign) {
    const s0 = performance.now();
    headers = await signedInvokeHeaders(target.host, target.port, path, body, extra, REGION, opts.creds);
    signMs = performance.now() - s0;
  } else {
    headers = { host: `${target.host}:${target.port}`, 'content-type': 'application/json', ...extra, 'content-length': String(Buffer.byteLength(body)) };
  }
  return new Promise<Sent>((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: target.host, port: target.port, method: 'POST', path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const t1 = performance.now();
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
          ms: t1 - t0,
          signMs,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function check(r: Sent, what: string): void {
  if (r.status !== 200 || r.body !== EXPECTED || r.headers['x-amz-function-error'] !== undefined) {
    throw new Error(`${what}: unexpected response ${r.status} ${JSON.stringify(r.headers)} ${r.body.slice(0, 500)}`);
  }
}

// ---------------------------------------------------------------- floor server

function startFloorServer(handler: Handler): Promise<{ server: Server; target: Target }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      handler(raw ? (JSON.parse(raw) as unknown) : {}).then(
        (result) => {
          const out = JSON.stringify(result);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
          res.end(out);
        },
        (err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, target: { host: '127.0.0.1', port } });
    });
  });
}

// ---------------------------------------------------------------- Lambda setup

async function createFunctions(
  lambda: LambdaClient,
  names: readonly string[],
  zip: Buffer,
  memoryMb: number,
  timeoutSec = 10,
): Promise<void> {
  const queue = [...names];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: ROLE,
          Code: { ZipFile: zip },
          MemorySize: memoryMb,
          Timeout: timeoutSec,
        }),
      );
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  for (const name of names) {
    const w = await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: name });
    if (w.state !== 'SUCCESS') throw new Error(`function ${name} did not become Active: ${JSON.stringify(w)}`);
  }
}

// ---------------------------------------------------------------- measurements

/** Bare process spawn with a clean env → first byte on stdout. */
async function measureSpawn(n: number): Promise<number[]> {
  const once = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, ['-e', "process.stdout.write('x')"], {
        env: {},
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let first: number | undefined;
      child.stdout.once('data', () => (first = performance.now() - t0));
      child.once('error', reject);
      child.once('close', (code) => {
        if (code !== 0 || first === undefined) reject(new Error(`node -e exited ${code} without output`));
        else resolve(first);
      });
    });
  await once(); // warm the page cache
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await once());
  return out;
}

interface ColdResult {
  latency: number[];
  init: number[];
}

async function measureCold(lambda: LambdaClient, target: Target, zip: Buffer, n: number): Promise<ColdResult> {
  const names = Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 'bench-cold-warmup' : `bench-cold-${i}`));
  log(`creating ${names.length} functions for cold starts`);
  await createFunctions(lambda, names, zip, DEFAULT_MEMORY_MB);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latency: number[] = [];
  const init: number[] = [];
  try {
    for (const [i, name] of names.entries()) {
      const r = await send(target, agent, invokePath(name), EVENT, { sign: true, tail: true });
      check(r, `cold invoke ${name}`);
      const tail = Buffer.from(String(r.headers['x-amz-log-result'] ?? ''), 'base64').toString('utf8');
      const m = /Init Duration: ([\d.]+) ms/.exec(tail);
      if (!m) throw new Error(`cold invoke ${name}: no Init Duration in REPORT line; log tail:\n${tail}`);
      if (i > 0) {
        latency.push(r.ms);
        init.push(Number(m[1]));
      }
      // Retire the environment so idle sandboxes do not pile up, and let its teardown finish.
      await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
      await sleep(150);
    }
  } finally {
    agent.destroy();
  }
  return { latency, init };
}

interface WarmResult {
  latency: number[];
  sign: number[];
}

async function measureSequential(
  target: Target,
  path: string,
  signed: boolean,
  warmup: number,
  n: number,
  body = EVENT,
  creds?: SigningCredentials,
): Promise<WarmResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latency: number[] = [];
  const sign: number[] = [];
  const opts = creds ? { sign: signed, creds } : { sign: signed };
  try {
    for (let i = 0; i < warmup; i++) check(await send(target, agent, path, body, opts), 'warm-up invoke');
    for (let i = 0; i < n; i++) {
      const r = await send(target, agent, path, body, opts);
      check(r, 'warm invoke');
      latency.push(r.ms);
      sign.push(r.signMs);
    }
  } finally {
    agent.destroy();
  }
  return { latency, sign };
}

interface ThroughputResult {
  concurrency: number;
  completed: number;
  /** 429 answers (not counted as completed): the host or the account could not hold another environment. */
  throttled: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function measureThroughput(
  target: Target,
  path: string,
  signed: boolean,
  concurrency: number,
  body = EVENT,
): Promise<ThroughputResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    // Warm-up: run every worker for a while and at least 3 times, so Lambent has its N environments.
    const warmEnd = performance.now() + THROUGHPUT_WARMUP_MS;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < 3 || performance.now() < warmEnd; i++) {
          const r = await send(target, agent, path, body, { sign: signed });
          if (r.status !== 429) check(r, `throughput warm-up c=${concurrency}`);
        }
      }),
    );
    const latencies: number[] = [];
    const start = performance.now();
    const deadline = start + THROUGHPUT_MS;
    let completed = 0;
    let throttled = 0;
    let last = start;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const r = await send(target, agent, path, body, { sign: signed });
          if (r.status === 429) {
            throttled++;
            continue;
          }
          check(r, `throughput c=${concurrency}`);
          completed++;
          latencies.push(r.ms);
          last = performance.now();
        }
      }),
    );
    const seconds = (last - start) / 1000;
    const s = stats(latencies);
    return { concurrency, completed, throttled, seconds, perSecond: completed / seconds, p50: s.p50, p99: s.p99 };
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------- machine

function machine(): { kernel: string; cpu: string; cores: number; ramGiB: string; node: string } {
  let kernel = release();
  try {
    kernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim();
  } catch {
    /* os.release() is the same value */
  }
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    /* keep os.cpus() model */
  }
  return {
    kernel,
    cpu,
    cores: cpus().length,
    ramGiB: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
  };
}

// ---------------------------------------------------------------- scale-out and idle cost

interface ScaleOut {
  n: number;
  /** Invocations sent → the Nth handler reached the barrier (all N environments serving). */
  allServingMs: number;
  /** Invocations sent → every response read. */
  allDoneMs: number;
  /** Arrival times at the barrier, from the first invocation sent. */
  arrivals: number[];
  failures: string[];
  envsAfter: number;
}

async function health(url: string): Promise<{ environments?: { environments?: number; frozen?: number; idle?: number } }> {
  const r = await fetch(`${url}/health`);
  return (await r.json()) as { environments?: { environments?: number; frozen?: number } };
}

async function measureScaleOut(lambda: LambdaClient, target: Target, url: string, n: number): Promise<ScaleOut> {
  const name = 'bench-scale-out';
  await createFunctions(lambda, [name], makeZip({ 'index.js': BARRIER_HANDLER }), DEFAULT_MEMORY_MB, 60);
  const barrier = await startBarrier(n);
  const agent = new Agent({ keepAlive: true, maxSockets: n });
  const failures: string[] = [];
  try {
    const body = JSON.stringify({ port: barrier.port });
    const t0 = performance.now();
    const sends = Array.from({ length: n }, () =>
      send(target, agent, invokePath(name), body, { sign: true }).then((r) => {
        if (r.status !== 200 || r.headers['x-amz-function-error'] !== undefined) failures.push(`${r.status} ${r.body.slice(0, 200)}`);
      }),
    );
    // Bound the wait: a host that cannot hold N environments throttles some, and the barrier never fills.
    const allServing = await Promise.race([barrier.all, sleep(60_000).then(() => Number.NaN)]);
    if (Number.isNaN(allServing)) barrier.close();
    await Promise.all(sends);
    const allDone = performance.now();
    const h = await health(url);
    return {
      n,
      allServingMs: allServing - t0,
      allDoneMs: allDone - t0,
      arrivals: barrier.arrivals.map((a) => a - t0),
      failures,
      envsAfter: h.environments?.environments ?? Number.NaN,
    };
  } finally {
    barrier.close();
    agent.destroy();
  }
}

/** Idle cost of the scale-out environments, once the engine had time to freeze them. */
async function measureIdleCost(pid: number, url: string, expected: number): Promise<{ cost: EnvironmentCost; waitedMs: number }> {
  const t0 = performance.now();
  let cost = environmentCost(pid);
  // Lambent freezes an environment after it has been idle a while: wait (bounded) until they are.
  while (cost.frozen < Math.min(expected, cost.count) && performance.now() - t0 < 10_000) {
    await sleep(250);
    cost = environmentCost(pid);
  }
  void url;
  return { cost, waitedMs: performance.now() - t0 };
}

// ---------------------------------------------------------------- report helpers

type Cell = string;
const NA = '—';

function table(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_h, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const SYSTEMS = ['Lambent', 'Floor', 'serverless-offline', 'lambda-local', 'Target'] as const;

interface PeerResults {
  name: string;
  skipped?: string;
  warm?: Stats;
  tput: Map<number, ThroughputResult>;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const began = performance.now();
  const handler = loadHandler(HANDLER_SOURCE);
  const zip = makeZip({ 'index.js': HANDLER_SOURCE });

  let server: TestServer | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    log(`${sig}: stopping lambent`);
    void (server ? server.dispose() : Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const peerInstallProblem = await ensurePeers();
  if (peerInstallProblem) log(`peers skipped: ${peerInstallProblem}`);

  // 0. Cold starts in-process (bench/coldstart.ts): the environment code without the HTTP front door, full sandbox
  // and from the stem-cell pool, with their breakdown. First, while nothing else runs.
  log(`floor: ${SPAWN_SAMPLES} bare node -e spawns`);
  const spawnSamples = stats(await measureSpawn(SPAWN_SAMPLES));
  let coldParts: ColdStartResults | undefined;
  let coldPartsTable = '';
  let coldPartsSkipped: string | undefined;
  try {
    const m = await import('./coldstart.js');
    coldParts = await m.measureColdStarts({ samples: COLD_SAMPLES, log });
    coldPartsTable = m.coldStartTable(coldParts);
  } catch (e) {
    coldPartsSkipped = (e as Error).message;
    log(`in-process cold starts skipped: ${coldPartsSkipped}`);
  }
  // The same cold starts and warm invoke as an unprivileged user with a delegated cgroup (bench/nonroot.ts).
  let nonRootTableText = '';
  if (coldParts) {
    try {
      const m = await import('./nonroot.js');
      nonRootTableText = m.nonRootTable(coldParts, await m.measureNonRoot(COLD_SAMPLES, log));
    } catch (e) {
      nonRootTableText = `Cold starts as an unprivileged user: skipped (${(e as Error).message}).`;
      log(`non-root cold starts skipped: ${(e as Error).message}`);
    }
  }

  const floor = await startFloorServer(handler);
  let lambda: LambdaClient | undefined;
  try {
    server = await startServer({ args: ['--account-concurrency', '1000'] });
    log(`lambent at ${server.url} (data dir ${server.dataDir})`);
    const budget = /may hold (\d+) MB/.exec(server.output())?.[1];
    if (budget) log(`lambent's host memory budget for environments: ${budget} MB`);
    const u = new URL(server.url);
    const target: Target = { host: u.hostname, port: Number(u.port) };
    lambda = lambdaClient(server.url, { region: REGION });
    await ensureBenchRole(server.url, REGION);

    // 1. Cold start through the Invoke API (a new function's first invoke, HTTP and all).
    log(`cold start: ${COLD_SAMPLES} fresh functions`);
    const cold = await measureCold(lambda, target, zip, COLD_SAMPLES);
    const coldLat = stats(cold.latency);
    const coldInit = stats(cold.init);

    // 2. Warm latency.
    const warmName = 'bench-warm';
    const warmName128 = 'bench-warm-128';
    await createFunctions(lambda, [warmName], zip, WARM_MEMORY_MB);
    await createFunctions(lambda, [warmName128], zip, DEFAULT_MEMORY_MB);
    log(`warm: ${WARM_SAMPLES} sequential signed invokes (${WARM_MEMORY_MB} MB)`);
    const warm = await measureSequential(target, invokePath(warmName), true, WARM_WARMUP, WARM_SAMPLES);
    log(`warm: ${WARM_SAMPLES_128} sequential signed invokes (${DEFAULT_MEMORY_MB} MB)`);
    const warm128 = stats((await measureSequential(target, invokePath(warmName128), true, WARM_WARMUP, WARM_SAMPLES_128)).latency);
    // The same function, signed by an assumed-role session: the authorizer evaluates the role's policy each time.
    log(`warm: ${WARM_SAMPLES} sequential invokes signed by an assumed-role session`);
    const session = await invokerSession(server.url, [`arn:aws:lambda:${REGION}:000000000000:function:${warmName}`], REGION);
    // Interleaved blocks, root keys then the session, so both see the same machine state (JIT, caches, load).
    const rootBlocks: number[] = [];
    const roleBlocks: number[] = [];
    const BLOCKS = 10;
    await measureSequential(target, invokePath(warmName), true, WARM_WARMUP, 0, EVENT, session);
    for (let b = 0; b < BLOCKS; b++) {
      rootBlocks.push(...(await measureSequential(target, invokePath(warmName), true, 20, WARM_SAMPLES / BLOCKS)).latency);
      roleBlocks.push(...(await measureSequential(target, invokePath(warmName), true, 20, WARM_SAMPLES / BLOCKS, EVENT, session)).latency);
    }
    const warmRoot = stats(rootBlocks);
    const warmRole = stats(roleBlocks);
    log(`floor: ${WARM_SAMPLES} sequential in-process invokes`);
    const floorWarm = await measureSequential(floor.target, invokePath(warmName), false, WARM_WARMUP, WARM_SAMPLES);
    const warmLat = stats(warm.latency);
    const warmSign = stats(warm.sign);
    const floorLat = stats(floorWarm.latency);

    // 3. Throughput: a fresh function per level, so c=1 runs on exactly one environment and c=2 on two.
    const tput = new Map<number, { lambent: ThroughputResult; floor: ThroughputResult; envs: number }>();
    for (const c of THROUGHPUT_LEVELS) {
      const fn = `bench-tput-${c}`;
      await createFunctions(lambda, [fn], zip, THROUGHPUT_MEMORY_MB[c] ?? WARM_MEMORY_MB);
      const before = (await health(server.url)).environments?.environments ?? 0;
      log(`throughput c=${c}: lambent`);
      const l = await measureThroughput(target, invokePath(fn), true, c);
      const envs = ((await health(server.url)).environments?.environments ?? Number.NaN) - before;
      log(`throughput c=${c}: floor`);
      const f = await measureThroughput(floor.target, invokePath(fn), false, c);
      tput.set(c, { lambent: l, floor: f, envs });
      // Retire this level's environments so the next level (and the scale-out) starts from its own.
      await lambda.send(new DeleteFunctionCommand({ FunctionName: fn }));
    }
    // 32 connections held to one and to two environments by reserved concurrency: as on AWS, the invocations
    // beyond it are throttled (429, retried at once by the worker), so the environments never wait for work.
    const reserved = new Map<number, { lambent: ThroughputResult; envs: number } | string>();
    for (const n of [1, 2]) {
      const fn = `bench-reserved-${n}`;
      try {
        await createFunctions(lambda, [fn], zip, WARM_MEMORY_MB);
        await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: n }));
        const before = (await health(server.url)).environments?.environments ?? 0;
        log(`throughput, 32 connections, reserved concurrency ${n}: lambent`);
        const l = await measureThroughput(target, invokePath(fn), true, 32);
        const envs = ((await health(server.url)).environments?.environments ?? Number.NaN) - before;
        reserved.set(n, { lambent: l, envs });
        await lambda.send(new DeleteFunctionCommand({ FunctionName: fn }));
      } catch (e) {
        reserved.set(n, `skipped: ${(e as Error).message.slice(0, 200)}`);
        log(`reserved concurrency ${n} skipped: ${(e as Error).message}`);
      }
    }

    // 4. Scale-out 0 → N and the idle cost of those N environments. The handlers wait at a barrier on the host's
    // loopback, which a function in its own network namespace cannot reach: this part runs on a second server whose
    // functions share the host's network (--function-network host). Everything else above used the default.
    lambda.destroy();
    await server.dispose();
    server = await startServer({ args: ['--account-concurrency', '1000', '--function-network', 'host'] });
    const su = new URL(server.url);
    const scaleTarget: Target = { host: su.hostname, port: Number(su.port) };
    lambda = lambdaClient(server.url, { region: REGION });
    await ensureBenchRole(server.url, REGION);
    log(`scale-out: ${SCALE_OUT} concurrent invocations held at a barrier (server with --function-network host)`);
    const scale = await measureScaleOut(lambda, scaleTarget, server.url, SCALE_OUT);
    log(`idle cost: PSS of the idle environments`);
    const idle = await measureIdleCost(server.proc.pid ?? 0, server.url, SCALE_OUT);
    const idleHealth = await health(server.url);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'bench-scale-out' }));

    // 5. Peers, one at a time (nothing else running meanwhile).
    const peers: PeerResults[] = [];
    for (const start of [startServerlessOffline, startLambdaLocal]) {
      const name = start === startServerlessOffline ? 'serverless-offline' : 'lambda-local';
      if (peerInstallProblem) {
        peers.push({ name, skipped: peerInstallProblem, tput: new Map() });
        continue;
      }
      log(`${name}: starting`);
      const started: PeerStart = await start(HANDLER_SOURCE);
      if (!started.ok) {
        log(`${name} skipped: ${started.reason}`);
        peers.push({ name, skipped: started.reason, tput: new Map() });
        continue;
      }
      const p = started.peer;
      const pt: Target = { host: p.host, port: p.port };
      const body = p.body(EVENT);
      try {
        log(`${name}: ${PEER_SAMPLES} sequential invokes`);
        const w = stats((await measureSequential(pt, p.path, false, WARM_WARMUP, PEER_SAMPLES, body)).latency);
        const res: PeerResults = { name, warm: w, tput: new Map() };
        for (const c of THROUGHPUT_LEVELS) {
          log(`${name}: throughput c=${c}`);
          res.tput.set(c, await measureThroughput(pt, p.path, false, c, body));
        }
        peers.push(res);
      } catch (e) {
        log(`${name} failed: ${(e as Error).message}`);
        peers.push({ name, skipped: `failed during the run: ${(e as Error).message}`, tput: new Map() });
      } finally {
        await p.stop();
      }
    }

    // ------------------------------------------------------------ report
    const peer = (name: string): PeerResults | undefined => peers.find((p) => p.name === name);
    const so = peer('serverless-offline');
    const ll = peer('lambda-local');
    const peerCell = (p: PeerResults | undefined, f: (p: PeerResults) => string | undefined): string =>
      p?.skipped ? 'skipped' : ((p && f(p)) ?? NA);
    const withRatio = (v: number, base: number): string => `${ms(v)} (${ratio(v, base)})`;

    const spawnP50 = `${ms(spawnSamples.p50, 1)} (bare node spawn)`;
    const spawnP99 = `${ms(spawnSamples.p99, 1)} (bare node spawn)`;
    const coldRows: Cell[][] = [];
    if (coldParts) {
      const { full, pool } = coldParts;
      coldRows.push(
        [`full sandbox, spawn → first response: p50 (n=${full.total.n})`, ms(full.total.p50, 1), spawnP50, NA, NA, '≤ 40 ms'],
        ['full sandbox: p99', ms(full.total.p99, 1), spawnP99, NA, NA, '≤ 75 ms'],
        [`from the pre-warmed pool, assign + first invoke: p50 (n=${pool.total.n})`, ms(pool.total.p50, 1), NA, NA, NA, '≤ 10 ms'],
        ['from the pre-warmed pool: p99', ms(pool.total.p99, 1), NA, NA, NA, '≤ 20 ms'],
      );
    } else {
      coldRows.push(['full sandbox and pool (bench/coldstart.ts)', `skipped: ${coldPartsSkipped ?? 'unknown'}`, NA, NA, NA, NA]);
    }
    coldRows.push(
      [`through the Invoke API, a new function's first invoke: p50 (n=${coldLat.n})`, ms(coldLat.p50, 1), spawnP50, NA, NA, NA],
      ['through the Invoke API: p99', ms(coldLat.p99, 1), spawnP99, NA, NA, NA],
      ['through the Invoke API: Init Duration p50 / p99 (REPORT line)', `${ms(coldInit.p50, 1)} / ${ms(coldInit.p99, 1)}`, NA, NA, NA, NA],
    );
    const coldTable = table(['Cold start', ...SYSTEMS], coldRows);

    const warmTable = table(['Warm invoke, c=1', ...SYSTEMS], [
      [
        `p50 (n=${warmLat.n})`,
        `${ms(warmLat.p50)} (${diffMs(warmLat.p50, floorLat.p50)})`,
        ms(floorLat.p50),
        peerCell(so, (p) => p.warm && withRatio(p.warm.p50, warmLat.p50)),
        peerCell(ll, (p) => p.warm && withRatio(p.warm.p50, warmLat.p50)),
        `≤ ${ms(floorLat.p50 + 0.3)} (floor + 0.3 ms)`,
      ],
      [
        `p99`,
        `${ms(warmLat.p99)} (${diffMs(warmLat.p99, floorLat.p99)})`,
        ms(floorLat.p99),
        peerCell(so, (p) => p.warm && withRatio(p.warm.p99, warmLat.p99)),
        peerCell(ll, (p) => p.warm && withRatio(p.warm.p99, warmLat.p99)),
        `≤ ${ms(floorLat.p99 + 2)} (floor + 2 ms)`,
      ],
      [
        'mean',
        ms(warmLat.mean),
        ms(floorLat.mean),
        peerCell(so, (p) => p.warm && ms(p.warm.mean)),
        peerCell(ll, (p) => p.warm && ms(p.warm.mean)),
        NA,
      ],
      [`p50, root keys / an assumed-role session (policy evaluated), interleaved blocks (n=${warmRole.n} each)`, `${ms(warmRoot.p50)} / ${ms(warmRole.p50)} (${diffMs(warmRole.p50, warmRoot.p50)})`, ms(floorLat.p50), NA, NA, NA],
      ['p99, root keys / an assumed-role session, interleaved', `${ms(warmRoot.p99)} / ${ms(warmRole.p99)} (${diffMs(warmRole.p99, warmRoot.p99)})`, ms(floorLat.p99), NA, NA, NA],
      ['mean, root keys / an assumed-role session, interleaved', `${ms(warmRoot.mean)} / ${ms(warmRole.mean)} (${diffMs(warmRole.mean, warmRoot.mean)})`, NA, NA, NA, NA],
      [`p50, ${DEFAULT_MEMORY_MB} MB function (n=${warm128.n})`, ms(warm128.p50), ms(floorLat.p50), NA, NA, NA],
      [`p99, ${DEFAULT_MEMORY_MB} MB function`, ms(warm128.p99), ms(floorLat.p99), NA, NA, NA],
    ]);

    const tputTarget = (c: number): string => (c === 1 ? '≥ 3000 /s' : c === 2 ? '≥ 6000 /s' : NA);
    const tputLabel = (c: number): string => (c === 1 ? 'one environment' : c === 2 ? 'two environments' : `${c} connections`);
    const tputRows: Cell[][] = [];
    for (const c of THROUGHPUT_LEVELS) {
      const t = tput.get(c);
      if (!t) continue;
      const pr = (p: PeerResults | undefined): string =>
        peerCell(p, (q) => {
          const r = q.tput.get(c);
          return r && `${rate(r.perSecond)} (${ratio(r.perSecond, t.lambent.perSecond)})`;
        });
      tputRows.push([
        `c=${c}, ${tputLabel(c)}: invokes/s`,
        `${rate(t.lambent.perSecond)} (${t.envs} env${t.envs === 1 ? '' : 's'}${t.lambent.throttled ? `, ${t.lambent.throttled} throttled` : ''})`,
        rate(t.floor.perSecond),
        pr(so),
        pr(ll),
        tputTarget(c),
      ]);
      const lat = (p: PeerResults | undefined): string =>
        peerCell(p, (q) => {
          const r = q.tput.get(c);
          return r && `${ms(r.p50, 2)} / ${ms(r.p99, 2)}`;
        });
      tputRows.push([
        `c=${c}: latency p50 / p99`,
        `${ms(t.lambent.p50, 2)} / ${ms(t.lambent.p99, 2)}`,
        `${ms(t.floor.p50, 2)} / ${ms(t.floor.p99, 2)}`,
        lat(so),
        lat(ll),
        NA,
      ]);
    }
    for (const [n, r] of reserved) {
      const label = `32 connections, reserved concurrency ${n} (${n === 1 ? 'one environment' : 'two environments'}): invokes/s`;
      const target = n === 1 ? '≥ 3000 /s' : '≥ 6000 /s';
      if (typeof r === 'string') {
        tputRows.push([label, r, NA, NA, NA, target]);
        continue;
      }
      const per = r.lambent.seconds > 0 ? r.lambent.throttled / r.lambent.seconds : 0;
      tputRows.push([label, `${rate(r.lambent.perSecond)} (${r.envs} env${r.envs === 1 ? '' : 's'}; ${rate(per)} throttled)`, NA, NA, NA, target]);
      tputRows.push([`reserved concurrency ${n}: latency p50 / p99 (served)`, `${ms(r.lambent.p50, 2)} / ${ms(r.lambent.p99, 2)}`, NA, NA, NA, NA]);
    }
    const tputTable = table(['Throughput (keep-alive)', ...SYSTEMS], tputRows);

    const arrivals = [...scale.arrivals].sort((a, b) => a - b);
    const creationRate = (scale.n * 1000) / scale.allServingMs;
    const scaleTable = table(['Scale-out and environment creation', ...SYSTEMS], [
      [
        `0 → ${scale.n} concurrent environments: all serving`,
        Number.isNaN(scale.allServingMs) ? `not reached (${arrivals.length} of ${scale.n})` : ms(scale.allServingMs, 0),
        NA,
        NA,
        NA,
        NA,
      ],
      [
        'sandboxed environment creation rate (during the scale-out)',
        Number.isNaN(creationRate) ? NA : `${creationRate.toFixed(1)} /s`,
        NA,
        NA,
        NA,
        '≥ 40 /s',
      ],
      [
        'first / median / last environment serving',
        arrivals.length ? `${ms(arrivals[0] as number, 0)} / ${ms(percentile(arrivals, 50), 0)} / ${ms(arrivals[arrivals.length - 1] as number, 0)}` : NA,
        NA,
        NA,
        NA,
        NA,
      ],
    ]);

    const pss = stats(idle.cost.pssKb.map((k) => k / 1024));
    const perGiB = 1024 / pss.mean;
    const idleTable = table(['Idle environment cost (PSS)', ...SYSTEMS], [
      [`PSS per environment p50 / p99 (n=${pss.n})`, `${pss.p50.toFixed(1)} / ${pss.p99.toFixed(1)} MiB`, NA, NA, NA, NA],
      ['environments per GiB (by mean PSS)', perGiB.toFixed(0), NA, NA, NA, '≥ 100'],
      ['frozen when measured', `${idle.cost.frozen} of ${idle.cost.count}`, NA, NA, NA, 'all'],
    ]);

    const skipped = peers.filter((p) => p.skipped).map((p) => `- ${p.name} skipped: ${p.skipped}`);
    const mc = machine();
    const totalS = (performance.now() - began) / 1000;
    const md = `# Lambent benchmark results

Generated by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString()}; the run took ${totalS.toFixed(0)} s. Every figure
in a table was measured in this one run.

## Machine

- Kernel (\`uname -r\`): ${mc.kernel}
- CPU: ${mc.cpu}
- Cores: ${mc.cores}
- RAM: ${mc.ramGiB} GiB
- Node: ${mc.node}

## Results

Peer cells show the peer's figure and, in parentheses, its ratio to Lambent's (for latency > 1× means the peer is slower; for
throughput < 1× means it serves fewer). Lambent's warm latency shows its distance to the floor in parentheses.
${skipped.length ? `\n${skipped.join('\n')}\n` : ''}
${coldTable}
${coldPartsTable ? `\n${coldPartsTable}\n` : ''}${nonRootTableText ? `\n${nonRootTableText}\n` : ''}
${warmTable}

${tputTable}

${scaleTable}

${idleTable}

SigV4 signing (per request, client side, excluded from the Lambent latencies above): p50 ${ms(warmSign.p50)}, p99 ${ms(warmSign.p99)}, mean ${ms(warmSign.mean)}.

Other figures: cold start min/max ${ms(coldLat.min)} / ${ms(coldLat.max)}; spawn floor min/max ${ms(spawnSamples.min)} / ${ms(spawnSamples.max)};
warm invoke min/max ${ms(warmLat.min)} / ${ms(warmLat.max)}; floor min/max ${ms(floorLat.min)} / ${ms(floorLat.max)};
${DEFAULT_MEMORY_MB} MB warm mean ${ms(warm128.mean)}. Scale-out: every response read after ${ms(scale.allDoneMs, 0)}, ${scale.failures.length} failed
invocation(s)${scale.failures.length ? ` (first: ${scale.failures[0]})` : ''}; /health counted ${scale.envsAfter} environments after it.
Idle cost: ${idle.cost.count} environments (${idle.cost.processes} processes) under the Lambent process, measured ${ms(idle.waitedMs, 0)} after the
scale-out finished; /health then reported ${idleHealth.environments?.environments ?? NA} environments, ${idleHealth.environments?.frozen ?? NA} frozen; mean PSS ${pss.mean.toFixed(1)} MiB.

Throughput detail (invokes completed / seconds):

| Concurrency | Lambent | Floor |
|---:|---:|---:|
${THROUGHPUT_LEVELS.map((c) => {
  const t = tput.get(c);
  if (!t) return `| ${c} | ${NA} | ${NA} |`;
  return `| ${c} | ${t.lambent.completed} in ${t.lambent.seconds.toFixed(2)} s | ${t.floor.completed} in ${t.floor.seconds.toFixed(2)} s |`;
}).join('\n')}

## Method

- Handler (Lambent, floor and peers): \`${HANDLER_SOURCE.trim()}\`, runtime nodejs20.x. Event: \`${EVENT}\`.
- Memory: Lambent gives an environment CPU in proportion to MemorySize, as AWS does (1,769 MB = one vCPU via the CFS quota;
  the ${DEFAULT_MEMORY_MB} MB default gets ${((100 * DEFAULT_MEMORY_MB) / 1769).toFixed(1)} ms of CPU per 100 ms, and init runs uncapped).
  Cold starts and the scale-out use ${DEFAULT_MEMORY_MB} MB. Warm latency and throughput use ${WARM_MEMORY_MB} MB (one vCPU) so they measure Lambent
  rather than the emulated CPU cap; the "${DEFAULT_MEMORY_MB} MB" warm rows show the cap's effect (once an environment has used its quota it
  waits for the next 100 ms period: tens-of-ms stalls in p99).
- All Lambent invokes are \`POST /2015-03-31/functions/NAME/invocations\` over \`node:http\` with a keep-alive \`Agent\`,
  each one signed just before it is sent (SignatureV4 from \`@smithy/signature-v4\`); signing is timed separately and kept out of
  the latencies, but its CPU is part of the throughput runs (the floor and the peers are sent unsigned).
  Timing (\`performance.now()\`) runs from issuing the request to reading the last byte of the response.
  Every response is checked (200, body \`${EXPECTED}\`, no X-Amz-Function-Error). Percentiles are nearest-rank on sorted samples.
- **Cold start, full sandbox and pool** (bench/coldstart.ts, run first, in the bench process): the real environment code
  (sandbox, cgroup, Runtime API, Node runtime) without the HTTP front door, ${COLD_SAMPLES} samples each, with the breakdown
  above; the pool figure is a pre-started stem cell (sandbox, cgroup and runtime boot done at refill) assigned, specialized
  and invoked once.
- **As an unprivileged user** (bench/nonroot.ts): the same in-process cold starts and warm invoke, run by bench/coldstart.ts
  as the system user \`lambentbench\` (created if absent) with a cgroup v1 subtree delegated to it the way README's "Running
  as yourself" says (\`mkdir\` + \`chown -R\` in the memory, cpu, pids and freezer hierarchies; removed afterwards), right after
  root's; the pool uses the mount helper's own user namespace. Target: pooled cold start p50 within 1.5× of root's.
- **Cold start through the Invoke API**: ${COLD_SAMPLES} distinct functions with the same code (plus one unmeasured warm-up function), created up front and
  waited Active; each is invoked once with \`X-Amz-Log-Type: Tail\`, and \`Init Duration\` is read from the REPORT line. Each
  function is deleted after its sample and the bench pauses 150 ms. Floor: ${SPAWN_SAMPLES} spawns of \`node -e "process.stdout.write('x')"\`
  with an empty environment, \`spawn()\` to the first stdout byte.
- **Warm latency**: ${WARM_WARMUP} unmeasured invokes, then ${WARM_SAMPLES} sequential invokes on one keep-alive connection (peers:
  ${PEER_SAMPLES}). Floor: a bare \`node:http\` server inside the bench process that parses the event and calls the same handler
  (the same source, evaluated in-process), hit the same way without a signature.
- **Throughput**: at concurrency N, N workers loop over a keep-alive Agent with N sockets: ${THROUGHPUT_WARMUP_MS} ms (and ≥3 invokes per
  worker) of warm-up, then ${THROUGHPUT_MS} ms measured; rate = completed invokes / time to the last completion. Each level uses a
  fresh function (${WARM_MEMORY_MB} MB at c=1 and c=2; 256 MB at c=32, where 32 environments of 1,769 MB would not fit the host's
  memory: Lambent admits environments by MemorySize and answers 429 beyond, counted as "throttled"), deleted afterwards; Lambent runs one environment per in-flight request (as AWS), so c=1 runs on
  exactly one environment and c=2 on exactly two (the "envs" figure is the growth of /health's environment count during the level).
  The floor server shares one event loop with the load generator, so its throughput is bounded by a single core.
  The "reserved concurrency" rows keep 32 connections busy against a function with \`ReservedConcurrentExecutions\` 1 or 2:
  as on AWS, an invocation beyond it is throttled (429 \`TooManyRequestsException\`), the worker sends its next one at once,
  so the one or two environments always have work waiting; only served invocations count.
- **Scale-out**: on a second Lambent started with \`--function-network host\` (the barrier is on the host's loopback, which
  functions in their own network namespace cannot reach), a ${DEFAULT_MEMORY_MB} MB function whose handler calls an HTTP barrier in the bench process and returns when the barrier
  releases, which it does once all ${SCALE_OUT} handlers have arrived: ${SCALE_OUT} invocations sent at once need ${SCALE_OUT} environments
  running at the same time. "All serving" is the ${SCALE_OUT}th arrival, from the moment the invocations were sent; the creation rate is
  ${SCALE_OUT} / that time (the cold starts overlap, so it is a rate, not an inverse latency). Lambent started with
  \`--account-concurrency 1000\`.
- **Idle cost**: right after the scale-out, the bench finds the environments as the Lambent process's descendants grouped by their
  cgroup, and sums \`Pss\` from \`/proc/<pid>/smaps_rollup\` over every process of each environment (PSS shares Node's text and other
  shared pages among the processes that map them, where RSS would count them in every one). It waits (up to 10 s) for Lambent to freeze
  the idle environments, and counts an environment frozen when its freezer cgroup says FROZEN (or all its processes are stopped).
  Environments per GiB = 1024 MiB / mean PSS. Pre-started pool processes, when present, are environments too and are included.
- **Peers**: installed on first run into \`bench/.peers\` (\`npm install --prefix\`, git-ignored; ${'`'}serverless@3${'`'},
  ${'`'}serverless-offline@13${'`'}, ${'`'}lambda-local@2${'`'}) and started one at a time after Lambent's runs, with the same handler file.
  serverless-offline: \`serverless offline start\` on a one-function service, its Lambda invoke endpoint
  (\`POST /2015-03-31/functions/bench-dev-hello/invocations\`), handlers in its default worker threads. lambda-local:
  \`lambda-local -l handler.js -h handler --watch PORT\`, body \`{"event": ...}\` (the event handed to the handler as is).
`;
    // The install-time figures are measured by hand (bench/install-time.sh) and kept with every generated report.
    const installTime = new URL('./INSTALL-TIME.md', import.meta.url).pathname;
    writeFileSync(RESULTS, existsSync(installTime) ? `${md.trimEnd()}\n\n${readFileSync(installTime, 'utf8')}` : md);
    process.stdout.write(`\n${coldTable}\n\n${warmTable}\n\n${tputTable}\n\n${scaleTable}\n\n${idleTable}\n`);
    log(`wrote ${RESULTS} in ${totalS.toFixed(0)} s`);
  } finally {
    lambda?.destroy();
    floor.server.close();
    floor.server.closeAllConnections();
    if (server) await server.dispose();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
