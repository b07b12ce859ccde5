// Lambent benchmark: cold start, warm invoke latency and throughput, each
// beside a "floor" (the same work without Lambent in the way), written to
// bench/RESULTS.md. Run with `npm run bench` (builds first).
//
// All Lambent invokes go over raw node:http with a keep-alive Agent and are
// SigV4-signed per request with @smithy/signature-v4; the signing time is kept
// out of the measured interval and reported on its own.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, release, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  type LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { lambdaClient, makeZip, startServer, type TestServer } from '../tests/helpers/lambent.js';

// ---------------------------------------------------------------- settings

const COLD_SAMPLES = 40;
const SPAWN_SAMPLES = 40;
const WARM_SAMPLES = 5_000;
const WARM_WARMUP = 300;
/** Sequential samples for the extra row at the 128 MB default (CPU-capped). */
const WARM_SAMPLES_128 = 2_000;
/**
 * Lambent caps an environment's CPU in proportion to MemorySize, as AWS does
 * (1,769 MB = 1 vCPU; 128 MB = 7.2 ms of CPU per 100 ms period). The warm and
 * throughput figures use one full vCPU so they measure Lambent, not the cap;
 * cold starts (init runs uncapped) and one extra warm row use the 128 MB default.
 */
const WARM_MEMORY_MB = 1769;
const DEFAULT_MEMORY_MB = 128;
const THROUGHPUT_LEVELS = [1, 8, 32] as const;
const THROUGHPUT_WARMUP_MS = 1_500;
const THROUGHPUT_MS = 5_000;

const REGION = 'us-east-1';
const ROLE = 'arn:aws:iam::000000000000:role/r';
const HANDLER_SOURCE = 'exports.handler = async (e) => ({ ok: true })\n';
const EVENT = JSON.stringify({ bench: true });
const EXPECTED = JSON.stringify({ ok: true });
const RESULTS = new URL('./RESULTS.md', import.meta.url).pathname;

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

const signer = new SignatureV4({
  service: 'lambda',
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  sha256: Sha256,
});

function invokePath(name: string): string {
  return `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`;
}

