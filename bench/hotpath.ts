// Warm-invoke probe for hot-path work (not part of `npm run bench`): starts a
// Lambent server, creates one 1,769 MB hello-world function and reports
// sequential signed-invoke latency, c=32 throughput, and the CPU time the
// Lambent process and the runtime process spend per invoke (from
// /proc/<pid>/stat: CPU time is far less sensitive than wall time to other
// load on the machine, so before/after comparisons use it).
//
//   node --import tsx bench/hotpath.ts [sequential=3000] [throughputMs=4000] [concurrency=32]
//   LAMBENT_PROFILE=dir  → the server runs with --cpu-prof into dir
//   LAMBENT_CALLGRIND=file → instructions per invoke under valgrind (repeatable on a busy machine)
//   LAMBENT_WRAPPER="strace -c -f -o file" → the server runs under that command (e.g. to count syscalls)
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateFunctionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { lambdaClient, makeZip, startServer, tempDir, TEST_RUNTIMES_DIR, type TestServer } from '../tests/helpers/lambent.js';
import { ensureBenchRole } from './roles.js';
import { signedInvokeHeaders } from './signing.js';

const SEQ = Number(process.argv[2] ?? 3000);
const TPUT_MS = Number(process.argv[3] ?? 4000);
const CONC = Number(process.argv[4] ?? 32);
const HANDLER = 'exports.handler = async (e) => ({ ok: true })\n';
const EVENT = JSON.stringify({ bench: true });
/**
 * The c=CONC phase needs CONC environments of 1,769 MB (56 GB at 32), more than the host budget Lambent detects: it
 * would measure throttles, not the invoke path. A hello world uses ~50 MB, so the bench lets them all be held.
 */
const CAPACITY_ARGS = ['--host-memory-mb', String(CONC * 1769 + 2048)];

