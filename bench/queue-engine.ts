// Queue engine benchmark (SqliteQueueStore alone: no HTTP, no codec, no authorization), on a database file in the
// temp dir with WAL + synchronous=FULL as Lambent runs it. Run: `node --import tsx bench/queue-engine.ts [million]`.
//
// - send: SendMessageBatch-sized calls (10 messages of ~200 bytes) from 1 and from 16 concurrent callers; every
//   resolved call is committed (group commit merges concurrent calls into one transaction).
// - drain: receive 10 + delete them, from 1 and from 16 concurrent consumers, until the queue is empty.
// - wake: a long poll waiting, one send; time until the receive resolves (both commits included).
// - open: time to load a queue of N messages (default 1,000,000) at start, and the heap the index takes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';

import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { NewMessage, QueueKey, QueueRow } from '../src/store/queue-types.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const BODY = JSON.stringify({ order: 12345, items: ['a', 'b', 'c'], note: 'x'.repeat(120) });

function row(name: string, fifo = false): QueueRow {
  return {
    accountId: ACCOUNT,
    region: REGION,
    name,
    arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
    createdAt: Date.now(),
    lastModifiedAt: Date.now(),
    attributes: {},
    tags: {},
    settings: {
      fifo,
      visibilityTimeoutSeconds: 30,
      delaySeconds: 0,
      retentionSeconds: 1_209_600,
      deduplicationScope: 'queue',
    },
  };
}

let sent = 0;
function batch(n: number, fifo = false): NewMessage[] {
  return Array.from({ length: n }, () => {
    const m: NewMessage = {
      messageId: randomUUID(),
      body: BODY,
      md5OfBody: '0123456789abcdef0123456789abcdef',
      senderId: ACCOUNT,
      delaySeconds: 0,
    };
    if (fifo) {
      // 100 message groups, as a FIFO queue feeding a mapping's parallel groups would have.
      m.groupId = `g${sent % 100}`;
      m.deduplicationId = String(sent);
    }
    sent++;
    return m;
  });
}

async function send(store: SqliteStore, q: QueueKey, total: number, callers: number, fifo = false): Promise<number> {
  let left = total / 10;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (left-- > 0) await store.queues.send(q, batch(10, fifo));
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

async function drain(store: SqliteStore, q: QueueKey, consumers: number): Promise<number> {
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: consumers }, async () => {
      for (;;) {
        const got = await store.queues.receive(q, { max: 10, waitMs: 0 });
        if (got.length === 0) return;
        await store.queues.deleteMessages(q, got.map((m) => m.receiptHandle));
        n += got.length;
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const million = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'lambent-queue-bench-'));
  const file = join(dir, 'db.sqlite');
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
  try {
    const store = new SqliteStore(file);
    await store.queues.open();
    const q = { accountId: ACCOUNT, region: REGION, name: 'bench' };
    await store.queues.createQueue(row('bench'));

    await send(store, q, 2_000, 1); // warm-up
    await drain(store, q, 1);
    const send1 = await send(store, q, 5_000, 1);
    const drain1 = await drain(store, q, 1);
    const send16 = await send(store, q, 50_000, 16);
    const drain16 = await drain(store, q, 16);
    console.log(`send, batches of 10, 1 caller:     ${fmt(send1)} messages/s`);
    console.log(`send, batches of 10, 16 callers:   ${fmt(send16)} messages/s`);
    console.log(`receive 10 + delete, 1 consumer:   ${fmt(drain1)} messages/s`);
    console.log(`receive 10 + delete, 16 consumers: ${fmt(drain16)} messages/s`);
    // A long poll waiting, one SendMessage: time from the send's call to the receive resolving with it.
    const lat: number[] = [];
    for (let i = 0; i < 500; i++) {
      const waiting = store.queues.receive(q, { max: 10, waitMs: 20_000 });
      const t0 = performance.now();
      void store.queues.send(q, batch(1));
      const got = await waiting;
      lat.push(performance.now() - t0);
      await store.queues.deleteMessages(q, got.map((m) => m.receiptHandle));
    }
    lat.sort((a, b) => a - b);
    const pct = (p: number): string => (lat[Math.floor((p / 100) * (lat.length - 1))] as number).toFixed(2);
    console.log(`send → waiting receive resolved: p50 ${pct(50)} ms, p99 ${pct(99)} ms`);
    const fq = { accountId: ACCOUNT, region: REGION, name: 'bench.fifo' };
    await store.queues.createQueue(row('bench.fifo', true));
    const fifoSend16 = await send(store, fq, 50_000, 16, true);
    const fifoDrain16 = await drain(store, fq, 16);
    console.log(`FIFO (100 groups) send, batches of 10, 16 callers: ${fmt(fifoSend16)} messages/s`);
    console.log(`FIFO (100 groups) receive 10 + delete, 16 consumers: ${fmt(fifoDrain16)} messages/s`);

    if (million > 0) {
      // Fill in large calls (not what is measured here), then reopen.
      const big = { accountId: ACCOUNT, region: REGION, name: 'big' };
      await store.queues.createQueue(row('big'));
      const fillStarted = performance.now();
      for (let i = 0; i < million; i += 1000) await store.queues.send(big, batch(Math.min(1000, million - i)));
      const fillS = (performance.now() - fillStarted) / 1000;
      await store.close();
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const reopened = new SqliteStore(file);
      await reopened.queues.open();
      const openMs = performance.now() - started;
      global.gc?.();
      const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      console.log(`fill ${fmt(million)} messages (calls of 1000): ${fillS.toFixed(1)} s`);
      console.log(`open() with ${fmt(million)} messages: ${fmt(openMs)} ms, index heap ≈ ${heapMb.toFixed(0)} MB` +
        (global.gc ? '' : ' (run with --expose-gc for an exact figure)'));
      const counts = reopened.queues.counts(big);
      if (counts.visible !== million) throw new Error(`expected ${million} visible, found ${counts.visible}`);
      const drainBig = await (async () => {
        const t = performance.now();
        let n = 0;
        while (n < 20_000) {
          const got = await reopened.queues.receive(big, { max: 10, waitMs: 0 });
          await reopened.queues.deleteMessages(big, got.map((m) => m.receiptHandle));
          n += got.length;
        }
        return n / ((performance.now() - t) / 1000);
      })();
      console.log(`receive 10 + delete on the ${fmt(million)}-message queue, 1 consumer: ${fmt(drainBig)} messages/s`);
      await reopened.close();
    } else {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