async function send(
  target: Target,
  agent: Agent,
  path: string,
  body: string,
  opts: { sign: boolean; tail?: boolean },
): Promise<Sent> {
  let headers: Record<string, string> = {
    host: `${target.host}:${target.port}`,
    'content-type': 'application/json',
  };
  if (opts.tail) headers['x-amz-log-type'] = 'Tail';
  let signMs = 0;
  if (opts.sign) {
    const unsigned: HttpRequest = {
      method: 'POST',
      protocol: 'http:',
      hostname: target.host,
      port: target.port,
      path,
      query: {},
      headers,
      body,
    };
    const s0 = performance.now();
    const signed = await signer.sign(unsigned);
    signMs = performance.now() - s0;
    headers = signed.headers;
  }
  headers['content-length'] = String(Buffer.byteLength(body));
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

async function createFunctions(lambda: LambdaClient, names: readonly string[], zip: Buffer, memoryMb: number): Promise<void> {
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
          Timeout: 10,
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

async function measureSequential(target: Target, path: string, signed: boolean, warmup: number, n: number): Promise<WarmResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latency: number[] = [];
  const sign: number[] = [];
  try {
    for (let i = 0; i < warmup; i++) check(await send(target, agent, path, EVENT, { sign: signed }), 'warm-up invoke');
    for (let i = 0; i < n; i++) {
      const r = await send(target, agent, path, EVENT, { sign: signed });
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
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function measureThroughput(target: Target, path: string, signed: boolean, concurrency: number): Promise<ThroughputResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    // Warm-up: run every worker for a while and at least 3 times, so Lambent has its N environments.
    const warmEnd = performance.now() + THROUGHPUT_WARMUP_MS;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < 3 || performance.now() < warmEnd; i++) {
          check(await send(target, agent, path, EVENT, { sign: signed }), `throughput warm-up c=${concurrency}`);
        }
      }),
    );
    const latencies: number[] = [];
    const start = performance.now();
    const deadline = start + THROUGHPUT_MS;
    let completed = 0;
    let last = start;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const r = await send(target, agent, path, EVENT, { sign: signed });
          check(r, `throughput c=${concurrency}`);
          completed++;
          latencies.push(r.ms);
          last = performance.now();
        }
      }),
    );
    const seconds = (last - start) / 1000;
    const s = stats(latencies);
    return { concurrency, completed, seconds, perSecond: completed / seconds, p50: s.p50, p99: s.p99 };
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

  const floor = await startFloorServer(handler);
  let lambda: LambdaClient | undefined;
  try {
    server = await startServer();
    log(`lambent at ${server.url} (data dir ${server.dataDir})`);
    const u = new URL(server.url);
    const target: Target = { host: u.hostname, port: Number(u.port) };
    lambda = lambdaClient(server.url, { region: REGION });

    // 1. Cold start.
    log(`floor: ${SPAWN_SAMPLES} bare node -e spawns`);
    const spawnSamples = stats(await measureSpawn(SPAWN_SAMPLES));
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
    log(`floor: ${WARM_SAMPLES} sequential in-process invokes`);
    const floorWarm = await measureSequential(floor.target, invokePath(warmName), false, WARM_WARMUP, WARM_SAMPLES);
    const warmLat = stats(warm.latency);
    const warmSign = stats(warm.sign);
    const floorLat = stats(floorWarm.latency);

    // 3. Throughput.
    const tput: { lambent: ThroughputResult; floor: ThroughputResult }[] = [];
    for (const c of THROUGHPUT_LEVELS) {
      log(`throughput c=${c}: lambent`);
      const l = await measureThroughput(target, invokePath(warmName), true, c);
      log(`throughput c=${c}: floor`);
      const f = await measureThroughput(floor.target, invokePath(warmName), false, c);
      tput.push({ lambent: l, floor: f });
    }

    // Report.
    const rows: [string, string, string, string, string][] = [
      [`Cold start p50 (n=${coldLat.n})`, ms(coldLat.p50), `${ms(spawnSamples.p50)} (spawn p50)`, ratio(coldLat.p50, spawnSamples.p50), diffMs(coldLat.p50, spawnSamples.p50)],
      [`Cold start p99 (n=${coldLat.n})`, ms(coldLat.p99), `${ms(spawnSamples.p99)} (spawn p99)`, ratio(coldLat.p99, spawnSamples.p99), diffMs(coldLat.p99, spawnSamples.p99)],
      ['Init Duration p50 (REPORT)', ms(coldInit.p50, 2), `${ms(spawnSamples.p50)} (spawn p50)`, ratio(coldInit.p50, spawnSamples.p50), diffMs(coldInit.p50, spawnSamples.p50)],
      ['Init Duration p99 (REPORT)', ms(coldInit.p99, 2), `${ms(spawnSamples.p99)} (spawn p99)`, ratio(coldInit.p99, spawnSamples.p99), diffMs(coldInit.p99, spawnSamples.p99)],
      [`Warm invoke p50 (n=${warmLat.n})`, ms(warmLat.p50), `${ms(floorLat.p50)} (in-process)`, ratio(warmLat.p50, floorLat.p50), diffMs(warmLat.p50, floorLat.p50)],
      [`Warm invoke p99 (n=${warmLat.n})`, ms(warmLat.p99), `${ms(floorLat.p99)} (in-process)`, ratio(warmLat.p99, floorLat.p99), diffMs(warmLat.p99, floorLat.p99)],
      [`Warm invoke mean`, ms(warmLat.mean), `${ms(floorLat.mean)} (in-process)`, ratio(warmLat.mean, floorLat.mean), diffMs(warmLat.mean, floorLat.mean)],
      [`Warm invoke p50, ${DEFAULT_MEMORY_MB} MB (n=${warm128.n})`, ms(warm128.p50), `${ms(floorLat.p50)} (in-process)`, ratio(warm128.p50, floorLat.p50), diffMs(warm128.p50, floorLat.p50)],
      [`Warm invoke p99, ${DEFAULT_MEMORY_MB} MB (n=${warm128.n})`, ms(warm128.p99), `${ms(floorLat.p99)} (in-process)`, ratio(warm128.p99, floorLat.p99), diffMs(warm128.p99, floorLat.p99)],
      [`Warm invoke mean, ${DEFAULT_MEMORY_MB} MB`, ms(warm128.mean), `${ms(floorLat.mean)} (in-process)`, ratio(warm128.mean, floorLat.mean), diffMs(warm128.mean, floorLat.mean)],
    ];
    for (const { lambent: l, floor: f } of tput) {
      rows.push([
        `Throughput c=${l.concurrency}`,
        `${rate(l.perSecond)} (p50 ${ms(l.p50, 2)})`,
        `${rate(f.perSecond)} (p50 ${ms(f.p50, 2)})`,
        ratio(l.perSecond, f.perSecond),
        `${(l.perSecond - f.perSecond).toFixed(0)} /s`,
      ]);
    }
    const header = ['Metric', 'Lambent', 'Floor', 'Ratio (Lambent / floor)', 'Difference'];
    const table = [
      `| ${header.join(' | ')} |`,
      `|${header.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');

    const mc = machine();
    const totalS = (performance.now() - began) / 1000;
    const md = `# Lambent benchmark results

Generated by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString()}; the run took ${totalS.toFixed(0)} s.

## Machine

- Kernel (\`uname -r\`): ${mc.kernel}
- CPU: ${mc.cpu}
- Cores: ${mc.cores}
- RAM: ${mc.ramGiB} GiB
- Node: ${mc.node}

## Results

${table}

SigV4 signing (per request, client side, excluded from the Lambent latencies above): p50 ${ms(warmSign.p50)}, p99 ${ms(warmSign.p99)}, mean ${ms(warmSign.mean)}.

Other figures: cold start min/max ${ms(coldLat.min)} / ${ms(coldLat.max)}; spawn floor min/max ${ms(spawnSamples.min)} / ${ms(spawnSamples.max)}; warm invoke min/max ${ms(warmLat.min)} / ${ms(warmLat.max)}; floor min/max ${ms(floorLat.min)} / ${ms(floorLat.max)}.

Throughput detail (invokes completed / seconds; latency p50/p99):

| Concurrency | Lambent | Floor |
|---:|---:|---:|
${tput
  .map(
    ({ lambent: l, floor: f }) =>
      `| ${l.concurrency} | ${l.completed} in ${l.seconds.toFixed(2)} s = ${rate(l.perSecond)}; ${ms(l.p50, 2)} / ${ms(l.p99, 2)} | ${f.completed} in ${f.seconds.toFixed(2)} s = ${rate(f.perSecond)}; ${ms(f.p50, 2)} / ${ms(f.p99, 2)} |`,
  )
  .join('\n')}

## Method

- Handler (both sides): \`${HANDLER_SOURCE.trim()}\`, runtime nodejs20.x. Event: \`${EVENT}\`.
- Memory: Lambent gives an environment CPU in proportion to MemorySize, as AWS does (1,769 MB = one vCPU via the CFS quota;
  the ${DEFAULT_MEMORY_MB} MB default gets ${((100 * DEFAULT_MEMORY_MB) / 1769).toFixed(1)} ms of CPU per 100 ms, and init runs uncapped).
  Cold starts use ${DEFAULT_MEMORY_MB} MB. Warm latency and throughput use ${WARM_MEMORY_MB} MB (one vCPU) so they measure Lambent rather than
  the emulated CPU cap; the "${DEFAULT_MEMORY_MB} MB" warm rows (${WARM_SAMPLES_128} samples) show the cap's effect: once an environment has
  used its quota it is throttled until the next 100 ms period, which shows up as tens-of-ms stalls in p99 and the mean.
- All Lambent invokes are \`POST /2015-03-31/functions/NAME/invocations\` over \`node:http\` with a keep-alive \`Agent\`,
  each one signed just before it is sent (SignatureV4 from \`@smithy/signature-v4\`, \`Sha256\` from \`@smithy/core/checksum\`).
  Timing (\`performance.now()\`) runs from issuing the request to reading the last byte of the response; signing is timed separately.
  Every response is checked (200, body \`${EXPECTED}\`, no X-Amz-Function-Error). Percentiles are nearest-rank on sorted samples
  (with ${COLD_SAMPLES} samples p99 is the maximum).
- **Cold start**: ${COLD_SAMPLES} distinct functions with the same code (plus one unmeasured warm-up function), created up front and waited
  Active; each is invoked once (its first invoke is necessarily cold) with \`X-Amz-Log-Type: Tail\`, and \`Init Duration\` is read from the
  REPORT line of the base64 \`X-Amz-Log-Result\`. Each function is deleted after its sample (retiring its environment) and the bench pauses
  150 ms so teardown does not overlap the next sample.
  Floor: ${SPAWN_SAMPLES} spawns of \`node -e "process.stdout.write('x')"\` with an empty environment, timed from \`spawn()\` to the first stdout byte.
- **Warm latency**: ${WARM_WARMUP} unmeasured invokes, then ${WARM_SAMPLES} sequential invokes on one keep-alive connection
  (${WARM_MEMORY_MB} MB function; ${WARM_SAMPLES_128} more on a ${DEFAULT_MEMORY_MB} MB function for the extra rows).
  Floor: a bare \`node:http\` server inside the bench process that parses the event and calls the same handler (the same source, evaluated
  in-process), hit the same way without a signature.
- **Throughput** (${WARM_MEMORY_MB} MB function): at each concurrency N, N workers loop over a keep-alive Agent with N sockets: ${THROUGHPUT_WARMUP_MS} ms (and ≥3 invokes per
  worker) of warm-up, then ${THROUGHPUT_MS} ms measured; rate = completed invokes / time to the last completion. Lambent creates up to N
  execution environments at concurrency N (one per in-flight request, as AWS does); the warm-up absorbs those cold starts.
  Lambent-side figures include the client's per-request signing on the same 2 cores. The floor server shares one event loop with the
  load generator, so its throughput is bounded by a single core.
`;
    writeFileSync(RESULTS, md);
    process.stdout.write(`\n${table}\n\nSigV4 signing per request: p50 ${ms(warmSign.p50)}, p99 ${ms(warmSign.p99)} (not included above)\n`);
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