/** utime+stime in ms of a pid (and, with children=true, its reaped children). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number): void => {
    let kids: string[] = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return;
    }
    for (const k of kids) {
      out.push(Number(k));
      walk(Number(k));
    }
  };
  walk(pid);
  return out;
}

function nodeDescendants(pid: number): number[] {
  return descendants(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim().startsWith('node');
    } catch {
      return false;
    }
  });
}

/** --cpu-prof is refused in NODE_OPTIONS, so the profiled server is spawned here with it on the command line. */
async function startProfiled(nodeArgs: string[], wrapper: string[] = []): Promise<Pick<TestServer, 'url' | 'proc' | 'dispose'>> {
  const dataDir = tempDir('lambent-hot-');
  const bin = new URL('../bin/lambent.js', import.meta.url).pathname;
  const argv = [...wrapper, process.execPath, ...nodeArgs, bin, 'start', '--port', '0', '--data-dir', dataDir, ...CAPACITY_ARGS];
  // As startServer does: the shared installed runtimes, nothing installed in the background meanwhile (an SDK or Node
  // install would run inside the measurement).
  const env = { ...process.env, LAMBENT_RUNTIMES_DIR: TEST_RUNTIMES_DIR, LAMBENT_RUNTIME_INSTALL: 'off' };
  const proc = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], env });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let out = '';
  const url = await new Promise<string>((resolve) => {
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
  });
  return {
    url,
    proc,
    async dispose() {
      proc.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const profDir = process.env['LAMBENT_PROFILE'];
  const grind = process.env['LAMBENT_CALLGRIND'];
  const wrapper = process.env['LAMBENT_WRAPPER'];
  const server = profDir
    ? await startProfiled(['--cpu-prof', `--cpu-prof-dir=${profDir}`])
    : wrapper
      ? await startProfiled([], wrapper.split(' '))
      : grind
      ? await startProfiled([], ['valgrind', '--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${grind}`, '--dump-instr=no', '--instr-atstart=no'])
      : await startServer({ args: CAPACITY_ARGS });
  const u = new URL(server.url);
  const host = u.hostname;
  const port = Number(u.port);
  const lambda = lambdaClient(server.url, { region: 'us-east-1' });
  try {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'hot',
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: await ensureBenchRole(server.url),
        Code: { ZipFile: makeZip({ 'index.js': HANDLER }) },
        MemorySize: 1769,
        Timeout: 10,
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: 'hot' });
    const path = '/2015-03-31/functions/hot/invocations';
    const send = async (agent: Agent): Promise<number> => {
      const headers = await signedInvokeHeaders(host, port, path, EVENT);
      return new Promise((resolve, reject) => {
        const t0 = performance.now();
        const req = request({ host, port, method: 'POST', path, headers, agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => {
            if (res.statusCode !== 200 || body !== '{"ok":true}') reject(new Error(`${res.statusCode} ${body}`));
            else resolve(performance.now() - t0);
          });
        });
        req.on('error', reject);
        req.end(EVENT);
      });
    };
    const pct = (s: number[], p: number): number => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;

    // Sequential.
    const a1 = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < (grind ? 3000 : 300); i++) await send(a1);
    const kids = nodeDescendants(server.proc.pid ?? 0);
    const spid = server.proc.pid ?? 0;
    const c0 = cpuMs(spid);
    const k0 = kids.map(cpuMs);
    const lat: number[] = [];
    // Under callgrind, count instructions of the measured invokes only.
    if (grind) execFileSync('callgrind_control', ['--instr=on', String(spid)]);
    for (let i = 0; i < SEQ; i++) lat.push(await send(a1));
    if (grind) {
      execFileSync('callgrind_control', ['--instr=off', String(spid)]);
      execFileSync('callgrind_control', ['--dump', String(spid)]);
    }
    const c1 = cpuMs(spid);
    const k1 = kids.map(cpuMs);
    a1.destroy();
    lat.sort((x, y) => x - y);
    const kidCpu = k1.reduce((s, v, i) => s + v - (k0[i] ?? 0), 0);
    process.stdout.write(
      `sequential n=${SEQ}: p50 ${pct(lat, 50).toFixed(3)} ms p90 ${pct(lat, 90).toFixed(3)} p99 ${pct(lat, 99).toFixed(3)} ms; ` +
        `CPU/invoke lambent ${((1000 * (c1 - c0)) / SEQ).toFixed(1)} µs, runtime ${((1000 * kidCpu) / SEQ).toFixed(1)} µs (${kids.length} node procs)\n`,
    );

    // Throughput.
    if (TPUT_MS > 0) {
      const a = new Agent({ keepAlive: true, maxSockets: CONC });
      const warmEnd = performance.now() + 1000;
      await Promise.all(Array.from({ length: CONC }, async () => { while (performance.now() < warmEnd) await send(a); }));
      const t0 = performance.now();
      const cpu0 = cpuMs(spid);
      const end = t0 + TPUT_MS;
      let n = 0;
      await Promise.all(Array.from({ length: CONC }, async () => { while (performance.now() < end) { await send(a); n++; } }));
      const secs = (performance.now() - t0) / 1000;
      const cpu1 = cpuMs(spid);
      a.destroy();
      process.stdout.write(`throughput c=${CONC}: ${(n / secs).toFixed(0)}/s; lambent CPU/invoke ${((1000 * (cpu1 - cpu0)) / n).toFixed(1)} µs\n`);
    }
  } finally {
    lambda.destroy();
    await server.dispose();
  }
  if (profDir) process.stdout.write(`profiles: ${readdirSync(profDir).join(', ')}\n`);
  if (grind) {
    let ir = 0;
    for (const f of readdirSync(dirname(grind)).filter((f) => f.startsWith(basename(grind)))) {
      const m = /^totals: (\d+)/m.exec(readFileSync(join(dirname(grind), f), 'utf8'));
      if (m) ir = Math.max(ir, Number(m[1]));
    }
    process.stdout.write(`callgrind: ${(ir / SEQ / 1000).toFixed(1)} k instructions per invoke in the Lambent process (user space)\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
