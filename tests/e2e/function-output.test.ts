// Function output at volume: one huge line without a newline, many lines, and the cap on stored logs. Lines are
// split in linear time into events no larger than CloudWatch's (262,144 bytes with 26 of overhead), other functions
// keep answering meanwhile, Lambent's memory stays bounded, and over --function-logs-max-mb the oldest events go.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import Database from 'better-sqlite3';
import { deployFunction, lambdaClient, startServer, type TestServer } from '../helpers/lambent.js';

const MAX_MESSAGE_BYTES = 262_144 - 26;

let server: TestServer;
let lambda: LambdaClient;

before(async () => {
  server = await startServer({ args: ['--idle-timeout', '60'] });
  lambda = lambdaClient(server.url);
});
after(async () => {
  lambda.destroy();
  await server.dispose();
});

async function invoke(client: LambdaClient, name: string, event: unknown = {}, logType?: 'Tail'): Promise<InvokeCommandOutput & { text: string }> {
  const out = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), ...(logType ? { LogType: logType } : {}) }));
  return Object.assign(out, { text: Buffer.from(out.Payload ?? []).toString('utf8') });
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Runs a read-only query on the server's database (the log writer flushes in the background). */
function query<T>(s: TestServer, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(s.dataDir, 'lambent.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function until<T>(what: string, f: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The handler returns only once stdout took everything (Node writes pipes asynchronously; without waiting, the
// environment would be frozen with output still queued), so the invoke lasts as long as Lambent takes to read it.
const FLOOD = `
exports.handler = async (e) => {
  const mb = 'x'.repeat(1 << 20);
  for (let i = 0; i < e.mb - 1; i++) process.stdout.write(mb);
  await new Promise((r) => process.stdout.write(mb, r));
  return 'flooded';
};`;

describe('function output at volume', () => {
  test('one 64 MB line without a newline: bounded events, other functions answer, Lambent stays small', async () => {
    // Timeout 60: splitting the line quadratically took minutes here; linearly it takes about a second.
    await deployFunction(lambda, 'flood', { 'index.js': FLOOD }, { Timeout: 60, MemorySize: 512 });
    await deployFunction(lambda, 'ping', { 'index.js': `exports.handler = async () => 'pong';` }, { Timeout: 10 });
    assert.equal((await invoke(lambda, 'ping')).text, '"pong"');

    const pid = server.proc.pid as number;
    let peakRss = rssMb(pid);
    let pongs = 0;
    let done = false;
    const flood = invoke(lambda, 'flood', { mb: 64 }).finally(() => (done = true));
    // Meanwhile another function keeps answering (each invoke bounded by its own 10 s timeout and the SDK).
    const pinging = (async () => {
      while (!done) {
        const p = await invoke(lambda, 'ping');
        assert.equal(p.FunctionError, undefined, p.text);
        assert.equal(p.text, '"pong"');
        pongs++;
        peakRss = Math.max(peakRss, rssMb(pid));
      }
    })();
    const out = await flood;
    await pinging;
    assert.equal(out.FunctionError, undefined, out.text);
    assert.equal(out.text, '"flooded"');
    assert.ok(pongs >= 1, 'another function answered while the output was being stored');

    // The line has no newline yet: all of it but the last partial event is stored, in events of at most the limit.
    const want = 64 * 1048576 - MAX_MESSAGE_BYTES;
    const stats = await until('the flood stored', () => {
      peakRss = Math.max(peakRss, rssMb(pid));
      // Sizes only (octet_length reads no message text): the line's events are the only ones over 1000 bytes.
      const [r] = query<{ n: number; bytes: number; maxBytes: number }>(
        server,
        `SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(message)), 0) AS bytes, MAX(octet_length(message)) AS maxBytes
         FROM log_events WHERE log_group = '/aws/lambda/flood' AND octet_length(message) > 1000`,
      );
      return r && r.bytes >= want ? r : undefined;
    });
    assert.ok(stats.maxBytes <= MAX_MESSAGE_BYTES, `an event of ${stats.maxBytes} bytes`);
    assert.equal(stats.maxBytes, MAX_MESSAGE_BYTES);
    assert.equal(stats.n, Math.floor((64 * 1048576) / MAX_MESSAGE_BYTES));
    assert.ok(peakRss < 600, `Lambent's RSS reached ${peakRss.toFixed(0)} MB`);
    const [content] = query<{ n: number }>(
      server,
      "SELECT COUNT(*) AS n FROM log_events WHERE log_group = '/aws/lambda/flood' AND octet_length(message) > 1000 AND message GLOB 'x*' AND message NOT GLOB '*[^x]*'",
    );
    assert.equal(content?.n, stats.n, 'the events hold the line and nothing else');
  });

  test('many lines: every one stored in order between START and END; the Tail is the last 4 KB', async () => {
    await deployFunction(lambda, 'lines', {
      'index.js': `
exports.handler = async (e) => {
  let batch = '';
  for (let i = 0; i < e.n; i++) {
    batch += 'line ' + i + '\\n';
    if (batch.length > 65536) { process.stdout.write(batch); batch = ''; }
  }
  await new Promise((r) => process.stdout.write(batch, r));
  return e.n;
};`,
    }, { Timeout: 60 });
    const n = 200_000;
    const out = await invoke(lambda, 'lines', { n }, 'Tail');
    assert.equal(out.FunctionError, undefined, out.text);
    const tail = Buffer.from(out.LogResult ?? '', 'base64');
    assert.ok(tail.length <= 4096 && tail.length > 3000, `tail of ${tail.length} bytes`);
    const text = tail.toString('utf8');
    assert.match(text, new RegExp(`\\nline ${n - 1}\\nEND RequestId: ${out.$metadata.requestId}\\nREPORT RequestId: `));

    const rows = await until('the lines stored', () => {
      const r = query<{ message: string }>(server, "SELECT message FROM log_events WHERE log_group = '/aws/lambda/lines' ORDER BY id");
      return r.some((x) => x.message.startsWith('REPORT ')) && r.length >= n + 3 ? r : undefined;
    });
    assert.match(rows[0]?.message ?? '', /^START RequestId: /);
    for (let i = 0; i < n; i++) {
      if (rows[i + 1]?.message !== `line ${i}`) assert.fail(`row ${i + 1}: ${rows[i + 1]?.message}`);
    }
    assert.match(rows[n + 1]?.message ?? '', /^END RequestId: /);
    assert.match(rows[n + 2]?.message ?? '', /^REPORT RequestId: /);
  });
});

describe('log cap', () => {
  test('over --function-logs-max-mb the oldest events are deleted and Lambent says so', async () => {
    const capped = await startServer({ env: { LAMBENT_FUNCTION_LOGS_MAX_MB: '1' } });
    const client = lambdaClient(capped.url);
    try {
      // Numbered 1000-byte lines, 1000 per invocation: 4 MB in all against a 1 MB cap.
      await deployFunction(client, 'chatty', {
        'index.js': `
exports.handler = async (e) => {
  let out = '';
  for (let i = 0; i < 1000; i++) out += String(e.base + i).padStart(8, '0') + ' ' + 'z'.repeat(991) + '\\n';
  await new Promise((r) => process.stdout.write(out, r));
  return e.base;
};`,
      });
      for (let k = 0; k < 4; k++) assert.equal((await invoke(client, 'chatty', { base: k * 1000 })).text, String(k * 1000));
      const sum = (): number =>
        query<{ bytes: number }>(capped, 'SELECT COALESCE(SUM(octet_length(message)), 0) AS bytes FROM log_events')[0]?.bytes ?? 0;
      // The last line written is stored, and the total is back under the cap.
      await until('trimmed under the cap', () => {
        const last = query(capped, "SELECT 1 FROM log_events WHERE message GLOB '00003999 *'");
        return last.length > 0 && sum() <= 1048576 ? true : undefined;
      });
      const bytes = sum();
      assert.ok(bytes >= 0.8 * 1048576, `only ${bytes} bytes kept: trimmed far below the cap`);
      // Oldest first: what is left of the numbered lines is an unbroken run ending with the newest.
      const nums = query<{ message: string }>(capped, "SELECT message FROM log_events WHERE message GLOB '[0-9]*' ORDER BY id").map((r) =>
        Number(r.message.slice(0, 8)),
      );
      assert.equal(nums.at(-1), 3999);
      assert.ok((nums[0] ?? 0) > 0, 'the oldest lines are gone');
      assert.deepEqual(nums, Array.from({ length: nums.length }, (_, i) => (nums[0] ?? 0) + i));
      assert.match(capped.output(), /WARN function logs reached their cap of 1\.0 MB: deleting the oldest events .*--function-logs-max-mb/);
      assert.equal(capped.output().match(/function logs reached their cap/g)?.length, 1, 'the warning is rate-limited');
    } finally {
      client.destroy();
      await capped.dispose();
    }
  });
});
