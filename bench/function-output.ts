// Function-output probe (not part of `npm run bench`): one function writes a single line of N MB (1 MB writes
// without a newline, then one newline) and returns once stdout took all of it (Node's pipe writes are asynchronous:
// otherwise the environment would be frozen with the rest still queued); reports how long the invoke took (≈ how
// long Lambent took to read and split the output), how long until the whole line was stored
// (log_streams.stored_bytes of the group reaches N MB), the Lambent process's peak RSS (VmHWM) and the largest
// stored event.
//
//   node --import tsx bench/function-output.ts [megabytes=128]      (BENCH_MEMORY_MB: the function's MemorySize, 512)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import Database from 'better-sqlite3';
import { deployFunction, lambdaClient, startServer } from '../tests/helpers/lambent.js';

const MB = Number(process.argv[2] ?? 128);

/** utime+stime of a process, ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100;
}

function status(pid: number, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const server = await startServer();
try {
  const pid = server.proc.pid as number;
  const client = lambdaClient(server.url);
  await deployFunction(
    client,
    'flood',
    { 'index.js': `exports.handler = async (e) => { const c = 'x'.repeat(1 << 20); for (let i = 0; i < e.mb; i++) process.stdout.write(c); await new Promise((r) => process.stdout.write('\\n', r)); return 'done'; };\n` },
    { Timeout: 900, MemorySize: Number(process.env['BENCH_MEMORY_MB'] ?? 512) },
  );
  const rssBefore = status(pid, 'VmRSS');
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  const out = await client.send(new InvokeCommand({ FunctionName: 'flood', Payload: Buffer.from(JSON.stringify({ mb: MB })) }));
  const tInvoke = performance.now() - t0;
  if (out.FunctionError) throw new Error(`function error: ${Buffer.from(out.Payload ?? []).toString()}`);
  const db = new Database(join(server.dataDir, 'lambent.db'), { readonly: true, fileMustExist: true });
  const stored = db.prepare("SELECT COALESCE(SUM(stored_bytes), 0) AS n FROM log_streams WHERE log_group = '/aws/lambda/flood'");
  while ((stored.get() as { n: number }).n < MB * 1048576) await new Promise((r) => setTimeout(r, 250));
  const tStored = performance.now() - t0;
  const lambentCpuMs = cpuMs(pid) - cpu0;
  const stats = db
    .prepare("SELECT COUNT(*) AS n, MAX(LENGTH(CAST(message AS BLOB))) AS maxBytes, SUM(LENGTH(CAST(message AS BLOB))) AS bytes FROM log_events WHERE log_group = '/aws/lambda/flood'")
    .get() as { n: number; maxBytes: number; bytes: number };
  db.close();
  console.log(
    JSON.stringify({
      lineMb: MB,
      invokeMs: Math.round(tInvoke),
      storedMs: Math.round(tStored),
      lambentCpuMs: Math.round(lambentCpuMs),
      rssBeforeMb: Math.round(rssBefore),
      peakRssMb: Math.round(status(pid, 'VmHWM')),
      events: stats.n,
      largestEventBytes: stats.maxBytes,
      storedMb: Math.round(stats.bytes / 1048576),
    }),
  );
} finally {
  await server.dispose();
}
