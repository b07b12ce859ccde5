// Cold-start scenarios, measured in-process against the real execution-environment code (sandbox, cgroups,
// Runtime API, Node runtime) without the HTTP front door, so each figure is the environment's own cost and comes
// with its breakdown:
//   (a) full sandbox: a fresh sandbox + cgroup + runtime boot + handler import → first response;
//   (b) pool: a pre-started stem cell (sandbox, cgroup and runtime boot done at refill, off the request path) is
//       assigned, specialized (code mounted, cgroup sized, environment handed over), imports the handler → first
//       response;
//   (c) functions that cannot use a runtime stem (NODE_OPTIONS; a provided.al2023 bootstrap), each started in a
//       fresh sandbox and from an exec stem (sandbox and cgroup ready; its waiter execs the function's command).
// bench/run.ts calls measureColdStarts(); `node --import tsx bench/coldstart.ts` runs it alone and prints a table.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CodeCache } from '../src/invocation/code-cache.js';
import { ExecutionEnvironment, type EnvironmentDeps, type InitBreakdown } from '../src/invocation/environment.js';
import { detectInterpreters } from '../src/invocation/launch-spec.js';
import { StemPool } from '../src/invocation/stem-pool.js';
import type { FunctionSnapshot } from '../src/invocation/types.js';
import { FunctionLogWriter } from '../src/observability/function-logs.js';
import { RuntimeInterpreters } from '../src/runtimes/interpreters.js';
import type { Logger } from '../src/observability/logger.js';
import { createSandbox } from '../src/sandbox/index.js';
import type { CodeStore } from '../src/store/code-store.js';

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

export interface ColdStartScenario {
  /** Start of the cold start → first response received (ms). */
  total: Percentiles;
  /** REPORT's Init Duration (ms). */
  init: Percentiles;
  /** Median of each breakdown part (ms). */
  breakdown: Omit<InitBreakdown, 'path'>;
}

export interface ColdStartResults {
  sandbox: string;
  full: ColdStartScenario;
  pool: ColdStartScenario;
  /** Warm invoke of the same environment (engine-side, no HTTP): running vs frozen-then-thawed (ms). */
  warm: { running: Percentiles; thawed: Percentiles };
  /** Pool cold starts actually served by a stem (the rest fell back to a full start). */
  poolHits: number;
  /** Stem boot (sandbox + cgroup + runtime up to waiting for specialization), at refill: p50 (ms). */
  stemBootP50: number;
  /** Functions that bypass the runtime stems: fresh sandbox vs exec stem. */
  bypass: BypassScenario[];
}

export interface BypassScenario {
  label: string;
  full: ColdStartScenario;
  exec: ColdStartScenario;
  /** Exec-stem cold starts actually served by an exec stem. */
  hits: number;
}

export interface ColdStartOptions {
  samples?: number;
  memoryMb?: number;
  /** Handler source (CommonJS index.js). */
  handler?: string;
  log?: (msg: string) => void;
  /** Where runtimes are installed (default: none, host interpreters): with the AWS SDK there, nodejs environments mount it. */
  runtimesDir?: string;
}

const HELLO = 'exports.handler = async (e) => ({ ok: true })\n';

/** A provided.al2023 bootstrap: a Node script speaking the Runtime API (answers as HELLO does); needs /usr/bin/node. */
const PROVIDED_BOOTSTRAP = `#!/usr/bin/node
const http = require('node:http');
const api = process.env.AWS_LAMBDA_RUNTIME_API;
const agent = new http.Agent({ keepAlive: true });
function next() {
  http.get({ host: api.split(':')[0], port: api.split(':')[1], path: '/2018-06-01/runtime/invocation/next', agent }, (res) => {
    const id = res.headers['lambda-runtime-aws-request-id'];
    res.resume();
    res.on('end', () => {
      const r = http.request({ host: api.split(':')[0], port: api.split(':')[1], method: 'POST', path: '/2018-06-01/runtime/invocation/' + id + '/response', agent }, (x) => { x.resume(); x.on('end', next); });
      r.end('{"ok":true}');
    });
  });
}
next();
`;

/** The bypass cases measured: how each differs from the hello-world snapshot. */
const BYPASS: { label: string; over: Partial<FunctionSnapshot> }[] = [
  { label: 'nodejs20.x with NODE_OPTIONS=--enable-source-maps', over: { environment: { NODE_OPTIONS: '--enable-source-maps' } } },
  { label: 'provided.al2023 (Node script bootstrap)', over: { runtime: 'provided.al2023', handler: 'unused' } },
];

export function percentiles(samples: readonly number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(50), p99: at(99), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

const median = (xs: number[]): number => percentiles(xs).p50;

const quietLogger: Logger = {
  info: () => undefined,
  warn: (m: string) => process.stderr.write(`warn: ${m}\n`),
  error: (m: string) => process.stderr.write(`error: ${m}\n`),
} as unknown as Logger; // only info/warn/error are used by the pool

function snapshot(i: number, digest: string, memoryMb: number): FunctionSnapshot {
  const name = `cold-${i}-${randomBytes(3).toString('hex')}`;
  const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  return {
    accountId: '000000000000', region: 'us-east-1', name, version: '$LATEST', arn, runtime: 'nodejs20.x',
    handler: 'index.handler', memoryMb, timeoutSec: 10, ephemeralStorageMb: 512, environment: {},
    codeSha256Hex: digest, logGroup: `/aws/lambda/${name}`, fingerprint: digest,
  };
}

async function one(deps: EnvironmentDeps, snap: FunctionSnapshot, pool: StemPool | undefined): Promise<{ ms: number; b: InitBreakdown }> {
  const t0 = performance.now();
  const stem = pool?.take(snap);
  const env = new ExecutionEnvironment(snap, deps, 'on-demand', stem);
  if (!(await env.start())) throw new Error(`cold start failed: ${JSON.stringify(env.breakdown)}`);
  const { result } = await env.invoke({ requestId: randomBytes(16).toString('hex'), payload: Buffer.from('{"bench":true}'), invokedArn: snap.arn, tailLogs: false });
  const ms = performance.now() - t0;
  const body = result?.payload.toString('utf8');
  if (body !== '{"ok":true}' || result?.functionError) throw new Error(`unexpected response: ${body}`);
  const b = env.breakdown as InitBreakdown;
  await env.destroy();
  return { ms, b };
}

function scenario(runs: { ms: number; b: InitBreakdown }[]): ColdStartScenario {
  const part = (k: keyof Omit<InitBreakdown, 'path'>): number => median(runs.map((r) => r.b[k]));
  return {
    total: percentiles(runs.map((r) => r.ms)),
    init: percentiles(runs.map((r) => r.b.initMs)),
    breakdown: {
      cgroupMs: part('cgroupMs'), spawnMs: part('spawnMs'), runtimeMs: part('runtimeMs'),
      specializeMs: part('specializeMs'), importMs: part('importMs'), initMs: part('initMs'),
    },
  };
}

export async function measureColdStarts(opts: ColdStartOptions = {}): Promise<ColdStartResults> {
  const n = opts.samples ?? 40;
  const memoryMb = opts.memoryMb ?? 128;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'lambent-coldstart-'));
  const stateDir = join(dir, 'environments');
  const sandbox = await createSandbox({ stateDir });
  const source = opts.handler ?? HELLO;
  const digest = createHash('sha256').update(source).digest('hex');
  // The code cache finds the unpacked tree and never reads the (absent) package store.
  const codeDir = join(dir, 'unpacked', digest);
  mkdirSync(codeDir, { recursive: true, mode: 0o755 });
  writeFileSync(join(codeDir, 'index.js'), source, { mode: 0o644 });
  writeFileSync(join(codeDir, 'bootstrap'), PROVIDED_BOOTSTRAP, { mode: 0o755 });
  const codeCache = new CodeCache(join(dir, 'unpacked'), {} as CodeStore);
  const logs = new FunctionLogWriter(
    { append: async () => undefined, read: async () => [], listStreams: async () => [], storedBytes: async () => 0, deleteOldest: async () => ({ events: 0, bytes: 0 }) },
    () => undefined,
  );
  const interpreters = opts.runtimesDir ? new RuntimeInterpreters({ runtimesDir: opts.runtimesDir, install: 'off' }) : detectInterpreters();
  const deps: EnvironmentDeps = { sandbox, codeCache, logs, interpreters, stateDir };
  const pool = new StemPool({ sandbox, interpreters, stateDir, log: quietLogger, perKey: 1 });
  try {
    // Warm-up (page cache, first-use costs), unmeasured.
    for (let i = 0; i < 3; i++) await one(deps, snapshot(-1, digest, memoryMb), undefined);

    log(`cold start, full sandbox: ${n} samples (${sandbox.report.sandbox})`);
    const full: { ms: number; b: InitBreakdown }[] = [];
    for (let i = 0; i < n; i++) {
      full.push(await one(deps, snapshot(i, digest, memoryMb), undefined));
      await sleep(20); // let teardown finish so it does not overlap the next sample
    }

    log(`cold start from the stem-cell pool: ${n} samples`);
    pool.take(snapshot(-2, digest, memoryMb)); // marks the runtime used: the pool fills
    const poolRuns: { ms: number; b: InitBreakdown }[] = [];
    const boots: number[] = [];
    let hits = 0;
    for (let i = -1; i < n; i++) {
      await pool.settled(); // refill is off the request path: wait for a ready stem
      await sleep(20);
      const before = pool.stats().hits;
      const r = await one(deps, snapshot(i, digest, memoryMb), pool);
      if (i < 0) continue; // first one warms the specialization path
      poolRuns.push(r);
      if (pool.stats().hits > before) hits++;
    }
    boots.push(...pool.bootTimes());

    const bypass: BypassScenario[] = [];
    const canExec = await sandbox.execStems();
    for (const { label, over } of BYPASS) {
      if (!canExec) break;
      if (over.runtime?.startsWith('provided') && !existsSync('/usr/bin/node')) continue;
      const snap = (i: number): FunctionSnapshot => ({ ...snapshot(i, digest, memoryMb), ...over });
      log(`cold start, ${label}: ${n} samples each, fresh sandbox and exec stem`);
      for (let i = 0; i < 2; i++) await one(deps, snap(-1), undefined);
      const fresh: { ms: number; b: InitBreakdown }[] = [];
      const exec: { ms: number; b: InitBreakdown }[] = [];
      let execHits = 0;
      pool.take(snap(-2)); // marks the command used: the pool fills
      // Interleaved, so both see the same machine.
      for (let i = -1; i < n; i++) {
        await pool.settled();
        await sleep(20);
        const before = pool.stats().hits;
        const r = await one(deps, snap(i), pool);
        const hit = pool.stats().hits > before;
        await sleep(20);
        const f = await one(deps, snap(i), undefined);
        if (i < 0) continue;
        exec.push(r);
        fresh.push(f);
        if (hit) execHits++;
      }
      bypass.push({ label, full: scenario(fresh), exec: scenario(exec), hits: execHits });
    }

    log(`warm invoke, running vs frozen: ${n} samples each`);
    const warm = await measureThaw({ ...deps, freezeAfterMs: 30 }, snapshot(-3, digest, 1769), n);
    return {
      warm,
      sandbox: `${sandbox.report.sandbox}, cgroups ${sandbox.report.cgroups}`,
      full: scenario(full),
      pool: scenario(poolRuns),
      poolHits: hits,
      stemBootP50: median(boots),
      bypass,
    };
  } finally {
    await pool.shutdown();
    await sandbox.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One environment invoked back to back (never frozen) and after idling past the freeze delay (frozen, thawed). */
async function measureThaw(deps: EnvironmentDeps, snap: FunctionSnapshot, n: number): Promise<{ running: Percentiles; thawed: Percentiles }> {
  const env = new ExecutionEnvironment(snap, deps);
  if (!(await env.start())) throw new Error('start failed');
  const call = async (): Promise<number> => {
    const t = performance.now();
    await env.invoke({ requestId: randomBytes(16).toString('hex'), payload: Buffer.from('{}'), invokedArn: snap.arn, tailLogs: false });
    return performance.now() - t;
  };
  for (let i = 0; i < 50; i++) await call();
  const running: number[] = [];
  const thawed: number[] = [];
  for (let i = 0; i < n; i++) {
    running.push(await call());
    while (!env.frozen) await sleep(10);
    await sleep(20); // the freeze completes
    thawed.push(await call());
  }
  await env.destroy();
  return { running: percentiles(running), thawed: percentiles(thawed) };
}

const f = (x: number): string => `${x.toFixed(2)} ms`;

/** Markdown rows for RESULTS.md. */
export function coldStartTable(r: ColdStartResults): string {
  const row = (name: string, s: ColdStartScenario, target: string): string =>
    `| ${name} | ${f(s.total.p50)} | ${f(s.total.p99)} | ${f(s.init.p50)} | ${target} |`;
  const b = r.full.breakdown;
  const p = r.pool.breakdown;
  return [
    `Cold starts in-process (${r.sandbox}; Node hello world, 128 MB; n=${r.full.total.n} each):`,
    '',
    '| Scenario | p50 | p99 | Init Duration p50 | Target (p50 / p99) |',
    '|---|---:|---:|---:|---:|',
    row('Full sandbox: spawn → first response', r.full, '40 / 75 ms'),
    row('Stem-cell pool: assign + first invoke', r.pool, '10 / 20 ms'),
    '',
    'Breakdown (medians):',
    '',
    '| Part | Full sandbox | Pool |',
    '|---|---:|---:|',
    `| cgroup create + limits | ${f(b.cgroupMs)} | at refill |`,
    `| spawn (sh → bwrap until the process exists) | ${f(b.spawnMs)} | at refill |`,
    `| runtime boot (sandbox set-up + node + bootstrap, up to waiting for work) | ${f(r.stemBootP50)} (stem, at refill) | at refill |`,
    `| runtime boot + handler import → first /next | ${f(b.runtimeMs)} | — |`,
    `| specialization (size cgroup, hand over environment, mount code) | — | ${f(p.specializeMs)} |`,
    `| environment switch + handler import → first /next | — | ${f(p.importMs)} |`,
    `| Init Duration (REPORT) | ${f(b.initMs)} | ${f(p.initMs)} |`,
    '',
    `Pool hits: ${r.poolHits}/${r.pool.total.n}.`,
    ...(r.bypass.length > 0
      ? [
          '',
          'Functions that cannot use a runtime stem (start-up variables, their own bootstrap; 128 MB), a fresh sandbox vs an',
          'exec stem (sandbox, cgroup and privilege drop done at refill; the waiter execs the function\'s command):',
          '',
          '| Function | Fresh sandbox p50 / p99 | Exec stem p50 / p99 | Exec stem: specialization / exec → first /next (p50) | Exec stem hits |',
          '|---|---:|---:|---:|---:|',
          ...r.bypass.map((x) =>
            `| ${x.label} | ${f(x.full.total.p50)} / ${f(x.full.total.p99)} | ${f(x.exec.total.p50)} / ${f(x.exec.total.p99)} | ` +
            `${f(x.exec.breakdown.specializeMs)} / ${f(x.exec.breakdown.importMs)} | ${x.hits}/${x.exec.total.n} |`),
        ]
      : []),
    '',
    `Warm invoke of one environment (engine side, no HTTP; 1769 MB): running p50 ${f(r.warm.running.p50)} / p99 ${f(r.warm.running.p99)}; ` +
      `frozen then thawed p50 ${f(r.warm.thawed.p50)} / p99 ${f(r.warm.thawed.p99)}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const samples = Number(process.env['COLD_SAMPLES'] ?? 40);
  // COLD_RUNTIMES_DIR: measure with what a runtimes dir holds (the AWS SDK mount at /var/runtime/node_modules).
  const runtimesDir = process.env['COLD_RUNTIMES_DIR'];
  const r = await measureColdStarts({ samples, ...(runtimesDir ? { runtimesDir } : {}) });
  // COLD_JSON=1: the results as one JSON line (bench/nonroot.ts runs this as another user and reads them back).
  process.stdout.write(process.env['COLD_JSON'] === '1' ? `${JSON.stringify(r)}\n` : `${coldStartTable(r)}\n`);
}
